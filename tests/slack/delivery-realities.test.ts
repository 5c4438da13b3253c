import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCall,
  FAKE_SLACK_IDS,
  type PostRefusal,
  SLACK_CHANNEL_POST_LIMIT,
} from '../../src/playground/fake-slack/index.ts';
import { encodeModalMetadata } from '../../src/slack/blocks/index.ts';
import { settle } from '../helpers/app-calls.ts';
import { eventually } from '../helpers/eventually.ts';
import { WEB_MVP_ESSENTIALS } from '../helpers/sample-answers.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { submitDecisionView } from '../helpers/view-submission.ts';

/**
 * What real Slack does to a posted verdict that the fake used to hide, each through the real receiver and
 * the fake: posts that land but answer late or with a 5xx (Slack does not deduplicate), its per-channel
 * rate (about one post a second, short bursts), channels that refuse posts even to a member, and
 * conversations the bot cannot be in (DMs and group DMs between people).
 */

const { alice: ALICE, bob: BOB, carol: CAROL } = FAKE_SLACK_IDS.users;
const { general: GENERAL, random: RANDOM, announcements: ANNOUNCEMENTS } = FAKE_SLACK_IDS.channels;
const { dm: PEOPLE_DM, groupDm: GROUP_DM } = FAKE_SLACK_IDS.channels;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ slackPostRate: true });
  // The rate Slack enforces, whatever the harness defaults to: these tests are about it.
  t.fakeSlack.setChannelPostLimit(SLACK_CHANNEL_POST_LIMIT);
});
afterAll(async () => {
  await t?.close();
});
afterEach(async () => {
  for (const user of [ALICE, BOB, CAROL]) {
    await t.fakeSlack.closeView({ userId: user, all: true }).catch(() => undefined);
  }
  // Leftover thread replies of one test must not count in the next, nor spend its channel's rate.
  await settle(t.fakeSlack, 1_200);
});

const isVerdict = (m: { blocks?: unknown[] }) => JSON.stringify(m.blocks ?? []).includes('adjust_answers');

/** The verdicts posted in a channel after `since` (an index into its top-level messages). */
function verdictsIn(channelId: string, since: number) {
  return t.fakeSlack.messages(channelId).slice(since).filter(isVerdict);
}

/** Runs the command and the first page; resolves once the last page is showing. */
async function reachLastPage(userId: string, channelId: string): Promise<void> {
  const command = await t.fakeSlack.slashCommand({ userId, channelId });
  expect(command.status).toBe(200);
  await eventually(() => t.fakeSlack.snapshot(userId).modalStack.at(-1), 'the decision modal');
  await t.fakeSlack.submitView({ userId, inputs: WEB_MVP_ESSENTIALS });
}

/** The verdict with its whole thread, once the thread is complete (3 replies). */
async function wholeVerdictIn(channelId: string, since: number) {
  return eventually(
    () => verdictsIn(channelId, since).find((m) => m.replies.length >= 3),
    `a verdict with its thread in ${channelId}`,
    10_000,
  );
}

/** Every message only this person sees: ephemerals anywhere, and what the bot sent them in its DM. */
function privateTexts(userId: string): string[] {
  return t.fakeSlack
    .snapshot(userId)
    .channels.flatMap((c) => [
      ...c.ephemerals.map((e) => e.text),
      ...(c.isIm && c.id !== PEOPLE_DM ? c.messages.map((m) => m.text) : []),
    ]);
}

/** The verdicts the bot sent this person in its own DM with them. */
function verdictsInDm(userId: string) {
  return t.fakeSlack
    .snapshot(userId)
    .channels.filter((c) => c.isIm && c.id !== PEOPLE_DM)
    .flatMap((c) => c.messages)
    .filter(isVerdict);
}

/** The ephemerals a person sees in one conversation. */
function ephemeralsIn(userId: string, channelId: string): string[] {
  const channel = t.fakeSlack.snapshot(userId).channels.find((c) => c.id === channelId);
  return (channel?.ephemerals ?? []).map((e) => e.text);
}

/**
 * Submits the decision's last page as Slack would for a modal opened from `channelId` with a command
 * there: signed, with the page-2 metadata the app wrote and that command's live response_url.
 */
async function submitDecisionFrom(userId: string, channelId: string, responseUrl?: string) {
  const url =
    responseUrl ??
    new URLSearchParams(t.fakeSlack.prepareSlashCommand({ userId, channelId }).body).get('response_url') ??
    '';
  const metadata = encodeModalMetadata({
    page: 2,
    channelId,
    answers: WEB_MVP_ESSENTIALS,
    responseUrl: url,
    responseUrlExpiresAt: Date.now() + 60_000,
  });
  const response = await submitDecisionView(t.appUrl, userId, metadata);
  expect(response.status).toBe(200);
}

