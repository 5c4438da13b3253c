import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY, BENCH_OAUTH, distributionModeEnv, REPO_ROOT } from '../../bench/app-process.ts';
import {
  FAKE_SLACK_IDS,
  type FakeSlack,
  startFakeSlack,
  type WorkspaceIds,
} from '../../src/playground/fake-slack/index.ts';
import type { SlackApp } from '../../src/slack/app.ts';
import { distributionScopes } from '../../src/slack/distribution.ts';
import { callsSince, settle, waitForCall } from '../helpers/app-calls.ts';
import {
  configureFakeOAuth,
  DISTRIBUTION_SIGNING_SECRET,
  decideIn,
  dumpDatabase,
  eventuallyAsync,
  historyIn,
  installWorkspace,
  linkHref,
  openCallback,
  openInstallPage,
  rawInstallations,
  resignState,
  STATE_COOKIE,
  startDistributionApp,
} from '../helpers/distribution.ts';
import { eventually } from '../helpers/eventually.ts';
import { type FreshPostgresDatabase, freshPostgresDatabase } from '../helpers/postgres.ts';

/**
 * Distribution mode end to end over real HTTP on 127.0.0.1: the app (in this process, on PostgreSQL) and the
 * fake Slack, with "Add to Slack" walked as a browser walks it. What each step shows people, what it stores,
 * and what it logs.
 */

const { team: PLAYGROUND, users, channels, appDms, appId } = FAKE_SLACK_IDS;
const SECOND = 'T0SECOND';
/** Each case starts apps, a fake Slack and a database: a bound for a busy machine, not a speed requirement. */
const TEST_TIMEOUT_MS = 60_000;

const NOT_INSTALLED = /no installation on record for this workspace/;

let db: FreshPostgresDatabase;
let fake: FakeSlack;
let second: WorkspaceIds;
let slackApp: SlackApp;
let appUrl: string;
const logs: string[] = [];

beforeAll(async () => {
  db = await freshPostgresDatabase();
  // Strict: a call with any token the fake did not hand out through OAuth fails.
  fake = await startFakeSlack({ signingSecret: DISTRIBUTION_SIGNING_SECRET, strictTokens: true });
  fake.setChannelPostLimit(null);
  second = fake.addWorkspace({ teamId: SECOND, name: 'Second Team' });
  ({ slackApp, appUrl } = await startDistributionApp(
    fake,
    { kind: 'postgres', url: db.url },
    {
      writeLog: (line) => logs.push(line),
      webApiTimeoutMs: 2_000,
      webApiRetryConfig: { retries: 2, factor: 2, minTimeout: 50, maxTimeout: 100, randomize: false },
    },
  ));
}, TEST_TIMEOUT_MS);

afterAll(async () => {
  await slackApp?.stop();
  await fake?.close();
  await db?.drop();
});

/** Installations stored now, by install key. */
async function installedKeys(): Promise<string[]> {
  return (await rawInstallations(db.url)).map((row) => String(row.install_key));
}

/** No log line carries a token, the client secret, the state secret or the encryption key. */
function expectNoSecretsLogged(): void {
  const all = logs.join('\n');
  expect(all).not.toMatch(/xox[a-z]-(?!\[redacted\])/);
  for (const secret of [
    BENCH_OAUTH.clientSecret,
    BENCH_OAUTH.stateSecret,
    BENCH_OAUTH.tokenEncryptionKey,
    DISTRIBUTION_SIGNING_SECRET,
  ]) {
    expect(all).not.toContain(secret);
  }
}

/** The app_home_opened event Slack sends when `user` of `teamId` opens the app's Home tab. */
function homeOpened(teamId: string, user: string, channel: string, eventTs = '1.000001') {
  return fake.eventEnvelope(
    { type: 'app_home_opened', user, channel, tab: 'home', event_ts: eventTs },
    { teamId },
  );
}

/** Resolves once the second workspace's installation is gone from the database. */
async function secondUninstalled(): Promise<void> {
  await eventuallyAsync(
    async () => ((await installedKeys()).includes(`team:${SECOND}`) ? undefined : true),
    'the second workspace uninstalled',
  );
}

