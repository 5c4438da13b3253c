import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Answers, recommend } from '../../src/engine/index.ts';
import { PEOPLE_CONVERSATIONS } from '../../src/playground/fake-slack/conversations.ts';
import { type ApiCall, FAKE_SLACK_IDS } from '../../src/playground/fake-slack/index.ts';
import { verbatimSectionBlock } from '../../src/slack/blocks/compose.ts';
import {
  buildDecisionRecordModal,
  buildVerdictMessage,
  checkSurface,
  DECISION_RECORD_VIEW_ID,
} from '../../src/slack/blocks/index.ts';
import { escapeMrkdwn, unescapeMrkdwn } from '../../src/slack/blocks/mrkdwn.ts';
import { RepeatPresses } from '../../src/slack/listeners/actions/repeat-presses.ts';
import { openStore } from '../../src/store/index.ts';
import {
  callsSince,
  expectProposedVerdictText,
  isVerdictPost,
  renderedText,
  settle,
  waitForCall,
} from '../helpers/app-calls.ts';
import { LOW_LATENCY_ESSENTIALS } from '../helpers/sample-answers.ts';
import { startTestApp, TEST_BOT_TOKEN, type TestApp } from '../helpers/test-app.ts';

/**
 * Buttons and commands where real Slack differs from the happy path: a verdict shown privately (ephemeral), a
 * command's text as Slack escapes it, double presses, and commands run in a DM or group DM.
 */

const { alice: ALICE, bob: BOB, carol: CAROL } = FAKE_SLACK_IDS.users;
const { general: GENERAL, secret: SECRET } = FAKE_SLACK_IDS.channels;
const DM = PEOPLE_CONVERSATIONS.dm.id;
const GROUP_DM = PEOPLE_CONVERSATIONS.groupDm.id;

const PAGE_TWO = { priorities: ['performance'], compute: 'cpu-bound' } satisfies Partial<Answers>;
const ANSWERS: Answers = { ...LOW_LATENCY_ESSENTIALS, ...PAGE_TWO };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

