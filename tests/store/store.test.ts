import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ENGINE_VERSION, recommend } from '../../src/engine/index.ts';
import { openStore, StoreOpenError } from '../../src/store/index.ts';
import { LATEST_MIGRATION, migrationProvider } from '../../src/store/migrations.ts';
import type { DatabaseLocation, NewDecision, Store } from '../../src/store/types.ts';
import { freshPostgresDatabase } from '../helpers/postgres.ts';
import { FIRMWARE, HOT_PATH_SERVICE } from '../helpers/sample-answers.ts';

const T1 = { teamId: 'T0001' };
const T2 = { teamId: 'T0002', enterpriseId: 'E0001' };

function newDecision(overrides: Partial<NewDecision> = {}): NewDecision {
  const answers = overrides.answers ?? HOT_PATH_SERVICE;
  return {
    ...T1,
    channelId: 'C0001',
    requesterId: 'U0001',
    answers,
    recommendation: recommend(answers),
    engineVersion: ENGINE_VERSION,
    ...overrides,
  };
}

/** The same behaviour, whichever database is behind the store. */
function storeContract(
  name: string,
  location: () => Promise<{ at: DatabaseLocation; drop(): Promise<void> }>,
) {
  describe(`the store on ${name}`, () => {
    let store: Store;
    let drop: () => Promise<void>;
    let at: DatabaseLocation;

    beforeEach(async () => {
      const created = await location();
      at = created.at;
      drop = created.drop;
      store = await openStore(at);
      return async () => {
        await store.close();
        await drop();
      };
    });

    it('numbers decisions per workspace from 1, and keeps what was decided as it was shown', async () => {
      const first = await store.createDecision(newDecision());
      const second = await store.createDecision(newDecision({ answers: FIRMWARE }));
      const other = await store.createDecision(newDecision({ ...T2 }));
      expect([first.number, second.number, other.number]).toEqual([1, 2, 1]);
      expect(first.status).toBe('proposed');
      expect(other.enterpriseId).toBe('E0001');
      const read = await store.getDecision(T1, 2);
      expect(read?.recommendation).toEqual(recommend(FIRMWARE));
      expect(read?.answers).toEqual(FIRMWARE);
      expect(read?.engineVersion).toBe(ENGINE_VERSION);
      expect(read?.createdAt).toBeInstanceOf(Date);
      expect(await store.getDecision(T2, 2)).toBeUndefined();
    });

    it('gives distinct numbers to decisions saved at the same moment', async () => {
      const made = await Promise.all(Array.from({ length: 20 }, () => store.createDecision(newDecision())));
      expect(new Set(made.map((d) => d.number)).size).toBe(20);
      expect(Math.max(...made.map((d) => d.number))).toBe(20);
    });

    it('finds a decision by its message once posted, and lists a channel newest first', async () => {
      const a = await store.createDecision(newDecision());
      const b = await store.createDecision(newDecision());
      await store.createDecision(newDecision({ channelId: 'C0002' }));
      await store.markPosted(T1, a.number, {
        channelId: 'C0001',
        messageTs: '1700000000.000100',
        permalink: 'https://x.slack.com/archives/C0001/p1700000000000100',
      });
      await store.markPosted(T1, b.number, { channelId: 'C0001', messageTs: '1700000001.000100' });
      const found = await store.findByMessage(T1, 'C0001', '1700000000.000100');
      expect(found?.number).toBe(a.number);
      expect(found?.message?.permalink).toContain('/archives/C0001/');
      expect((await store.listByChannel(T1, 'C0001', 10)).map((d) => d.number)).toEqual([2, 1]);
      expect(await store.listByChannel(T1, 'C0002', 10)).toEqual([]);
      expect(await store.listByChannel(T2, 'C0001', 10)).toEqual([]);
      expect((await store.listByChannel(T1, 'C0001', 1)).map((d) => d.number)).toEqual([2]);
    });

    it("lists a person's own decisions, newest first, including one shown only to them", async () => {
      const mine = await store.createDecision(newDecision({ requesterId: 'U0001' }));
      const theirs = await store.createDecision(newDecision({ requesterId: 'U0002' }));
      await store.createDecision(newDecision({ requesterId: 'U0001' })); // shown privately: no message
      await store.markPosted(T1, mine.number, { channelId: 'C0001', messageTs: '1.1' });
      await store.markPosted(T1, theirs.number, { channelId: 'C0001', messageTs: '1.2' });
      const listed = await store.listByRequester(T1, 'U0001', 10);
      expect(listed.map((d) => d.number)).toEqual([3, 1]);
      expect(listed.map((d) => d.message?.messageTs)).toEqual([undefined, '1.1']);
    });

    it('accepts once: of concurrent presses exactly one wins, and a superseded decision cannot be accepted', async () => {
      const d = await store.createDecision(newDecision());
      const at = new Date('2026-03-01T10:00:00Z');
      const outcomes = await Promise.all(
        ['U0001', 'U0002', 'U0003', 'U0004'].map((u) => store.accept(T1, d.number, u, at)),
      );
      const winners = outcomes.filter((o) => o.outcome === 'accepted');
      expect(winners).toHaveLength(1);
      expect(outcomes.filter((o) => o.outcome === 'already-accepted')).toHaveLength(3);
      const stored = await store.getDecision(T1, d.number);
      expect(stored?.status).toBe('accepted');
      expect(stored?.acceptedAt?.toISOString()).toBe(at.toISOString());
      const winner = winners[0];
      expect(winner?.outcome === 'accepted' && winner.decision.acceptedBy).toBe(stored?.acceptedBy);

      const old = await store.createDecision(newDecision());
      const replacement = await store.createDecision(newDecision());
      await store.supersede(T1, old.number, replacement.number);
      expect((await store.accept(T1, old.number, 'U0001')).outcome).toBe('superseded');
      expect((await store.accept(T1, 99, 'U0001')).outcome).toBe('not-found');
    });

    it('supersedes with links both ways, and an accepted decision can be superseded', async () => {
      const old = await store.createDecision(newDecision());
      await store.accept(T1, old.number, 'U0001');
      const next = await store.createDecision(newDecision({ answers: FIRMWARE }));
      const outcome = await store.supersede(T1, old.number, next.number);
      expect(outcome.outcome).toBe('superseded');
      const [o, n] = [await store.getDecision(T1, old.number), await store.getDecision(T1, next.number)];
      expect(o?.status).toBe('superseded');
      expect(o?.supersededBy).toBe(next.number);
      expect(o?.acceptedBy).toBe('U0001');
      expect(n?.supersedes).toBe(old.number);
      expect(n?.status).toBe('proposed');
    });

    it('two adjusts of one decision at once make a chain, not two heads', async () => {
      const old = await store.createDecision(newDecision());
      const a = await store.createDecision(newDecision());
      const b = await store.createDecision(newDecision());
      const [ra, rb] = await Promise.all([
        store.supersede(T1, old.number, a.number),
        store.supersede(T1, old.number, b.number),
      ]);
      const superseded = [ra, rb].map((r) => (r.outcome === 'superseded' ? r.old.number : undefined)).sort();
      // One of them superseded the old decision, the other superseded that one.
      expect(superseded).toContain(old.number);
      const heads = (await store.listAll({ teamId: T1.teamId })).filter((d) => d.status !== 'superseded');
      expect(heads).toHaveLength(1);
      expect([a.number, b.number]).toContain(heads[0]?.number);
    });

    it('discards a decision that reached nobody, freeing its number', async () => {
      await store.createDecision(newDecision());
      const lost = await store.createDecision(newDecision());
      await store.discardDecision(T1, lost.number);
      expect(await store.getDecision(T1, lost.number)).toBeUndefined();
      expect((await store.createDecision(newDecision())).number).toBe(lost.number);
    });

    it("deletes one workspace's data and nothing else", async () => {
      await store.createDecision(newDecision());
      await store.createDecision(newDecision());
      await store.createDecision(newDecision({ ...T2 }));
      expect(await store.deleteWorkspace(T1.teamId)).toBe(2);
      expect(await store.listAll({ teamId: T1.teamId })).toEqual([]);
      expect(await store.listAll()).toHaveLength(1);
      // Numbering starts again for a workspace that reinstalls.
      expect((await store.createDecision(newDecision())).number).toBe(1);
    });

    it('takes each Slack event and each button press once, across instances, and forgets old events', async () => {
      const other = await openStore(at);
      try {
        const t0 = new Date('2026-03-02T09:00:00Z');
        // The first delivery and Slack's retry of it, on two instances at once: one takes it.
        const taken = await Promise.all([store.claimEvent('Ev01', t0), other.claimEvent('Ev01', t0)]);
        expect(taken.filter(Boolean)).toHaveLength(1);
        expect(await store.claimEvent('Ev01', t0)).toBe(false);
        expect(await store.claimEvent('Ev02', t0)).toBe(true);
        await store.forgetReceipts(new Date(t0.getTime() + 1));
        expect(await other.claimEvent('Ev01', t0)).toBe(true);
        await expect(store.ping()).resolves.toBeUndefined();

        // A double click's two presses, on two instances: one claims it; after its claim ends, a new press can.
        const until = new Date(t0.getTime() + 30_000);
        const pressed = await Promise.all([
          store.claimPress('adjust U1 C1 1.1', t0, until),
          other.claimPress('adjust U1 C1 1.1', t0, until),
        ]);
        expect(pressed.filter(Boolean)).toHaveLength(1);
        await store.extendPress('adjust U1 C1 1.1', new Date(t0.getTime() + 1_000));
        expect(await other.claimPress('adjust U1 C1 1.1', new Date(t0.getTime() + 999), until)).toBe(false);
        expect(await other.claimPress('adjust U1 C1 1.1', new Date(t0.getTime() + 1_000), until)).toBe(true);
      } finally {
        await other.close();
      }
    });

    it('keeps its data when opened again, migrating nothing twice', async () => {
      if (at.kind === 'sqlite' && at.path === ':memory:') return;
      const d = await store.createDecision(newDecision());
      await store.accept(T1, d.number, 'U0009');
      await store.close();
      store = await openStore(at);
      expect((await store.getDecision(T1, d.number))?.acceptedBy).toBe('U0009');
    });
  });
}

