import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import {
  App,
  type CodedError,
  ErrorCode,
  HTTPReceiver,
  type Logger,
  LogLevel,
  type ReceiverProcessEventErrorHandlerArgs,
  SocketModeReceiver,
  webApi,
} from '@slack/bolt';
import type {
  DistributionConfig,
  HttpModeConfig,
  LogLevelName,
  SlackConfig,
  SocketModeConfig,
} from '../config.ts';
import { openStore, type StoreWithInstallations } from '../store/index.ts';
import type { InstallationStore } from '../store/installations.ts';
import type { RoundRecord, Store } from '../store/types.ts';
import type { RequestContext } from './deliver.ts';
import {
  answerUnauthorised,
  isNotInstalled,
  oauthReceiverOptions,
  registerInstallListeners,
} from './distribution.ts';
import { registerListeners } from './listeners/index.ts';
import { bindDelivery, createDelivery, type DeliveryPolicy } from './posting.ts';
import { errorName, roundClockTick } from './rounds.ts';

/** How often the round clock runs by default: a round closes at most this long after its deadline. */
export const ROUND_CLOCK_MS = 15_000;

/**
 * Web API client policy.
 *
 * - Each request gives up after 3 s: a Slack that hangs is reported to the user instead of leaving them
 *   waiting forever, and a trigger_id is dead after 3 s anyway.
 * - 2 retries, 0.5 s then 1 s apart: a 5xx or a dropped connection is retried, and the user hears about a
 *   persistent failure within about 2 s (a hanging API: 3 attempts x 3 s + 1.5 s, about 10.5 s).
 * - 429 with Retry-After stays on (`rejectRateLimitedCalls` false): the client pauses for Retry-After seconds
 *   and retries, each wait counting as one of the 2 retries, so a brief rate limit is ridden out.
 */
export const WEB_API_TIMEOUT_MS = 3_000;
export const WEB_API_RETRY_CONFIG: webApi.RetryOptions = {
  retries: 2,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 1_000,
  randomize: false,
};

/**
 * Largest request body the HTTP receiver reads (Bolt's default is 4 MB). Every payload this app handles (a
 * slash command, its own modal and messages, app_home_opened) is tens of kB, so 1 MB leaves ample room even
 * for percent-encoded non-ASCII text, while a body is buffered before its signature can be checked: a
 * smaller cap means less memory any unsigned request can make the app hold.
 */
export const HTTP_BODY_LIMIT_BYTES = 1024 * 1024;

/** How long an event's id is remembered: Slack retries a delivery three times, the last about 5 minutes on. */
const EVENT_RECEIPT_TTL_MS = 60 * 60 * 1000;

/** How long `stop()` waits for listeners still working (posting a verdict after the ack) to finish. */
const DRAIN_TIMEOUT_MS = 10_000;

export interface SlackAppDeps {
  /** Where log lines go (stderr by default); the logger itself is built from the config. */
  readonly writeLog?: (line: string) => void;
  /** Interface for the HTTP receiver to listen on; all interfaces when absent. Tests pass 127.0.0.1. */
  readonly host?: string;
  readonly webApiTimeoutMs?: number;
  /** How listeners post (posting.ts); each post attempt's timeout is the Web API timeout. */
  readonly deliveryPolicy?: Partial<DeliveryPolicy>;
  readonly webApiRetryConfig?: webApi.RetryOptions;
  /**
   * An open store to use (the caller closes it). Without one, `start()` opens `config.database` and `stop()`
   * closes it.
   */
  readonly store?: Store;
  /** The time now, for round deadlines; the system's clock by default (tests inject one). */
  readonly clock?: () => Date;
  /** How often the round clock looks for rounds past their deadline (and people to nudge); 15 s by default. */
  readonly roundClockMs?: number;
}

export interface SlackApp {
  readonly app: App;
  /**
   * Opens the store (applying migrations; in distribution mode checking TOKEN_ENCRYPTION_KEY against it),
   * checks the bot token (auth.test; distribution mode has none at start), then listens; resolves with the HTTP
   * port in HTTP mode. Rejects with a StoreOpenError when the database cannot be opened.
   */
  start(): Promise<{ port?: number }>;
  /** Stops taking requests, lets the ones in flight finish, then resolves. */
  stop(): Promise<void>;
  /**
   * Resolves when Slack has ended the app's connection for good (Socket Mode turned off for the app): nothing
   * more arrives until someone turns it back on. Never resolves in HTTP mode.
   */
  readonly ended: Promise<void>;
}

