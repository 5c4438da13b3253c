import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { procStat, ticksToMs } from './proc.ts';

/**
 * Runs an app (ours, `src/main.ts`, or the bare Bolt baseline) as its own Node process in HTTP mode, the
 * way it runs in production, so its CPU, memory and signals are its own. Shared by the benchmarks and the
 * shutdown tests.
 */

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const APP_ENTRY = 'src/main.ts';
export const BASELINE_ENTRY = 'bench/baseline-app.ts';
export const FLOOR_ENTRY = 'bench/floor-app.ts';

/** The credentials every benchmark's apps and fake Slack share (fake values; the fake accepts any xoxb- token). */
export const BENCH_BOT_TOKEN = 'xoxb-0000000000-1111111111-benchBotTokenValue';
export const BENCH_SIGNING_SECRET = 'd41d8cd98f00b204e9800998ecf8427e';

/** Both entries print this once listening (main.ts: "listening on port N"). */
const LISTENING_LINE = /listening on port (\d+)/;

/** The environment that starts the app (or the baseline) in HTTP mode, on a free port, against a fake Web API. */
export function httpModeEnv(options: {
  apiUrl: string;
  botToken: string;
  signingSecret: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** DATABASE_URL: a database in memory unless given, so nothing is written under the repository. */
  databaseUrl?: string;
}): Record<string, string> {
  return {
    DATABASE_URL: options.databaseUrl ?? 'sqlite::memory:',
    SLACK_BOT_TOKEN: options.botToken,
    SLACK_SIGNING_SECRET: options.signingSecret,
    SLACK_API_URL: options.apiUrl,
    PORT: '0',
    LOG_LEVEL: options.logLevel,
  };
}

/** Fake OAuth credentials in the shapes config.ts requires (the fake Slack is configured with the same). */
export const BENCH_OAUTH = {
  clientId: '1111111111.2222222222222',
  clientSecret: '0123456789abcdef0123456789abcdef',
  stateSecret: 'bench-state-secret-of-at-least-32-characters',
  tokenEncryptionKey: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
} as const;

/**
 * The environment that starts the app in distribution mode (OAuth installs, tokens in the database) on a free
 * port, against a fake Slack whose authorize page is `authorizeUrl`. Instances sharing `databaseUrl` (and
 * these secrets) serve the same installations.
 */
export function distributionModeEnv(options: {
  apiUrl: string;
  authorizeUrl: string;
  databaseUrl: string;
  signingSecret: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}): Record<string, string> {
  return {
    DATABASE_URL: options.databaseUrl,
    SLACK_CLIENT_ID: BENCH_OAUTH.clientId,
    SLACK_CLIENT_SECRET: BENCH_OAUTH.clientSecret,
    SLACK_STATE_SECRET: BENCH_OAUTH.stateSecret,
    TOKEN_ENCRYPTION_KEY: BENCH_OAUTH.tokenEncryptionKey,
    SLACK_SIGNING_SECRET: options.signingSecret,
    SLACK_API_URL: options.apiUrl,
    SLACK_OAUTH_AUTHORIZE_URL: options.authorizeUrl,
    PORT: '0',
    LOG_LEVEL: options.logLevel,
  };
}

export interface AppProcessOptions {
  /** Path of the entry, relative to the repo root. */
  entry: string;
  /**
   * Variables for the app; the parent's environment is not inherited (no stray Slack tokens or database).
   * Without DATABASE_URL the app gets `sqlite::memory:`, so no run writes a database under the repository.
   */
  env: Record<string, string>;
  /** Extra `node` flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  /** How long to wait for `/healthz` 200. */
  readyTimeoutMs?: number;
  /**
   * Socket Mode has no port: wait for this line in the output instead of a port and `/healthz`.
   * `url`, `eventsUrl` and `startupMs` then refer to that line.
   */
  readyLine?: RegExp;
}

export interface AppProcess {
  child: ChildProcess;
  /** http://127.0.0.1:PORT */
  url: string;
  eventsUrl: string;
  /** From spawn to the first `/healthz` 200, in ms. */
  startupMs: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resident set size in bytes, from /proc. */
  rss(): Promise<number>;
  /** CPU time the process has used so far (user + system, all its threads), in ms, from /proc. */
  cpuMs(): Promise<number>;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL if it is still running after `graceMs`. */
  stop(graceMs?: number): Promise<number | string>;
}

async function waitForHealth(url: string, deadline: number, exited: () => boolean): Promise<void> {
  while (Date.now() < deadline) {
    if (exited()) throw new Error('the app exited before it was ready');
    try {
      const response = await fetch(`${url}/healthz`);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no /healthz 200 from ${url} in time`);
}

export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', options.entry], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL: 'sqlite::memory:',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  let hasExited = false;
  const exited = once(child, 'exit').then(([code, signal]) => {
    hasExited = true;
    return (code as number | null) ?? (signal as string);
  });

  const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
  const readyLine = options.readyLine ?? LISTENING_LINE;
  const port = await new Promise<number>((resolve, reject) => {
    const check = () => {
      const match = readyLine.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(Number(match[1] ?? 0));
      } else if (hasExited || Date.now() > deadline) {
        clearInterval(timer);
        reject(new Error(`${options.entry} did not start listening:\n${output}`));
      }
    };
    const timer = setInterval(check, 5);
  });
  const url = `http://127.0.0.1:${port}`;
  if (options.readyLine === undefined) await waitForHealth(url, deadline, () => hasExited);
  const startupMs = performance.now() - started;

  return {
    child,
    url,
    eventsUrl: `${url}/slack/events`,
    startupMs,
    output: () => output,
    async rss() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      if (kb === undefined) throw new Error(`no VmRSS for process ${child.pid}`);
      return Number(kb) * 1024;
    },
    async cpuMs() {
      const fields = await procStat(String(child.pid));
      const ticks = Number(fields[11]) + Number(fields[12]);
      if (!Number.isFinite(ticks)) throw new Error(`no CPU times for process ${child.pid}`);
      return ticksToMs(ticks);
    },
    exited,
    async stop(graceMs = 5_000) {
      if (!hasExited) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
