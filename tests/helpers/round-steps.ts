import { expect } from 'vitest';
import {
  FAKE_SLACK_IDS,
  type FakeSlack,
  slackRequestHeaders,
  type ViewInputs,
} from '../../src/playground/fake-slack/index.ts';
import { renderedText, waitForCall } from './app-calls.ts';
import { eventually } from './eventually.ts';

/**
 * A team round's steps as people take them in the fake Slack's #general, for an app running anywhere (in this
 * process or its own): open it with `/rust-or-python team`, add a view, read the round message and its thread.
 * Bounds are generous, since the app may be a child process on a busy machine.
 */

const { general: GENERAL } = FAKE_SLACK_IDS.channels;
const WAIT_MS = 20_000;

export interface ShownMessage {
  ts: string;
  /** Every text of its blocks, one per line, as people read them. */
  shown: string;
  /** The notification text. */
  text: string;
  /** Its blocks as posted. */
  blocks: unknown[];
  /** Each thread reply's block texts, oldest first. */
  replies: string[];
}

/** The round message in #general as people see it now (open, or turned into the team's verdict), if posted. */
export function findRoundMessage(fake: FakeSlack): ShownMessage | undefined {
  const message = fake
    .messages(GENERAL)
    .find(
      (m) =>
        JSON.stringify(m.blocks ?? []).includes('close_round') || /Team verdict|team round/i.test(m.text),
    );
  if (message === undefined) return undefined;
  return {
    ts: message.ts,
    shown: renderedText(message.blocks ?? []).join('\n'),
    text: message.text,
    blocks: message.blocks ?? [],
    replies: message.replies.map((r) => renderedText(r.blocks ?? []).join('\n')),
  };
}

/** Waits until the round message shows what `pattern` matches; returns it then. */
export function roundMessageShowing(fake: FakeSlack, pattern: RegExp, what: string): Promise<ShownMessage> {
  return eventually(
    () => {
      const message = findRoundMessage(fake);
      return message !== undefined && pattern.test(message.shown) ? message : undefined;
    },
    what,
    WAIT_MS,
  );
}

/** `/rust-or-python team` by the organiser, both pages answered, naming `participants`; the round as posted. */
export async function openRoundInGeneral(
  fake: FakeSlack,
  organiser: string,
  answers: ViewInputs,
  participants: readonly string[] = [],
): Promise<ShownMessage> {
  const mark = fake.calls.length;
  await fake.slashCommand({ userId: organiser, channelId: GENERAL, text: 'team Orders API' });
  await waitForCall(fake, mark, (c) => c.method === 'views.open' && c.ok, WAIT_MS);
  const page1 = await fake.submitView({
    userId: organiser,
    inputs: { ...answers, round_participants: [...participants] } as ViewInputs,
  });
  expect(page1.body).toMatchObject({ response_action: 'push' });
  await fake.submitView({ userId: organiser, inputs: {} });
  return roundMessageShowing(fake, /answered/, 'the round message');
}

/**
 * A teammate presses Add my view and submits both pages (page 1 with `changes` over the organiser's answers);
 * resolves once the app has told them privately that their view is in.
 */
export async function addViewInGeneral(
  fake: FakeSlack,
  user: string,
  ts: string,
  changes: ViewInputs = {},
): Promise<void> {
  const mark = fake.calls.length;
  const told = ephemeralsOf(fake, user).length;
  await fake.clickButton({ userId: user, actionId: 'add_my_view', channelId: GENERAL, messageTs: ts });
  await waitForCall(fake, mark, (c) => c.method === 'views.open' && c.ok, WAIT_MS);
  await fake.submitView({ userId: user, inputs: changes });
  await fake.submitView({ userId: user, inputs: {} });
  await eventually(
    () =>
      ephemeralsOf(fake, user)
        .slice(told)
        .find((e) => /Your view (is in|replaces)/.test(e)),
    `${user} told their view is in`,
    WAIT_MS,
  );
}

/** What `userId` has been told privately in #general, oldest first (text and blocks). */
export function ephemeralsOf(fake: FakeSlack, userId: string): string[] {
  const channel = fake.snapshot(userId).channels.find((c) => c.id === GENERAL);
  return (channel?.ephemerals ?? []).map((e) => `${e.text}\n${renderedText(e.blocks ?? []).join('\n')}`);
}

/**
 * A press on a button of `message` as it was when captured, sent to the app signed as Slack sends it: what a
 * person's client does when it still shows a message the app has since changed (the fake's clickButton only
 * presses what a message shows now). Without a response_url, as the app is then to answer by another route.
 * The message is in #general unless `channelId` says otherwise; the press goes to the app the fake sends to
 * unless `to` names another URL (one instance of several behind a load balancer).
 */
export async function pressOnEarlierMessage(
  fake: FakeSlack,
  signingSecret: string,
  opts: { userId: string; actionId: string; message: ShownMessage; channelId?: string; to?: string },
): Promise<number> {
  const channelId = opts.channelId ?? GENERAL;
  const button = buttonIn(opts.message.blocks, opts.actionId);
  if (button === undefined) throw new Error(`message ${opts.message.ts} had no button ${opts.actionId}`);
  const payload = {
    type: 'block_actions',
    user: { id: opts.userId, team_id: FAKE_SLACK_IDS.team },
    api_app_id: FAKE_SLACK_IDS.appId,
    team: { id: FAKE_SLACK_IDS.team },
    enterprise: null,
    is_enterprise_install: false,
    trigger_id: fake.issueTriggerId(opts.userId),
    container: { type: 'message', message_ts: opts.message.ts, channel_id: channelId, is_ephemeral: false },
    channel: { id: channelId },
    message: { type: 'message', ts: opts.message.ts, text: opts.message.text, blocks: opts.message.blocks },
    state: { values: {} },
    actions: [{ type: 'button', action_id: opts.actionId, ...button, action_ts: String(Date.now() / 1000) }],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const response = await fetch(opts.to ?? fake.appUrl, {
    method: 'POST',
    headers: slackRequestHeaders(signingSecret, body, 'application/x-www-form-urlencoded'),
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

/** The button `actionId` among `blocks`: its block id and value. */
function buttonIn(blocks: unknown[], actionId: string): { block_id: string; value?: string } | undefined {
  for (const block of blocks as { block_id?: string; elements?: unknown[] }[]) {
    for (const element of (block.elements ?? []) as { action_id?: string; value?: string }[]) {
      if (element.action_id === actionId) {
        return {
          block_id: block.block_id ?? '',
          ...(element.value === undefined ? {} : { value: element.value }),
        };
      }
    }
  }
  return undefined;
}
