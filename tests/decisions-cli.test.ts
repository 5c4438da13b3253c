import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answers,
  decisionFileName,
  ENGINE_VERSION,
  type Recommendation,
  recommend,
  renderDecisionRecord,
} from '../src/engine/index.ts';
import { openStore } from '../src/store/index.ts';
import type { DecisionRecord, Store, Workspace } from '../src/store/types.ts';
import { FIRMWARE, HOT_PATH_SERVICE, WEB_MVP_ESSENTIALS } from './helpers/sample-answers.ts';

/** `npm run decisions -- …` as a child process, against the SQLite file at `database` unless env says otherwise. */
function decisions(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/decisions-cli.ts', ...args],
      { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: `sqlite:${database}`, ...env } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** The front matter of a record file, with double-quoted values read as the YAML (JSON) strings they are. */
function frontMatter(text: string): Record<string, string> {
  const lines = text.split('\n');
  const end = lines.indexOf('---', 1);
  expect(lines[0]).toBe('---');
  expect(end).toBeGreaterThan(0);
  return Object.fromEntries(
    lines.slice(1, end).map((line) => {
      const [, key = '', value = ''] = /^([a-z-]+): (.*)$/.exec(line) ?? [];
      expect(key).not.toBe('');
      return [key, value.startsWith('"') ? (JSON.parse(value) as string) : value];
    }),
  );
}

const ALPHA: Workspace = { teamId: 'T0ALPHA' };
const BETA: Workspace = { teamId: 'T0BETA' };
const GENERAL = 'C0GENERAL';
const OTHER = 'C0OTHER';
const ACCEPTED_AT = new Date('2024-03-05T10:00:00Z');

let work: string;
let database: string;
/** The decisions as stored after seeding, by workspace and number. */
const stored = new Map<string, DecisionRecord>();
const key = (teamId: string, number: number) => `${teamId}#${number}`;

function storedRecord(teamId: string, number: number): DecisionRecord {
  const record = stored.get(key(teamId, number));
  if (record === undefined) throw new Error(`${key(teamId, number)} was not seeded`);
  return record;
}

const fileName = (teamId: string, number: number) =>
  decisionFileName(number, storedRecord(teamId, number).recommendation);

async function post(
  store: Store,
  workspace: Workspace,
  channelId: string,
  answers: Answers,
  supersedes?: number,
): Promise<DecisionRecord> {
  const recommendation: Recommendation = recommend(answers);
  const created = await store.createDecision({
    ...workspace,
    channelId,
    requesterId: 'U0ASKER',
    answers,
    recommendation,
    engineVersion: ENGINE_VERSION,
    ...(supersedes === undefined ? {} : { supersedes }),
  });
  return store.markPosted(workspace, created.number, {
    channelId,
    messageTs: `1700000000.00000${created.number}`,
  });
}

/** The files in a folder, sorted, without sub-folders. */
async function filesIn(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'decisions-cli-'));
  database = join(work, 'app.sqlite');
  const store = await openStore({ kind: 'sqlite', path: database });
  try {
    // Alpha #1 accepted, #2 superseded by #3 (Adjust answers), #4 in another channel; Beta #1.
    await post(store, ALPHA, GENERAL, HOT_PATH_SERVICE);
    await store.accept(ALPHA, 1, 'U0ACCEPTER', ACCEPTED_AT);
    await post(store, ALPHA, GENERAL, FIRMWARE);
    await post(store, ALPHA, GENERAL, { ...WEB_MVP_ESSENTIALS }, 2);
    await store.supersede(ALPHA, 2, 3);
    await post(store, ALPHA, OTHER, HOT_PATH_SERVICE);
    await post(store, BETA, 'C0BETA', FIRMWARE);
    for (const record of await store.listAll()) stored.set(key(record.teamId, record.number), record);
  } finally {
    await store.close();
  }
  expect(stored.size).toBe(5);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('npm run decisions -- export', () => {
  it("writes one workspace's decisions as MADR files with their status, links and engine version", async () => {
    const out = join(work, 'alpha');
    const r = await decisions(['export', '--team', ALPHA.teamId, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Wrote 4 decision records of workspace T0ALPHA to ${out}.\n`);
    const names = [1, 2, 3, 4].map((n) => fileName(ALPHA.teamId, n));
    expect(await filesIn(out)).toEqual(names);
    expect(names[2]).toBe('0003-a-web-backend-or-api-built-in-python.md');

    const read = (n: number) => readFile(join(out, fileName(ALPHA.teamId, n)), 'utf8');
    const [first, second, third, fourth] = await Promise.all([1, 2, 3, 4].map(read));
    const day = (n: number) => storedRecord(ALPHA.teamId, n).updatedAt.toISOString().slice(0, 10);

    expect(frontMatter(first ?? '')).toEqual({
      status: 'accepted',
      date: day(1),
      'decision-makers': 'U0ACCEPTER',
      'engine-version': ENGINE_VERSION,
    });
    expect(first).toContain('\n# 1. A web backend or API: a Rust core with Python around it\n');
    expect(first).toContain('\nAccepted by U0ACCEPTER on 2024-03-05\n');

    // Superseded: MADR's "superseded by" links the newer file, and the newer one links back (adr-tools style).
    expect(frontMatter(second ?? '').status).toBe(`superseded by [ADR-0003](${names[2]})`);
    expect(second).toContain(`\nSuperseded by [ADR-0003](${names[2]})\n`);
    expect(frontMatter(third ?? '').status).toBe('proposed');
    expect(third).toContain(`\n# 3. A web backend or API, built in Python\n`);
    expect(third).toContain(`\nSupersedes [ADR-0002](${names[1]})\n`);
    expect(frontMatter(third ?? '').supersedes).toBe(`[ADR-0002](${names[1]})`);
    expect(frontMatter(fourth ?? '').status).toBe('proposed');
    expect(fourth).not.toMatch(/Supersede|Accepted by/);

    // Below the lifecycle lines, each file is the decision record of what was recommended then.
    const body = (text: string) => text.slice(text.indexOf('## Context and Problem Statement'));
    for (const [n, text] of [first, second, third, fourth].entries()) {
      expect(body(text ?? '')).toBe(
        body(renderDecisionRecord(storedRecord(ALPHA.teamId, n + 1).recommendation)),
      );
    }
  });

  it('writes only the decisions posted in a channel with --channel', async () => {
    const other = join(work, 'other');
    const r = await decisions(['export', '--channel', OTHER, '--team', ALPHA.teamId, '--out', other]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Wrote 1 decision record of workspace T0ALPHA in channel C0OTHER to ${other}.\n`);
    expect(await filesIn(other)).toEqual([fileName(ALPHA.teamId, 4)]);

    const general = join(work, 'general');
    expect((await decisions(['export', '--channel', GENERAL, '--out', general])).code).toBe(0);
    expect(await filesIn(general)).toEqual([1, 2, 3].map((n) => fileName(ALPHA.teamId, n)));
  });

  it('gives each workspace a folder of its own when the decisions come from several', async () => {
    const out = join(work, 'all');
    const r = await decisions(['export', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `Wrote 5 decision records to ${out}, one folder per workspace (T0ALPHA: 4, T0BETA: 1).\n`,
    );
    expect(await filesIn(out)).toEqual([]);
    expect(await filesIn(join(out, 'T0ALPHA'))).toEqual([1, 2, 3, 4].map((n) => fileName(ALPHA.teamId, n)));
    expect(await filesIn(join(out, 'T0BETA'))).toEqual(['0001-embedded-or-firmware-work-built-in-rust.md']);
    const beta = await readFile(join(out, 'T0BETA', fileName(BETA.teamId, 1)), 'utf8');
    expect(frontMatter(beta).status).toBe('proposed');
    expect(beta).toContain('\n# 1. Embedded or firmware work, built in Rust\n');
  });
});

describe('npm run decisions -- delete', () => {
  it("deletes a workspace's decisions, and says how many; export then writes nothing for it", async () => {
    const r = await decisions(['delete', '--team', BETA.teamId]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'Deleted workspace T0BETA: 1 decision removed, and its team rounds if it had any.\n',
    );

    const out = join(work, 'beta-after');
    const after = await decisions(['export', '--team', BETA.teamId, '--out', out]);
    expect(after.code).toBe(0);
    expect(after.stdout).toBe(`No stored decisions of workspace T0BETA: nothing written to ${out}.\n`);
    expect(await filesIn(out)).toEqual([]);

    // One workspace left: its files go straight into the folder again; the other workspace is untouched.
    const all = join(work, 'all-after');
    expect((await decisions(['export', '--out', all])).stdout).toBe(`Wrote 4 decision records to ${all}.\n`);
    expect(await filesIn(all)).toHaveLength(4);

    const again = await decisions(['delete', '--team', BETA.teamId]);
    expect(again.stdout).toBe(
      'No decisions were stored for workspace T0BETA; its team rounds, if any, are deleted too.\n',
    );
  });
});

describe('npm run decisions -- when it cannot run', () => {
  const SECRET = 'hunter2-secret';

  it('exits 1 with one line naming DATABASE_URL for a URL it cannot use, never repeating it', async () => {
    for (const url of [
      `mysql://admin:${SECRET}@db.example.com/app`,
      `postgres://admin:${SECRET}@/app`,
      'decisions.sqlite',
    ]) {
      const r = await decisions(['export', '--out', join(work, 'never')], { DATABASE_URL: url });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        /^error: DATABASE_URL is not a database this app can use: it should be sqlite:PATH/,
      );
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toContain(SECRET);
      expect(r.stderr).not.toContain(url);
    }
    expect(existsSync(join(work, 'never'))).toBe(false);
  });

  it('exits 1 with one line saying which database it could not reach and why, without the password', async () => {
    const r = await decisions(['delete', '--team', ALPHA.teamId], {
      DATABASE_URL: `postgresql://admin:${SECRET}@127.0.0.1:1/decisions`,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: Could not reach PostgreSQL at 127\.0\.0\.1:1\/decisions: .*ECONNREFUSED/,
    );
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toContain(SECRET);
    expect(r.stderr).not.toContain('admin');
  });

  it('exits 1 rather than create an empty SQLite database where the app keeps none', async () => {
    const missing = join(work, 'nowhere', 'app.sqlite');
    const r = await decisions(['export', '--out', join(work, 'x')], { DATABASE_URL: `file:${missing}` });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: there is no SQLite database at ${missing}: set DATABASE_URL to the one the app uses\n`,
    );
    expect(existsSync(missing)).toBe(false);
  });

  it('exits 2 with one line naming the bad argument and the usage, touching nothing', async () => {
    const cases: [string[], string][] = [
      [['export', '--out', join(work, 'x'), '--bogus'], "Unknown option '--bogus'"],
      [['export'], 'export needs --out DIR'],
      [['export', '--out'], "Option '--out <value>' argument missing"],
      [['export', '--out', join(work, 'x'), 'extra'], 'unexpected argument "extra"'],
      [['delete'], 'delete needs --team T'],
      [['delete', '--team', ALPHA.teamId, '--out', join(work, 'x')], 'delete does not take --out'],
      [['delete', '--team', ' '], '--team needs a value'],
      [['import', '--out', 'x'], 'unknown command "import"'],
      [[], 'a command is needed'],
    ];
    const results = await Promise.all(cases.map(([args]) => decisions(args)));
    for (const [i, r] of results.entries()) {
      const [args, message] = cases[i] ?? [[], ''];
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`error: ${message}`);
      expect(r.stderr).toContain('; usage: npm run decisions -- export --out DIR');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(existsSync(join(work, 'x'))).toBe(false);
    // Nothing was deleted by the bad delete lines.
    const store = await openStore({ kind: 'sqlite', path: database });
    try {
      expect(await store.listAll({ teamId: ALPHA.teamId })).toHaveLength(4);
    } finally {
      await store.close();
    }
  });

  it('prints the usage for --help and exits 0', async () => {
    const r = await decisions(['export', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run decisions -- export --out DIR \[--channel C\] \[--team T\]/);
    for (const option of ['--out DIR', '--channel C', '--team T', 'delete --team T', 'DATABASE_URL']) {
      expect(r.stdout).toContain(option);
    }
  });
});
