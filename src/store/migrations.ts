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
  '0002_rounds': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('rounds')
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('enterprise_id', 'text')
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('organiser_id', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('participants', 'text', (c) => c.notNull())
        .addColumn('deadline_at', 'text', (c) => c.notNull())
        .addColumn('nudge_at', 'text')
        .addColumn('nudged_at', 'text')
        .addColumn('message_channel_id', 'text')
        .addColumn('message_ts', 'text')
        .addColumn('permalink', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('closed_by', 'text')
        .addColumn('decision_number', 'integer')
        .addPrimaryKeyConstraint('rounds_pk', ['team_id', 'id'])
        .execute();
      // The deadline sweep and the halfway nudges read only open rounds, across workspaces.
      await db.schema
        .createIndex('rounds_due')
        .on('rounds')
        .column('deadline_at')
        .where(sql<boolean>`closed_at is null`)
        .execute();
      await db.schema
        .createIndex('rounds_to_nudge')
        .on('rounds')
        .column('nudge_at')
        .where(sql<boolean>`closed_at is null and nudged_at is null and nudge_at is not null`)
        .execute();
      await db.schema
        .createIndex('rounds_by_message')
        .on('rounds')
        .columns(['team_id', 'message_channel_id', 'message_ts'])
        .execute();
      await db.schema
        .createTable('round_views')
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('round_id', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('round_views_pk', ['team_id', 'round_id', 'person_id'])
        .addForeignKeyConstraint(
          'round_views_round_fk',
          ['team_id', 'round_id'],
          'rounds',
          ['team_id', 'id'],
          (c) => c.onDelete('cascade'),
        )
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
