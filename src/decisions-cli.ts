import 'dotenv/config';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SQLITE_PATH, parseDatabaseUrl } from './config.ts';
import { decisionFileName, renderDecisionRecord } from './engine/index.ts';
import { openStore, StoreOpenError } from './store/index.ts';
import { recordMetaOf } from './store/record-meta.ts';
import type { Store } from './store/types.ts';

/**
 * `npm run decisions -- export|delete`: the stored decisions as MADR files, or a workspace's data removed.
 * The database is the app's: DATABASE_URL (from the environment or .env), as `npm start` reads it.
 */

const USAGE =
  'usage: npm run decisions -- export --out DIR [--channel C] [--team T] | delete --team T | --help';

function help(): string {
  return [
    USAGE,
    '',
    'Works on the decisions the app has stored, in the database DATABASE_URL names (from the environment or',
    `.env; unset, SQLite in ${DEFAULT_SQLITE_PATH} under the working directory).`,
    '',
    'Commands:',
    '  export --out DIR   writes every stored decision as an architecture decision record (MADR), one file',
    '                     each, NNNN-title.md, with its status and supersede links in the front matter;',
    '                     creates DIR. Numbers are counted per workspace, so when the decisions come from',
    '                     more than one workspace, each gets a folder of its own: DIR/TEAM_ID/.',
    '    --channel C      only the decisions posted in channel C (a channel id, such as C0123ABCD)',
    '    --team T         only the decisions of workspace T (a team id, such as T0123ABCD)',
    '  delete --team T    deletes everything stored for workspace T, and says how many decisions went',
    '  -h, --help         prints this help',
    '',
    'Exit status: 0 done; 1 the database could not be opened (or a file not written), said in one line;',
    '2 bad arguments, said in one line.',
    '',
  ].join('\n');
}

/** Bad arguments: one line naming what is wrong, and the usage; exit status 2. */
class UsageError extends Error {}

/** Anything else that stops the command: one line; exit status 1. */
class CommandError extends Error {}

type Command =
  | { readonly name: 'export'; readonly out: string; readonly channel?: string; readonly team?: string }
  | { readonly name: 'delete'; readonly team: string };

const OPTIONS = {
  out: { type: 'string' },
  channel: { type: 'string' },
  team: { type: 'string' },
} as const;

/** Which options each command takes; any other is a bad argument. */
const ALLOWED: Readonly<Record<Command['name'], readonly (keyof typeof OPTIONS)[]>> = {
  export: ['out', 'channel', 'team'],
  delete: ['team'],
};

