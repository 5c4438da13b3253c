import { expect } from 'vitest';
import { APP_ENTRY, type AppProcess, httpModeEnv, startAppProcess } from '../../bench/app-process.ts';
import type { FakeSlack } from '../../src/playground/fake-slack/index.ts';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from './test-app.ts';

/**
 * The app as deployed, its own process of src/main.ts in HTTP mode, against `fake` with the test credentials;
 * the fake sends its requests to it from then on.
 */
export async function startChildApp(
  fake: FakeSlack,
  opts: {
    logLevel: 'debug' | 'info' | 'warn' | 'error';
    /** DATABASE_URL; a database in memory unless given. */
    databaseUrl?: string;
    readyTimeoutMs?: number;
  },
): Promise<AppProcess> {
  const app = await startAppProcess({
    entry: APP_ENTRY,
    env: httpModeEnv({
      apiUrl: fake.apiUrl,
      botToken: TEST_BOT_TOKEN,
      signingSecret: TEST_SIGNING_SECRET,
      logLevel: opts.logLevel,
      ...(opts.databaseUrl === undefined ? {} : { databaseUrl: opts.databaseUrl }),
    }),
    ...(opts.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: opts.readyTimeoutMs }),
  });
  fake.setAppUrl(app.eventsUrl);
  return app;
}

/** SIGKILL: no clean stop, nothing flushed or finished by the app. */
export async function killChildApp(app: AppProcess): Promise<void> {
  app.child.kill('SIGKILL');
  expect(await app.exited).toBe('SIGKILL');
}