const LEVEL_BY_NAME: Record<LogLevelName, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};
const SEVERITY: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

/** Anything shaped like a Slack token, whether or not it is ours. */
const TOKEN_PATTERN = /\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/g;

/** A `/` as it appears in a URL that is plain, inside JSON (`\/`) or form-encoded (`%2F`). */
const SLASH = String.raw`(?:\\?/|%2[Ff])`;
/** The rest of a URL: up to whatever ends it in a log line, a JSON string or a form body. */
const URL_REST = String.raw`[^\s"'<>&,;|)\]}]*`;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A URL on `host` (a pattern), with or without its scheme, in any of the spellings above; with `except`, not
 * one whose path starts with that pattern, and only with a path.
 */
function urlOnHost(host: string, except?: string): RegExp {
  const scheme = `(?:https?(?::|%3[Aa])${SLASH}${SLASH})?`;
  const path = `${SLASH}${URL_REST}`;
  return new RegExp(
    except === undefined ? `${scheme}${host}(?:${path})?` : `${scheme}${host}(?!${except})${path}`,
    // Host names are case-insensitive, so HOOKS.SLACK.COM is the same host.
    'gi',
  );
}

/** Slack's response URLs (https://hooks.slack.com/commands/..., /actions/..., and GovSlack's). */
const SLACK_RESPONSE_URL = urlOnHost(String.raw`hooks\.slack(?:-gov)?\.com`);

/**
 * A Slack stand-in (SLACK_API_URL) serves its Web API under that URL's path and its response URLs elsewhere
 * on the same host; its Web API URLs stay readable in the log, anything else on that host is dropped.
 */
function standInResponseUrl(slackApiUrl: string): { pattern: RegExp; replacement: string } {
  const url = new URL(slackApiUrl);
  const host = escapeRegExp(url.hostname) + (url.port === '' ? '' : `(?::|%3[Aa])${url.port}`);
  const apiPath = url.pathname
    .split('/')
    .filter((part) => part !== '')
    .map(escapeRegExp)
    .map((part) => `${SLASH}${part}`)
    .join('');
  return { pattern: urlOnHost(host, `${apiPath}${SLASH}`), replacement: `${url.origin}/[response URL]` };
}

/**
 * JSON fields whose values are ids, codes and enums, kept in logged payloads so a debug log still says which
 * channel, user, view or envelope a line is about. Every other string in a payload is what someone wrote or
 * what Slack carries for them (message text, the modal's answers and metadata, names, response URLs): only
 * its length is logged.
 */
const PAYLOAD_ID_FIELDS = new Set([
  'type',
  'subtype',
  'id',
  'error',
  'channel',
  'channel_id',
  'user',
  'user_id',
  'team',
  'team_id',
  'enterprise_id',
  'api_app_id',
  'app_id',
  'bot_id',
  'ts',
  'thread_ts',
  'message_ts',
  'event_ts',
  'action_ts',
  'trigger_id',
  'view_id',
  'root_view_id',
  'previous_view_id',
  'callback_id',
  'action_id',
  'block_id',
  'envelope_id',
  'event_id',
  'response_action',
  'response_type',
  'command',
  'reason',
  'retry_reason',
]);
const ID_VALUE = /^[\w.:/@+-]{0,100}$/;

function scrubPayload(value: unknown, field?: string): unknown {
  if (typeof value === 'string') {
    const keep =
      value === '' || (field !== undefined && PAYLOAD_ID_FIELDS.has(field) && ID_VALUE.test(value));
    return keep ? value : `[${value.length} chars]`;
  }
  if (Array.isArray(value)) return value.map((item) => scrubPayload(item, field));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubPayload(item, key)]));
  }
  return value;
}

