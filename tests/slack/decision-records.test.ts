import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Answers } from '../../src/engine/index.ts';
import {
  type ApiCall,
  FAKE_SLACK_IDS,
  slackRequestHeaders,
  type ViewInputs,
} from '../../src/playground/fake-slack/index.ts';
import { buildDecisionRecordModal, DECISION_RECORD_VIEW_ID } from '../../src/slack/blocks/index.ts';
import { openStore } from '../../src/store/index.ts';
import { recordMetaOf } from '../../src/store/record-meta.ts';
import type { DatabaseLocation, DecisionRecord, Store } from '../../src/store/types.ts';
import { isVerdictPost, renderedText, settle, waitForCall } from '../helpers/app-calls.ts';
import { eventually } from '../helpers/eventually.ts';
import { freshPostgresDatabase } from '../helpers/postgres.ts';
import { LOW_LATENCY_ESSENTIALS, WEB_MVP_ESSENTIALS } from '../helpers/sample-answers.ts';
import { startTestApp, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, type TestApp } from '../helpers/test-app.ts';

/**
 * Decision records end to end: signed requests from the fake Slack to the app in HTTP mode, and what people
 * then see in the fake (messages as they stand after chat.update, ephemerals, the Home tab, modals). The store
 * is read beside the app, through a second connection to the same database, only to check what it says.
 */

const { alice: ALICE, bob: BOB, carol: CAROL } = FAKE_SLACK_IDS.users;
const { general: GENERAL, random: RANDOM } = FAKE_SLACK_IDS.channels;
const WORKSPACE = { teamId: FAKE_SLACK_IDS.team };
/** A Slack date token, as the "Accepted by" line and the lists show a date. */
const DATE_TOKEN = /<!date\^\d{9,11}\^\{date_short\}\|\d{4}-\d{2}-\d{2}>/;

interface Database {
  location: DatabaseLocation;
  drop(): Promise<void>;
}

interface Backend {
  name: string;
  create(): Promise<Database>;
}

const SQLITE: Backend = {
  name: 'SQLite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'rop-records-'));
    return {
      location: { kind: 'sqlite', path: join(dir, 'decisions.sqlite') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

const POSTGRES: Backend = {
  name: 'PostgreSQL',
  async create() {
    const db = await freshPostgresDatabase();
    return { location: { kind: 'postgres', url: db.url }, drop: () => db.drop() };
  },
};

/** The app on a database of its own, and a second connection to that database to read what it stored. */
interface Harness {
  t: TestApp;
  store: Store;
  database: Database;
}

let current: Harness | undefined;
afterEach(async () => {
  const h = current;
  current = undefined;
  await h?.t.close();
  await h?.store.close();
  await h?.database.drop();
});

async function startOn(backend: Backend): Promise<Harness> {
  const database = await backend.create();
  const t = await startTestApp({ database: database.location });
  const store = await openStore(database.location);
  current = { t, store, database };
  return current;
}

/** The ts Slack gave a posted message. */
const tsOf = (call: ApiCall) => (call.response as { ts?: string } | undefined)?.ts ?? '';

/** A message as the channel shows it now (after any chat.update). */
function messageNow(t: TestApp, channel: string, ts: string) {
  const message = t.fakeSlack.messages(channel).find((m) => m.ts === ts);
  if (message === undefined) throw new Error(`no message ${ts} in ${channel}`);
  return { ...message, shown: renderedText(message.blocks ?? []).join('\n') };
}

/** The action ids of the buttons on a message or view. */
function buttonsOf(blocks: readonly unknown[] | undefined): string[] {
  return (blocks ?? []).flatMap((block) => {
    const b = block as { type?: string; elements?: { action_id?: string }[] };
    return b.type === 'actions' ? (b.elements ?? []).map((e) => e.action_id ?? '') : [];
  });
}

/** What a person has been told privately in a channel, oldest first. */
function ephemeralsOf(t: TestApp, userId: string, channelId: string): string[] {
  const channel = t.fakeSlack.snapshot(userId).channels.find((c) => c.id === channelId);
  return (channel?.ephemerals ?? []).map((e) => `${e.text}\n${renderedText(e.blocks ?? []).join('\n')}`);
}

/** What Slack answers chat.getPermalink for a message: the link the app should put on it. */
async function slackPermalink(t: TestApp, channel: string, ts: string): Promise<string> {
  const response = await fetch(`${t.fakeSlack.apiUrl}chat.getPermalink`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_BOT_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel, message_ts: ts }),
  });
  const body = (await response.json()) as { ok: boolean; permalink?: string };
  if (!body.ok || body.permalink === undefined) throw new Error(`no permalink for ${channel}/${ts}`);
  return body.permalink;
}

