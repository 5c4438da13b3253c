import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION, recommend } from '../../src/engine/index.ts';
import { openStore } from '../../src/store/index.ts';
import { migrationProvider } from '../../src/store/migrations.ts';
import {
  type DatabaseLocation,
  type DecisionRecord,
  type NewDecision,
  type NewRound,
  type PostedMessage,
  RoundDecidedError,
  type RoundRecord,
  type Store,
} from '../../src/store/types.ts';
import { freshPostgresDatabase } from '../helpers/postgres.ts';
import { FIRMWARE, HOT_PATH_SERVICE } from '../helpers/sample-answers.ts';

const T1 = { teamId: 'T0001' };
const T2 = { teamId: 'T0002', enterpriseId: 'E0001' };
const T0 = new Date('2026-03-02T09:00:00.000Z');
const HOUR = 3_600_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

function newRound(overrides: Partial<NewRound> = {}): NewRound {
  return {
    ...T1,
    channelId: 'C0001',
    organiserId: 'U0001',
    participants: [],
    deadlineAt: at(24 * HOUR),
    createdAt: T0,
    ...overrides,
  };
}

/** A round's result as the app saves it: on the round message, with its views. */
function teamDecision(round: RoundRecord, message: PostedMessage): NewDecision {
  return {
    ...T1,
    channelId: round.channelId,
    requesterId: round.organiserId,
    answers: HOT_PATH_SERVICE,
    recommendation: recommend(HOT_PATH_SERVICE),
    engineVersion: ENGINE_VERSION,
    message,
    team: { roundId: round.id, people: [round.organiserId, 'U0002'], participants: round.participants },
  };
}

/** A raw Kysely on the database, below the store (to set up an older schema). */
function rawKysely(location: DatabaseLocation): Kysely<unknown> {
  return location.kind === 'sqlite'
    ? new Kysely({ dialect: new SqliteDialect({ database: new SqliteDatabase(location.path) }) })
    : new Kysely({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: location.url, max: 1 }) }),
      });
}

