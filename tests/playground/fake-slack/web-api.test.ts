import {
  ErrorCode,
  type WebAPIHTTPError,
  type WebAPIPlatformError,
  type WebAPIRateLimitedError,
  type WebAPIRequestError,
  type WebClient,
  type WebClientOptions,
} from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_SLACK_IDS,
  type FakeSlack,
  SLACK_CHANNEL_POST_LIMIT,
  startFakeSlack,
} from '../../../src/playground/fake-slack/index.ts';
import { quietLogger } from '../../helpers/quiet-logger.ts';
import { clientOf, slackError } from './web-client.ts';

const { users, channels } = FAKE_SLACK_IDS;
const TOKEN = 'xoxb-fake-slack-test-token';
const TRIGGER_TTL_MS = 150;

let slack: FakeSlack;
let client: WebClient;

/** No retries and no logs: each test decides what a failure should do. */
function newClient(options: WebClientOptions = {}, token = TOKEN): WebClient {
  return clientOf(slack, token, { logger: quietLogger, ...options });
}

const modal = (title = 'Rust or Python?') => ({
  type: 'modal' as const,
  callback_id: 'decision_modal',
  title: { type: 'plain_text' as const, text: title },
  blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Hello' } }],
});

beforeAll(async () => {
  slack = await startFakeSlack({ signingSecret: 'web-api-test-secret', triggerTtlMs: TRIGGER_TTL_MS });
  // These tests post to #general faster than Slack allows; the rate has its own tests, on a fresh fake.
  slack.setChannelPostLimit(null);
  client = newClient();
});

afterAll(async () => {
  await slack.close();
});

describe('auth and method routing', () => {
  it('answers auth.test with the bot identity Bolt needs', async () => {
    const result = await client.auth.test();
    expect(result).toMatchObject({
      ok: true,
      team_id: FAKE_SLACK_IDS.team,
      user_id: 'U0BOT',
      bot_id: 'B0BOT',
    });
  });

  it('rejects a missing token with not_authed and a malformed one with invalid_auth', async () => {
    expect(await slackError(newClient({}, '').auth.test())).toBe('not_authed');
    expect(await slackError(newClient({}, 'not-a-slack-token').auth.test())).toBe('invalid_auth');
  });

  it('answers unknown_method for a method it does not know', async () => {
    expect(await slackError(client.apiCall('reactions.add', { channel: channels.general }))).toBe(
      'unknown_method',
    );
  });

  it('records calls with parsed arguments and never the token', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*bold*' } }];
    await client.chat.postMessage({ channel: channels.general, text: 'recorded', blocks });
    const call = await slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.text === 'recorded');
    expect(call).toMatchObject({ ok: true, status: 200, args: { channel: channels.general, blocks } });
    expect(JSON.stringify(slack.calls)).not.toContain(TOKEN);
  });

  it('waitFor resolves on a later call and names the last calls when it times out', async () => {
    const waiting = slack.waitFor((c) => c.method === 'users.info' && c.args.user === users.bob, 1000);
    const info = await client.users.info({ user: users.bob });
    expect(info.user?.name).toBe('bob');
    await expect(waiting).resolves.toMatchObject({ ok: true });
    await expect(slack.waitFor((c) => c.method === 'never.called', 50)).rejects.toThrow(/users\.info:ok/);
  });
});

