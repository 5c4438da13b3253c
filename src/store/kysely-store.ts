import { randomUUID } from 'node:crypto';
import {
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { Answers } from '../engine/questions.ts';
import type { Recommendation } from '../engine/types.ts';
import type { Database, DecisionsTable, RoundsTable, RoundViewsTable } from './schema.ts';
import type {
  AcceptOutcome,
  CloseOutcome,
  DecisionFilter,
  DecisionRecord,
  DecisionStatus,
  DecisionTeam,
  NewDecision,
  NewRound,
  PostedMessage,
  RoundRecord,
  RoundView,
  SaveViewOutcome,
  Store,
  SupersedeOutcome,
  Workspace,
} from './types.ts';
import { RoundDecidedError } from './types.ts';

type DecisionRow = Selectable<DecisionsTable>;
type RoundRow = Selectable<RoundsTable>;
type RoundViewRow = Selectable<RoundViewsTable>;

const iso = (date: Date) => date.toISOString();

/** Tries at taking a decision number before giving up: each one lost means another instance just won one. */
const MAX_NUMBER_ATTEMPTS = 20;

/** A unique or primary key refused the row: PostgreSQL's 23505, SQLite's SQLITE_CONSTRAINT_PRIMARYKEY/UNIQUE. */
function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function postedMessage(row: {
  message_channel_id: string | null;
  message_ts: string | null;
  permalink: string | null;
}): PostedMessage | undefined {
  return row.message_channel_id !== null && row.message_ts !== null
    ? {
        channelId: row.message_channel_id,
        messageTs: row.message_ts,
        ...(row.permalink === null ? {} : { permalink: row.permalink }),
      }
    : undefined;
}

function toRecord(row: DecisionRow): DecisionRecord {
  const message = postedMessage(row);
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
    ...(row.team === null ? {} : { team: JSON.parse(row.team) as DecisionTeam }),
  };
}

/**
 * A round whose result was never shown (closed and posted, not finished, not closed unposted), neither closed
 * nor taken up by `claimFinish` since `staleBefore`: a finish that failed, not one under way.
 */
function unfinishedSince(eb: ExpressionBuilder<Database, 'rounds'>, staleBefore: Date) {
  return eb.and([
    eb('closed_at', 'is not', null),
    eb('finished_at', 'is', null),
    eb('message_ts', 'is not', null),
    eb('closed_by', '<>', 'not-posted'),
    eb(eb.fn.coalesce('finish_claimed_at', 'closed_at'), '<=', iso(staleBefore)),
  ]);
}

function toRound(row: RoundRow): RoundRecord {
  const message = postedMessage(row);
  return {
    teamId: row.team_id,
    ...(row.enterprise_id === null ? {} : { enterpriseId: row.enterprise_id }),
    id: row.id,
    channelId: row.channel_id,
    organiserId: row.organiser_id,
    ...(row.description === null ? {} : { description: row.description }),
    participants: JSON.parse(row.participants) as string[],
    deadlineAt: new Date(row.deadline_at),
    ...(row.nudge_at === null ? {} : { nudgeAt: new Date(row.nudge_at) }),
    ...(row.nudged_at === null ? {} : { nudgedAt: new Date(row.nudged_at) }),
    ...(message === undefined ? {} : { message }),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    ...(row.closed_at === null ? {} : { closedAt: new Date(row.closed_at) }),
    ...(row.closed_by === null ? {} : { closedBy: row.closed_by }),
    ...(row.decision_number === null ? {} : { decisionNumber: Number(row.decision_number) }),
    ...(row.finished_at === null ? {} : { finishedAt: new Date(row.finished_at) }),
  };
}