/** Where the JSON value that opens at `start` ends (just past it), or -1; string contents are skipped. */
function endOfJson(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth += 1;
    else if (ch === '}' || ch === ']') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The SDKs log whole payloads at debug level (request bodies and results of Web API calls, Socket Mode
 * envelopes, ack bodies), embedded in their lines as JSON. Each JSON object or array in a line is logged
 * with only its ids kept (see PAYLOAD_ID_FIELDS).
 */
function scrubJsonPayloads(text: string): string {
  const opening = /\{\s*["}]|\[\s*[{["\]]/g;
  let out = '';
  let from = 0;
  for (let match = opening.exec(text); match !== null; match = opening.exec(text)) {
    const end = endOfJson(text, match.index);
    const parsed = end === -1 ? undefined : parseJson(text.slice(match.index, end));
    if (parsed === undefined) continue;
    out += text.slice(from, match.index) + JSON.stringify(scrubPayload(parsed));
    from = end;
    opening.lastIndex = end;
  }
  return out + text.slice(from);
}

export interface RedactionOptions {
  /** SLACK_API_URL when the app talks to a Slack stand-in, whose response URLs live on the same host. */
  readonly slackApiUrl?: string;
}

/**
 * A console logger that keeps secrets and what users wrote out of every line, whatever the line came from
 * (Bolt, the Web API client, Socket Mode, our listeners): the given secrets, anything token-shaped, response
 * URLs (each one lets anyone post into the conversation for 30 minutes), and the text in logged payloads.
 */
export function createRedactingLogger(
  level: LogLevelName,
  secrets: readonly string[],
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  options: RedactionOptions = {},
): Logger {
  let current = LEVEL_BY_NAME[level];
  let name = 'rust-or-python';
  const known = secrets.filter((s) => s.length > 0);
  const standIn = options.slackApiUrl === undefined ? undefined : standInResponseUrl(options.slackApiUrl);
  const redact = (text: string) => {
    let out = known.reduce((line, secret) => line.split(secret).join('[redacted]'), scrubJsonPayloads(text));
    out = out
      .replace(TOKEN_PATTERN, '$1-[redacted]')
      .replace(SLACK_RESPONSE_URL, 'hooks.slack.com/[response URL]');
    return standIn === undefined ? out : out.replace(standIn.pattern, standIn.replacement);
  };
  const format = (parts: unknown[]) =>
    parts
      .map((p) =>
        typeof p === 'string' ? p : inspect(p, { depth: 5, breakLength: Number.POSITIVE_INFINITY }),
      )
      .join(' ');
  const emit = (at: LogLevel, parts: unknown[]) => {
    if (SEVERITY[at] < SEVERITY[current]) return;
    write(redact(`[${at.toUpperCase()}] ${name} ${format(parts)}`));
  };
  return {
    debug: (...msg) => emit(LogLevel.DEBUG, msg),
    info: (...msg) => emit(LogLevel.INFO, msg),
    warn: (...msg) => emit(LogLevel.WARN, msg),
    error: (...msg) => emit(LogLevel.ERROR, msg),
    setLevel: (next) => {
      current = next;
    },
    getLevel: () => current,
    setName: (next) => {
      name = next;
    },
  };
}

/** Enough of Bolt's error message to say what was wrong, not a copy of a 100 kB body. */
const ERROR_PREVIEW_CHARS = 200;

/**
 * Bolt's default processEventErrorHandler (HTTPModuleFunctions.js), except for a signed body that Bolt
 * cannot read: Bolt inspects the envelope (`event.type`, `channel`, `team`, ...) before any middleware
 * runs, so a body of the wrong shape throws a TypeError there, which the default answers with 500 as if
 * the app were broken. It is the request that is wrong: 400. Listener errors never get here (app.error
 * takes them), so whatever else does stays a 500, as in Bolt. In distribution mode, a request whose
 * installation could not be had is answered by `answerUnauthorised`.
 */
export async function answerUnprocessableEvent(
  { error, logger, request, response, storedResponse }: ReceiverProcessEventErrorHandlerArgs,
  /** SLACK_API_URL: a stand-in's response URLs are on its host (answerUnauthorised may post to one). */
  slackApiUrl?: string,
): Promise<boolean> {
  if (response.headersSent) {
    logger.error('An unhandled error occurred after ack() called in a listener');
    logger.debug(`Error details: ${error}, storedResponse: ${storedResponse}`);
    return false;
  }
  if (answerUnauthorised(error, request, response, logger, slackApiUrl)) return true;
  if ((error as CodedError).code === ErrorCode.AuthorizationError) {
    response.writeHead(401);
    response.end();
    return true;
  }
  if (error instanceof TypeError) {
    logger.warn(
      'Rejected a signed request with a malformed body (400):',
      error.message.slice(0, ERROR_PREVIEW_CHARS),
    );
    response.writeHead(400, { 'content-type': 'text/plain' });
    response.end('malformed request');
    return true;
  }
  logger.error('An unhandled error occurred while Bolt processed an event');
  logger.debug(`Error details: ${error}, storedResponse: ${storedResponse}`);
  response.writeHead(500);
  response.end();
  return false;
}

/** Slack's replay window: a request dated further than this from our clock, either way, is refused. */
export const REQUEST_MAX_SKEW_SECONDS = 5 * 60;

/**
 * Refuses (401, as Bolt refuses a bad signature) a request dated more than five minutes ahead. Bolt
 * rejects only requests more than five minutes old; Slack's rule is the difference either way, so that a
 * request signed ahead of time cannot be replayed for as long as its date lies in the future.
 */
function refuseFutureDatedRequests(receiver: HTTPReceiver, logger: Logger): void {
  const handle = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const header = req.headers['x-slack-request-timestamp'];
    const ahead = Number(header) - Math.floor(Date.now() / 1000);
    if (typeof header === 'string' && ahead > REQUEST_MAX_SKEW_SECONDS) {
      logger.warn(
        `Rejected a request dated ${ahead} s ahead of this machine's clock (more than 5 minutes); if this repeats, check the clock.`,
      );
      res.writeHead(401);
      res.end();
      return;
    }
    handle(req, res);
  };
}