beforeEach(async () => {
  await settle(t.fakeSlack);
  for (const user of [ALICE, BOB, CAROL]) await t.fakeSlack.closeView({ userId: user, all: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const since = (mark: number, method: string) => callsSince(t.fakeSlack, mark, method);
const waitFor = (mark: number, pred: (c: ApiCall) => boolean) => waitForCall(t.fakeSlack, mark, pred);
const quiet = () => settle(t.fakeSlack);
const opened = (c: ApiCall) => c.method === 'views.open' && c.ok;

/**
 * The verdict posted in `channel` after `mark`, once its thread is complete too: replies are paced about one
 * a second per channel, so they would otherwise land in the next test.
 */
async function verdictPosted(mark: number, channel: string): Promise<ApiCall> {
  const verdict = await waitFor(mark, isVerdictPost(channel));
  await settle(t.fakeSlack, 1_200);
  return verdict;
}

interface ViewBlock {
  block_id?: string;
  element?: { initial_value?: string; initial_conversation?: string };
}
const blocksOf = (call: ApiCall) => (call.args.view as { blocks: ViewBlock[] }).blocks;
const channelPicker = (call: ApiCall) => blocksOf(call).find((b) => b.block_id === 'channel');

/** The verdict as the app would post it, posted with the bot's token: a message with both buttons. */
async function postedVerdict(channel: string): Promise<string> {
  const response = await fetch(`${t.fakeSlack.apiUrl}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_BOT_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel, ...buildVerdictMessage(recommend(ANSWERS), { requesterId: ALICE }) }),
  });
  const body = (await response.json()) as { ok: boolean; ts: string };
  expect(body.ok).toBe(true);
  return body.ts;
}

/**
 * The verdict shown to `user` alone in `channel`, the way the app falls back when it cannot post there: an
 * ephemeral message through the response_url of the command the user ran there.
 */
async function ephemeralVerdict(user: string, channel: string): Promise<string> {
  const command = t.fakeSlack.prepareSlashCommand({ userId: user, channelId: channel });
  const responseUrl = new URLSearchParams(command.body).get('response_url') ?? '';
  const response = await fetch(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      response_type: 'ephemeral',
      ...buildVerdictMessage(recommend(ANSWERS), { requesterId: user }),
    }),
  });
  expect(response.status).toBe(200);
  const ephemeral = t.fakeSlack
    .snapshot(user)
    .channels.find((c) => c.id === channel)
    ?.ephemerals.at(-1);
  if (!ephemeral) throw new Error('the ephemeral verdict did not arrive');
  return ephemeral.ts;
}

const press = (user: string, actionId: string, channel: string, messageTs: string) =>
  t.fakeSlack.clickButton({ userId: user, actionId, channelId: channel, messageTs });

describe('buttons on a verdict shown privately (ephemeral: no `message` in the click)', () => {
  it('Adjust answers opens the modal filled in, offering that channel again; the new verdict goes where picked', async () => {
    const ts = await ephemeralVerdict(ALICE, SECRET);
    const mark = t.fakeSlack.calls.length;
    await press(ALICE, 'adjust_answers', SECRET, ts);
    const open = await waitFor(mark, opened);
    expect(JSON.stringify(open.args.view)).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"High-throughput',
    );
    // The bot could not post in #secret: page 1 asks where to post, offering #secret again.
    expect(channelPicker(open)?.element?.initial_conversation).toBe(SECRET);
    expect(since(mark, 'response_url')).toEqual([]);

    await t.fakeSlack.submitView({ userId: ALICE, inputs: { channel: GENERAL } });
    await t.fakeSlack.submitView({ userId: ALICE });
    const verdict = await verdictPosted(mark, GENERAL);
    expectProposedVerdictText(
      verdict.args.text,
      buildVerdictMessage(recommend(ANSWERS), { requesterId: ALICE }).text,
    );
    // The earlier verdict was seen by Alice alone: the channel is not told this one replaces it.
    expect(JSON.stringify(verdict.args.blocks)).not.toContain('Replaces the verdict');
  });

  it('Adjust answers on a verdict shown in a DM: the picker, with no DM pre-selected (it lists channels)', async () => {
    const ts = await ephemeralVerdict(BOB, DM);
    const mark = t.fakeSlack.calls.length;
    await press(BOB, 'adjust_answers', DM, ts);
    const open = await waitFor(mark, opened);
    expect(channelPicker(open)).toBeDefined();
    expect(channelPicker(open)?.element?.initial_conversation).toBeUndefined();
  });

  it('Decision record opens the whole record', async () => {
    const ts = await ephemeralVerdict(CAROL, GENERAL);
    const mark = t.fakeSlack.calls.length;
    await press(CAROL, 'decision_record', GENERAL, ts);
    const open = await waitFor(mark, opened);
    expect(open.args.view).toEqual(buildDecisionRecordModal(recommend(ANSWERS)));
    expect(t.fakeSlack.snapshot(CAROL).modalStack.at(-1)?.view.callback_id).toBe(DECISION_RECORD_VIEW_ID);
  });
});

describe('slash-command text, which Slack sends entity-escaped, is decoded exactly once', () => {
  it('pre-fills the description with what the person typed, entities they typed included', async () => {
    const typed = 'R&D <core> & ML, "&amp;" is literal';
    const mark = t.fakeSlack.calls.length;
    await t.fakeSlack.slashCommand({ userId: BOB, channelId: GENERAL, text: typed });
    const open = await waitFor(mark, opened);
    expect(blocksOf(open).find((b) => b.block_id === 'description')?.element?.initial_value).toBe(typed);
  });

  it('`help` is recognised even when Slack escapes the text around it', async () => {
    const result = await t.fakeSlack.slashCommand({ userId: BOB, channelId: GENERAL, text: ' HELP ' });
    expect(result.body).toMatchObject({ response_type: 'ephemeral' });
  });

  it('the verdict shows the description escaped once (R&amp;D, not R&amp;amp;D)', async () => {
    const mark = t.fakeSlack.calls.length;
    await t.fakeSlack.slashCommand({ userId: CAROL, channelId: GENERAL, text: 'R&D <core> team' });
    await waitFor(mark, opened);
    await t.fakeSlack.submitView({ userId: CAROL, inputs: LOW_LATENCY_ESSENTIALS });
    await t.fakeSlack.submitView({ userId: CAROL, inputs: PAGE_TWO });
    const verdict = await verdictPosted(mark, GENERAL);
    const shown = renderedText(verdict.args.blocks).join('\n');
    expect(shown).toContain('R&amp;D &lt;core&gt; team');
    expect(shown).not.toContain('amp;amp;');
  });

  it('decoding inverts escaping, and only once', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(unescapeMrkdwn(escapeMrkdwn(text))).toBe(text);
      }),
    );
    expect(unescapeMrkdwn('&amp;lt;')).toBe('&lt;');
  });
});

describe('a double press has no double effect', () => {
  /** The calls made for presses that reach the app together, as a double click's do. */
  async function callsForPresses(...presses: (() => Promise<unknown>)[]): Promise<ApiCall[]> {
    const mark = t.fakeSlack.calls.length;
    await Promise.all(presses.map((p) => p()));
    await quiet();
    return t.fakeSlack.calls.slice(mark);
  }
  const modalsOpened = (calls: ApiCall[]) => calls.filter(opened);

  it('Adjust answers pressed twice at once opens one modal', async () => {
    const ts = await postedVerdict(GENERAL);
    const adjust = () => press(ALICE, 'adjust_answers', GENERAL, ts);
    expect(modalsOpened(await callsForPresses(adjust, adjust))).toHaveLength(1);
    expect(t.fakeSlack.snapshot(ALICE).modalStack).toHaveLength(1);
  });

  it('a second press just after the modal opened is the same press; a press a while later opens it again', async () => {
    const ts = await postedVerdict(GENERAL);
    const mark = t.fakeSlack.calls.length;
    await press(BOB, 'adjust_answers', GENERAL, ts);
    await waitFor(mark, opened);
    await press(BOB, 'adjust_answers', GENERAL, ts);
    await quiet();
    expect(since(mark, 'views.open')).toHaveLength(1);

    await t.fakeSlack.closeView({ userId: BOB, all: true });
    await sleep(1_100);
    await press(BOB, 'adjust_answers', GENERAL, ts);
    await quiet();
    expect(since(mark, 'views.open').filter((c) => c.ok)).toHaveLength(2);
  });

  it('two people pressing at once each get their modal', async () => {
    const ts = await postedVerdict(GENERAL);
    const calls = await callsForPresses(
      () => press(ALICE, 'adjust_answers', GENERAL, ts),
      () => press(CAROL, 'adjust_answers', GENERAL, ts),
    );
    expect(modalsOpened(calls)).toHaveLength(2);
  });

  it('Decision record pressed twice at once opens one record and posts nothing', async () => {
    const ts = await postedVerdict(GENERAL);
    const record = () => press(CAROL, 'decision_record', GENERAL, ts);
    const calls = await callsForPresses(record, record);
    expect(calls.filter((c) => c.method === 'views.open')).toHaveLength(1);
    expect(calls.filter((c) => c.method.startsWith('chat.'))).toEqual([]);
  });

  it('Start a decision on the Home tab pressed twice at once opens one modal', async () => {
    const mark = t.fakeSlack.calls.length;
    await t.fakeSlack.openHome(BOB);
    await waitFor(mark, (c) => c.method === 'views.publish' && c.ok);
    const homeId = t.fakeSlack.snapshot(BOB).home?.id ?? '';
    const start = () => t.fakeSlack.clickButton({ userId: BOB, actionId: 'start_decision', viewId: homeId });
    const calls = await callsForPresses(start, start);
    expect(calls.filter((c) => c.method === 'views.open')).toHaveLength(1);
  });

  it('a repeat is dropped while the first press is handled and for the grace after it, not later, whichever instance gets it', async () => {
    const store = await openStore({ kind: 'sqlite', path: ':memory:' });
    // Two instances of the app, one store: a double click's presses may reach either.
    const [presses, elsewhere] = [new RepeatPresses(() => store, 50), new RepeatPresses(() => store, 50)];
    let handled = 0;
    const slow = async () => {
      handled += 1;
      await sleep(100);
    };
    const [first, repeat] = await Promise.all([presses.once('k', slow), elsewhere.once('k', slow)]);
    expect([first, repeat, handled]).toEqual([true, false, 1]);
    expect(await elsewhere.once('k', slow)).toBe(false);
    expect(await presses.once('other', slow)).toBe(true);
    await sleep(60);
    expect(await elsewhere.once('k', slow)).toBe(true);
    expect(handled).toBe(3);
    await store.close();
  });
});

describe('a command run in a DM or group DM, where the bot cannot post', () => {
  it.each([
    ['a 1:1 DM between people', ALICE, DM],
    ['a group DM', CAROL, GROUP_DM],
  ])(
    'in %s: page 1 asks for the channel, the verdict goes there, and nothing is tried in the DM',
    async (_where, user, conversation) => {
      const mark = t.fakeSlack.calls.length;
      await t.fakeSlack.slashCommand({ userId: user, channelId: conversation });
      const open = await waitFor(mark, opened);
      expect(channelPicker(open)).toBeDefined();
      await t.fakeSlack.submitView({ userId: user, inputs: { ...LOW_LATENCY_ESSENTIALS, channel: GENERAL } });
      await t.fakeSlack.submitView({ userId: user, inputs: PAGE_TWO });
      await verdictPosted(mark, GENERAL);
      await quiet();
      const posts = t.fakeSlack.calls.slice(mark).filter((c) => c.method.startsWith('chat.'));
      expect(posts.filter((c) => c.args.channel === conversation)).toEqual([]);
      expect(posts.filter((c) => c.error === 'not_in_channel' || c.error === 'channel_not_found')).toEqual(
        [],
      );
      expect(JSON.stringify(t.fakeSlack.calls.slice(mark).map((c) => c.args))).not.toContain('/invite');
    },
  );

  it('in a channel the channel is the destination: no picker', async () => {
    const mark = t.fakeSlack.calls.length;
    await t.fakeSlack.slashCommand({ userId: BOB, channelId: GENERAL });
    const open = await waitFor(mark, opened);
    expect(channelPicker(open)).toBeUndefined();
  });
});

describe('user text in mrkdwn is verbatim, so Slack does not turn its words into links or mentions', () => {
  it('a verbatim section keeps its escaped text and is a valid block', () => {
    const block = verbatimSectionBlock(escapeMrkdwn('see #general and www.example.com <!here>'));
    expect(block.text).toEqual({
      type: 'mrkdwn',
      text: 'see #general and www.example.com &lt;!here&gt;',
      verbatim: true,
    });
    expect(checkSurface({ kind: 'message', text: 'x', blocks: [block] })).toEqual([]);
  });

  it('the project description in a posted verdict is in a verbatim mrkdwn object', async () => {
    const mark = t.fakeSlack.calls.length;
    await t.fakeSlack.slashCommand({
      userId: ALICE,
      channelId: GENERAL,
      text: 'Ask #ops, see www.example.com',
    });
    await waitFor(mark, opened);
    await t.fakeSlack.submitView({ userId: ALICE, inputs: LOW_LATENCY_ESSENTIALS });
    await t.fakeSlack.submitView({ userId: ALICE, inputs: PAGE_TWO });
    const verdict = await verdictPosted(mark, GENERAL);
    const texts: { text?: string; verbatim?: boolean }[] = [];
    JSON.stringify(verdict.args.blocks, (key, value) => {
      if (key === 'text' && typeof value === 'object' && value !== null) texts.push(value);
      return value;
    });
    const holding = texts.filter((o) => o.text?.includes('Ask #ops, see www.example.com'));
    expect(holding.length).toBeGreaterThan(0);
    for (const object of holding) expect(object.verbatim).toBe(true);
  });
});