function parseCommand(argv: readonly string[]): Command {
  let parsed: { values: Partial<Record<keyof typeof OPTIONS, string>>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    // Node's first sentence names the argument ("Unknown option '--outt'"); the rest is advice about "--".
    throw new UsageError((error instanceof Error ? error.message : String(error)).split('. ')[0] ?? '');
  }
  const { values, positionals } = parsed;
  const [name, ...extra] = positionals;
  if (name === undefined) throw new UsageError('a command is needed: export or delete');
  if (name !== 'export' && name !== 'delete') {
    throw new UsageError(`unknown command ${JSON.stringify(name)}: export or delete`);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  for (const [option, value] of Object.entries(values)) {
    if (!ALLOWED[name].includes(option as keyof typeof OPTIONS)) {
      throw new UsageError(`${name} does not take --${option}`);
    }
    if (value === undefined || value.trim() === '') throw new UsageError(`--${option} needs a value`);
  }
  if (name === 'delete') {
    if (values.team === undefined) throw new UsageError('delete needs --team T (the workspace to delete)');
    return { name, team: values.team.trim() };
  }
  if (values.out === undefined) throw new UsageError('export needs --out DIR (where to write the files)');
  return {
    name,
    out: values.out,
    ...(values.channel === undefined ? {} : { channel: values.channel.trim() }),
    ...(values.team === undefined ? {} : { team: values.team.trim() }),
  };
}

/** A line without its line breaks: every message here is one line. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function messageOf(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error));
}

async function openDatabase(env: NodeJS.ProcessEnv, cwd: string): Promise<Store> {
  const location = parseDatabaseUrl(env.DATABASE_URL, cwd);
  if (location === undefined) {
    // The value itself is never repeated: a PostgreSQL URL carries a password.
    throw new CommandError(
      `DATABASE_URL is not a database this app can use: it should be sqlite:PATH or file:PATH (SQLite), or postgres://USER:PASSWORD@HOST:PORT/DATABASE (PostgreSQL); unset, it is SQLite in ${DEFAULT_SQLITE_PATH}`,
    );
  }
  // Reading or deleting must not create an empty database where the app's was expected.
  if (location.kind === 'sqlite' && location.path !== ':memory:' && !existsSync(location.path)) {
    throw new CommandError(
      `there is no SQLite database at ${location.path}: set DATABASE_URL to the one the app uses`,
    );
  }
  try {
    return await openStore(location);
  } catch (error) {
    if (error instanceof StoreOpenError) throw new CommandError(messageOf(error));
    throw new CommandError(`could not open the database: ${messageOf(error)}`);
  }
}

/** A team id as a folder name (Slack's are letters and digits; anything else is replaced). */
function folderName(teamId: string): string {
  const safe = teamId.replace(/[^A-Za-z0-9_-]/g, '_');
  return safe === '' || /^_+$/.test(safe) ? `team-${Buffer.from(teamId).toString('hex')}` : safe;
}

function plural(count: number, one: string): string {
  return `${count} ${one}${count === 1 ? '' : 's'}`;
}

async function exportDecisions(
  store: Store,
  command: Extract<Command, { name: 'export' }>,
  cwd: string,
): Promise<string> {
  const records = await store.listAll({
    ...(command.team === undefined ? {} : { teamId: command.team }),
    ...(command.channel === undefined ? {} : { channelId: command.channel }),
  });
  const out = resolve(cwd, command.out);
  const teams = [...new Set(records.map((r) => r.teamId))];
  const perTeam = teams.length > 1;
  try {
    await mkdir(out, { recursive: true });
    for (const record of records) {
      const dir = perTeam ? join(out, folderName(record.teamId)) : out;
      if (perTeam) await mkdir(dir, { recursive: true });
      const text = renderDecisionRecord(record.recommendation, await recordMetaOf(store, record));
      await writeFile(join(dir, decisionFileName(record.number, record.recommendation)), text, 'utf8');
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CommandError(
      `could not write the records to ${out}${code ? ` (${code})` : `: ${messageOf(error)}`}`,
    );
  }
  const filter = [
    command.team === undefined ? '' : ` of workspace ${command.team}`,
    command.channel === undefined ? '' : ` in channel ${command.channel}`,
  ].join('');
  if (records.length === 0) return `No stored decisions${filter}: nothing written to ${out}.`;
  const where = perTeam
    ? `${out}, one folder per workspace (${teams
        .map((t) => `${folderName(t)}: ${records.filter((r) => r.teamId === t).length}`)
        .join(', ')})`
    : out;
  return `Wrote ${plural(records.length, 'decision record')}${filter} to ${where}.`;
}

async function deleteWorkspace(store: Store, team: string): Promise<string> {
  const count = await store.deleteWorkspace(team);
  return count === 0
    ? `No decisions were stored for workspace ${team}; its team rounds, if any, are deleted too.`
    : `Deleted workspace ${team}: ${plural(count, 'decision')} removed, and its team rounds if it had any.`;
}

interface DecisionsCliIo {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Runs the command and returns its exit status: 0 done, 1 database or file trouble, 2 bad arguments. */
async function runDecisionsCli(argv: readonly string[], io: DecisionsCliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(help());
    return 0;
  }
  let store: Store | undefined;
  try {
    const command = parseCommand(argv);
    store = await openDatabase(io.env, io.cwd);
    const said =
      command.name === 'export'
        ? await exportDecisions(store, command, io.cwd)
        : await deleteWorkspace(store, command.team);
    io.stdout(`${said}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${oneLine(error.message)}; ${USAGE}\n`);
      return 2;
    }
    io.stderr(
      `error: ${error instanceof CommandError ? oneLine(error.message) : `unexpected failure: ${messageOf(error)}`}\n`,
    );
    return 1;
  } finally {
    await store?.close().catch(() => {});
  }
}

process.exitCode = await runDecisionsCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
