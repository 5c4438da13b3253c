import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY, type AppProcess, startAppProcess } from '../../bench/app-process.ts';
import { createSlackApp, type SlackApp } from '../../src/slack/app.ts';
import {
  type DisconnectReason,
  type SocketModeSlack,
  startSocketModeSlack,
} from '../helpers/socket-mode-slack.ts';
import { TEST_BOT_TOKEN } from '../helpers/test-app.ts';

const APP_TOKEN = 'xapp-1-A0000000000-1111111111-testAppTokenValue';
/** Shaped like the response_url in python-slack-sdk's slash_commands envelope fixture, with our own ids. */
const RESPONSE_URL = 'https://hooks.slack.com/commands/T0SOCKET/1234567890/aBcDeFgHiJkLmNoPqRsTuVwX';
const COMMAND_TEXT = 'Quokka ledger migration for the R&D floor';

function slashCommand(text: string, triggerId: string) {
  return {
    token: 'legacy',
    team_id: 'T_SOCKET',
    user_id: 'U_SOCKET',
    channel_id: 'C_SOCKET',
    command: '/rust-or-python',
    text,
    trigger_id: triggerId,
    response_url: RESPONSE_URL,
    api_app_id: 'A_SOCKET',
  };
}

async function waitForViewsOpen(slack: SocketModeSlack, triggerId: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!slack.calls.some((c) => c.method === 'views.open' && c.args.trigger_id === triggerId)) {
    if (Date.now() > deadline) throw new Error(`no views.open for ${triggerId}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

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
        database: { kind: 'sqlite', path: ':memory:' },
      },
      { writeLog: (line) => logs.push(line) },
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
    const ack = await slack.sendEnvelope('slash_commands', slashCommand(COMMAND_TEXT, '1111.2222.socket'));
    expect(ack).toMatchObject({ envelope_id: 'envelope-1' });
    await waitForViewsOpen(slack, '1111.2222.socket');
    const open = slack.calls.find((c) => c.method === 'views.open');
    expect(JSON.parse(open?.args.view ?? '{}')).toMatchObject({ callback_id: 'decision_modal' });
  });

  it('at LOG_LEVEL=debug, logs what happens without the tokens, the response_url or the command text', () => {
    expect(logs.some((line) => line.startsWith('[DEBUG]'))).toBe(true);
    expect(logs.join('\n')).toMatch(/envelope-1/);
    for (const line of logs) {
      for (const secret of [
        APP_TOKEN,
        TEST_BOT_TOKEN,
        RESPONSE_URL,
        'hooks.slack.com/commands',
        COMMAND_TEXT,
      ]) {
        expect(line).not.toContain(secret);
      }
    }
  });

  it('stops cleanly: the WebSocket is closed by the app', async () => {
    await slackApp.stop();
    await slack.disconnected;
  });
});

/** The app as deployed (`src/main.ts` in its own process), so an unhandled rejection or an exit shows. */
describe('Socket Mode when Slack ends the connection', () => {
  const started: { slack: SocketModeSlack; app: AppProcess }[] = [];
  afterAll(async () => {
    for (const { slack, app } of started) {
      await app.stop(1_000);
      await slack.close();
    }
  });

  async function startApp(): Promise<{ slack: SocketModeSlack; app: AppProcess }> {
    const slack = await startSocketModeSlack();
    const app = await startAppProcess({
      entry: APP_ENTRY,
      env: {
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_APP_TOKEN: APP_TOKEN,
        SLACK_API_URL: slack.apiUrl,
        LOG_LEVEL: 'info',
      },
      readyLine: /connected to Slack over Socket Mode/,
    });
    started.push({ slack, app });
    await slack.connected;
    return { slack, app };
  }

  /** Rejects as soon as the process ends, with what it printed, so an exit fails the test at once. */
  function exitOf(app: AppProcess): Promise<never> {
    return app.exited.then((code) => {
      throw new Error(`the app exited (${code}):\n${app.output()}`);
    });
  }

  it.concurrent.each<DisconnectReason>(['warning', 'refresh_requested'])(
    'disconnect (%s) met by 2 s of 503 from apps.connections.open: the app reconnects and keeps answering',
    async (reason) => {
      const { slack, app } = await startApp();
      slack.failConnectionsOpen(2_000);
      await slack.sendDisconnect(reason);
      await Promise.race([slack.waitForConnection(2, 25_000), exitOf(app)]);

      expect(slack.calls.some((c) => c.method === 'apps.connections.open' && c.status === 503)).toBe(true);
      const ack = await Promise.race([
        slack.sendEnvelope('slash_commands', slashCommand('', `3333.4444.${reason}`)),
        exitOf(app),
      ]);
      expect(ack).toMatchObject({ envelope_id: expect.any(String) });
      await waitForViewsOpen(slack, `3333.4444.${reason}`);
      expect(app.child.exitCode).toBeNull();
    },
  );

  it.concurrent('link_disabled: says Socket Mode was turned off and exits 0 instead of reconnecting', async () => {
    const { slack, app } = await startApp();
    await slack.sendDisconnect('link_disabled');
    // The Socket Mode client would reconnect 5 s after the connection closed.
    const code = await Promise.race([
      app.exited,
      new Promise((resolve) => setTimeout(() => resolve('still running after 7 s'), 7_000)),
    ]);

    expect(code).toBe(0);
    expect(app.output()).toMatch(/Socket Mode was turned off for this app \(link_disabled\)/);
    expect(slack.connectionCount).toBe(1);
    expect(slack.calls.filter((c) => c.method === 'apps.connections.open')).toHaveLength(1);
  });
});
