import { request } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { APP_ENTRY, type AppProcess, startAppProcess } from '../../bench/app-process.ts';
import {
  type ApiCall,
  FAKE_SLACK_IDS,
  type FakeSlack,
  signSlackRequest,
  startFakeSlack,
} from '../../src/playground/fake-slack/index.ts';
import { startChildApp } from '../helpers/child-app.ts';
import { WEB_MVP_ESSENTIALS } from '../helpers/sample-answers.ts';
import { startSocketModeSlack } from '../helpers/socket-mode-slack.ts';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/test-app.ts';

/**
 * The app as deployed: its own process (`node --import tsx src/main.ts`), stopped by SIGTERM the way a
 * container runtime or systemd stops it. Work in flight must finish, and the process must exit 0 in 5 s.
 */

const { alice: ALICE, bob: BOB } = FAKE_SLACK_IDS.users;
const { general: GENERAL } = FAKE_SLACK_IDS.channels;
const EXIT_DEADLINE_MS = 5_000;
/** Bolt's HTTPReceiver default (`bodyLimit`); the app does not change it. */
const BOLT_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

let fakeSlack: FakeSlack | undefined;
let app: AppProcess | undefined;
afterEach(async () => {
  await app?.stop(1_000);
  app = undefined;
});
afterAll(async () => {
  await fakeSlack?.close();
});

async function startHttpApp(): Promise<{ fake: FakeSlack; app: AppProcess }> {
  fakeSlack ??= await startFakeSlack({ signingSecret: TEST_SIGNING_SECRET });
  app = await startChildApp(fakeSlack, { logLevel: 'info' });
  return { fake: fakeSlack, app };
}

/** Sends SIGTERM and resolves with the exit code and how long the process took to go. */
async function terminate(target: AppProcess): Promise<{ code: number | string; ms: number }> {
  const started = performance.now();
  target.child.kill('SIGTERM');
  const timer = setTimeout(() => target.child.kill('SIGKILL'), EXIT_DEADLINE_MS + 2_000);
  const code = await target.exited;
  clearTimeout(timer);
  return { code, ms: performance.now() - started };
}

describe('HTTP mode', () => {
  it('a body over the receiver limit gets 413, and the app carries on', async () => {
    const { app } = await startHttpApp();
    const body = `payload=${'x'.repeat(BOLT_BODY_LIMIT_BYTES)}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(app.eventsUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signSlackRequest(TEST_SIGNING_SECRET, body, timestamp),
      },
      body,
    });
    expect(response.status).toBe(413);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('SIGTERM mid-request: the command still gets its 200 and its modal, then the process exits 0 within 5 s', async () => {
    const { fake, app } = await startHttpApp();
    const signed = fake.prepareSlashCommand({ userId: BOB, channelId: GENERAL });
    const triggerId = new URLSearchParams(signed.body).get('trigger_id');
    const half = Math.floor(signed.body.length / 2);

    // Half the body is on the wire when the signal arrives; the rest follows after it.
    const answered = new Promise<number>((resolve, reject) => {
      const req = request(
        app.eventsUrl,
        {
          method: 'POST',
          headers: { ...signed.headers, 'content-length': String(Buffer.byteLength(signed.body)) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.write(signed.body.slice(0, half));
      setTimeout(() => req.end(signed.body.slice(half)), 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const exit = terminate(app);

    expect(await answered).toBe(200);
    const { code, ms } = await exit;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(EXIT_DEADLINE_MS);
    expect(fake.calls.some((c) => c.method === 'views.open' && c.ok && c.args.trigger_id === triggerId)).toBe(
      true,
    );
    expect(app.output()).toMatch(/SIGTERM received/);
  });

  it('SIGTERM while a verdict waits out a 429: the verdict and its thread are posted, then it exits 0 within 5 s', async () => {
    const { fake, app } = await startHttpApp();
    const since = Date.now();
    await fake.slashCommand({ userId: ALICE, channelId: GENERAL });
    await fake.waitFor((c) => c.method === 'views.open' && c.ok && c.at >= since, 5_000);
    await fake.submitView({
      userId: ALICE,
      inputs: WEB_MVP_ESSENTIALS,
    });
    fake.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const submitted = Date.now();
    const submission = await fake.submitView({ userId: ALICE });
    expect(submission.status).toBe(200);
    // The verdict is now waiting out Retry-After inside the app.
    await fake.waitFor((c) => c.method === 'chat.postMessage' && c.status === 429 && c.at >= submitted);
    const { code, ms } = await terminate(app);

    expect(code).toBe(0);
    expect(ms).toBeLessThan(EXIT_DEADLINE_MS);
    const isVerdict = (c: ApiCall) =>
      c.method === 'chat.postMessage' && c.ok && c.at >= submitted && c.args.thread_ts === undefined;
    const verdict = fake.calls.find(isVerdict);
    expect(verdict, 'the verdict was posted before the process exited').toBeDefined();
    const ts = (verdict?.response as { ts?: string } | undefined)?.ts;
    const replies = fake.messages(GENERAL).find((m) => m.ts === ts)?.replies ?? [];
    expect(replies.length).toBeGreaterThan(0);
  });
});

describe('Socket Mode', () => {
  it('SIGTERM closes the WebSocket and the process exits 0 within 5 s', async () => {
    const slack = await startSocketModeSlack();
    try {
      app = await startAppProcess({
        entry: APP_ENTRY,
        env: {
          DATABASE_URL: 'sqlite::memory:',
          SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
          SLACK_APP_TOKEN: 'xapp-1-A0000000000-0000000000000-testAppTokenValue',
          SLACK_API_URL: slack.apiUrl,
          LOG_LEVEL: 'info',
        },
        readyLine: /connected to Slack over Socket Mode/,
      });
      await slack.connected;
      const target = app;
      const { code, ms } = await terminate(target);
      await slack.disconnected;
      expect(code).toBe(0);
      expect(ms).toBeLessThan(EXIT_DEADLINE_MS);
    } finally {
      await slack.close();
    }
  });
});
