import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedactingLogger, createSlackApp, type SlackApp } from '../../src/slack/app.ts';
import { type SocketModeSlack, startSocketModeSlack } from '../helpers/socket-mode-slack.ts';
import { TEST_BOT_TOKEN } from '../helpers/test-app.ts';

const APP_TOKEN = 'xapp-1-A0000000000-1111111111-testAppTokenValue';

describe('Socket Mode', () => {
  let slack: SocketModeSlack;
  let slackApp: SlackApp;
  const logs: string[] = [];

  beforeAll(async () => {
    slack = await startSocketModeSlack();
    slackApp = createSlackApp(
      {
        mode: 'socket',
        botToken: TEST_BOT_TOKEN,
        appToken: APP_TOKEN,
        slackApiUrl: slack.apiUrl,
        logLevel: 'debug',
      },
      { logger: createRedactingLogger('debug', [TEST_BOT_TOKEN, APP_TOKEN], (line) => logs.push(line)) },
    );
  });
  afterAll(async () => {
    await slack?.close();
  });

  it('connects (apps.connections.open with the app token → WebSocket → hello)', async () => {
    await slackApp.start();
    await slack.connected;
    const open = slack.calls.find((c) => c.method === 'apps.connections.open');
    expect(open?.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(slack.calls.find((c) => c.method === 'auth.test')?.authorization).toBe(`Bearer ${TEST_BOT_TOKEN}`);
  });

  it('acks a slash_commands envelope and opens the modal with its trigger_id', async () => {
    const ack = await slack.sendEnvelope('slash_commands', {
      token: 'legacy',
      team_id: 'T_SOCKET',
      user_id: 'U_SOCKET',
      channel_id: 'C_SOCKET',
      command: '/rust-or-python',
      text: 'A socket-mode project',
      trigger_id: '1111.2222.socket',
      response_url: 'http://127.0.0.1:9/response/unused',
      api_app_id: 'A_SOCKET',
    });
    expect(ack).toMatchObject({ envelope_id: 'envelope-1' });
    const deadline = Date.now() + 5_000;
    while (!slack.calls.some((c) => c.method === 'views.open') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const open = slack.calls.find((c) => c.method === 'views.open');
    expect(open?.args.trigger_id).toBe('1111.2222.socket');
    expect(JSON.parse(open?.args.view ?? '{}')).toMatchObject({ callback_id: 'decision_modal' });
  });

  it('stops cleanly: the WebSocket is closed by the app', async () => {
    await slackApp.stop();
    await slack.disconnected;
    for (const line of logs) {
      expect(line).not.toContain(APP_TOKEN);
      expect(line).not.toContain(TEST_BOT_TOKEN);
    }
  });
});
