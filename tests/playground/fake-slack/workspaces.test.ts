import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FAKE_SLACK_IDS,
  type FakeSlack,
  startFakeSlack,
  type WorkspaceIds,
} from '../../../src/playground/fake-slack/index.ts';
import { type RecordingApp, startRecordingApp } from './recording-app.ts';
import { clientOf, slackError } from './web-client.ts';

const SECRET = 'workspaces-test-signing-secret';

let slack: FakeSlack;
let app: RecordingApp;
let second: WorkspaceIds;
let grid: WorkspaceIds<'dana' | 'eli'>;

const client = (token: string) => clientOf(slack, token);

beforeAll(async () => {
  app = await startRecordingApp(SECRET);
  slack = await startFakeSlack({ signingSecret: SECRET, appUrl: app.url });
  second = slack.addWorkspace({ teamId: 'T0SECOND', name: 'Second Team' });
  grid = slack.addWorkspace({
    teamId: 'T0GRID',
    name: 'Grid Branch',
    domain: 'grid-branch',
    enterpriseId: 'E0ORG',
    enterpriseName: 'Org Inc',
    people: ['dana', 'eli'],
  });
});

afterAll(async () => {
  await slack.close();
  await app.close();
});

beforeEach(() => {
  app.received.length = 0;
});

