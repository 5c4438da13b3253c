import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, verifySlackRequest } from '@slack/bolt';
import type { View } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PEOPLE_CONVERSATIONS } from '../../../src/playground/fake-slack/conversations.ts';
import {
  type ApiCall,
  FAKE_SLACK_IDS,
  type FakeSlack,
  signSlackRequest,
  startFakeSlack,
} from '../../../src/playground/fake-slack/index.ts';
import {
  EPHEMERAL_BLOCK_ACTIONS,
  SLASH_COMMAND_IN_CHANNEL,
  SLASH_COMMAND_IN_DM,
  SLASH_COMMAND_IN_GROUP_DM,
} from './real-payloads.ts';

const { users, channels } = FAKE_SLACK_IDS;
const SECRET = 'dispatcher-test-signing-secret';
const option = (value: string) => ({ text: { type: 'plain_text' as const, text: `Label ${value}` }, value });

/** A modal with one input of each kind the app's questionnaire uses. */
function decisionModal(title = 'Decide', prefilled = false): View {
  const initial = (element: Record<string, unknown>) => (prefilled ? element : {});
  const input = (blockId: string, element: Record<string, unknown>, optional = false) => ({
    type: 'input' as const,
    block_id: blockId,
    optional,
    label: { type: 'plain_text' as const, text: blockId },
    element: { action_id: blockId, ...element },
  });
  return {
    type: 'modal',
    callback_id: 'decision',
    notify_on_close: true,
    private_metadata: '{"channel":"C0GENERAL"}',
    title: { type: 'plain_text', text: title },
    submit: { type: 'plain_text', text: 'Next' },
    blocks: [
      input('workload', {
        type: 'static_select',
        options: [option('web'), option('ml')],
        ...initial({ initial_option: option('ml') }),
      }),
      input('priorities', { type: 'multi_static_select', options: [option('speed'), option('safety')] }),
      input('team', { type: 'radio_buttons', options: [option('py'), option('rs')] }),
      input('legacy', { type: 'checkboxes', options: [option('yes')] }, true),
      input('description', { type: 'plain_text_input', ...initial({ initial_value: 'kept' }) }, true),
      input('channel', { type: 'conversations_select' }, true),
    ],
  } as View;
}

const REQUIRED = { workload: 'web', priorities: ['speed', 'safety'], team: 'rs' };

let slack: FakeSlack;
let app: App;
let appUrl: string;
const received: { submissions: unknown[]; closed: unknown[]; commands: Record<string, string>[] } = {
  submissions: [],
  closed: [],
  commands: [],
};

beforeAll(async () => {
  slack = await startFakeSlack({ signingSecret: SECRET });
  app = new App({
    token: 'xoxb-bare-bolt-test',
    signingSecret: SECRET,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
  });
  app.command('/rust-or-python', async ({ ack, body, client }) => {
    received.commands.push(body as unknown as Record<string, string>);
    if (body.text === 'help') {
      await ack({ text: 'I ask a few questions about your project.' });
      return;
    }
    await ack();
    await client.views.open({
      trigger_id: body.trigger_id,
      view: decisionModal('Decide', body.text === 'prefilled'),
    });
  });
  app.view('decision', async ({ ack, view, client }) => {
    received.submissions.push(view.state.values);
    const description = view.state.values.description?.description?.value;
    if (description === 'bad') {
      await ack({ response_action: 'errors', errors: { description: 'Keep it under 2000 characters.' } });
    } else if (description === 'update') {
      await ack({ response_action: 'update', view: decisionModal('Page 2') });
    } else if (description === 'push') {
      await ack({ response_action: 'push', view: decisionModal('Pushed') });
    } else if (description === 'clear') {
      await ack({ response_action: 'clear' });
    } else {
      await ack();
      await client.chat.postMessage({
        channel: channels.general,
        text: 'Verdict: Rust',
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: '*Rust*' } },
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                action_id: 'adjust_answers',
                value: '{"workload":"web"}',
                text: { type: 'plain_text', text: 'Adjust' },
              },
            ],
          },
        ],
      });
    }
  });
  app.view({ callback_id: 'decision', type: 'view_closed' }, async ({ ack, body }) => {
    received.closed.push(body);
    await ack();
  });
  app.action('adjust_answers', async ({ ack, respond, action }) => {
    await ack();
    await respond({ replace_original: true, text: `adjusting ${'value' in action ? action.value : ''}` });
  });
  app.event('app_home_opened', async ({ event, client }) => {
    await client.views.publish({
      user_id: event.user,
      view: {
        type: 'home',
        blocks: [
          {
            type: 'actions',
            elements: [
              { type: 'button', action_id: 'start_decision', text: { type: 'plain_text', text: 'Start' } },
            ],
          },
        ],
      },
    });
  });
  const openFromTrigger = async ({
    ack,
    body,
    client,
  }: {
    ack: () => Promise<void>;
    body: { trigger_id: string };
    client: App['client'];
  }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: decisionModal() });
  };
  app.action('start_decision', async (args) =>
    openFromTrigger({ ...args, body: args.body as { trigger_id: string } }),
  );
  app.shortcut('rust_or_python', async (args) => openFromTrigger(args));

  const server = await app.start({ port: 0, host: '127.0.0.1' });
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  slack.setAppUrl(appUrl);
});

