import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY, type AppProcess, distributionModeEnv, startAppProcess } from '../../bench/app-process.ts';
import {
  FAKE_SLACK_IDS,
  type FakeSlack,
  startFakeSlack,
  type ViewInputs,
  type WorkspaceIds,
} from '../../src/playground/fake-slack/index.ts';
import { callsSince, renderedText, settle, waitForCall } from '../helpers/app-calls.ts';
import {
  configureFakeOAuth,
  DISTRIBUTION_SIGNING_SECRET,
  decideIn,
  historyIn,
  installWorkspace,
  pressAt,
  rawInstallations,
} from '../helpers/distribution.ts';
import { eventually } from '../helpers/eventually.ts';
import { type FreshPostgresDatabase, freshPostgresDatabase } from '../helpers/postgres.ts';
import {
  addViewInGeneral,
  ephemeralsOf,
  findRoundMessage,
  openRoundInGeneral,
  roundMessageShowing,
} from '../helpers/round-steps.ts';
import { WEB_MVP_ESSENTIALS } from '../helpers/sample-answers.ts';

/**
 * Several instances over one PostgreSQL behave as one app (issue 13, "Scale-out"): app processes as deployed,
 * each its own Node process on the same database and secrets, in front of the fake Slack, which sends each
 * request to whichever instance the test points it at (a load balancer's choice). Two workspaces are
 * installed through the OAuth routes. The steps below are one story, in order.
 */

const { team: PLAYGROUND, users, channels } = FAKE_SLACK_IDS;
const SECOND = 'T0SECOND';
const NOT_INSTALLED = /no installation on record for this workspace/;
/** A web MVP by a Python team: Python whatever its latency, so a latency disagreement shows without deciding. */
const WEB_MVP = { ...WEB_MVP_ESSENTIALS, latency: 'interactive' } as ViewInputs;
/** App processes start and requests cross them: bounds for a busy machine, not speed requirements. */
const STEP_TIMEOUT_MS = 120_000;

let db: FreshPostgresDatabase;
let fake: FakeSlack;
let second: WorkspaceIds;
const instances: Record<'a' | 'b' | 'c', AppProcess | undefined> = {
  a: undefined,
  b: undefined,
  c: undefined,
};
/** Each workspace's bot token as the fake names it (`<team>:bot:<n>`), from its OAuth exchange. */
const tokenOf = new Map<string, string>();

function startInstance(): Promise<AppProcess> {
  return startAppProcess({
    entry: APP_ENTRY,
    env: distributionModeEnv({
      apiUrl: fake.apiUrl,
      authorizeUrl: fake.oauthAuthorizeUrl,
      databaseUrl: db.url,
      signingSecret: DISTRIBUTION_SIGNING_SECRET,
      logLevel: 'info',
    }),
    readyTimeoutMs: 30_000,
  });
}

function running(name: 'a' | 'b' | 'c'): AppProcess {
  const instance = instances[name];
  if (instance === undefined) throw new Error(`instance ${name} is not running`);
  return instance;
}

beforeAll(async () => {
  db = await freshPostgresDatabase();
  fake = await startFakeSlack({ signingSecret: DISTRIBUTION_SIGNING_SECRET, strictTokens: true });
  fake.setChannelPostLimit(null);
  second = fake.addWorkspace({ teamId: SECOND, name: 'Second Team' });
  instances.a = await startInstance();
  instances.b = await startInstance();
  // Slack sends the browser back to the app's one Redirect URL: here, instance B.
  configureFakeOAuth(fake, running('b').url);
  fake.setAppUrl(running('a').eventsUrl);
}, STEP_TIMEOUT_MS);

afterAll(async () => {
  for (const instance of Object.values(instances)) await instance?.stop(2_000);
  await fake?.close();
  await db?.drop();
});

/** `/rust-or-python` through `instance` from a person of a workspace: the views.open it led to. */
async function commandThrough(instance: AppProcess, userId: string, channelId: string) {
  fake.setAppUrl(instance.eventsUrl);
  const mark = fake.calls.length;
  const answer = await fake.slashCommand({ userId, channelId });
  expect(answer.status).toBe(200);
  const opened = await waitForCall(fake, mark, (c) => c.method === 'views.open', 20_000);
  await fake.closeView({ userId });
  return opened;
}

