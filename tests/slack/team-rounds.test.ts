import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_SLACK_IDS, startFakeSlack, type ViewInputs } from '../../src/playground/fake-slack/index.ts';
import type { RequestContext } from '../../src/slack/deliver.ts';
import { REPEAT_PRESS_GRACE_MS } from '../../src/slack/listeners/actions/repeat-presses.ts';
import { bindDelivery, createDelivery } from '../../src/slack/posting.ts';
import * as rounds from '../../src/slack/rounds.ts';
import { openStore } from '../../src/store/index.ts';
import type { DatabaseLocation, Store } from '../../src/store/types.ts';
import { renderedText, settle, waitForCall } from '../helpers/app-calls.ts';
import { eventually } from '../helpers/eventually.ts';
import { freshPostgresDatabase } from '../helpers/postgres.ts';
import { quietLogger } from '../helpers/quiet-logger.ts';
import { ephemeralsOf as ephemeralsIn } from '../helpers/round-steps.ts';
import { HOT_PATH_SERVICE, WEB_MVP_ESSENTIALS } from '../helpers/sample-answers.ts';
import { startTestApp, TEST_BOT_TOKEN, type TestApp } from '../helpers/test-app.ts';

/**
 * Team rounds end to end through the receiver: the organiser opens a round with /rust-or-python team, teammates
 * add their views privately, the round closes once (by the organiser or at its deadline) into the team's
 * verdict with "Where the team disagrees" in its thread.
 */

const { alice: ALICE, bob: BOB, carol: CAROL } = FAKE_SLACK_IDS.users;
const { general: GENERAL } = FAKE_SLACK_IDS.channels;
const HOUR = 60 * 60 * 1000;

/** A web MVP by a Python team. */
const CPU_WEB = { ...WEB_MVP_ESSENTIALS, latency: 'interactive' } as const;

const apps: TestApp[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const t of apps.splice(0)) await t.close();
  for (const c of cleanups.splice(0)) await c();
});

/** A clock the test moves. */
function testClock(start = new Date('2026-11-30T09:00:00Z')) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

async function start(options: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  const t = await startTestApp(options);
  apps.push(t);
  return t;
}

/** The round message in #general as people see it now. */
function roundMessage(t: TestApp) {
  const message = t.fakeSlack
    .messages(GENERAL)
    .find(
      (m) =>
        JSON.stringify(m.blocks ?? []).includes('close_round') || /Team verdict|team’s verdict/i.test(m.text),
    );
  if (message === undefined) throw new Error('no round message in #general');
  return { ...message, shown: renderedText(message.blocks ?? []).join('\n') };
}

/** `userId` presses the button `actionId` on the round message (`ts`). */
function press(t: TestApp, userId: string, actionId: string, ts: string) {
  return t.fakeSlack.clickButton({ userId, actionId, channelId: GENERAL, messageTs: ts });
}

