import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { type Logger, type types, webApi } from '@slack/bolt';
import type { SlackMessage } from './blocks/index.ts';
import type { RequestContext } from './deliver.ts';
import { classifySlackError, logContext, UnconfirmedPostError } from './failures.ts';

/**
 * How the app posts: its own Web API client per workspace, a pace per conversation within Slack's rate, and
 * retries only where a retry cannot post twice.
 */

/**
 * Calls a Web API method with its Block Kit (`view`, `blocks`) already encoded as JSON text. The request
 * is the same on the wire (@slack/web-api form-encodes an object argument as JSON), but given an object
 * the client first deep-copies it through its `redact()` for a debug line it builds even when debug
 * logging is off, then encodes it: a cost that grows with the blocks (the modal's first page, where it
 * mattered most, now opens through views-open.ts instead). `apiCall` accepts the text where the typed
 * methods would not, so the arguments are typed by `BlockKitCalls` instead.
 */
interface BlockKitCalls {
  'views.publish': { user_id: string; view: types.HomeView };
  'chat.postMessage': {
    channel: string;
    text: string;
    blocks: SlackMessage['blocks'];
    thread_ts?: string;
    metadata: PostMetadata;
  };
  'chat.postEphemeral': { channel: string; user: string; text: string; blocks: SlackMessage['blocks'] };
  'chat.update': { channel: string; ts: string; text: string; blocks: SlackMessage['blocks'] };
}

/** What each method answers, as the typed methods declare it (they call `apiCall` the same way). */
interface BlockKitResults {
  'views.publish': webApi.ViewsPublishResponse;
  'chat.postMessage': webApi.ChatPostMessageResponse;
  'chat.postEphemeral': webApi.ChatPostEphemeralResponse;
  'chat.update': webApi.ChatUpdateResponse;
}

export async function callWithBlockKit<M extends keyof BlockKitCalls>(
  client: webApi.WebClient,
  method: M,
  args: BlockKitCalls[M],
): Promise<BlockKitResults[M]> {
  const encoded: Record<string, unknown> = { ...args };
  if ('view' in args) encoded.view = JSON.stringify(args.view);
  if ('blocks' in args) encoded.blocks = JSON.stringify(args.blocks);
  return (await client.apiCall(method, encoded)) as BlockKitResults[M];
}

/**
 * How the app posts, per app (app.ts binds one to the clients Bolt hands its listeners; see bindDelivery).
 */
export interface DeliveryPolicy {
  /** Each post attempt gives up after this long (the app's Web API timeout). */
  readonly timeoutMs: number;
  /** Attempts per post: the first, then one after a 429, a refused connection, or a check that found none. */
  readonly attempts: number;
  /** Waits before the 2nd, 3rd… attempt after a refused connection, or before checking for a landed post. */
  readonly retryDelaysMs: readonly number[];
  /**
   * The app's own pace per conversation: up to `burst` posts back to back, then one per `intervalMs`. Slack
   * allows about one post a second per channel with short bursts (docs.slack.dev/apis/web-api/rate-limits)
   * and gives no burst size; null posts unpaced (for tests about something else).
   */
  readonly channelPace: { readonly intervalMs: number; readonly burst: number } | null;
  /** The longest Retry-After the app waits out before delivering privately instead. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  timeoutMs: 3_000,
  attempts: 3,
  retryDelaysMs: [500, 1_000],
  // A verdict and its first two replies at once, the third a second later.
  channelPace: { intervalMs: 1_000, burst: 3 },
  maxRetryAfterMs: 30_000,
};

/** Conversations whose pace is remembered before forgetting those long idle. */
const PACED_CONVERSATIONS_KEPT = 1_000;

/**
 * The app's logger, shared with the posting client: its lines go through the same redaction (ids kept,
 * text and URLs scrubbed), and the client may not rename it or change its level.
 */
function sharedLogger(logger: Logger): Logger {
  return {
    debug: (...msg) => logger.debug(...msg),
    info: (...msg) => logger.info(...msg),
    warn: (...msg) => logger.warn(...msg),
    error: (...msg) => logger.error(...msg),
    setLevel: () => undefined,
    getLevel: () => logger.getLevel(),
    setName: () => undefined,
  };
}

/**
 * Posting for one app. Its own Web API client per workspace token, which retries nothing by itself and
 * answers a 429 to the caller: the client Bolt gives listeners retries a timed-out or 5xx post blindly, and
 * pauses every call of the app (views.open included) for a 429 on any one channel. And a pace per
 * conversation, so the app keeps to Slack's per-channel rate instead of meeting it.
 */
export class Delivery {
  private readonly clients = new Map<string, webApi.WebClient>();
  /** Per conversation: when its next post is due at the sustained pace (a generic cell rate). */
  private readonly due = new Map<string, number>();
  /** Per conversation: until when Slack asked for quiet (Retry-After). */
  private readonly heldUntil = new Map<string, number>();
  /** A post to a user id lands in the app's DM with them: that DM's id, once a post has told it. */
  private readonly dmOf = new Map<string, string>();