describe('two instances over one PostgreSQL', () => {
  it(
    'installs two workspaces: the install page served by A, Slack’s callback taken by B (which verifies A’s state)',
    async () => {
      for (const [teamId, name] of [
        [PLAYGROUND, 'Playground'],
        [SECOND, 'Second Team'],
      ] as const) {
        const mark = fake.calls.length;
        const page = await installWorkspace(fake, { installFrom: running('a').url, teamId });
        expect(page.callbackOrigin).toBe(running('b').url);
        expect(page.status).toBe(200);
        expect(page.text).toContain(`rust-or-python is installed in ${name}`);
        const [exchange] = callsSince(fake, mark, 'oauth.v2.access');
        expect(exchange).toMatchObject({ ok: true, teamId });
        tokenOf.set(teamId, exchange?.tokenRef ?? '');
      }
      expect((await rawInstallations(db.url)).map((r) => r.install_key)).toEqual([
        `team:${PLAYGROUND}`,
        `team:${SECOND}`,
      ]);
      expect(tokenOf.get(PLAYGROUND)).not.toBe(tokenOf.get(SECOND));
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'serves each workspace’s commands with that workspace’s own token, on either instance',
    async () => {
      for (const name of ['a', 'b'] as const) {
        const here = await commandThrough(running(name), users.alice, channels.general);
        expect(here).toMatchObject({ ok: true, teamId: PLAYGROUND, tokenRef: tokenOf.get(PLAYGROUND) });
        const there = await commandThrough(running(name), second.users.alice, second.channels.general);
        expect(there).toMatchObject({ ok: true, teamId: SECOND, tokenRef: tokenOf.get(SECOND) });
      }
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'keeps each workspace’s decisions to itself, whichever instance recorded or reads them',
    async () => {
      fake.setAppUrl(running('a').eventsUrl);
      const verdict = await decideIn(fake, {
        userId: users.alice,
        channelId: channels.general,
        description: 'Orders API',
      });
      expect(verdict).toMatchObject({ teamId: PLAYGROUND, tokenRef: tokenOf.get(PLAYGROUND) });
      fake.setAppUrl(running('b').eventsUrl);
      const other = await decideIn(fake, {
        userId: second.users.bob,
        channelId: second.channels.general,
        description: 'Billing service',
      });
      expect(other).toMatchObject({ teamId: SECOND, tokenRef: tokenOf.get(SECOND) });
      await settle(fake);

      for (const name of ['a', 'b'] as const) {
        fake.setAppUrl(running(name).eventsUrl);
        const here = await historyIn(fake, { userId: users.carol, channelId: channels.general });
        // Each workspace numbers its own decisions: #1 in both, and only its own person's.
        expect(here).toMatch(new RegExp(`\\*#1\\*[^\\n]*asked by <@${users.alice}>`));
        expect(here).not.toContain(second.users.bob);
        expect(here).not.toContain('#2');
        const there = await historyIn(fake, {
          userId: second.users.carol,
          channelId: second.channels.general,
        });
        expect(there).toMatch(new RegExp(`\\*#1\\*[^\\n]*asked by <@${second.users.bob}>`));
        expect(there).not.toContain(users.alice);
        expect(there).not.toContain('#2');
      }
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'handles an event once when Slack retries it to the other instance',
    async () => {
      const envelope = fake.eventEnvelope(
        {
          type: 'app_home_opened',
          user: users.bob,
          channel: FAKE_SLACK_IDS.appDms.bob,
          tab: 'home',
          event_ts: (Date.now() / 1000).toFixed(6),
        },
        { teamId: PLAYGROUND },
      );
      const mark = fake.calls.length;
      fake.setAppUrl(running('a').eventsUrl);
      expect((await fake.sendEvent(envelope)).status).toBe(200);
      fake.setAppUrl(running('b').eventsUrl);
      expect((await fake.sendEvent(envelope, { retryNum: 1 })).status).toBe(200);
      await waitForCall(fake, mark, (c) => c.method === 'views.publish' && c.ok, 20_000);
      await settle(fake, 1_000);
      expect(callsSince(fake, mark, 'views.publish')).toHaveLength(1);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'carries a team round across instances: opened on A, a view on B, A killed mid-round, the rest and the close on the others, closed once',
    async () => {
      fake.setAppUrl(running('a').eventsUrl);
      const opened = await openRoundInGeneral(fake, users.alice, WEB_MVP, [users.bob, users.carol]);
      expect(opened.shown).toMatch(/1 of 3 answered/);
      fake.setAppUrl(running('b').eventsUrl);
      // Bob's answer differs from Alice's, so the result shows that what he said counted.
      await addViewInGeneral(fake, users.bob, opened.ts, { latency: 'strict' } as ViewInputs);
      await roundMessageShowing(fake, /2 of 3 answered/, 'the count after Bob’s view');

      // A dies without a clean stop; a supervisor starts C in its place.
      const a = running('a');
      a.child.kill('SIGKILL');
      expect(await a.exited).toBe('SIGKILL');
      instances.a = undefined;
      instances.c = await startInstance();

      await addViewInGeneral(fake, users.carol, opened.ts);
      const full = await roundMessageShowing(fake, /3 of 3 answered/, 'the count after Carol’s view');

      // Alice's close reaches both instances at once (a double click, spread by the load balancer).
      const mark = fake.calls.length;
      const told = ephemeralsOf(fake, users.alice).length;
      const statuses = await Promise.all(
        (['b', 'c'] as const).map((name) =>
          pressAt(running(name).eventsUrl, fake, {
            userId: users.alice,
            actionId: 'close_round',
            message: full,
            channelId: channels.general,
          }),
        ),
      );
      expect(statuses).toEqual([200, 200]);
      const result = await roundMessageShowing(
        fake,
        /Decision #2\b/,
        'the round closed into the team verdict',
      );
      expect(result.shown).toMatch(/Team verdict from 3 views/);
      await eventually(
        () =>
          ephemeralsOf(fake, users.alice)
            .slice(told)
            .find((e) => /already closed/.test(e)),
        'Alice told by the other instance that the round was already closed',
        20_000,
      );
      await settle(fake, 2_500);
      const updates = callsSince(fake, mark, 'chat.update').filter(
        (c) => c.ok && c.args.ts === opened.ts && /Team verdict/.test(renderedText(c.args.blocks).join('\n')),
      );
      expect(updates).toHaveLength(1);
      const replies = findRoundMessage(fake)?.replies ?? [];
      expect(new Set(replies).size).toBe(replies.length);
      const perPerson = replies.find((r) => r.startsWith('*Each person’s verdict beside the team’s*'));
      for (const person of [users.alice, users.bob, users.carol]) expect(perPerson).toContain(`<@${person}>`);
      // Bob's strict latency, taken by B, is one of the three.
      expect(replies.find((r) => r.startsWith('*Where the team disagrees*'))).toMatch(
        /Latency\*?: 2 × Interactive[^\n]*1 × Strict/,
      );
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'an uninstall stops that workspace only, on every instance',
    async () => {
      fake.setAppUrl(running('c').eventsUrl);
      const { tokensRevoked, appUninstalled } = await fake.uninstall(SECOND);
      expect([tokensRevoked.dispatch.status, appUninstalled.dispatch.status]).toEqual([200, 200]);
      await eventually(
        () => (/Uninstalled from workspace T0SECOND/.test(running('c').output()) ? true : undefined),
        'the uninstall handled',
        20_000,
      );
      expect((await rawInstallations(db.url)).map((r) => r.install_key)).toEqual([`team:${PLAYGROUND}`]);
      for (const name of ['b', 'c'] as const) {
        fake.setAppUrl(running(name).eventsUrl);
        const refused = await fake.slashCommand({
          userId: second.users.alice,
          channelId: second.channels.general,
        });
        expect(refused.body).toMatchObject({
          response_type: 'ephemeral',
          text: expect.stringMatching(NOT_INSTALLED),
        });
        expect(running(name).output()).toMatch(/Refused a request from workspace T0SECOND/);
        const served = await commandThrough(running(name), users.bob, channels.general);
        expect(served).toMatchObject({ ok: true, teamId: PLAYGROUND, tokenRef: tokenOf.get(PLAYGROUND) });
      }
      for (const instance of [running('b'), running('c')]) {
        expect(instance.output()).not.toMatch(/xox[a-z]-(?!\[redacted\])/);
        expect(instance.output()).not.toMatch(/\[ERROR\]/);
      }
    },
    STEP_TIMEOUT_MS,
  );
});
