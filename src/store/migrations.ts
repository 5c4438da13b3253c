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
  '0003_team_decisions': {
    async up(db: Kysely<unknown>): Promise<void> {
      // A team round's decision names the views it rests on (JSON; null for a single person's verdict).
      await db.schema.alterTable('decisions').addColumn('team', 'text').execute();
      // Who is finishing a closed round (showing its result), so that two instances never both do it, and
      // when its message showed the result. Rounds decided before this migration showed theirs, and
      await db.schema.alterTable('rounds').addColumn('finish_claimed_at', 'text').execute();
      await db.schema.alterTable('rounds').addColumn('finished_at', 'text').execute();
      await db
        .updateTable('rounds' as never)
        .set({ finished_at: sql`updated_at` } as never)
        .where(sql<boolean>`decision_number is not null`)
        .execute();
      // Their decisions learn whose views they rest on (the organiser first, then by first submission).
      const decided = await sql<{
        team_id: string;
        id: string;
        organiser_id: string;
        participants: string;
        decision_number: number;
      }>`select team_id, id, organiser_id, participants, decision_number from rounds where decision_number is not null`.execute(
        db,
      );
      for (const round of decided.rows) {
        const views = await sql<{ person_id: string }>`select person_id from round_views
          where team_id = ${round.team_id} and round_id = ${round.id} order by submitted_at, person_id`.execute(
          db,
        );
        const people = views.rows.map((v) => v.person_id);
        const team = {
          roundId: round.id,
          people: [
            ...people.filter((p) => p === round.organiser_id),
            ...people.filter((p) => p !== round.organiser_id),
          ],
          participants: JSON.parse(round.participants) as string[],
        };
        await sql`update decisions set team = ${JSON.stringify(team)}
          where team_id = ${round.team_id} and number = ${round.decision_number}`.execute(db);
      }
    },
  },
  '0004_installations': {
    async up(db: Kysely<unknown>): Promise<void> {
      // Distribution mode (issue 13): one row per workspace or org-wide install; see src/store/installations.ts
      // for the key and the encrypted columns.
      await db.schema
        .createTable('installations')
        .addColumn('install_key', 'text', (c) => c.primaryKey())
        .addColumn('enterprise_id', 'text')
        .addColumn('enterprise_name', 'text')
        .addColumn('enterprise_url', 'text')
        .addColumn('team_id', 'text')
        .addColumn('team_name', 'text')
        .addColumn('app_id', 'text')
        .addColumn('encrypted_bot_token', 'text', (c) => c.notNull())
        .addColumn('bot_id', 'text', (c) => c.notNull())
        .addColumn('bot_user_id', 'text', (c) => c.notNull())
        .addColumn('bot_scopes', 'text', (c) => c.notNull())
        .addColumn('encrypted_bot_refresh_token', 'text')
        .addColumn('bot_token_expires_at', 'text')
        .addColumn('installer_user_id', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Holds the TOKEN_ENCRYPTION_KEY check value, so a wrong key is refused at start.
      await db.schema
        .createTable('settings')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0005_receipts': {
    async up(db: Kysely<unknown>): Promise<void> {
      // Events API deliveries taken, by event_id: Slack retries one that was not acknowledged in time, to any
      // instance, and the retry must not be handled twice.
      await db.schema
        .createTable('event_receipts')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('event_receipts_by_time')
        .on('event_receipts')
        .column('received_at')
        .execute();
      // Button presses being handled, or just handled: a double click's two presses may reach two instances.
      await db.schema
        .createTable('press_claims')
        .addColumn('press_key', 'text', (c) => c.primaryKey())
        .addColumn('busy_until', 'text', (c) => c.notNull())
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
