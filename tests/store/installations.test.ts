import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Installation } from '@slack/bolt';
import { AuthorizationError, InstallProvider, LogLevel } from '@slack/oauth';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  openStore,
  StoreOpenError,
  type StoreWithInstallations,
  TokenKeyMismatchError,
} from '../../src/store/index.ts';
import type { NewInstallation } from '../../src/store/installations.ts';
import { NotInstalledError, slackInstallationStore } from '../../src/store/slack-installation-store.ts';
import { TokenDecryptError } from '../../src/store/token-crypto.ts';
import type { DatabaseLocation } from '../../src/store/types.ts';
import { freshPostgresDatabase } from '../helpers/postgres.ts';

const KEY = Buffer.alloc(32, 0x5a);
const OTHER_KEY = Buffer.alloc(32, 0x3c);

const WORKSPACE: NewInstallation = {
  isEnterpriseInstall: false,
  teamId: 'T0001',
  teamName: 'Acme',
  appId: 'A0001',
  installerUserId: 'U0001',
  bot: {
    token: 'xoxb-1-SECRETworkspace',
    id: 'B0001',
    userId: 'U0BOT1',
    scopes: ['commands', 'chat:write'],
  },
};

/** An org-wide install on an Enterprise Grid org, with token rotation on. */
const ORG: NewInstallation = {
  isEnterpriseInstall: true,
  enterpriseId: 'E0001',
  enterpriseName: 'Globex',
  enterpriseUrl: 'https://globex.enterprise.slack.com/',
  appId: 'A0001',
  installerUserId: 'U0002',
  bot: {
    token: 'xoxe.xoxb-1-SECRETorg',
    id: 'B0002',
    userId: 'U0BOT2',
    scopes: ['commands'],
    refreshToken: 'xoxe-1-SECRETorgrefresh',
    expiresAt: new Date('2030-01-01T00:00:00Z'),
  },
};

/** Every row of a table, read past the store, as a backup would see them. */
async function dump(at: DatabaseLocation, table: string): Promise<unknown[]> {
  if (at.kind === 'sqlite') {
    const db = new SqliteDatabase(at.path, { readonly: true });
    try {
      return db.prepare(`select * from ${table}`).all();
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: at.url });
  await client.connect();
  try {
    return (await client.query(`select * from ${table}`)).rows;
  } finally {
    await client.end();
  }
}

/** One statement run past the store (the same SQL on both databases). */
async function execute(at: DatabaseLocation, statement: string): Promise<void> {
  if (at.kind === 'sqlite') {
    const db = new SqliteDatabase(at.path);
    try {
      db.exec(statement);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: at.url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Stands in for Slack's oauth.v2.access refreshing a token: answers once `expected` requests have come in. */
async function refreshEndpoint(
  expected: number,
): Promise<{ apiUrl: string; issued: string[]; server: Server }> {
  const issued: string[] = [];
  const waiting: Array<() => void> = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const n = issued.length + 1;
      issued.push(`xoxe.xoxb-1-refreshed-${n}`);
      waiting.push(() => {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            ok: true,
            token_type: 'bot',
            access_token: `xoxe.xoxb-1-refreshed-${n}`,
            refresh_token: `xoxe-1-refresh-${n}`,
            expires_in: 43_200,
          }),
        );
      });
      if (waiting.length === expected) for (const answer of waiting) answer();
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return { apiUrl: `http://127.0.0.1:${port}/api/`, issued, server };
}

function installer(store: StoreWithInstallations, apiUrl = 'http://127.0.0.1:9/api/'): InstallProvider {
  return new InstallProvider({
    clientId: '1234567890.1234567890123',
    clientSecret: '0123456789abcdef0123456789abcdef',
    stateSecret: 'a-state-secret-for-the-installation-tests',
    installationStore: slackInstallationStore(store.installations),
    clientOptions: { slackApiUrl: apiUrl },
    logLevel: LogLevel.ERROR,
  });
}

