import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppProcess } from '../../bench/app-process.ts';
import {
  FAKE_SLACK_IDS,
  type FakeSlack,
  startFakeSlack,
  type ViewInputs,
} from '../../src/playground/fake-slack/index.ts';
import { callsSince, renderedText, settle } from '../helpers/app-calls.ts';
import { killChildApp, startChildApp } from '../helpers/child-app.ts';
import { eventually } from '../helpers/eventually.ts';
import { freshPostgresDatabase } from '../helpers/postgres.ts';
import {
  addViewInGeneral,
  ephemeralsOf,
  findRoundMessage,
  openRoundInGeneral,
  pressOnEarlierMessage,
  roundMessageShowing,
} from '../helpers/round-steps.ts';
import { WEB_MVP_ESSENTIALS } from '../helpers/sample-answers.ts';
import { TEST_SIGNING_SECRET } from '../helpers/test-app.ts';

/**
 * Team rounds outlive the app's process: the app as deployed (its own process, on SQLite or PostgreSQL) is
 * killed with SIGKILL, no clean stop, while a round is open; a new process on the same database carries the
 * round on: the views given before count, the count on the round message is right, and a deadline that passed
 * while no process was running closes the round when one starts again, once, without anyone pressing a button.
 */

const { alice: ALICE, bob: BOB, carol: CAROL } = FAKE_SLACK_IDS.users;
const { general: GENERAL } = FAKE_SLACK_IDS.channels;
/** A web MVP by a Python team: Python whatever its latency, so a latency disagreement shows without deciding. */
const WEB_MVP = { ...WEB_MVP_ESSENTIALS, latency: 'interactive' } as ViewInputs;

/** Where the app keeps its rounds, and a way to change a round behind its back while no process runs. */
interface Backend {
  databaseUrl: string;
  /** Sets the deadline of every open round (ISO-8601 UTC text, as the store writes it); how many changed. */
  moveOpenDeadlines(to: Date): Promise<number>;
  drop(): Promise<void>;
}

async function sqliteBackend(): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'rop-round-restart-'));
  const file = join(dir, 'rounds.sqlite');
  return {
    databaseUrl: `sqlite:${file}`,
    async moveOpenDeadlines(to) {
      const db = new Sqlite(file);
      try {
        return db.prepare('update rounds set deadline_at = ? where closed_at is null').run(to.toISOString())
          .changes;
      } finally {
        db.close();
      }
    },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresBackend(): Promise<Backend> {
  const db = await freshPostgresDatabase();
  return {
    databaseUrl: db.url,
    async moveOpenDeadlines(to) {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const result = await client.query('update rounds set deadline_at = $1 where closed_at is null', [
          to.toISOString(),
        ]);
        return result.rowCount ?? 0;
      } finally {
        await client.end();
      }
    },
    drop: () => db.drop(),
  };
}

let app: AppProcess | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await app?.stop(1_000);
  app = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startApp(fake: FakeSlack, backend: Backend): Promise<AppProcess> {
  app = await startChildApp(fake, {
    logLevel: 'info',
    databaseUrl: backend.databaseUrl,
    readyTimeoutMs: 30_000,
  });
  return app;
}

async function kill(running: AppProcess): Promise<void> {
  await killChildApp(running);
  app = undefined;
}

async function setUp(makeBackend: () => Promise<Backend>): Promise<{ fake: FakeSlack; backend: Backend }> {
  const backend = await makeBackend();
  cleanups.push(() => backend.drop());
  const fake = await startFakeSlack({ signingSecret: TEST_SIGNING_SECRET });
  cleanups.push(() => fake.close());
  fake.setChannelPostLimit(null);
  return { fake, backend };
}

const DISAGREEMENTS = 'Where the team disagrees';
/** The last topic of a round's thread. */
const PER_PERSON = 'Each person’s verdict beside the team’s';
/**
 * Quiet for longer than the app's pace for posts to one channel (a burst of 3, then one a second), so that a
 * post still to come, a duplicate included, is not missed.
 */
const QUIET_MS = 2_500;
/** Two app processes started, each wait bounded by 20 s: room for a slow machine, not a speed requirement. */
const TEST_TIMEOUT_MS = 120_000;

/** The thread reply whose title is `title`, as people read it. */
function replyTitled(replies: readonly string[], title: string): string | undefined {
  return replies.find((r) => r.startsWith(`*${title}*`));
}

/** The round message's thread replies, once one titled `title` is among them. */
function threadWith(fake: FakeSlack, title: string): Promise<string[]> {
  return eventually(
    () => {
      const replies = findRoundMessage(fake)?.replies ?? [];
      return replyTitled(replies, title) === undefined ? undefined : replies;
    },
    `the thread reply “${title}”`,
    20_000,
  );
}

