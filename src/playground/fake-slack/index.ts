/**
 * The one fake Slack: a Web API emulator on 127.0.0.1 (answers like Slack, keeps a workspace in memory,
 * injects faults on demand), response_url endpoints, and a dispatcher that sends the app signed payloads
 * the way Slack does. Used by the end-to-end tests, the playground and the benchmarks.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PEOPLE_CONVERSATIONS } from './conversations.ts';
import { Dispatcher, type SignedRequest } from './dispatcher.ts';
import type {
  ApiCall,
  Dispatch,
  FakeSlackOptions,
  Fault,
  JsonObject,
  Snapshot,
  SnapshotMessage,
  ViewInputs,
} from './types.ts';
import { METHODS, useResponseUrl } from './web-api.ts';
import {
  BOT,
  type ChannelPostLimit,
  type PostRefusal,
  SlackApiError,
  SlackRateLimited,
  TEAM,
  Workspace,
} from './workspace.ts';

export type { SignedRequest } from './dispatcher.ts';
export { signSlackRequest, slackRequestHeaders } from './signing.ts';
export type * from './types.ts';
export type { ChannelPostLimit, PostRefusal } from './workspace.ts';
export { SLACK_CHANNEL_POST_LIMIT } from './workspace.ts';

/** Ids of the seeded workspace, for tests and the playground. */
export const FAKE_SLACK_IDS = {
  team: TEAM.id,
  botUserId: BOT.userId,
  botId: BOT.botId,
  appId: BOT.appId,
  users: { alice: 'U0ALICE', bob: 'U0BOB', carol: 'U0CAROL' },
  /** Each person's DM with the app (the app's Messages tab), where the bot can post. */
  appDms: { alice: 'D0ALICE', bob: 'D0BOB', carol: 'D0CAROL' },
  channels: {
    general: 'C0GENERAL',
    random: 'C0RANDOM',
    secret: 'C0SECRET',
    archived: 'C0ARCHIVED',
    /** Read-only (an announcement channel): the bot is a member, and Slack still refuses its posts. */
    announcements: 'C0ANNOUNCE',
    /** A 1:1 DM between alice and bob, and a group DM of all three: the bot is in neither. */
    dm: PEOPLE_CONVERSATIONS.dm.id,
    groupDm: PEOPLE_CONVERSATIONS.groupDm.id,
  },
} as const;

/** A fault whose call still takes effect: Slack stored the message, then answered slowly or with a 5xx. */
/**
 * A call that lands and is then answered badly. With `landsAfterMs`, a hang whose message is stored only
 * that long after the call (a Slack slow enough that the message is not there yet when the app looks).
 */
export type LandingFault = { status: 500 | 502 | 503 } | { hang: true; landsAfterMs?: number };

