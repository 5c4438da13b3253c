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
import { AppAuth, type AuthorizeOutcome, type OAuthAppConfig, type TokenOwner } from './oauth.ts';
import type {
  ApiCall,
  DefaultHandle,
  DeliveredEvent,
  Dispatch,
  FakeSlackOptions,
  Fault,
  JsonObject,
  Snapshot,
  SnapshotMessage,
  ViewInputs,
  WorkspaceIds,
  WorkspaceOptions,
} from './types.ts';
import { METHODS, orgAuthTest, useResponseUrl } from './web-api.ts';
import {
  BOT,
  type ChannelPostLimit,
  PEOPLE,
  type PostRefusal,
  SlackApiError,
  SlackRateLimited,
  seedPlayground,
  seedTeam,
  TEAM,
  type User,
  Workspace,
} from './workspace.ts';

export type { SignedRequest } from './dispatcher.ts';
export type { AuthorizeOutcome, OAuthAppConfig } from './oauth.ts';
export { OAUTH_CODE_TTL_MS, ROTATED_TOKEN_TTL_SECONDS } from './oauth.ts';
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
  issueTriggerId(userId: string, opts?: TeamOption): string;
  /*
   * What people do, sent to the app as Slack sends it. Each takes an optional `teamId`: the workspace the
   * person is in (by default the one whose person `userId` is, the seeded workspace for its people). The
   * dispatcher sends whether or not the app is installed there; real Slack would send nothing to an app not
   * installed, so this is how a test reaches an app's refusal for a team missing from its store.
   */
  prepareSlashCommand(opts: SlashCommandOptions): SignedRequest;
  slashCommand(opts: SlashCommandOptions): Promise<Dispatch>;
  submitView(opts: { userId: string; viewId?: string; inputs?: ViewInputs } & TeamOption): Promise<Dispatch>;
  closeView(opts: { userId: string; viewId?: string; all?: boolean } & TeamOption): Promise<Dispatch>;
  clickButton(
    opts: {
      userId: string;
      actionId: string;
      channelId?: string;
      messageTs?: string;
      viewId?: string;
    } & TeamOption,
  ): Promise<Dispatch>;
  openHome(userId: string, opts?: TeamOption): Promise<Dispatch>;
  globalShortcut(opts: { userId: string; callbackId: string } & TeamOption): Promise<Dispatch>;
  /**
   * An Events API envelope (`event_callback`) around `event` for a workspace (the seeded one by default),
   * with a fresh event_id and the bot's installation in `authorizations`; send it with sendEvent.
   */
  eventEnvelope(event: JsonObject, opts?: TeamOption): JsonObject;
  /**
   * Delivers an event envelope to the app, signed, and returns its answer. With `retryNum` (1 to 3), as Slack
   * redelivers an event the app did not acknowledge within 3 s: the same envelope with `X-Slack-Retry-Num`
   * and `X-Slack-Retry-Reason` (`http_timeout` unless told).
   */
  sendEvent(envelope: JsonObject, opts?: { retryNum?: number; retryReason?: string }): Promise<Dispatch>;
  /**
   * Another workspace in this Slack, with its own people, channels and app DMs, and the same app (not yet
   * installed there: install it by OAuth or `install`). Throws on a team id already used, or one whose ids
   * would collide with another workspace's.
   */
  addWorkspace<Handle extends string = DefaultHandle>(opts: WorkspaceOptions<Handle>): WorkspaceIds<Handle>;
  /** The app's OAuth credentials and Redirect URLs; oauth.v2.access answers invalid_client_id until set. */
  configureOAuth(config: OAuthAppConfig): void;
  /** url + '/oauth/v2/authorize': the app's SLACK_OAUTH_AUTHORIZE_URL. */
  readonly oauthAuthorizeUrl: string;
  /**
   * The consent step of "Add to Slack": a person of `teamId` (by default the URL's `team`, else the seeded
   * workspace; `userId` by default its first person) opens the authorize URL the app produced and approves
   * (or, with `deny`, cancels). Returns where Slack sends the browser: the app's redirect URL with a code
   * (valid 10 minutes, once) and the state. Throws where Slack shows an error page instead (see AppAuth).
   */
  authorize(opts: AuthorizeOptions): AuthorizeOutcome;
  /**
   * Installs the app in a workspace without OAuth, as from its settings page: returns the bot token (or
   * registers `token`). With token rotation configured, also a refresh token.
   */
  install(
    teamId?: string,
    opts?: { token?: string; scopes?: readonly string[]; userId?: string },
  ): { botToken: string; refreshToken?: string; expiresIn?: number };
  /**
   * Removes the app from a workspace: its tokens then answer account_inactive, and the app is sent
   * `tokens_revoked` and `app_uninstalled` (Slack does not guarantee their order: `appUninstalledFirst`
   * reverses the default), each returned with its envelope so a test can deliver it again.
   */
  uninstall(
    teamId: string,
    opts?: { appUninstalledFirst?: boolean },
  ): Promise<{ tokensRevoked: DeliveredEvent; appUninstalled: DeliveredEvent }>;
  /** Top-level messages of a channel (in any workspace) with their threads, oldest first. */
  messages(channelId: string): SnapshotMessage[];
  /** What this person sees right now. */
  snapshot(userId: string, opts?: TeamOption): Snapshot;
  /** Fires after any change to any workspace; returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

/**
 * The consent step's choices. `enterpriseId` installs the app org-wide in that Enterprise Grid org (its
 * workspaces come from addWorkspace with that enterpriseId): one bot token for every workspace of the org,
 * oauth.v2.access answering `is_enterprise_install: true` and `team: null`, and payloads from the org's
 * workspaces saying `is_enterprise_install`. The installer (`userId`, by default the first person of the org's
 * first workspace) is not checked to be an org admin, as Slack would.
 */