describe('messages, channels and threads', () => {
  it('posts a message and threads replies under it, with unique increasing string ts', async () => {
    const parent = await client.chat.postMessage({ channel: channels.general, text: 'verdict' });
    const first = await client.chat.postMessage({
      channel: channels.general,
      thread_ts: parent.ts,
      text: 'why',
    });
    const second = await client.chat.postMessage({
      channel: channels.general,
      thread_ts: parent.ts,
      text: 'plan',
    });
    expect(typeof parent.ts).toBe('string');
    expect([parent.ts, first.ts, second.ts].every((ts) => /^\d+\.\d{6}$/.test(String(ts)))).toBe(true);
    expect(Number(first.ts)).toBeGreaterThan(Number(parent.ts));
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));

    const replies = await client.conversations.replies({ channel: channels.general, ts: String(parent.ts) });
    expect(replies.messages?.map((m) => m.text)).toEqual(['verdict', 'why', 'plan']);
    expect(replies.messages?.[0]?.reply_count).toBe(2);
    const shown = slack.messages(channels.general).find((m) => m.ts === parent.ts);
    expect(shown?.replies.map((r) => r.text)).toEqual(['why', 'plan']);
    const history = await client.conversations.history({ channel: channels.general });
    expect(history.messages?.some((m) => m.text === 'why')).toBe(false);
  });

  it('says not_in_channel for a public channel until the bot joins it', async () => {
    expect(await slackError(client.chat.postMessage({ channel: channels.random, text: 'hi' }))).toBe(
      'not_in_channel',
    );
    const joined = await client.conversations.join({ channel: channels.random });
    expect(joined.channel?.is_member).toBe(true);
    await expect(client.chat.postMessage({ channel: channels.random, text: 'hi' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('keeps private, archived and unknown channels closed the way Slack does', async () => {
    // A private channel the bot is not in does not exist for it (bolt-js#365).
    expect(await slackError(client.chat.postMessage({ channel: channels.secret, text: 'x' }))).toBe(
      'channel_not_found',
    );
    expect(await slackError(client.conversations.join({ channel: channels.secret }))).toBe(
      'method_not_supported_for_channel_type',
    );
    expect(await slackError(client.chat.postMessage({ channel: channels.archived, text: 'x' }))).toBe(
      'is_archived',
    );
    expect((await client.conversations.info({ channel: channels.archived })).channel?.is_archived).toBe(true);
    expect(await slackError(client.chat.postMessage({ channel: 'C_NOPE', text: 'x' }))).toBe(
      'channel_not_found',
    );
  });

  it('posts to a user id in the DM that conversations.open returns', async () => {
    const dm = await client.conversations.open({ users: users.carol });
    expect(dm.channel?.id).toMatch(/^D/);
    const posted = await client.chat.postMessage({ channel: users.carol, text: 'your verdict' });
    expect(posted.channel).toBe(dm.channel?.id);
    const carolSees = slack.snapshot(users.carol).channels.find((c) => c.id === dm.channel?.id);
    expect(carolSees?.messages.map((m) => m.text)).toEqual(['your verdict']);
  });

  it('shows an ephemeral only to its user, and refuses a user outside the channel', async () => {
    await client.chat.postEphemeral({ channel: channels.general, user: users.alice, text: 'only alice' });
    const seen = (user: string) =>
      slack
        .snapshot(user)
        .channels.find((c) => c.id === channels.general)
        ?.ephemerals.map((e) => e.text);
    expect(seen(users.alice)).toContain('only alice');
    expect(seen(users.bob)).not.toContain('only alice');
    expect(
      await slackError(client.chat.postEphemeral({ channel: channels.general, user: 'U_NOBODY', text: 'x' })),
    ).toBe('user_not_found');
  });

  it('updates the bot’s message in place', async () => {
    const posted = await client.chat.postMessage({ channel: channels.general, text: 'old' });
    await client.chat.update({ channel: channels.general, ts: String(posted.ts), text: 'new' });
    const shown = slack.messages(channels.general).find((m) => m.ts === posted.ts);
    expect(shown).toMatchObject({ text: 'new', edited: true });
    expect(
      await slackError(client.chat.update({ channel: channels.general, ts: '1.000001', text: 'x' })),
    ).toBe('message_not_found');
  });

  it('refuses to update a person’s message, one in an archived channel, or one where the bot sees nothing', async () => {
    const theirs = slack.postAsPerson({ userId: users.alice, channelId: channels.general, text: 'mine' });
    expect(
      await slackError(client.chat.update({ channel: channels.general, ts: theirs.ts, text: 'edited' })),
    ).toBe('cant_update_message');
    expect(slack.messages(channels.general).find((m) => m.ts === theirs.ts)).toMatchObject({
      text: 'mine',
      edited: false,
      userName: 'alice',
    });

    const ours = await client.chat.postMessage({ channel: channels.general, text: 'before the archive' });
    slack.setArchived(channels.general, true);
    try {
      expect(
        await slackError(client.chat.update({ channel: channels.general, ts: String(ours.ts), text: 'x' })),
      ).toBe('is_archived');
      expect((await client.conversations.info({ channel: channels.general })).channel?.is_archived).toBe(
        true,
      );
    } finally {
      slack.setArchived(channels.general, false);
    }
    expect(slack.messages(channels.general).find((m) => m.ts === ours.ts)?.text).toBe('before the archive');

    const secret = slack.postAsPerson({ userId: users.bob, channelId: channels.secret, text: 'psst' });
    expect(await slackError(client.chat.update({ channel: channels.secret, ts: secret.ts, text: 'x' }))).toBe(
      'channel_not_found',
    );
  });

  it('lets a person post only where they are a member and the channel is open', () => {
    expect(() => slack.postAsPerson({ userId: users.carol, channelId: channels.secret, text: 'x' })).toThrow(
      /U0CAROL is not in C0SECRET/,
    );
    expect(() =>
      slack.postAsPerson({ userId: users.alice, channelId: channels.archived, text: 'x' }),
    ).toThrow(/archived/);
  });
});

describe('permalinks (chat.getPermalink)', () => {
  const withoutDot = (ts: unknown) => String(ts).replace('.', '');

  it('links a message the way Slack does, on the fake’s own address', async () => {
    const posted = await client.chat.postMessage({ channel: channels.general, text: 'link me' });
    const answer = await client.chat.getPermalink({
      channel: channels.general,
      message_ts: String(posted.ts),
    });
    expect(answer).toMatchObject({
      ok: true,
      channel: channels.general,
      permalink: `${slack.url}/archives/${channels.general}/p${withoutDot(posted.ts)}`,
    });
    expect(String(answer.permalink)).toMatch(/\/archives\/C0GENERAL\/p\d{16}$/);
    expect(slack.snapshot(users.alice).team.url).toBe(`${slack.url}/`);
  });

  it('links a thread reply with its thread, and a person’s message as well as the bot’s', async () => {
    const parent = await client.chat.postMessage({ channel: channels.general, text: 'parent' });
    const reply = slack.postAsPerson({
      userId: users.bob,
      channelId: channels.general,
      text: 'a reply',
      threadTs: String(parent.ts),
    });
    const answer = await client.chat.getPermalink({ channel: channels.general, message_ts: reply.ts });
    expect(answer.permalink).toBe(
      `${slack.url}/archives/${channels.general}/p${withoutDot(reply.ts)}` +
        `?thread_ts=${parent.ts}&cid=${channels.general}`,
    );
  });

  it('answers message_not_found, channel_not_found and invalid_arguments as Slack does', async () => {
    expect(
      await slackError(client.chat.getPermalink({ channel: channels.general, message_ts: '1.000001' })),
    ).toBe('message_not_found');
    // An ephemeral message is nobody else's to link to.
    const ephemeral = await client.chat.postEphemeral({
      channel: channels.general,
      user: users.alice,
      text: 'only alice',
    });
    expect(
      await slackError(
        client.chat.getPermalink({ channel: channels.general, message_ts: String(ephemeral.message_ts) }),
      ),
    ).toBe('message_not_found');
    expect(await slackError(client.chat.getPermalink({ channel: 'C_NOPE', message_ts: '1.000001' }))).toBe(
      'channel_not_found',
    );
    // A private channel the bot is not in does not exist for it.
    const secret = slack.postAsPerson({ userId: users.alice, channelId: channels.secret, text: 'secret' });
    expect(
      await slackError(client.chat.getPermalink({ channel: channels.secret, message_ts: secret.ts })),
    ).toBe('channel_not_found');
    expect(await slackError(client.apiCall('chat.getPermalink', { channel: channels.general }))).toBe(
      'invalid_arguments',
    );
  });

  it('opened in a browser, sends the permalink on to the client that shows messages, once there is one', async () => {
    const parent = await client.chat.postMessage({ channel: channels.general, text: 'open me' });
    const reply = await client.chat.postMessage({
      channel: channels.general,
      thread_ts: String(parent.ts),
      text: 'in the thread',
    });
    const { permalink } = await client.chat.getPermalink({
      channel: channels.general,
      message_ts: String(reply.ts),
    });
    const open = () => fetch(String(permalink), { redirect: 'manual' });

    const noClient = await open();
    expect(noClient.status).toBe(404);
    expect(await noClient.text()).toMatch(/no client/);

    slack.setClientUrl('http://client.invalid/');
    try {
      expect(slack.clientUrl).toBe('http://client.invalid/');
      const redirected = await open();
      expect(redirected.status).toBe(302);
      expect(redirected.headers.get('location')).toBe(
        `http://client.invalid/archives/${channels.general}/p${withoutDot(reply.ts)}` +
          `?thread_ts=${parent.ts}&cid=${channels.general}`,
      );
      const notALink = await fetch(`${slack.url}/archives/${channels.general}/not-a-message`, {
        redirect: 'manual',
      });
      expect(notALink.status).toBe(404);
    } finally {
      slack.setClientUrl('');
    }
  });
});

describe('Block Kit validation', () => {
  it('answers no_text when a message has neither text nor blocks', async () => {
    expect(await slackError(client.chat.postMessage({ channel: channels.general, text: '' }))).toBe(
      'no_text',
    );
  });

  it('answers invalid_blocks naming the violation, and posts nothing', async () => {
    const before = slack.messages(channels.general).length;
    const header = { type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } };
    let data: WebAPIPlatformError['data'] | undefined;
    try {
      await client.chat.postMessage({ channel: channels.general, text: 'too long', blocks: [header] });
    } catch (error) {
      data = (error as WebAPIPlatformError).data;
    }
    expect(data?.error).toBe('invalid_blocks');
    expect(data?.response_metadata?.messages?.join('\n')).toMatch(
      /151 characters.*json-pointer:\/blocks\/0\/text\/text/,
    );
    expect(slack.messages(channels.general)).toHaveLength(before);
  });

  it('answers invalid_arguments for a modal title over 24 characters', async () => {
    const trigger = slack.issueTriggerId(users.alice);
    const error = await slackError(client.views.open({ trigger_id: trigger, view: modal('x'.repeat(25)) }));
    expect(error).toBe('invalid_arguments');
  });
});

describe('views and trigger_ids', () => {
  it('opens a modal once per trigger_id: a reused one is exchanged, a made-up one invalid', async () => {
    const trigger = slack.issueTriggerId(users.alice);
    const opened = await client.views.open({ trigger_id: trigger, view: modal() });
    expect(opened.view?.id).toMatch(/^V/);
    expect(slack.snapshot(users.alice).modalStack.map((v) => v.id)).toEqual([opened.view?.id]);
    expect(await slackError(client.views.open({ trigger_id: trigger, view: modal() }))).toBe(
      'exchanged_trigger_id',
    );
    expect(await slackError(client.views.open({ trigger_id: '1.2.abc', view: modal() }))).toBe(
      'invalid_trigger_id',
    );
  });

  it('rejects a trigger_id older than its lifetime with expired_trigger_id', async () => {
    const trigger = slack.issueTriggerId(users.bob);
    await new Promise((resolve) => setTimeout(resolve, TRIGGER_TTL_MS + 50));
    expect(await slackError(client.views.open({ trigger_id: trigger, view: modal() }))).toBe(
      'expired_trigger_id',
    );
  });

  it('updates a view with its current hash, and answers hash_conflict for a stale one', async () => {
    const opened = await client.views.open({ trigger_id: slack.issueTriggerId(users.alice), view: modal() });
    const id = String(opened.view?.id);
    const staleHash = String(opened.view?.hash);
    const updated = await client.views.update({ view_id: id, hash: staleHash, view: modal('Page 2') });
    expect(updated.view?.hash).not.toBe(staleHash);
    expect(
      await slackError(client.views.update({ view_id: id, hash: staleHash, view: modal('Page 3') })),
    ).toBe('hash_conflict');
    expect(slack.snapshot(users.alice).modalStack.at(-1)?.view.title).toEqual({
      type: 'plain_text',
      text: 'Page 2',
    });
    expect(await slackError(client.views.update({ view_id: 'V_NOPE', view: modal() }))).toBe('not_found');
  });

  it('stacks at most three views', async () => {
    await client.views.open({ trigger_id: slack.issueTriggerId(users.carol), view: modal('1') });
    await client.views.push({ trigger_id: slack.issueTriggerId(users.carol), view: modal('2') });
    await client.views.push({ trigger_id: slack.issueTriggerId(users.carol), view: modal('3') });
    const fourth = client.views.push({ trigger_id: slack.issueTriggerId(users.carol), view: modal('4') });
    expect(await slackError(fourth)).toBe('push_limit_reached');
    expect(slack.snapshot(users.carol).modalStack).toHaveLength(3);
  });

  it('publishes a home view per user', async () => {
    const home = {
      type: 'home' as const,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Home' } }],
    };
    await client.views.publish({ user_id: users.bob, view: home });
    expect(slack.snapshot(users.bob).home?.view.blocks).toMatchObject(home.blocks);
    expect(slack.snapshot(users.alice).home).toBeNull();
  });
});

describe('injected faults', () => {
  it('answers an error code once, then behaves again', async () => {
    slack.fail('chat.postMessage', { error: 'not_in_channel' });
    expect(await slackError(client.chat.postMessage({ channel: channels.general, text: 'a' }))).toBe(
      'not_in_channel',
    );
    await expect(client.chat.postMessage({ channel: channels.general, text: 'b' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('answers 429 with Retry-After, and the WebClient waits and retries successfully', async () => {
    const retrying = newClient({ retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 20 } });
    slack.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    const result = await retrying.chat.postMessage({ channel: channels.general, text: 'after the limit' });
    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    const attempts = slack.calls.filter(
      (c) => c.method === 'chat.postMessage' && c.args.text === 'after the limit',
    );
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
  });

  it('answers HTTP 500 and 503, which a client without retries reports as HTTP errors', async () => {
    for (const status of [500, 503] as const) {
      slack.fail('views.open', { status });
      const failure = await client.views
        .open({ trigger_id: slack.issueTriggerId(users.alice), view: modal() })
        .catch((error: WebAPIHTTPError) => error);
      expect(failure).toMatchObject({ code: ErrorCode.HTTPError, statusCode: status });
    }
  });

  it('hangs a call until the client gives up, and fails "*" for any method', async () => {
    slack.fail('*', { hang: true });
    const impatient = newClient({ timeout: 200 });
    const failure = await impatient.auth.test().catch((error: WebAPIRequestError) => error);
    expect(failure).toMatchObject({ code: ErrorCode.RequestError });
    expect(slack.calls.at(-1)).toMatchObject({ method: 'auth.test', ok: false, error: 'hung', status: 0 });
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
  });

  it('refuses a bad fault count with a clear error', () => {
    expect(() => slack.fail('auth.test', { error: 'x' }, 0)).toThrow(/times must be a positive integer/);
  });
});

describe('posts that land, then answer badly (Slack stores the message, the client hears no success)', () => {
  const texts = () => slack.messages(channels.general).map((m) => m.text);

  it('a hang past the client timeout: the post is in the channel all the same', async () => {
    slack.failAfterLanding('chat.postMessage', { hang: true });
    const impatient = newClient({ timeout: 200 });
    const failure = await impatient.chat
      .postMessage({ channel: channels.general, text: 'slow but stored' })
      .catch((error: WebAPIRequestError) => error);
    expect(failure).toMatchObject({ code: ErrorCode.RequestError });
    expect(texts()).toContain('slow but stored');
    expect(slack.calls.at(-1)).toMatchObject({ method: 'chat.postMessage', ok: false, error: 'hung' });
  });

  it('a 503: the post is in the channel, and a blind retry posts it twice', async () => {
    slack.failAfterLanding('chat.postMessage', { status: 503 });
    const retrying = newClient({ retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 20 } });
    await retrying.chat.postMessage({ channel: channels.general, text: 'stored twice' });
    expect(texts().filter((text) => text === 'stored twice')).toHaveLength(2);
  });

  it('a fault that does not land stores nothing', async () => {
    slack.fail('chat.postMessage', { status: 500 });
    await client.chat.postMessage({ channel: channels.general, text: 'never stored' }).catch(() => undefined);
    expect(texts()).not.toContain('never stored');
  });
});

describe('message metadata and reading back what was posted', () => {
  it('keeps a post’s metadata, and returns it from history and replies only with include_all_metadata', async () => {
    const metadata = { event_type: 'test_post', event_payload: { post_id: 'p-1' } };
    const parent = await client.chat.postMessage({
      channel: channels.general,
      text: 'with metadata',
      metadata,
    });
    const reply = await client.chat.postMessage({
      channel: channels.general,
      thread_ts: String(parent.ts),
      text: 'reply with metadata',
      metadata: { event_type: 'test_post', event_payload: { post_id: 'p-2' } },
    });
    const plain = await client.conversations.history({ channel: channels.general, limit: 5 });
    expect(plain.messages?.find((m) => m.ts === parent.ts)?.metadata).toBeUndefined();
    const withMetadata = await client.conversations.history({
      channel: channels.general,
      limit: 5,
      include_all_metadata: true,
    });
    expect(withMetadata.messages?.find((m) => m.ts === parent.ts)?.metadata).toEqual(metadata);
    const thread = await client.conversations.replies({
      channel: channels.general,
      ts: String(parent.ts),
      include_all_metadata: true,
    });
    expect(thread.messages?.find((m) => m.ts === reply.ts)?.metadata).toMatchObject({
      event_payload: { post_id: 'p-2' },
    });
  });

  it('answers invalid_metadata_format for metadata without an event_type and payload', async () => {
    const error = await slackError(
      client.apiCall('chat.postMessage', {
        channel: channels.general,
        text: 'x',
        metadata: JSON.stringify({ event_payload: {} }),
      }),
    );
    expect(error).toBe('invalid_metadata_format');
  });

  it('reads only messages after `oldest`', async () => {
    const before = await client.chat.postMessage({ channel: channels.general, text: 'before the mark' });
    const after = await client.chat.postMessage({ channel: channels.general, text: 'after the mark' });
    const page = await client.conversations.history({ channel: channels.general, oldest: String(before.ts) });
    expect(page.messages?.map((m) => m.ts)).toEqual([after.ts]);
  });
});

describe("chat.postMessage's per-channel rate (about 1 a second, short bursts), with no fault injected", () => {
  let limited: FakeSlack;
  let rateClient: WebClient;
  beforeAll(async () => {
    limited = await startFakeSlack({ signingSecret: 'rate-test-secret' });
    rateClient = clientOf(limited, TOKEN, { rejectRateLimitedCalls: true });
  });
  afterAll(async () => {
    await limited.close();
  });

  async function post(channel: string, thread_ts?: string) {
    return rateClient.chat.postMessage({
      channel,
      text: 'x',
      ...(thread_ts === undefined ? {} : { thread_ts }),
    });
  }

  it('takes a burst, then answers 429 with Retry-After; thread replies count; other channels are not affected', async () => {
    const parent = await post(channels.general);
    for (let i = 1; i < SLACK_CHANNEL_POST_LIMIT.burst; i += 1)
      await post(channels.general, String(parent.ts));
    const over = await post(channels.general).catch((error: WebAPIRateLimitedError) => error);
    expect(over).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 1 });
    expect(limited.calls.at(-1)).toMatchObject({ status: 429, error: 'ratelimited' });
    await rateClient.conversations.join({ channel: channels.random });
    await expect(post(channels.random)).resolves.toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    await expect(post(channels.general)).resolves.toMatchObject({ ok: true });
  });

  it('is lifted with setChannelPostLimit(null)', async () => {
    limited.setChannelPostLimit(null);
    try {
      for (let i = 0; i < 10; i += 1) await post(channels.general);
    } finally {
      limited.setChannelPostLimit(SLACK_CHANNEL_POST_LIMIT);
    }
  });
});

describe('conversations that refuse the app’s posts', () => {
  it('a read-only channel refuses the bot, a member, with restricted_action_read_only_channel; ephemerals still show', async () => {
    expect(await slackError(client.chat.postMessage({ channel: channels.announcements, text: 'x' }))).toBe(
      'restricted_action_read_only_channel',
    );
    const info = await client.conversations.info({ channel: channels.announcements });
    expect(info.channel).toMatchObject({ is_read_only: true, is_member: true });
    await expect(
      client.chat.postEphemeral({ channel: channels.announcements, user: users.alice, text: 'just you' }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('a thread-only channel refuses top-level posts and takes replies', async () => {
    const parent = await client.chat.postMessage({ channel: channels.general, text: 'parent' });
    slack.restrictPosting(channels.general, 'restricted_action_thread_only_channel');
    try {
      expect(await slackError(client.chat.postMessage({ channel: channels.general, text: 'x' }))).toBe(
        'restricted_action_thread_only_channel',
      );
      await expect(
        client.chat.postMessage({ channel: channels.general, thread_ts: String(parent.ts), text: 'reply' }),
      ).resolves.toMatchObject({ ok: true });
    } finally {
      slack.restrictPosting(channels.general, undefined);
    }
  });

  it.each(['team_access_not_granted', 'ekm_access_denied'] as const)(
    '%s shuts the app out, ephemerals included',
    async (refusal) => {
      slack.restrictPosting(channels.general, refusal);
      try {
        expect(await slackError(client.chat.postMessage({ channel: channels.general, text: 'x' }))).toBe(
          refusal,
        );
        expect(
          await slackError(
            client.chat.postEphemeral({ channel: channels.general, user: users.bob, text: 'x' }),
          ),
        ).toBe(refusal);
      } finally {
        slack.restrictPosting(channels.general, undefined);
      }
    },
  );

  it('a DM or group DM between people, where a command can be run, does not exist for the bot', async () => {
    // Preparing a command there is what opens the conversation in the fake; nothing is sent.
    slack.setAppUrl('http://127.0.0.1:9/slack/events');
    for (const channel of [channels.dm, channels.groupDm]) {
      slack.prepareSlashCommand({ userId: users.alice, channelId: channel });
      expect(await slackError(client.chat.postMessage({ channel, text: 'x' }))).toBe('channel_not_found');
      expect(await slackError(client.chat.postEphemeral({ channel, user: users.alice, text: 'x' }))).toBe(
        'channel_not_found',
      );
    }
    // Only a person's DM with the app itself takes the bot's posts.
    await expect(
      client.chat.postMessage({ channel: FAKE_SLACK_IDS.appDms.alice, text: 'from the app' }),
    ).resolves.toMatchObject({ ok: true, channel: FAKE_SLACK_IDS.appDms.alice });
  });
});

describe('long runs', () => {
  it('keeps only the newest calls when asked to bound its memory, and still reports every call live', async () => {
    const bounded = await startFakeSlack({ signingSecret: 's', maxRecordedCalls: 10 });
    bounded.setChannelPostLimit(null);
    const seenLive: unknown[] = [];
    const stopWatching = bounded.onCall((call) => seenLive.push(call.args.text));
    try {
      const boundedClient = clientOf(bounded, TOKEN);
      const sent = Array.from({ length: 25 }, (_, i) => `message ${i}`);
      for (const text of sent) await boundedClient.chat.postMessage({ channel: channels.general, text });
      const kept = bounded.calls.map((c) => c.args.text);
      // Trimmed a tenth at a time: between 9 and 10 of the newest are kept.
      expect(kept.length).toBeGreaterThanOrEqual(9);
      expect(kept.length).toBeLessThanOrEqual(10);
      // The newest calls, in order, ending with the last one.
      expect(kept).toEqual(sent.slice(sent.length - kept.length));
      expect(seenLive).toEqual(sent);
      stopWatching();
      await boundedClient.chat.postMessage({ channel: channels.general, text: 'after' });
      expect(seenLive).toHaveLength(sent.length);
      expect(bounded.calls.at(-1)?.args.text).toBe('after');
    } finally {
      await bounded.close();
    }
  });

  it('keeps the newest call even with room for only one, and refuses a bound that is not a positive integer', async () => {
    const tiny = await startFakeSlack({ signingSecret: 's', maxRecordedCalls: 1 });
    try {
      const tinyClient = clientOf(tiny, TOKEN);
      for (const text of ['one', 'two', 'three']) {
        await tinyClient.chat.postMessage({ channel: channels.general, text });
        expect(tiny.calls.map((c) => c.args.text)).toEqual([text]);
      }
    } finally {
      await tiny.close();
    }
    for (const bad of [0, -1, 2.5, Number.NaN]) {
      await expect(startFakeSlack({ signingSecret: 's', maxRecordedCalls: bad })).rejects.toThrow(
        /maxRecordedCalls must be a positive integer/,
      );
    }
  });
});

describe('live updates', () => {
  it('tells listeners when the workspace changes, until they unsubscribe', async () => {
    let changes = 0;
    const unsubscribe = slack.onChange(() => {
      changes += 1;
    });
    await client.chat.postMessage({ channel: channels.general, text: 'ping' });
    expect(changes).toBeGreaterThan(0);
    unsubscribe();
    const seen = changes;
    await client.chat.postMessage({ channel: channels.general, text: 'pong' });
    expect(changes).toBe(seen);
  });
});