/** Arguments Slack sends as JSON strings inside a form body. */
const JSON_ARGS = ['blocks', 'attachments', 'view', 'metadata'] as const;
const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export interface FakeSlack {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + '/api/': the app's SLACK_API_URL / clientOptions.slackApiUrl. */
  apiUrl: string;
  /** Where the app listens for Slack (its `POST /slack/events`), '' until set. */
  readonly appUrl: string;
  setAppUrl(url: string): void;
  /**
   * Where a person reads this workspace (the playground page), '' until set. Permalinks from
   * chat.getPermalink are on the fake's own address (`url + '/archives/C…/p…'`); opened in a browser, they
   * redirect to the same path on this client, which shows the message.
   */
  readonly clientUrl: string;
  setClientUrl(url: string): void;
  /** Every Web API call, response_url use and applied response_action, oldest first. */
  calls: ApiCall[];
  waitFor(pred: (call: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  /** Calls `listener` with every call as it is recorded; returns the function that stops it. */
  onCall(listener: (call: ApiCall) => void): () => void;
  /** The next `times` calls of `method` ('*' for any) get this fault instead of an answer. */
  fail(method: string, fault: Fault, times?: number): void;
  /**
   * The next `times` calls of `method` do what they ask (a post lands in the channel), and are then answered
   * with this fault: a hang past the client's timeout, or a 5xx. Slack does not deduplicate a retried post.
   */
  failAfterLanding(method: string, fault: LandingFault, times?: number): void;
  /**
   * chat.postMessage's per-channel rate (SLACK_CHANNEL_POST_LIMIT, on from the start), or null for none: a
   * post over it is answered 429 with Retry-After.
   */
  setChannelPostLimit(limit: ChannelPostLimit | null): void;
  /** Makes Slack refuse the app's posts in a channel with this error (undefined lifts it). */
  restrictPosting(channelId: string, refusal: PostRefusal | undefined): void;
  /** Archives a channel (nobody can post or update messages in it), or brings it back. */
  setArchived(channelId: string, archived: boolean): void;
  /**
   * A person writes a message (in a thread with `threadTs`), as in Slack's client; the app is not told.
   * Throws when that person is not in the conversation or it is archived.
   */
  postAsPerson(opts: { userId: string; channelId: string; text: string; threadTs?: string }): { ts: string };
  /** A trigger_id for this user, as if they had just interacted with the app. */
  issueTriggerId(userId: string): string;
  prepareSlashCommand(opts: {
    userId: string;
    channelId: string;
    text?: string;
    command?: string;
  }): SignedRequest;
  slashCommand(opts: {
    userId: string;
    channelId: string;
    text?: string;
    command?: string;
  }): Promise<Dispatch>;
  submitView(opts: { userId: string; viewId?: string; inputs?: ViewInputs }): Promise<Dispatch>;
  closeView(opts: { userId: string; viewId?: string; all?: boolean }): Promise<Dispatch>;
  clickButton(opts: {
    userId: string;
    actionId: string;
    channelId?: string;
    messageTs?: string;
    viewId?: string;
  }): Promise<Dispatch>;
  openHome(userId: string): Promise<Dispatch>;
  globalShortcut(opts: { userId: string; callbackId: string }): Promise<Dispatch>;
  /** Top-level messages of a channel with their threads, oldest first. */
  messages(channelId: string): SnapshotMessage[];
  /** What this person sees right now. */
  snapshot(userId: string): Snapshot;
  /** Fires after any change to the workspace; returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

interface PendingFault {
  fault: Fault;
  remaining: number;
  /** The call is carried out before the fault answers it. */
  lands: boolean;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Form or JSON body plus query string -> arguments, with Slack's JSON-in-a-field arguments decoded. */
function parseArgs(req: IncomingMessage, url: URL, raw: string): JsonObject {
  const args: JsonObject = Object.fromEntries(url.searchParams);
  if ((req.headers['content-type'] ?? '').startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = raw === '' ? {} : JSON.parse(raw);
    } catch {
      throw new SlackApiError('invalid_json');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new SlackApiError('invalid_json');
    Object.assign(args, parsed);
  } else {
    Object.assign(args, Object.fromEntries(new URLSearchParams(raw)));
  }
  for (const name of JSON_ARGS) {
    const value = args[name];
    if (typeof value !== 'string' || value === '') continue;
    try {
      args[name] = JSON.parse(value);
    } catch {
      throw new SlackApiError(name === 'blocks' ? 'invalid_blocks_format' : 'invalid_arguments', [
        `[ERROR] ${name} is not valid JSON [json-pointer:/${name}]`,
      ]);
    }
  }
  return args;
}

/**
 * Takes the token from `Authorization: Bearer` (how @slack/web-api sends it) or a `token` argument. A JSON body
 * needs the header: Slack ignores a token inside it ("To make use of sending JSON on write operations, you must
 * provide your token value using an Authorization HTTP header", docs.slack.dev/changelog/2017-10-keeping-up-with-the-jsons).
 */
function takeToken(req: IncomingMessage, args: JsonObject): string | undefined {
  const json = (req.headers['content-type'] ?? '').startsWith('application/json');
  const fromArgs = typeof args.token === 'string' && !json ? args.token : undefined;
  delete args.token;
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return fromArgs;
}

export async function startFakeSlack(options: FakeSlackOptions): Promise<FakeSlack> {
  if (options.signingSecret === '') throw new Error('startFakeSlack: signingSecret must not be empty');
  const ws = new Workspace(options.triggerTtlMs ?? 3000);
  const maxRecordedCalls = options.maxRecordedCalls ?? Number.POSITIVE_INFINITY;
  if (
    maxRecordedCalls !== Number.POSITIVE_INFINITY &&
    !(Number.isInteger(maxRecordedCalls) && maxRecordedCalls >= 1)
  ) {
    throw new Error(`startFakeSlack: maxRecordedCalls must be a positive integer, got ${maxRecordedCalls}`);
  }
  const calls: ApiCall[] = [];
  const callEvents = new EventEmitter();
  const faults = new Map<string, PendingFault[]>();
  const hanging = new Set<ServerResponse>();
  let appUrl = options.appUrl ?? '';
  let clientUrl = '';
  let baseUrl = '';

  const record = (call: Omit<ApiCall, 'at'> & { at?: number }): ApiCall => {
    const entry: ApiCall = { ...call, at: call.at ?? Date.now() };
    calls.push(entry);
    // Trimmed in batches of a tenth: dropping the oldest one per call would shift the whole log on every
    // call under load, which cost the benchmark's load generator more than the calls themselves.
    if (calls.length > maxRecordedCalls) {
      const keep = Math.max(1, maxRecordedCalls - Math.ceil(maxRecordedCalls / 10));
      calls.splice(0, calls.length - keep);
    }
    callEvents.emit('call', entry);
    return entry;
  };

  const takeFault = (method: string): PendingFault | undefined => {
    for (const key of [method, '*']) {
      const queue = faults.get(key);
      const next = queue?.[0];
      if (!queue || !next) continue;
      next.remaining -= 1;
      if (next.remaining <= 0) queue.shift();
      return next;
    }
    return undefined;
  };

  const addFault = (method: string, fault: Fault, times: number, lands: boolean): void => {
    if (!Number.isInteger(times) || times < 1)
      throw new Error(`fail: times must be a positive integer, got ${times}`);
    const queue = faults.get(method) ?? [];
    queue.push({ fault, remaining: times, lands });
    faults.set(method, queue);
  };

  /** Answers with a fault; false when the fault is a hang (the response stays open until close()). */
  const answerFault = (res: ServerResponse, fault: Fault): { status: number; error: string } => {
    if ('hang' in fault) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return { status: 0, error: 'hung' };
    }
    if ('error' in fault) {
      sendJson(res, 200, { ok: false, error: fault.error });
      return { status: 200, error: fault.error };
    }
    if (fault.status === 429) {
      sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfter) });
      return { status: 429, error: 'ratelimited' };
    }
    res.writeHead(fault.status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Slack is having trouble (injected fault)');
    return { status: fault.status, error: `http_${fault.status}` };
  };

  /** Does what a call asks without answering it (for a fault that lands); a refusal just means nothing landed. */
  const carryOut = (method: string, args: JsonObject): void => {
    try {
      METHODS[method]?.(ws, args);
    } catch (error) {
      if (!(error instanceof SlackApiError || error instanceof SlackRateLimited)) throw error;
    }
  };

  const handleApi = (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    method: string,
    raw: string,
  ): void => {
    const at = Date.now();
    let args: JsonObject = {};
    try {
      args = parseArgs(req, url, raw);
      const token = takeToken(req, args);
      const pending = takeFault(method);
      if (pending) {
        const { landsAfterMs } = pending.fault as { landsAfterMs?: number };
        const lateBy = typeof landsAfterMs === 'number' ? landsAfterMs : undefined;
        if (pending.lands && lateBy !== undefined) setTimeout(() => carryOut(method, args), lateBy).unref();
        else if (pending.lands) carryOut(method, args);
        const { status, error } = answerFault(res, pending.fault);
        record({ method, args, ok: false, error, status, at });
        return;
      }
      if (token === undefined || token === '') throw new SlackApiError('not_authed');
      if (!/^xox[bpa]-/.test(token)) throw new SlackApiError('invalid_auth');
      const handler = METHODS[method];
      if (!handler) throw new SlackApiError('unknown_method');
      const result = handler(ws, args);
      const body = { ok: true, ...result };
      sendJson(res, 200, body);
      record({ method, args, ok: true, status: 200, at, response: body });
    } catch (error) {
      if (error instanceof SlackRateLimited) {
        const retryAfter = String(error.retryAfterSeconds);
        sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': retryAfter });
        record({ method, args, ok: false, error: 'ratelimited', status: 429, at });
        return;
      }
      if (!(error instanceof SlackApiError)) throw error;
      const body = {
        ok: false,
        error: error.code,
        ...(error.messages.length > 0 ? { response_metadata: { messages: error.messages } } : {}),
      };
      sendJson(res, 200, body);
      record({ method, args, ok: false, error: error.code, status: 200, at, response: body });
    }
  };

  const handleResponseUrl = (res: ServerResponse, id: string, raw: string): void => {
    const at = Date.now();
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      payload = undefined;
    }
    const args = typeof payload === 'object' && payload !== null ? (payload as JsonObject) : { body: raw };
    const pending = takeFault('response_url');
    if (pending) {
      const { status, error } = answerFault(res, pending.fault);
      record({ method: 'response_url', args, ok: false, error, status, at });
      return;
    }
    const target = ws.responseUrls.get(id);
    const outcome = target
      ? useResponseUrl(ws, target, payload)
      : { status: 404, body: 'no_such_url', error: 'no_such_url' };
    if (typeof outcome.body === 'string') {
      res.writeHead(outcome.status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(outcome.body);
    } else {
      sendJson(res, outcome.status, outcome.body);
    }
    record({
      method: 'response_url',
      args,
      ok: outcome.error === undefined,
      ...(outcome.error === undefined ? {} : { error: outcome.error }),
      status: outcome.status,
      at,
    });
  };

  /** A permalink opened in a browser: on to the client that shows the message, as slack.com/archives does. */
  const openPermalink = (res: ServerResponse, url: URL): void => {
    if (clientUrl === '') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('This fake Slack has no client to show the message in (the playground page sets one).');
      return;
    }
    res.writeHead(302, { location: new URL(`.${url.pathname}${url.search}`, clientUrl).href });
    res.end();
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    readBody(req)
      .then((raw) => {
        const archive = /^\/archives\/[A-Z0-9]+\/p\d+$/.test(url.pathname);
        const apiMethod = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname)?.[1];
        const responseId = /^\/response\/([a-f0-9]+)$/.exec(url.pathname)?.[1];
        if ((req.method === 'GET' || req.method === 'HEAD') && archive) openPermalink(res, url);
        else if (req.method === 'POST' && apiMethod !== undefined) handleApi(req, res, url, apiMethod, raw);
        else if (req.method === 'POST' && responseId !== undefined) handleResponseUrl(res, responseId, raw);
        else sendJson(res, 404, { ok: false, error: 'unknown_method' });
      })
      .catch((error: unknown) => {
        if (res.headersSent) return;
        sendJson(res, 500, { ok: false, error: 'fake_slack_error', detail: String(error) });
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  ws.webUrl = baseUrl;

  const dispatcher = new Dispatcher({
    ws,
    signingSecret: options.signingSecret,
    appUrl: () => appUrl,
    baseUrl: () => baseUrl,
    ackTimeoutMs: options.ackTimeoutMs ?? 3000,
    record,
  });

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    get appUrl() {
      return appUrl;
    },
    setAppUrl(url) {
      appUrl = url;
    },
    get clientUrl() {
      return clientUrl;
    },
    setClientUrl(url) {
      clientUrl = url;
      // Like a workspace's own domain, permalinks then name the client, whose address outlives this fake's
      // random port: links saved by one playground run still open in the next.
      ws.webUrl = url === '' ? baseUrl : new URL(url).origin;
    },
    calls,
    waitFor(pred, timeoutMs = 2000) {
      const seen = calls.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const onCall = (call: ApiCall): void => {
          if (!pred(call)) return;
          clearTimeout(timer);
          callEvents.off('call', onCall);
          resolve(call);
        };
        const timer = setTimeout(() => {
          callEvents.off('call', onCall);
          const recent = calls.slice(-10).map((c) => `${c.method}:${c.ok ? 'ok' : c.error}`);
          reject(
            new Error(
              `fake Slack: no matching call within ${timeoutMs} ms; last calls: ${recent.join(', ')}`,
            ),
          );
        }, timeoutMs);
        callEvents.on('call', onCall);
      });
    },
    onCall(listener) {
      callEvents.on('call', listener);
      return () => callEvents.off('call', listener);
    },
    fail(method, fault, times = 1) {
      addFault(method, fault, times, false);
    },
    failAfterLanding(method, fault, times = 1) {
      addFault(method, fault, times, true);
    },
    setChannelPostLimit(limit) {
      if (limit !== null && !(limit.perSecond > 0 && Number.isInteger(limit.burst) && limit.burst >= 1)) {
        throw new Error('setChannelPostLimit: perSecond must be positive and burst a positive integer');
      }
      ws.postLimit = limit;
    },
    restrictPosting(channelId, refusal) {
      const channel = ws.channelOrThrow(channelId);
      if (refusal === undefined) delete channel.refusesPosts;
      else channel.refusesPosts = refusal;
      ws.changed();
    },
    setArchived(channelId, archived) {
      const channel = ws.channelOrThrow(channelId);
      channel.isArchived = archived;
      ws.changed();
    },
    postAsPerson({ userId, channelId, text, threadTs }) {
      const user = ws.userOrThrow(userId);
      const channel = ws.channelOrThrow(channelId);
      if (!channel.members.has(user.id)) throw new Error(`postAsPerson: ${user.id} is not in ${channel.id}`);
      if (channel.isArchived) throw new Error(`postAsPerson: ${channel.id} is archived`);
      const message = ws.post(channel, {
        user: user.id,
        text,
        ...(threadTs === undefined ? {} : { threadTs }),
      });
      return { ts: message.ts };
    },
    issueTriggerId: (userId) => ws.issueTrigger(userId),
    prepareSlashCommand: (opts) => dispatcher.prepareSlashCommand(opts),
    slashCommand: (opts) => dispatcher.slashCommand(opts),
    submitView: (opts) => dispatcher.submitView(opts),
    closeView: (opts) => dispatcher.closeView(opts),
    clickButton: (opts) => dispatcher.clickButton(opts),
    openHome: (userId) => dispatcher.openHome(userId),
    globalShortcut: (opts) => dispatcher.globalShortcut(opts),
    messages: (channelId) => ws.messagesOf(channelId),
    snapshot: (userId) => ws.snapshot(userId),
    onChange: (listener) => ws.onChange(listener),
    close() {
      for (const res of hanging) res.destroy();
      hanging.clear();
      callEvents.removeAllListeners();
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