export interface AuthorizeOptions {
  url: string;
  teamId?: string;
  enterpriseId?: string;
  userId?: string;
  deny?: boolean;
}

/** Which workspace a person acts in; by default the one `userId` belongs to. */
export interface TeamOption {
  teamId?: string;
}

export type SlashCommandOptions = {
  userId: string;
  channelId: string;
  text?: string;
  command?: string;
} & TeamOption;

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

/** `Authorization: Basic` credentials, how Slack prefers an app to send its client id and secret. */
function basicCredentials(req: IncomingMessage): { id: string; secret: string } | undefined {
  const header = req.headers.authorization;
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice('Basic '.length).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** Secrets an app sends oauth.v2.access, and the tokens it answers: never kept in the call log. */
const OAUTH_SECRETS = ['client_secret', 'refresh_token', 'access_token'] as const;

function withoutSecrets(body: JsonObject): JsonObject {
  const kept = { ...body };
  for (const name of OAUTH_SECRETS) delete kept[name];
  return kept;
}

const TEAM_ID_PATTERN = /^T[A-Z0-9]+$/;
const HANDLE_PATTERN = /^[a-z][a-z0-9._-]*$/;
const DEFAULT_PEOPLE = ['alice', 'bob', 'carol'] as const;

/** The new workspace's people: ids `U<team tail><HANDLE>`; alice, bob and carol keep their real names. */
function peopleOf(tail: string, handles: readonly string[]): User[] {
  return handles.map((handle) => {
    if (!HANDLE_PATTERN.test(handle)) throw new Error(`addWorkspace: ${handle} is not a lowercase handle`);
    const known = PEOPLE.find((p) => p.name === handle);
    const realName = known?.realName ?? handle.charAt(0).toUpperCase() + handle.slice(1);
    return {
      id: `U${tail}${handle.toUpperCase().replace(/[^A-Z0-9]/g, '')}`,
      name: handle,
      realName,
      isBot: false,
    };
  });
}

interface Team {
  ws: Workspace;
  dispatcher: Dispatcher;
}

export async function startFakeSlack(options: FakeSlackOptions): Promise<FakeSlack> {
  if (options.signingSecret === '') throw new Error('startFakeSlack: signingSecret must not be empty');
  const triggerTtlMs = options.triggerTtlMs ?? 3000;
  const maxRecordedCalls = options.maxRecordedCalls ?? Number.POSITIVE_INFINITY;
  if (
    maxRecordedCalls !== Number.POSITIVE_INFINITY &&
    !(Number.isInteger(maxRecordedCalls) && maxRecordedCalls >= 1)
  ) {
    throw new Error(`startFakeSlack: maxRecordedCalls must be a positive integer, got ${maxRecordedCalls}`);
  }
  const clock = options.clock ?? Date.now;
  const auth = new AppAuth(clock, options.strictTokens, TEAM.id);
  const calls: ApiCall[] = [];
  const callEvents = new EventEmitter();
  const changeListeners = new Set<() => void>();
  const faults = new Map<string, PendingFault[]>();
  const hanging = new Set<ServerResponse>();
  let appUrl = options.appUrl ?? '';
  let clientUrl = '';
  let baseUrl = '';
  /** Where permalinks point, in every workspace: the client's origin once there is one. */
  let webUrl = '';
  let postLimit: ChannelPostLimit | null | undefined;

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

  const teams = new Map<string, Team>();
  const addTeam = (ws: Workspace): Team => {
    ws.webUrl = webUrl;
    if (postLimit !== undefined) ws.postLimit = postLimit;
    ws.onChange(() => {
      for (const listener of changeListeners) listener();
    });
    const teamId = ws.team.id;
    const dispatcher = new Dispatcher({
      ws,
      signingSecret: options.signingSecret,
      appUrl: () => appUrl,
      baseUrl: () => baseUrl,
      ackTimeoutMs: options.ackTimeoutMs ?? 3000,
      record: (call) => record({ ...call, teamId }),
      orgInstalled: () => auth.isOrgInstalled(ws.team.enterpriseId),
    });
    const team = { ws, dispatcher };
    teams.set(teamId, team);
    return team;
  };
  const seeded = new Workspace(triggerTtlMs);
  seedPlayground(seeded);
  const playground = addTeam(seeded);

  const teamById = (teamId: string): Team => {
    const team = teams.get(teamId);
    if (!team) throw new Error(`fake Slack: no workspace ${teamId}`);
    return team;
  };
  /** The person's workspace: `teamId`'s, else the one they are in (the seeded one for unknown people). */
  const teamOf = (userId: string, opts: TeamOption | undefined): Team => {
    if (opts?.teamId !== undefined) return teamById(opts.teamId);
    for (const team of teams.values()) {
      const user = team.ws.users.get(userId);
      if (user && !user.isBot) return team;
    }
    return playground;
  };
  /**
   * The workspace a call with an org-wide token acts in: the one its arguments name (`team_id`, which Slack
   * asks org-wide apps to pass to some methods, or a channel, trigger_id, view or user of it), else the
   * workspace the app was installed from. Every workspace of the org is taken as granted to the app (in
   * Slack an admin picks them after the install).
   */
  const orgWorkspace = (enterpriseId: string, installedFrom: string, args: JsonObject): Workspace => {
    const org = [...teams.values()].map(({ ws }) => ws).filter((ws) => ws.team.enterpriseId === enterpriseId);
    const arg = (name: string): string | undefined =>
      typeof args[name] === 'string' && args[name] !== '' ? (args[name] as string) : undefined;
    const teamId = arg('team_id');
    const channel = arg('channel');
    const trigger = arg('trigger_id');
    const view = arg('view_id');
    const user = arg('user') ?? arg('users')?.split(',')[0];
    const named = org.find(
      (ws) =>
        ws.team.id === teamId ||
        (channel !== undefined && ws.channels.has(channel)) ||
        (trigger !== undefined && ws.issuedTrigger(trigger)) ||
        (view !== undefined && ws.views.has(view)) ||
        (user !== undefined && ws.users.has(user) && !ws.users.get(user)?.isBot),
    );
    return named ?? teamById(installedFrom).ws;
  };
  const workspaceOfChannel = (channelId: string): Workspace => {
    for (const { ws } of teams.values()) if (ws.channels.has(channelId)) return ws;
    return playground.ws;
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
  const carryOut = (ws: Workspace, method: string, args: JsonObject): void => {
    try {
      METHODS[method]?.(ws, args);
    } catch (error) {
      if (!(error instanceof SlackApiError || error instanceof SlackRateLimited)) throw error;
    }
  };

  /** The workspace a token speaks for, or undefined when Slack would refuse it. */
  const ownerOrUndefined = (token: string | undefined): TokenOwner | undefined => {
    try {
      return auth.owner(token);
    } catch (error) {
      if (error instanceof SlackApiError) return undefined;
      throw error;
    }
  };

  /** oauth.v2.access: no token, the app's credentials instead. */
  const exchangeCode = (req: IncomingMessage, args: JsonObject): { body: JsonObject; tokenRef?: string } => {
    const result = auth.exchange(args, basicCredentials(req), (teamId) => teamById(teamId).ws);
    const owner = typeof result.access_token === 'string' ? auth.owner(result.access_token) : undefined;
    return { body: { ok: true, ...result }, ...(owner ? { tokenRef: owner.tokenRef } : {}) };
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
    let served: { teamId?: string; tokenRef?: string } = {};
    try {
      args = parseArgs(req, url, raw);
      const token = takeToken(req, args);
      const pending = takeFault(method);
      if (pending) {
        const owner = method === 'oauth.v2.access' ? undefined : ownerOrUndefined(token);
        const target =
          owner === undefined
            ? undefined
            : owner.enterpriseId === undefined
              ? teamById(owner.teamId).ws
              : orgWorkspace(owner.enterpriseId, owner.teamId, args);
        const { landsAfterMs } = pending.fault as { landsAfterMs?: number };
        const lateBy = typeof landsAfterMs === 'number' ? landsAfterMs : undefined;
        if (pending.lands && target && lateBy !== undefined) {
          setTimeout(() => carryOut(target, method, args), lateBy).unref();
        } else if (pending.lands && target) carryOut(target, method, args);
        const { status, error } = answerFault(res, pending.fault);
        record({ method, args: withoutSecrets(args), ok: false, error, status, at, ...(owner ?? {}) });
        return;
      }
      if (method === 'oauth.v2.access') {
        const { body, tokenRef } = exchangeCode(req, args);
        sendJson(res, 200, body);
        const teamId = (body.team as { id?: string } | undefined)?.id;
        record({
          method,
          args: withoutSecrets(args),
          ok: true,
          status: 200,
          at,
          response: withoutSecrets(body),
          ...(teamId === undefined ? {} : { teamId }),
          ...(tokenRef === undefined ? {} : { tokenRef }),
        });
        return;
      }
      const owner = auth.owner(token);
      const ws =
        owner.enterpriseId === undefined
          ? teamById(owner.teamId).ws
          : orgWorkspace(owner.enterpriseId, owner.teamId, args);
      served = { teamId: ws.team.id, tokenRef: owner.tokenRef };
      const handler = METHODS[method];
      if (!handler) throw new SlackApiError('unknown_method');
      const result =
        method === 'auth.test' && owner.enterpriseId !== undefined ? orgAuthTest(ws) : handler(ws, args);
      const body = { ok: true, ...result };
      sendJson(res, 200, body);
      record({ method, args, ok: true, status: 200, at, response: body, ...served });
    } catch (error) {
      const logged = method === 'oauth.v2.access' ? withoutSecrets(args) : args;
      if (error instanceof SlackRateLimited) {
        const retryAfter = String(error.retryAfterSeconds);
        sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': retryAfter });
        record({ method, args: logged, ok: false, error: 'ratelimited', status: 429, at, ...served });
        return;
      }
      if (!(error instanceof SlackApiError)) throw error;
      const body = {
        ok: false,
        error: error.code,
        ...(error.messages.length > 0 ? { response_metadata: { messages: error.messages } } : {}),
      };
      sendJson(res, 200, body);
      record({
        method,
        args: logged,
        ok: false,
        error: error.code,
        status: 200,
        at,
        response: body,
        ...served,
      });
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
    const owner = [...teams.values()].find(({ ws }) => ws.responseUrls.has(id))?.ws;
    const teamId = owner === undefined ? {} : { teamId: owner.team.id };
    const pending = takeFault('response_url');
    if (pending) {
      const { status, error } = answerFault(res, pending.fault);
      record({ method: 'response_url', args, ok: false, error, status, at, ...teamId });
      return;
    }
    const target = owner?.responseUrls.get(id);
    const outcome =
      owner && target
        ? useResponseUrl(owner, target, payload)
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
      ...teamId,
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

  const firstPerson = (ws: Workspace): string => {
    const person = [...ws.users.values()].find((user) => !user.isBot);
    if (!person) throw new Error(`fake Slack: ${ws.team.id} has nobody in it`);
    return person.id;
  };

  const authorize = (opts: AuthorizeOptions): AuthorizeOutcome => {
    const url = new URL(opts.url);
    if (opts.enterpriseId !== undefined) {
      // The installer is one of the org's people; by default the first of its first workspace.
      const org = [...teams.values()].filter(({ ws }) => ws.team.enterpriseId === opts.enterpriseId);
      const mine = opts.userId === undefined ? org[0] : org.find(({ ws }) => ws.users.has(opts.userId ?? ''));
      if (mine === undefined) {
        throw new Error(
          `fake Slack: no workspace of org ${opts.enterpriseId} has ${opts.userId ?? 'anyone'}`,
        );
      }
      const userId = opts.userId ?? firstPerson(mine.ws);
      return auth.authorize(url, mine.ws, userId, opts.deny === true, true);
    }
    const { ws } = teamById(opts.teamId ?? url.searchParams.get('team') ?? TEAM.id);
    return auth.authorize(url, ws, opts.userId ?? firstPerson(ws), opts.deny === true);
  };

  /** The consent page in a browser: approved at once by the workspace's first person, then 302 to the app. */
  const openAuthorize = (res: ServerResponse, url: URL): void => {
    try {
      const { location } = authorize({ url: url.href });
      res.writeHead(302, { location });
      res.end();
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(error instanceof Error ? error.message : String(error));
    }
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    readBody(req)
      .then((raw) => {
        const archive = /^\/archives\/[A-Z0-9]+\/p\d+$/.test(url.pathname);
        const apiMethod = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname)?.[1];
        const responseId = /^\/response\/([a-f0-9]+)$/.exec(url.pathname)?.[1];
        const reading = req.method === 'GET' || req.method === 'HEAD';
        if (reading && archive) openPermalink(res, url);
        else if (req.method === 'GET' && url.pathname === '/oauth/v2/authorize') openAuthorize(res, url);
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
  webUrl = baseUrl;
  for (const { ws } of teams.values()) ws.webUrl = webUrl;

  const addWorkspace = <Handle extends string>(opts: WorkspaceOptions<Handle>): WorkspaceIds<Handle> => {
    if (!TEAM_ID_PATTERN.test(opts.teamId)) {
      throw new Error(`addWorkspace: ${opts.teamId} is not a team id (T and capital letters or digits)`);
    }
    if (teams.has(opts.teamId)) throw new Error(`addWorkspace: ${opts.teamId} already exists`);
    if (opts.enterpriseId !== undefined && !/^E[A-Z0-9]+$/.test(opts.enterpriseId)) {
      throw new Error(`addWorkspace: ${opts.enterpriseId} is not an enterprise id (E…)`);
    }
    const tail = opts.teamId.slice(1);
    const people = peopleOf(tail, opts.people ?? DEFAULT_PEOPLE);
    if (people.length === 0) throw new Error('addWorkspace: a workspace needs at least one person');
    const ws = new Workspace(
      triggerTtlMs,
      {
        id: opts.teamId,
        name: opts.name,
        domain: opts.domain ?? opts.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
        ...(opts.enterpriseId === undefined ? {} : { enterpriseId: opts.enterpriseId }),
        ...(opts.enterpriseName === undefined ? {} : { enterpriseName: opts.enterpriseName }),
      },
      { userId: `U${tail}BOT`, botId: `B${tail}BOT`, appId: BOT.appId, name: BOT.name },
    );
    const channels = { general: `C${tail}GENERAL`, random: `C${tail}RANDOM` };
    seedTeam(ws, people, channels);
    // Ids are unique across Slack; the seeded workspace's people-only conversations count though not yet open.
    const taken = new Set<string>(Object.values(PEOPLE_CONVERSATIONS).map((c) => c.id));
    for (const other of teams.values()) {
      for (const id of [...other.ws.users.keys(), ...other.ws.channels.keys(), other.ws.bot.botId])
        taken.add(id);
    }
    const mine = [...ws.users.keys(), ...ws.channels.keys(), ws.bot.botId].filter((id) => id !== 'USLACKBOT');
    const clash = mine.filter((id) => taken.has(id));
    if (clash.length > 0) {
      throw new Error(
        `addWorkspace: ids of ${opts.teamId} clash with another workspace's: ${clash.join(', ')}`,
      );
    }
    addTeam(ws);
    const byHandle = (f: (p: User) => string) =>
      Object.fromEntries(people.map((p) => [p.name, f(p)])) as Record<Handle, string>;
    return {
      team: ws.team.id,
      botUserId: ws.bot.userId,
      botId: ws.bot.botId,
      appId: ws.bot.appId,
      users: byHandle((p) => p.id),
      appDms: byHandle((p) => ws.openDm(p.id).id),
      channels,
    };
  };

  const deliver = async (teamId: string, event: JsonObject): Promise<DeliveredEvent> => {
    const { dispatcher } = teamById(teamId);
    const envelope = dispatcher.eventEnvelope(event, { authorizations: false });
    return { envelope, dispatch: await dispatcher.sendEvent(envelope) };
  };

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    oauthAuthorizeUrl: `${baseUrl}/oauth/v2/authorize`,
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
      webUrl = url === '' ? baseUrl : new URL(url).origin;
      for (const { ws } of teams.values()) ws.webUrl = webUrl;
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
      postLimit = limit;
      for (const { ws } of teams.values()) ws.postLimit = limit;
    },
    restrictPosting(channelId, refusal) {
      const ws = workspaceOfChannel(channelId);
      const channel = ws.channelOrThrow(channelId);
      if (refusal === undefined) delete channel.refusesPosts;
      else channel.refusesPosts = refusal;
      ws.changed();
    },
    setArchived(channelId, archived) {
      const ws = workspaceOfChannel(channelId);
      const channel = ws.channelOrThrow(channelId);
      channel.isArchived = archived;
      ws.changed();
    },
    postAsPerson({ userId, channelId, text, threadTs }) {
      const ws = workspaceOfChannel(channelId);
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
    issueTriggerId: (userId, opts) => teamOf(userId, opts).ws.issueTrigger(userId),
    prepareSlashCommand: (opts) => teamOf(opts.userId, opts).dispatcher.prepareSlashCommand(opts),
    slashCommand: (opts) => teamOf(opts.userId, opts).dispatcher.slashCommand(opts),
    submitView: (opts) => teamOf(opts.userId, opts).dispatcher.submitView(opts),
    closeView: (opts) => teamOf(opts.userId, opts).dispatcher.closeView(opts),
    clickButton: (opts) => teamOf(opts.userId, opts).dispatcher.clickButton(opts),
    openHome: (userId, opts) => teamOf(userId, opts).dispatcher.openHome(userId),
    globalShortcut: (opts) => teamOf(opts.userId, opts).dispatcher.globalShortcut(opts),
    eventEnvelope: (event, opts) => teamById(opts?.teamId ?? TEAM.id).dispatcher.eventEnvelope(event),
    sendEvent(envelope, opts = {}) {
      const teamId =
        typeof envelope.team_id === 'string' && teams.has(envelope.team_id) ? envelope.team_id : TEAM.id;
      const { dispatcher } = teamById(teamId);
      return opts.retryNum === undefined
        ? dispatcher.sendEvent(envelope)
        : dispatcher.sendEvent(envelope, {
            retryNum: opts.retryNum,
            ...(opts.retryReason === undefined ? {} : { retryReason: opts.retryReason }),
          });
    },
    addWorkspace,
    configureOAuth: (config) => auth.configure(config),
    authorize,
    install(teamId = TEAM.id, opts = {}) {
      const { ws } = teamById(teamId);
      const grant = auth.install(ws, opts.userId ?? firstPerson(ws), opts.scopes ?? [], opts.token);
      return {
        botToken: grant.botToken,
        ...(grant.refreshToken === undefined ? {} : { refreshToken: grant.refreshToken }),
        ...(grant.expiresIn === undefined ? {} : { expiresIn: grant.expiresIn }),
      };
    },
    async uninstall(teamId, opts = {}) {
      const { ws } = teamById(teamId);
      if (appUrl === '') throw new Error('fake Slack: no app URL yet; call setAppUrl(url) first');
      auth.uninstall(teamId);
      const revoked = { type: 'tokens_revoked', tokens: { bot: [ws.bot.userId] } };
      const uninstalled = { type: 'app_uninstalled' };
      if (opts.appUninstalledFirst === true) {
        const appUninstalled = await deliver(teamId, uninstalled);
        return { appUninstalled, tokensRevoked: await deliver(teamId, revoked) };
      }
      const tokensRevoked = await deliver(teamId, revoked);
      return { tokensRevoked, appUninstalled: await deliver(teamId, uninstalled) };
    },
    messages: (channelId) => workspaceOfChannel(channelId).messagesOf(channelId),
    snapshot: (userId, opts) => teamOf(userId, opts).ws.snapshot(userId),
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    close() {
      for (const res of hanging) res.destroy();
      hanging.clear();
      callEvents.removeAllListeners();
      changeListeners.clear();
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