describe('a post Slack stores but answers late or with a 5xx is not posted twice', () => {
  it.each([
    ['answered after the client gave up', { hang: true } as const],
    ['answered HTTP 503', { status: 503 } as const],
  ])('the verdict (%s): one verdict in the channel, with its whole thread under it', async (_how, fault) => {
    const since = t.fakeSlack.messages(GENERAL).length;
    await reachLastPage(ALICE, GENERAL);
    t.fakeSlack.failAfterLanding('chat.postMessage', fault);
    await t.fakeSlack.submitView({ userId: ALICE });
    const verdict = await wholeVerdictIn(GENERAL, since);
    await settle(t.fakeSlack, 1_200);
    expect(verdictsIn(GENERAL, since)).toHaveLength(1);
    expect(verdict.replies).toHaveLength(3);
    expect(new Set(verdict.replies.map((r) => r.text)).size).toBe(3);
  });

  it('the verdict stored only after the app looked for it: no second post, and the user hears privately', async () => {
    const since = t.fakeSlack.messages(GENERAL).length;
    await reachLastPage(CAROL, GENERAL);
    // The app's client gives up after 1 s and looks 0.5 s later; Slack stores the post only at 2.5 s.
    t.fakeSlack.failAfterLanding('chat.postMessage', { hang: true, landsAfterMs: 2_500 });
    await t.fakeSlack.submitView({ userId: CAROL });
    await eventually(() => verdictsInDm(CAROL)[0], 'the verdict delivered to Carol privately', 10_000);
    await eventually(() => verdictsIn(GENERAL, since)[0], 'the late post stored in #general', 10_000);
    await settle(t.fakeSlack, 1_500);
    expect(verdictsIn(GENERAL, since)).toHaveLength(1);
  });

  it('a thread reply answered HTTP 500 after it landed: each reply once', async () => {
    const since = t.fakeSlack.messages(GENERAL).length;
    await reachLastPage(BOB, GENERAL);
    const stopWatching = t.fakeSlack.onCall((call) => {
      // The verdict went through: its first reply lands and is answered 500.
      if (call.method === 'chat.postMessage' && call.ok && call.args.channel === GENERAL) {
        stopWatching();
        t.fakeSlack.failAfterLanding('chat.postMessage', { status: 500 });
      }
    });
    await t.fakeSlack.submitView({ userId: BOB });
    const verdict = await wholeVerdictIn(GENERAL, since);
    await settle(t.fakeSlack, 1_200);
    expect(verdict.replies.map((r) => r.text)).toHaveLength(3);
    expect(new Set(verdict.replies.map((r) => r.text)).size).toBe(3);
  });
});

describe("Slack's per-channel post rate", () => {
  it('two verdicts at once in one channel: both land whole, paced so that Slack never answers 429', async () => {
    const since = t.fakeSlack.messages(GENERAL).length;
    const mark = t.fakeSlack.calls.length;
    await reachLastPage(ALICE, GENERAL);
    await reachLastPage(BOB, GENERAL);
    await Promise.all([t.fakeSlack.submitView({ userId: ALICE }), t.fakeSlack.submitView({ userId: BOB })]);
    await eventually(
      () =>
        verdictsIn(GENERAL, since).filter((m) => m.replies.length === 3).length === 2 ? true : undefined,
      'both verdicts with their threads',
      15_000,
    );
    const limited = t.fakeSlack.calls.slice(mark).filter((c) => c.status === 429);
    expect(limited).toEqual([]);
  });

  it("a channel's 429 does not hold up another person's modal or another channel's verdict", async () => {
    await reachLastPage(CAROL, RANDOM);
    await reachLastPage(ALICE, GENERAL);
    const mark = t.fakeSlack.calls.length;
    // Slack asks for 3 s of quiet in #general: as long as a trigger_id lives.
    t.fakeSlack.fail('chat.postMessage', { status: 429, retryAfter: 3 });
    await t.fakeSlack.submitView({ userId: ALICE });
    const limitedAt = (
      await t.fakeSlack.waitFor((c) => c.status === 429 && t.fakeSlack.calls.indexOf(c) >= mark)
    ).at;
    const randomSince = t.fakeSlack.messages(RANDOM).length;
    await t.fakeSlack.submitView({ userId: CAROL });
    await t.fakeSlack.slashCommand({ userId: BOB, channelId: GENERAL });
    const opened = await t.fakeSlack.waitFor(
      (c) => c.method === 'views.open' && t.fakeSlack.calls.indexOf(c) >= mark,
      5_000,
    );
    expect(opened.ok).toBe(true);
    // Well inside the trigger_id's 3 s; a client paused by the 429 would wait all of Slack's 3 s first.
    expect(opened.at - limitedAt).toBeLessThan(1_500);
    const elsewhere = await eventually(() => verdictsIn(RANDOM, randomSince)[0], 'the verdict in #random');
    expect(Number(elsewhere.ts) * 1000 - limitedAt).toBeLessThan(2_000);
    // And #general's verdict still lands once Slack's 3 s are over.
    await t.fakeSlack.waitFor(
      (c: ApiCall) =>
        t.fakeSlack.calls.indexOf(c) >= mark &&
        c.method === 'chat.postMessage' &&
        c.ok &&
        c.args.channel === GENERAL &&
        c.args.thread_ts === undefined,
      8_000,
    );
  });
});

