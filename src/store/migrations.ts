import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';

/**
 * Every migration, in order, forward only: one set for SQLite and PostgreSQL (the column types Kysely passes
 * through, `text` and `integer`, mean the same in both). A released migration is never edited; a change is a
 * new one. Run at start-up by `openStore` through Kysely's Migrator, which on PostgreSQL holds an advisory lock
 * while it works, so two instances starting at once apply each migration once.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001_decisions': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('decisions')
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('enterprise_id', 'text')
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('message_channel_id', 'text')
        .addColumn('message_ts', 'text')
        .addColumn('permalink', 'text')
        .addColumn('requester_id', 'text', (c) => c.notNull())
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('recommendation', 'text', (c) => c.notNull())
        .addColumn('engine_version', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('proposed', 'accepted', 'superseded')`),
        )
        .addColumn('accepted_by', 'text')
        .addColumn('accepted_at', 'text')
        .addColumn('supersedes', 'integer')
        .addColumn('superseded_by', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('decisions_pk', ['team_id', 'number'])
        .execute();
      await db.schema
        .createIndex('decisions_by_message')
        .on('decisions')
        .columns(['team_id', 'message_channel_id', 'message_ts'])
        .execute();
      await db.schema
        .createIndex('decisions_by_requester')
        .on('decisions')
        .columns(['team_id', 'requester_id', 'number'])
        .execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};

/** The newest migration's name: what a store opened by this build has applied. */
export const LATEST_MIGRATION = Object.keys(MIGRATIONS).at(-1) as string;
