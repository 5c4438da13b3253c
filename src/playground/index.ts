import { randomBytes } from 'node:crypto';
import type { LogLevelName } from '../config.ts';
import { createSlackApp, type SlackApp } from '../slack/app.ts';
import type { DatabaseLocation } from '../store/types.ts';
import { FAKE_SLACK_IDS, type FakeSlack, startFakeSlack } from './fake-slack/index.ts';
import { type PlaygroundServer, startPlaygroundServer } from './server.ts';

/** Whom the playground page acts as until it is switched to another of the fake workspace's people. */
export const PLAYGROUND_USER_ID = FAKE_SLACK_IDS.users.alice;

export interface PlaygroundOptions {
  /** Port for the page; 0 picks a free one. */
  port: number;
  logLevel: LogLevelName;
  /** Where the playground keeps its decisions (DATABASE_URL; a file under data/ by default, so they last). */
  database: DatabaseLocation;
}

export interface Playground {
  /** The page's address, e.g. http://127.0.0.1:3000/ */
  url: string;
  /** The fake Slack behind the page (tests post through its Web API and read its state). */
  fake: FakeSlack;
  close(): Promise<void>;
}

/**
 * Starts the fake Slack, the unchanged app in HTTP mode pointed at it, and the page.
 *
 * The app runs in this process rather than as a child: one process to start and stop (Ctrl-C ends
 * everything, tests close it in afterAll), no port hand-over between processes, and still nothing shared
 * but HTTP: the app only ever sees the fake's Web API and signed requests on /slack/events, as in Slack.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  // A fresh secret per run: only this fake can sign requests this app instance accepts.
  const signingSecret = randomBytes(16).toString('hex');
  const cleanups: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const fake = await startFakeSlack({ signingSecret });
    cleanups.push(() => fake.close());

    const slack: SlackApp = createSlackApp(
      {
        mode: 'http',
        botToken: `xoxb-playground-${randomBytes(8).toString('hex')}`,
        signingSecret,
        port: 0,
        slackApiUrl: fake.apiUrl,
        logLevel: options.logLevel,
        database: options.database,
      },
      { host: '127.0.0.1' },
    );
    const { port: appPort } = await slack.start();
    cleanups.push(() => slack.stop());
    fake.setAppUrl(`http://127.0.0.1:${appPort}/slack/events`);

    const server: PlaygroundServer = await startPlaygroundServer({
      fake,
      userId: PLAYGROUND_USER_ID,
      port: options.port,
    });
    cleanups.push(() => server.close());
    return { url: server.url, fake, close };
  } catch (error) {
    await close();
    throw error;
  }
}
