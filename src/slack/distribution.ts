import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type App,
  type BufferedIncomingMessage,
  type CodedError,
  type Context,
  ErrorCode,
  HTTPModuleFunctions,
  type HTTPReceiverOptions,
  type Installation,
  type Logger,
} from '@slack/bolt';
import { z } from 'zod';
import type { DistributionConfig } from '../config.ts';
import type { StoreWithInstallations } from '../store/index.ts';
import type { InstallationQuery, InstallationStore } from '../store/installations.ts';
import { NotInstalledError, slackInstallationStore } from '../store/slack-installation-store.ts';
import type { Store } from '../store/types.ts';
import { postToResponseUrl } from './listeners/response-url.ts';

/**
 * Distribution mode: "Add to Slack" for any workspace (Bolt's OAuth support, @slack/oauth's InstallProvider,
 * over our own installation store), each request authorised from the store by its team, uninstalls handled.
 * The pages are plain HTML with nothing but text and links, escaped, under a CSP that runs nothing.
 */

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** The manifest a distributed app is created from: its bot scopes are the ones "Add to Slack" asks for. */
const DISTRIBUTION_MANIFEST = new URL('../../manifests/manifest.distribution.json', import.meta.url);

/** The bot scopes of the distribution manifest (read once, at start: the manifest is the one list of them). */
export function distributionScopes(): string[] {
  const manifest = z
    .object({ oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()).min(1) }) }) })
    .parse(JSON.parse(readFileSync(DISTRIBUTION_MANIFEST, 'utf8')));
  return manifest.oauth_config.scopes.bot;
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** A page: a title, paragraphs of text, and links; everything escaped. */
export function page(
  title: string,
  paragraphs: readonly (string | { text: string; href: string; id?: string })[],
) {
  const body = paragraphs
    .map((p) =>
      typeof p === 'string'
        ? `<p>${escapeHtml(p)}</p>`
        : `<p><a${p.id === undefined ? '' : ` id="${escapeHtml(p.id)}"`} href="${escapeHtml(p.href)}">${escapeHtml(p.text)}</a></p>`,
    )
    .join('\n');
  return `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${escapeHtml(title)} · rust-or-python</title></head>\n<body>\n<h1>${escapeHtml(title)}</h1>\n${body}\n</body>\n</html>\n`;
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, PAGE_HEADERS);
  res.end(html);
}

/** The install page: one "Add to Slack" link to Slack's authorize URL (with the scopes and a signed state). */
function installPage(url: string): string {
  return page('Add rust-or-python to Slack', [
    'rust-or-python helps a team decide between Rust, Python or a hybrid for a concrete project: /rust-or-python in any channel.',
    { text: 'Add to Slack', href: url, id: 'add-to-slack' },
  ]);
}

/** Where the installer goes next: the app in Slack's client (an org-wide install: the org's app settings). */
function openInSlack(installation: Installation): (string | { text: string; href: string; id: string })[] {
  const appId = installation.appId ?? '';
  if (installation.isEnterpriseInstall) {
    return installation.enterpriseUrl === undefined
      ? ['Choose its workspaces in your org’s admin settings, under Apps.']
      : [
          {
            text: 'Choose the workspaces of your org that get it',
            href: `${installation.enterpriseUrl}manage/organization/apps/profile/${appId}/workspaces/add`,
            id: 'open-in-slack',
          },
        ];
  }
  const team = installation.team?.id ?? '';
  return [
    {
      text: 'Open rust-or-python in Slack',
      href: `slack://app?team=${team}&id=${appId}`,
      id: 'open-in-slack',
    },
    {
      text: 'Open Slack in the browser',
      href: `https://app.slack.com/client/${team}`,
      id: 'open-in-browser',
    },
  ];
}

/** The error code a Slack Web API method answered (`invalid_code`, `bad_client_secret`…), if it is one. */
function slackErrorCode(error: CodedError): string | undefined {
  const code = (error as { data?: { error?: unknown } }).data?.error;
  return typeof code === 'string' && /^[a-z_]{1,60}$/.test(code) ? code : undefined;
}