describe('a channel that refuses the app’s posts: the verdict reaches the user privately, with why', () => {
  it('a read-only channel (announcements)', async () => {
    const before = privateTexts(ALICE).length;
    const dmVerdicts = verdictsInDm(ALICE).length;
    await submitDecisionFrom(ALICE, ANNOUNCEMENTS);
    const told = await eventually(
      () =>
        privateTexts(ALICE)
          .slice(before)
          .find((text) => /read-only/.test(text)),
      'the reason',
    );
    expect(told).toContain(`<#${ANNOUNCEMENTS}>`);
    await eventually(() => verdictsInDm(ALICE)[dmVerdicts], 'the verdict in her DM');
    expect(verdictsIn(ANNOUNCEMENTS, 0)).toEqual([]);
  });

  it.each<[PostRefusal, RegExp]>([
    ['restricted_action', /workspace setting/],
    ['restricted_action_thread_only_channel', /only takes replies in threads/],
    ['team_access_not_granted', /not been given access to the workspace/],
    ['ekm_access_denied', /admins have disabled sending messages/],
  ])('%s', async (refusal, reason) => {
    t.fakeSlack.restrictPosting(GENERAL, refusal);
    try {
      const before = privateTexts(BOB).length;
      const dmVerdicts = verdictsInDm(BOB).length;
      await submitDecisionFrom(BOB, GENERAL);
      const told = await eventually(
        () =>
          privateTexts(BOB)
            .slice(before)
            .find((text) => reason.test(text)),
        `the reason ${reason}`,
      );
      expect(told).not.toMatch(/try again/i);
      await eventually(() => verdictsInDm(BOB)[dmVerdicts], 'the verdict in his DM');
    } finally {
      t.fakeSlack.restrictPosting(GENERAL, undefined);
    }
  });
});

describe('a decision made in a DM', () => {
  it("in the person's DM with the app (its Messages tab): the verdict is posted right there, thread and all", async () => {
    const appDm = FAKE_SLACK_IDS.appDms.bob;
    const since = t.fakeSlack.messages(appDm).length;
    await submitDecisionFrom(BOB, appDm);
    await wholeVerdictIn(appDm, since);
    expect(ephemeralsIn(BOB, appDm)).toEqual([]);
  });
});

describe('a decision made in a conversation the bot is not part of', () => {
  it('a 1:1 DM between people: told privately in words for a DM (no /invite), verdict by DM', async () => {
    const dmVerdicts = verdictsInDm(ALICE).length;
    await submitDecisionFrom(ALICE, PEOPLE_DM);
    const told = await eventually(() => ephemeralsIn(ALICE, PEOPLE_DM).at(-1), 'a note in the DM');
    expect(told).toMatch(/direct message/);
    expect(told).not.toMatch(/invite/i);
    await eventually(() => verdictsInDm(ALICE)[dmVerdicts], 'the verdict in her DM with the app');
  });

  it('a group DM: told privately in words that cover a group DM, verdict by DM', async () => {
    const dmVerdicts = verdictsInDm(CAROL).length;
    await submitDecisionFrom(CAROL, GROUP_DM);
    const told = await eventually(() => ephemeralsIn(CAROL, GROUP_DM).at(-1), 'a note in the group DM');
    expect(told).toMatch(/group DM/);
    await eventually(() => verdictsInDm(CAROL)[dmVerdicts], 'the verdict in her DM with the app');
  });
});

describe('a response_url that is not Slack’s', () => {
  it('is never called; the user still gets the verdict and the reason', async () => {
    let hits = 0;
    const elsewhere = createServer((req, res) => {
      hits += 1;
      req.resume();
      res.end('ok');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = elsewhere.address() as AddressInfo;
      const dmVerdicts = verdictsInDm(BOB).length;
      const before = ephemeralsIn(BOB, ANNOUNCEMENTS).length;
      await submitDecisionFrom(BOB, ANNOUNCEMENTS, `http://127.0.0.1:${port}/commands/T0/1/x`);
      await eventually(() => verdictsInDm(BOB)[dmVerdicts], 'the verdict in his DM');
      const told = await eventually(
        () => ephemeralsIn(BOB, ANNOUNCEMENTS)[before],
        'the reason where he asked',
      );
      expect(told).toMatch(/read-only.*sent it to you in a direct message/);
      expect(hits).toBe(0);
    } finally {
      await new Promise((resolve) => elsewhere.close(resolve));
    }
  });
});
