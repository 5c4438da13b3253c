import { randomBytes } from 'node:crypto';
import type {
  JsonObject,
  Snapshot,
  SnapshotChannel,
  SnapshotEphemeral,
  SnapshotMessage,
  SnapshotView,
} from './types.ts';

/** A Web API error answered as HTTP 200 `{ ok: false, error }`, with optional response_metadata. */
export class SlackApiError extends Error {
  constructor(
    readonly code: string,
    readonly messages: readonly string[] = [],
  ) {
    super(code);
  }
}

/**
 * Slack's answer to a post over its per-channel rate: HTTP 429 with `Retry-After` in whole seconds, the only
 * non-200 status the Web API uses (docs.slack.dev/apis/web-api/rate-limits).
 */
export class SlackRateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('ratelimited');
  }
}

/** A workspace as Slack names it: its id, name and subdomain, and its Enterprise Grid org if it is in one. */
export interface TeamInfo {
  readonly id: string;
  readonly name: string;
  readonly domain: string;
  readonly enterpriseId?: string;
  readonly enterpriseName?: string;
}

/**
 * The app's bot in one workspace. The app id is the same everywhere; the bot user and bot id are the
 * installation's own, different in each workspace (oauth.v2.access answers `bot_user_id` per install).
 */
export interface BotInfo {
  readonly userId: string;
  readonly botId: string;
  readonly appId: string;
  readonly name: string;
}

export const TEAM = {
  id: 'T0PLAYGROUND',
  name: 'Playground',
  domain: 'playground',
} as const satisfies TeamInfo;
export const BOT = {
  userId: 'U0BOT',
  botId: 'B0BOT',
  appId: 'A_PLAYGROUND',
  name: 'rust-or-python',
} as const satisfies BotInfo;
export const SLACKBOT_ID = 'USLACKBOT';

export interface User {
  id: string;
  name: string;
  realName: string;
  isBot: boolean;
}

export const PEOPLE: readonly User[] = [
  { id: 'U0ALICE', name: 'alice', realName: 'Alice Archer', isBot: false },
  { id: 'U0BOB', name: 'bob', realName: 'Bob Baker', isBot: false },
  { id: 'U0CAROL', name: 'carol', realName: 'Carol Chen', isBot: false },
];

export interface Message {
  ts: string;
  channel: string;
  user: string;
  botId?: string;
  text: string;
  blocks?: unknown[];
  threadTs?: string;
  replies: Message[];
  edited: boolean;
  metadata?: unknown;
}

export interface Ephemeral {
  ts: string;
  channel: string;
  /** Who sees it. */
  user: string;
  /** Who it is from (the bot, or Slackbot for Slack's own notices). */
  author: string;
  text: string;
  blocks?: unknown[];
  threadTs?: string;
}

/**
 * Why Slack refuses chat.postMessage in a channel even to a member (the method's error table,
 * docs.slack.dev/reference/methods/chat.postMessage): a read-only or announcement channel, a thread-only one
 * (top-level posts only), a workspace posting preference, an Enterprise Grid workspace this app was not
 * granted, and a channel whose admins revoked its encryption keys (EKM).
 */
export type PostRefusal =
  | 'restricted_action'
  | 'restricted_action_read_only_channel'
  | 'restricted_action_thread_only_channel'
  | 'team_access_not_granted'
  | 'ekm_access_denied';

/**
 * Refusals that shut the app out of the channel altogether, ephemeral messages included. Slack documents
 * these codes for chat.postMessage only; that they cover ephemerals too (an app without access to the
 * workspace, or to the channel's keys) and the posting restrictions do not is the fake's assumption, and it
 * matters little: the app tells the user through the response_url first, which bypasses posting rules.
 */
export const ACCESS_REFUSALS: ReadonlySet<PostRefusal> = new Set([
  'team_access_not_granted',
  'ekm_access_denied',
]);

/**
 * chat.postMessage's per-channel rate: Slack documents "1 per second" per channel with "short bursts >1
 * allowed" and gives no burst size (docs.slack.dev/apis/web-api/rate-limits, "Posting messages"). The fake
 * allows bursts of 4, an assumption: strict enough that a verdict posted with many replies back to back, or
 * two verdicts at once in one channel, meets the limit as it would in Slack.
 */
export interface ChannelPostLimit {
  readonly perSecond: number;
  readonly burst: number;
}
export const SLACK_CHANNEL_POST_LIMIT: ChannelPostLimit = { perSecond: 1, burst: 4 };