function installationsContract(
  name: string,
  location: () => Promise<{ at: DatabaseLocation; drop(): Promise<void> }>,
) {
  describe(`installations on ${name}`, () => {
    let at: DatabaseLocation;
    let store: StoreWithInstallations;
    /** Opens another instance's store on the same database; closed after the test. */
    let another: () => Promise<StoreWithInstallations>;

    beforeEach(async () => {
      const created = await location();
      at = created.at;
      store = await openStore(at, { tokenEncryptionKey: KEY });
      const others: StoreWithInstallations[] = [];
      another = async () => {
        const opened = await openStore(at, { tokenEncryptionKey: KEY });
        others.push(opened);
        return opened;
      };
      return async () => {
        await Promise.all([store, ...others].map((s) => s.close()));
        await created.drop();
      };
    });

    it('saves, fetches, replaces on reinstall, and deletes idempotently', async () => {
      const query = { teamId: 'T0001', isEnterpriseInstall: false };
      expect(await store.installations.fetch(query)).toBeUndefined();
      await store.installations.save(WORKSPACE, new Date('2025-01-01T00:00:00Z'));
      const first = await store.installations.fetch(query);
      expect(first).toMatchObject({ ...WORKSPACE, installKey: 'team:T0001', revision: 1 });
      expect(first?.createdAt).toEqual(new Date('2025-01-01T00:00:00Z'));

      const reinstall = {
        ...WORKSPACE,
        installerUserId: 'U0009',
        bot: { ...WORKSPACE.bot, token: 'xoxb-1-SECRETnewer', scopes: ['commands'] },
      };
      await store.installations.save(reinstall, new Date('2025-02-01T00:00:00Z'));
      const second = await (await another()).installations.fetch(query);
      expect(second).toMatchObject({ installerUserId: 'U0009', bot: reinstall.bot, revision: 2 });
      expect(second?.createdAt).toEqual(new Date('2025-01-01T00:00:00Z'));
      expect(second?.updatedAt).toEqual(new Date('2025-02-01T00:00:00Z'));

      expect(await store.installations.delete(query)).toBe(true);
      expect(await store.installations.delete(query)).toBe(false);
      expect(await store.installations.fetch(query)).toBeUndefined();
    });

    it('keeps an org-wide install apart from the workspace installs of the same org', async () => {
      const inOrg = { ...WORKSPACE, teamId: 'T0002', enterpriseId: 'E0001' };
      await store.installations.save(ORG);
      await store.installations.save(inOrg);

      // Any of the org's workspaces asking for the org install gets it.
      const org = await store.installations.fetch({
        teamId: 'T0777',
        enterpriseId: 'E0001',
        isEnterpriseInstall: true,
      });
      expect(org).toMatchObject({ ...ORG, installKey: 'enterprise:E0001' });
      expect(org?.teamId).toBeUndefined();
      const workspace = await store.installations.fetch({
        teamId: 'T0002',
        enterpriseId: 'E0001',
        isEnterpriseInstall: false,
      });
      expect(workspace).toMatchObject({
        installKey: 'team:T0002',
        enterpriseId: 'E0001',
        bot: WORKSPACE.bot,
      });
      // A workspace of the org that has no install of its own is not served by the workspace rows.
      expect(
        await store.installations.fetch({ teamId: 'T0777', isEnterpriseInstall: false }),
      ).toBeUndefined();
      // A query without the id it needs finds nothing rather than throwing.
      expect(await store.installations.fetch({ teamId: 'T0002', isEnterpriseInstall: true })).toBeUndefined();

      expect(await store.installations.delete({ enterpriseId: 'E0001', isEnterpriseInstall: true })).toBe(
        true,
      );
      expect(
        await store.installations.fetch({ enterpriseId: 'E0001', isEnterpriseInstall: true }),
      ).toBeUndefined();
      expect(await store.installations.fetch({ teamId: 'T0002', isEnterpriseInstall: false })).toBeDefined();
    });

    it('refuses an installation without the id its kind is keyed by', async () => {
      const { teamId: _, ...noTeam } = WORKSPACE;
      await expect(store.installations.save(noTeam)).rejects.toThrow(/needs its team id/);
      await expect(store.installations.save({ ...ORG, enterpriseId: undefined })).rejects.toThrow(
        /needs its enterprise id/,
      );
    });

    it('leaves no token, refresh token or key in a dump of the database', async () => {
      await store.installations.save(WORKSPACE);
      await store.installations.save(ORG);
      const text = JSON.stringify([await dump(at, 'installations'), await dump(at, 'settings')]);
      expect(text).toContain('team:T0001');
      expect(text).toContain('U0BOT2');
      expect(text).not.toContain('SECRET');
      expect(text).not.toContain(KEY.toString('hex'));
      expect(text).not.toContain(KEY.toString('base64'));
    });

    it('refuses a token copied from another row, naming the installation and not the token', async () => {
      await store.installations.save(WORKSPACE);
      await store.installations.save({ ...WORKSPACE, teamId: 'T0002' });
      await execute(
        at,
        `update installations set encrypted_bot_token =
           (select encrypted_bot_token from installations where install_key = 'team:T0001')
         where install_key = 'team:T0002'`,
      );
      const error = await store.installations
        .fetch({ teamId: 'T0002', isEnterpriseInstall: false })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TokenDecryptError);
      expect((error as Error).message).toMatch(
        /^The bot token of installation team:T0002 could not be decrypted/,
      );
      expect((error as Error).message).not.toContain('SECRET');
      expect(await store.installations.fetch({ teamId: 'T0001', isEnterpriseInstall: false })).toBeDefined();
    });

    it('refuses another TOKEN_ENCRYPTION_KEY when it opens, and opens again with the right one', async () => {
      await store.installations.save(WORKSPACE);
      const error = await openStore(at, { tokenEncryptionKey: OTHER_KEY }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TokenKeyMismatchError);
      expect(error).toBeInstanceOf(StoreOpenError);
      expect((error as Error).message).toMatch(
        /^TOKEN_ENCRYPTION_KEY does not match the key this database's tokens were encrypted with/,
      );
      expect((error as Error).message).not.toContain(OTHER_KEY.toString('hex'));
      const again = await another();
      expect(
        (await again.installations.fetch({ teamId: 'T0001', isEnterpriseInstall: false }))?.bot.token,
      ).toBe(WORKSPACE.bot.token);
      // Without a key (the single-workspace modes) the database opens as before.
      const plain = await openStore(at);
      expect('installations' in plain).toBe(false);
      await plain.close();
    });

    it('stores one of two refreshes of the same token made at once, on two instances', async () => {
      await store.installations.save(ORG);
      const query = { enterpriseId: 'E0001', isEnterpriseInstall: true };
      const [a, b] = [store, await another()];
      const [readByA, readByB] = await Promise.all([
        a.installations.fetch(query),
        b.installations.fetch(query),
      ]);
      if (readByA === undefined || readByB === undefined) throw new Error('expected the installation');
      const expiresAt = new Date('2031-01-01T00:00:00Z');
      const won = await Promise.all([
        a.installations.storeRefreshedBotToken(readByA, {
          token: 'xoxe.xoxb-A',
          refreshToken: 'xoxe-A',
          expiresAt,
        }),
        b.installations.storeRefreshedBotToken(readByB, {
          token: 'xoxe.xoxb-B',
          refreshToken: 'xoxe-B',
          expiresAt,
        }),
      ]);
      expect(won.filter(Boolean)).toHaveLength(1);
      const winner = won[0] ? 'A' : 'B';
      const stored = await store.installations.fetch(query);
      expect(stored?.bot).toMatchObject({
        token: `xoxe.xoxb-${winner}`,
        refreshToken: `xoxe-${winner}`,
        expiresAt,
      });
      expect(stored?.revision).toBe(readByA.revision + 1);

      // A refresh of a token read before a reinstall does not overwrite the reinstall's token either.
      await store.installations.save(ORG);
      expect(
        await store.installations.storeRefreshedBotToken(stored as NonNullable<typeof stored>, {
          token: 'xoxe.xoxb-late',
          refreshToken: 'xoxe-late',
          expiresAt,
        }),
      ).toBe(false);
      expect((await store.installations.fetch(query))?.bot.token).toBe(ORG.bot.token);
    });

    describe("as @slack/oauth's InstallationStore", () => {
      /** What InstallProvider.handleCallback builds from oauth.v2.access for an org-wide install. */
      const orgInstallation: Installation<'v2', true> = {
        team: undefined,
        enterprise: { id: 'E0001', name: 'Globex' },
        user: { token: undefined, scopes: undefined, id: 'U0002' },
        tokenType: 'bot',
        isEnterpriseInstall: true,
        appId: 'A0001',
        authVersion: 'v2',
        enterpriseUrl: 'https://globex.enterprise.slack.com/',
        bot: {
          scopes: ['commands'],
          token: 'xoxe.xoxb-1-SECRETorg',
          userId: 'U0BOT2',
          id: 'B0002',
          refreshToken: 'xoxe-1-SECRETorgrefresh',
          expiresAt: 1_900_000_000,
        },
      };

      it('gives back what it stored, and authorises a request with it', async () => {
        const adapter = slackInstallationStore(store.installations);
        await adapter.storeInstallation(orgInstallation);
        const query = { teamId: 'T0777', enterpriseId: 'E0001', isEnterpriseInstall: true };
        expect(await adapter.fetchInstallation(query)).toEqual({
          ...orgInstallation,
          enterprise: { id: 'E0001', name: 'Globex' },
        });
        const auth = await installer(store).authorize(query);
        expect(auth).toMatchObject({
          botToken: 'xoxe.xoxb-1-SECRETorg',
          botId: 'B0002',
          botUserId: 'U0BOT2',
          teamId: 'T0777',
          enterpriseId: 'E0001',
        });
      });

      it('refuses a workspace where the app is not installed, saying which', async () => {
        const error = await installer(store)
          .authorize({ teamId: 'T0404', enterpriseId: undefined, isEnterpriseInstall: false })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AuthorizationError);
        const original = (error as AuthorizationError).original;
        expect(original).toBeInstanceOf(NotInstalledError);
        expect(original?.message).toBe('rust-or-python is not installed in the workspace T0404');
      });

      it('deletes idempotently', async () => {
        const adapter = slackInstallationStore(store.installations);
        await adapter.storeInstallation(orgInstallation);
        const query = { teamId: undefined, enterpriseId: 'E0001', isEnterpriseInstall: true };
        await adapter.deleteInstallation?.(query);
        await adapter.deleteInstallation?.(query);
        await expect(adapter.fetchInstallation(query)).rejects.toThrow(NotInstalledError);
      });

      it('keeps one token when two instances rotate an expiring token at once', async () => {
        const endpoint = await refreshEndpoint(2);
        try {
          const expiring = { ...ORG, bot: { ...ORG.bot, expiresAt: new Date(Date.now() + 60_000) } };
          await store.installations.save(expiring);
          const query = { teamId: 'T0777', enterpriseId: 'E0001', isEnterpriseInstall: true };
          const [byA, byB] = await Promise.all([
            installer(store, endpoint.apiUrl).authorize(query),
            installer(await another(), endpoint.apiUrl).authorize(query),
          ]);
          // Each request goes on with the token it was given; the store keeps exactly one of them.
          expect(new Set([byA.botToken, byB.botToken])).toEqual(new Set(endpoint.issued));
          const stored = await store.installations.fetch(query);
          expect(endpoint.issued).toContain(stored?.bot.token);
          expect(stored?.bot.refreshToken).toBe(
            stored?.bot.token?.replace('xoxe.xoxb-1-refreshed-', 'xoxe-1-refresh-'),
          );
          expect(stored?.revision).toBe(2);
          // The stored token is fresh: the next request uses it without refreshing.
          expect((await installer(store, endpoint.apiUrl).authorize(query)).botToken).toBe(stored?.bot.token);
          expect(endpoint.issued).toHaveLength(2);
        } finally {
          endpoint.server.close();
        }
      });
    });
  });
}

installationsContract('SQLite (a file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rop-installations-'));
  return {
    at: { kind: 'sqlite', path: join(dir, 'decisions.sqlite') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

installationsContract('PostgreSQL', async () => {
  const db = await freshPostgresDatabase();
  return { at: { kind: 'postgres', url: db.url }, drop: () => db.drop() };
});