/** How long the health check waits for the database. */
const HEALTH_DB_TIMEOUT_MS = 2_000;

/**
 * The HTTP receiver: Slack's requests at /slack/events (signed), /healthz (200 "ok" while taking requests and
 * the database answers, else 503 with what is wrong), and in distribution mode "Add to Slack" (`oauth`).
 */
function createHttpReceiver(
  config: HttpModeConfig | DistributionConfig,
  logger: Logger,
  health: () => Promise<string | undefined>,
  oauth?: ReturnType<typeof oauthReceiverOptions>,
): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret: config.signingSecret,
    signatureVerification: true,
    endpoints: ['/slack/events'],
    logger,
    processEventErrorHandler: (args) => answerUnprocessableEvent(args, config.slackApiUrl),
    bodyLimit: HTTP_BODY_LIMIT_BYTES,
    ...oauth,
    customRoutes: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_req, res) => {
          void health().then((problem) => {
            res.writeHead(problem === undefined ? 200 : 503, { 'content-type': 'text/plain' });
            res.end(problem ?? 'ok');
          });
        },
      },
    ],
  });
  refuseFutureDatedRequests(receiver, logger);
  return receiver;
}

/** What a Socket Mode `disconnect` message says, or undefined for any other message. */
function disconnectReason(data: unknown): string | undefined {
  if (typeof data !== 'string' || !data.includes('"disconnect"')) return undefined;
  try {
    const message = JSON.parse(data) as { type?: unknown; reason?: unknown };
    if (message.type !== 'disconnect') return undefined;
    return typeof message.reason === 'string' ? message.reason : 'no reason given';
  } catch {
    return undefined;
  }
}

/**
 * The Socket Mode receiver, with a client of its own. Bolt hands the app's `clientOptions` to the Socket
 * Mode client unless it is given others: the Web API policy (3 s timeout, 2 retries) would then replace the
 * client's own for apps.connections.open (retry, backing off, for as long as Slack is down), and a routine
 * reconnect meeting a short outage would fail for good, as an unhandled rejection that ends the process.
 * So it gets only the API URL.
 *
 * Slack ends connections with a `disconnect` message: `warning` and `refresh_requested` as routine (the
 * client reconnects by itself), `link_disabled` when Socket Mode has been turned off in the app's settings.
 * The client would reconnect after that too, and again each time Slack ends the new connection; instead the
 * app says what happened, closes the client and resolves `ended` (main.ts then stops the process).
 */
