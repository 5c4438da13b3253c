import http from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Logger, LogLevel, webApi } from '@slack/bolt';

/**
 * views.open without @slack/web-api in the way. A modal has to open within 3 s of the click, and on that path
 * the Web API client cost more than the rest of the command: it form-encodes the view, deep-copies the view
 * Slack echoes back for a debug line it builds with debug logging off, sends through Node's fetch (a web
 * stream per body) and arms an `AbortSignal.timeout` per call (BENCHMARKS.md). Here the view goes as a JSON
 * body, which Slack accepts with the token in the Authorization header
 * (docs.slack.dev/changelog/2017-10-keeping-up-with-the-jsons), over a keep-alive connection pool.
 *
 * The policy is the one of the client Bolt gives the request (its timeout and retries), and failures are
 * @slack/web-api's own error classes, so deliver.ts sorts them as before: a platform error (`ok: false`), an
 * HTTP error, a rate limit, a request error (a timeout, named TimeoutError as fetch names it, or the network).
 * Every other Web API call stays on the WebClient.
 */

/** How long each attempt may take, and how retries are spaced: node-retry's schedule, unrandomised. */
export interface ViewsOpenPolicy {
  readonly timeoutMs: number;
  readonly retries: number;
  readonly minTimeoutMs: number;
  readonly maxTimeoutMs: number;
  readonly factor: number;
}

/** @slack/web-api's defaults for what a client does not set (no timeout, node-retry's spacing). */
const NODE_RETRY_DEFAULTS = { minTimeout: 1_000, maxTimeout: Number.POSITIVE_INFINITY, factor: 2 };

/** What the WebClient keeps of its options (private in its types, plain fields at run time). */
interface WebClientInternals {
  readonly timeout?: unknown;
  readonly retryConfig?: webApi.RetryOptions;
  readonly teamId?: unknown;
}

/**
 * The policy of `client`, read from the options it was built with, so views.open keeps the app's Web API
 * policy (app.ts) without a second copy of it. tests/slack/views-open.test.ts checks that the fields are where
 * this reads them in the installed @slack/web-api.
 */
export function policyOf(client: webApi.WebClient): ViewsOpenPolicy {
  const internals = client as unknown as WebClientInternals;
  const retry = internals.retryConfig ?? {};
  const timeout = internals.timeout;
  return {
    timeoutMs: typeof timeout === 'number' && timeout > 0 ? timeout : 0,
    retries: retry.retries ?? 0,
    minTimeoutMs: retry.minTimeout ?? NODE_RETRY_DEFAULTS.minTimeout,
    maxTimeoutMs: retry.maxTimeout ?? NODE_RETRY_DEFAULTS.maxTimeout,
    factor: retry.factor ?? NODE_RETRY_DEFAULTS.factor,
  };
}

/** The wait after the `n`th failed attempt (0-based), as node-retry computes it without randomising. */
function retryDelay(policy: ViewsOpenPolicy, n: number): number {
  return Math.min(policy.minTimeoutMs * policy.factor ** n, policy.maxTimeoutMs);
}

/**
 * Deadlines of requests in flight, checked by one interval while any is pending: no timer per call (an
 * `AbortSignal.timeout` per call fires 3 s later for every call, answered or not).
 */
class Deadlines {
  private readonly pending = new Set<{ at: number; expire: () => void }>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly tickMs: number) {}

  add(timeoutMs: number, expire: () => void): () => void {
    const entry = { at: performance.now() + timeoutMs, expire };
    this.pending.add(entry);
    this.sweeper ??= setInterval(() => this.sweep(), this.tickMs);
    return () => {
      this.pending.delete(entry);
      if (this.pending.size === 0) this.stop();
    };
  }

  private sweep(): void {
    const now = performance.now();
    for (const entry of this.pending) {
      if (entry.at > now) continue;
      this.pending.delete(entry);
      entry.expire();
    }
    if (this.pending.size === 0) this.stop();
  }

  private stop(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }
}

/** How finely deadlines are kept: a 3 s timeout ends between 3.00 and 3.05 s. */
const DEADLINE_TICK_MS = 50;
const deadlines = new Deadlines(DEADLINE_TICK_MS);

/** The reason fetch gives when `AbortSignal.timeout` fires; failures.ts reads the name as request_timeout. */
function timeoutError(): Error {
  return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}

/** One keep-alive pool per Slack origin, shared by every workspace's token. */
const agents = new Map<string, http.Agent>();

function agentFor(url: URL): http.Agent {
  let agent = agents.get(url.origin);
  if (agent === undefined) {
    const options: http.AgentOptions = { keepAlive: true, keepAliveMsecs: 1_000, maxFreeSockets: 64 };
    agent = url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    agents.set(url.origin, agent);
  }
  return agent;
}