export interface Channel {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  isIm: boolean;
  /** Set when Slack refuses the app's posts here (see PostRefusal). */
  refusesPosts?: PostRefusal;
  /** For a DM: the person on the other side of the bot. */
  imUser?: string;
  members: Set<string>;
  /** Top-level messages, oldest first; replies hang off their parent. */
  messages: Message[];
  created: number;
}

export interface ViewRecord {
  id: string;
  userId: string;
  surface: 'modal' | 'home';
  /** The view as the Web API returns it (id, hash, state, ...). */
  view: JsonObject;
  errors: Record<string, string>;
}

interface Trigger {
  userId: string;
  issuedAt: number;
  used: boolean;
}

export interface ResponseUrlTarget {
  userId: string;
  channelId: string;
  /** The message the interaction came from (button clicks), which replace/delete_original act on. */
  messageTs?: string;
  messageIsEphemeral?: boolean;
  issuedAt: number;
  uses: number;
}

const MODAL_STACK_LIMIT = 3;

/** Slack gives every block without a block_id a generated one, which payloads then carry. */
export function withBlockIds(blocks: unknown): unknown[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.map((block: unknown) =>
    typeof block === 'object' && block !== null && !('block_id' in block)
      ? { ...block, block_id: randomBytes(3).toString('base64url') }
      : block,
  );
}
export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
/** How long an expired trigger_id is still recognised (answered expired_trigger_id, not invalid). */
const TRIGGER_MEMORY_MS = 60_000;
const PRUNE_THRESHOLD = 1000;

/** The in-memory workspace: people, channels, messages, views, trigger_ids and response_urls. */
export class Workspace {
  readonly users = new Map<string, User>();
  readonly channels = new Map<string, Channel>();
  readonly ephemerals: Ephemeral[] = [];
  readonly views = new Map<string, ViewRecord>();
  /** Per user: ids of the open modal's views, bottom first. */
  readonly modalStacks = new Map<string, string[]>();
  readonly homeViews = new Map<string, string>();
  readonly responseUrls = new Map<string, ResponseUrlTarget>();
  private readonly triggers = new Map<string, Trigger>();
  private readonly listeners = new Set<() => void>();
  private lastMicros = 0;
  private sequence = 0;
  /** The app's post rate per channel; null turns the limit off (load runs that are not about it). */
  postLimit: ChannelPostLimit | null = SLACK_CHANNEL_POST_LIMIT;
  /** Per channel: when its next post is due at the sustained rate (GCRA's theoretical arrival time). */
  private readonly postDue = new Map<string, number>();
  /** Where permalinks point (the fake's own http://127.0.0.1:PORT), set once the fake listens. */
  webUrl = '';

  /**
   * An empty workspace with the app's bot and Slackbot; `seedPlayground` or `seedTeam` fills it. The seeded
   * playground workspace is `TEAM` with `BOT`.
   */
  constructor(
    private readonly triggerTtlMs: number,
    readonly team: TeamInfo = TEAM,
    readonly bot: BotInfo = BOT,
  ) {
    this.users.set(bot.userId, { id: bot.userId, name: bot.name, realName: bot.name, isBot: true });
    this.users.set(SLACKBOT_ID, { id: SLACKBOT_ID, name: 'Slackbot', realName: 'Slackbot', isBot: true });
  }

