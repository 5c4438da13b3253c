import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from './schema.ts';
import type { TokenCipher } from './token-crypto.ts';

/**
 * Where the app is installed and with which bot token (issue 13, distribution mode). One row per workspace, or
 * per Enterprise Grid org for an org-wide install, keyed by `install_key`:
 *
 *   team:<team id>              a workspace install (inside an org or not)
 *   enterprise:<enterprise id>  an org-wide install, serving every workspace of the org
 *
 * A workspace install is keyed by its team id alone: team ids are unique across Slack, and a workspace that
 * joins an org later keeps its team id while its enterprise id appears.
 *
 * Tokens are stored encrypted (token-crypto.ts), each bound to its install key and column. A `settings` row
 * holds a known marker encrypted with the key, so a wrong TOKEN_ENCRYPTION_KEY is found when the store opens.
 */

export interface InstallationsTable {
  install_key: string;
  /** Null for a workspace outside any org. */
  enterprise_id: string | null;
  enterprise_name: string | null;
  /** An org install's landing page for the org's workspaces. */
  enterprise_url: string | null;
  /** Null for an org-wide install. */
  team_id: string | null;
  team_name: string | null;
  app_id: string | null;
  /** v1:… ciphertext (token-crypto.ts), associated data `<install_key>:bot_token`. */
  encrypted_bot_token: string;
  bot_id: string;
  bot_user_id: string;
  /** JSON array of the scopes granted to the bot. */
  bot_scopes: string;
  /** With token rotation on: v1:… ciphertext, associated data `<install_key>:bot_refresh_token`. */
  encrypted_bot_refresh_token: string | null;
  bot_token_expires_at: string | null;
  /** Who installed (or last reinstalled) the app. */
  installer_user_id: string;
  /** Raised by every write, so that a token refresh can tell whether the row changed since it was read. */
  revision: number;
  created_at: string;
  updated_at: string;
}

/** Small facts about the database itself, one value per name. */
export interface SettingsTable {
  name: string;
  value: string;
}

/** A type, not an interface: Kysely's `withTables` needs a type with an implicit index signature. */
export type InstallationTables = {
  installations: InstallationsTable;
  settings: SettingsTable;
};

/** Which installation a request needs: the shape of Bolt's context and @slack/oauth's InstallationQuery. */
export interface InstallationQuery {
  readonly teamId?: string | undefined;
  readonly enterpriseId?: string | undefined;
  /** An org-wide install: found by the enterprise id, whichever of the org's workspaces asks. */
  readonly isEnterpriseInstall: boolean;
}

export interface BotCredentials {
  readonly token: string;
  readonly id: string;
  readonly userId: string;
  readonly scopes: readonly string[];
  /** With token rotation on: what refreshes the token, and when the token stops working. */
  readonly refreshToken?: string;
  readonly expiresAt?: Date;
}

export interface NewInstallation extends InstallationQuery {
  readonly teamName?: string;
  readonly enterpriseName?: string;
  readonly enterpriseUrl?: string;
  readonly appId?: string;
  readonly installerUserId: string;
  readonly bot: BotCredentials;
}

