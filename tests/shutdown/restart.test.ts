import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { APP_ENTRY, type AppProcess, REPO_ROOT } from '../../bench/app-process.ts';
import { FAKE_SLACK_IDS, type FakeSlack, startFakeSlack } from '../../src/playground/fake-slack/index.ts';
import { isVerdictPost, renderedText, waitForCall } from '../helpers/app-calls.ts';
import { killChildApp, startChildApp } from '../helpers/child-app.ts';
import { WEB_MVP_ESSENTIALS } from '../helpers/sample-answers.ts';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/test-app.ts';

/**
 * Decisions outlive the process: the app as deployed (its own process, DATABASE_URL=sqlite:FILE) is killed
 * with SIGKILL, no clean stop, right after a decision was accepted; a new process on the same file still
 * knows it, and keeps counting from where the first one stopped.
 */

const { alice: ALICE, bob: BOB } = FAKE_SLACK_IDS.users;
const { general: GENERAL } = FAKE_SLACK_IDS.channels;

const dir = mkdtempSync(join(tmpdir(), 'rop-restart-'));
const databaseUrl = `sqlite:${join(dir, 'decisions.sqlite')}`;
let fakeSlack: FakeSlack | undefined;
let app: AppProcess | undefined;

afterEach(async () => {
  await app?.stop(1_000);
  app = undefined;
});
afterAll(async () => {
  await fakeSlack?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function startApp(fake: FakeSlack): Promise<AppProcess> {
  app = await startChildApp(fake, { logLevel: 'info', databaseUrl });
  return app;
}

/** Command, both pages, and the verdict as the channel shows it once the app has recorded where it is. */
async function decide(fake: FakeSlack, user: string): Promise<{ ts: string; shown: string }> {
  const mark = fake.calls.length;
  await fake.slashCommand({ userId: user, channelId: GENERAL });
  await waitForCall(fake, mark, (c) => c.method === 'views.open' && c.ok);
  await fake.submitView({ userId: user, inputs: WEB_MVP_ESSENTIALS });
  await fake.submitView({ userId: user });
  const verdict = await waitForCall(fake, mark, isVerdictPost(GENERAL));
  const ts = (verdict.response as { ts?: string } | undefined)?.ts ?? '';
  // Stored with its message right after the post (the permalink is asked for first).
  await waitForCall(fake, mark, (c) => c.method === 'chat.getPermalink' && c.args.message_ts === ts);
  const message = fake.messages(GENERAL).find((m) => m.ts === ts);
  return { ts, shown: renderedText(message?.blocks ?? []).join('\n') };
}

describe('a decision survives the app being killed', () => {
  it('post → accept → SIGKILL → a new process: history shows #1 accepted, and the next verdict is #2', async () => {
    const fake = await startFakeSlack({ signingSecret: TEST_SIGNING_SECRET });
    fakeSlack = fake;
    fake.setChannelPostLimit(null);

    const first = await startApp(fake);
    const one = await decide(fake, ALICE);
    expect(one.shown).toMatch(/Decision #1\b/);
    const mark = fake.calls.length;
    await fake.clickButton({
      userId: BOB,
      actionId: 'accept_decision',
      channelId: GENERAL,
      messageTs: one.ts,
    });
    // Saved first, then shown: once the message says it, the acceptance is committed.
    const update = await waitForCall(fake, mark, (c) => c.method === 'chat.update' && c.ok);
    expect(renderedText(update.args.blocks).join('\n')).toContain(`Accepted by <@${BOB}>`);

    await killChildApp(first);
    app = undefined;

    await startApp(fake);
    const result = await fake.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'history' });
    expect(result).toMatchObject({ status: 200, body: { response_type: 'ephemeral' } });
    const lines = renderedText((result.body as { blocks?: unknown[] }).blocks ?? []).flatMap((t) =>
      t.split('\n'),
    );
    const listed = lines.filter((l) => /^\*#\d+\*/.test(l));
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatch(/^\*#1\* · /);
    expect(listed[0]).toContain(`Accepted by <@${BOB}>`);
    expect(listed[0]).toContain(`asked by <@${ALICE}>`);

    const two = await decide(fake, BOB);
    expect(two.shown).toMatch(/Decision #2\b/);
    expect(two.shown).not.toMatch(/Decision #1\b/);
  });
});

describe('a database the app cannot use at start', () => {
  /** Runs the app's entry with `env` (nothing inherited but PATH) and returns how it ended. */
  function runApp(env: Record<string, string>): { status: number | null; stderr: string } {
    const result = spawnSync(process.execPath, ['--import', 'tsx', APP_ENTRY], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });
    return { status: result.status, stderr: result.stderr };
  }

  it('an unreachable PostgreSQL: exit 1, one line naming the host and why, never the password', () => {
    const { status, stderr } = runApp({
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      PORT: '0',
      DATABASE_URL: 'postgres://app:n0t-for-logs@127.0.0.1:1/decisions',
    });
    expect(status).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /could not start: Could not reach PostgreSQL at 127\.0\.0\.1:1\/decisions: .*ECONNREFUSED/,
    );
    expect(stderr).not.toContain('n0t-for-logs');
  });

  it('a DATABASE_URL of another kind: exit 1 naming DATABASE_URL and the accepted forms', () => {
    const { status, stderr } = runApp({ DATABASE_URL: 'mysql://root:n0t-for-logs@db/x' });
    expect(status).toBe(1);
    expect(stderr).toMatch(/DATABASE_URL should be sqlite:PATH or file:PATH .*postgres:\/\//);
    expect(stderr).not.toContain('n0t-for-logs');
  });
});