/** Answers the open modal's two pages (page 2 untouched) and returns the verdict post it led to. */
async function answerModal(
  t: TestApp,
  user: string,
  channel: string,
  mark: number,
  page1: ViewInputs,
): Promise<ApiCall> {
  await waitForCall(t.fakeSlack, mark, (c) => c.method === 'views.open' && c.ok);
  const first = await t.fakeSlack.submitView({ userId: user, inputs: page1 });
  expect(first.body).toMatchObject({ response_action: 'push' });
  const second = await t.fakeSlack.submitView({ userId: user, inputs: {} });
  expect(second).toMatchObject({ status: 200, body: { response_action: 'clear' } });
  return waitForCall(t.fakeSlack, mark, isVerdictPost(channel));
}

/** `/rust-or-python` in `channel`, both pages answered: resolves with the verdict's ts once it is recorded. */
async function decide(
  t: TestApp,
  user: string,
  channel: string,
  essentials: Partial<Answers> = WEB_MVP_ESSENTIALS,
): Promise<string> {
  const mark = t.fakeSlack.calls.length;
  const command = await t.fakeSlack.slashCommand({ userId: user, channelId: channel, text: '' });
  expect(command.status).toBe(200);
  const verdict = await answerModal(t, user, channel, mark, essentials as ViewInputs);
  const ts = tsOf(verdict);
  // Recorded once its permalink is: the app stores where the verdict landed right after posting it.
  await eventually(
    () => (t.fakeSlack.calls.slice(mark).some((c) => c.method === 'chat.getPermalink') ? true : undefined),
    'the app asking for the verdict’s permalink',
  );
  await settle(t.fakeSlack, 100);
  return ts;
}

/** A person presses Accept on the verdict `ts` (as their Slack client shows it now). */
function pressAccept(t: TestApp, user: string, channel: string, ts: string) {
  return t.fakeSlack.clickButton({
    userId: user,
    actionId: 'accept_decision',
    channelId: channel,
    messageTs: ts,
  });
}

/** The stored decision, which must exist. */
async function stored(store: Store, number: number): Promise<DecisionRecord> {
  const record = await store.getDecision(WORKSPACE, number);
  if (record === undefined) throw new Error(`decision #${number} is not stored`);
  return record;
}

/** The stored decision once it is accepted (an Accept is acked first, then saved). */
async function acceptedSoon(store: Store, number: number): Promise<DecisionRecord> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const record = await stored(store, number);
    if (record.status === 'accepted' || Date.now() > deadline) return record;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The lines of `/rust-or-python history` as the person who ran it reads them (an ephemeral ack). */
async function history(t: TestApp, user: string, channel: string): Promise<string[]> {
  const mark = t.fakeSlack.calls.length;
  const result = await t.fakeSlack.slashCommand({ userId: user, channelId: channel, text: 'history' });
  expect(result.status).toBe(200);
  expect(result.body).toMatchObject({ response_type: 'ephemeral' });
  // Only the one who asked sees it: nothing was posted or opened.
  expect(
    t.fakeSlack.calls.slice(mark).filter((c) => c.method.startsWith('chat.') || c.method === 'views.open'),
  ).toEqual([]);
  return renderedText((result.body as { blocks?: unknown[] }).blocks ?? []).flatMap((text) =>
    text.split('\n'),
  );
}

