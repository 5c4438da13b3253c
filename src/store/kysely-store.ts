import { type Kysely, type Selectable, sql, type Transaction, type Updateable } from 'kysely';
import type { Answers } from '../engine/questions.ts';
import type { Recommendation } from '../engine/types.ts';
import type { Database, DecisionsTable } from './schema.ts';
import type {
  AcceptOutcome,
  DecisionFilter,
  DecisionRecord,
  DecisionStatus,
  NewDecision,
  PostedMessage,
  Store,
  SupersedeOutcome,
  Workspace,
} from './types.ts';

type DecisionRow = Selectable<DecisionsTable>;

const iso = (date: Date) => date.toISOString();

/** Tries at taking a decision number before giving up: each one lost means another instance just won one. */
const MAX_NUMBER_ATTEMPTS = 20;

/** A unique or primary key refused the row: PostgreSQL's 23505, SQLite's SQLITE_CONSTRAINT_PRIMARYKEY/UNIQUE. */
function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function toRecord(row: DecisionRow): DecisionRecord {
  const message: PostedMessage | undefined =
    row.message_channel_id !== null && row.message_ts !== null
      ? {
          channelId: row.message_channel_id,
          messageTs: row.message_ts,
          ...(row.permalink === null ? {} : { permalink: row.permalink }),
        }
      : undefined;
  return {
    teamId: row.team_id,
    ...(row.enterprise_id === null ? {} : { enterpriseId: row.enterprise_id }),
    number: Number(row.number),
    channelId: row.channel_id,
    ...(message === undefined ? {} : { message }),
    requesterId: row.requester_id,
    answers: JSON.parse(row.answers) as Answers,
    recommendation: JSON.parse(row.recommendation) as Recommendation,
    engineVersion: row.engine_version,
    status: row.status as DecisionStatus,
    ...(row.accepted_by === null ? {} : { acceptedBy: row.accepted_by }),
    ...(row.accepted_at === null ? {} : { acceptedAt: new Date(row.accepted_at) }),
    ...(row.supersedes === null ? {} : { supersedes: Number(row.supersedes) }),
    ...(row.superseded_by === null ? {} : { supersededBy: Number(row.superseded_by) }),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** The store over a Kysely instance: the same queries for SQLite and PostgreSQL. */
export class KyselyStore implements Store {
  constructor(
    readonly kind: 'sqlite' | 'postgres',
    private readonly db: Kysely<Database>,
  ) {}

  private row(db: Kysely<Database> | Transaction<Database>, teamId: string, number: number) {
    return db
      .selectFrom('decisions')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('number', '=', number)
      .executeTakeFirst();
  }

  private async update(
    db: Kysely<Database> | Transaction<Database>,
    workspace: Workspace,
    number: number,
    changes: Updateable<DecisionsTable>,
    onlyIfStatus?: readonly ['=' | '<>', DecisionStatus],
  ): Promise<bigint> {
    let query = db
      .updateTable('decisions')
      .set({ ...changes, updated_at: iso(new Date()) })
      .where('team_id', '=', workspace.teamId)
      .where('number', '=', number);
    if (onlyIfStatus) query = query.where('status', onlyIfStatus[0], onlyIfStatus[1]);
    const result = await query.executeTakeFirst();
    return result.numUpdatedRows;
  }

  async createDecision(input: NewDecision): Promise<DecisionRecord> {
    const now = iso(new Date());
    for (let attempt = 1; ; attempt += 1) {
      try {
        // One statement, one round trip: the workspace's next number is taken in the insert itself.
        const row = await this.db
          .insertInto('decisions')
          .values({
            team_id: input.teamId,
            number: sql<number>`(select coalesce(max(number), 0) + 1 from decisions where team_id = ${input.teamId})`,
            enterprise_id: input.enterpriseId ?? null,
            channel_id: input.channelId,
            message_channel_id: null,
            message_ts: null,
            permalink: null,
            requester_id: input.requesterId,
            answers: JSON.stringify(input.answers),
            recommendation: JSON.stringify(input.recommendation),
            engine_version: input.engineVersion,
            status: 'proposed',
            accepted_by: null,
            accepted_at: null,
            supersedes: null,
            superseded_by: null,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toRecord(row);
      } catch (error) {
        // Another instance took the same number a moment earlier (the primary key refused it): take the next.
        if (!isDuplicateKey(error) || attempt >= MAX_NUMBER_ATTEMPTS) throw error;
      }
    }
  }

  async markPosted(workspace: Workspace, number: number, message: PostedMessage): Promise<DecisionRecord> {
    const row = await this.db
      .updateTable('decisions')
      .set({
        message_channel_id: message.channelId,
        message_ts: message.messageTs,
        permalink: message.permalink ?? null,
        updated_at: iso(new Date()),
      })
      .where('team_id', '=', workspace.teamId)
      .where('number', '=', number)
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) throw new Error(`Decision #${number} is not stored`);
    return toRecord(row);
  }

  async discardDecision(workspace: Workspace, number: number): Promise<void> {
    // Numbers are the workspace's highest plus one: the last one discarded is given out again, leaving no gap.
    await this.db
      .deleteFrom('decisions')
      .where('team_id', '=', workspace.teamId)
      .where('number', '=', number)
      .execute();
  }

  async getDecision(workspace: Workspace, number: number): Promise<DecisionRecord | undefined> {
    const row = await this.row(this.db, workspace.teamId, number);
    return row === undefined ? undefined : toRecord(row);
  }

  async findByMessage(
    workspace: Workspace,
    channelId: string,
    messageTs: string,
  ): Promise<DecisionRecord | undefined> {
    const row = await this.db
      .selectFrom('decisions')
      .selectAll()
      .where('team_id', '=', workspace.teamId)
      .where('message_channel_id', '=', channelId)
      .where('message_ts', '=', messageTs)
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async accept(
    workspace: Workspace,
    number: number,
    userId: string,
    at = new Date(),
  ): Promise<AcceptOutcome> {
    // One conditional update: of concurrent presses, the database lets exactly one change the row, and the
    // winner gets the row back in the same statement.
    const won = await this.db
      .updateTable('decisions')
      .set({ status: 'accepted', accepted_by: userId, accepted_at: iso(at), updated_at: iso(at) })
      .where('team_id', '=', workspace.teamId)
      .where('number', '=', number)
      .where('status', '=', 'proposed')
      .returningAll()
      .executeTakeFirst();
    if (won !== undefined) return { outcome: 'accepted', decision: toRecord(won) };
    const row = await this.row(this.db, workspace.teamId, number);
    if (row === undefined) return { outcome: 'not-found' };
    const decision = toRecord(row);
    if (decision.status === 'superseded') return { outcome: 'superseded', decision };
    return { outcome: 'already-accepted', decision };
  }

  async supersede(workspace: Workspace, oldNumber: number, newNumber: number): Promise<SupersedeOutcome> {
    return this.db.transaction().execute(async (trx) => {
      const seen = new Set<number>();
      let target = oldNumber;
      for (;;) {
        if (target === newNumber || seen.has(target)) break;
        seen.add(target);
        const row = await this.row(trx, workspace.teamId, target);
        if (row === undefined) break;
        if (row.status === 'superseded' && row.superseded_by !== null) {
          const next = Number(row.superseded_by);
          // Already done (a repeat): report it as it stands.
          if (next === newNumber) return this.superseded(trx, workspace, target, newNumber);
          target = next;
          continue;
        }
        const changed = await this.update(
          trx,
          workspace,
          target,
          { status: 'superseded', superseded_by: newNumber },
          ['<>', 'superseded'],
        );
        // Someone superseded it in between: read it again and follow its chain.
        if (changed === 0n) {
          seen.delete(target);
          continue;
        }
        await this.update(trx, workspace, newNumber, { supersedes: target });
        return this.superseded(trx, workspace, target, newNumber);
      }
      await this.update(trx, workspace, newNumber, { supersedes: null });
      const current = await this.row(trx, workspace.teamId, newNumber);
      if (current === undefined) throw new Error(`Decision #${newNumber} is not stored`);
      return { outcome: 'none', current: toRecord(current) };
    });
  }

  private async superseded(
    trx: Transaction<Database>,
    workspace: Workspace,
    oldNumber: number,
    newNumber: number,
  ): Promise<SupersedeOutcome> {
    const [old, current] = await Promise.all([
      this.row(trx, workspace.teamId, oldNumber),
      this.row(trx, workspace.teamId, newNumber),
    ]);
    if (old === undefined || current === undefined) throw new Error('A superseded decision vanished');
    return { outcome: 'superseded', old: toRecord(old), current: toRecord(current) };
  }

  async listByChannel(workspace: Workspace, channelId: string, limit: number): Promise<DecisionRecord[]> {
    const rows = await this.db
      .selectFrom('decisions')
      .selectAll()
      .where('team_id', '=', workspace.teamId)
      .where('message_channel_id', '=', channelId)
      .orderBy('number', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  async listByRequester(workspace: Workspace, userId: string, limit: number): Promise<DecisionRecord[]> {
    const rows = await this.db
      .selectFrom('decisions')
      .selectAll()
      .where('team_id', '=', workspace.teamId)
      .where('requester_id', '=', userId)
      .orderBy('number', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  async listAll(filter: DecisionFilter = {}): Promise<DecisionRecord[]> {
    let query = this.db.selectFrom('decisions').selectAll();
    if (filter.teamId !== undefined) query = query.where('team_id', '=', filter.teamId);
    if (filter.channelId !== undefined) query = query.where('message_channel_id', '=', filter.channelId);
    const rows = await query.orderBy('team_id').orderBy('number').execute();
    return rows.map(toRecord);
  }

  async deleteWorkspace(teamId: string): Promise<number> {
    const deleted = await this.db.deleteFrom('decisions').where('team_id', '=', teamId).executeTakeFirst();
    return Number(deleted.numDeletedRows);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
