import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type FreshPostgresDatabase, freshPostgresDatabase, postgresAdminUrl } from '../helpers/postgres.ts';

/** Runs one query on a database and closes the connection. */
async function query<Row extends pg.QueryResultRow>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('the PostgreSQL the tests run against', () => {
  const made: FreshPostgresDatabase[] = [];
  const fresh = async () => {
    const db = await freshPostgresDatabase();
    made.push(db);
    return db;
  };

  afterAll(async () => {
    for (const db of made) await db.drop();
  });

  it('gives a fresh database that answers queries', async () => {
    const db = await fresh();
    expect(new URL(db.url).pathname).toBe(`/${db.name}`);
    expect(await query<{ one: number }>(db.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    expect(await query<{ name: string }>(db.url, 'select current_database() as name')).toEqual([
      { name: db.name },
    ]);
  });

  it('gives each caller a database of its own', async () => {
    const first = await fresh();
    const second = await fresh();
    expect(first.name).not.toBe(second.name);
    await query(first.url, 'create table only_in_first (id integer)');
    const tables = (url: string) =>
      query<{ table_name: string }>(
        url,
        "select table_name from information_schema.tables where table_schema = 'public'",
      );
    expect((await tables(first.url)).map((t) => t.table_name)).toEqual(['only_in_first']);
    expect(await tables(second.url)).toEqual([]);
  });

  it('drops a database with connections still open to it', async () => {
    const db = await freshPostgresDatabase();
    const open = new pg.Client({ connectionString: db.url });
    open.on('error', () => {});
    await open.connect();
    try {
      await db.drop();
      const left = await query<{ n: string }>(
        postgresAdminUrl(),
        `select count(*) as n from pg_database where datname = '${db.name}'`,
      );
      expect(left).toEqual([{ n: '0' }]);
      await db.drop();
    } finally {
      await open.end().catch(() => {});
    }
  });
});