function toView(row: RoundViewRow): RoundView {
  return {
    roundId: row.round_id,
    person: row.person_id,
    answers: JSON.parse(row.answers) as Answers,
    submittedAt: new Date(row.submitted_at),
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
        const team = input.team;
        if (team === undefined) return toRecord(await this.insertDecision(this.db, input, now));
        // A round's result and the round's link to it are saved together, once: of two instances finishing the
        // same round, the second links nothing and rolls its decision back.
        return toRecord(
          await this.db.transaction().execute(async (trx) => {
            const row = await this.insertDecision(trx, input, now);
            const linked = await trx
              .updateTable('rounds')
              .set({ decision_number: row.number, updated_at: now })
              .where('team_id', '=', input.teamId)
              .where('id', '=', team.roundId)
              .where('decision_number', 'is', null)
              .executeTakeFirst();
            if (linked.numUpdatedRows === 0n) throw new RoundDecidedError(team.roundId);
            return row;
          }),
        );
      } catch (error) {
        // Another instance took the same number a moment earlier (the primary key refused it): take the next.
        if (!isDuplicateKey(error) || attempt >= MAX_NUMBER_ATTEMPTS) throw error;
      }
    }
  }

  /** One statement, one round trip: the workspace's next number is taken in the insert itself. */
  private insertDecision(db: Kysely<Database> | Transaction<Database>, input: NewDecision, now: string) {
    return db
      .insertInto('decisions')
      .values({
        team_id: input.teamId,
        number: sql<number>`(select coalesce(max(number), 0) + 1 from decisions where team_id = ${input.teamId})`,
        enterprise_id: input.enterpriseId ?? null,
        channel_id: input.channelId,
        message_channel_id: input.message?.channelId ?? null,
        message_ts: input.message?.messageTs ?? null,
        permalink: input.message?.permalink ?? null,
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
        team: input.team === undefined ? null : JSON.stringify(input.team),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
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
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('round_views').where('team_id', '=', teamId).execute();
      await trx.deleteFrom('rounds').where('team_id', '=', teamId).execute();
      const deleted = await trx.deleteFrom('decisions').where('team_id', '=', teamId).executeTakeFirst();
      return Number(deleted.numDeletedRows);
    });
  }

  async claimEvent(eventId: string, at = new Date()): Promise<boolean> {
    // One statement: of two instances given the same event, the primary key lets one insert it.
    const inserted = await this.db
      .insertInto('event_receipts')
      .values({ event_id: eventId, received_at: iso(at) })
      .onConflict((oc) => oc.column('event_id').doNothing())
      .executeTakeFirst();
    return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  async claimPress(key: string, now: Date, busyUntil: Date): Promise<boolean> {
    // One statement: a new press inserts its row; a press whose claim has run out takes the row over; a repeat
    // within the claim changes nothing.
    const claimed = await this.db
      .insertInto('press_claims')
      .values({ press_key: key, busy_until: iso(busyUntil) })
      .onConflict((oc) =>
        oc
          .column('press_key')
          .doUpdateSet({ busy_until: iso(busyUntil) })
          .where('press_claims.busy_until', '<=', iso(now)),
      )
      .executeTakeFirst();
    return (claimed.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  async extendPress(key: string, busyUntil: Date): Promise<void> {
    await this.db
      .updateTable('press_claims')
      .set({ busy_until: iso(busyUntil) })
      .where('press_key', '=', key)
      .execute();
  }

  async forgetReceipts(before: Date): Promise<void> {
    await this.db.deleteFrom('event_receipts').where('received_at', '<', iso(before)).execute();
    await this.db.deleteFrom('press_claims').where('busy_until', '<', iso(before)).execute();
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  // Team rounds (issue 12).

  private roundRow(db: Kysely<Database> | Transaction<Database>, teamId: string, roundId: string) {
    return db
      .selectFrom('rounds')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('id', '=', roundId)
      .executeTakeFirst();
  }

  /** Changes a round; throws when it is not stored. */
  private async updateRound(
    workspace: Workspace,
    roundId: string,
    changes: Updateable<RoundsTable>,
  ): Promise<RoundRecord> {
    const row = await this.db
      .updateTable('rounds')
      .set({ ...changes, updated_at: iso(new Date()) })
      .where('team_id', '=', workspace.teamId)
      .where('id', '=', roundId)
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) throw new Error(`Round ${roundId} is not stored`);
    return toRound(row);
  }

  async createRound(input: NewRound): Promise<RoundRecord> {
    const created = input.createdAt ?? new Date();
    const participants = [...new Set(input.participants)];
    // Halfway to the deadline, computed once here rather than with each dialect's date arithmetic.
    const nudgeAt =
      participants.length === 0
        ? null
        : iso(new Date(created.getTime() + (input.deadlineAt.getTime() - created.getTime()) / 2));
    const row = await this.db
      .insertInto('rounds')
      .values({
        team_id: input.teamId,
        id: randomUUID(),
        enterprise_id: input.enterpriseId ?? null,
        channel_id: input.channelId,
        organiser_id: input.organiserId,
        description: input.description ?? null,
        participants: JSON.stringify(participants),
        deadline_at: iso(input.deadlineAt),
        nudge_at: nudgeAt,
        nudged_at: null,
        message_channel_id: null,
        message_ts: null,
        permalink: null,
        created_at: iso(created),
        updated_at: iso(created),
        closed_at: null,
        closed_by: null,
        decision_number: null,
        finish_claimed_at: null,
        finished_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRound(row);
  }

  async markRoundPosted(workspace: Workspace, roundId: string, message: PostedMessage): Promise<RoundRecord> {
    return this.updateRound(workspace, roundId, {
      message_channel_id: message.channelId,
      message_ts: message.messageTs,
      permalink: message.permalink ?? null,
    });
  }

  async getRound(workspace: Workspace, roundId: string): Promise<RoundRecord | undefined> {
    const row = await this.roundRow(this.db, workspace.teamId, roundId);
    return row === undefined ? undefined : toRound(row);
  }

  async findRoundByMessage(
    workspace: Workspace,
    channelId: string,
    messageTs: string,
  ): Promise<RoundRecord | undefined> {
    const row = await this.db
      .selectFrom('rounds')
      .selectAll()
      .where('team_id', '=', workspace.teamId)
      .where('message_channel_id', '=', channelId)
      .where('message_ts', '=', messageTs)
      .executeTakeFirst();
    return row === undefined ? undefined : toRound(row);
  }

  async saveView(
    workspace: Workspace,
    roundId: string,
    personId: string,
    answers: Answers,
    at = new Date(),
  ): Promise<SaveViewOutcome> {
    const now = iso(at);
    return this.db.transaction().execute(async (trx) => {
      // First a write to the round row, only while it is open: on PostgreSQL it holds the row's lock until this
      // transaction ends, so a concurrent claimClose (an update of the same row) waits for the view to be
      // committed, or, having closed first, makes this update match nothing. On SQLite the write takes the
      // database's write lock at once (transactions are serialised). Either way no view lands after the close.
      const round = await trx
        .updateTable('rounds')
        .set({ updated_at: now })
        .where('team_id', '=', workspace.teamId)
        .where('id', '=', roundId)
        .where('closed_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (round === undefined) {
        const exists = await this.roundRow(trx, workspace.teamId, roundId);
        return exists === undefined ? { outcome: 'not-found' } : { outcome: 'closed' };
      }
      // Saves to one round are serialised by the lock above, so this read-then-write cannot race another save.
      const replaced = await trx
        .updateTable('round_views')
        .set({ answers: JSON.stringify(answers), updated_at: now })
        .where('team_id', '=', workspace.teamId)
        .where('round_id', '=', roundId)
        .where('person_id', '=', personId)
        .executeTakeFirst();
      if (replaced.numUpdatedRows > 0n) return { outcome: 'replaced', round: toRound(round) };
      await trx
        .insertInto('round_views')
        .values({
          team_id: workspace.teamId,
          round_id: roundId,
          person_id: personId,
          answers: JSON.stringify(answers),
          submitted_at: now,
          updated_at: now,
        })
        .execute();
      return { outcome: 'saved', round: toRound(round) };
    });
  }

  async listViews(workspace: Workspace, roundId: string): Promise<RoundView[]> {
    const rows = await this.db
      .selectFrom('round_views')
      .selectAll()
      .where('team_id', '=', workspace.teamId)
      .where('round_id', '=', roundId)
      .orderBy('submitted_at')
      .orderBy('person_id')
      .execute();
    return rows.map(toView);
  }

  async claimClose(
    workspace: Workspace,
    roundId: string,
    closedBy: string,
    at = new Date(),
  ): Promise<CloseOutcome> {
    const closedAt = iso(at);
    return this.db.transaction().execute(async (trx): Promise<CloseOutcome> => {
      // One conditional update: of concurrent closes exactly one changes the row. On PostgreSQL it waits for a
      // saveView holding the row, then sees that view committed.
      const won = await trx
        .updateTable('rounds')
        .set({ closed_at: closedAt, closed_by: closedBy, updated_at: closedAt })
        .where('team_id', '=', workspace.teamId)
        .where('id', '=', roundId)
        .where('closed_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (won === undefined) {
        const row = await this.roundRow(trx, workspace.teamId, roundId);
        return row === undefined
          ? { outcome: 'not-found' }
          : { outcome: 'already-closed', round: toRound(row) };
      }
      // A view saved just before, by an instance whose clock is ahead, may carry a later time than `at`: the
      // round closes no earlier than its last view (a new statement: it sees views committed while we waited).
      const last = await trx
        .selectFrom('round_views')
        .select((eb) => eb.fn.max('updated_at').as('latest'))
        .where('team_id', '=', workspace.teamId)
        .where('round_id', '=', roundId)
        .executeTakeFirst();
      const latest = last?.latest ?? null;
      if (latest === null || latest <= closedAt) return { outcome: 'claimed', round: toRound(won) };
      const moved = await trx
        .updateTable('rounds')
        .set({ closed_at: latest, updated_at: latest })
        .where('team_id', '=', workspace.teamId)
        .where('id', '=', roundId)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { outcome: 'claimed', round: toRound(moved) };
    });
  }

  async dueRounds(now: Date, limit: number): Promise<RoundRecord[]> {
    const rows = await this.db
      .selectFrom('rounds')
      .selectAll()
      .where('closed_at', 'is', null)
      .where('deadline_at', '<=', iso(now))
      .orderBy('deadline_at')
      .orderBy('team_id')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toRound);
  }

  async roundsToNudge(now: Date, limit: number): Promise<RoundRecord[]> {
    const rows = await this.db
      .selectFrom('rounds')
      .selectAll()
      .where('closed_at', 'is', null)
      .where('nudged_at', 'is', null)
      .where('nudge_at', 'is not', null)
      .where('nudge_at', '<=', iso(now))
      // Only a round people can see: its message is posted.
      .where('message_ts', 'is not', null)
      // Past the deadline the round is for closing, not nudging.
      .where('deadline_at', '>', iso(now))
      .orderBy('nudge_at')
      .orderBy('team_id')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toRound);
  }

  async unfinishedRounds(staleBefore: Date, limit: number): Promise<RoundRecord[]> {
    const rows = await this.db
      .selectFrom('rounds')
      .selectAll()
      .where((eb) => unfinishedSince(eb, staleBefore))
      .orderBy('closed_at')
      .limit(limit)
      .execute();
    return rows.map(toRound);
  }

  async claimFinish(
    workspace: Workspace,
    roundId: string,
    staleBefore: Date,
    at = new Date(),
  ): Promise<RoundRecord | undefined> {
    // One conditional update: of instances taking up the same round, one moves its claim past `staleBefore`.
    const row = await this.db
      .updateTable('rounds')
      .set({ finish_claimed_at: iso(at), updated_at: iso(at) })
      .where('team_id', '=', workspace.teamId)
      .where('id', '=', roundId)
      .where((eb) => unfinishedSince(eb, staleBefore))
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : toRound(row);
  }

  async markRoundFinished(workspace: Workspace, roundId: string, at = new Date()): Promise<boolean> {
    const result = await this.db
      .updateTable('rounds')
      .set({ finished_at: iso(at), updated_at: iso(at) })
      .where('team_id', '=', workspace.teamId)
      .where('id', '=', roundId)
      .where('finished_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async markNudged(workspace: Workspace, roundId: string, at = new Date()): Promise<boolean> {
    const result = await this.db
      .updateTable('rounds')
      .set({ nudged_at: iso(at), updated_at: iso(at) })
      .where('team_id', '=', workspace.teamId)
      .where('id', '=', roundId)
      .where('nudged_at', 'is', null)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