/** Team rounds, the same whichever database is behind the store. */
function roundsContract(
  name: string,
  location: () => Promise<{ at: DatabaseLocation; drop(): Promise<void> }>,
) {
  describe(`team rounds on ${name}`, () => {
    /** Opens a fresh store for one test and closes it (and drops its database) afterwards. */
    async function withStore(test: (store: Store, at: DatabaseLocation) => Promise<void>) {
      const created = await location();
      const opened = { store: await openStore(created.at) };
      try {
        await test(opened.store, created.at);
      } finally {
        await opened.store.close();
        await created.drop();
      }
    }

    it('creates a round with a random id, finds it by id and, once posted, by its message', () =>
      withStore(async (store) => {
        const round = await store.createRound(
          newRound({
            description: 'Payments ingest',
            participants: ['U0002', 'U0003', 'U0002'],
            deadlineAt: at(2 * HOUR),
          }),
        );
        const other = await store.createRound(newRound({ ...T2 }));
        expect(round.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(other.id).not.toBe(round.id);
        expect(round).toMatchObject({
          teamId: 'T0001',
          channelId: 'C0001',
          organiserId: 'U0001',
          description: 'Payments ingest',
          participants: ['U0002', 'U0003'],
        });
        expect(round.deadlineAt.toISOString()).toBe(at(2 * HOUR).toISOString());
        expect(round.createdAt.toISOString()).toBe(T0.toISOString());
        // Halfway to the deadline: when named participants who have not answered get their nudge.
        expect(round.nudgeAt?.toISOString()).toBe(at(HOUR).toISOString());
        expect(round.closedAt).toBeUndefined();
        expect(round.message).toBeUndefined();
        expect(other.enterpriseId).toBe('E0001');
        expect(other.description).toBeUndefined();
        expect(other.participants).toEqual([]);
        expect(other.nudgeAt).toBeUndefined();

        expect(await store.getRound(T1, round.id)).toEqual(round);
        expect(await store.getRound(T2, round.id)).toBeUndefined();
        expect(await store.findRoundByMessage(T1, 'C0001', '1700000000.000100')).toBeUndefined();

        const posted = await store.markRoundPosted(T1, round.id, {
          channelId: 'C0001',
          messageTs: '1700000000.000100',
          permalink: 'https://x.slack.com/archives/C0001/p1700000000000100',
        });
        expect(posted.message?.messageTs).toBe('1700000000.000100');
        const found = await store.findRoundByMessage(T1, 'C0001', '1700000000.000100');
        expect(found?.id).toBe(round.id);
        expect(found?.message?.permalink).toContain('/archives/C0001/');
        expect(await store.findRoundByMessage(T2, 'C0001', '1700000000.000100')).toBeUndefined();
        expect(await store.findRoundByMessage(T1, 'C0002', '1700000000.000100')).toBeUndefined();

        await expect(
          store.markRoundPosted(T1, 'no-such-round', { channelId: 'C1', messageTs: '1.1' }),
        ).rejects.toThrow(/not stored/);
      }));

    it('saves a round’s result once, with its views, on the round message, linked to the round', () =>
      withStore(async (store) => {
        const round = await store.createRound(newRound({ participants: ['U0002', 'U0003'] }));
        const message = { channelId: 'C0001', messageTs: '1700000000.000100' };
        await store.markRoundPosted(T1, round.id, message);
        const result = teamDecision(round, message);
        const [first, second] = await Promise.allSettled([
          store.createDecision(result),
          store.createDecision(result),
        ]);
        // Of two instances finishing the same round, one saves its result; the other is told and saves nothing.
        const saved = [first, second].filter((r) => r.status === 'fulfilled');
        const refused = [first, second].filter((r) => r.status === 'rejected');
        expect(saved).toHaveLength(1);
        expect(refused.map((r) => (r as PromiseRejectedResult).reason)).toEqual([
          expect.any(RoundDecidedError),
        ]);
        const decision = (saved[0] as PromiseFulfilledResult<DecisionRecord>).value;
        expect(decision.team).toEqual(result.team);
        expect(decision.message).toEqual(message);
        expect(await store.findByMessage(T1, message.channelId, message.messageTs)).toEqual(decision);
        expect((await store.getRound(T1, round.id))?.decisionNumber).toBe(decision.number);
        expect(await store.listAll()).toHaveLength(1);
        // A verdict of one person's has no team.
        const single = await store.createDecision({ ...result, team: undefined, message: undefined });
        expect(single.team).toBeUndefined();
        expect(single.number).toBe(decision.number + 1);
      }));

    it('lets one instance take up a round left unfinished, and only once its close is stale', () =>
      withStore(async (store) => {
        const round = await store.createRound(newRound());
        const message = { channelId: 'C0001', messageTs: '1.1' };
        await store.markRoundPosted(T1, round.id, message);
        await store.saveView(T1, round.id, 'U0001', HOT_PATH_SERVICE, at(1_000));
        await store.claimClose(T1, round.id, 'U0001', at(HOUR));
        const grace = 60_000;
        // A finish may still be under way within the grace after the close: nothing to take up.
        expect(await store.unfinishedRounds(at(HOUR - 1), 10)).toEqual([]);
        expect(await store.claimFinish(T1, round.id, at(HOUR - 1), at(HOUR + grace - 1))).toBeUndefined();
        expect((await store.unfinishedRounds(at(HOUR), 10)).map((r) => r.id)).toEqual([round.id]);
        // Two instances at once: one takes it up.
        const claims = await Promise.all([
          store.claimFinish(T1, round.id, at(HOUR), at(HOUR + grace)),
          store.claimFinish(T1, round.id, at(HOUR), at(HOUR + grace)),
        ]);
        expect(claims.filter((c) => c !== undefined).map((c) => c?.id)).toEqual([round.id]);
        // Taken up: stale again only a grace after that.
        expect(await store.unfinishedRounds(at(HOUR + grace - 1), 10)).toEqual([]);
        expect((await store.unfinishedRounds(at(HOUR + grace), 10)).map((r) => r.id)).toEqual([round.id]);
        // Its decision saved, but not shown yet: still unfinished.
        await store.createDecision(teamDecision(round, message));
        expect((await store.unfinishedRounds(at(10 * HOUR), 10)).map((r) => r.id)).toEqual([round.id]);
        // Shown: finished once, never taken up again.
        expect(await store.markRoundFinished(T1, round.id, at(HOUR + grace))).toBe(true);
        expect(await store.markRoundFinished(T1, round.id, at(HOUR + grace))).toBe(false);
        expect((await store.getRound(T1, round.id))?.finishedAt).toEqual(at(HOUR + grace));
        expect(await store.unfinishedRounds(at(10 * HOUR), 10)).toEqual([]);
        expect(await store.claimFinish(T1, round.id, at(10 * HOUR), at(10 * HOUR))).toBeUndefined();
      }));

    it('keeps one view per person: a second submission replaces the first, and views list in order', () =>
      withStore(async (store) => {
        const round = await store.createRound(newRound());
        const elsewhere = await store.createRound(newRound());

        const first = await store.saveView(T1, round.id, 'U0002', HOT_PATH_SERVICE, at(1_000));
        expect(first.outcome).toBe('saved');
        expect(first.outcome === 'saved' && first.round.id).toBe(round.id);
        expect((await store.saveView(T1, round.id, 'U0001', HOT_PATH_SERVICE, at(2_000))).outcome).toBe(
          'saved',
        );
        // The same moment: by person.
        expect((await store.saveView(T1, round.id, 'U0000', FIRMWARE, at(2_000))).outcome).toBe('saved');
        const again = await store.saveView(T1, round.id, 'U0002', FIRMWARE, at(3_000));
        expect(again.outcome).toBe('replaced');

        const views = await store.listViews(T1, round.id);
        expect(views.map((v) => v.person)).toEqual(['U0002', 'U0000', 'U0001']);
        const replaced = views[0];
        expect(replaced?.answers).toEqual(FIRMWARE);
        expect(replaced?.roundId).toBe(round.id);
        expect(replaced?.submittedAt.toISOString()).toBe(at(1_000).toISOString());
        expect(replaced?.updatedAt.toISOString()).toBe(at(3_000).toISOString());
        expect(views[2]?.answers).toEqual(HOT_PATH_SERVICE);

        expect(await store.listViews(T1, elsewhere.id)).toEqual([]);
        expect(await store.listViews(T2, round.id)).toEqual([]);
        expect(await store.saveView(T1, 'no-such-round', 'U0002', FIRMWARE)).toEqual({
          outcome: 'not-found',
        });
        expect(await store.saveView(T2, round.id, 'U0002', FIRMWARE)).toEqual({ outcome: 'not-found' });
      }));

    it('refuses views once the round is closed, new ones and replacements alike', () =>
      withStore(async (store) => {
        const round = await store.createRound(newRound());
        await store.saveView(T1, round.id, 'U0001', HOT_PATH_SERVICE, at(1_000));
        const closed = await store.claimClose(T1, round.id, 'U0001', at(2_000));
        expect(closed.outcome).toBe('claimed');

        expect(await store.saveView(T1, round.id, 'U0002', FIRMWARE, at(3_000))).toEqual({
          outcome: 'closed',
        });
        expect(await store.saveView(T1, round.id, 'U0001', FIRMWARE, at(3_000))).toEqual({
          outcome: 'closed',
        });
        const views = await store.listViews(T1, round.id);
        expect(views.map((v) => [v.person, v.answers])).toEqual([['U0001', HOT_PATH_SERVICE]]);
      }));

    it('closes exactly once: of four concurrent closes one claims it, the others see who did', () =>
      withStore(async (store) => {
        const round = await store.createRound(newRound());
        const closers = ['deadline', 'U0001', 'deadline', 'U0001'];
        const outcomes = await Promise.all(closers.map((by, i) => store.claimClose(T1, round.id, by, at(i))));
        const claimed = outcomes.filter((o) => o.outcome === 'claimed');
        expect(claimed).toHaveLength(1);
        expect(outcomes.filter((o) => o.outcome === 'already-closed')).toHaveLength(3);
        const stored = await store.getRound(T1, round.id);
        const winner = claimed[0];
        if (winner?.outcome !== 'claimed') throw new Error('no winner');
        expect(stored?.closedBy).toBe(winner.round.closedBy);
        expect(stored?.closedAt?.toISOString()).toBe(winner.round.closedAt?.toISOString());
        for (const o of outcomes) {
          if (o.outcome === 'already-closed') expect(o.round.closedBy).toBe(winner.round.closedBy);
        }
        expect(await store.claimClose(T1, 'no-such-round', 'deadline')).toEqual({ outcome: 'not-found' });
        expect(await store.claimClose(T2, round.id, 'deadline')).toEqual({ outcome: 'not-found' });
      }));

    it('never lets a view in after the close: a racing save is stored before it, or refused', () =>
      withStore(async (store) => {
        const tally = { saved: 0, closed: 0 };
        for (let i = 0; i < 12; i += 1) {
          const round = await store.createRound(newRound());
          await store.saveView(T1, round.id, 'U0001', HOT_PATH_SERVICE);
          // What the one who claims the close reads right after claiming: the views the result is made of.
          let atClose: string[] | undefined;
          const close = async (by: string) => {
            const outcome = await store.claimClose(T1, round.id, by);
            if (outcome.outcome === 'claimed')
              atClose = (await store.listViews(T1, round.id)).map((v) => v.person);
            return outcome;
          };
          const save = (person: string) => store.saveView(T1, round.id, person, FIRMWARE);
          // Both orders of starting, several savers and two closers (the organiser and the deadline sweep).
          const savers = ['U0002', 'U0003', 'U0004'];
          const closers = ['U0001', 'deadline'];
          const closeFirst = i % 2 === 1;
          const closing = closeFirst ? closers.map(close) : [];
          const saving = savers.map(save);
          if (!closeFirst) closing.push(...closers.map(close));
          const [saves, closes] = await Promise.all([Promise.all(saving), Promise.all(closing)]);
          expect(closes.filter((c) => c.outcome === 'claimed')).toHaveLength(1);

          const closedRound = (await store.getRound(T1, round.id)) as RoundRecord;
          expect(closedRound.closedAt).toBeInstanceOf(Date);
          const views = await store.listViews(T1, round.id);
          const listed = views.map((v) => v.person);
          // The result was made of every view there will ever be.
          expect(atClose?.slice().sort()).toEqual(listed.slice().sort());
          for (const [person, outcome] of savers.map((p, n) => [p, saves[n]] as const)) {
            if (outcome === undefined) throw new Error(`no outcome for ${person}`);
            expect(['saved', 'closed']).toContain(outcome.outcome);
            if (outcome.outcome === 'saved') tally.saved += 1;
            else tally.closed += 1;
            expect(listed.includes(person)).toBe(outcome.outcome === 'saved');
          }
          for (const view of views) {
            expect(view.submittedAt.getTime()).toBeLessThanOrEqual(closedRound.closedAt?.getTime() ?? 0);
            expect(view.updatedAt.getTime()).toBeLessThanOrEqual(closedRound.closedAt?.getTime() ?? 0);
          }
        }
        // Both sides of the race were run: saves that beat the close, and saves the close refused.
        expect(tally.saved + tally.closed).toBe(36);
        expect(tally.saved).toBeGreaterThan(0);
        expect(tally.closed).toBeGreaterThan(0);
      }));

    it('closes no earlier than the last view, even when that view came from a clock ahead', () =>
      withStore(async (store) => {
        const round = await store.createRound(newRound());
        await store.saveView(T1, round.id, 'U0002', FIRMWARE, at(5_000));
        const outcome = await store.claimClose(T1, round.id, 'deadline', at(4_000));
        expect(outcome.outcome).toBe('claimed');
        expect(outcome.outcome === 'claimed' && outcome.round.closedAt?.toISOString()).toBe(
          at(5_000).toISOString(),
        );
        expect((await store.getRound(T1, round.id))?.closedAt?.toISOString()).toBe(at(5_000).toISOString());

        const later = await store.createRound(newRound());
        await store.saveView(T1, later.id, 'U0002', FIRMWARE, at(5_000));
        const normal = await store.claimClose(T1, later.id, 'U0001', at(9_000));
        expect(normal.outcome === 'claimed' && normal.round.closedAt?.toISOString()).toBe(
          at(9_000).toISOString(),
        );
      }));

    it('lists due rounds: open ones whose deadline has passed, in every workspace, earliest first', () =>
      withStore(async (store) => {
        const late = await store.createRound(newRound({ deadlineAt: at(2 * HOUR) }));
        const early = await store.createRound(newRound({ ...T2, deadlineAt: at(HOUR) }));
        const onTheDot = await store.createRound(newRound({ deadlineAt: at(3 * HOUR) }));
        await store.createRound(newRound({ deadlineAt: at(5 * HOUR) }));
        const closed = await store.createRound(newRound({ deadlineAt: at(HOUR) }));
        await store.claimClose(T1, closed.id, 'U0001', at(HOUR / 2));

        const now = at(3 * HOUR);
        expect((await store.dueRounds(now, 10)).map((r) => r.id)).toEqual([early.id, late.id, onTheDot.id]);
        expect((await store.dueRounds(now, 2)).map((r) => r.id)).toEqual([early.id, late.id]);
        expect(await store.dueRounds(at(HOUR - 1), 10)).toEqual([]);
        await store.claimClose(T2, early.id, 'deadline', now);
        expect((await store.dueRounds(now, 10)).map((r) => r.id)).toEqual([late.id, onTheDot.id]);
      }));

    it('nudges a round with named participants once, halfway to its deadline, while it is open', () =>
      withStore(async (store) => {
        const named = await store.createRound(
          newRound({ participants: ['U0002'], deadlineAt: at(2 * HOUR) }),
        );
        const other = await store.createRound(
          newRound({ ...T2, participants: ['U0009'], deadlineAt: at(3 * HOUR) }),
        );
        await store.createRound(newRound({ participants: [], deadlineAt: at(2 * HOUR) })); // anyone: no nudge
        const closed = await store.createRound(
          newRound({ participants: ['U0002'], deadlineAt: at(2 * HOUR) }),
        );
        await store.claimClose(T1, closed.id, 'U0001', at(HOUR / 2));
        // A round nobody can see (its message never posted) nudges nobody.
        const unposted = await store.createRound(
          newRound({ participants: ['U0002'], deadlineAt: at(2 * HOUR) }),
        );
        for (const [ws, round, ts] of [
          [T1, named, '1.1'],
          [T2, other, '1.2'],
        ] as const) {
          await store.markRoundPosted(ws, round.id, { channelId: 'C0001', messageTs: ts });
        }
        expect((await store.roundsToNudge(at(HOUR), 10)).map((r) => r.id)).not.toContain(unposted.id);

        expect(await store.roundsToNudge(at(HOUR - 1), 10)).toEqual([]);
        expect((await store.roundsToNudge(at(HOUR), 10)).map((r) => r.id)).toEqual([named.id]);
        expect((await store.roundsToNudge(at(2 * HOUR - 1), 10)).map((r) => r.id)).toEqual([
          named.id,
          other.id,
        ]);
        expect((await store.roundsToNudge(at(2 * HOUR - 1), 1)).map((r) => r.id)).toEqual([named.id]);
        // Past its deadline a round is for closing, not nudging.
        expect((await store.roundsToNudge(at(2 * HOUR), 10)).map((r) => r.id)).toEqual([other.id]);

        const claims = await Promise.all([1, 2, 3].map(() => store.markNudged(T1, named.id, at(HOUR))));
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect((await store.getRound(T1, named.id))?.nudgedAt?.toISOString()).toBe(at(HOUR).toISOString());
        expect((await store.roundsToNudge(at(2 * HOUR - 1), 10)).map((r) => r.id)).toEqual([other.id]);
        expect(await store.markNudged(T1, named.id)).toBe(false);
        expect(await store.markNudged(T1, closed.id)).toBe(false);
        expect(await store.markNudged(T1, 'no-such-round')).toBe(false);
      }));

    it("deletes a workspace's rounds and views with its decisions, and nothing of another workspace", () =>
      withStore(async (store) => {
        const mine = await store.createRound(newRound());
        await store.saveView(T1, mine.id, 'U0001', HOT_PATH_SERVICE);
        await store.saveView(T1, mine.id, 'U0002', FIRMWARE);
        await store.createDecision({
          ...T1,
          channelId: 'C0001',
          requesterId: 'U0001',
          answers: HOT_PATH_SERVICE,
          recommendation: recommend(HOT_PATH_SERVICE),
          engineVersion: ENGINE_VERSION,
        });
        const theirs = await store.createRound(newRound({ ...T2 }));
        await store.saveView(T2, theirs.id, 'U0001', FIRMWARE);

        expect(await store.deleteWorkspace(T1.teamId)).toBe(1);
        expect(await store.getRound(T1, mine.id)).toBeUndefined();
        expect(await store.listViews(T1, mine.id)).toEqual([]);
        expect(await store.dueRounds(at(365 * 24 * HOUR), 10)).toEqual([await store.getRound(T2, theirs.id)]);
        expect((await store.listViews(T2, theirs.id)).map((v) => v.person)).toEqual(['U0001']);
      }));

    it('keeps rounds, views, closes and nudges when opened again', async () => {
      const created = await location();
      let store = await openStore(created.at);
      try {
        const round = await store.createRound(
          newRound({ participants: ['U0002'], deadlineAt: at(2 * HOUR) }),
        );
        await store.markRoundPosted(T1, round.id, { channelId: 'C0001', messageTs: '1.1' });
        await store.saveView(T1, round.id, 'U0001', HOT_PATH_SERVICE, at(1_000));
        await store.markNudged(T1, round.id, at(HOUR));
        const open = await store.createRound(newRound({ deadlineAt: at(2 * HOUR) }));
        await store.saveView(T1, open.id, 'U0003', FIRMWARE, at(2_000));
        await store.claimClose(T1, round.id, 'U0001', at(HOUR + 1));
        const before = await store.getRound(T1, round.id);
        await store.close();

        store = await openStore(created.at);
        expect(await store.getRound(T1, round.id)).toEqual(before);
        expect((await store.findRoundByMessage(T1, 'C0001', '1.1'))?.id).toBe(round.id);
        expect((await store.listViews(T1, round.id)).map((v) => [v.person, v.answers])).toEqual([
          ['U0001', HOT_PATH_SERVICE],
        ]);
        // A deadline that passed while the app was down: the open round is due when it comes back.
        expect((await store.dueRounds(at(3 * HOUR), 10)).map((r) => r.id)).toEqual([open.id]);
        expect((await store.listViews(T1, open.id)).map((v) => v.person)).toEqual(['U0003']);
      } finally {
        await store.close();
        await created.drop();
      }
    });

    /**
     * A database as an older build left it (migrated up to `migration`, holding `rows`), opened by this
     * build's store for `test`.
     */
    async function fromOlderDatabase(
      migration: string,
      rows: readonly (readonly [table: string, row: Record<string, unknown>])[],
      test: (store: Store) => Promise<void>,
    ) {
      const created = await location();
      const raw = rawKysely(created.at);
      try {
        const migrated = await new Migrator({ db: raw, provider: migrationProvider }).migrateTo(migration);
        expect(migrated.error).toBeUndefined();
        for (const [table, row] of rows) {
          await raw
            .insertInto(table as never)
            .values(row as never)
            .execute();
        }
      } finally {
        await raw.destroy();
      }
      const store = await openStore(created.at);
      try {
        await test(store);
      } finally {
        await store.close();
        await created.drop();
      }
    }

    it('takes rounds decided before results were tracked as finished, and their decisions learn whose views they rest on', () =>
      fromOlderDatabase(
        '0002_rounds',
        [
          [
            'decisions',
            {
              team_id: 'T0001',
              number: 1,
              channel_id: 'C0001',
              message_channel_id: 'C0001',
              message_ts: '1.1',
              requester_id: 'U0001',
              answers: JSON.stringify(FIRMWARE),
              recommendation: JSON.stringify(recommend(FIRMWARE)),
              engine_version: ENGINE_VERSION,
              status: 'proposed',
              created_at: at(HOUR).toISOString(),
              updated_at: at(HOUR).toISOString(),
            },
          ],
          [
            'rounds',
            {
              team_id: 'T0001',
              id: 'r-decided',
              channel_id: 'C0001',
              organiser_id: 'U0001',
              participants: '["U0002","U0003"]',
              deadline_at: at(HOUR).toISOString(),
              message_channel_id: 'C0001',
              message_ts: '1.1',
              created_at: T0.toISOString(),
              updated_at: at(HOUR).toISOString(),
              closed_at: at(HOUR).toISOString(),
              closed_by: 'deadline',
              decision_number: 1,
            },
          ],
          // The teammate answered first; the organiser's view still comes first.
          ...(['U0002', 'U0001'] as const).map(
            (person, i) =>
              [
                'round_views',
                {
                  team_id: 'T0001',
                  round_id: 'r-decided',
                  person_id: person,
                  answers: JSON.stringify(FIRMWARE),
                  submitted_at: at(i * 1_000).toISOString(),
                  updated_at: at(i * 1_000).toISOString(),
                },
              ] as const,
          ),
        ],
        async (store) => {
          expect((await store.getRound(T1, 'r-decided'))?.finishedAt).toEqual(at(HOUR));
          expect(await store.unfinishedRounds(at(100 * HOUR), 10)).toEqual([]);
          expect((await store.getDecision(T1, 1))?.team).toEqual({
            roundId: 'r-decided',
            people: ['U0001', 'U0002'],
            participants: ['U0002', 'U0003'],
          });
        },
      ));

    it('brings a database made before rounds up to date, keeping its decisions', () =>
      fromOlderDatabase(
        '0001_decisions',
        [
          [
            'decisions',
            {
              team_id: 'T0001',
              number: 1,
              channel_id: 'C0001',
              requester_id: 'U0001',
              answers: JSON.stringify(FIRMWARE),
              recommendation: JSON.stringify(recommend(FIRMWARE)),
              engine_version: ENGINE_VERSION,
              status: 'proposed',
              created_at: T0.toISOString(),
              updated_at: T0.toISOString(),
            },
          ],
        ],
        async (store) => {
          expect((await store.getDecision(T1, 1))?.answers).toEqual(FIRMWARE);
          const round = await store.createRound(newRound());
          expect((await store.saveView(T1, round.id, 'U0001', FIRMWARE)).outcome).toBe('saved');
        },
      ));
  });
}

roundsContract('SQLite (a file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rop-rounds-'));
  return {
    at: { kind: 'sqlite', path: join(dir, 'decisions.sqlite') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

roundsContract('PostgreSQL', async () => {
  const db = await freshPostgresDatabase();
  return { at: { kind: 'postgres', url: db.url }, drop: () => db.drop() };
});