/** Why an install did not complete, as the failure page says it, with its HTTP status. */
export function failurePage(error: CodedError, slackError: string | null): { status: number; html: string } {
  const again = { text: 'Start again', href: INSTALL_PATH, id: 'start-again' };
  switch (error.code) {
    case 'slack_oauth_installer_authorization_error':
      return {
        status: 200,
        html: page('Installation cancelled', [
          'You cancelled the installation: nothing was installed.',
          again,
        ]),
      };
    case 'slack_oauth_invalid_state':
    case 'slack_oauth_missing_state':
      return {
        status: 400,
        html: page('This installation link can’t be used', [
          'It was used already, is over 10 minutes old, or was opened in another browser than the one that started it. This attempt changed nothing: if you installed the app a moment ago, it is still installed.',
          'If a fresh start fails the same way, tell whoever runs rust-or-python.',
          again,
        ]),
      };
    case 'slack_oauth_missing_code':
      return {
        status: 400,
        html: page('Slack did not complete the installation', [
          slackError === null
            ? 'Slack sent no authorisation code, so nothing was installed.'
            : `Slack said: ${slackError.slice(0, 100)}. Nothing was installed.`,
          again,
        ]),
      };
    default:
      if (error.code?.startsWith('slack_webapi_')) {
        const said = slackErrorCode(error);
        return {
          status: 502,
          html: page('Slack did not hand over the installation', [
            `Slack may list the app as added, but rust-or-python did not receive its access${said === undefined ? '' : ` (Slack said: ${said})`}, so it cannot answer in this workspace yet.`,
            'Add it again below; if this keeps happening, tell whoever runs rust-or-python.',
            again,
          ]),
        };
      }
      return {
        status: 500,
        html: page('The installation could not be saved', [
          'Slack added the app, but rust-or-python could not save its access, so it cannot answer in this workspace yet.',
          'Add it again below in a moment; if this keeps happening, tell whoever runs rust-or-python.',
          again,
        ]),
      };
  }
}

/** Reading a request's installation failed (the database, say): not the same as "not installed". */
export class InstallationLookupError extends Error {
  constructor(cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`reading its installation failed: ${why.slice(0, 200)}`, { cause });
    this.name = 'InstallationLookupError';
  }
}

/** The installation store as Bolt needs it, reaching the app's store once it is open (it opens in start()). */
function lazyInstallations(installations: () => InstallationStore): InstallationStore {
  return {
    save: (installation, at) => installations().save(installation, at),
    fetch: async (query) => {
      try {
        return await installations().fetch(query);
      } catch (error) {
        throw new InstallationLookupError(error);
      }
    },
    delete: (query) => installations().delete(query),
    storeRefreshedBotToken: (from, refreshed, at) =>
      installations().storeRefreshedBotToken(from, refreshed, at),
  };
}

/** The HTTP receiver's OAuth options: "Add to Slack" at /slack/install, the callback at /slack/oauth_redirect. */
export function oauthReceiverOptions(
  config: DistributionConfig,
  installations: () => InstallationStore,
  clientOptions: { slackApiUrl?: string; timeout: number },
): Pick<
  HTTPReceiverOptions,
  'clientId' | 'clientSecret' | 'stateSecret' | 'scopes' | 'installationStore' | 'installerOptions'
> {
  return {
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    // Signed state (no state kept in memory): any instance verifies a state another one issued.
    stateSecret: config.stateSecret,
    scopes: distributionScopes(),
    installationStore: slackInstallationStore(lazyInstallations(installations)),
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      authorizationUrl: config.authorizeUrl,
      directInstall: false,
      // A code is good once: the exchange is not retried (a retry could only fail with invalid_code).
      clientOptions: { ...clientOptions, retryConfig: { retries: 0 } },
      installPathOptions: {
        beforeRedirection: async (_req, res) => {
          for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
          return true;
        },
      },
      renderHtmlForInstallPath: installPage,
      callbackOptions: {
        success: (installation, _options, _req, res) => {
          const where = installation.isEnterpriseInstall
            ? (installation.enterprise?.name ?? 'your org')
            : (installation.team?.name ?? 'your workspace');
          send(
            res,
            200,
            page(`rust-or-python is installed in ${where}`, [
              installation.isEnterpriseInstall
                ? 'Next, choose which of your org’s workspaces get it. There, type /rust-or-python in any channel to decide for a project, or /rust-or-python team to ask your team.'
                : 'Type /rust-or-python in any channel to decide for a project, or /rust-or-python team to ask your team.',
              ...openInSlack(installation),
            ]),
          );
        },
        failure: (error, _options, req, res) => {
          const slackError = new URL(req.url ?? '/', 'http://x').searchParams.get('error');
          const { status, html } = failurePage(error, slackError);
          send(res, status, html);
        },
      },
    },
  };
}

/** Whether `error` (from authorising a request or the installer) says the app is not installed there. */
export function isNotInstalled(error: unknown): boolean {
  return rootCause(error) instanceof NotInstalledError;
}

/** The error behind Bolt's AuthorizationError (Bolt's wraps @slack/oauth's, which wraps the store's). */
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth += 1) {
    const next = (current as { original?: unknown } | null)?.original;
    if (next === undefined || next === null) break;
    current = next;
  }
  return current;
}

/** The workspace a signed request came from, for the log. */
/** A signed request's payload: an interaction's `payload` JSON, or the form itself (commands, events). */
function payloadOf(body: Record<string, unknown>): Record<string, unknown> {
  if (typeof body.payload !== 'string') return body;
  try {
    return JSON.parse(body.payload) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The workspace a signed request came from, for the log. */
function teamOfRequest(payload: Record<string, unknown>): string {
  const team = payload.team_id ?? (payload.team as { id?: unknown } | undefined)?.id;
  return typeof team === 'string' && /^[A-Z0-9]{1,32}$/.test(team) ? team : 'unknown';
}

/** A modal that only says `text`: how a form's submission is answered when the app cannot act on it. */
function noticeModal(text: string): Record<string, unknown> {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'rust-or-python' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'plain_text', text } }],
  };
}