describe.each([
  { database: 'SQLite', makeBackend: sqliteBackend },
  { database: 'PostgreSQL', makeBackend: postgresBackend },
])('a team round across the app being killed ($database)', ({ makeBackend }) => {
  it(
    'SIGKILL between views: the new process counts the views given before, takes the next, and the result rests on all three',
    async () => {
      const { fake, backend } = await setUp(makeBackend);
      const first = await startApp(fake, backend);
      const opened = await openRoundInGeneral(fake, ALICE, WEB_MVP, [BOB, CAROL]);
      expect(opened.shown).toMatch(/1 of 3 answered/);
      // Bob's answer differs from Alice's, so the result can show that what he said survived, not only that he spoke.
      await addViewInGeneral(fake, BOB, opened.ts, { latency: 'strict' } as ViewInputs);
      await roundMessageShowing(fake, /2 of 3 answered/, 'the count after Bob’s view');

      await kill(first);
      await startApp(fake, backend);

      await addViewInGeneral(fake, CAROL, opened.ts);
      const beforeClose = await roundMessageShowing(fake, /3 of 3 answered/, 'the count after Carol’s view');
      for (const person of [ALICE, BOB, CAROL]) expect(beforeClose.shown).toContain(`<@${person}>`);
      expect(beforeClose.shown).not.toMatch(/Strict|Interactive/);

      await fake.clickButton({
        userId: ALICE,
        actionId: 'close_round',
        channelId: GENERAL,
        messageTs: opened.ts,
      });
      const result = await roundMessageShowing(
        fake,
        /Decision #1\b/,
        'the round closed into the team verdict',
      );
      expect(result.shown).toMatch(/Team verdict from 3 views/);
      expect(result.text).toMatch(/^Team verdict from 3 views\./);
      const replies = await threadWith(fake, PER_PERSON);
      const perPerson = replyTitled(replies, PER_PERSON);
      for (const person of [ALICE, BOB, CAROL]) expect(perPerson).toContain(`<@${person}>`);
      // Bob's strict latency, saved by the killed process, is one of the three.
      expect(replyTitled(replies, DISAGREEMENTS)).toMatch(/Latency\*?: 2 × Interactive[^\n]*1 × Strict/);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a deadline that passed while no process ran closes the round when one starts: once, without a click',
    async () => {
      const { fake, backend } = await setUp(makeBackend);
      const first = await startApp(fake, backend);
      const opened = await openRoundInGeneral(fake, ALICE, WEB_MVP);
      await addViewInGeneral(fake, BOB, opened.ts, { latency: 'strict' } as ViewInputs);
      // The round message as Alice's client shows it while the app is down, Close round and all.
      const lastSeenOpen = await roundMessageShowing(fake, /2 answered/, 'the count after Bob’s view');

      await kill(first);
      // Time passes while the app is down: the round's day is over (the child process runs on the real clock).
      expect(await backend.moveOpenDeadlines(new Date(Date.now() - 60_000))).toBe(1);
      const mark = fake.calls.length;
      await startApp(fake, backend);

      const result = await roundMessageShowing(fake, /Decision #1\b/, 'the round closed at its deadline');
      expect(result.shown).toMatch(/Team verdict from 2 views/);
      await threadWith(fake, PER_PERSON);
      await settle(fake, QUIET_MS);
      // One result: the round message turned into the verdict once, and one set of thread replies under it.
      const updates = callsSince(fake, mark, 'chat.update').filter((c) => c.ok && c.args.ts === opened.ts);
      expect(updates).toHaveLength(1);
      expect(renderedText(updates[0]?.args.blocks).join('\n')).toMatch(/Team verdict from 2 views/);
      const threadPosts = callsSince(fake, mark, 'chat.postMessage').filter(
        (c) => c.ok && c.args.thread_ts === opened.ts,
      );
      const postedTexts = threadPosts.map((c) => renderedText(c.args.blocks).join('\n'));
      expect(postedTexts.length).toBeGreaterThan(2);
      expect(new Set(postedTexts).size).toBe(postedTexts.length);
      const replies = findRoundMessage(fake)?.replies ?? [];
      for (const title of [DISAGREEMENTS, PER_PERSON]) {
        expect(replies.filter((r) => r.startsWith(`*${title}*`))).toHaveLength(1);
      }

      // Alice presses Close on the message as she last saw it: the round is already closed, nothing changes.
      const beforeClose = fake.calls.length;
      const told = ephemeralsOf(fake, ALICE).length;
      expect(
        await pressOnEarlierMessage(fake, TEST_SIGNING_SECRET, {
          userId: ALICE,
          actionId: 'close_round',
          message: lastSeenOpen,
        }),
      ).toBe(200);
      await eventually(
        () =>
          ephemeralsOf(fake, ALICE)
            .slice(told)
            .find((e) => /already closed/.test(e)),
        'Alice told the round was already closed',
        20_000,
      );
      await settle(fake, QUIET_MS);
      expect(
        callsSince(fake, beforeClose, 'chat.update').filter((c) => c.args.ts === opened.ts),
      ).toHaveLength(0);
      expect(
        callsSince(fake, beforeClose, 'chat.postMessage').filter((c) => c.args.thread_ts === opened.ts),
      ).toHaveLength(0);
    },
    TEST_TIMEOUT_MS,
  );
});
