import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Answers, ENGINE_VERSION, recommend } from '../../src/engine/index.ts';
import { type ApiCall, FAKE_SLACK_IDS, slackRequestHeaders } from '../../src/playground/fake-slack/index.ts';
import {
  buildDecisionRecordModal,
  buildHelpMessage,
  buildThreadReplies,
  buildVerdictMessage,
  DECISION_RECORD_VIEW_ID,
  encodeModalMetadata,
} from '../../src/slack/blocks/index.ts';
import { REPEAT_PRESS_GRACE_MS } from '../../src/slack/listeners/actions/repeat-presses.ts';
import { expectProposedVerdictText } from '../helpers/app-calls.ts';
import { LOW_LATENCY_ESSENTIALS } from '../helpers/sample-answers.ts';
import { startTestApp, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, type TestApp } from '../helpers/test-app.ts';
import { submitDecisionView } from '../helpers/view-submission.ts';

const { alice: ALICE, bob: BOB, carol: CAROL } = FAKE_SLACK_IDS.users;
const { general: GENERAL, random: RANDOM, secret: SECRET } = FAKE_SLACK_IDS.channels;

const PAGE_TWO = { priorities: ['performance'], compute: 'cpu-bound' } as const;
const ANSWERS: Answers = { ...LOW_LATENCY_ESSENTIALS, priorities: ['performance'], compute: 'cpu-bound' };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Waits until the app has gone quiet, so work left over from one test (thread replies) cannot leak into the next. */
async function settle(quietMs = 250): Promise<void> {
  let count = -1;
  while (count !== t.fakeSlack.calls.length) {
    count = t.fakeSlack.calls.length;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}
beforeEach(() => settle());

/** Every string a person reads in a message: its `text` fields (button values are not shown). */
function renderedText(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(renderedText);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === 'text' && typeof v === 'string' ? [v] : renderedText(v),
  );
}

/** Calls after a mark, so each test looks only at what it caused. */
function callsSince(mark: number, method?: string): ApiCall[] {
  return t.fakeSlack.calls.slice(mark).filter((c) => method === undefined || c.method === method);
}

function waitForCall(mark: number, pred: (c: ApiCall) => boolean, timeoutMs = 5_000): Promise<ApiCall> {
  return t.fakeSlack.waitFor((c) => t.fakeSlack.calls.indexOf(c) >= mark && pred(c), timeoutMs);
}

