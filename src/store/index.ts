import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { type InstallationStore, KyselyInstallationStore, tokenKeyMatches } from './installations.ts';
import { KyselyStore } from './kysely-store.ts';
import { migrationProvider } from './migrations.ts';
import type { Database } from './schema.ts';
import { TokenCipher } from './token-crypto.ts';
import type { DatabaseLocation, Store } from './types.ts';

export type * from './types.ts';

/**
 * How long the app waits on the database before giving up, for a connection, a query, or a SQLite writer
 * waiting for another process. Under Slack's 3 s: `/rust-or-python history` answers in its ack, and a verdict
 * whose decision cannot be saved in time is still posted (unnumbered) rather than left hanging.
 */
const DATABASE_TIMEOUT_MS = 2_000;
/** Connections per instance to PostgreSQL; listeners hold one for a few milliseconds at a time. */
const POSTGRES_POOL_SIZE = 10;

/** The store could not be opened: `message` names the database (never a password) and why. */
export class StoreOpenError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreOpenError';
  }
}

/** TOKEN_ENCRYPTION_KEY is not the key the database's tokens were encrypted with: found at start, not later. */
export class TokenKeyMismatchError extends StoreOpenError {
  constructor(where: string) {
    super(
      `TOKEN_ENCRYPTION_KEY does not match the key this database's tokens were encrypted with (${where}). ` +
        'Start with the key they were stored with. To start over with a new key, delete every row of the installations and settings tables; each workspace then installs the app again.',
    );
    this.name = 'TokenKeyMismatchError';
  }
}

/** A PostgreSQL URL as it may be shown: host, port and database, no user or password. */
export function describePostgres(url: string): string {
  try {
    const parsed = new URL(url);
    const database = parsed.pathname.replace(/^\//, '') || 'postgres';
    return `PostgreSQL at ${parsed.hostname}:${parsed.port || '5432'}/${decodeURIComponent(database)}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** Why a connection failed, in one line without secrets (pg's messages carry no password). */
function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: string }).code;
  return code !== undefined && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}

async function openSqlite(path: string): Promise<Kysely<Database>> {
  // Loaded only when SQLite is used: a PostgreSQL deployment never needs the native module.
  const { default: SqliteDatabase } = await import('better-sqlite3');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let database: InstanceType<typeof SqliteDatabase>;
  try {
    database = new SqliteDatabase(path);
    database.pragma('journal_mode = WAL');
    database.pragma(`busy_timeout = ${DATABASE_TIMEOUT_MS}`);
    // WAL with NORMAL loses no committed transaction when the process dies, only on power loss.
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    throw new StoreOpenError(`Could not open the SQLite database at ${path}: ${reason(error)}`, {
      cause: error,
    });
  }
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

/** A pool of connections to PostgreSQL, checked with one connection; `timeouts`: the app's, for every query. */
async function postgresPool(url: string, size: number, timeouts: boolean) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: size,
    connectionTimeoutMillis: DATABASE_TIMEOUT_MS,
    ...(timeouts ? { query_timeout: DATABASE_TIMEOUT_MS, statement_timeout: DATABASE_TIMEOUT_MS } : {}),
  });
  // An idle client that loses its connection emits here; without a listener that would crash the process.
  // The next query reports the problem where it matters.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new StoreOpenError(`Could not reach ${describePostgres(url)}: ${reason(error)}`, { cause: error });
  }
  return pool;
}

async function openPostgres(url: string): Promise<Kysely<Database>> {
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: await postgresPool(url, POSTGRES_POOL_SIZE, true) }),
  });
}

/** Applies every migration not yet applied; on PostgreSQL under the migrator's advisory lock. */
async function migrate(db: Kysely<Database>, where: string): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new StoreOpenError(
      `Could not bring ${where} up to date${failed ? ` (migration ${failed})` : ''}: ${reason(error)}`,
      { cause: error },
    );
  }
}

export interface OpenStoreOptions {
  /** Distribution mode's TOKEN_ENCRYPTION_KEY (32 bytes): opens `installations` too, after checking the key. */
  readonly tokenEncryptionKey?: Uint8Array;
}

/** The store of distribution mode: decisions and rounds, plus where the app is installed. */
export interface StoreWithInstallations extends Store {
  readonly installations: InstallationStore;
}

/**
 * Opens the database `location` names, creating it and applying the migrations as needed. With a token
 * encryption key it also opens the installations, refusing a key other than the database's with a
 * `TokenKeyMismatchError` (the first start with a key records which key that is).
 */
export async function openStore(location: DatabaseLocation): Promise<Store>;
export async function openStore(
  location: DatabaseLocation,
  options: OpenStoreOptions & { readonly tokenEncryptionKey: Uint8Array },
): Promise<StoreWithInstallations>;
export async function openStore(location: DatabaseLocation, options?: OpenStoreOptions): Promise<Store>;
export async function openStore(
  location: DatabaseLocation,
  options: OpenStoreOptions = {},
): Promise<Store | StoreWithInstallations> {
  const where =
    location.kind === 'sqlite' ? `the SQLite database at ${location.path}` : describePostgres(location.url);
  // Made before the database is opened: a key of the wrong length fails without anything to close.
  const cipher = options.tokenEncryptionKey && new TokenCipher(options.tokenEncryptionKey);
  let db: Kysely<Database>;
  if (location.kind === 'sqlite') {
    db = await openSqlite(location.path);
    await migrateOrClose(db, where);
  } else {
    // Migrations go through a connection of their own without the app's timeouts: waiting for another
    // instance's migrations (the migrator's lock) may take longer than a query of the app's may.
    const migrator = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: await postgresPool(location.url, 1, false) }),
    });
    await migrateOrClose(migrator, where);
    await migrator.destroy();
    db = await openPostgres(location.url);
  }
  const store = new KyselyStore(location.kind, db);
  if (cipher === undefined) return store;
  try {
    if (!(await tokenKeyMatches(db, cipher))) throw new TokenKeyMismatchError(where);
  } catch (error) {
    await db.destroy().catch(() => {});
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError(`Could not check TOKEN_ENCRYPTION_KEY against ${where}: ${reason(error)}`, {
      cause: error,
    });
  }
  return Object.assign(store, { installations: new KyselyInstallationStore(db, cipher) });
}

async function migrateOrClose(db: Kysely<Database>, where: string): Promise<void> {
  try {
    await migrate(db, where);
  } catch (error) {
    await db.destroy().catch(() => {});
    throw error;
  }
}