/** Resolves once the round message has become the team's verdict, decision #1. */
async function roundClosed(t: TestApp, what: string): Promise<void> {
  await eventually(() => (roundMessage(t).shown.match(/Decision #1/) ? true : undefined), what);
}

/**
 * `/rust-or-python team` by the organiser, both pages answered (page 2 with `details`), naming `participants`.
 */
async function openRound(
  t: TestApp,
  organiser: string,
  answers: ViewInputs,
  { participants = [], details = {} }: { participants?: string[]; details?: ViewInputs } = {},
) {
  const mark = t.fakeSlack.calls.length;
  await t.fakeSlack.slashCommand({ userId: organiser, channelId: GENERAL, text: 'team Orders API' });
  await waitForCall(t.fakeSlack, mark, (c) => c.method === 'views.open' && c.ok);
  const page1 = await t.fakeSlack.submitView({
    userId: organiser,
    inputs: { ...answers, round_participants: participants } as ViewInputs,
  });
  expect(page1.body).toMatchObject({ response_action: 'push' });
  await t.fakeSlack.submitView({ userId: organiser, inputs: details });
  await eventually(() => {
    try {
      return roundMessage(t);
    } catch {
      return undefined;
    }
  }, 'the round message');
  await settle(t.fakeSlack, 100);
  return roundMessage(t);
}

/** The organiser closes the round; resolves with its thread (the team's details) as people read it. */
async function closeAndReadThread(t: TestApp, organiser: string, ts: string): Promise<string> {
  await press(t, organiser, 'close_round', ts);
  await roundClosed(t, 'the round closed');
  await settle(t.fakeSlack, 150);
  return (t.fakeSlack.messages(GENERAL).find((x) => x.ts === ts)?.replies ?? [])
    .map((r) => renderedText(r.blocks ?? []).join('\n'))
    .join('\n');
}

/** A teammate presses Add my view and answers (page 1 as given over the organiser's pre-filled answers). */
async function addView(t: TestApp, user: string, ts: string, changes: ViewInputs = {}) {
  const mark = t.fakeSlack.calls.length;
  await press(t, user, 'add_my_view', ts);
  const opened = await waitForCall(
    t.fakeSlack,
    mark,
    (c) => c.method === 'views.open' || c.method === 'chat.postEphemeral' || c.method === 'response_url',
  );
  if (opened.method !== 'views.open') return false;
  await t.fakeSlack.submitView({ userId: user, inputs: changes });
  await t.fakeSlack.submitView({ userId: user, inputs: {} });
  await settle(t.fakeSlack, 100);
  return true;
}

/**
 * One result since call `mark`: one decision stored, the round message turned into the verdict once, one
 * thread of details.
 */
async function expectOneResult(t: TestApp, ts: string, mark: number, database: DatabaseLocation) {
  await settle(t.fakeSlack, 300);
  const store: Store = await openStore(database);
  cleanups.unshift(() => store.close());
  expect(await store.listAll({ teamId: FAKE_SLACK_IDS.team })).toHaveLength(1);
  const results = t.fakeSlack.calls
    .slice(mark)
    .filter((c) => c.method === 'chat.update' && c.ok && c.args.ts === ts);
  expect(results).toHaveLength(1);
  const replies = t.fakeSlack.messages(GENERAL).find((m) => m.ts === ts)?.replies ?? [];
  expect(
    replies.filter((r) => /Where the team disagrees/.test(renderedText(r.blocks ?? []).join('\n'))),
  ).toHaveLength(1);
}

/** What `userId` has been told privately in #general, oldest first. */
const ephemeralsOf = (t: TestApp, userId: string) => ephemeralsIn(t.fakeSlack, userId);

describe('a team round', () => {
  it('three views, one changed: who answered shows, never what; the organiser closes it into the team verdict, with where the team disagrees', async () => {
    const t = await start();
    const opened = await openRound(t, ALICE, { ...CPU_WEB, latency: 'strict' } as ViewInputs);
    expect(opened.shown).toMatch(/1 answered/);
    expect(opened.shown).not.toMatch(/Strict/);

    expect(await addView(t, BOB, opened.ts)).toBe(true);
    // Carol answers, then changes her mind: one view per person.
    expect(await addView(t, CAROL, opened.ts, { latency: 'strict' } as ViewInputs)).toBe(true);
    // Pressed again later than a double click: a new request.
    await new Promise((resolve) => setTimeout(resolve, REPEAT_PRESS_GRACE_MS + 50));
    expect(await addView(t, CAROL, opened.ts, { latency: 'interactive' } as ViewInputs)).toBe(true);
    const open = roundMessage(t);
    expect(open.shown).toMatch(/3 answered/);
    expect(open.shown).toContain(`<@${BOB}>`);
    expect(open.shown).not.toMatch(/Interactive|Strict/);
    expect(ephemeralsOf(t, CAROL).some((e) => /replaces the one you gave before/.test(e))).toBe(true);

    // Only the organiser closes it.
    await press(t, BOB, 'close_round', opened.ts);
    await eventually(
      () => ephemeralsOf(t, BOB).find((e) => /Only the organiser/.test(e)),
      'Bob told only the organiser can close',
    );
    expect(roundMessage(t).shown).toMatch(/3 answered/);

    const replies = await closeAndReadThread(t, ALICE, opened.ts);
    const result = roundMessage(t);
    expect(result.shown).toMatch(/Decision #1/);
    expect(result.shown).toMatch(/3 views/);
    expect(result.replies.length).toBeGreaterThan(2);
    expect(replies).toMatch(/Where the team disagrees/);
    // Bob kept the organiser’s strict latency, Carol changed hers to interactive.
    expect(replies).toMatch(/Latency\*?: 2 × Strict[^\n]*1 × Interactive/);
    // An I/O-bound web MVP: Python whichever latency is right, and the thread says so.
    expect(replies).toMatch(/The verdict is the same whichever of these is true/);
    expect(replies).toContain(`<@${CAROL}>`);
  });

  it('a teammate’s form starts from the organiser’s answers on both pages, so a page-2 answer nobody changed stays the team’s', async () => {
    const t = await start();
    const opened = await openRound(t, ALICE, CPU_WEB as ViewInputs, {
      details: { compute: 'cpu-bound', memory: 'constrained' } as ViewInputs,
    });
    expect(await addView(t, BOB, opened.ts)).toBe(true);
    const replies = await closeAndReadThread(t, ALICE, opened.ts);
    // Bob kept Alice's page-2 answers: no disagreement about them, and the team's verdict keeps them.
    expect(replies).not.toMatch(/Where the time goes|Compute|Memory\*?:/);
    expect(replies).toMatch(/The team agrees on every answer/);
  });

  it('a disagreement that decides the verdict says so in the thread, with how to settle it', async () => {
    const t = await start();
    // A CPU-bound web MVP by a Python team: strict latency makes the case for a Rust core.
    const opened = await openRound(t, ALICE, { ...CPU_WEB, latency: 'strict' } as ViewInputs, {
      details: { compute: 'cpu-bound' } as ViewInputs,
    });
    expect(await addView(t, BOB, opened.ts, { latency: 'interactive' } as ViewInputs)).toBe(true);
    expect(await addView(t, CAROL, opened.ts, { latency: 'interactive' } as ViewInputs)).toBe(true);
    const replies = await closeAndReadThread(t, ALICE, opened.ts);
    expect(replies).toMatch(/Latency\*?: 2 × Interactive[^\n]*1 × Strict/);
    expect(replies).toMatch(/This disagreement decides the verdict: settle it first/);
  });

  it('the team verdict is a decision record like any other: accepted, it still says whose views it rests on, and its record names them', async () => {
    const t = await start();
    const opened = await openRound(t, ALICE, CPU_WEB as ViewInputs, { participants: [BOB, CAROL] });
    expect(await addView(t, BOB, opened.ts, { latency: 'strict' } as ViewInputs)).toBe(true);
    await closeAndReadThread(t, ALICE, opened.ts);
    const teamLine = `Team verdict from 2 views*: <@${ALICE}> and <@${BOB}> · Not answered: <@${CAROL}>`;
    expect(roundMessage(t).shown).toContain(teamLine);

    let mark = t.fakeSlack.calls.length;
    await press(t, CAROL, 'accept_decision', opened.ts);
    await waitForCall(t.fakeSlack, mark, (c) => c.method === 'chat.update' && c.ok);
    const accepted = roundMessage(t);
    expect(accepted.shown).toMatch(/Accepted by <@U0CAROL>/);
    expect(accepted.shown).toContain(teamLine);

    mark = t.fakeSlack.calls.length;
    await press(t, CAROL, 'decision_record', opened.ts);
    await waitForCall(t.fakeSlack, mark, (c) => c.method === 'views.open' && c.ok);
    const record = renderedText(t.fakeSlack.snapshot(CAROL).modalStack.at(-1)?.view.blocks ?? []).join('\n');
    expect(record).toContain(`_consulted: ${ALICE}, ${BOB}_`);
    expect(record).toContain(`A team round: this verdict combines the views of ${ALICE} and ${BOB}.`);
  });

  it('views survive a restart of the app between them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rop-rounds-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const database = { kind: 'sqlite' as const, path: join(dir, 'rounds.sqlite') };
    const first = await start({ database });
    const opened = await openRound(first, ALICE, CPU_WEB as ViewInputs);
    expect(await addView(first, BOB, opened.ts)).toBe(true);
    // The app stops; another process of it starts on the same database, in the same workspace.
    await first.slackApp.stop();
    apps.splice(apps.indexOf(first), 1);
    cleanups.push(() => first.fakeSlack.close());
    const second = await start({ database, sharedFakeSlack: first.fakeSlack });
    first.fakeSlack.setAppUrl(`${second.appUrl}/slack/events`);
    expect(await addView(second, CAROL, opened.ts)).toBe(true);
    expect(roundMessage(second).shown).toMatch(/3 answered/);
    await press(second, ALICE, 'close_round', opened.ts);
    await roundClosed(second, 'the round closed');
    expect(roundMessage(second).shown).toMatch(/3 views/);
  });

  it('a person the organiser did not name is told privately, and no view is taken from them', async () => {
    const t = await start();
    const opened = await openRound(t, ALICE, CPU_WEB as ViewInputs, { participants: [BOB] });
    expect(await addView(t, CAROL, opened.ts)).toBe(false);
    await eventually(
      () => ephemeralsOf(t, CAROL).find((e) => /for the people its organiser named/.test(e)),
      'Carol refused',
    );
    expect(roundMessage(t).shown).toMatch(/1 of/);
  });

  it('the deadline closes it exactly once, with two instances over one PostgreSQL watching the clock', async () => {
    const db = await freshPostgresDatabase();
    cleanups.push(() => db.drop());
    const clock = testClock();
    const database = { kind: 'postgres' as const, url: db.url };
    const first = await start({ database, clock: clock.now, roundClockMs: 20 });
    const opened = await openRound(first, ALICE, CPU_WEB as ViewInputs);
    expect(await addView(first, BOB, opened.ts, { latency: 'strict' } as ViewInputs)).toBe(true);
    // A second instance of the app: the same database, the same workspace, its own round clock.
    await start({ database, clock: clock.now, roundClockMs: 20, sharedFakeSlack: first.fakeSlack });
    const mark = first.fakeSlack.calls.length;
    clock.advance(25 * HOUR);
    await roundClosed(first, 'the round closed at its deadline');
    await expectOneResult(first, opened.ts, mark, database);
  });

  it('a result that failed to show is shown once, a minute later, by one of two instances', async () => {
    const db = await freshPostgresDatabase();
    cleanups.push(() => db.drop());
    const clock = testClock();
    const database = { kind: 'postgres' as const, url: db.url };
    const first = await start({ database, clock: clock.now, roundClockMs: 20 });
    await start({ database, clock: clock.now, roundClockMs: 20, sharedFakeSlack: first.fakeSlack });
    const opened = await openRound(first, ALICE, CPU_WEB as ViewInputs);
    expect(await addView(first, BOB, opened.ts, { latency: 'strict' } as ViewInputs)).toBe(true);

    // Slack refuses the update that would show the result: the organiser is told, the round still looks open.
    first.fakeSlack.fail('chat.update', { error: 'fatal_error' }, 1);
    const mark = first.fakeSlack.calls.length;
    await press(first, ALICE, 'close_round', opened.ts);
    await eventually(
      () => ephemeralsOf(first, ALICE).find((e) => /show the team’s verdict on the round message/.test(e)),
      'the organiser told the result could not be shown',
    );
    expect(roundMessage(first).shown).toMatch(/2 answered/);

    // A minute on, the round clocks of both instances find it unfinished; one of them shows it.
    clock.advance(61_000);
    await roundClosed(first, 'the result shown after all');
    await expectOneResult(first, opened.ts, mark, database);
  });

  it('a round message Slack will never update (deleted) is given up once, and the organiser told once', async () => {
    const clock = testClock();
    const dir = mkdtempSync(join(tmpdir(), 'rop-rounds-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const database = { kind: 'sqlite' as const, path: join(dir, 'rounds.sqlite') };
    const t = await start({ database, clock: clock.now, roundClockMs: 20 });
    const opened = await openRound(t, ALICE, CPU_WEB as ViewInputs);
    expect(await addView(t, BOB, opened.ts)).toBe(true);

    const gone =
      /Slack answered "message_not_found", so it cannot be shown there\. The verdict is saved as Decision #1\./;
    t.fakeSlack.fail('chat.update', { error: 'message_not_found' }, 1);
    await press(t, ALICE, 'close_round', opened.ts);
    await eventually(() => ephemeralsOf(t, ALICE).find((e) => gone.test(e)), 'the organiser told');

    // Minutes on, the round clock has nothing to take up again: no second try, no second notice.
    const mark = t.fakeSlack.calls.length;
    clock.advance(5 * 60_000);
    await settle(t.fakeSlack, 300);
    expect(t.fakeSlack.calls.slice(mark).filter((c) => c.method === 'chat.update')).toEqual([]);
    expect(ephemeralsOf(t, ALICE).filter((e) => gone.test(e))).toHaveLength(1);
    const store: Store = await openStore(database);
    cleanups.unshift(() => store.close());
    expect(await store.unfinishedRounds(new Date(clock.now().getTime() + 60 * 60_000), 10)).toEqual([]);
    expect((await store.listAll({ teamId: FAKE_SLACK_IDS.team })).map((d) => d.number)).toEqual([1]);
  });
});

/**
 * The round message when Slack's answers cross: rounds.ts called directly against the fake's Web API, with one
 * chat.update held on its way (a slow or rate-limited Slack, another instance's update) while others land.
 */
describe('the round message when updates cross on their way to Slack', () => {
  const WORKSPACE = { teamId: FAKE_SLACK_IDS.team };
  const NOW = new Date('2026-11-30T09:00:00Z');

  /**
   * A round posted in #general with Alice's view, and the workspace's client, whose first count update (the
   * open round's "N answered") waits for `release` after it was sent and before Slack gets it.
   */
  async function roundWithHeldCount() {
    const fake = await startFakeSlack({ signingSecret: 'crossing-updates-secret' });
    fake.setChannelPostLimit(null);
    const store = await openStore({ kind: 'sqlite', path: ':memory:' });
    cleanups.push(async () => {
      await store.close();
      await fake.close();
    });
    const client = new webApi.WebClient(TEST_BOT_TOKEN, { slackApiUrl: fake.apiUrl, logger: quietLogger });
    bindDelivery(client, createDelivery({ channelPace: null }), WORKSPACE.teamId);
    let sent!: () => void;
    let release!: () => void;
    const held = {
      sent: new Promise<void>((resolve) => (sent = resolve)),
      landed: new Promise<void>((resolve) => (release = resolve)),
      release: () => release(),
      taken: false,
    };
    const apiCall = client.apiCall.bind(client);
    client.apiCall = async (method, args) => {
      if (method === 'chat.update' && !held.taken && / answered/.test(String(args?.text))) {
        held.taken = true;
        sent();
        await held.landed;
      }
      return apiCall(method, args);
    };
    const { ts } = await client.chat.postMessage({ channel: GENERAL, text: 'Team round' });
    const round = await store.createRound({
      ...WORKSPACE,
      channelId: GENERAL,
      organiserId: ALICE,
      participants: [],
      deadlineAt: new Date(NOW.getTime() + HOUR),
      createdAt: NOW,
    });
    const posted = await store.markRoundPosted(WORKSPACE, round.id, {
      channelId: GENERAL,
      messageTs: ts ?? '',
    });
    await store.saveView(WORKSPACE, round.id, ALICE, HOT_PATH_SERVICE, NOW);
    const ctx = (userId: string): RequestContext => ({
      client,
      logger: quietLogger,
      userId,
      channelId: GENERAL,
      source: 'round_buttons',
    });
    /** The round message as people in #general read it now. */
    const shown = () =>
      renderedText(fake.messages(GENERAL).find((m) => m.ts === ts)?.blocks ?? []).join('\n');
    return { store, round: posted, held, ctx, shown };
  }

  it('a count that lands after the round closed is followed by the result again: the message ends on the team verdict', async () => {
    const { store, round, held, ctx, shown } = await roundWithHeldCount();
    const bob = rounds.addView(ctx(BOB), store, WORKSPACE, round.id, HOT_PATH_SERVICE, NOW);
    await held.sent;
    // Bob's count ("2 answered") is on its way when Alice closes the round; the result lands first.
    expect(await rounds.closeRound(ctx(ALICE), store, round, ALICE, NOW)).toBe(true);
    expect(shown()).toMatch(/Team verdict from 2 views/);
    held.release();
    await bob;
    expect(shown()).toMatch(/Team verdict from 2 views/);
    expect(shown()).not.toMatch(/answered/);
  });

  it('the last count wins: a view saved while an earlier count was on its way ends shown in the count', async () => {
    const { store, round, held, ctx, shown } = await roundWithHeldCount();
    const bob = rounds.addView(ctx(BOB), store, WORKSPACE, round.id, HOT_PATH_SERVICE, NOW);
    await held.sent;
    // Carol's view and her count ("3 answered") land while Bob's count ("2 answered") is still on its way.
    await rounds.addView(ctx(CAROL), store, WORKSPACE, round.id, HOT_PATH_SERVICE, NOW);
    expect(shown()).toMatch(/3 answered/);
    held.release();
    await bob;
    expect(shown()).toMatch(/3 answered/);
  });
});
