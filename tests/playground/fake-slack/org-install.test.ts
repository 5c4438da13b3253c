import type { OauthV2AccessResponse } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeSlack,
  startFakeSlack,
  type WorkspaceIds,
} from '../../../src/playground/fake-slack/index.ts';
import { type RecordingApp, startRecordingApp } from './recording-app.ts';
import { clientOf, slackError } from './web-client.ts';

/**
 * An org-wide install as Slack does one (docs.slack.dev, organization-wide apps): oauth.v2.access answers the
 * org with `team: null`; one bot token serves every workspace of the org; payloads say `is_enterprise_install`
 * (a command's form field as the string "true", as Bolt's isBodyWithTypeEnterpriseInstall reads it).
 */

const SECRET = 'org-install-signing-secret';
const CLIENT_ID = '2141029472.691202649728';
const CLIENT_SECRET = 'e1b9e11dfcd19c1982d5de12921e17e8c';
const REDIRECT = 'https://app.example.test/slack/oauth_redirect';
const ORG = 'E0ACME';

describe('an org-wide install', () => {
  let slack: FakeSlack;
  let recorder: RecordingApp;
  let sales: WorkspaceIds;
  let support: WorkspaceIds;
  let lone: WorkspaceIds;
  let orgToken: string;
  let access: OauthV2AccessResponse;

  beforeAll(async () => {
    slack = await startFakeSlack({ signingSecret: SECRET });
    recorder = await startRecordingApp(SECRET);
    slack.setAppUrl(recorder.url);
    slack.setChannelPostLimit(null);
    const org = { enterpriseId: ORG, enterpriseName: 'Acme Corp' };
    sales = slack.addWorkspace({ teamId: 'T0SALES', name: 'Sales', ...org });
    support = slack.addWorkspace({ teamId: 'T0SUPPORT', name: 'Support', ...org });
    lone = slack.addWorkspace({ teamId: 'T0LONE', name: 'Lone' });
    slack.configureOAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT] });
    const url = `${slack.oauthAuthorizeUrl}?${new URLSearchParams({ client_id: CLIENT_ID, scope: 'commands,chat:write', state: 's' })}`;
    const { code } = slack.authorize({ url, enterpriseId: ORG, userId: support.users.bob });
    access = await clientOf(slack).oauth.v2.access({
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      code: code ?? '',
    });
    orgToken = String(access.access_token);
  });

  afterAll(async () => {
    await slack?.close();
    await recorder?.close();
  });

  it('answers oauth.v2.access with the org, no team, and is_enterprise_install', () => {
    expect(access).toMatchObject({
      ok: true,
      token_type: 'bot',
      team: null,
      enterprise: { id: ORG, name: 'Acme Corp' },
      is_enterprise_install: true,
      authed_user: { id: support.users.bob },
    });
    expect(orgToken).toMatch(/^xoxb-/);
  });

  it('answers auth.test for the org’s token with the org’s URL and no team', async () => {
    const test = await clientOf(slack, orgToken).auth.test();
    expect(test).toMatchObject({
      ok: true,
      url: 'https://acme-corp.enterprise.slack.com/',
      enterprise_id: ORG,
      is_enterprise_install: true,
    });
    expect(test.team_id).toBeUndefined();
  });

  it('serves each workspace of the org with the one token, and no workspace outside it', async () => {
    const client = clientOf(slack, orgToken);
    await client.chat.postMessage({ channel: sales.channels.general, text: 'to sales' });
    await client.chat.postMessage({ channel: support.channels.general, text: 'to support' });
    const posts = slack.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts.map((c) => [c.teamId, c.tokenRef])).toEqual([
      ['T0SALES', `${ORG}:bot:1`],
      ['T0SUPPORT', `${ORG}:bot:1`],
    ]);
    expect(slack.messages(sales.channels.general).map((m) => m.text)).toContain('to sales');
    expect(await slackError(client.chat.postMessage({ channel: lone.channels.general, text: 'x' }))).toBe(
      'channel_not_found',
    );
  });

  it('opens a modal from a command in any workspace of the org, by its trigger_id', async () => {
    const from = recorder.received.length;
    await slack.slashCommand({ userId: sales.users.alice, channelId: sales.channels.general });
    const command = recorder.received[from]?.body ?? {};
    expect(command).toMatchObject({ team_id: 'T0SALES', enterprise_id: ORG, is_enterprise_install: 'true' });
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Hi' }, blocks: [] };
    await clientOf(slack, orgToken).views.open({ trigger_id: String(command.trigger_id), view });
    expect(slack.calls.at(-1)).toMatchObject({ method: 'views.open', ok: true, teamId: 'T0SALES' });
  });

  it('says is_enterprise_install in interactions and events of the org, and not elsewhere', async () => {
    const from = recorder.received.length;
    await slack.globalShortcut({ userId: support.users.carol, callbackId: 'decide' });
    await slack.sendEvent(slack.eventEnvelope({ type: 'app_home_opened' }, { teamId: 'T0SUPPORT' }));
    await slack.slashCommand({ userId: lone.users.alice, channelId: lone.channels.general });
    const [shortcut, event, elsewhere] = recorder.received.slice(from).map((r) => r.body);
    expect(shortcut).toMatchObject({ is_enterprise_install: true, enterprise: { id: ORG } });
    expect(event).toMatchObject({
      team_id: 'T0SUPPORT',
      enterprise_id: ORG,
      authorizations: [{ enterprise_id: ORG, team_id: null, is_enterprise_install: true }],
    });
    expect(elsewhere).toMatchObject({ team_id: 'T0LONE', is_enterprise_install: 'false' });
  });
});