  constructor(readonly policy: DeliveryPolicy) {}

  /**
   * The posting client for the workspace `boltClient` serves: its token and API URL, and the team id Bolt
   * adds to every call for an org-wide install.
   */
  clientFor(boltClient: webApi.WebClient, logger: Logger, teamId: string | undefined): webApi.WebClient {
    const key = `${boltClient.slackApiUrl}\n${boltClient.token ?? ''}\n${teamId ?? ''}`;
    let client = this.clients.get(key);
    if (client === undefined) {
      client = new webApi.WebClient(boltClient.token, {
        slackApiUrl: boltClient.slackApiUrl,
        timeout: this.policy.timeoutMs,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        logger: sharedLogger(logger),
        ...(teamId === undefined ? {} : { teamId }),
      });
      this.clients.set(key, client);
    }
    return client;
  }

  /** The conversation a post to `target` lands in, as far as known: one pace for a DM however addressed. */
  conversationOf(target: string): string {
    return this.dmOf.get(target) ?? target;
  }

  /** Remembers where a post to `target` landed. */
  landedIn(target: string, channel: string): void {
    if (target === channel) return;
    // Oldest out first, so the newest people are always known.
    if (!this.dmOf.has(target) && this.dmOf.size >= PACED_CONVERSATIONS_KEPT) {
      const oldest = this.dmOf.keys().next().value;
      if (oldest !== undefined) this.dmOf.delete(oldest);
    }
    this.dmOf.set(target, channel);
  }

  /** Waits for the conversation's next post slot, and takes it. */
  async pace(conversation: string): Promise<void> {
    const now = Date.now();
    if (this.due.size > PACED_CONVERSATIONS_KEPT) this.forgetIdle(now);
    let wait = (this.heldUntil.get(conversation) ?? now) - now;
    const pace = this.policy.channelPace;
    if (pace !== null) {
      const due = Math.max(this.due.get(conversation) ?? now, now);
      this.due.set(conversation, due + pace.intervalMs);
      wait = Math.max(wait, due - (pace.burst - 1) * pace.intervalMs - now);
    }
    if (wait > 0) await delay(wait);
    // A 429 on this conversation while this post waited holds it too.
    for (let held = this.heldUntil.get(conversation) ?? 0; held > Date.now(); ) {
      await delay(held - Date.now());
      held = this.heldUntil.get(conversation) ?? 0;
    }
  }

  /** Nothing more goes to the conversation until Slack's Retry-After is over. */
  hold(conversation: string, ms: number): void {
    const until = Date.now() + ms;
    this.heldUntil.set(conversation, Math.max(this.heldUntil.get(conversation) ?? 0, until));
  }

