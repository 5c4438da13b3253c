import type {
  Installation,
  InstallationQuery as SlackInstallationQuery,
  InstallationStore as SlackInstallationStore,
} from '@slack/bolt';
import type {
  InstallationQuery,
  InstallationStore,
  NewInstallation,
  StoredInstallation,
} from './installations.ts';

/**
 * Our installation store as @slack/oauth's `InstallationStore`, for Bolt's OAuth support (InstallProvider): the
 * install callback stores through it, every request's authorisation fetches through it.
 *
 * Kept: team, enterprise, app id, org URL, installer, and the bot's token, ids, scopes and rotation fields.
 * Not kept: user tokens and incoming webhooks, which the app's manifests never ask for.
 */

/** The app is not installed where a request came from; Bolt passes it on as an AuthorizationError's `original`. */
export class NotInstalledError extends Error {
  constructor(readonly query: InstallationQuery) {
    super(
      `rust-or-python is not installed in ${
        query.isEnterpriseInstall
          ? `the Enterprise Grid org ${query.enterpriseId ?? '(no enterprise id)'}`
          : `the workspace ${query.teamId ?? '(no team id)'}`
      }`,
    );
    this.name = 'NotInstalledError';
  }
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

function toNewInstallation(installation: Installation): NewInstallation {
  const { bot } = installation;
  if (bot === undefined) {
    // The manifests ask for bot scopes, so Slack always grants a bot token with an install.
    throw new Error('The installation has no bot token: the app needs its bot scopes granted');
  }
  return {
    isEnterpriseInstall: installation.isEnterpriseInstall === true,
    teamId: installation.team?.id,
    teamName: installation.team?.name,
    enterpriseId: installation.enterprise?.id,
    enterpriseName: installation.enterprise?.name,
    enterpriseUrl: installation.enterpriseUrl,
    appId: installation.appId,
    installerUserId: installation.user.id,
    bot: {
      token: bot.token,
      id: bot.id,
      userId: bot.userId,
      scopes: bot.scopes,
      refreshToken: bot.refreshToken,
      expiresAt: bot.expiresAt === undefined ? undefined : new Date(bot.expiresAt * 1000),
    },
  };
}

function toSlackInstallation(stored: StoredInstallation): Installation<'v2', boolean> {
  const { bot } = stored;
  return {
    team: stored.isEnterpriseInstall ? undefined : { id: stored.teamId as string, name: stored.teamName },
    enterprise:
      stored.enterpriseId === undefined
        ? undefined
        : { id: stored.enterpriseId, name: stored.enterpriseName },
    enterpriseUrl: stored.enterpriseUrl,
    appId: stored.appId,
    user: { id: stored.installerUserId, token: undefined, scopes: undefined },
    bot: {
      token: bot.token,
      id: bot.id,
      userId: bot.userId,
      scopes: [...bot.scopes],
      refreshToken: bot.refreshToken,
      expiresAt: bot.expiresAt === undefined ? undefined : seconds(bot.expiresAt),
    },
    tokenType: 'bot',
    isEnterpriseInstall: stored.isEnterpriseInstall,
    authVersion: 'v2',
  };
}

export function slackInstallationStore(store: InstallationStore): SlackInstallationStore {
  // The installation each `bot` handed out was read as. InstallProvider.authorize refreshes an expiring token
  // by changing that very object and storing the installation again; knowing what it was read as turns that
  // store into a conditional one, so that of instances refreshing at once only one token is kept.
  const readAs = new WeakMap<object, StoredInstallation>();
  return {
    async storeInstallation(installation, logger) {
      const { bot } = installation;
      const from = bot === undefined ? undefined : readAs.get(bot);
      if (
        from !== undefined &&
        bot !== undefined &&
        bot.token !== from.bot.token &&
        bot.refreshToken !== undefined &&
        bot.expiresAt !== undefined
      ) {
        const stored = await store.storeRefreshedBotToken(from, {
          token: bot.token,
          refreshToken: bot.refreshToken,
          expiresAt: new Date(bot.expiresAt * 1000),
        });
        if (!stored) {
          logger?.debug(
            `Installation ${from.installKey} was refreshed elsewhere first: keeping the stored token, using this one for this request only`,
          );
        }
        return;
      }
      await store.save(toNewInstallation(installation));
    },
    async fetchInstallation(query: SlackInstallationQuery<boolean>) {
      const stored = await store.fetch(query);
      if (stored === undefined) throw new NotInstalledError(query);
      const installation = toSlackInstallation(stored);
      if (installation.bot !== undefined) readAs.set(installation.bot, stored);
      return installation;
    },
    async deleteInstallation(query: SlackInstallationQuery<boolean>) {
      await store.delete(query);
    },
  };
}
