import type { AddressInfo } from 'node:net';
import { App, type Installation, LogLevel, MemoryInstallationStore } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FAKE_SLACK_IDS,
  type FakeSlack,
  OAUTH_CODE_TTL_MS,
  ROTATED_TOKEN_TTL_SECONDS,
  startFakeSlack,
  type WorkspaceIds,
} from '../../../src/playground/fake-slack/index.ts';
import { type RecordingApp, startRecordingApp } from './recording-app.ts';
import { clientOf, slackError } from './web-client.ts';

const SECRET = 'oauth-test-signing-secret';
const CLIENT_ID = '2141029472.691202649728';
const CLIENT_SECRET = 'e1b9e11dfcd19c1982d5de12921e17e8c';
const REDIRECT = 'https://app.example.test/slack/oauth_redirect';
const SCOPES = ['commands', 'chat:write'];

/** An authorize URL as @slack/oauth's InstallProvider builds one (scope, state, client_id, redirect_uri). */
function authorizeUrl(slack: FakeSlack, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    scope: SCOPES.join(','),
    state: 'state-123',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT,
    ...extra,
  });
  return `${slack.oauthAuthorizeUrl}?${params}`;
}

describe('OAuth v2 through Bolt’s own installer, two workspaces', () => {
  let slack: FakeSlack;
  let app: App;
  let appUrl: string;
  let second: WorkspaceIds;
  const store = new MemoryInstallationStore();
  const installations: Installation[] = [];
  const events: { type: string; teamId: unknown; retryNum: number | undefined }[] = [];

  beforeAll(async () => {
    slack = await startFakeSlack({ signingSecret: SECRET });
    slack.setChannelPostLimit(null);
    second = slack.addWorkspace({ teamId: 'T0SECOND', name: 'Second Team' });
    app = new App({
      signingSecret: SECRET,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      stateSecret: 'oauth-test-state-secret',
      scopes: SCOPES,
      installationStore: {
        storeInstallation: async (installation) => {
          installations.push(installation);
          await store.storeInstallation(installation);
        },
        fetchInstallation: (query) => store.fetchInstallation(query),
        deleteInstallation: (query) => store.deleteInstallation(query),
      },
      installerOptions: {
        directInstall: true,
        authorizationUrl: slack.oauthAuthorizeUrl,
        // The installer's own Web API client (oauth.v2.access, auth.test) is configured apart from the app's.
        clientOptions: { slackApiUrl: slack.apiUrl },
      },
      clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
      logLevel: LogLevel.ERROR,
    });
    app.command('/rust-or-python', async ({ ack, client, command }) => {
      await ack();
      await client.chat.postMessage({ channel: command.channel_id, text: `hello ${command.team_id}` });
    });
    for (const type of ['app_uninstalled', 'tokens_revoked'] as const) {
      app.event(type, async ({ body, context }) => {
        events.push({ type, teamId: body.team_id, retryNum: context.retryNum });
      });
    }
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    slack.setAppUrl(`${appUrl}/slack/events`);
    // Bolt sends no redirect_uri unless told one; with a single Redirect URL configured, Slack uses it.
    slack.configureOAuth({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUris: [`${appUrl}/slack/oauth_redirect`],
      scopes: [...SCOPES, 'users:read'],
    });
  });

  afterAll(async () => {
    await app.stop();
    await slack.close();
  });

  /** "Add to Slack" in a browser: the app's install path, Slack's consent, back to the app with the cookie. */
  async function installFromBrowser(teamId: string): Promise<Response> {
    const start = await fetch(`${appUrl}/slack/install`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { location, code } = slack.authorize({ url: start.headers.get('location') ?? '', teamId });
    expect(code).toBeDefined();
    return fetch(location, { headers: { cookie }, redirect: 'manual' });
  }

  it('installs the app in each workspace with its own bot token, user and bot ids', async () => {
    expect((await installFromBrowser(FAKE_SLACK_IDS.team)).status).toBe(200);
    expect((await installFromBrowser('T0SECOND')).status).toBe(200);
    const [first, other] = installations;
    expect(first).toMatchObject({
      team: { id: FAKE_SLACK_IDS.team, name: 'Playground' },
      appId: FAKE_SLACK_IDS.appId,
      isEnterpriseInstall: false,
      tokenType: 'bot',
      user: { id: FAKE_SLACK_IDS.users.alice },
      bot: { userId: FAKE_SLACK_IDS.botUserId, id: FAKE_SLACK_IDS.botId, scopes: SCOPES },
    });
    expect(first?.enterprise).toBeUndefined();
    expect(other).toMatchObject({
      team: { id: 'T0SECOND', name: 'Second Team' },
      user: { id: second.users.alice },
      bot: { userId: second.botUserId, id: second.botId },
    });
    expect(first?.bot?.token).toMatch(/^xoxb-/);
    expect(other?.bot?.token).not.toBe(first?.bot?.token);
    // The exchange is logged without the secret or the token it handed out.
    const exchanges = slack.calls.filter((c) => c.method === 'oauth.v2.access');
    expect(exchanges.map((c) => [c.ok, c.teamId, c.tokenRef])).toEqual([
      [true, FAKE_SLACK_IDS.team, `${FAKE_SLACK_IDS.team}:bot:1`],
      [true, 'T0SECOND', 'T0SECOND:bot:1'],
    ]);
    const log = JSON.stringify(slack.calls);
    for (const secret of [CLIENT_SECRET, first?.bot?.token, other?.bot?.token]) {
      expect(log).not.toContain(String(secret));
    }
  });

  it('has each workspace’s commands answered with that workspace’s own token', async () => {
    const from = slack.calls.length;
    await slack.slashCommand({
      userId: FAKE_SLACK_IDS.users.bob,
      channelId: FAKE_SLACK_IDS.channels.general,
    });
    await slack.slashCommand({ userId: second.users.bob, channelId: second.channels.general });
    const posts = await Promise.all([
      slack.waitFor(
        (c) =>
          slack.calls.indexOf(c) >= from &&
          c.method === 'chat.postMessage' &&
          c.teamId === FAKE_SLACK_IDS.team,
      ),
      slack.waitFor(
        (c) => slack.calls.indexOf(c) >= from && c.method === 'chat.postMessage' && c.teamId === 'T0SECOND',
      ),
    ]);
    expect(posts.map((c) => [c.ok, c.tokenRef])).toEqual([
      [true, `${FAKE_SLACK_IDS.team}:bot:1`],
      [true, 'T0SECOND:bot:1'],
    ]);
    expect(slack.messages(second.channels.general).at(-1)?.text).toBe('hello T0SECOND');
  });

  it('uninstalling one workspace revokes its token only and tells the app, which can be told again', async () => {
    const token = installations.find((i) => i.team?.id === 'T0SECOND')?.bot?.token ?? '';
    const firstToken = installations.find((i) => i.team?.id === FAKE_SLACK_IDS.team)?.bot?.token ?? '';
    const { tokensRevoked, appUninstalled } = await slack.uninstall('T0SECOND');
    expect(tokensRevoked.dispatch).toMatchObject({ outcome: 'answered', status: 200 });
    expect(appUninstalled.dispatch).toMatchObject({ outcome: 'answered', status: 200 });
    expect(events.map((e) => [e.type, e.teamId, e.retryNum])).toEqual([
      ['tokens_revoked', 'T0SECOND', undefined],
      ['app_uninstalled', 'T0SECOND', undefined],
    ]);
    const web = (t: string) => clientOf(slack, t);
    expect(await slackError(web(token).auth.test())).toBe('account_inactive');
    expect(await web(firstToken).auth.test()).toMatchObject({ team_id: FAKE_SLACK_IDS.team });
    await expect(slack.uninstall('T0SECOND')).rejects.toThrow(/not installed/);

    await slack.sendEvent(appUninstalled.envelope, { retryNum: 1 });
    expect(events.at(-1)).toEqual({ type: 'app_uninstalled', teamId: 'T0SECOND', retryNum: 1 });
  });
});

describe('uninstall events as Slack sends them', () => {
  let slack: FakeSlack;
  let app: RecordingApp;

  beforeEach(async () => {
    app = await startRecordingApp(SECRET);
    slack = await startFakeSlack({ signingSecret: SECRET, appUrl: app.url });
  });

  afterEach(async () => {
    await slack.close();
    await app.close();
  });

  it('sends tokens_revoked naming the bot user, then app_uninstalled, in signed event_callback envelopes', async () => {
    const second = slack.addWorkspace({ teamId: 'T0SECOND', name: 'Second Team' });
    slack.install('T0SECOND');
    await slack.uninstall('T0SECOND');
    const [revoked, uninstalled] = app.received.map((r) => r.body);
    const envelope = {
      token: expect.any(String),
      team_id: 'T0SECOND',
      api_app_id: FAKE_SLACK_IDS.appId,
      type: 'event_callback',
      event_id: expect.stringMatching(/^Ev[0-9A-Z]+$/),
      event_time: expect.any(Number),
    };
    expect(revoked).toMatchObject({
      ...envelope,
      event: { type: 'tokens_revoked', tokens: { bot: [second.botUserId] } },
    });
    expect(uninstalled).toMatchObject({ ...envelope, event: { type: 'app_uninstalled' } });
    // Sent once the installation is gone: no authorizations to name it by.
    expect(revoked).not.toHaveProperty('authorizations');
    expect(uninstalled).not.toHaveProperty('authorizations');
    expect(revoked?.event_id).not.toBe(uninstalled?.event_id);
  });

  it('can send them the other way round, and uninstalls the seeded workspace’s unregistered token too', async () => {
    const pasted = clientOf(slack, 'xoxb-pasted-into-env');
    expect(await pasted.auth.test()).toMatchObject({ team_id: FAKE_SLACK_IDS.team });
    await slack.uninstall(FAKE_SLACK_IDS.team, { appUninstalledFirst: true });
    expect(app.received.map((r) => (r.body.event as { type: string }).type)).toEqual([
      'app_uninstalled',
      'tokens_revoked',
    ]);
    expect(await slackError(pasted.auth.test())).toBe('account_inactive');
  });
});

describe('oauth.v2.access', () => {
  let slack: FakeSlack;
  let now: number;
  const noToken = () => clientOf(slack);
  const exchange = (code: string, overrides: Record<string, string | undefined> = {}) =>
    noToken().oauth.v2.access({
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      code,
      redirect_uri: REDIRECT,
      ...overrides,
    } as Parameters<WebClient['oauth']['v2']['access']>[0]);
  const codeFor = (url = authorizeUrl(slack), teamId?: string) =>
    slack.authorize({ url, ...(teamId === undefined ? {} : { teamId }) }).code ?? '';

  beforeEach(async () => {
    now = Date.parse('2025-01-01T12:00:00Z');
    slack = await startFakeSlack({ signingSecret: SECRET, clock: () => now });
    slack.configureOAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT] });
  });

  afterEach(async () => {
    await slack.close();
  });

  it('redirects back with the state and a code that works once', async () => {
    const { location, code } = slack.authorize({ url: authorizeUrl(slack) });
    const back = new URL(location);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('state-123');
    expect(back.searchParams.get('code')).toBe(code);

    const granted = await exchange(code ?? '');
    expect(granted).toMatchObject({
      ok: true,
      app_id: FAKE_SLACK_IDS.appId,
      token_type: 'bot',
      scope: 'commands,chat:write',
      bot_user_id: FAKE_SLACK_IDS.botUserId,
      team: { id: FAKE_SLACK_IDS.team, name: 'Playground' },
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: FAKE_SLACK_IDS.users.alice },
    });
    expect(await slackError(exchange(code ?? ''))).toBe('code_already_used');
  });

  it('lets a code expire after 10 minutes', async () => {
    const early = codeFor();
    const late = codeFor();
    now += OAUTH_CODE_TTL_MS;
    expect(await exchange(early)).toMatchObject({ ok: true });
    now += 1;
    expect(await slackError(exchange(late))).toBe('invalid_code');
  });

  it('refuses wrong credentials without using up the code, and takes them by HTTP Basic auth', async () => {
    const code = codeFor();
    expect(await slackError(exchange(code, { client_secret: 'not-the-secret' }))).toBe('bad_client_secret');
    expect(await slackError(exchange(code, { client_id: '1.2' }))).toBe('invalid_client_id');
    expect(await slackError(exchange('123.456.not-a-code'))).toBe('invalid_code');
    expect(await slackError(exchange(code, { grant_type: 'password' }))).toBe('invalid_grant_type');

    const response = await fetch(`${slack.apiUrl}oauth.v2.access`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ code, redirect_uri: REDIRECT }).toString(),
    });
    const body = (await response.json()) as { ok: boolean; access_token: string };
    expect(body.ok).toBe(true);
    expect(await clientOf(slack, body.access_token).auth.test()).toMatchObject({
      team_id: FAKE_SLACK_IDS.team,
    });
  });

  it('holds the exchange to the redirect_uri the authorize URL named', async () => {
    const code = codeFor();
    expect(await slackError(exchange(code, { redirect_uri: undefined }))).toBe('bad_redirect_uri');
    expect(await slackError(exchange(code, { redirect_uri: `${REDIRECT}/other` }))).toBe('bad_redirect_uri');
    expect(await exchange(code)).toMatchObject({ ok: true });

    // Without one in the authorize URL, Slack sends the browser to the app's first Redirect URL.
    const bare = new URL(authorizeUrl(slack));
    bare.searchParams.delete('redirect_uri');
    const { location, code: bareCode } = slack.authorize({ url: bare.href });
    expect(location.startsWith(`${REDIRECT}?`)).toBe(true);
    expect(await exchange(bareCode ?? '', { redirect_uri: undefined })).toMatchObject({ ok: true });
  });

  it('shows an error instead of redirecting for a URL the app’s settings do not allow', () => {
    expect(() =>
      slack.authorize({ url: authorizeUrl(slack, { redirect_uri: 'https://evil.test/cb' }) }),
    ).toThrow(/did not match any configured URIs/);
    expect(() => slack.authorize({ url: authorizeUrl(slack, { client_id: '9.9' }) })).toThrow(/client_id/);
    expect(() => slack.authorize({ url: authorizeUrl(slack, { scope: '' }) })).toThrow(/no_scopes/);
    expect(() => slack.authorize({ url: authorizeUrl(slack, { team: 'T0ELSEWHERE' }) })).toThrow(
      /no workspace/,
    );
  });

  it('sends the app access_denied with the state when the person cancels', () => {
    const { location, code } = slack.authorize({ url: authorizeUrl(slack), deny: true });
    expect(code).toBeUndefined();
    const back = new URL(location);
    expect(Object.fromEntries(back.searchParams)).toEqual({ error: 'access_denied', state: 'state-123' });
  });

  it('answers a browser’s GET of the authorize URL with a redirect to the app, or an error page', async () => {
    const ok = await fetch(authorizeUrl(slack), { redirect: 'manual' });
    expect(ok.status).toBe(302);
    const back = new URL(ok.headers.get('location') ?? '');
    expect(back.searchParams.get('state')).toBe('state-123');
    expect(await exchange(back.searchParams.get('code') ?? '')).toMatchObject({ ok: true });

    const bad = await fetch(authorizeUrl(slack, { client_id: '9.9' }), { redirect: 'manual' });
    expect(bad.status).toBe(400);
  });

  it('keeps a re-install’s bot token and adds the scopes it grants', async () => {
    const first = await exchange(codeFor());
    const again = await exchange(codeFor(authorizeUrl(slack, { scope: 'users:read' })));
    expect(again.access_token).toBe(first.access_token);
    expect(again.scope).toBe('commands,chat:write,users:read');
  });

  it('with token rotation, issues expiring tokens and single-use refresh tokens', async () => {
    slack.configureOAuth({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUris: [REDIRECT],
      tokenRotation: true,
    });
    const granted = await exchange(codeFor());
    expect(granted.access_token).toMatch(/^xoxe\.xoxb-1-/);
    expect(granted.refresh_token).toMatch(/^xoxe-1-/);
    expect(granted.expires_in).toBe(ROTATED_TOKEN_TTL_SECONDS);
    const web = (t: string | undefined) => clientOf(slack, t);

    now += ROTATED_TOKEN_TTL_SECONDS * 1000;
    expect(await slackError(web(granted.access_token).auth.test())).toBe('token_expired');

    const refresh = (refreshToken: string | undefined) =>
      noToken().oauth.v2.access({
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_type: 'refresh_token',
        refresh_token: refreshToken ?? '',
      });
    const refreshed = await refresh(granted.refresh_token);
    expect(refreshed).toMatchObject({ ok: true, token_type: 'bot', expires_in: ROTATED_TOKEN_TTL_SECONDS });
    expect(refreshed.refresh_token).not.toBe(granted.refresh_token);
    expect(await web(refreshed.access_token).auth.test()).toMatchObject({ team_id: FAKE_SLACK_IDS.team });
    // Two instances refreshing with the same refresh token: only the first gets a new token.
    expect(await slackError(refresh(granted.refresh_token))).toBe('invalid_refresh_token');
    expect(JSON.stringify(slack.calls)).not.toContain(String(refreshed.refresh_token));
  });
});