function createSocketModeReceiver(
  config: SocketModeConfig,
  logger: Logger,
  onLinkDisabled: () => void,
): SocketModeReceiver {
  const receiver = new SocketModeReceiver({
    appToken: config.appToken,
    logger,
    installerOptions: {
      clientOptions: config.slackApiUrl === undefined ? {} : { slackApiUrl: config.slackApiUrl },
    },
  });
  const { client } = receiver;
  client.on('ws_message', (data: unknown) => {
    const reason = disconnectReason(data);
    if (reason === undefined) return;
    if (reason !== 'link_disabled') {
      logger.info(`Slack is closing the Socket Mode connection (${reason}); reconnecting.`);
      return;
    }
    logger.error(
      'Slack closed the connection because Socket Mode was turned off for this app (link_disabled), so the ' +
        'app stops instead of reconnecting. Turn Socket Mode back on (api.slack.com/apps → your app → ' +
        'Socket Mode) and start the app again, or run it in HTTP mode (SLACK_SIGNING_SECRET).',
    );
    client.disconnect().then(onLinkDisabled, onLinkDisabled);
  });
  return receiver;
}

/**
 * Builds the Bolt app for Socket Mode or HTTP mode, with every listener registered. `convoStore: false`:
 * nothing here reads `context.conversation`, and Bolt's default store would otherwise look up (and keep in
 * memory) a conversation for every request. `logLevel` is passed because Bolt otherwise sets the logger's
 * level to INFO, whatever LOG_LEVEL says.
 */
