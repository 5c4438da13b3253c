import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_SLACK_IDS,
  type FakeSlack,
  startFakeSlack,
  type WorkspaceIds,
} from '../../src/playground/fake-slack/index.ts';
import type { SlackApp } from '../../src/slack/app.ts';
import { callsSince, waitForCall } from '../helpers/app-calls.ts';
import {
  DISTRIBUTION_SIGNING_SECRET,
  linkHref,
  openCallback,
  openInstallPage,
  rawInstallations,
  startDistributionApp,
} from '../helpers/distribution.ts';
import { type FreshPostgresDatabase, freshPostgresDatabase } from '../helpers/postgres.ts';

/**
 * An Enterprise Grid org installs the app org-wide (distribution mode, in this process, on PostgreSQL): one
 * installation and one bot token for the org, serving each of its workspaces; another org stays outside.
 */

const ORG = 'E0ACME';
const ORG_NAME = 'Acme Corp';
/** Each case starts an app, a fake Slack and a database: a bound for a busy machine, not a speed requirement. */
const TEST_TIMEOUT_MS = 60_000;

let db: FreshPostgresDatabase;
let fake: FakeSlack;
let sales: WorkspaceIds;
let support: WorkspaceIds;
let outsider: WorkspaceIds;
let slackApp: SlackApp;
let appUrl: string;
const logs: string[] = [];

beforeAll(async () => {
  db = await freshPostgresDatabase();
  fake = await startFakeSlack({ signingSecret: DISTRIBUTION_SIGNING_SECRET, strictTokens: true });
  fake.setChannelPostLimit(null);
  sales = fake.addWorkspace({
    teamId: 'T0SALES',
    name: 'Sales',
    enterpriseId: ORG,
    enterpriseName: ORG_NAME,
  });
  support = fake.addWorkspace({
    teamId: 'T0SUPPORT',
    name: 'Support',
    enterpriseId: ORG,
    enterpriseName: ORG_NAME,
  });
  outsider = fake.addWorkspace({
    teamId: 'T0OUTSIDE',
    name: 'Outside',
    enterpriseId: 'E0OTHER',
    enterpriseName: 'Other Org',
  });
  ({ slackApp, appUrl } = await startDistributionApp(
    fake,
    { kind: 'postgres', url: db.url },
    {
      writeLog: (line) => logs.push(line),
      webApiTimeoutMs: 2_000,
      webApiRetryConfig: { retries: 0 },
    },
  ));
}, TEST_TIMEOUT_MS);

afterAll(async () => {
  await slackApp?.stop();
  await fake?.close();
  await db?.drop();
});

/** `/rust-or-python` by alice in a workspace's #general: the views.open it leads to. */
async function commandIn(ws: WorkspaceIds) {
  const mark = fake.calls.length;
  const result = await fake.slashCommand({ userId: ws.users.alice, channelId: ws.channels.general });
  expect(result.status).toBe(200);
  const opened = await waitForCall(fake, mark, (c) => c.method === 'views.open');
  await fake.closeView({ userId: ws.users.alice });
  return opened;
}

describe('an org-wide install', () => {
  it(
    'installs for the whole org through Add to Slack, stores one org row, and serves every workspace of the org with the org’s token',
    async () => {
      const mark = fake.calls.length;
      const start = await openInstallPage(appUrl);
      expect(start.status).toBe(200);
      const { location, code } = fake.authorize({ url: start.authorizeUrl, enterpriseId: ORG });
      expect(code).toBeDefined();
      const page = await openCallback(location, start.cookie);

      expect(page.status).toBe(200);
      expect(page.text).toContain(`rust-or-python is installed in ${ORG_NAME}`);
      expect(page.text).toContain('Next, choose which of your org’s workspaces get it.');
      // Installed org-wide, the app is in no workspace until an admin adds it: the page leads there.
      expect(linkHref(page.html, 'open-in-slack')).toBe(
        `https://acme-corp.enterprise.slack.com/manage/organization/apps/profile/${FAKE_SLACK_IDS.appId}/workspaces/add`,
      );
      const [exchange] = callsSince(fake, mark, 'oauth.v2.access');
      expect(exchange).toMatchObject({
        ok: true,
        response: { is_enterprise_install: true, team: null, enterprise: { id: ORG, name: ORG_NAME } },
      });
      const orgToken = exchange?.tokenRef;
      expect(orgToken).toBe(`${ORG}:bot:1`);

      const rows = await rawInstallations(db.url);
      expect(rows.map((r) => r.install_key)).toEqual([`enterprise:${ORG}`]);
      expect(rows[0]).toMatchObject({ enterprise_id: ORG, team_id: null });

      expect(await commandIn(sales)).toMatchObject({ ok: true, teamId: sales.team, tokenRef: orgToken });
      expect(await commandIn(support)).toMatchObject({ ok: true, teamId: support.team, tokenRef: orgToken });

      const outside = await fake.slashCommand({
        userId: outsider.users.alice,
        channelId: outsider.channels.general,
      });
      expect(outside.status).toBe(200);
      expect(outside.body).toMatchObject({
        response_type: 'ephemeral',
        text: expect.stringMatching(/no installation on record for this workspace/),
      });
      expect(logs.filter((line) => line.startsWith('[ERROR]'))).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
