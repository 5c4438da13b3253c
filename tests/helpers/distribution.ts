import { createHmac } from 'node:crypto';
import pg from 'pg';
import { expect } from 'vitest';
import { BENCH_OAUTH } from '../../bench/app-process.ts';
import type { DistributionConfig } from '../../src/config.ts';
import type { ApiCall, FakeSlack, ViewInputs } from '../../src/playground/fake-slack/index.ts';
import { createSlackApp, type SlackApp, type SlackAppDeps } from '../../src/slack/app.ts';
import { distributionScopes, REDIRECT_PATH } from '../../src/slack/distribution.ts';
import type { DatabaseLocation } from '../../src/store/types.ts';
import { isVerdictPost, renderedText, waitForCall } from './app-calls.ts';
import { pressOnEarlierMessage, type ShownMessage } from './round-steps.ts';
import { WEB_MVP_ESSENTIALS } from './sample-answers.ts';

/**
 * Distribution mode's steps as a browser and Slack take them, for an app running anywhere: the install page,
 * Slack's consent (the fake's), and the callback with the state cookie carried by hand (Node's fetch keeps no
 * cookies, and drops a Cookie header on a redirect to another port).
 */

/** The cookie @slack/oauth pins the state to, so that the callback comes from the browser that started. */
export const STATE_COOKIE = 'slack-app-oauth-state';

/** The signing secret the app and the fake Slack share (32 hex characters, as config.ts requires). */
export const DISTRIBUTION_SIGNING_SECRET = '5f2b9c0e8d7a6b5c4d3e2f1a0b9c8d7e';

/** The in-process app's configuration in distribution mode, with the credentials the fake is configured with. */
export function distributionConfig(fake: FakeSlack, database: DatabaseLocation): DistributionConfig {
  return {
    mode: 'distribution',
    clientId: BENCH_OAUTH.clientId,
    clientSecret: BENCH_OAUTH.clientSecret,
    signingSecret: DISTRIBUTION_SIGNING_SECRET,
    stateSecret: BENCH_OAUTH.stateSecret,
    tokenEncryptionKey: Buffer.from(BENCH_OAUTH.tokenEncryptionKey, 'hex'),
    authorizeUrl: fake.oauthAuthorizeUrl,
    port: 0,
    slackApiUrl: fake.apiUrl,
    logLevel: 'debug',
    database,
  };
}

/**
 * The app in distribution mode in this process, on `database`, talking to `fake` (which then sends it its
 * requests), with the fake's OAuth configured for it (`configure`: the default credentials, one Redirect URL).
 */
export async function startDistributionApp(
  fake: FakeSlack,
  database: DatabaseLocation,
  deps: SlackAppDeps,
  configure: (appUrl: string) => void = (appUrl) => configureFakeOAuth(fake, appUrl),
): Promise<{ slackApp: SlackApp; appUrl: string }> {
  const slackApp = createSlackApp(distributionConfig(fake, database), {
    host: '127.0.0.1',
    deliveryPolicy: { channelPace: null },
    ...deps,
  });
  const { port } = await slackApp.start();
  const appUrl = `http://127.0.0.1:${port}`;
  fake.setAppUrl(`${appUrl}/slack/events`);
  configure(appUrl);
  return { slackApp, appUrl };
}

/** The app's OAuth credentials in the fake, with one Redirect URL: where Slack sends the browser back. */
export function configureFakeOAuth(
  fake: FakeSlack,
  redirectTo: string,
  overrides: { clientSecret?: string } = {},
): void {
  fake.configureOAuth({
    clientId: BENCH_OAUTH.clientId,
    clientSecret: overrides.clientSecret ?? BENCH_OAUTH.clientSecret,
    redirectUris: [`${redirectTo}${REDIRECT_PATH}`],
    scopes: distributionScopes(),
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** An attribute's text as a browser reads it. */
function decodeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? '');
}

/** The href of the link with this id on a page, as a browser follows it. */
export function linkHref(html: string, id: string): string | undefined {
  const anchor = new RegExp(`<a id="${id}" href="([^"]*)"`).exec(html);
  return anchor?.[1] === undefined ? undefined : decodeHtml(anchor[1]);
}

/** The page's text without tags, as a person reads it. */
export function pageText(html: string): string {
  return decodeHtml(html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' '));
}

export interface InstallPage {
  status: number;
  headers: Headers;
  html: string;
  /** `slack-app-oauth-state=<state>`, as the browser sends it back; undefined when none was set. */
  cookie: string | undefined;
  /** Where "Add to Slack" goes. */
  authorizeUrl: string;
}

/** GET /slack/install on `appUrl`, as a browser opens it. */
export async function openInstallPage(appUrl: string): Promise<InstallPage> {
  const response = await fetch(`${appUrl}/slack/install`, { redirect: 'manual' });
  const html = await response.text();
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith(`${STATE_COOKIE}=`));
  return {
    status: response.status,
    headers: response.headers,
    html,
    cookie,
    authorizeUrl: linkHref(html, 'add-to-slack') ?? '',
  };
}

export interface Page {
  status: number;
  headers: Headers;
  html: string;
  /** What a person reads on it. */
  text: string;
}

