/** Public shapes of the fake Slack: what tests, the playground page and the benchmarks see. */

export type JsonObject = Record<string, unknown>;

/**
 * One Web API call (or `response_url` use) as the fake answered it. Tokens, client secrets and refresh tokens
 * are never recorded; `tokenRef` names the token instead.
 */
export interface ApiCall {
  method: string;
  /** Parsed arguments; `blocks`, `view`, `attachments` and `metadata` are JSON-parsed. */
  args: JsonObject;
  ok: boolean;
  /** Slack's error code, or `http_<status>` / `hung` for injected transport faults. */
  error?: string;
  /** HTTP status sent back (0 while a hung call is still open). */
  status: number;
  /** Milliseconds since the epoch when the call arrived. */
  at: number;
  /** The JSON body answered, when the fake answered one itself (not for injected faults). */
  response?: JsonObject;
  /** The workspace whose data served the call (its token's team), absent when none did (e.g. invalid_auth). */
  teamId?: string;
  /**
   * Which token made the call, without the token: `<teamId>:bot:<n>` for the n-th bot token the fake issued
   * in that workspace (by OAuth or `install`), `<enterpriseId>:bot:<n>` for an org-wide install's token
   * (whichever workspace of the org it served), `unregistered` for a token it did not issue that the seeded
   * workspace accepts (FakeSlackOptions.strictTokens). For oauth.v2.access: the token it handed out.
   */
  tokenRef?: string;
}

export type Fault =
  | { error: string }
  | { status: 500 | 502 | 503 }
  | { status: 429; retryAfter: number }
  | { hang: true };

/** The app's HTTP answer to something the dispatcher sent. */
export interface Dispatch {
  /**
   * `answered`: the app replied (any status). `timed_out`: no reply within Slack's 3 s.
   * `not_sent`: Slack would not have sent anything (a view without notify_on_close, or a
   * required field left empty, which Slack's client refuses to submit).
   */
  outcome: 'answered' | 'timed_out' | 'not_sent';
  /** HTTP status of the app's reply; 0 when there was none. */
  status: number;
  /** The reply body: parsed JSON when it is JSON, else the raw text ('' when empty). */
  body: unknown;
  elapsedMs: number;
}

/**
 * What a person picks in a view's input block, keyed by block_id: an option value (or several), a boolean
 * for a checkbox question, text, or a conversation id. `null` clears the field; a block left out (or
 * `undefined`) keeps what the view shows initially (initial_option, initial_value, ...).
 */
export type ViewInputValue = string | readonly string[] | boolean | null;
export type ViewInputs = Readonly<Record<string, ViewInputValue | undefined>>;

export interface FakeSlackOptions {
  signingSecret: string;
  /** Where signed requests go (the app's `POST /slack/events`); can be set later with setAppUrl. */
  appUrl?: string;
  /** Port to listen on, 127.0.0.1 only; 0 (the default) picks a free one. */
  port?: number;
  /** trigger_id lifetime; Slack's is 3000 ms. Tests shorten it to check expiry quickly. */
  triggerTtlMs?: number;
  /** How long the dispatcher waits for the app's ack; Slack gives up after 3000 ms. */
  ackTimeoutMs?: number;
  /**
   * Most calls kept in `calls` (default: all). Long benchmark runs set it so memory stays flat; past it the
   * oldest tenth is dropped at once, so indexes into `calls` taken earlier no longer line up.
   */
  maxRecordedCalls?: number;
  /**
   * Which Web API tokens work. true: only tokens the fake issued (by OAuth or `install`), as in Slack, where
   * an unknown token is `invalid_auth`. false: also any other `xox[bpa]-` token, which then speaks for the
   * seeded workspace (how the single-workspace app, the playground and the benchmarks use it). Left out:
   * false until the fake issues its first token, true from then on.
   */
  strictTokens?: boolean;
  /** The fake's clock (ms since the epoch) for OAuth codes and token expiry only; Date.now by default. */
  clock?: () => number;
}

/** The people of an added workspace when it names none. */
export type DefaultHandle = 'alice' | 'bob' | 'carol';

/** Another workspace in the same fake Slack (FakeSlack.addWorkspace). */
export interface WorkspaceOptions<Handle extends string = DefaultHandle> {
  /** A Slack team id: `T` and capital letters or digits, e.g. `T0SECOND`. Ids in it derive from its tail. */
  teamId: string;
  name: string;
  /** Its subdomain (`<domain>.slack.com`); by default the name, lowercased, with dashes. */
  domain?: string;
  /** An Enterprise Grid workspace: its org's id (`E…`) and name, which payloads then carry. */
  enterpriseId?: string;
  enterpriseName?: string;
  /** The people's handles, lowercase; alice, bob and carol by default (with ids of this team). */
  people?: readonly Handle[];
}

/** Ids of a workspace added with addWorkspace, shaped like FAKE_SLACK_IDS. */
export interface WorkspaceIds<Handle extends string = DefaultHandle> {
  team: string;
  botUserId: string;
  botId: string;
  appId: string;
  /** By handle. */
  users: Readonly<Record<Handle, string>>;
  /** Each person's DM with the app, by handle. */
  appDms: Readonly<Record<Handle, string>>;
  /** #general has the bot in it; #random does not. */
  channels: { readonly general: string; readonly random: string };
}

/** One event the fake delivered: the envelope (to send again as a retry) and the app's answer. */
export interface DeliveredEvent {
  envelope: JsonObject;
  dispatch: Dispatch;
}

export interface SnapshotMessage {
  ts: string;
  user: string;
  /** The author's display name, ready to show. */
  userName: string;
  text: string;
  blocks?: unknown[];
  edited: boolean;
  replyCount: number;
  replies: SnapshotMessage[];
}

export interface SnapshotEphemeral {
  ts: string;
  userName: string;
  text: string;
  blocks?: unknown[];
  threadTs?: string;
}

export interface SnapshotChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  /** Slack's `is_read_only`: an announcement channel where only some may post. */
  isReadOnly: boolean;
  isIm: boolean;
  botIsMember: boolean;
  messages: SnapshotMessage[];
  /** Ephemeral messages only this user sees, in the order they arrived. */
  ephemerals: SnapshotEphemeral[];
}

export interface SnapshotView {
  id: string;
  hash: string;
  view: JsonObject;
  /** Inline errors from `response_action: errors`, keyed by block_id. */
  errors: Record<string, string>;
}

/** Everything one person sees: JSON-serializable, for the playground page. */
export interface Snapshot {
  user: { id: string; name: string };
  /** `url`: the workspace's address (the fake's), under which its permalinks live (`url + 'archives/…'`). */
  team: { id: string; name: string; url: string };
  bot: { userId: string; name: string };
  channels: SnapshotChannel[];
  /** The open modal's stack, bottom first; the last one is visible. */
  modalStack: SnapshotView[];
  home: SnapshotView | null;
}