  private forgetIdle(now: number): void {
    for (const [conversation, due] of this.due) if (due < now) this.due.delete(conversation);
    for (const [conversation, until] of this.heldUntil) if (until < now) this.heldUntil.delete(conversation);
  }
}

export function createDelivery(policy: Partial<DeliveryPolicy> = {}): Delivery {
  return new Delivery({ ...DEFAULT_DELIVERY_POLICY, ...policy });
}

const boundDeliveries = new WeakMap<webApi.WebClient, { delivery: Delivery; teamId: string | undefined }>();
let unboundDelivery: Delivery | undefined;

/**
 * Makes `delivery` the one used for requests that carry `client`, Bolt's client for the request's workspace
 * (`teamId`: Bolt's `context.teamId`). app.ts does this for every request.
 */
export function bindDelivery(client: webApi.WebClient, delivery: Delivery, teamId?: string): void {
  const bound = boundDeliveries.get(client);
  // Bolt hands every request of a workspace the same client: bound once, looked up after (the ack path).
  if (bound?.delivery !== delivery || bound.teamId !== teamId)
    boundDeliveries.set(client, { delivery, teamId });
}

function deliveryFor(ctx: RequestContext): Delivery {
  const bound = boundDeliveries.get(ctx.client);
  if (bound !== undefined) return bound.delivery;
  unboundDelivery ??= createDelivery();
  return unboundDelivery;
}

export function postingClient(ctx: RequestContext): webApi.WebClient {
  return deliveryFor(ctx).clientFor(ctx.client, ctx.logger, boundDeliveries.get(ctx.client)?.teamId);
}

/**
 * Every post carries a key of its own in its message metadata, so that after a timeout or a 5xx the app can
 * find out whether Slack stored it (conversations.history / .replies with include_all_metadata) before
 * posting again: Slack does not deduplicate posts. Metadata is visible to the workspace's apps; a random id
 * says nothing.
 */
interface PostMetadata {
  readonly event_type: typeof POST_EVENT_TYPE;
  readonly event_payload: { readonly post_id: string };
}
const POST_EVENT_TYPE = 'rust_or_python_post';

function carriesPost(message: { metadata?: unknown }, postId: string): boolean {
  const metadata = message.metadata as
    | { event_type?: unknown; event_payload?: { post_id?: unknown } }
    | undefined;
  return metadata?.event_type === POST_EVENT_TYPE && metadata.event_payload?.post_id === postId;
}

/**
 * How many of the newest messages (or of the thread's) to look through for a post that may have landed
 * seconds ago; no `oldest` bound, so the app's clock need not agree with Slack's.
 */
const LANDED_SEARCH_LIMIT = 100;

/**
 * Whether Slack stored the post with this id; 'unknown' when it cannot be asked (a post addressed to a user
 * id whose DM id no earlier post told; a failed read).
 */
async function findLanded(
  ctx: RequestContext,
  client: webApi.WebClient,
  target: { channel: string; threadTs: string | undefined },
  postId: string,
): Promise<Posted | undefined | 'unknown'> {
  const { channel, threadTs } = target;
  if (!/^[CDG]/.test(channel)) return 'unknown';
  const query = { channel, include_all_metadata: true, limit: LANDED_SEARCH_LIMIT };
  try {
    const page =
      threadTs === undefined
        ? await client.conversations.history(query)
        : await client.conversations.replies({ ...query, ts: threadTs });
    const found = page.messages?.find((m) => carriesPost(m, postId));
    return found?.ts === undefined ? undefined : { channel, ts: found.ts };
  } catch (error) {
    const method = threadTs === undefined ? 'conversations.history' : 'conversations.replies';
    ctx.logger.warn(
      'Could not check whether a post landed',
      logContext(ctx, method, classifySlackError(error).code),
    );
    return 'unknown';
  }
}

/** Failures where the request never reached Slack: trying again cannot post twice. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

function neverSent(error: webApi.WebAPIRequestError): boolean {
  const cause = (error.original as { cause?: { code?: unknown; errors?: { code?: unknown }[] } }).cause;
  if (cause === undefined) return false;
  if (typeof cause.code === 'string' && NEVER_SENT.has(cause.code)) return true;
  // Several addresses tried (IPv6 and IPv4): an AggregateError whose every attempt was refused.
  return (
    Array.isArray(cause.errors) &&
    cause.errors.length > 0 &&
    cause.errors.every((e) => typeof e.code === 'string' && NEVER_SENT.has(e.code))
  );
}

/** What to do after a failed post: retry it, check whether it landed, or give up. */
type PostFailure =
  | { readonly next: 'wait-and-retry'; readonly retryAfterMs: number }
  | { readonly next: 'retry' }
  /** The post may have landed; `answered`: Slack answered (a 5xx) rather than nothing at all (a timeout). */
  | { readonly next: 'check'; readonly answered: boolean }
  | { readonly next: 'give-up' };

function afterFailedPost(error: unknown): PostFailure {
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return { next: 'wait-and-retry', retryAfterMs: error.retryAfter * 1000 };
  }
  if (error instanceof webApi.WebAPIRequestError)
    return neverSent(error) ? { next: 'retry' } : { next: 'check', answered: false };
  if (error instanceof webApi.WebAPIHTTPError && error.statusCode >= 500)
    return { next: 'check', answered: true };
  return { next: 'give-up' };
}