storeContract('SQLite (a file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rop-store-'));
  return {
    at: { kind: 'sqlite', path: join(dir, 'nested', 'decisions.sqlite') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

storeContract('PostgreSQL', async () => {
  const db = await freshPostgresDatabase();
  return { at: { kind: 'postgres', url: db.url }, drop: () => db.drop() };
});

describe('opening a store', () => {
  it('says which PostgreSQL host it could not reach, and why, never the password', async () => {
    const error = await openStore({
      kind: 'postgres',
      url: 'postgres://app:s3cret-pw@127.0.0.1:1/decisions',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    const message = (error as Error).message;
    expect(message).toContain('127.0.0.1:1/decisions');
    expect(message).toMatch(/ECONNREFUSED|refused/i);
    expect(message).not.toContain('s3cret-pw');
  });

  it('says which SQLite file it could not open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rop-store-'));
    try {
      // A directory where the file should be.
      const error = await openStore({ kind: 'sqlite', path: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreOpenError);
      expect((error as Error).message).toContain(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('two instances starting at once against one PostgreSQL', () => {
    let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
    beforeAll(async () => {
      db = await freshPostgresDatabase();
    });
    afterAll(async () => {
      await db.drop();
    });

    it('apply each migration once (the migrator holds a lock) and both work', async () => {
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => openStore({ kind: 'postgres', url: db.url })),
      );
      const made = await Promise.all(stores.map((s) => s.createDecision(newDecision())));
      expect(new Set(made.map((d) => d.number)).size).toBe(4);
      await Promise.all(stores.map((s) => s.close()));

      const kysely = new Kysely<unknown>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: db.url, max: 1 }) }),
      });
      try {
        const applied = await new Migrator({ db: kysely, provider: migrationProvider }).getMigrations();
        expect(applied.every((m) => m.executedAt !== undefined)).toBe(true);
        expect(applied.at(-1)?.name).toBe(LATEST_MIGRATION);
        const rows = await kysely
          .selectFrom('kysely_migration' as never)
          .select('name' as never)
          .execute();
        expect(rows).toHaveLength(applied.length);
      } finally {
        await kysely.destroy();
      }
    });
  });
});