export interface StoredInstallation extends NewInstallation {
  readonly installKey: string;
  /** The row's revision when read: `storeRefreshedBotToken` stores only over this one. */
  readonly revision: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What a token refresh (oauth.v2.access with grant_type=refresh_token) gives. */
export interface RefreshedBotToken {
  readonly token: string;
  readonly refreshToken: string;
  readonly expiresAt: Date;
}

/** The installations, as the OAuth flow, request authorisation and uninstall handling need them. */
export interface InstallationStore {
  /** Adds the installation, or replaces the one with the same key (a reinstall), keeping its created_at. */
  save(installation: NewInstallation, at?: Date): Promise<void>;
  /** The installation serving `query`, or undefined when the app is not installed there. */
  fetch(query: InstallationQuery): Promise<StoredInstallation | undefined>;
  /** Removes it; true when there was one. Idempotent: uninstall events may come twice, in any order. */
  delete(query: InstallationQuery): Promise<boolean>;
  /**
   * Stores a refreshed bot token only if the installation is still as `from` was read (same revision): of
   * instances refreshing the same token at once, one stores its token (true) and the others keep theirs for the
   * request at hand only (false), so the store never flips between two refreshed tokens.
   */
  storeRefreshedBotToken(from: StoredInstallation, refreshed: RefreshedBotToken, at?: Date): Promise<boolean>;
}

/** The installation's row key, or undefined when the query lacks the id it needs. */
export function installKey(query: InstallationQuery): string | undefined {
  if (query.isEnterpriseInstall) return query.enterpriseId ? `enterprise:${query.enterpriseId}` : undefined;
  return query.teamId ? `team:${query.teamId}` : undefined;
}

const KEY_CHECK_SETTING = 'token_key_check';
const KEY_CHECK_MARKER = 'rust-or-python: TOKEN_ENCRYPTION_KEY check';

/**
 * Whether `cipher`'s key is the one this database's tokens are encrypted with. The first call on a database
 * stores the marker encrypted with the key (of instances starting at once, the first to write sets it); every
 * later call decrypts it.
 */
export async function tokenKeyMatches(database: Kysely<Database>, cipher: TokenCipher): Promise<boolean> {
  const db = database.withTables<InstallationTables>();
  await db
    .insertInto('settings')
    .values({ name: KEY_CHECK_SETTING, value: cipher.encrypt(KEY_CHECK_MARKER, KEY_CHECK_SETTING) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const { value } = await db
    .selectFrom('settings')
    .select('value')
    .where('name', '=', KEY_CHECK_SETTING)
    .executeTakeFirstOrThrow();
  try {
    return cipher.decrypt(value, KEY_CHECK_SETTING) === KEY_CHECK_MARKER;
  } catch {
    return false;
  }
}

const iso = (date: Date) => date.toISOString();

/** The installation store over the app's Kysely instance; tokens go through `cipher` both ways. */
export class KyselyInstallationStore implements InstallationStore {
  private readonly db: Kysely<Database & InstallationTables>;

  constructor(
    database: Kysely<Database>,
    private readonly cipher: TokenCipher,
  ) {
    this.db = database.withTables<InstallationTables>();
  }

  private seal(key: string, column: 'bot_token' | 'bot_refresh_token', token: string): string {
    return this.cipher.encrypt(token, `${key}:${column}`);
  }

  private open(key: string, column: 'bot_token' | 'bot_refresh_token', text: string): string {
    const what = column === 'bot_token' ? 'The bot token' : 'The bot refresh token';
    return this.cipher.decrypt(text, `${key}:${column}`, `${what} of installation ${key}`);
  }

  async save(installation: NewInstallation, at = new Date()): Promise<void> {
    const key = installKey(installation);
    if (key === undefined) {
      throw new Error(
        installation.isEnterpriseInstall
          ? 'An org-wide installation needs its enterprise id'
          : 'A workspace installation needs its team id',
      );
    }
    const { bot } = installation;
    const row = {
      enterprise_id: installation.enterpriseId ?? null,
      enterprise_name: installation.enterpriseName ?? null,
      enterprise_url: installation.enterpriseUrl ?? null,
      team_id: installation.isEnterpriseInstall ? null : (installation.teamId ?? null),
      team_name: installation.isEnterpriseInstall ? null : (installation.teamName ?? null),
      app_id: installation.appId ?? null,
      encrypted_bot_token: this.seal(key, 'bot_token', bot.token),
      bot_id: bot.id,
      bot_user_id: bot.userId,
      bot_scopes: JSON.stringify(bot.scopes),
      encrypted_bot_refresh_token:
        bot.refreshToken === undefined ? null : this.seal(key, 'bot_refresh_token', bot.refreshToken),
      bot_token_expires_at: bot.expiresAt === undefined ? null : iso(bot.expiresAt),
      installer_user_id: installation.installerUserId,
      updated_at: iso(at),
    };
    await this.db
      .insertInto('installations')
      .values({ install_key: key, ...row, revision: 1, created_at: iso(at) })
      .onConflict((oc) =>
        oc.column('install_key').doUpdateSet({ ...row, revision: sql<number>`installations.revision + 1` }),
      )
      .execute();
  }

  async fetch(query: InstallationQuery): Promise<StoredInstallation | undefined> {
    const key = installKey(query);
    if (key === undefined) return undefined;
    const row = await this.db
      .selectFrom('installations')
      .selectAll()
      .where('install_key', '=', key)
      .executeTakeFirst();
    return row === undefined ? undefined : this.toInstallation(row);
  }

  async delete(query: InstallationQuery): Promise<boolean> {
    const key = installKey(query);
    if (key === undefined) return false;
    const deleted = await this.db
      .deleteFrom('installations')
      .where('install_key', '=', key)
      .executeTakeFirst();
    return deleted.numDeletedRows > 0n;
  }

  async storeRefreshedBotToken(
    from: StoredInstallation,
    refreshed: RefreshedBotToken,
    at = new Date(),
  ): Promise<boolean> {
    // One conditional statement: whichever instance's update runs first raises the revision, and the others'
    // match no row (PostgreSQL re-checks the condition after waiting for the first one's row lock).
    const updated = await this.db
      .updateTable('installations')
      .set({
        encrypted_bot_token: this.seal(from.installKey, 'bot_token', refreshed.token),
        encrypted_bot_refresh_token: this.seal(from.installKey, 'bot_refresh_token', refreshed.refreshToken),
        bot_token_expires_at: iso(refreshed.expiresAt),
        revision: sql<number>`revision + 1`,
        updated_at: iso(at),
      })
      .where('install_key', '=', from.installKey)
      .where('revision', '=', from.revision)
      .executeTakeFirst();
    return updated.numUpdatedRows > 0n;
  }

  private toInstallation(row: Selectable<InstallationsTable>): StoredInstallation {
    const key = row.install_key;
    return {
      installKey: key,
      isEnterpriseInstall: row.team_id === null,
      ...(row.team_id === null ? {} : { teamId: row.team_id }),
      ...(row.team_name === null ? {} : { teamName: row.team_name }),
      ...(row.enterprise_id === null ? {} : { enterpriseId: row.enterprise_id }),
      ...(row.enterprise_name === null ? {} : { enterpriseName: row.enterprise_name }),
      ...(row.enterprise_url === null ? {} : { enterpriseUrl: row.enterprise_url }),
      ...(row.app_id === null ? {} : { appId: row.app_id }),
      installerUserId: row.installer_user_id,
      bot: {
        token: this.open(key, 'bot_token', row.encrypted_bot_token),
        id: row.bot_id,
        userId: row.bot_user_id,
        scopes: JSON.parse(row.bot_scopes) as string[],
        ...(row.encrypted_bot_refresh_token === null
          ? {}
          : { refreshToken: this.open(key, 'bot_refresh_token', row.encrypted_bot_refresh_token) }),
        ...(row.bot_token_expires_at === null ? {} : { expiresAt: new Date(row.bot_token_expires_at) }),
      },
      revision: Number(row.revision),
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
    };
  }
}