export interface Posted {
  readonly channel: string;
  readonly ts: string;
}

/**
 * Posts a message, paced to the conversation's rate, retried only where a retry cannot post twice: after a
 * 429 (once Retry-After is over) and a refused connection. After a timeout or a 5xx the post may have landed:
 * the app looks for it, and posts again only when it is not there.
 */
export async function postMessage(
  ctx: RequestContext,
  channel: string,
  message: SlackMessage,
  threadTs?: string,
): Promise<Posted> {
  const delivery = deliveryFor(ctx);
  const { policy } = delivery;
  const client = postingClient(ctx);
  const postId = randomUUID();
  let lastError: unknown;
  for (let attempt = 1; attempt <= policy.attempts; attempt += 1) {
    await delivery.pace(delivery.conversationOf(channel));
    try {
      const result = await callWithBlockKit(client, 'chat.postMessage', {
        channel,
        text: message.text,
        blocks: message.blocks,
        ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
        metadata: { event_type: POST_EVENT_TYPE, event_payload: { post_id: postId } },
      });
      if (result.ts === undefined || result.channel === undefined) {
        throw new Error('chat.postMessage answered ok without a channel and ts');
      }
      delivery.landedIn(channel, result.channel);
      return { channel: result.channel, ts: result.ts };
    } catch (error) {
      lastError = error;
      const failure = afterFailedPost(error);
      const pause = policy.retryDelaysMs[attempt - 1] ?? policy.retryDelaysMs.at(-1) ?? 0;
      if (failure.next === 'give-up') throw error;
      if (failure.next === 'wait-and-retry') {
        if (failure.retryAfterMs > policy.maxRetryAfterMs) throw error;
        delivery.hold(delivery.conversationOf(channel), failure.retryAfterMs);
      } else if (failure.next === 'retry') {
        if (attempt < policy.attempts) await delay(pause);
      } else {
        // Give a slow Slack time to finish storing it before looking.
        await delay(pause);
        const conversation = delivery.conversationOf(channel);
        const landed = await findLanded(ctx, client, { channel: conversation, threadTs }, postId);
        if (landed === 'unknown') throw new UnconfirmedPostError(error);
        if (landed !== undefined) return landed;
        // After a timeout Slack may still be storing it: not seen yet is not "not posted", so no second post.
        if (!failure.answered) throw new UnconfirmedPostError(error);
      }
    }
  }
  throw lastError;
}