afterAll(async () => {
  await app.stop();
  await slack.close();
});

beforeEach(async () => {
  for (const user of Object.values(users)) {
    while (slack.snapshot(user).modalStack.length > 0) await slack.closeView({ userId: user, all: true });
  }
  received.submissions.length = 0;
  received.closed.length = 0;
});

/** Waits for a call made after this point (waitFor alone also matches earlier calls). */
function callsFromNow(): (pred: (call: ApiCall) => boolean) => Promise<ApiCall> {
  const from = slack.calls.length;
  return (pred) => slack.waitFor((call) => slack.calls.indexOf(call) >= from && pred(call));
}

async function openModal(userId: string = users.alice, text = ''): Promise<string> {
  const nextCall = callsFromNow();
  const result = await slack.slashCommand({ userId, channelId: channels.general, text });
  expect(result).toMatchObject({ outcome: 'answered', status: 200 });
  await nextCall((c) => c.method === 'views.open' && c.ok);
  const top = slack.snapshot(userId).modalStack.at(-1);
  if (!top) throw new Error('the modal did not open');
  return top.id;
}

describe('signing', () => {
  it('matches the example in Slack’s docs', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', body, 1531420618)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it('produces signatures Bolt’s verifySlackRequest accepts, and a changed body fails', () => {
    const ts = Math.floor(Date.now() / 1000);
    const body = 'command=%2Frust-or-python&text=hello';
    const headers = {
      'x-slack-signature': signSlackRequest(SECRET, body, ts),
      'x-slack-request-timestamp': ts,
    };
    expect(() => verifySlackRequest({ signingSecret: SECRET, body, headers })).not.toThrow();
    expect(() => verifySlackRequest({ signingSecret: SECRET, body: `${body}x`, headers })).toThrow(
      /signature/i,
    );
  });

  it('a request signed with the wrong secret gets 401 and opens nothing', async () => {
    const impostor = await startFakeSlack({ signingSecret: 'not-the-app-secret', appUrl });
    try {
      const opened = slack.calls.filter((c) => c.method === 'views.open').length;
      const result = await impostor.slashCommand({ userId: users.bob, channelId: channels.general });
      expect(result).toMatchObject({ outcome: 'answered', status: 401 });
      expect(slack.calls.filter((c) => c.method === 'views.open')).toHaveLength(opened);
      const notice = impostor.snapshot(users.bob).channels.find((c) => c.id === channels.general)?.ephemerals;
      expect(notice?.map((e) => e.text)).toEqual(['/rust-or-python failed with the error "dispatch_failed"']);
    } finally {
      await impostor.close();
    }
  });
});

