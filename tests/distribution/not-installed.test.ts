import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeSlack,
  startFakeSlack,
  type ViewInputs,
  type WorkspaceIds,
} from '../../src/playground/fake-slack/index.ts';
import type { SlackApp } from '../../src/slack/app.ts';
import { renderedText, waitForCall } from '../helpers/app-calls.ts';
import {
  DISTRIBUTION_SIGNING_SECRET,
  decideIn,
  eventuallyAsync,
  installWorkspace,
  rawInstallations,
  startDistributionApp,
} from '../helpers/distribution.ts';
import { type FreshPostgresDatabase, freshPostgresDatabase } from '../helpers/postgres.ts';
import { WEB_MVP_ESSENTIALS } from '../helpers/sample-answers.ts';

/**
 * A workspace that removed the app while someone was still using it: Slack still delivers what they started
 * (a form's submission, a press on a message's button), and each is answered, where Slack lets the app answer,
 * with why nothing happened.
 */

const TEAM = 'T0GONE';
const NOT_INSTALLED = /no installation on record for this workspace/;
const TEST_TIMEOUT_MS = 60_000;

let db: FreshPostgresDatabase;
let fake: FakeSlack;
let gone: WorkspaceIds;
let slackApp: SlackApp;

beforeAll(async () => {
  db = await freshPostgresDatabase();
  fake = await startFakeSlack({ signingSecret: DISTRIBUTION_SIGNING_SECRET, strictTokens: true });
  fake.setChannelPostLimit(null);
  gone = fake.addWorkspace({ teamId: TEAM, name: 'Gone Team' });
  const started = await startDistributionApp(
    fake,
    { kind: 'postgres', url: db.url },
    { writeLog: () => undefined },
  );
  slackApp = started.slackApp;
  const appUrl = started.appUrl;
  const installed = await installWorkspace(fake, { installFrom: appUrl, teamId: TEAM });
  expect(installed.status).toBe(200);
}, TEST_TIMEOUT_MS);

afterAll(async () => {
  await slackApp?.stop();
  await fake?.close();
  await db?.drop();
});

describe('after the workspace removed the app', () => {
  it(
    'a form still open is answered in the form, and a press on a verdict’s button privately, saying the app is not installed',
    async () => {
      const { alice, bob } = gone.users;
      const general = gone.channels.general;
      // Before the removal: a verdict in #general, and Bob with the form open.
      await decideIn(fake, { userId: alice, channelId: general, description: 'Orders API' });
      const mark = fake.calls.length;
      await fake.slashCommand({ userId: bob, channelId: general });
      await waitForCall(fake, mark, (c) => c.method === 'views.open' && c.ok);

      await fake.uninstall(TEAM);
      await eventuallyAsync(
        async () => ((await rawInstallations(db.url)).length === 0 ? true : undefined),
        'the installation deleted',
      );

      const submitted = await fake.submitView({ userId: bob, inputs: WEB_MVP_ESSENTIALS as ViewInputs });
      expect(submitted.body).toMatchObject({ response_action: 'update' });
      const form = fake.snapshot(bob).modalStack.at(-1)?.view;
      expect(renderedText(form?.blocks ?? []).join('\n')).toMatch(NOT_INSTALLED);

      const pressMark = fake.calls.length;
      const verdict = fake
        .messages(general)
        .find((m) => JSON.stringify(m.blocks ?? []).includes('accept_decision'));
      expect(verdict).toBeDefined();
      const pressed = await fake.clickButton({
        userId: alice,
        actionId: 'accept_decision',
        channelId: general,
        messageTs: verdict?.ts ?? '',
      });
      expect(pressed.status).toBe(200);
      const told = await waitForCall(fake, pressMark, (c) => c.method === 'response_url');
      expect(String(told.args.text)).toMatch(NOT_INSTALLED);
      expect(told.args.response_type).toBe('ephemeral');
    },
    TEST_TIMEOUT_MS,
  );
});
