import {
  type FakeSlack,
  type FakeSlackOptions,
  startFakeSlack,
} from '../../src/playground/fake-slack/index.ts';
import { createSlackApp, type SlackApp } from '../../src/slack/app.ts';
import type { DatabaseLocation } from '../../src/store/types.ts';

/** Credentials shaped like real ones, so the redaction checks in the tests mean something. */
export const TEST_BOT_TOKEN = 'xoxb-0000000000-1111111111-testBotTokenValue';
export const TEST_SIGNING_SECRET = '8f742231b10e8888abcd99e11f2c85a5';

export interface TestApp {
  fakeSlack: FakeSlack;
  slackApp: SlackApp;
  /** http://127.0.0.1:PORT of the app (POST /slack/events, GET /healthz). */
  appUrl: string;
  /** Every line the app logged, already redacted, as it would reach stderr. */
  logs: string[];
  close(): Promise<void>;
}

export interface StartTestAppOptions {
  fakeSlackOptions?: Partial<Omit<FakeSlackOptions, 'signingSecret'>>;
  /** Per-request Web API timeout; short by default so a hang test does not take 10 s. */
  webApiTimeoutMs?: number;
  /**
   * Slack's per-channel post rate in the fake and the app's own pace: off by default, so tests about
   * something else are not slowed to a post a second; on for the tests about the rate itself.
   */
  slackPostRate?: boolean;
  /** Where the app keeps decisions: a database of its own in memory by default. */
  database?: DatabaseLocation;
  /** Another instance's fake Slack: this app joins the same workspace (the fake keeps sending to the first). */
  sharedFakeSlack?: FakeSlack;
  /** The app's clock (round deadlines) and how often its round clock runs. */
  clock?: () => Date;
  roundClockMs?: number;
}

/**
 * The fake Slack plus the real app in HTTP mode on a free port, pointed at each other: requests are signed
 * and sent by the fake's dispatcher, Web API calls land in the fake.
 */
export async function startTestApp(options: StartTestAppOptions = {}): Promise<TestApp> {
  const shared = options.sharedFakeSlack;
  const fakeSlack =
    shared ?? (await startFakeSlack({ ...options.fakeSlackOptions, signingSecret: TEST_SIGNING_SECRET }));
  const closeFake = async () => {
    if (shared === undefined) await fakeSlack.close();
  };
  const rated = options.slackPostRate ?? false;
  if (!rated) fakeSlack.setChannelPostLimit(null);
  const logs: string[] = [];
  const slackApp = createSlackApp(
    {
      mode: 'http',
      botToken: TEST_BOT_TOKEN,
      signingSecret: TEST_SIGNING_SECRET,
      port: 0,
      slackApiUrl: fakeSlack.apiUrl,
      logLevel: 'debug',
      database: options.database ?? { kind: 'sqlite', path: ':memory:' },
    },
    {
      host: '127.0.0.1',
      // The production logger, redaction included, writing into the test's log.
      writeLog: (line) => logs.push(line),
      webApiTimeoutMs: options.webApiTimeoutMs ?? 1_000,
      // Same shape as production (2 retries), shorter waits so the suite stays quick.
      webApiRetryConfig: { retries: 2, factor: 2, minTimeout: 50, maxTimeout: 100, randomize: false },
      ...(rated ? {} : { deliveryPolicy: { channelPace: null } }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.roundClockMs === undefined ? {} : { roundClockMs: options.roundClockMs }),
    },
  );
  try {
    const { port } = await slackApp.start();
    const appUrl = `http://127.0.0.1:${port}`;
    // A second instance on a shared fake runs beside the first, which keeps receiving Slack's requests.
    if (shared === undefined) fakeSlack.setAppUrl(`${appUrl}/slack/events`);
    return {
      fakeSlack,
      slackApp,
      appUrl,
      logs,
      async close() {
        await slackApp.stop();
        await closeFake();
      },
    };
  } catch (error) {
    await closeFake();
    throw error;
  }
}
