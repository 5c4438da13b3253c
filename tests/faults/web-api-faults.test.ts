import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recommend } from '../../src/engine/index.ts';
import { FAKE_SLACK_IDS, type Fault } from '../../src/playground/fake-slack/index.ts';
import { buildThreadReplies } from '../../src/slack/blocks/index.ts';
import { eventually } from '../helpers/eventually.ts';
import { WEB_MVP_ESSENTIALS } from '../helpers/sample-answers.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * Slack's failures injected through the fake's Web API, each checked by what the person sees in the fake's
 * workspace (the modal, the channel, their ephemerals and DMs) and by the app still answering /healthz.
 * tests/slack/e2e.test.ts checks the calls and log lines of the common paths; these cover the issue 5 list.
 */

const { alice: ALICE, bob: BOB, carol: CAROL } = FAKE_SLACK_IDS.users;
const { general: GENERAL, random: RANDOM, archived: ARCHIVED } = FAKE_SLACK_IDS.channels;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

let t: TestApp;
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
  process.off('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  const health = await fetch(`${t.appUrl}/healthz`);
  expect(health.status).toBe(200);
  expect(unhandled).toEqual([]);
  await t.fakeSlack.closeView({ userId: ALICE, all: true }).catch(() => undefined);
  await t.fakeSlack.closeView({ userId: BOB, all: true }).catch(() => undefined);
  await t.fakeSlack.closeView({ userId: CAROL, all: true }).catch(() => undefined);
});

/** Every message only this person sees, newest last: ephemerals anywhere, and DMs from the bot. */
function privateTexts(userId: string): string[] {
  const snapshot = t.fakeSlack.snapshot(userId);
  return snapshot.channels.flatMap((c) => [
    ...c.ephemerals.map((e) => e.text),
    ...(c.isIm ? c.messages.flatMap((m) => [m.text, ...m.replies.map((r) => r.text)]) : []),
  ]);
}

function toldPrivately(userId: string, pattern: RegExp, since: number, timeoutMs?: number): Promise<string> {
  return eventually(
    () =>
      privateTexts(userId)
        .slice(since)
        .find((text) => pattern.test(text)),
    `a private message matching ${pattern} for ${userId}`,
    timeoutMs,
  );
}

/** The verdicts the bot sent this person in its own DM with them. */
function verdictsInDm(userId: string) {
  return t.fakeSlack
    .snapshot(userId)
    .channels.filter((c) => c.isIm)
    .flatMap((c) => c.messages)
    .filter((m) => JSON.stringify(m.blocks ?? []).includes('adjust_answers'));
}

function visibleModalCallbackId(userId: string): string | undefined {
  const top = t.fakeSlack.snapshot(userId).modalStack.at(-1);
  return top === undefined ? undefined : String(top.view.callback_id);
}

/** Runs the command and the first page; returns once page 2 is showing. */
async function reachLastPage(userId: string, channelId: string): Promise<void> {
  const command = await t.fakeSlack.slashCommand({ userId, channelId });
  expect(command.status).toBe(200);
  await eventually(() => visibleModalCallbackId(userId), 'the decision modal');
  await t.fakeSlack.submitView({ userId, inputs: WEB_MVP_ESSENTIALS });
}

/** A verdict the person can read in the channel: a top-level bot message with the Adjust answers button. */
function verdictIn(channelId: string, since: number) {
  return t.fakeSlack
    .messages(channelId)
    .slice(since)
    .find((m) => JSON.stringify(m.blocks ?? []).includes('adjust_answers'));
}

describe('the modal still opens when Slack hiccups once', () => {
  it.each<[string, Fault]>([
    ['429 with Retry-After', { status: 429, retryAfter: 1 }],
    ['HTTP 503', { status: 503 }],
  ])('%s on views.open: retried within the trigger_id lifetime', async (_name, fault) => {
    t.fakeSlack.fail('views.open', fault);
    const command = await t.fakeSlack.slashCommand({ userId: ALICE, channelId: GENERAL });
    expect(command.status).toBe(200);
    expect(await eventually(() => visibleModalCallbackId(ALICE), 'the modal')).toBe('decision_modal');
  });
});

describe('the verdict is still posted when Slack hiccups once', () => {
  it.each<[string, Fault]>([
    ['429 with Retry-After', { status: 429, retryAfter: 1 }],
    ['HTTP 500', { status: 500 }],
  ])('%s on chat.postMessage: the verdict and its thread reach the channel', async (_name, fault) => {
    const since = t.fakeSlack.messages(GENERAL).length;
    await reachLastPage(ALICE, GENERAL);
    t.fakeSlack.fail('chat.postMessage', fault);
    await t.fakeSlack.submitView({ userId: ALICE });
    const verdict = await eventually(() => verdictIn(GENERAL, since), 'the verdict in #general');
    // The whole thread, each reply once: replies still on their way would meet the next test's faults.
    const replies = buildThreadReplies(recommend(WEB_MVP_ESSENTIALS)).map((r) => r.text);
    await eventually(
      () => (verdictIn(GENERAL, since)?.replies.length === replies.length ? true : undefined),
      'the whole thread under the verdict',
    );
    expect(verdictIn(GENERAL, since)?.replies.map((r) => r.text)).toEqual(replies);
    expect(verdict.text).not.toBe('');
  });
});

