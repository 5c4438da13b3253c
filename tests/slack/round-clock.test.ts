import { type Logger, LogLevel, webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_SLACK_IDS, type FakeSlack, startFakeSlack } from '../../src/playground/fake-slack/index.ts';
import type { RequestContext } from '../../src/slack/deliver.ts';
import { bindDelivery, createDelivery } from '../../src/slack/posting.ts';
import { roundClockTick } from '../../src/slack/rounds.ts';
import { openStore } from '../../src/store/index.ts';
import type { RoundRecord, Store } from '../../src/store/types.ts';
import { renderedText } from '../helpers/app-calls.ts';
import { HOT_PATH_SERVICE } from '../helpers/sample-answers.ts';

/**
 * The round clock over many workspaces, called directly against the fake's Web API: rounds of a workspace the
 * app is no longer installed in are retired, so they do not hold up the rounds of the workspaces it serves.
 */

const { team: LIVE, users, channels } = FAKE_SLACK_IDS;
const { alice: ALICE, bob: BOB } = users;
const GONE = 'T0GONE';
/** More rounds of the uninstalled workspace than the clock takes up in one pass. */
const GONE_ROUNDS = 21;
/** Passes of the clock the test allows: a bound, not a schedule. */
const TICKS = 3;
const TOKEN = 'xoxb-0000000000-1111111111-roundClockTestToken';

const T0 = new Date('2026-11-30T09:00:00Z');
const HOUR = 60 * 60 * 1000;
const at = (ms: number) => new Date(T0.getTime() + ms);

let fake: FakeSlack;
let store: Store;
let logs: string[];
let logger: Logger;
let client: webApi.WebClient;

beforeEach(async () => {
  fake = await startFakeSlack({ signingSecret: 'round-clock-test-secret' });
  fake.setChannelPostLimit(null);
  store = await openStore({ kind: 'sqlite', path: ':memory:' });
  logs = [];
  const log =
    (level: string) =>
    (...message: unknown[]) =>
      logs.push(
        `[${level}] ${message.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ')}`,
      );
  logger = {
    debug() {},
    info: log('INFO'),
    warn: log('WARN'),
    error: log('ERROR'),
    setLevel() {},
    getLevel: () => LogLevel.INFO,
    setName() {},
  };
  client = new webApi.WebClient(TOKEN, { slackApiUrl: fake.apiUrl, logger });
  bindDelivery(client, createDelivery({ channelPace: null }), LIVE);
});
afterEach(async () => {
  await store.close();
  await fake.close();
});

/** The app's client for the live workspace; none for the workspace that uninstalled the app. */
async function contextFor(round: RoundRecord): Promise<RequestContext | undefined> {
  if (round.teamId !== LIVE) return undefined;
  return { client, logger, userId: round.organiserId, channelId: round.channelId, source: 'round_clock' };
}

async function tick(now: Date): Promise<void> {
  for (let n = 0; n < TICKS; n += 1) await roundClockTick(store, now, contextFor, logger);
}

/** A round posted in its channel (a message in the fake for the live workspace), with the organiser's view. */
async function postedRound(teamId: string, deadlineAt: Date, participants: string[] = []) {
  const round = await store.createRound({
    teamId,
    channelId: channels.general,
    organiserId: ALICE,
    participants,
    deadlineAt,
    createdAt: T0,
  });
  const ts =
    teamId === LIVE
      ? ((await client.chat.postMessage({ channel: channels.general, text: 'Team round' })).ts ?? '')
      : `1700000000.${String(deadlineAt.getTime()).slice(-6)}`;
  await store.markRoundPosted({ teamId }, round.id, { channelId: channels.general, messageTs: ts });
  await store.saveView({ teamId }, round.id, ALICE, HOT_PATH_SERVICE, T0);
  return { ...round, ts };
}

/** The live round's message as people in #general read it. */
function shown(ts: string): string {
  const message = fake.messages(channels.general).find((m) => m.ts === ts);
  return renderedText(message?.blocks ?? []).join('\n');
}

async function closedBy(teamId: string, roundId: string) {
  return (await store.getRound({ teamId }, roundId))?.closedBy;
}

describe('the round clock, with rounds of a workspace that uninstalled the app', () => {
  it('closes a live workspace’s round at its deadline though more rounds of the gone workspace were due first; those are closed unposted', async () => {
    const gone = [];
    for (let i = 0; i < GONE_ROUNDS; i += 1) gone.push(await postedRound(GONE, at(i * 1000)));
    const live = await postedRound(LIVE, at(HOUR));

    await tick(at(2 * HOUR));

    expect(await closedBy(LIVE, live.id)).toBe('deadline');
    expect(shown(live.ts)).toMatch(/Decision #1/);
    for (const round of gone) expect(await closedBy(GONE, round.id)).toBe('not-posted');
    expect(logs.filter((l) => l.startsWith('[ERROR]'))).toEqual([]);
  });

  it('shows a live round’s result that failed to show, though more unfinished rounds of the gone workspace came first', async () => {
    const gone = [];
    for (let i = 0; i < GONE_ROUNDS; i += 1) {
      const round = await postedRound(GONE, at(HOUR));
      // Closed, its result never shown: the app was uninstalled before it could show it.
      await store.claimClose({ teamId: GONE }, round.id, 'deadline', at(i * 1000));
      gone.push(round);
    }
    const live = await postedRound(LIVE, at(HOUR));
    await store.claimClose({ teamId: LIVE }, live.id, ALICE, at(HOUR));

    await tick(at(2 * HOUR));

    expect(shown(live.ts)).toMatch(/Decision #1/);
    expect((await store.getRound({ teamId: LIVE }, live.id))?.finishedAt).toBeDefined();
    for (const round of gone) {
      expect((await store.getRound({ teamId: GONE }, round.id))?.finishedAt).toBeDefined();
    }
  });

  it('nudges a live round’s named teammate halfway, though more rounds of the gone workspace were due a nudge first', async () => {
    // Halfway: 2 hours in for the gone workspace's rounds, 3 hours in for the live one's.
    for (let i = 0; i < GONE_ROUNDS; i += 1) await postedRound(GONE, at(4 * HOUR + i * 1000), [BOB]);
    await postedRound(LIVE, at(6 * HOUR), [BOB]);

    await tick(at(3 * HOUR));

    const nudged = fake.calls.filter(
      (c) => c.method === 'chat.postMessage' && c.ok && c.args.channel === BOB,
    );
    expect(nudged.map((c) => String(c.args.text))).toEqual([
      expect.stringMatching(/asked for your view in a Rust-or-Python team round/),
    ]);
  });
});
