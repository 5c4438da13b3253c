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
  type webApi,
} from '@slack/bolt';
import type { LogLevelName, SlackConfig } from '../config.ts';
import { registerListeners } from './listeners/index.ts';

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

/** How long `stop()` waits for listeners still working (posting a verdict after the ack) to finish. */
const DRAIN_TIMEOUT_MS = 10_000;

export interface SlackAppDeps {
  readonly logger?: Logger;
  /** Interface for the HTTP receiver to listen on; all interfaces when absent. Tests pass 127.0.0.1. */
  readonly host?: string;
  readonly webApiTimeoutMs?: number;
  readonly webApiRetryConfig?: webApi.RetryOptions;
}

export interface SlackApp {
  readonly app: App;
  /** Checks the bot token (auth.test), then listens; resolves with the HTTP port in HTTP mode. */
  start(): Promise<{ port?: number }>;
  /** Stops taking requests, lets the ones in flight finish, then resolves. */
  stop(): Promise<void>;
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

/**
 * A console logger that scrubs the given secrets and anything token-shaped from every line, whatever
 * the line came from (Bolt, the Web API client, Socket Mode, our listeners).
 */
export function createRedactingLogger(
  level: LogLevelName,
  secrets: readonly string[],
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  let current = LEVEL_BY_NAME[level];
  let name = 'rust-or-python';
  const known = secrets.filter((s) => s.length > 0);
  const redact = (text: string) =>
    known
      .reduce((out, secret) => out.split(secret).join('[redacted]'), text)
      .replace(TOKEN_PATTERN, '$1-[redacted]');
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
 * takes them), so whatever else does stays a 500, as in Bolt.
 */
export async function answerUnprocessableEvent({
  error,
  logger,
  response,
  storedResponse,
}: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> {
  if (response.headersSent) {
    logger.error('An unhandled error occurred after ack() called in a listener');
    logger.debug(`Error details: ${error}, storedResponse: ${storedResponse}`);
    return false;
  }
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

/**
 * Builds the Bolt app for Socket Mode or HTTP mode, with every listener registered. `convoStore: false`:
 * nothing here reads `context.conversation`, and Bolt's default store would otherwise look up (and keep in
 * memory) a conversation for every request.
 */
export function createSlackApp(config: SlackConfig, deps: SlackAppDeps = {}): SlackApp {
  const secrets =
    config.mode === 'socket' ? [config.botToken, config.appToken] : [config.botToken, config.signingSecret];
  const logger = deps.logger ?? createRedactingLogger(config.logLevel, secrets);
  const clientOptions = {
    ...(config.slackApiUrl === undefined ? {} : { slackApiUrl: config.slackApiUrl }),
    timeout: deps.webApiTimeoutMs ?? WEB_API_TIMEOUT_MS,
    retryConfig: deps.webApiRetryConfig ?? WEB_API_RETRY_CONFIG,
  };
  let accepting = false;

  const app =
    config.mode === 'socket'
      ? new App({
          token: config.botToken,
          appToken: config.appToken,
          socketMode: true,
          convoStore: false,
          logger,
          clientOptions,
          deferInitialization: true,
        })
      : new App({
          token: config.botToken,
          convoStore: false,
          logger,
          clientOptions,
          deferInitialization: true,
          receiver: new HTTPReceiver({
            signingSecret: config.signingSecret,
            signatureVerification: true,
            endpoints: ['/slack/events'],
            logger,
            processEventErrorHandler: answerUnprocessableEvent,
            bodyLimit: HTTP_BODY_LIMIT_BYTES,
            customRoutes: [
              {
                path: '/healthz',
                method: ['GET'],
                handler: (_req, res) => {
                  res.writeHead(accepting ? 200 : 503, { 'content-type': 'text/plain' });
                  res.end(accepting ? 'ok' : 'not ready');
                },
              },
            ],
          }),
        });

  // Listeners keep working after their ack (posting the verdict); stop() waits for them.
  const inFlight = new Set<Promise<unknown>>();
  app.use(async ({ next }) => {
    const work = next();
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });
  registerListeners(app);
  app.error(async (error) => {
    logger.error('Unhandled error in a listener:', error);
  });

  return {
    app,
    async start() {
      await app.init();
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
      await app.stop();
      const drained = Promise.allSettled([...inFlight]);
      await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref())]);
    },
  };
}