  addPerson(person: User): void {
    this.users.set(person.id, person);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Message timestamps: strings, unique and strictly increasing, like Slack's `1503435956.000247`. */
  nextTs(): string {
    this.lastMicros = Math.max(this.lastMicros + 1, Date.now() * 1000);
    const seconds = Math.floor(this.lastMicros / 1_000_000);
    return `${seconds}.${String(this.lastMicros % 1_000_000).padStart(6, '0')}`;
  }

  private nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}${String(this.sequence).padStart(8, '0')}`;
  }

  userOrThrow(id: unknown): User {
    const user = typeof id === 'string' ? this.users.get(id) : undefined;
    if (!user) throw new SlackApiError('user_not_found');
    return user;
  }

  channelOrThrow(id: unknown): Channel {
    if (typeof id !== 'string' || id === '') throw new SlackApiError('channel_not_found');
    const channel = this.channels.get(id);
    if (!channel) throw new SlackApiError('channel_not_found');
    return channel;
  }

  /** The DM between the bot and a person, created on first use (conversations.open). */
  openDm(userId: string): Channel {
    const user = this.userOrThrow(userId);
    if (user.isBot) throw new SlackApiError('cannot_dm_bot');
    const id = `D${user.id.slice(1)}`;
    const existing = this.channels.get(id);
    if (existing) return existing;
    const dm = this.addChannel(id, user.name, {
      members: [user.id, this.bot.userId],
      isIm: true,
      isPrivate: true,
    });
    dm.imUser = user.id;
    this.changed();
    return dm;
  }

  addChannel(
    id: string,
    name: string,
    opts: {
      members: string[];
      isPrivate?: boolean;
      isArchived?: boolean;
      isIm?: boolean;
      refusesPosts?: PostRefusal;
    },
  ): Channel {
    const channel: Channel = {
      id,
      name,
      isPrivate: opts.isPrivate ?? false,
      isArchived: opts.isArchived ?? false,
      isIm: opts.isIm ?? false,
      ...(opts.refusesPosts === undefined ? {} : { refusesPosts: opts.refusesPosts }),
      members: new Set(opts.members),
      messages: [],
      created: Math.floor(Date.now() / 1000),
    };
    this.channels.set(id, channel);
    return channel;
  }

  findMessage(channel: Channel, ts: string): Message | undefined {
    for (const message of channel.messages) {
      if (message.ts === ts) return message;
      const reply = message.replies.find((r) => r.ts === ts);
      if (reply) return reply;
    }
    return undefined;
  }

  /**
   * A message's permalink, shaped like Slack's (`https://TEAM.slack.com/archives/C…/p<ts without the dot>`,
   * a thread reply adding `?thread_ts=…&cid=…`) on the fake's own address, which sends it on to the page.
   */
  permalink(message: Message): string {
    const link = `${this.webUrl}/archives/${message.channel}/p${message.ts.replace('.', '')}`;
    return message.threadTs === undefined
      ? link
      : `${link}?thread_ts=${message.threadTs}&cid=${message.channel}`;
  }

  post(
    channel: Channel,
    fields: {
      user: string;
      botId?: string;
      text: string;
      blocks?: unknown[];
      threadTs?: string;
      metadata?: unknown;
    },
  ): Message {
    const message: Message = {
      ts: this.nextTs(),
      channel: channel.id,
      user: fields.user,
      text: fields.text,
      replies: [],
      edited: false,
      ...(fields.botId === undefined ? {} : { botId: fields.botId }),
      ...(fields.blocks === undefined ? {} : { blocks: withBlockIds(fields.blocks) }),
      ...(fields.metadata === undefined ? {} : { metadata: fields.metadata }),
    };
    if (fields.threadTs === undefined) {
      channel.messages.push(message);
    } else {
      // A reply to a reply lands in the parent's thread, as in Slack.
      const target = this.findMessage(channel, fields.threadTs);
      const parent = target?.threadTs === undefined ? target : this.findMessage(channel, target.threadTs);
      if (!parent) throw new SlackApiError('thread_not_found');
      message.threadTs = parent.ts;
      parent.replies.push(message);
    }
    this.changed();
    return message;
  }

  /**
   * Takes one of the channel's post slots, or throws SlackRateLimited with the seconds until the next one.
   * A generic cell rate: one post per interval on average, up to `burst` back to back.
   */
  takePostSlot(channelId: string, now = Date.now()): void {
    const limit = this.postLimit;
    if (limit === null) return;
    const interval = 1000 / limit.perSecond;
    const tolerance = (limit.burst - 1) * interval;
    const due = Math.max(this.postDue.get(channelId) ?? now, now);
    if (due - now > tolerance) {
      throw new SlackRateLimited(Math.max(1, Math.ceil((due - tolerance - now) / 1000)));
    }
    this.postDue.set(channelId, due + interval);
  }

  addEphemeral(fields: Omit<Ephemeral, 'ts'>): Ephemeral {
    const ephemeral: Ephemeral = { ts: this.nextTs(), ...fields };
    this.ephemerals.push(ephemeral);
    this.changed();
    return ephemeral;
  }

  issueTrigger(userId: string): string {
    this.userOrThrow(userId);
    if (this.triggers.size >= PRUNE_THRESHOLD) this.pruneTriggers();
    const id = `${Date.now()}.${this.nextId('')}.${randomBytes(8).toString('hex')}`;
    this.triggers.set(id, { userId, issuedAt: Date.now(), used: false });
    return id;
  }

  /** Whether this workspace issued the trigger_id (used or not). */
  issuedTrigger(triggerId: string): boolean {
    return this.triggers.has(triggerId);
  }

  /** A trigger_id works once, within its lifetime; returns the user it was issued for. */
  exchangeTrigger(triggerId: unknown): string {
    if (typeof triggerId !== 'string' || triggerId === '') throw new SlackApiError('invalid_arguments');
    const trigger = this.triggers.get(triggerId);
    if (!trigger) throw new SlackApiError('invalid_trigger_id');
    if (trigger.used) throw new SlackApiError('exchanged_trigger_id');
    if (Date.now() - trigger.issuedAt > this.triggerTtlMs) throw new SlackApiError('expired_trigger_id');
    trigger.used = true;
    return trigger.userId;
  }

  /** Long load runs issue many triggers: forget those long past expiry (they then read as invalid). */
  private pruneTriggers(): void {
    const cutoff = Date.now() - Math.max(this.triggerTtlMs, TRIGGER_MEMORY_MS);
    // Maps iterate in insertion order, which is issue order: stop at the first one still remembered, so a
    // long load run does not walk every live trigger on every issue.
    for (const [id, trigger] of this.triggers) {
      if (trigger.issuedAt >= cutoff) break;
      this.triggers.delete(id);
    }
  }

  issueResponseUrl(target: Omit<ResponseUrlTarget, 'issuedAt' | 'uses'>): string {
    if (this.responseUrls.size >= PRUNE_THRESHOLD) {
      const cutoff = Date.now() - RESPONSE_URL_TTL_MS;
      for (const [id, url] of this.responseUrls) {
        if (url.issuedAt >= cutoff) break;
        this.responseUrls.delete(id);
      }
    }
    const id = randomBytes(12).toString('hex');
    this.responseUrls.set(id, { ...target, issuedAt: Date.now(), uses: 0 });
    return id;
  }

  /** Builds the view object Slack stores and returns, with a fresh hash. */
  private materialize(
    record: { id: string; surface: 'modal' | 'home' },
    view: JsonObject,
    extra: JsonObject,
  ): JsonObject {
    return {
      id: record.id,
      team_id: this.team.id,
      type: view.type,
      blocks: withBlockIds(view.blocks),
      private_metadata: view.private_metadata ?? '',
      callback_id: view.callback_id ?? '',
      external_id: view.external_id ?? '',
      state: { values: {} },
      hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(6).toString('hex')}`,
      title: view.title ?? null,
      close: view.close ?? null,
      submit: view.submit ?? null,
      clear_on_close: view.clear_on_close ?? false,
      notify_on_close: view.notify_on_close ?? false,
      app_id: this.bot.appId,
      bot_id: this.bot.botId,
      app_installed_team_id: this.team.id,
      ...extra,
    };
  }

  modalStack(userId: string): string[] {
    let stack = this.modalStacks.get(userId);
    if (!stack) {
      stack = [];
      this.modalStacks.set(userId, stack);
    }
    return stack;
  }

  /** views.open: a new modal for the user, replacing whatever modal was open. */
  openModal(userId: string, view: JsonObject): ViewRecord {
    const stack = this.modalStack(userId);
    for (const id of stack) this.views.delete(id);
    stack.length = 0;
    return this.pushModal(userId, view);
  }

  pushModal(userId: string, view: JsonObject): ViewRecord {
    const stack = this.modalStack(userId);
    if (stack.length >= MODAL_STACK_LIMIT) throw new SlackApiError('push_limit_reached');
    const id = this.nextId('V');
    const root = stack[0] ?? id;
    const record: ViewRecord = {
      id,
      userId,
      surface: 'modal',
      view: this.materialize({ id, surface: 'modal' }, view, {
        root_view_id: root,
        previous_view_id: stack.at(-1) ?? null,
      }),
      errors: {},
    };
    this.views.set(id, record);
    stack.push(id);
    this.changed();
    return record;
  }

  /** views.update or `response_action: update`: same id, new content and hash. */
  replaceView(record: ViewRecord, view: JsonObject): ViewRecord {
    if (view.type !== record.view.type)
      throw new SlackApiError('invalid_arguments', ['view type cannot change']);
    record.view = this.materialize(record, view, {
      root_view_id: record.view.root_view_id ?? null,
      previous_view_id: record.view.previous_view_id ?? null,
    });
    record.errors = {};
    this.changed();
    return record;
  }

  publishHome(userId: string, view: JsonObject): ViewRecord {
    const existingId = this.homeViews.get(userId);
    const existing = existingId === undefined ? undefined : this.views.get(existingId);
    if (existing) return this.replaceView(existing, view);
    const id = this.nextId('V');
    const record: ViewRecord = {
      id,
      userId,
      surface: 'home',
      view: this.materialize({ id, surface: 'home' }, view, { root_view_id: id, previous_view_id: null }),
      errors: {},
    };
    this.views.set(id, record);
    this.homeViews.set(userId, id);
    this.changed();
    return record;
  }

  /** Closes the top view of the user's modal (Cancel), or the whole modal (`clear`, or ✕). */
  closeModal(userId: string, all: boolean): void {
    const stack = this.modalStack(userId);
    const closing = all ? stack.splice(0) : stack.splice(-1);
    for (const id of closing) this.views.delete(id);
    this.changed();
  }

  /** A channel's top-level messages with their threads, oldest first, as the page shows them. */
  messagesOf(channelId: string): SnapshotMessage[] {
    const toMessage = (m: Message): SnapshotMessage => ({
      ts: m.ts,
      user: m.user,
      userName: this.nameOf(m.user),
      text: m.text,
      ...(m.blocks === undefined ? {} : { blocks: m.blocks }),
      edited: m.edited,
      replyCount: m.replies.length,
      replies: m.replies.map(toMessage),
    });
    return structuredClone(this.channelOrThrow(channelId).messages.map(toMessage));
  }

  private nameOf(userId: string): string {
    return this.users.get(userId)?.name ?? userId;
  }

  snapshot(userId: string): Snapshot {
    const user = this.userOrThrow(userId);
    const toEphemeral = (e: Ephemeral): SnapshotEphemeral => ({
      ts: e.ts,
      userName: this.nameOf(e.author),
      text: e.text,
      ...(e.blocks === undefined ? {} : { blocks: structuredClone(e.blocks) }),
      ...(e.threadTs === undefined ? {} : { threadTs: e.threadTs }),
    });
    const toView = (record: ViewRecord): SnapshotView => ({
      id: record.id,
      hash: String(record.view.hash),
      view: structuredClone(record.view),
      errors: { ...record.errors },
    });
    const channels: SnapshotChannel[] = [...this.channels.values()]
      .filter((c) => c.members.has(userId))
      .map((c) => ({
        id: c.id,
        name: c.name,
        isPrivate: c.isPrivate,
        isArchived: c.isArchived,
        isReadOnly: c.refusesPosts === 'restricted_action_read_only_channel',
        isIm: c.isIm,
        botIsMember: c.members.has(this.bot.userId),
        messages: this.messagesOf(c.id),
        ephemerals: this.ephemerals.filter((e) => e.channel === c.id && e.user === userId).map(toEphemeral),
      }));
    const homeId = this.homeViews.get(userId);
    const home = homeId === undefined ? undefined : this.views.get(homeId);
    return {
      user: { id: user.id, name: user.name },
      team: { id: this.team.id, name: this.team.name, url: `${this.webUrl}/` },
      bot: { userId: this.bot.userId, name: this.bot.name },
      channels,
      modalStack: this.modalStack(userId).flatMap((id) => {
        const record = this.views.get(id);
        return record ? [toView(record)] : [];
      }),
      home: home ? toView(home) : null,
    };
  }
}

/** The playground's workspace as every existing test and the page know it (ids in FAKE_SLACK_IDS). */
export function seedPlayground(ws: Workspace): void {
  for (const person of PEOPLE) ws.addPerson(person);
  const people = PEOPLE.map((p) => p.id);
  const bot = ws.bot.userId;
  ws.addChannel('C0GENERAL', 'general', { members: [...people, bot] });
  ws.addChannel('C0RANDOM', 'random', { members: people });
  ws.addChannel('C0SECRET', 'secret', { members: ['U0ALICE', 'U0BOB'], isPrivate: true });
  ws.addChannel('C0ARCHIVED', 'old-projects', { members: [...people, bot], isArchived: true });
  ws.addChannel('C0ANNOUNCE', 'announcements', {
    members: [...people, bot],
    refusesPosts: 'restricted_action_read_only_channel',
  });
  // Each person's DM with the app (its Messages tab): a place to run a command where the bot can post.
  for (const person of people) ws.openDm(person);
}

/**
 * Another workspace: these people, #general (with the bot) and #random (without), and each person's DM with
 * the app. Ids carry the team id's tail, so they differ from every other workspace's.
 */
export function seedTeam(
  ws: Workspace,
  people: readonly User[],
  channels: { general: string; random: string },
): void {
  for (const person of people) ws.addPerson(person);
  const ids = people.map((p) => p.id);
  ws.addChannel(channels.general, 'general', { members: [...ids, ws.bot.userId] });
  ws.addChannel(channels.random, 'random', { members: ids });
  for (const id of ids) ws.openDm(id);
}