/**
 * Answers a request whose installation could not be had: a slash command gets a private reply saying why,
 * and the reason is logged with the team id. From a workspace the app is not installed in, anything else gets
 * an empty 200 (an event would otherwise be retried, for a team never served); when the installation could
 * not be read, a 503, so that Slack delivers an event again later and shows the person that it failed. False
 * for any other error (the caller answers it).
 */
export function answerUnauthorised(
  error: unknown,
  request: IncomingMessage,
  response: ServerResponse,
  logger: Logger,
  slackApiUrl: string | undefined,
): boolean {
  if ((error as CodedError).code !== ErrorCode.AuthorizationError) return false;
  const cause = rootCause(error);
  const notInstalled = cause instanceof NotInstalledError;
  if (!notInstalled && !(cause instanceof InstallationLookupError)) return false;
  let body: Record<string, unknown> = {};
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(request as BufferedIncomingMessage) as Record<
      string,
      unknown
    >;
  } catch {
    // Signed and read once already; an unreadable body still gets the answer below.
  }
  const payload = payloadOf(body);
  const team = teamOfRequest(payload);
  if (notInstalled) {
    logger.warn(`Refused a request from workspace ${team}: rust-or-python is not installed there.`);
  } else {
    logger.error(`Could not serve a request from workspace ${team}: ${cause.message}`);
  }
  const text = notInstalled
    ? 'rust-or-python has no installation on record for this workspace, so it did nothing. Someone needs to add it again from its "Add to Slack" page: ask whoever runs rust-or-python for the link.'
    : 'Sorry, rust-or-python could not look up its installation in this workspace just now, so it did nothing. Please try again in a moment.';
  if (typeof body.command === 'string') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ response_type: 'ephemeral', text }));
  } else if (payload.type === 'view_submission') {
    // The form stays open, saying why nothing happened.
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ response_action: 'update', view: noticeModal(text) }));
  } else {
    response.writeHead(notInstalled ? 200 : 503);
    response.end();
    // A button on a message carries a response URL: the person who pressed it is told there.
    if (payload.type === 'block_actions' && typeof payload.response_url === 'string') {
      postToResponseUrl(
        payload.response_url,
        { response_type: 'ephemeral', replace_original: false, text },
        { slackApiUrl, timeoutMs: 3_000 },
      ).catch(() => logger.info('Could not tell the person who pressed a button why nothing happened.'));
    }
  }
  return true;
}

/** The query for a request's installation, from Bolt's context. */
function queryOf(context: Context): InstallationQuery {
  return {
    ...(context.teamId === undefined ? {} : { teamId: context.teamId }),
    ...(context.enterpriseId === undefined ? {} : { enterpriseId: context.enterpriseId }),
    isEnterpriseInstall: context.isEnterpriseInstall === true,
  };
}

/**
 * `app_uninstalled` and `tokens_revoked` (Bolt runs them without authorising: the tokens are gone). The app
 * holds only a bot token, so either means it is gone from the workspace: the installation is deleted, and
 * with it the workspace's decisions, rounds and views (README, "Your data"). They may come in either order,
 * or twice: both are idempotent.
 */
export function registerInstallListeners(
  app: App,
  deps: { store: () => StoreWithInstallations | Store },
): void {
  const uninstall = async (context: Context, eventTime: unknown, logger: Logger) => {
    const store = deps.store();
    if (!('installations' in store)) throw new Error('The store has no installations: not distribution mode');
    // A late delivery (Slack retries for minutes) must not undo an install made after the uninstall.
    const current = await store.installations.fetch(queryOf(context));
    if (
      current !== undefined &&
      typeof eventTime === 'number' &&
      // event_time is in whole seconds: an install in the same second counts as before it.
      current.updatedAt.getTime() >= (eventTime + 1) * 1000
    ) {
      logger.info('Ignored an uninstall from before the workspace installed the app again.');
      return;
    }
    const removed = await store.installations.delete(queryOf(context));
    // An org-wide install is keyed by the org: its workspaces' records stay until each is uninstalled.
    const deleted = context.teamId === undefined ? 0 : await store.deleteWorkspace(context.teamId);
    const where = context.isEnterpriseInstall ? `org ${context.enterpriseId}` : `workspace ${context.teamId}`;
    logger.info(
      `Uninstalled from ${where}: ${removed ? 'its installation' : 'no installation (gone already)'} and ${deleted} ${deleted === 1 ? 'decision' : 'decisions'} deleted.`,
    );
  };
  app.event('app_uninstalled', async ({ body, context, logger }) =>
    uninstall(context, body.event_time, logger),
  );
  app.event('tokens_revoked', async ({ body, event, context, logger }) => {
    // Only the bot's token counts: the app holds no user tokens.
    if ((event.tokens.bot ?? []).length > 0) await uninstall(context, body.event_time, logger);
  });
}