/** The browser comes back to the app from Slack (`url`), with the state cookie if it has one. */
export async function openCallback(url: string, cookie?: string): Promise<Page> {
  const response = await fetch(url, {
    redirect: 'manual',
    ...(cookie === undefined ? {} : { headers: { cookie } }),
  });
  const html = await response.text();
  return { status: response.status, headers: response.headers, html, text: pageText(html) };
}

/**
 * "Add to Slack" from start to end: the install page on `installFrom`, a person of `teamId` approving at the
 * fake Slack, and the browser sent back to the Redirect URL the fake is configured with (another instance,
 * possibly) carrying the cookie. Resolves with the page the person ends on and where it was served.
 */
export async function installWorkspace(
  fake: FakeSlack,
  opts: { installFrom: string; teamId: string },
): Promise<Page & { callbackOrigin: string }> {
  const start = await openInstallPage(opts.installFrom);
  expect(start.status).toBe(200);
  expect(start.cookie).toBeDefined();
  const { location, code } = fake.authorize({ url: start.authorizeUrl, teamId: opts.teamId });
  expect(code).toBeDefined();
  const done = await openCallback(location, start.cookie);
  return { ...done, callbackOrigin: new URL(location).origin };
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/**
 * A state like `state` (a JWT as @slack/oauth's ClearStateStore signs it) with its payload changed by
 * `change`, signed (HS256) with `secret`: an old one, or one signed with a secret the app does not have.
 */
export function resignState(
  state: string,
  secret: string,
  change: (payload: Record<string, unknown>) => Record<string, unknown>,
): string {
  const [header, payload] = state.split('.');
  if (header === undefined || payload === undefined) throw new Error('not a JWT');
  const changed = change(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  const signed = `${header}.${base64url(JSON.stringify(changed))}`;
  return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
}

/** Runs `query` on its own connection to the database. */
async function onDatabase<T>(databaseUrl: string, query: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await query(client);
  } finally {
    await client.end();
  }
}

/** Every row of the installations table, as a database dump shows them. */
export function rawInstallations(databaseUrl: string): Promise<Record<string, unknown>[]> {
  return onDatabase(
    databaseUrl,
    async (client) => (await client.query('select * from installations order by install_key')).rows,
  );
}

/** Every row of every table of the app's, as text: what a dump of the database holds. */
export function dumpDatabase(databaseUrl: string): Promise<string> {
  return onDatabase(databaseUrl, async (client) => {
    const tables = await client.query<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'public' order by 1",
    );
    const dump: string[] = [];
    for (const { name } of tables.rows) {
      const rows = await client.query(`select * from ${client.escapeIdentifier(name)}`);
      dump.push(`${name}: ${JSON.stringify(rows.rows)}`);
    }
    return dump.join('\n');
  });
}

const WAIT_MS = 20_000;

/**
 * `/rust-or-python <description>` by `userId` in `channelId` of their workspace, both pages of the modal
 * answered: resolves with the verdict post once the app has asked for its permalink (it records the decision
 * right after).
 */
export async function decideIn(
  fake: FakeSlack,
  opts: { userId: string; channelId: string; description: string },
): Promise<ApiCall> {
  const mark = fake.calls.length;
  const command = await fake.slashCommand({
    userId: opts.userId,
    channelId: opts.channelId,
    text: opts.description,
  });
  expect(command.status).toBe(200);
  await waitForCall(fake, mark, (c) => c.method === 'views.open' && c.ok, WAIT_MS);
  const first = await fake.submitView({ userId: opts.userId, inputs: WEB_MVP_ESSENTIALS as ViewInputs });
  expect(first.body).toMatchObject({ response_action: 'push' });
  await fake.submitView({ userId: opts.userId, inputs: {} });
  const verdict = await waitForCall(fake, mark, isVerdictPost(opts.channelId), WAIT_MS);
  await waitForCall(
    fake,
    mark,
    (c) => c.method === 'chat.getPermalink' && c.ok && c.args.channel === opts.channelId,
    WAIT_MS,
  );
  return verdict;
}

/** `/rust-or-python history` in a channel, as the person who typed it reads the private answer. */
export async function historyIn(
  fake: FakeSlack,
  opts: { userId: string; channelId: string },
): Promise<string> {
  const result = await fake.slashCommand({ userId: opts.userId, channelId: opts.channelId, text: 'history' });
  expect(result.status).toBe(200);
  expect(result.body).toMatchObject({ response_type: 'ephemeral' });
  return renderedText((result.body as { blocks?: unknown[] }).blocks ?? []).join('\n');
}

/** Polls an asynchronous `read` (a database, say) until it gives a value, or fails naming `what`. */
export async function eventuallyAsync<T>(
  read: () => Promise<T | undefined>,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`never saw ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A press on a button of `message` (as captured) sent signed to the instance at `eventsUrl`, whichever the
 * fake sends to now: a load balancer spreads a double click over two instances.
 */
export function pressAt(
  eventsUrl: string,
  fake: FakeSlack,
  opts: { userId: string; actionId: string; message: ShownMessage; channelId: string },
): Promise<number> {
  return pressOnEarlierMessage(fake, DISTRIBUTION_SIGNING_SECRET, { ...opts, to: eventsUrl });
}