describe('slash commands', () => {
  it('sends Slack’s form fields, and the app’s views.open opens the modal for that user', async () => {
    const viewId = await openModal(users.alice);
    const body = received.commands.at(-1);
    expect(body).toMatchObject({
      command: '/rust-or-python',
      user_id: users.alice,
      channel_id: channels.general,
    });
    expect(body?.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
    expect(body?.response_url).toMatch(new RegExp(`^${slack.url}/response/`));
    expect(slack.snapshot(users.alice).modalStack.map((v) => v.id)).toEqual([viewId]);
    expect(slack.snapshot(users.bob).modalStack).toEqual([]);
  });

  it('shows a command’s ack text as an ephemeral message to the user who typed it', async () => {
    await slack.slashCommand({ userId: users.carol, channelId: channels.general, text: 'help' });
    const ephemerals = slack
      .snapshot(users.carol)
      .channels.find((c) => c.id === channels.general)?.ephemerals;
    expect(ephemerals?.at(-1)?.text).toBe('I ask a few questions about your project.');
  });

  it('limits a response_url to 5 uses', async () => {
    await slack.slashCommand({ userId: users.bob, channelId: channels.general, text: 'help' });
    const url = received.commands.at(-1)?.response_url ?? '';
    const post = (text: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      });
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) statuses.push((await post(`reply ${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    const ephemerals = slack.snapshot(users.bob).channels.find((c) => c.id === channels.general)?.ephemerals;
    expect(ephemerals?.filter((e) => e.text.startsWith('reply '))).toHaveLength(5);
    expect(slack.calls.filter((c) => c.method === 'response_url').at(-1)).toMatchObject({
      ok: false,
      error: 'used_url',
    });
  });
});

describe('view submissions', () => {
  it('builds view.state.values from the person’s choices, like Slack’s client', async () => {
    const viewId = await openModal();
    const result = await slack.submitView({
      userId: users.alice,
      viewId,
      inputs: { ...REQUIRED, legacy: true, description: 'A CLI', channel: channels.random },
    });
    expect(result).toMatchObject({ outcome: 'answered', status: 200 });
    expect(received.submissions.at(-1)).toEqual({
      workload: { workload: { type: 'static_select', selected_option: option('web') } },
      priorities: {
        priorities: { type: 'multi_static_select', selected_options: [option('speed'), option('safety')] },
      },
      team: { team: { type: 'radio_buttons', selected_option: option('rs') } },
      legacy: { legacy: { type: 'checkboxes', selected_options: [option('yes')] } },
      description: { description: { type: 'plain_text_input', value: 'A CLI' } },
      channel: { channel: { type: 'conversations_select', selected_conversation: channels.random } },
    });
  });

  it('sends empty optional inputs as Slack does, closes the modal on an empty ack, and the verdict posts', async () => {
    const viewId = await openModal();
    const nextCall = callsFromNow();
    await slack.submitView({ userId: users.alice, viewId, inputs: REQUIRED });
    expect(received.submissions.at(-1)).toMatchObject({
      legacy: { legacy: { selected_options: [] } },
      description: { description: { value: null } },
      channel: { channel: { selected_conversation: null } },
    });
    expect(slack.snapshot(users.alice).modalStack).toEqual([]);
    await nextCall((c) => c.method === 'chat.postMessage' && c.args.text === 'Verdict: Rust');
  });

  it('keeps what a view shows initially unless the person changes or clears it', async () => {
    const viewId = await openModal(users.alice, 'prefilled');
    await slack.submitView({ userId: users.alice, viewId, inputs: { priorities: ['safety'], team: 'py' } });
    expect(received.submissions.at(-1)).toMatchObject({
      workload: { workload: { selected_option: option('ml') } },
      description: { description: { value: 'kept' } },
    });
    const again = await openModal(users.alice, 'prefilled');
    await slack.submitView({
      userId: users.alice,
      viewId: again,
      inputs: { ...REQUIRED, description: null },
    });
    expect(received.submissions.at(-1)).toMatchObject({
      workload: { workload: { selected_option: option('web') } },
      description: { description: { value: null } },
    });
  });

  it('does not send a submission with a required field empty, and marks the field', async () => {
    const viewId = await openModal();
    const result = await slack.submitView({ userId: users.alice, viewId, inputs: { workload: 'web' } });
    expect(result.outcome).toBe('not_sent');
    expect(received.submissions).toHaveLength(0);
    expect(slack.snapshot(users.alice).modalStack[0]?.errors).toEqual({
      priorities: 'Please complete this required field.',
      team: 'Please complete this required field.',
    });
  });

  it('keeps the view and records inline errors for response_action errors', async () => {
    const viewId = await openModal();
    await slack.submitView({ userId: users.alice, viewId, inputs: { ...REQUIRED, description: 'bad' } });
    const stack = slack.snapshot(users.alice).modalStack;
    expect(stack.map((v) => v.id)).toEqual([viewId]);
    expect(stack[0]?.errors).toEqual({ description: 'Keep it under 2000 characters.' });
  });

  it('applies update (same view, new content), push (a second view) and clear (all closed)', async () => {
    const viewId = await openModal();
    await slack.submitView({ userId: users.alice, viewId, inputs: { ...REQUIRED, description: 'update' } });
    let stack = slack.snapshot(users.alice).modalStack;
    expect(stack.map((v) => [v.id, (v.view.title as { text: string }).text])).toEqual([[viewId, 'Page 2']]);

    await slack.submitView({ userId: users.alice, inputs: { ...REQUIRED, description: 'push' } });
    stack = slack.snapshot(users.alice).modalStack;
    expect(stack.map((v) => (v.view.title as { text: string }).text)).toEqual(['Page 2', 'Pushed']);

    await slack.submitView({ userId: users.alice, inputs: { ...REQUIRED, description: 'clear' } });
    expect(slack.snapshot(users.alice).modalStack).toEqual([]);
  });

  it('names an option that the view does not offer', async () => {
    const viewId = await openModal();
    await expect(
      slack.submitView({ userId: users.alice, viewId, inputs: { ...REQUIRED, workload: 'cobol' } }),
    ).rejects.toThrow(/block "workload" has no option "cobol" \(options: web, ml\)/);
  });

  it('sends view_closed on Cancel when the view asks for it', async () => {
    const viewId = await openModal();
    const result = await slack.closeView({ userId: users.alice, viewId });
    expect(result).toMatchObject({ outcome: 'answered', status: 200 });
    expect(received.closed.at(-1)).toMatchObject({
      type: 'view_closed',
      view: { id: viewId },
      is_cleared: false,
    });
    expect(slack.snapshot(users.alice).modalStack).toEqual([]);
  });
});

describe('buttons, home and shortcuts', () => {
  it('sends a message button’s value, and respond() replaces the original message', async () => {
    const viewId = await openModal();
    let nextCall = callsFromNow();
    await slack.submitView({ userId: users.alice, viewId, inputs: REQUIRED });
    await nextCall((c) => c.method === 'chat.postMessage' && c.args.text === 'Verdict: Rust');
    nextCall = callsFromNow();
    const verdict = slack.messages(channels.general).findLast((m) => m.text === 'Verdict: Rust');
    const result = await slack.clickButton({
      userId: users.alice,
      actionId: 'adjust_answers',
      channelId: channels.general,
      messageTs: verdict?.ts ?? '',
    });
    expect(result.status).toBe(200);
    await nextCall((c) => c.method === 'response_url' && c.ok);
    const replaced = slack.messages(channels.general).find((m) => m.ts === verdict?.ts);
    expect(replaced?.text).toBe('adjusting {"workload":"web"}');
  });

  it('opens the home tab, and its button opens the modal', async () => {
    let nextCall = callsFromNow();
    const result = await slack.openHome(users.bob);
    expect(result.status).toBe(200);
    await nextCall((c) => c.method === 'views.publish' && c.ok);
    const home = slack.snapshot(users.bob).home;
    if (!home) throw new Error('no home view published');
    nextCall = callsFromNow();
    await slack.clickButton({ userId: users.bob, actionId: 'start_decision', viewId: home.id });
    await nextCall((c) => c.method === 'views.open' && c.ok);
    expect(slack.snapshot(users.bob).modalStack).toHaveLength(1);
  });

  it('a global shortcut brings a trigger_id the app can open a modal with', async () => {
    const nextCall = callsFromNow();
    const result = await slack.globalShortcut({ userId: users.carol, callbackId: 'rust_or_python' });
    expect(result.status).toBe(200);
    await nextCall((c) => c.method === 'views.open' && c.ok);
    expect(slack.snapshot(users.carol).modalStack).toHaveLength(1);
  });
});

describe('ack deadline', () => {
  it('gives up after the ack timeout and tells the user, as Slack does', async () => {
    const slow = new App({
      token: 'xoxb-slow-app',
      signingSecret: SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    });
    slow.command('/rust-or-python', async ({ ack }) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await ack();
    });
    const server = await slow.start({ port: 0, host: '127.0.0.1' });
    const impatient = await startFakeSlack({
      signingSecret: SECRET,
      ackTimeoutMs: 100,
      appUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    });
    try {
      const result = await impatient.slashCommand({ userId: users.alice, channelId: channels.general });
      expect(result).toMatchObject({ outcome: 'timed_out', status: 0 });
      const notices = impatient
        .snapshot(users.alice)
        .channels.find((c) => c.id === channels.general)?.ephemerals;
      expect(notices?.map((e) => e.text)).toEqual([
        '/rust-or-python failed with the error "operation_timeout"',
      ]);
    } finally {
      await impatient.close();
      await slow.stop();
    }
  });
});

/** A payload's structure: the same keys (recursively) with the same JSON types, values aside. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value === null) return 'null';
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(object)
        .sort()
        .map((key) => [key, shapeOf(object[key])]),
    );
  }
  return typeof value;
}

describe('payloads as real Slack sends them (fixtures reproduce published captures)', () => {
  let fake: FakeSlack;
  let recorder: Server;
  const bodies: string[] = [];

  beforeAll(async () => {
    recorder = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    const port = (recorder.address() as AddressInfo).port;
    fake = await startFakeSlack({ signingSecret: SECRET, appUrl: `http://127.0.0.1:${port}/slack/events` });
  });

  afterAll(async () => {
    await fake.close();
    await new Promise((resolve) => recorder.close(resolve));
  });

  const commandFields = (opts: { userId: string; channelId: string; text?: string }) =>
    Object.fromEntries(new URLSearchParams(fake.prepareSlashCommand(opts).body));

  it('a click on an ephemeral message: container.is_ephemeral, the channel, a response_url, and no message', async () => {
    const posted = await fetch(`${fake.apiUrl}chat.postEphemeral`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-fixture', 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: channels.general,
        user: users.alice,
        text: 'Only for you',
        blocks: [
          {
            type: 'actions',
            block_id: 'fixture_block',
            elements: [
              {
                type: 'button',
                action_id: 'fixture_button',
                value: 'fixture-value',
                text: { type: 'plain_text', text: 'Press me' },
              },
            ],
          },
        ],
      }),
    });
    const { message_ts: messageTs } = (await posted.json()) as { message_ts: string };
    await fake.clickButton({ userId: users.alice, actionId: 'fixture_button', channelId: channels.general });
    const payload = JSON.parse(new URLSearchParams(bodies.at(-1)).get('payload') ?? '{}');
    expect(shapeOf(payload)).toEqual(shapeOf(EPHEMERAL_BLOCK_ACTIONS));
    expect(payload).not.toHaveProperty('message');
    expect(payload.container).toEqual({
      type: 'message',
      message_ts: messageTs,
      channel_id: channels.general,
      is_ephemeral: true,
    });
    expect(payload.channel).toEqual({ id: channels.general, name: 'general' });
  });

  it('a slash command: the fields of a real one, in order, with & < > entity-escaped once', () => {
    const fields = commandFields({
      userId: users.alice,
      channelId: channels.general,
      text: 'R&D <core> team',
    });
    expect(Object.keys(fields)).toEqual(Object.keys(SLASH_COMMAND_IN_CHANNEL));
    expect(fields.text).toBe(SLASH_COMMAND_IN_CHANNEL.text);
    expect(fields.channel_name).toBe('general');
    // Already-escaped text is escaped again: Slack does not know the person meant an entity.
    expect(commandFields({ userId: users.alice, channelId: channels.general, text: '&amp;' }).text).toBe(
      '&amp;amp;',
    );
  });

  it('a slash command in a 1:1 DM between people: a D id named directmessage', () => {
    const fields = commandFields({ userId: users.bob, channelId: PEOPLE_CONVERSATIONS.dm.id });
    expect(Object.keys(fields)).toEqual(Object.keys(SLASH_COMMAND_IN_DM));
    expect(fields.channel_id).toMatch(/^D/);
    expect(fields.channel_name).toBe(SLASH_COMMAND_IN_DM.channel_name);
  });

  it('a slash command in a group DM: its mpdm- name, whatever its id', () => {
    const fields = commandFields({ userId: users.carol, channelId: PEOPLE_CONVERSATIONS.groupDm.id });
    expect(Object.keys(fields)).toEqual(Object.keys(SLASH_COMMAND_IN_GROUP_DM));
    expect(fields.channel_name).toMatch(/^mpdm-[a-z]+(--[a-z]+)+-1$/);
    expect(SLASH_COMMAND_IN_GROUP_DM.channel_name).toMatch(/^mpdm-[a-z]+(--[a-z]+)+-1$/);
  });

  it('a slash command in a private channel is named privategroup, as Slack names it', () => {
    expect(commandFields({ userId: users.alice, channelId: channels.secret }).channel_name).toBe(
      'privategroup',
    );
  });

  it('only people in a DM or group DM can run a command there', () => {
    expect(() => commandFields({ userId: users.carol, channelId: PEOPLE_CONVERSATIONS.dm.id })).toThrow(
      /U0CAROL is not in D0ALICEBOB/,
    );
  });
});