describe.each([SQLITE, POSTGRES])('decision records on $name', (backend) => {
  it('a verdict is posted as Decision #1 with an Accept button; the next one in the workspace is #2', async () => {
    const { t, store } = await startOn(backend);
    const first = await decide(t, ALICE, GENERAL);
    const one = messageNow(t, GENERAL, first);
    expect(one.shown).toMatch(/Decision #1\b/);
    expect(one.shown).toMatch(/Proposed/);
    expect(one.text).toMatch(/^Decision #1 \(proposed\)/);
    expect(buttonsOf(one.blocks)).toEqual(['accept_decision', 'adjust_answers', 'decision_record']);

    // Numbers are per workspace, not per channel.
    const second = await decide(t, BOB, RANDOM, LOW_LATENCY_ESSENTIALS);
    const two = messageNow(t, RANDOM, second);
    expect(two.shown).toMatch(/Decision #2\b/);
    expect(two.shown).not.toMatch(/Decision #1\b/);
    expect(buttonsOf(two.blocks)).toContain('accept_decision');

    const [a, b] = [await stored(store, 1), await stored(store, 2)];
    expect([a.status, a.requesterId, a.message?.channelId, a.message?.messageTs]).toEqual([
      'proposed',
      ALICE,
      GENERAL,
      first,
    ]);
    expect([b.status, b.requesterId, b.message?.channelId, b.message?.messageTs]).toEqual([
      'proposed',
      BOB,
      RANDOM,
      second,
    ]);
  });

  it('Accept: saved, then the message says "Accepted by @person on <date>" and loses its Accept button', async () => {
    const { t, store } = await startOn(backend);
    const ts = await decide(t, ALICE, GENERAL);
    const mark = t.fakeSlack.calls.length;
    const press = await pressAccept(t, BOB, GENERAL, ts);
    expect(press.status).toBe(200);

    const update = await waitForCall(t.fakeSlack, mark, (c) => c.method === 'chat.update' && c.ok);
    expect(update.args).toMatchObject({ channel: GENERAL, ts });
    const now = messageNow(t, GENERAL, ts);
    expect(now.edited).toBe(true);
    const accepted = new RegExp(`Accepted by <@${BOB}> on ${DATE_TOKEN.source}`);
    expect(now.shown).toMatch(accepted);
    expect(now.shown).toMatch(/Decision #1\b/);
    expect(now.shown).not.toMatch(/Proposed/);
    expect(buttonsOf(now.blocks)).toEqual(['adjust_answers', 'decision_record']);
    // The date shown is the day it was accepted.
    const shownDay = /\|(\d{4}-\d{2}-\d{2})>/.exec(now.shown.match(accepted)?.[0] ?? '')?.[1];

    const record = await stored(store, 1);
    expect(record.status).toBe('accepted');
    expect(record.acceptedBy).toBe(BOB);
    expect(record.acceptedAt?.toISOString().slice(0, 10)).toBe(shownDay);
    await settle(t.fakeSlack, 100);
    // The message said it all: Bob is not told anything besides.
    expect(ephemeralsOf(t, BOB, GENERAL)).toEqual([]);
  });

  it('two people pressing Accept at once: one acceptance, shown once; the other is told it was already accepted', async () => {
    const { t, store } = await startOn(backend);
    const ts = await decide(t, CAROL, GENERAL);
    const mark = t.fakeSlack.calls.length;
    // Both clients show the message with its Accept button; both payloads are built before either is sent.
    const presses = await Promise.all([pressAccept(t, ALICE, GENERAL, ts), pressAccept(t, BOB, GENERAL, ts)]);
    expect(presses.map((p) => p.status)).toEqual([200, 200]);

    // The presses are acked at once; the acceptance is saved right after.
    const record = await acceptedSoon(store, 1);
    expect(record.status).toBe('accepted');
    expect([ALICE, BOB]).toContain(record.acceptedBy);
    const winner = record.acceptedBy ?? '';
    const loser = winner === ALICE ? BOB : ALICE;

    const told = await eventually(
      () => ephemeralsOf(t, loser, GENERAL).find((e) => /already accepted/.test(e)),
      'the notice to the one who pressed second',
    );
    expect(told).toContain(`Decision #1 was already accepted by <@${winner}>`);
    await settle(t.fakeSlack, 150);
    expect(ephemeralsOf(t, winner, GENERAL)).toEqual([]);

    const now = messageNow(t, GENERAL, ts);
    expect(now.shown.match(/Accepted by/g)).toHaveLength(1);
    expect(now.shown).toContain(`Accepted by <@${winner}>`);
    expect(buttonsOf(now.blocks)).not.toContain('accept_decision');
    // No update ever named the one who lost.
    const updates = t.fakeSlack.calls.slice(mark).filter((c) => c.method === 'chat.update' && c.ok);
    expect(updates.length).toBeGreaterThan(0);
    for (const update of updates)
      expect(renderedText(update.args.blocks).join('\n')).not.toContain(`<@${loser}>`);
  });

  it('Adjust answers: the new verdict is #2 "Supersedes #1"; #1 becomes "Superseded by #2", links both ways, keeps only Decision record', async () => {
    const { t, store } = await startOn(backend);
    const oldTs = await decide(t, ALICE, GENERAL);
    // #1 as posted: what a client that has not refreshed still shows (for the stale press below).
    const original = messageNow(t, GENERAL, oldTs);

    const mark = t.fakeSlack.calls.length;
    await t.fakeSlack.clickButton({
      userId: ALICE,
      actionId: 'adjust_answers',
      channelId: GENERAL,
      messageTs: oldTs,
    });
    const verdict = await answerModal(t, ALICE, GENERAL, mark, LOW_LATENCY_ESSENTIALS);
    const newTs = tsOf(verdict);
    const [oldLink, newLink] = [
      await slackPermalink(t, GENERAL, oldTs),
      await slackPermalink(t, GENERAL, newTs),
    ];

    const oldNow = await eventually(() => {
      const m = messageNow(t, GENERAL, oldTs);
      return /Superseded by/.test(m.shown) ? m : undefined;
    }, 'decision #1’s message updated to say it was superseded');
    await settle(t.fakeSlack, 100);

    const newNow = messageNow(t, GENERAL, newTs);
    expect(newNow.shown).toMatch(/Decision #2\b/);
    expect(newNow.shown).toContain(`Supersedes <${oldLink}|#1>`);
    expect(buttonsOf(newNow.blocks)).toEqual(['accept_decision', 'adjust_answers', 'decision_record']);

    const oldShown = messageNow(t, GENERAL, oldTs);
    expect(oldShown.shown).toMatch(/Decision #1\b/);
    expect(oldShown.shown).toContain(`Superseded by <${newLink}|#2>`);
    expect(oldNow.edited).toBe(true);
    expect(buttonsOf(oldShown.blocks)).toEqual(['decision_record']);

    const [one, two] = [await stored(store, 1), await stored(store, 2)];
    expect([one.status, one.supersededBy]).toEqual(['superseded', 2]);
    expect([two.status, two.supersedes, two.message?.messageTs]).toEqual(['proposed', 1, newTs]);

    // Someone whose client still shows #1 as it was posted presses its Accept.
    const accept = (original.blocks ?? [])
      .flatMap((b) => (b as { elements?: { action_id?: string }[] }).elements ?? [])
      .find((e) => e.action_id === 'accept_decision') as { value?: string; text?: unknown } | undefined;
    expect(accept?.value).toBe('1');
    // Slack sends a response_url with every click; this one is live in the fake.
    const liveUrl = new URLSearchParams(
      t.fakeSlack.prepareSlashCommand({ userId: BOB, channelId: GENERAL }).body,
    ).get('response_url');
    const payload = {
      type: 'block_actions',
      user: { id: BOB, username: 'bob', name: 'bob', team_id: FAKE_SLACK_IDS.team },
      api_app_id: FAKE_SLACK_IDS.appId,
      team: { id: FAKE_SLACK_IDS.team, domain: 'playground' },
      enterprise: null,
      is_enterprise_install: false,
      trigger_id: t.fakeSlack.issueTriggerId(BOB),
      container: { type: 'message', message_ts: oldTs, channel_id: GENERAL, is_ephemeral: false },
      channel: { id: GENERAL, name: 'general' },
      message: { ts: oldTs, text: original.text, blocks: original.blocks },
      state: { values: {} },
      response_url: liveUrl,
      actions: [
        {
          type: 'button',
          action_id: 'accept_decision',
          block_id: 'verdict_actions',
          text: accept?.text,
          value: accept?.value,
          action_ts: String(Date.now() / 1000),
        },
      ],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const stale = await fetch(`${t.appUrl}/slack/events`, {
      method: 'POST',
      headers: slackRequestHeaders(TEST_SIGNING_SECRET, body, 'application/x-www-form-urlencoded'),
      body,
    });
    expect(stale.status).toBe(200);
    const told = await eventually(
      () => ephemeralsOf(t, BOB, GENERAL).find((e) => /superseded/.test(e)),
      'the notice that #1 was superseded',
    );
    expect(told).toContain('Decision #1 was superseded by #2, so it can no longer be accepted.');
    await settle(t.fakeSlack, 100);
    const after = await stored(store, 1);
    expect([after.status, after.acceptedBy, after.supersededBy]).toEqual(['superseded', undefined, 2]);
    expect(messageNow(t, GENERAL, oldTs).shown).not.toMatch(/Accepted/);
    expect((await stored(store, 2)).status).toBe('proposed');
  });

  it('/rust-or-python history: "no decisions" in an empty channel; then the channel’s own, newest first, with status and links', async () => {
    const { t } = await startOn(backend);
    const empty = await history(t, CAROL, GENERAL);
    expect(empty.join('\n')).toMatch(/No decisions in this channel yet/);

    const first = await decide(t, ALICE, GENERAL);
    await decide(t, BOB, RANDOM, LOW_LATENCY_ESSENTIALS);
    const third = await decide(t, BOB, GENERAL, LOW_LATENCY_ESSENTIALS);
    const mark = t.fakeSlack.calls.length;
    await pressAccept(t, CAROL, GENERAL, first);
    await waitForCall(t.fakeSlack, mark, (c) => c.method === 'chat.update' && c.ok);

    const lines = await history(t, CAROL, GENERAL);
    const line = (n: number) => lines.findIndex((l) => l.startsWith(`*#${n}*`));
    expect(line(3)).toBeGreaterThanOrEqual(0);
    expect(line(1)).toBeGreaterThan(line(3));
    expect(line(2), 'a decision from another channel').toBe(-1);
    expect(lines.join('\n')).not.toMatch(/No decisions/);

    const [one, three] = [lines[line(1)] ?? '', lines[line(3)] ?? ''];
    const pythonMvp = messageNow(t, GENERAL, first);
    const lowLatency = messageNow(t, GENERAL, third);
    for (const [text, message, status, asker, ts] of [
      [one, pythonMvp, `Accepted by <@${CAROL}>`, ALICE, first],
      [three, lowLatency, 'Proposed', BOB, third],
    ] as const) {
      // The verdict and confidence as its message shows them.
      const verdict = message.blocks?.[0] as { text?: { text?: string } } | undefined;
      const confidence = /Confidence: (\d+)%/.exec(message.shown)?.[1];
      expect(text).toContain(verdict?.text?.text ?? '(no header)');
      expect(text).toContain(`${confidence}% confidence`);
      expect(text).toContain(status);
      expect(text).toMatch(DATE_TOKEN);
      expect(text).toContain(`asked by <@${asker}>`);
      expect(text).toContain(`<${await slackPermalink(t, GENERAL, ts)}|view>`);
    }

    const elsewhere = await history(t, CAROL, RANDOM);
    expect(elsewhere.filter((l) => /^\*#\d+\*/.test(l)).map((l) => l.slice(0, 4))).toEqual(['*#2*']);
  });

  it('App Home: "Your decisions" lists the viewer’s own decisions, above the Start button, and nobody else’s', async () => {
    const { t } = await startOn(backend);
    const mine = await decide(t, ALICE, GENERAL);
    await decide(t, BOB, GENERAL);
    const mineElsewhere = await decide(t, ALICE, RANDOM, LOW_LATENCY_ESSENTIALS);

    const mark = t.fakeSlack.calls.length;
    await t.fakeSlack.openHome(ALICE);
    await waitForCall(
      t.fakeSlack,
      mark,
      (c) => c.method === 'views.publish' && c.ok && c.args.user_id === ALICE,
    );
    const blocks = (t.fakeSlack.snapshot(ALICE).home?.view.blocks ?? []) as unknown[];
    const texts = blocks.map((b) => renderedText(b).join('\n'));
    const heading = texts.findIndex((text) => text.includes('Your decisions'));
    const start = blocks.findIndex((b) => buttonsOf([b]).includes('start_decision'));
    expect(heading).toBeGreaterThanOrEqual(0);
    expect(start).toBeGreaterThan(heading);
    const listed = texts
      .slice(heading, start)
      .join('\n')
      .split('\n')
      .filter((l) => /^\*#\d+\*/.test(l));
    expect(listed.map((l) => /^\*#(\d+)\*/.exec(l)?.[1])).toEqual(['3', '1']);
    expect(listed[0]).toContain(`in <#${RANDOM}>`);
    expect(listed[0]).toContain(`<${await slackPermalink(t, RANDOM, mineElsewhere)}|view>`);
    expect(listed[1]).toContain(`in <#${GENERAL}>`);
    expect(listed[1]).toContain('Proposed');
    expect(listed[1]).toContain(`<${await slackPermalink(t, GENERAL, mine)}|view>`);

    await t.fakeSlack.openHome(CAROL);
    await waitForCall(
      t.fakeSlack,
      mark,
      (c) => c.method === 'views.publish' && c.ok && c.args.user_id === CAROL,
    );
    const carols = renderedText(t.fakeSlack.snapshot(CAROL).home?.view.blocks ?? []).join('\n');
    expect(carols).toMatch(/\*Your decisions\*\nNone yet/);
    expect(carols).not.toMatch(/\*#\d+\*/);
  });

  it('Decision record on a stored verdict: the numbered record with its status now (accepted)', async () => {
    const { t, store } = await startOn(backend);
    const ts = await decide(t, ALICE, GENERAL);
    let mark = t.fakeSlack.calls.length;
    await pressAccept(t, BOB, GENERAL, ts);
    await waitForCall(t.fakeSlack, mark, (c) => c.method === 'chat.update' && c.ok);

    mark = t.fakeSlack.calls.length;
    await t.fakeSlack.clickButton({
      userId: CAROL,
      actionId: 'decision_record',
      channelId: GENERAL,
      messageTs: ts,
    });
    await waitForCall(t.fakeSlack, mark, (c) => c.method === 'views.open' && c.ok);
    const modal = t.fakeSlack.snapshot(CAROL).modalStack.at(-1)?.view;
    expect(modal?.callback_id).toBe(DECISION_RECORD_VIEW_ID);
    const shown = renderedText(modal?.blocks ?? []).join('\n');
    expect(shown).toContain('_status: accepted_');
    expect(shown).toMatch(/^\*1\. /m);
    // Who accepted it and when (how the person is named is the record's business: an id today).
    expect(shown).toMatch(/^Accepted by \S.* on \d{4}-\d{2}-\d{2}$/m);
    // The record as it was posted, with its lifecycle as it stands.
    const record = await stored(store, 1);
    expect(modal).toMatchObject(
      buildDecisionRecordModal(record.recommendation, await recordMetaOf(store, record)),
    );
    await t.fakeSlack.closeView({ userId: CAROL, all: true });
  });
});

describe('when the database fails under the running app (PostgreSQL dropped)', () => {
  it('the verdict is still posted, unnumbered and without Accept, and the person who asked is told it was not saved', async () => {
    const { t, database } = await startOn(POSTGRES);
    // The database goes away: its connections are cut and it no longer exists.
    await database.drop();

    const mark = t.fakeSlack.calls.length;
    await t.fakeSlack.slashCommand({ userId: ALICE, channelId: GENERAL, text: '' });
    const verdict = await answerModal(t, ALICE, GENERAL, mark, WEB_MVP_ESSENTIALS);
    const now = messageNow(t, GENERAL, tsOf(verdict));
    expect(now.shown).not.toMatch(/Decision #/);
    expect(now.shown).toContain(`Asked by <@${ALICE}>`);
    expect(buttonsOf(now.blocks)).toEqual(['adjust_answers', 'decision_record']);
    const told = await eventually(
      () => ephemeralsOf(t, ALICE, GENERAL).find((e) => /could not save this decision/.test(e)),
      'the notice that the decision was not saved',
    );
    expect(told).toMatch(/no number, cannot be accepted and will not appear in \/rust-or-python history/);
    expect(t.logs.some((l) => l.includes('Could not save a decision'))).toBe(true);

    // History says it cannot read, rather than that there is nothing.
    const result = await t.fakeSlack.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'history' });
    expect(result.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(result.body)).toMatch(/could not read this channel’s decisions/);
    expect(JSON.stringify(result.body)).not.toMatch(/No decisions in this channel yet/);
  });
});

describe('decisions and the messages they are on', () => {
  it('Accept on a message whose decision is not stored (posted before, or deleted since) accepts nothing, whatever number its button carries', async () => {
    const { t, store } = await startOn(SQLITE);
    const ts = await decide(t, ALICE, GENERAL);
    // A copy of #1's message beside it, as an older install or a deleted workspace leaves them in Slack.
    const copy = messageNow(t, GENERAL, ts);
    const posted = await fetch(`${t.fakeSlack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_BOT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: GENERAL, text: copy.text, blocks: copy.blocks }),
    });
    const copyTs = ((await posted.json()) as { ts: string }).ts;
    expect(copyTs).not.toBe(ts);
    await pressAccept(t, BOB, GENERAL, copyTs);
    await eventually(
      () => ephemeralsOf(t, BOB, GENERAL).find((text) => text.includes('no record of the decision')),
      'Bob told there is no record of that message’s decision',
    );
    await settle(t.fakeSlack, 100);
    expect((await stored(store, 1)).status).toBe('proposed');
    expect(messageNow(t, GENERAL, ts).shown).toContain('Proposed');
  });

  it('Adjust answers whose new verdict can only be shown privately: it claims no supersede, and the old decision stands', async () => {
    const { t, store } = await startOn(SQLITE);
    const oldTs = await decide(t, ALICE, GENERAL);
    const mark = t.fakeSlack.calls.length;
    await t.fakeSlack.clickButton({
      userId: ALICE,
      actionId: 'adjust_answers',
      channelId: GENERAL,
      messageTs: oldTs,
    });
    await waitForCall(t.fakeSlack, mark, (c) => c.method === 'views.open' && c.ok);
    // The channel refuses the new verdict, and so does the DM: it reaches Alice as an ephemeral message.
    t.fakeSlack.fail('chat.postMessage', { error: 'restricted_action' }, 2);
    await t.fakeSlack.submitView({ userId: ALICE, inputs: LOW_LATENCY_ESSENTIALS as ViewInputs });
    await t.fakeSlack.submitView({ userId: ALICE, inputs: {} });
    const verdict = await eventually(
      () => ephemeralsOf(t, ALICE, GENERAL).find((text) => text.includes('Decision #2')),
      'the new verdict shown to Alice alone',
    );
    await settle(t.fakeSlack, 100);
    expect(verdict).not.toContain('Supersedes');
    expect((await stored(store, 1)).status).toBe('proposed');
    expect((await stored(store, 2)).supersedes).toBeUndefined();
    expect(buttonsOf(messageNow(t, GENERAL, oldTs).blocks)).toContain('accept_decision');
  });
});
