import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_OAUTH } from '../../bench/app-process.ts';
import {
  FAKE_SLACK_IDS,
  type FakeSlack,
  startFakeSlack,
  type ViewInputs,
} from '../../src/playground/fake-slack/index.ts';
import type { SlackApp } from '../../src/slack/app.ts';
import { distributionScopes, REDIRECT_PATH } from '../../src/slack/distribution.ts';
import {
  DISTRIBUTION_SIGNING_SECRET,
  installWorkspace,
  rawInstallations,
  startDistributionApp,
} from '../helpers/distribution.ts';
import { type FreshPostgresDatabase, freshPostgresDatabase } from '../helpers/postgres.ts';
import { openRoundInGeneral, roundMessageShowing } from '../helpers/round-steps.ts';
import { WEB_MVP_ESSENTIALS } from '../helpers/sample-answers.ts';

/**
 * Token rotation on: a workspace's bot token expires after 12 hours and must be refreshed with its refresh
 * token. A round whose deadline comes while its workspace is quiet is closed by the round clock, which has no
 * request to refresh the token for it: it refreshes it itself, and stores the new one.
 */

const HOUR = 60 * 60 * 1000;
const TEST_TIMEOUT_MS = 60_000;

let db: FreshPostgresDatabase;
let fake: FakeSlack;
let slackApp: SlackApp;
/** The fake's clock and the app's round clock, moved by the test. */
let fakeNow = Date.now();
let appNow = Date.now();

beforeAll(async () => {
  db = await freshPostgresDatabase();
  fake = await startFakeSlack({
    signingSecret: DISTRIBUTION_SIGNING_SECRET,
    strictTokens: true,
    clock: () => fakeNow,
  });
  fake.setChannelPostLimit(null);
  const started = await startDistributionApp(
    fake,
    { kind: 'postgres', url: db.url },
    { writeLog: () => undefined, clock: () => new Date(appNow), roundClockMs: 50 },
    (appUrl) =>
      fake.configureOAuth({
        clientId: BENCH_OAUTH.clientId,
        clientSecret: BENCH_OAUTH.clientSecret,
        redirectUris: [`${appUrl}${REDIRECT_PATH}`],
        scopes: distributionScopes(),
        tokenRotation: true,
      }),
  );
  slackApp = started.slackApp;
  const appUrl = started.appUrl;
  const installed = await installWorkspace(fake, { installFrom: appUrl, teamId: FAKE_SLACK_IDS.team });
  expect(installed.status).toBe(200);
}, TEST_TIMEOUT_MS);

afterAll(async () => {
  await slackApp?.stop();
  await fake?.close();
  await db?.drop();
});

describe('with token rotation on', () => {
  it(
    'the round clock refreshes an expired token to close a round at its deadline, and keeps the new one',
    async () => {
      const opened = await openRoundInGeneral(
        fake,
        FAKE_SLACK_IDS.users.alice,
        WEB_MVP_ESSENTIALS as ViewInputs,
      );
      const [before] = await rawInstallations(db.url);
      // Thirteen quiet hours: the token Slack gave has expired there, and the app sees it past its expiry.
      fakeNow += 13 * HOUR;
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        await client.query('update installations set bot_token_expires_at = $1', [
          new Date(Date.now() - HOUR).toISOString(),
        ]);
      } finally {
        await client.end();
      }
      const mark = fake.calls.length;
      appNow += 25 * HOUR;

      await roundMessageShowing(fake, /Decision #1/, 'the round closed at its deadline');
      const refreshes = fake.calls
        .slice(mark)
        .filter((c) => c.method === 'oauth.v2.access' && c.args.grant_type === 'refresh_token');
      expect(refreshes.filter((c) => c.ok)).toHaveLength(1);
      const shown = fake.calls
        .slice(mark)
        .find((c) => c.method === 'chat.update' && c.ok && c.args.ts === opened.ts);
      expect(shown?.tokenRef).toBe(refreshes[0]?.tokenRef);
      const [after] = await rawInstallations(db.url);
      expect(after?.encrypted_bot_token).not.toEqual(before?.encrypted_bot_token);
      expect(Date.parse(String(after?.bot_token_expires_at))).toBeGreaterThan(Date.now() + 11 * HOUR);
    },
    TEST_TIMEOUT_MS,
  );
});