export function createSlackApp(config: SlackConfig, deps: SlackAppDeps = {}): SlackApp {
  const secrets =
    config.mode === 'socket'
      ? [config.botToken, config.appToken]
      : config.mode === 'http'
        ? [config.botToken, config.signingSecret]
        : [
            config.signingSecret,
            config.clientSecret,
            config.stateSecret,
            config.tokenEncryptionKey.toString('hex'),
          ];
  const logger = createRedactingLogger(config.logLevel, secrets, deps.writeLog, {
    ...(config.slackApiUrl === undefined ? {} : { slackApiUrl: config.slackApiUrl }),
  });
  const clientOptions = {
    ...(config.slackApiUrl === undefined ? {} : { slackApiUrl: config.slackApiUrl }),
    timeout: deps.webApiTimeoutMs ?? WEB_API_TIMEOUT_MS,
    retryConfig: deps.webApiRetryConfig ?? WEB_API_RETRY_CONFIG,
  };
  const delivery = createDelivery({
    timeoutMs: deps.webApiTimeoutMs ?? WEB_API_TIMEOUT_MS,
    ...deps.deliveryPolicy,
  });
  let accepting = false;
  let endedForGood: () => void = () => {};
  const ended = new Promise<void>((resolve) => {
    endedForGood = resolve;
  });

  let store: Store | undefined = deps.store;
  const clock = deps.clock ?? (() => new Date());
  const openStoreOf = () => {
    if (store === undefined) throw new Error('The store is not open: the app was not started');
    return store;
  };
  const installations = (): InstallationStore => {
    const opened = openStoreOf();
    if (!('installations' in opened)) throw new Error('The store was opened without TOKEN_ENCRYPTION_KEY');
    return (opened as StoreWithInstallations).installations;
  };
  /** Healthy: taking requests, and the database answers in time. */
  const health = async (): Promise<string | undefined> => {
    if (!accepting || store === undefined) return 'not ready';
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        store.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), HEALTH_DB_TIMEOUT_MS);
        }),
      ]);
      return undefined;
    } catch {
      return 'database unreachable';
    } finally {
      clearTimeout(timer);
    }
  };

  const httpReceiver =
    config.mode === 'socket'
      ? undefined
      : createHttpReceiver(
          config,
          logger,
          health,
          config.mode === 'distribution'
            ? oauthReceiverOptions(config, installations, {
                ...(config.slackApiUrl === undefined ? {} : { slackApiUrl: config.slackApiUrl }),
                timeout: deps.webApiTimeoutMs ?? WEB_API_TIMEOUT_MS,
              })
            : undefined,
        );
  const app = new App({
    // Distribution mode: every request is authorised from the installation store by its team.
    ...(config.mode === 'distribution' ? {} : { token: config.botToken }),
    convoStore: false,
    logger,
    logLevel: LEVEL_BY_NAME[config.logLevel],
    clientOptions,
    deferInitialization: true,
    ...(httpReceiver === undefined
      ? {
          socketMode: true,
          receiver: createSocketModeReceiver(config as SocketModeConfig, logger, () => endedForGood()),
        }
      : { receiver: httpReceiver }),
  });

  // Slack retries an event it thinks was not received (X-Slack-Retry-Num), to any instance: each event_id is
  // handled once. Bolt has acknowledged events already when this runs, so a repeat is simply dropped.
  app.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (
      typeof eventId === 'string' &&
      eventId !== '' &&
      !(await openStoreOf().claimEvent(eventId, clock()))
    ) {
      logger.info(`Dropped a repeat of event ${eventId} (retry ${context.retryNum ?? 0}).`);
      return;
    }
    await next();
  });
  // Listeners keep working after their ack (posting the verdict); stop() waits for them.
  const inFlight = new Set<Promise<unknown>>();
  app.use(async ({ client, context, next }) => {
    bindDelivery(client, delivery, context.teamId);
    const work = next();
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });
  registerListeners(app, { store: openStoreOf, clock });
  if (config.mode === 'distribution') registerInstallListeners(app, { store: openStoreOf });

  // Distribution mode: the round clock acts for a workspace with that workspace's token, one client each.
  const clients = new Map<string, { token: string; client: webApi.WebClient }>();
  const clientFor = async (round: RoundRecord): Promise<webApi.WebClient | undefined> => {
    const installer = httpReceiver?.installer;
    if (config.mode !== 'distribution' || installer === undefined) return app.client;
    // Through the installer, as a request is: a rotating token near its expiry is refreshed (and stored once).
    const tokenOf = (isEnterpriseInstall: boolean) =>
      installer
        .authorize({
          teamId: round.teamId,
          enterpriseId: round.enterpriseId,
          isEnterpriseInstall,
        })
        .then(
          (authorized) => authorized.botToken,
          (error: unknown) => {
            if (isNotInstalled(error)) return undefined;
            throw error;
          },
        );
    const token =
      (await tokenOf(false)) ?? (round.enterpriseId === undefined ? undefined : await tokenOf(true));
    if (token === undefined) return undefined;
    const known = clients.get(round.teamId);
    if (known?.token === token) return known.client;
    const client = new webApi.WebClient(token, { ...clientOptions, logger, teamId: round.teamId });
    clients.set(round.teamId, { token, client });
    return client;
  };
  // The round clock: closes rounds past their deadline (also those that passed while the app was down) and
  // nudges; several instances may all run it, the store's claims make each close and nudge happen once.
  let roundClock: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  const tickRounds = () => {
    if (ticking !== undefined || store === undefined) return;
    ticking = tickOnce().finally(() => {
      ticking = undefined;
    });
  };
  const tickOnce = async () => {
    if (store === undefined) return;
    try {
      await roundClockTick(
        store,
        clock(),
        async (round): Promise<RequestContext | undefined> => {
          const client = await clientFor(round);
          if (client === undefined) return undefined;
          bindDelivery(client, delivery, round.teamId);
          return {
            client,
            logger,
            userId: round.organiserId,
            channelId: round.message?.channelId ?? round.channelId,
            source: 'round_clock',
          };
        },
        logger,
      );
      await store.forgetReceipts(new Date(clock().getTime() - EVENT_RECEIPT_TTL_MS));
    } catch (error) {
      logger.error('The round clock failed', { error: errorName(error) });
    }
  };
  app.error(async (error) => {
    // Answered by the receiver (answerUnprocessableEvent): "not installed here", "try again", or a 401.
    if (error.code === ErrorCode.AuthorizationError) throw error;
    logger.error('Unhandled error in a listener:', error);
  });

  return {
    app,
    ended,
    async start() {
      store ??=
        config.mode === 'distribution'
          ? await openStore(config.database, { tokenEncryptionKey: config.tokenEncryptionKey })
          : await openStore(config.database);
      await app.init();
      roundClock = setInterval(tickRounds, deps.roundClockMs ?? ROUND_CLOCK_MS);
      roundClock.unref();
      tickRounds();
      if (config.mode === 'socket') {
        await app.start();
        accepting = true;
        return {};
      }
      const server = await app.start(
        deps.host === undefined ? config.port : { port: config.port, host: deps.host },
      );
      accepting = true;
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
      accepting = false;
      clearInterval(roundClock);
      await ticking;
      await app.stop();
      const drained = Promise.allSettled([...inFlight]);
      await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref())]);
      if (deps.store === undefined && store !== undefined) {
        const opened = store;
        store = undefined;
        await opened.close();
      }
    },
  };
}