interface Answer {
  readonly status: number;
  readonly statusMessage: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** One POST, answered or failed within `timeoutMs` (0: no limit, as in the WebClient). */
function post(url: URL, headers: http.OutgoingHttpHeaders, body: string, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let expired: Error | undefined;
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      agent: agentFor(url),
      headers,
    });
    const done =
      timeoutMs > 0
        ? deadlines.add(timeoutMs, () => {
            expired = timeoutError();
            request.destroy(expired);
          })
        : () => {};
    const fail = (error: Error) => {
      done();
      reject(expired ?? error);
    };
    request.once('error', fail);
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', fail);
      // Cut off mid-body (a timeout, a reset): the promise settles once, so a late 'end' changes nothing.
      response.once('close', () => {
        if (!response.complete) fail(new Error('the connection closed before the answer was complete'));
      });
      response.once('end', () => {
        done();
        resolve({
          status: response.statusCode ?? 0,
          statusMessage: response.statusMessage ?? '',
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    request.end(body);
  });
}

/** Retry-After in seconds, as @slack/web-api reads it; undefined when absent or not a number. */
function retryAfterSeconds(headers: http.IncomingHttpHeaders): number | undefined {
  const header = headers['retry-after'];
  const seconds = Number.parseInt(Array.isArray(header) ? (header[0] ?? '') : (header ?? ''), 10);
  return Number.isNaN(seconds) ? undefined : seconds;
}

/** Slack puts `ok` first; the view it echoes back need not be parsed to know the call worked. */
const OK_FIRST = /^\s*\{\s*"ok"\s*:\s*true\s*[,}]/;

/** What one attempt came to: the answer, or a failure and whether trying again may help. */
type Attempt =
  | { readonly ok: true }
  | { readonly ok: false; readonly error: Error; readonly retry: boolean; readonly waitMs?: number };

function judge(answer: Answer): Attempt {
  if (answer.status === 429) {
    const seconds = retryAfterSeconds(answer.headers);
    if (seconds === undefined) {
      const error = new webApi.WebAPIHTTPError(429, answer.statusMessage, {}, answer.body);
      return { ok: false, error, retry: false };
    }
    return {
      ok: false,
      error: new webApi.WebAPIRateLimitedError(seconds),
      retry: true,
      waitMs: seconds * 1000,
    };
  }
  if (answer.status !== 200) {
    const headers = Object.fromEntries(
      Object.entries(answer.headers).map(([name, value]) => [name, String(value)]),
    );
    const error = new webApi.WebAPIHTTPError(answer.status, answer.statusMessage, headers, answer.body);
    // Slack only answers 200 and 429 on purpose; a 5xx is its trouble and may pass, a 4xx will not.
    return { ok: false, error, retry: answer.status >= 500 };
  }
  if (OK_FIRST.test(answer.body)) return { ok: true };
  let result: webApi.WebAPICallResult & { error: string };
  try {
    result = JSON.parse(answer.body) as typeof result;
  } catch {
    // What @slack/web-api makes of a body that is not JSON.
    result = { ok: false, error: answer.body };
  }
  if (result.ok) return { ok: true };
  return { ok: false, error: new webApi.WebAPIPlatformError(result), retry: false };
}

/**
 * Opens a modal over `triggerId` with `viewJson` (the view, already JSON text) using `client`'s token, API URL,
 * org-install team and policy: Bolt's client for the workspace the request came from. Retries a network
 * failure, a timeout and a 5xx; waits out a 429's Retry-After, each wait one of the retries. Throws what
 * @slack/web-api would throw.
 */
export async function openView(
  client: webApi.WebClient,
  triggerId: string,
  viewJson: string,
  logger?: Logger,
): Promise<void> {
  const policy = policyOf(client);
  const url = new URL('views.open', client.slackApiUrl);
  const teamId = (client as unknown as WebClientInternals).teamId;
  const body = `{"trigger_id":${JSON.stringify(triggerId)}${
    typeof teamId === 'string' ? `,"team_id":${JSON.stringify(teamId)}` : ''
  },"view":${viewJson}}`;
  const headers: http.OutgoingHttpHeaders = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    accept: 'application/json',
    ...(client.token === undefined ? {} : { authorization: `Bearer ${client.token}` }),
  };
  // Ids and codes only, like the rest of the log: the view holds what the user typed.
  const debug = logger?.getLevel() === LogLevel.DEBUG ? logger : undefined;
  for (let n = 0; ; n += 1) {
    let attempt: Attempt;
    try {
      attempt = judge(await post(url, headers, body, policy.timeoutMs));
    } catch (error) {
      const original = error instanceof Error ? error : new Error(String(error));
      attempt = { ok: false, error: new webApi.WebAPIRequestError(original), retry: true };
    }
    if (attempt.ok) {
      debug?.debug(`views.open ok (trigger_id ${triggerId}, attempt ${n + 1})`);
      return;
    }
    const retry = attempt.retry && n < policy.retries;
    debug?.debug(
      `views.open failed (trigger_id ${triggerId}, attempt ${n + 1}): ${attempt.error.message}${retry ? '; retrying' : ''}`,
    );
    if (!retry) throw attempt.error;
    await sleep((attempt.waitMs ?? 0) + retryDelay(policy, n));
  }
}