async function waitUntil(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A view_submission sent straight to the app, for payloads Slack's own client would not produce. */
function submitRaw(userId: string, privateMetadata: string, values: Record<string, unknown>) {
  return submitDecisionView(t.appUrl, userId, privateMetadata, values);
}

/** The ephemeral messages a person sees in a channel. */
function ephemeralsOf(userId: string, channelId: string): string[] {
  const channel = t.fakeSlack.snapshot(userId).channels.find((c) => c.id === channelId);
  return (channel?.ephemerals ?? []).map((e) => e.text);
}

const isVerdictPost = (channel: string) => (c: ApiCall) =>
  c.method === 'chat.postMessage' &&
  c.ok &&
  c.args.channel === channel &&
  c.args.thread_ts === undefined &&
  JSON.stringify(c.args.blocks ?? []).includes('adjust_answers');

/** Runs command → page 1 → page 2 and returns the verdict's chat.postMessage call. */
async function decide(opts: {
  user?: string;
  channel: string;
  text?: string;
  page1?: object;
  page2?: object;
}) {
  const user = opts.user ?? ALICE;
  const mark = t.fakeSlack.calls.length;
  const command = await t.fakeSlack.slashCommand({
    userId: user,
    channelId: opts.channel,
    text: opts.text ?? '',
  });
  expect(command.status).toBe(200);
  await waitForCall(mark, (c) => c.method === 'views.open' && c.ok);
  const page1 = await t.fakeSlack.submitView({
    userId: user,
    inputs: { ...LOW_LATENCY_ESSENTIALS, ...opts.page1 },
  });
  expect(page1.body).toMatchObject({ response_action: 'push' });
  const page2 = await t.fakeSlack.submitView({ userId: user, inputs: { ...PAGE_TWO, ...opts.page2 } });
  expect(page2).toMatchObject({ status: 200, body: { response_action: 'clear' } });
  return { mark, user };
}

/** The ts Slack gave a posted message. */
const tsOf = (call: ApiCall) => (call as ApiCall & { response?: { ts?: string } }).response?.ts ?? '';

/** Decides in `channel`, waits until the verdict and its thread are posted, and returns the verdict's ts. */
async function postedVerdictTs(channel: string): Promise<string> {
  const { mark } = await decide({ channel });
  const verdict = await waitForCall(mark, isVerdictPost(channel));
  await settle();
  return tsOf(verdict);
}

describe('the decision flow end to end (signed HTTP, fake Web API)', () => {
  it('answers GET /healthz with 200 once started', async () => {
    const response = await fetch(`${t.appUrl}/healthz`);
    expect(response.status).toBe(200);
  });

  it('command → modal → page 1 → page 2 → verdict in the channel → details in its thread', async () => {
    const { mark } = await decide({ channel: GENERAL });
    const open = callsSince(mark, 'views.open')[0];
    expect(open?.args.view).toMatchObject({ callback_id: 'decision_modal' });
    const verdict = await waitForCall(mark, isVerdictPost(GENERAL));
    const rec = recommend(ANSWERS);
    expectProposedVerdictText(verdict.args.text, buildVerdictMessage(rec, { requesterId: ALICE }).text);
    const ts = (verdict as ApiCall & { response?: { ts?: string } }).response?.ts;
    const expectedReplies = buildThreadReplies(rec);
    await waitUntil(
      () =>
        (t.fakeSlack.messages(GENERAL).find((m) => m.ts === ts)?.replies.length ?? 0) ===
        expectedReplies.length,
    );
    const parent = t.fakeSlack.messages(GENERAL).find((m) => m.ts === ts);
    expect(parent?.replies.map((r) => r.text)).toEqual(expectedReplies.map((r) => r.text));
  });

  it('`help` answers with the ephemeral help and opens nothing', async () => {
    const mark = t.fakeSlack.calls.length;
    const result = await t.fakeSlack.slashCommand({ userId: BOB, channelId: GENERAL, text: ' help ' });
    expect(result.body).toMatchObject({ response_type: 'ephemeral', text: buildHelpMessage().text });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(callsSince(mark, 'views.open')).toEqual([]);
  });

  it('pre-fills the description with the text after the command', async () => {
    const mark = t.fakeSlack.calls.length;
    await t.fakeSlack.slashCommand({ userId: BOB, channelId: GENERAL, text: 'A market-data feed handler' });
    const open = await waitForCall(mark, (c) => c.method === 'views.open' && c.ok);
    const blocks = (
      open.args.view as { blocks: { block_id?: string; element?: { initial_value?: string } }[] }
    ).blocks;
    expect(blocks.find((b) => b.block_id === 'description')?.element?.initial_value).toBe(
      'A market-data feed handler',
    );
    await t.fakeSlack.closeView({ userId: BOB, all: true });
  });

  it('escapes <!channel>, mentions and links in a description all the way to the channel', async () => {
    const text = '<!channel> ping <@U0BOB> and <https://evil.example|click me> & more';
    const { mark } = await decide({ user: CAROL, channel: GENERAL, text });
    const verdict = await waitForCall(mark, isVerdictPost(GENERAL));
    const sent = renderedText(verdict.args).join('\n');
    expect(sent).not.toContain('<!channel>');
    expect(sent).not.toContain('<@U0BOB>');
    expect(sent).not.toContain('<https://evil.example|click me>');
    expect(sent).toContain('&lt;!channel&gt;');
  });
});

describe('inline validation errors', () => {
  it('too long a description: errors keyed by the description block', async () => {
    const mark = t.fakeSlack.calls.length;
    await t.fakeSlack.slashCommand({ userId: BOB, channelId: GENERAL });
    await waitForCall(mark, (c) => c.method === 'views.open' && c.ok);
    const result = await t.fakeSlack.submitView({
      userId: BOB,
      inputs: { ...LOW_LATENCY_ESSENTIALS, description: 'x'.repeat(501) },
    });
    expect(result.body).toMatchObject({
      response_action: 'errors',
      errors: { description: 'Please keep it to 500 characters or fewer: this is 501.' },
    });
    await t.fakeSlack.closeView({ userId: BOB, all: true });
  });

  it('too many priorities on page 2: errors keyed by the priorities block', async () => {
    const mark = t.fakeSlack.calls.length;
    await t.fakeSlack.slashCommand({ userId: BOB, channelId: GENERAL });
    await waitForCall(mark, (c) => c.method === 'views.open' && c.ok);
    await t.fakeSlack.submitView({ userId: BOB, inputs: LOW_LATENCY_ESSENTIALS });
    const result = await t.fakeSlack.submitView({
      userId: BOB,
      inputs: { priorities: ['performance', 'safety', 'cost'] },
    });
    expect(result.body).toMatchObject({
      response_action: 'errors',
      errors: {
        priorities: 'Pick at most two (you picked three: Performance, Safety and correctness, Running cost).',
      },
    });
    await t.fakeSlack.closeView({ userId: BOB, all: true });
  });

  it('a missing required answer (a client that skips Slack’s own check): errors keyed by that question', async () => {
    const mark = t.fakeSlack.calls.length;
    await t.fakeSlack.slashCommand({ userId: BOB, channelId: GENERAL });
    const open = await waitForCall(mark, (c) => c.method === 'views.open' && c.ok);
    const view = open.args.view as { private_metadata: string };
    const values = Object.fromEntries(
      Object.entries({ ...LOW_LATENCY_ESSENTIALS, workload: undefined }).map(([id, value]) => [
        id,
        { [id]: { type: 'radio_buttons', selected_option: value === undefined ? null : { value } } },
      ]),
    );
    const response = await submitRaw(BOB, view.private_metadata, values);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({
      response_action: 'errors',
      errors: { workload: 'Please choose an answer.' },
    });
    await t.fakeSlack.closeView({ userId: BOB, all: true });
  });

  it('the page comes from the metadata: page 1 with no inputs at all gets page 1’s errors, not page 2’s verdict', async () => {
    const mark = t.fakeSlack.calls.length;
    await t.fakeSlack.slashCommand({ userId: BOB, channelId: GENERAL });
    const open = await waitForCall(mark, (c) => c.method === 'views.open' && c.ok);
    const response = await submitRaw(
      BOB,
      (open.args.view as { private_metadata: string }).private_metadata,
      {},
    );
    expect(JSON.parse(response.body)).toMatchObject({
      response_action: 'errors',
      errors: { workload: 'Please choose an answer.', stage: 'Please choose an answer.' },
    });
    await t.fakeSlack.closeView({ userId: BOB, all: true });
  });
});

describe('buttons, App Home and the global shortcut', () => {
  it('Adjust answers reopens the modal filled in; the new verdict names the one it replaces', async () => {
    const { mark } = await decide({ channel: GENERAL });
    const first = await waitForCall(mark, isVerdictPost(GENERAL));
    const firstTs = (first as ApiCall & { response?: { ts?: string } }).response?.ts ?? '';
    const mark2 = t.fakeSlack.calls.length;
    await t.fakeSlack.clickButton({
      userId: ALICE,
      actionId: 'adjust_answers',
      channelId: GENERAL,
      messageTs: firstTs,
    });
    const reopened = await waitForCall(mark2, (c) => c.method === 'views.open' && c.ok);
    expect(JSON.stringify(reopened.args.view)).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"High-throughput',
    );
    // Submitting untouched keeps every carried answer; page 2 comes back pre-filled too.
    const page1 = await t.fakeSlack.submitView({ userId: ALICE });
    expect(JSON.stringify(page1.body)).toContain(
      '"initial_options":[{"text":{"type":"plain_text","text":"Performance"',
    );
    await t.fakeSlack.submitView({ userId: ALICE, inputs: { latency: undefined as never } });
    const second = await waitForCall(mark2, isVerdictPost(GENERAL));
    // Once the supersede is saved, the new verdict's message says which decision it supersedes.
    const secondTs = (second as ApiCall & { response?: { ts?: string } }).response?.ts;
    const updated = await waitForCall(
      mark2,
      (c) => c.method === 'chat.update' && c.ok && c.args.ts === secondTs,
    );
    expect(JSON.stringify(updated.args.blocks)).toMatch(/Supersedes <[^|>]+\|#\d+>/);
    expectProposedVerdictText(
      second.args.text,
      buildVerdictMessage(recommend(ANSWERS), { requesterId: ALICE }).text,
    );
  });

  it('Decision record opens the whole ADR in a read-only modal; pressing again after closing it opens it again, and nothing is posted', async () => {
    const ts = await postedVerdictTs(GENERAL);
    const mark2 = t.fakeSlack.calls.length;
    const posted = t.fakeSlack.messages(GENERAL).find((m) => m.ts === ts);
    const number = Number(/^Decision #(\d+)/.exec(posted?.text ?? '')?.[1]);
    // The stored decision's record: numbered, with its status.
    const expected = buildDecisionRecordModal(recommend(ANSWERS), {
      number,
      status: 'proposed',
      date: new Date(),
      engineVersion: ENGINE_VERSION,
    });
    for (const press of [1, 2]) {
      if (press === 2) {
        // A press within the repeat-press window is a double click; this one comes after the modal closed.
        await t.fakeSlack.closeView({ userId: ALICE, all: true });
        await new Promise((r) => setTimeout(r, REPEAT_PRESS_GRACE_MS + 100));
      }
      await t.fakeSlack.clickButton({
        userId: ALICE,
        actionId: 'decision_record',
        channelId: GENERAL,
        messageTs: ts,
      });
      await waitUntil(() => callsSince(mark2, 'views.open').filter((c) => c.ok).length === press);
      expect(t.fakeSlack.snapshot(ALICE).modalStack.at(-1)?.view.callback_id).toBe(DECISION_RECORD_VIEW_ID);
    }
    const opened = callsSince(mark2, 'views.open');
    for (const call of opened) expect(call.args.view).toEqual(expected);
    expect(JSON.stringify(expected)).toContain('Decision Outcome');
    await settle();
    // Nothing reached the channel or the thread: the record is only ever shown to the one who asked.
    expect(callsSince(mark2, 'chat.postMessage')).toEqual([]);
    expect(callsSince(mark2, 'chat.postEphemeral')).toEqual([]);
    await t.fakeSlack.closeView({ userId: ALICE, all: true });
  });

  it('App Home: opening publishes the home view; Start a decision opens the modal with a channel picker', async () => {
    const mark = t.fakeSlack.calls.length;
    await t.fakeSlack.openHome(BOB);
    const publish = await waitForCall(mark, (c) => c.method === 'views.publish' && c.ok);
    expect(publish.args).toMatchObject({ user_id: BOB, view: { type: 'home' } });
    const homeId = t.fakeSlack.snapshot(BOB).home?.id ?? '';
    await t.fakeSlack.clickButton({ userId: BOB, actionId: 'start_decision', viewId: homeId });
    const open = await waitForCall(mark, (c) => c.method === 'views.open' && c.ok);
    expect(JSON.stringify(open.args.view)).toContain('"block_id":"channel"');
    await t.fakeSlack.submitView({ userId: BOB, inputs: { ...LOW_LATENCY_ESSENTIALS, channel: GENERAL } });
    await t.fakeSlack.submitView({ userId: BOB, inputs: PAGE_TWO });
    const verdict = await waitForCall(mark, isVerdictPost(GENERAL));
    expect(renderedText(verdict.args.blocks).join()).toContain(BOB);
  });

  it('the global shortcut opens the modal with a channel picker', async () => {
    const mark = t.fakeSlack.calls.length;
    const result = await t.fakeSlack.globalShortcut({ userId: CAROL, callbackId: 'rust_or_python' });
    expect(result.status).toBe(200);
    const open = await waitForCall(mark, (c) => c.method === 'views.open' && c.ok);
    expect(JSON.stringify(open.args.view)).toContain('"block_id":"channel"');
    await t.fakeSlack.closeView({ userId: CAROL, all: true });
  });
});

describe('when Slack says no', () => {
  it.each([
    'expired_trigger_id',
    'exchanged_trigger_id',
    'invalid_trigger_id',
    'trigger_expired',
    'trigger_exchanged',
  ])('%s on views.open: the user is asked, by ephemeral message, to run the command again', async (code) => {
    const mark = t.fakeSlack.calls.length;
    t.fakeSlack.fail('views.open', { error: code });
    await t.fakeSlack.slashCommand({ userId: BOB, channelId: GENERAL });
    const told = await waitForCall(mark, (c) => c.method === 'response_url');
    expect(told.ok).toBe(true);
    expect(String(told.args.text)).toMatch(/run \/rust-or-python again/);
    expect(told.args.response_type).toBe('ephemeral');
  });

  it('an expired trigger on Decision record: the user is told to press it again, and nothing is posted', async () => {
    const ts = await postedVerdictTs(GENERAL);
    const mark2 = t.fakeSlack.calls.length;
    t.fakeSlack.fail('views.open', { error: 'expired_trigger_id' });
    await t.fakeSlack.clickButton({
      userId: ALICE,
      actionId: 'decision_record',
      channelId: GENERAL,
      messageTs: ts,
    });
    const told = await waitForCall(mark2, (c) => c.method === 'response_url');
    expect(told.ok).toBe(true);
    expect(String(told.args.text)).toMatch(
      /took too long to let me open the decision record.*press Decision record again/,
    );
    expect(callsSince(mark2, 'chat.postMessage')).toEqual([]);
  });

  it('not_in_channel in a public channel: the bot joins and posts there', async () => {
    const { mark } = await decide({ channel: RANDOM });
    await waitForCall(mark, (c) => c.method === 'conversations.join' && c.ok && c.args.channel === RANDOM);
    await waitForCall(mark, isVerdictPost(RANDOM));
  });

  it('a private channel it cannot join: the verdict and its thread go to the user by DM, with the reason', async () => {
    const { mark } = await decide({ channel: SECRET });
    const dmVerdict = await waitForCall(mark, isVerdictPost(ALICE));
    const notice = callsSince(mark, 'chat.postMessage').find(
      (c) => c.ok && c.args.channel === ALICE && c !== dmVerdict,
    );
    expect(String(notice?.args.text)).toMatch(/could not post this recommendation in the channel/);
    const dmTs = (dmVerdict as ApiCall & { response?: { ts?: string } }).response?.ts;
    await waitForCall(mark, (c) => c.method === 'chat.postMessage' && c.ok && c.args.thread_ts === dmTs);
    // Where Alice ran the command, the command's response_url says where the verdict went.
    const pointer = await waitForCall(mark, (c) => c.method === 'response_url');
    expect(pointer.ok).toBe(true);
    expect(ephemeralsOf(ALICE, SECRET).at(-1)).toMatch(
      /not a member there.*sent it to you in a direct message/,
    );
  });

  it('a private channel and no DM either: notice and verdict reach the user through the response_url', async () => {
    const before = ephemeralsOf(BOB, SECRET).length;
    // The post in #secret fails on its own (channel_not_found); the second fault is the DM.
    t.fakeSlack.fail('chat.postMessage', { error: 'channel_not_found' }, 2);
    const { mark } = await decide({ user: BOB, channel: SECRET });
    await waitUntil(() => ephemeralsOf(BOB, SECRET).length === before + 2);
    const [notice, verdict] = ephemeralsOf(BOB, SECRET).slice(before);
    expect(notice).toMatch(/not a member there.*Here it is just for you/);
    expectProposedVerdictText(verdict, buildVerdictMessage(recommend(ANSWERS), { requesterId: BOB }).text);
    expect(callsSince(mark, 'response_url').map((c) => c.ok)).toEqual([true, true]);
    expect(callsSince(mark, 'chat.postEphemeral')).toEqual([]);
  });

  it('invalid_auth: logged loudly with context, and the user hears the app needs reinstalling', async () => {
    const mark = t.fakeSlack.calls.length;
    t.fakeSlack.fail('views.open', { error: 'invalid_auth' });
    await t.fakeSlack.slashCommand({ userId: BOB, channelId: GENERAL });
    const told = await waitForCall(mark, (c) => c.method === 'response_url');
    expect(String(told.args.text)).toMatch(/needs to be reinstalled/);
    expect(
      t.logs.some((l) => l.includes('REJECTED THE BOT TOKEN (invalid_auth)') && l.includes('views.open')),
    ).toBe(true);
  });

  it('token_revoked while posting the verdict: the command’s response_url tells the user; logged with context', async () => {
    const mark = t.fakeSlack.calls.length;
    t.fakeSlack.fail('chat.postMessage', { error: 'token_revoked' });
    await decide({ user: CAROL, channel: GENERAL });
    const told = await waitForCall(mark, (c) => c.method === 'response_url');
    expect(told.ok).toBe(true);
    expect(ephemeralsOf(CAROL, GENERAL).at(-1)).toMatch(/could not post the recommendation.*reinstalled/);
    // The revoked token was not tried again to reach her.
    expect(callsSince(mark, 'chat.postEphemeral')).toEqual([]);
    const loud = t.logs.find((l) => l.includes('REJECTED THE BOT TOKEN (token_revoked)'));
    expect(loud).toMatch(/chat\.postMessage/);
    expect(loud).toContain(CAROL);
    expect(loud).toContain(GENERAL);
    expect(loud).toContain('decision_modal');
  });

  it('any other failure (HTTP 500 after retries): the user is told in plain words and the log has the details', async () => {
    const mark = t.fakeSlack.calls.length;
    t.fakeSlack.fail('chat.postMessage', { status: 500 }, 3);
    await decide({ user: CAROL, channel: GENERAL });
    const told = await waitForCall(mark, (c) => c.method === 'response_url' && c.ok);
    expect(String(told.args.text)).toMatch(/could not post the recommendation.*http_500/);
    expect(callsSince(mark, 'chat.postMessage').filter((c) => c.error === 'http_500')).toHaveLength(3);
    const line = t.logs.find((l) => l.includes('http_500') && l.includes('chat.postMessage'));
    expect(line).toContain(CAROL);
    expect(line).toContain(GENERAL);
  });

  /** Page 2's metadata as if the modal had been opened by a slash command, with that command's response_url. */
  function pageTwoMetadata(responseUrl: string, responseUrlExpiresAt: number): string {
    return encodeModalMetadata({
      page: 2,
      channelId: GENERAL,
      answers: LOW_LATENCY_ESSENTIALS,
      responseUrl,
      responseUrlExpiresAt,
    });
  }

  /** A response_url live in the fake (so using it would work), from a command that is never sent. */
  function liveResponseUrl(userId: string): string {
    const command = t.fakeSlack.prepareSlashCommand({ userId, channelId: GENERAL });
    return new URLSearchParams(command.body).get('response_url') ?? '';
  }

  it('a response_url Slack refuses (all 5 uses spent): the user is told by ephemeral message instead', async () => {
    const responseUrl = liveResponseUrl(CAROL);
    for (let use = 0; use < 5; use++) {
      await fetch(responseUrl, { method: 'POST', body: JSON.stringify({ text: `use ${use}` }) });
    }
    const mark = t.fakeSlack.calls.length;
    t.fakeSlack.fail('chat.postMessage', { status: 500 }, 3);
    const response = await submitRaw(CAROL, pageTwoMetadata(responseUrl, Date.now() + 60_000), {});
    expect(response).toEqual({ status: 200, body: JSON.stringify({ response_action: 'clear' }) });
    const told = await waitForCall(mark, (c) => c.method === 'chat.postEphemeral' && c.ok);
    expect(String(told.args.text)).toMatch(/could not post the recommendation/);
    expect(callsSince(mark, 'response_url').map((c) => c.error)).toEqual(['used_url']);
  });

  it('a response_url past its 30 minutes is not tried: the user is told by ephemeral message', async () => {
    // Live in the fake, so using it would work: only the expiry the metadata records keeps the app off it.
    const metadata = pageTwoMetadata(liveResponseUrl(CAROL), Date.now() - 1);
    const mark = t.fakeSlack.calls.length;
    t.fakeSlack.fail('chat.postMessage', { status: 500 }, 3);
    const response = await submitRaw(CAROL, metadata, {});
    expect(response).toEqual({ status: 200, body: JSON.stringify({ response_action: 'clear' }) });
    const told = await waitForCall(mark, (c) => c.method === 'chat.postEphemeral' && c.ok);
    expect(String(told.args.text)).toMatch(/could not post the recommendation/);
    expect(callsSince(mark, 'response_url')).toEqual([]);
  });

  it('a hanging Web API: the request times out and the user is told instead of waiting forever', async () => {
    const mark = t.fakeSlack.calls.length;
    t.fakeSlack.fail('views.open', { hang: true }, 3);
    await t.fakeSlack.slashCommand({ userId: BOB, channelId: GENERAL });
    const told = await waitForCall(mark, (c) => c.method === 'response_url', 10_000);
    expect(String(told.args.text)).toMatch(/request_timeout/);
  });

  it('429 with Retry-After: the Web API client waits and retries, and the verdict is posted', async () => {
    const mark = t.fakeSlack.calls.length;
    t.fakeSlack.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    await decide({ channel: GENERAL });
    const posted = await waitForCall(mark, isVerdictPost(GENERAL), 8_000);
    const limited = callsSince(mark, 'chat.postMessage').find((c) => c.status === 429);
    expect(limited).toBeDefined();
    expect(posted.at - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
  });
});

describe('request signing', () => {
  async function post(headers: Record<string, string>, body: string) {
    return fetch(`${t.appUrl}/slack/events`, { method: 'POST', headers, body });
  }

  it('rejects unsigned, forged and stale requests with 401 and calls nothing', async () => {
    const request = t.fakeSlack.prepareSlashCommand({ userId: BOB, channelId: GENERAL });
    const mark = t.fakeSlack.calls.length;
    const form = 'application/x-www-form-urlencoded';
    const unsigned = await post({ 'content-type': form }, request.body);
    const forged = await post(slackRequestHeaders('0'.repeat(32), request.body, form), request.body);
    const stale = await post(
      slackRequestHeaders(TEST_SIGNING_SECRET, request.body, form, Math.floor(Date.now() / 1000) - 301),
      request.body,
    );
    expect([unsigned.status, forged.status, stale.status]).toEqual([401, 401, 401]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(callsSince(mark)).toEqual([]);
    // The same request correctly signed is accepted: the 401s were about the signature alone.
    const signed = await post(request.headers, request.body);
    expect(signed.status).toBe(200);
    await waitForCall(mark, (c) => c.method === 'views.open');
    await t.fakeSlack.closeView({ userId: BOB, all: true }).catch(() => undefined);
  });

  it('never logs the bot token or the signing secret (debug level, after every test above)', () => {
    expect(t.logs.length).toBeGreaterThan(0);
    for (const line of t.logs) {
      expect(line).not.toContain(TEST_BOT_TOKEN);
      expect(line).not.toContain(TEST_SIGNING_SECRET);
    }
  });
});