describe('GET /slack/install', () => {
  it('serves the Add to Slack page under a CSP, linking to Slack’s authorize URL with the manifest’s scopes and a state pinned by a cookie', async () => {
    const page = await openInstallPage(appUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(page.html).not.toMatch(/<script/i);

    const link = new URL(page.authorizeUrl);
    expect(`${link.origin}${link.pathname}`).toBe(fake.oauthAuthorizeUrl);
    expect(link.searchParams.get('client_id')).toBe(BENCH_OAUTH.clientId);
    expect(link.searchParams.get('scope')?.split(',')).toEqual(distributionScopes());
    const state = link.searchParams.get('state');
    expect(state).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(page.cookie).toBe(`${STATE_COOKIE}=${state}`);
    const setCookie = page.headers.getSetCookie().find((c) => c.startsWith(`${STATE_COOKIE}=`));
    expect(setCookie).toMatch(/HttpOnly/i);
  });
});

describe('a failed install stores nothing and says why', () => {
  it('the person cancels at Slack: “Installation cancelled”', async () => {
    const start = await openInstallPage(appUrl);
    const { location, code } = fake.authorize({ url: start.authorizeUrl, teamId: PLAYGROUND, deny: true });
    expect(code).toBeUndefined();
    const page = await openCallback(location, start.cookie);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/Installation cancelled/);
    expect(page.text).toMatch(/nothing was installed/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(linkHref(page.html, 'start-again')).toBe('/slack/install');
    expect(await installedKeys()).toEqual([]);
  });

  it.each([
    { case: 'no cookie (another browser)', cookie: () => undefined, state: (s: string) => s },
    {
      case: 'a state signed with another secret',
      cookie: (s: string) => `${STATE_COOKIE}=${s}`,
      state: (s: string) =>
        resignState(s, 'not-the-apps-state-secret-but-32-chars-long', (payload) => payload),
    },
    {
      case: 'a state older than 10 minutes',
      cookie: (s: string) => `${STATE_COOKIE}=${s}`,
      state: (s: string) =>
        resignState(s, BENCH_OAUTH.stateSecret, (payload) => ({
          ...payload,
          now: new Date(Date.now() - 11 * 60_000).toJSON(),
        })),
    },
    {
      case: 'a cookie for another state',
      cookie: (s: string) =>
        `${STATE_COOKIE}=${resignState(s, BENCH_OAUTH.stateSecret, (p) => ({ ...p, random: -1 }))}`,
      state: (s: string) => s,
    },
  ])('$case: 400, “expired” page', async ({ cookie, state }) => {
    const start = await openInstallPage(appUrl);
    const { location, code } = fake.authorize({ url: start.authorizeUrl, teamId: PLAYGROUND });
    expect(code).toBeDefined();
    const callback = new URL(location);
    const sent = state(callback.searchParams.get('state') ?? '');
    callback.searchParams.set('state', sent);
    const page = await openCallback(callback.href, cookie(sent));
    expect(page.status).toBe(400);
    expect(page.text).toMatch(/This installation link can’t be used/);
    expect(page.text).toMatch(/This attempt changed nothing/);
    expect(await installedKeys()).toEqual([]);
    // The code was never exchanged.
    expect(fake.calls.filter((c) => c.method === 'oauth.v2.access')).toEqual([]);
  });

  it.each([
    {
      case: 'Slack refuses the exchange (the app’s client secret is not the one Slack has)',
      arrange: () => configureFakeOAuth(fake, appUrl, { clientSecret: 'ffffffffffffffffffffffffffffffff' }),
    },
    {
      case: 'Slack fails the exchange (500)',
      arrange: () => fake.fail('oauth.v2.access', { status: 500 }),
    },
  ])('$case: 502 page', async ({ arrange }) => {
    arrange();
    try {
      const mark = fake.calls.length;
      const page = await installWorkspace(fake, { installFrom: appUrl, teamId: PLAYGROUND });
      expect(page.status).toBe(502);
      expect(page.text).toMatch(/Slack did not hand over the installation/);
      expect(page.text).toMatch(
        /did not receive its access \(Slack said: [a-z_]+\)|did not receive its access,/,
      );
      expect(callsSince(fake, mark, 'oauth.v2.access').map((c) => c.ok)).toEqual([false]);
      expect(await installedKeys()).toEqual([]);
    } finally {
      configureFakeOAuth(fake, appUrl);
    }
  });
  it('Slack comes back with an error other than a cancel: 400, the error shown as text', async () => {
    const hostile = '<script>alert(1)</script>';
    const page = await openCallback(
      `${appUrl}/slack/oauth_redirect?error=${encodeURIComponent(hostile)}&state=x`,
    );
    expect(page.status).toBe(400);
    expect(page.html).not.toMatch(/<script/i);
    expect(page.text).toContain(`Slack said: ${hostile}. Nothing was installed.`);
    expect(await installedKeys()).toEqual([]);
  });
});

describe('a workspace that is not installed', () => {
  it('gets a private “not installed” reply to a command, and the refusal is logged naming the team', async () => {
    const mark = fake.calls.length;
    const logMark = logs.length;
    const result = await fake.slashCommand({
      userId: second.users.alice,
      channelId: second.channels.general,
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringMatching(NOT_INSTALLED),
    });
    expect(fake.calls.slice(mark)).toEqual([]);
    const warned = logs.slice(logMark).filter((l) => l.startsWith('[WARN]') && l.includes(SECOND));
    expect(warned.length).toBeGreaterThan(0);
    expect(logs.slice(logMark).filter((l) => l.startsWith('[ERROR]'))).toEqual([]);
    expectNoSecretsLogged();
  });

  it('an event from it is acknowledged (200, so Slack does not retry it) and nothing is done', async () => {
    const mark = fake.calls.length;
    const envelope = homeOpened(SECOND, second.users.bob, second.appDms.bob);
    expect(await fake.sendEvent(envelope)).toMatchObject({ status: 200, body: '' });
    await settle(fake);
    expect(fake.calls.slice(mark)).toEqual([]);
  });
});

describe('an installed workspace', () => {
  it('installs through Add to Slack: a success page naming the workspace, the token stored encrypted, commands served with that token', async () => {
    const mark = fake.calls.length;
    const page = await installWorkspace(fake, { installFrom: appUrl, teamId: PLAYGROUND });
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/rust-or-python is installed in Playground/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(linkHref(page.html, 'open-in-slack')).toBe(`slack://app?team=${PLAYGROUND}&id=${appId}`);
    const [exchange] = callsSince(fake, mark, 'oauth.v2.access');
    expect(exchange).toMatchObject({ ok: true, teamId: PLAYGROUND });
    const token = exchange?.tokenRef;

    // Stored, with the token in no readable form: a dump of the database shows no token.
    const rows = await rawInstallations(db.url);
    expect(rows.map((r) => r.install_key)).toEqual([`team:${PLAYGROUND}`]);
    expect(rows[0]?.encrypted_bot_token).toMatch(/^v1:/);
    expect(await dumpDatabase(db.url)).not.toMatch(/xox[a-z]-/);

    const commandMark = fake.calls.length;
    expect((await fake.slashCommand({ userId: users.alice, channelId: channels.general })).status).toBe(200);
    const opened = await waitForCall(fake, commandMark, (c) => c.method === 'views.open');
    expect(opened).toMatchObject({ ok: true, teamId: PLAYGROUND, tokenRef: token });
    await fake.closeView({ userId: users.alice });
    expectNoSecretsLogged();
  });

  it('names a workspace on the success page as text, whatever its name', async () => {
    const name = `<script>alert("x")</script> & 'Co'`;
    fake.addWorkspace({ teamId: 'T0MARKUP', name });
    const page = await installWorkspace(fake, { installFrom: appUrl, teamId: 'T0MARKUP' });
    expect(page.status).toBe(200);
    expect(page.html).not.toMatch(/<script/i);
    expect(page.text).toContain(`rust-or-python is installed in ${name}`);
    expect(linkHref(page.html, 'open-in-slack')).toBe(`slack://app?team=T0MARKUP&id=${appId}`);
  });

  it('handles an event once when Slack retries it (one Home tab published)', async () => {
    const envelope = homeOpened(PLAYGROUND, users.bob, appDms.bob, (Date.now() / 1000).toFixed(6));
    const mark = fake.calls.length;
    expect((await fake.sendEvent(envelope)).status).toBe(200);
    await waitForCall(fake, mark, (c) => c.method === 'views.publish' && c.ok);
    expect((await fake.sendEvent(envelope, { retryNum: 1 })).status).toBe(200);
    await settle(fake);
    expect(callsSince(fake, mark, 'views.publish')).toHaveLength(1);
  });
});

describe('uninstall', () => {
  it.each([
    { order: 'tokens_revoked, then app_uninstalled', appUninstalledFirst: false },
    { order: 'app_uninstalled, then tokens_revoked', appUninstalledFirst: true },
  ])(
    '$order (and both again): the installation and the workspace’s decisions are deleted, without errors',
    async ({ appUninstalledFirst }) => {
      const installed = await installWorkspace(fake, { installFrom: appUrl, teamId: SECOND });
      expect(installed.status).toBe(200);
      expect(installed.text).toMatch(/installed in Second Team/);
      const where = { userId: second.users.alice, channelId: second.channels.general };
      await decideIn(fake, { ...where, description: 'Billing service' });
      // Its follow-ups (thread replies) posted first: this is about the uninstall, not a post it cuts short.
      await settle(fake);
      expect(await historyIn(fake, where)).toMatch(/#1\* · [^\n]* asked by <@U0SECONDALICE>/);
      const logMark = logs.length;

      const { tokensRevoked, appUninstalled } = await fake.uninstall(SECOND, { appUninstalledFirst });
      expect(tokensRevoked.dispatch.status).toBe(200);
      expect(appUninstalled.dispatch.status).toBe(200);
      // Slack may deliver each again (a retry, or a second delivery of the same event).
      expect((await fake.sendEvent(appUninstalled.envelope, { retryNum: 1 })).status).toBe(200);
      expect((await fake.sendEvent(tokensRevoked.envelope, { retryNum: 1 })).status).toBe(200);

      await eventually(
        () =>
          logs.slice(logMark).some((l) => /Uninstalled from workspace T0SECOND/.test(l)) ? true : undefined,
        'the uninstall logged',
      );
      expect(await installedKeys()).not.toContain(`team:${SECOND}`);
      const after = await fake.slashCommand(where);
      expect(after.body).toMatchObject({ text: expect.stringMatching(NOT_INSTALLED) });
      expect(logs.slice(logMark).filter((l) => l.startsWith('[ERROR]'))).toEqual([]);

      // Installed again, the workspace starts with no decisions.
      expect((await installWorkspace(fake, { installFrom: appUrl, teamId: SECOND })).status).toBe(200);
      expect(await historyIn(fake, where)).toMatch(/No decisions in this channel yet/);
      await fake.uninstall(SECOND);
      await secondUninstalled();
    },
    TEST_TIMEOUT_MS,
  );
});

describe('an uninstall delivered late or twice', () => {
  /** An app_uninstalled never delivered before (a fresh event_id), as Slack sends it: no authorizations. */
  function appUninstalled(eventTime: number) {
    const { authorizations: _none, ...envelope } = fake.eventEnvelope(
      { type: 'app_uninstalled' },
      { teamId: SECOND },
    );
    return { ...envelope, event_time: eventTime };
  }

  /** Sends `envelope` and waits until the app has dealt with it (it acknowledges first); resolves with its logs. */
  async function deliver(envelope: Record<string, unknown>) {
    const logMark = logs.length;
    expect((await fake.sendEvent(envelope)).status).toBe(200);
    const done = /^\[ERROR\]|Ignored an uninstall|Uninstalled from workspace T0SECOND/;
    await eventually(
      () => (logs.slice(logMark).some((l) => done.test(l)) ? true : undefined),
      'the uninstall event handled',
    );
    return logs.slice(logMark);
  }

  it(
    'an app_uninstalled from before a reinstall, arriving after it, leaves the installation, its decisions and its commands alone',
    async () => {
      const here = { userId: second.users.alice, channelId: second.channels.general };
      expect((await installWorkspace(fake, { installFrom: appUrl, teamId: SECOND })).status).toBe(200);
      const { appUninstalled: first } = await fake.uninstall(SECOND);
      await secondUninstalled();
      // Sent with the uninstall, at least a whole second before the reinstall (event_time is in seconds).
      const sentAt = Math.min(Number(first.envelope.event_time), Math.floor(Date.now() / 1000) - 1);

      expect((await installWorkspace(fake, { installFrom: appUrl, teamId: SECOND })).status).toBe(200);
      await decideIn(fake, { ...here, description: 'Billing service' });
      await settle(fake);

      const handled = await deliver(appUninstalled(sentAt));
      expect(handled.filter((l) => l.startsWith('[ERROR]'))).toEqual([]);
      expect(await installedKeys()).toContain(`team:${SECOND}`);
      expect(await historyIn(fake, here)).toMatch(/#1\* · [^\n]* asked by <@U0SECONDALICE>/);
      const mark = fake.calls.length;
      expect((await fake.slashCommand(here)).status).toBe(200);
      expect(await waitForCall(fake, mark, (c) => c.method === 'views.open')).toMatchObject({
        ok: true,
        teamId: SECOND,
      });
      await fake.closeView({ userId: here.userId });

      await fake.uninstall(SECOND);
      await secondUninstalled();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'another app_uninstalled after an uninstall (a fresh event, sent now): acknowledged without an error, nothing of the workspace left',
    async () => {
      const here = { userId: second.users.alice, channelId: second.channels.general };
      expect((await installWorkspace(fake, { installFrom: appUrl, teamId: SECOND })).status).toBe(200);
      await decideIn(fake, { ...here, description: 'Billing service' });
      await settle(fake);
      await fake.uninstall(SECOND);
      await secondUninstalled();

      const handled = await deliver(appUninstalled(Math.floor(Date.now() / 1000)));
      expect(handled.filter((l) => l.startsWith('[ERROR]'))).toEqual([]);
      expect(await installedKeys()).not.toContain(`team:${SECOND}`);
      const rows = (await dumpDatabase(db.url))
        .split('\n')
        .filter((table) => /^(installations|decisions|rounds|round_views):/.test(table));
      expect(rows).toHaveLength(4);
      expect(rows.filter((table) => table.includes(SECOND))).toEqual([]);
      expect((await fake.slashCommand(here)).body).toMatchObject({
        text: expect.stringMatching(NOT_INSTALLED),
      });
    },
    TEST_TIMEOUT_MS,
  );
});

/** The app as deployed (its own process), to the end: its exit code and everything it printed. */
async function runToExit(env: Record<string, string>): Promise<{ code: number | string; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', APP_ENTRY], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  clearTimeout(timer);
  return { code: code ?? signal ?? 'unknown', output };
}

describe('starting against a database that has installations', () => {
  it(
    'with another TOKEN_ENCRYPTION_KEY: refuses to start, exit 1, naming the variable and printing no key',
    async () => {
      expect((await installedKeys()).length).toBeGreaterThan(0);
      const wrongKey = 'ff'.repeat(32);
      const { code, output } = await runToExit({
        ...distributionModeEnv({
          apiUrl: fake.apiUrl,
          authorizeUrl: fake.oauthAuthorizeUrl,
          databaseUrl: db.url,
          signingSecret: DISTRIBUTION_SIGNING_SECRET,
          logLevel: 'debug',
        }),
        TOKEN_ENCRYPTION_KEY: wrongKey,
      });
      expect(code).toBe(1);
      expect(output).toMatch(/TOKEN_ENCRYPTION_KEY does not match/);
      expect(output).not.toMatch(/listening on port/);
      for (const key of [wrongKey, BENCH_OAUTH.tokenEncryptionKey]) {
        expect(output.toLowerCase()).not.toContain(key);
      }
      // The installations are as they were: nothing was re-encrypted or cleared.
      expect((await installedKeys()).length).toBeGreaterThan(0);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('the database gone (dropped under the running app)', () => {
  it('/healthz: 200 while the database answers, then 503', async () => {
    const healthy = await fetch(`${appUrl}/healthz`);
    expect([healthy.status, await healthy.text()]).toEqual([200, 'ok']);
    await db.drop();
    const sick = await fetch(`${appUrl}/healthz`);
    expect([sick.status, await sick.text()]).toEqual([503, 'database unreachable']);
  });

  it('a command from an installed workspace: told to try again (not “not installed”), and the log says why', async () => {
    const logMark = logs.length;
    const result = await fake.slashCommand({ userId: users.alice, channelId: channels.general });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringMatching(/try again in a moment/),
    });
    expect(JSON.stringify(result.body)).not.toMatch(NOT_INSTALLED);
    const errors = logs.slice(logMark).filter((l) => l.startsWith('[ERROR]'));
    expect(errors.join('\n')).toMatch(new RegExp(`${PLAYGROUND}[^\n]*database "${db.name}" does not exist`));
    expectNoSecretsLogged();
  });

  it('an event from an installed workspace: 503, so that Slack delivers it again later', async () => {
    const envelope = homeOpened(PLAYGROUND, users.carol, appDms.carol);
    expect((await fake.sendEvent(envelope)).status).toBe(503);
  });

  it('an install: Slack authorises it, the app cannot save it, and the page says so (500)', async () => {
    const page = await installWorkspace(fake, { installFrom: appUrl, teamId: SECOND });
    expect(page.status).toBe(500);
    expect(page.text).toMatch(/The installation could not be saved/);
    expect(page.text).toMatch(/could not save its access, so it cannot answer in this workspace yet/);
  });
});