describe('when Slack keeps failing, the user is told', () => {
  it('HTTP 500 on every views.open attempt: an ephemeral says the form could not open and why', async () => {
    const since = privateTexts(BOB).length;
    t.fakeSlack.fail('views.open', { status: 500 }, 3);
    await t.fakeSlack.slashCommand({ userId: BOB, channelId: GENERAL });
    const told = await toldPrivately(BOB, /could not open the decision form/, since);
    expect(told).toMatch(/http_500/);
    expect(visibleModalCallbackId(BOB)).toBeUndefined();
  });

  it('a Web API that hangs on chat.postMessage: the post times out, is not found, and the verdict reaches the user privately with why', async () => {
    const since = privateTexts(CAROL).length;
    const dmVerdicts = verdictsInDm(CAROL).length;
    const inChannel = t.fakeSlack.messages(GENERAL).length;
    await reachLastPage(CAROL, GENERAL);
    t.fakeSlack.fail('chat.postMessage', { hang: true });
    await t.fakeSlack.submitView({ userId: CAROL });
    // One attempt up to the posting timeout, then a look for it: not there yet is not "not posted", so the
    // app posts no second copy and tells the user privately instead.
    const told = await toldPrivately(
      CAROL,
      /could not confirm that this recommendation reached/,
      since,
      20_000,
    );
    expect(told).toMatch(/request_timeout/);
    await eventually(() => verdictsInDm(CAROL)[dmVerdicts], 'the verdict in her DM');
    expect(verdictIn(GENERAL, inChannel)).toBeUndefined();
  });

  it('token_revoked on views.open: the user is told the app needs reinstalling, and the log says so loudly', async () => {
    const since = privateTexts(BOB).length;
    const logMark = t.logs.length;
    t.fakeSlack.fail('views.open', { error: 'token_revoked' });
    await t.fakeSlack.slashCommand({ userId: BOB, channelId: GENERAL });
    await toldPrivately(BOB, /needs to be reinstalled/, since);
    const errors = t.logs.slice(logMark).filter((line) => line.startsWith('[ERROR]'));
    expect(errors.join('\n')).toMatch(/REJECTED THE BOT TOKEN \(token_revoked\)/);
  });

  it('invalid_auth on chat.postMessage: the user is told the app needs reinstalling', async () => {
    const since = privateTexts(ALICE).length;
    await reachLastPage(ALICE, GENERAL);
    t.fakeSlack.fail('chat.postMessage', { error: 'invalid_auth' });
    await t.fakeSlack.submitView({ userId: ALICE });
    await toldPrivately(ALICE, /needs to be reinstalled/, since);
  });
});

describe('a trigger_id that really expired', () => {
  let slow: TestApp;
  beforeAll(async () => {
    slow = await startTestApp({ fakeSlackOptions: { triggerTtlMs: 100 } });
  });
  afterAll(async () => {
    await slow?.close();
  });

  it('the user is asked, by ephemeral message, to run the command again', async () => {
    const request = slow.fakeSlack.prepareSlashCommand({ userId: BOB, channelId: GENERAL });
    // Slack delivered the command late: the trigger_id has lived out its lifetime on arrival.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ack = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
    expect(ack.status).toBe(200);
    const told = await eventually(
      () =>
        slow.fakeSlack
          .snapshot(BOB)
          .channels.flatMap((c) => c.ephemerals)
          .find((e) => /run \/rust-or-python again/.test(e.text)),
      'the "run it again" ephemeral',
    );
    expect(told.text).toMatch(/expired/);
    expect(slow.fakeSlack.snapshot(BOB).modalStack).toEqual([]);
    expect((await fetch(`${slow.appUrl}/healthz`)).status).toBe(200);
  });
});

describe('the channel will not take the verdict', () => {
  it('not_in_channel (#random, joinable): the bot joins and the verdict lands in the channel', async () => {
    const since = t.fakeSlack.messages(RANDOM).length;
    await reachLastPage(BOB, RANDOM);
    await t.fakeSlack.submitView({ userId: BOB });
    await eventually(() => verdictIn(RANDOM, since), 'the verdict in #random');
  });

  it('channel_not_found (deleted meanwhile): the verdict reaches the user by DM with the reason, no join tried', async () => {
    const since = privateTexts(CAROL).length;
    const dmVerdicts = verdictsInDm(CAROL).length;
    const mark = t.fakeSlack.calls.length;
    await reachLastPage(CAROL, GENERAL);
    t.fakeSlack.fail('chat.postMessage', { error: 'channel_not_found' });
    await t.fakeSlack.submitView({ userId: CAROL });
    await toldPrivately(CAROL, /could not post this recommendation in the channel/, since);
    await eventually(() => verdictsInDm(CAROL)[dmVerdicts], 'the verdict in the DM');
    // Only a public channel answers not_in_channel and can be joined; channel_not_found is not one.
    expect(t.fakeSlack.calls.slice(mark).filter((c) => c.method === 'conversations.join')).toEqual([]);
  });

  it('is_archived: the verdict reaches the user by DM, with the channel named as archived', async () => {
    const since = privateTexts(ALICE).length;
    await reachLastPage(ALICE, ARCHIVED);
    await t.fakeSlack.submitView({ userId: ALICE });
    const told = await toldPrivately(ALICE, /could not post this recommendation in/, since);
    // Slack renders the mention as #channel-name.
    expect(told).toContain(`<#${ARCHIVED}> because that channel is archived`);
    await eventually(
      () =>
        t.fakeSlack
          .snapshot(ALICE)
          .channels.filter((c) => c.isIm)
          .flatMap((c) => c.messages)
          .find((m) => JSON.stringify(m.blocks ?? []).includes('adjust_answers') && m.replies.length > 0),
      'the verdict with its thread in the DM',
    );
    expect(verdictIn(ARCHIVED, 0)).toBeUndefined();
    // Joining an archived channel cannot help, so the app does not try.
    const joins = t.fakeSlack.calls.filter((c) => c.method === 'conversations.join');
    expect(joins.filter((c) => c.args.channel === ARCHIVED)).toEqual([]);
  });
});