describe('several workspaces in one fake', () => {
  it('gives an added workspace its own people, channels, app DMs and bot, none shared with the seeded one', () => {
    expect(second).toEqual({
      team: 'T0SECOND',
      botUserId: 'U0SECONDBOT',
      botId: 'B0SECONDBOT',
      appId: FAKE_SLACK_IDS.appId,
      users: { alice: 'U0SECONDALICE', bob: 'U0SECONDBOB', carol: 'U0SECONDCAROL' },
      appDms: { alice: 'D0SECONDALICE', bob: 'D0SECONDBOB', carol: 'D0SECONDCAROL' },
      channels: { general: 'C0SECONDGENERAL', random: 'C0SECONDRANDOM' },
    });
    const seen = slack.snapshot(second.users.alice);
    expect(seen.team).toMatchObject({ id: 'T0SECOND', name: 'Second Team' });
    expect(seen.bot.userId).toBe(second.botUserId);
    expect(seen.channels.map((c) => [c.id, c.name, c.botIsMember])).toEqual([
      [second.channels.general, 'general', true],
      [second.channels.random, 'random', false],
      [second.appDms.alice, 'alice', true],
    ]);
    // The seeded workspace is as it was: its alice sees none of the second team's channels.
    const home = slack.snapshot(FAKE_SLACK_IDS.users.alice);
    expect(home.team.id).toBe(FAKE_SLACK_IDS.team);
    expect(home.channels.map((c) => c.id)).not.toContain(second.channels.general);
    expect(grid.users).toEqual({ dana: 'U0GRIDDANA', eli: 'U0GRIDELI' });
  });

  it('refuses a team id in use, a malformed one, and one whose ids would collide with another workspace', () => {
    expect(() => slack.addWorkspace({ teamId: 'T0SECOND', name: 'Again' })).toThrow(/already exists/);
    expect(() => slack.addWorkspace({ teamId: 'team-3', name: 'Bad' })).toThrow(/not a team id/);
    // T0 would give alice U0ALICE, the seeded workspace's alice.
    expect(() => slack.addWorkspace({ teamId: 'T0', name: 'Clash' })).toThrow(/U0ALICE/);
  });

  it('sends a slash command from an added workspace with that workspace’s ids and the same app', async () => {
    const result = await slack.slashCommand({
      userId: second.users.bob,
      channelId: second.channels.general,
      text: 'hi',
    });
    expect(result).toMatchObject({ outcome: 'answered', status: 200 });
    expect(app.received[0]?.body).toMatchObject({
      team_id: 'T0SECOND',
      team_domain: 'second-team',
      channel_id: second.channels.general,
      channel_name: 'general',
      user_id: second.users.bob,
      user_name: 'bob',
      api_app_id: FAKE_SLACK_IDS.appId,
      is_enterprise_install: 'false',
    });
    expect(app.received[0]?.body).not.toHaveProperty('enterprise_id');
  });

  it('carries an Enterprise Grid workspace’s org in commands, interactions and events', async () => {
    await slack.slashCommand({ userId: grid.users.dana, channelId: grid.channels.general });
    await slack.globalShortcut({ userId: grid.users.eli, callbackId: 'rust_or_python' });
    await slack.openHome(grid.users.dana);
    const [command, shortcut, event] = app.received.map((r) => r.body);
    expect(command).toMatchObject({ team_id: 'T0GRID', enterprise_id: 'E0ORG', enterprise_name: 'Org Inc' });
    expect(shortcut).toMatchObject({
      team: { id: 'T0GRID', domain: 'grid-branch', enterprise_id: 'E0ORG', enterprise_name: 'Org Inc' },
      enterprise: { id: 'E0ORG', name: 'Org Inc' },
      user: { id: grid.users.eli, team_id: 'T0GRID' },
      is_enterprise_install: false,
    });
    expect(event).toMatchObject({
      team_id: 'T0GRID',
      enterprise_id: 'E0ORG',
      api_app_id: FAKE_SLACK_IDS.appId,
      event: { type: 'app_home_opened', user: grid.users.dana, channel: grid.appDms.dana },
      authorizations: [{ enterprise_id: 'E0ORG', team_id: 'T0GRID', user_id: grid.botUserId, is_bot: true }],
    });
  });

  it('keeps sending the seeded workspace’s payloads by default, and teamId picks a workspace', async () => {
    await slack.globalShortcut({ userId: FAKE_SLACK_IDS.users.carol, callbackId: 'rust_or_python' });
    expect(app.received[0]?.body).toMatchObject({
      team: { id: FAKE_SLACK_IDS.team, domain: 'playground' },
      enterprise: null,
      user: { id: FAKE_SLACK_IDS.users.carol, team_id: FAKE_SLACK_IDS.team },
    });
    await slack.globalShortcut({
      userId: second.users.carol,
      callbackId: 'rust_or_python',
      teamId: 'T0SECOND',
    });
    expect(app.received[1]?.body).toMatchObject({ team: { id: 'T0SECOND' } });
    // A person acts only in a workspace they are in.
    await expect(
      slack.slashCommand({
        userId: FAKE_SLACK_IDS.users.alice,
        channelId: second.channels.general,
        teamId: 'T0SECOND',
      }),
    ).rejects.toThrow(/user_not_found/);
    expect(() => slack.issueTriggerId(second.users.alice, { teamId: 'T9NOWHERE' })).toThrow(/no workspace/);
  });

  it('redelivers an event as Slack retries it: same envelope, retry headers', async () => {
    const envelope = slack.eventEnvelope(
      { type: 'app_home_opened', user: second.users.alice, channel: second.appDms.alice, tab: 'home' },
      { teamId: 'T0SECOND' },
    );
    expect(await slack.sendEvent(envelope)).toMatchObject({ outcome: 'answered', status: 200 });
    expect(await slack.sendEvent(envelope, { retryNum: 1 })).toMatchObject({ status: 200 });
    expect(await slack.sendEvent(envelope, { retryNum: 2, retryReason: 'http_error' })).toMatchObject({
      status: 200,
    });
    const [first, retry, again] = app.received;
    expect(first?.headers).not.toHaveProperty('x-slack-retry-num');
    expect(retry?.headers).toMatchObject({
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(again?.headers).toMatchObject({ 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' });
    expect(new Set(app.received.map((r) => r.body.event_id))).toEqual(new Set([envelope.event_id]));
    expect(() => slack.sendEvent(envelope, { retryNum: 4 })).toThrow(/1 to 3/);
  });
});

describe('tokens per installation', () => {
  it('serves each workspace’s Web API calls from the workspace whose token it is, and logs which', async () => {
    const { botToken: secondToken } = slack.install('T0SECOND');
    const { botToken: gridToken } = slack.install('T0GRID');
    expect(secondToken).toMatch(/^xoxb-\d+-\d+-\w+/);
    expect(gridToken).not.toBe(secondToken);

    expect(await client(secondToken).auth.test()).toMatchObject({
      team_id: 'T0SECOND',
      team: 'Second Team',
      url: 'https://second-team.slack.com/',
      user_id: second.botUserId,
      bot_id: second.botId,
      is_enterprise_install: false,
    });
    expect(await client(gridToken).auth.test()).toMatchObject({ team_id: 'T0GRID', enterprise_id: 'E0ORG' });

    const from = slack.calls.length;
    await client(secondToken).chat.postMessage({ channel: second.channels.general, text: 'from second' });
    await client(gridToken).chat.postMessage({ channel: grid.channels.general, text: 'from grid' });
    expect(slack.messages(second.channels.general).map((m) => [m.user, m.text])).toEqual([
      [second.botUserId, 'from second'],
    ]);
    expect(slack.messages(grid.channels.general).map((m) => m.text)).toEqual(['from grid']);
    expect(slack.calls.slice(from).map((c) => [c.teamId, c.tokenRef])).toEqual([
      ['T0SECOND', 'T0SECOND:bot:1'],
      ['T0GRID', 'T0GRID:bot:1'],
    ]);
    expect(JSON.stringify(slack.calls)).not.toContain(secondToken);

    // A workspace's token does not reach another workspace's channels or trigger_ids.
    expect(
      await slackError(client(secondToken).chat.postMessage({ channel: grid.channels.general, text: 'x' })),
    ).toBe('channel_not_found');
    const trigger = slack.issueTriggerId(grid.users.dana);
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Hi' }, blocks: [] };
    expect(await slackError(client(secondToken).views.open({ trigger_id: trigger, view }))).toBe(
      'invalid_trigger_id',
    );
  });

  it('once it has issued a token, answers invalid_auth for a token it never issued', async () => {
    expect(await slackError(client('xoxb-never-issued-by-this-fake').auth.test())).toBe('invalid_auth');
    expect(slack.calls.at(-1)).toMatchObject({ method: 'auth.test', ok: false, error: 'invalid_auth' });
    expect(slack.calls.at(-1)).not.toHaveProperty('teamId');
  });
});

describe('the seeded workspace’s tokens (strictTokens)', () => {
  it('by default, lets any xoxb token speak for the seeded workspace until the first token is issued', async () => {
    const fresh = await startFakeSlack({ signingSecret: SECRET });
    try {
      const any = clientOf(fresh, 'xoxb-pasted-into-env');
      expect(await any.auth.test()).toMatchObject({
        team_id: FAKE_SLACK_IDS.team,
        user_id: FAKE_SLACK_IDS.botUserId,
      });
      expect(fresh.calls.at(-1)).toMatchObject({ teamId: FAKE_SLACK_IDS.team, tokenRef: 'unregistered' });
      fresh.addWorkspace({ teamId: 'T0OTHER', name: 'Other' });
      fresh.install('T0OTHER');
      expect(await slackError(any.auth.test())).toBe('invalid_auth');
    } finally {
      await fresh.close();
    }
  });

  it('with strictTokens false, keeps doing so; with true, never does', async () => {
    const lenient = await startFakeSlack({ signingSecret: SECRET, strictTokens: false });
    const strict = await startFakeSlack({ signingSecret: SECRET, strictTokens: true });
    try {
      lenient.install();
      const onLenient = clientOf(lenient, 'xoxb-any');
      expect(await onLenient.auth.test()).toMatchObject({ team_id: FAKE_SLACK_IDS.team });
      const onStrict = clientOf(strict, 'xoxb-any');
      expect(await slackError(onStrict.auth.test())).toBe('invalid_auth');
      const { botToken } = strict.install(FAKE_SLACK_IDS.team, { token: 'xoxb-0000-1111-registered' });
      const registered = clientOf(strict, botToken);
      expect(await registered.auth.test()).toMatchObject({ team_id: FAKE_SLACK_IDS.team });
      expect(() => strict.install(FAKE_SLACK_IDS.team, { token: botToken })).toThrow(/already issued/);
    } finally {
      await lenient.close();
      await strict.close();
    }
  });
});
