import { type Logger, type types, webApi } from '@slack/bolt';
import { sectionBlock } from './blocks/compose.ts';
import {
  buildNotice,
  escapeMrkdwn,
  SLACK_LIMITS,
  type SlackMessage,
  truncateMrkdwn,
} from './blocks/index.ts';

/**
 * Everything that talks to Slack on a listener's behalf, and what happens when Slack says no. Every
 * path ends either with the result in front of the user or with the user told, in plain words, why not.
 */

/** Who asked, from where, and how to reach them: the context every delivery and every log line carries. */
export interface RequestContext {
  readonly client: webApi.WebClient;
  readonly logger: Logger;
  readonly userId: string;
  /** The conversation the request came from, when there is one (not for App Home or a global shortcut). */
  readonly channelId?: string;
  /** The payload's response_url: reaches the user even when the bot cannot post (30 min, 5 uses). */
  readonly responseUrl?: string;
  /** When Slack stops honouring `responseUrl` (ms since epoch); absent when the request just arrived. */
  readonly responseUrlExpiresAt?: number;
  /** The command, callback_id or action_id that started this, for the logs. */
  readonly source: string;
}

/** Slack's answer sorted by what the app should do about it. */
export type SlackFailure =
  | { readonly kind: 'trigger'; readonly code: string }
  | { readonly kind: 'channel'; readonly code: string }
  | { readonly kind: 'auth'; readonly code: string }
  | { readonly kind: 'other'; readonly code: string };

const TRIGGER_ERRORS = new Set([
  'expired_trigger_id',
  'exchanged_trigger_id',
  'invalid_trigger_id',
  'trigger_expired',
  'trigger_exchanged',
]);
const CHANNEL_ERRORS = new Set(['not_in_channel', 'channel_not_found']);
const AUTH_ERRORS = new Set([
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'not_authed',
]);

/**
 * Calls a Web API method with its Block Kit (`view`, `blocks`) already encoded as JSON text. The request
 * is the same on the wire (@slack/web-api form-encodes an object argument as JSON), but given an object
 * the client first deep-copies it through its `redact()` for a debug line it builds even when debug
 * logging is off, then encodes it. For the 4.9 KB first page of the modal, that copy and the encoding after
 * it were among the largest costs of a slash command beyond Bolt's own (BENCHMARKS.md). `apiCall` accepts the
 * text where the typed methods would not, so the arguments are typed by `BlockKitCalls` instead.
 */
interface BlockKitCalls {
  'views.open': { trigger_id: string; view: types.ModalView };
  'views.publish': { user_id: string; view: types.HomeView };
  'chat.postMessage': { channel: string; text: string; blocks: SlackMessage['blocks']; thread_ts?: string };
  'chat.postEphemeral': { channel: string; user: string; text: string; blocks: SlackMessage['blocks'] };
}

/** What each method answers, as the typed methods declare it (they call `apiCall` the same way). */
interface BlockKitResults {
  'views.open': webApi.ViewsOpenResponse;
  'views.publish': webApi.ViewsPublishResponse;
  'chat.postMessage': webApi.ChatPostMessageResponse;
  'chat.postEphemeral': webApi.ChatPostEphemeralResponse;
}

async function callWithBlockKit<M extends keyof BlockKitCalls>(
  client: webApi.WebClient,
  method: M,
  args: BlockKitCalls[M],
): Promise<BlockKitResults[M]> {
  const encoded: Record<string, unknown> = { ...args };
  if ('view' in args) encoded.view = JSON.stringify(args.view);
  if ('blocks' in args) encoded.blocks = JSON.stringify(args.blocks);
  return (await client.apiCall(method, encoded)) as BlockKitResults[M];
}

/** Sorts a Web API failure by Slack's error code (`data.error`), or by transport problem. */
export function classifySlackError(error: unknown): SlackFailure {
  let code: string;
  if (error instanceof webApi.WebAPIPlatformError) code = error.data.error;
  else if (error instanceof webApi.WebAPIHTTPError) code = `http_${error.statusCode}`;
  else if (error instanceof webApi.WebAPIRateLimitedError) code = 'ratelimited';
  else if (error instanceof webApi.WebAPIRequestError)
    code = error.original.name === 'TimeoutError' ? 'request_timeout' : 'request_failed';
  // After its last retry on a 429, the client rethrows the plain Error it uses to signal "retry".
  else if (error instanceof Error && error.message.startsWith('A rate limit was exceeded'))
    code = 'ratelimited';
  else code = 'unexpected_error';
  if (TRIGGER_ERRORS.has(code)) return { kind: 'trigger', code };
  if (CHANNEL_ERRORS.has(code)) return { kind: 'channel', code };
  if (AUTH_ERRORS.has(code)) return { kind: 'auth', code };
  return { kind: 'other', code };
}

function logContext(ctx: RequestContext, method: string, code: string) {
  return { method, error: code, user: ctx.userId, channel: ctx.channelId ?? null, source: ctx.source };
}

const RESPONSE_URL_TIMEOUT_MS = 3_000;
/** Slack honours a response_url this long after sending it, and this many times. */
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
const RESPONSE_URL_MAX_USES = 5;

/** Uses of each request's response_url so far; `refused` once a post to it failed (expired, used up, down). */
const responseUrlUses = new WeakMap<RequestContext, { count: number; refused: boolean }>();

/** The context's response_url while Slack should still honour it: in time, uses left, not refused yet. */
function usableResponseUrl(ctx: RequestContext): string | undefined {
  if (ctx.responseUrl === undefined) return undefined;
  if (ctx.responseUrlExpiresAt !== undefined && Date.now() >= ctx.responseUrlExpiresAt) return undefined;
  const uses = responseUrlUses.get(ctx);
  if (uses !== undefined && (uses.refused || uses.count >= RESPONSE_URL_MAX_USES)) return undefined;
  return ctx.responseUrl;
}

/** Posts to a response_url (not a Web API method: it carries its own authority, not our token). */
async function postToResponseUrl(ctx: RequestContext, url: string, message: SlackMessage): Promise<void> {
  const uses = responseUrlUses.get(ctx) ?? { count: 0, refused: false };
  responseUrlUses.set(ctx, uses);
  uses.count += 1;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...message }),
      signal: AbortSignal.timeout(RESPONSE_URL_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`response_url answered HTTP ${response.status}`);
  } catch (error) {
    // Expired or used up does not heal; a slow one would cost every later message its timeout too.
    uses.refused = true;
    throw error;
  }
}

/** One way to reach the user: the method name for the logs, and the attempt. */
type Route = readonly [method: string, attempt: () => Promise<unknown>];

function responseUrlRoute(ctx: RequestContext, message: SlackMessage): Route | undefined {
  const url = usableResponseUrl(ctx);
  return url === undefined ? undefined : ['response_url', () => postToResponseUrl(ctx, url, message)];
}

/** Tries each route in turn until one works; logs each that failed. */
async function tryRoutes(ctx: RequestContext, routes: readonly Route[]): Promise<boolean> {
  for (const [method, attempt] of routes) {
    try {
      await attempt();
      return true;
    } catch (error) {
      const { code, kind } = classifySlackError(error);
      ctx.logger.warn('Could not reach the user this way', logContext(ctx, method, code));
      // With the token rejected, only the response_url (tried first) could have worked.
      if (kind === 'auth') break;
    }
  }
  return false;
}

/** Tells the user through the response_url alone, when it is usable; false when it is not or failed. */
async function tellThroughResponseUrl(ctx: RequestContext, message: SlackMessage): Promise<boolean> {
  const route = responseUrlRoute(ctx, message);
  return tryRoutes(ctx, route === undefined ? [] : [route]);
}

/**
 * Tells the user something only they should see: through the response_url when there is one, else an
 * ephemeral message where they asked, else a direct message. Never throws; logs when nothing worked.
 */
export async function tellUser(ctx: RequestContext, message: SlackMessage): Promise<boolean> {
  const routes: Route[] = [];
  const viaResponseUrl = responseUrlRoute(ctx, message);
  if (viaResponseUrl !== undefined) routes.push(viaResponseUrl);
  if (ctx.channelId !== undefined) {
    const channel = ctx.channelId;
    routes.push([
      'chat.postEphemeral',
      () =>
        callWithBlockKit(ctx.client, 'chat.postEphemeral', {
          channel,
          user: ctx.userId,
          text: message.text,
          blocks: message.blocks,
        }),
    ]);
  }
  routes.push(['chat.postMessage', () => postMessage(ctx, ctx.userId, message)]);
  if (await tryRoutes(ctx, routes)) return true;
  ctx.logger.error(
    'Could not tell the user about a failure by any route',
    logContext(ctx, 'notify', 'undelivered'),
  );
  return false;
}

/** What a modal is for, in the words of the message a user gets when it cannot open. */
export interface ModalPurpose {
  /** Completes "I could not …" and "Slack took too long to let me …". */
  readonly doing: string;
  /** How to try again, as a sentence. */
  readonly retry: string;
}

export const DECISION_FORM: ModalPurpose = {
  doing: 'open the decision form',
  retry: 'Please run /rust-or-python again.',
};

/**
 * The one place a failed Web API call turns into a log line (method, Slack's code, who/where/what) and a
 * plain-words message to the user. `doing` completes "I could not …"; `retry` says how to try again after
 * an expired trigger.
 */
export async function reportFailure(
  ctx: RequestContext,
  method: string,
  error: unknown,
  doing: string,
  retry: string = DECISION_FORM.retry,
): Promise<void> {
  const failure = classifySlackError(error);
  const context = logContext(ctx, method, failure.code);
  if (failure.kind === 'auth') {
    ctx.logger.error(
      `SLACK REJECTED THE BOT TOKEN (${failure.code}): the app was uninstalled or its token revoked. Reinstall the app to the workspace and update SLACK_BOT_TOKEN.`,
      context,
    );
    await tellUser(
      ctx,
      buildNotice(
        `I could not ${doing}: Slack no longer accepts this app's credentials (${failure.code}). The app needs to be reinstalled; please tell whoever manages Slack apps in this workspace.`,
      ),
    );
    return;
  }
  if (failure.kind === 'trigger') {
    ctx.logger.warn('The trigger_id was no longer usable', context);
    await tellUser(
      ctx,
      buildNotice(`Slack took too long to let me ${doing} (the request expired). ${retry}`),
    );
    return;
  }
  ctx.logger.error(`Slack call failed while trying to ${doing}`, context);
  await tellUser(
    ctx,
    buildNotice(
      `Sorry, I could not ${doing}: Slack answered "${failure.code}". Please try again in a moment.`,
    ),
  );
}

/** Opens a modal; a failure (an expired trigger above all) reaches the user as a message. */
export async function openModal(
  ctx: RequestContext,
  triggerId: string,
  view: types.ModalView,
  purpose: ModalPurpose = DECISION_FORM,
): Promise<void> {
  try {
    await callWithBlockKit(ctx.client, 'views.open', { trigger_id: triggerId, view });
  } catch (error) {
    await reportFailure(ctx, 'views.open', error, purpose.doing, purpose.retry);
  }
}

export async function publishHome(ctx: RequestContext, view: types.HomeView): Promise<void> {
  try {
    await callWithBlockKit(ctx.client, 'views.publish', { user_id: ctx.userId, view });
  } catch (error) {
    const failure = classifySlackError(error);
    // Nobody is waiting on a message here: the Home tab shows Slack's own placeholder, so log only.
    ctx.logger.error('Could not publish the App Home view', logContext(ctx, 'views.publish', failure.code));
  }
}

interface Posted {
  readonly channel: string;
  readonly ts: string;
}

async function postMessage(
  ctx: RequestContext,
  channel: string,
  message: SlackMessage,
  threadTs?: string,
): Promise<Posted> {
  const result = await callWithBlockKit(ctx.client, 'chat.postMessage', {
    channel,
    text: message.text,
    blocks: message.blocks,
    ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
  });
  if (result.ts === undefined || result.channel === undefined) {
    throw new Error('chat.postMessage answered ok without a channel and ts');
  }
  return { channel: result.channel, ts: result.ts };
}

async function joinChannel(ctx: RequestContext, channel: string): Promise<boolean> {
  try {
    await ctx.client.conversations.join({ channel });
    return true;
  } catch (error) {
    // Private channels and DMs cannot be joined (method_not_supported_for_channel_type, channel_not_found).
    ctx.logger.info(
      'Could not join the channel to post there',
      logContext(ctx, 'conversations.join', classifySlackError(error).code),
    );
    return false;
  }
}

async function postThreadReplies(ctx: RequestContext, parent: Posted, replies: readonly SlackMessage[]) {
  for (const reply of replies) {
    try {
      await postMessage(ctx, parent.channel, reply, parent.ts);
    } catch (error) {
      await reportFailure(ctx, 'chat.postMessage', error, 'add the detailed recommendations to the thread');
      return;
    }
  }
}

/** A channel mention (Slack shows it as #name), only for something that really is a channel id. */
function mentionChannel(channelId: string): string {
  return /^[CGD][A-Z0-9]{2,}$/.test(channelId) ? `<#${channelId}>` : escapeMrkdwn(channelId);
}

/** A notice of already escaped mrkdwn: unlike buildNotice, it may carry a channel mention. */
function mrkdwnNotice(mrkdwn: string): SlackMessage {
  return {
    text: truncateMrkdwn(mrkdwn, SLACK_LIMITS.messageText),
    blocks: [sectionBlock(mrkdwn)],
  };
}

/**
 * Delivers to the user alone, with `why` (escaped mrkdwn) first; returns false when even that failed. `why`
 * ends where "Here it is just for you." or "I sent it to you in a direct message." can follow.
 */
async function deliverPrivately(
  ctx: RequestContext,
  why: string,
  verdict: SlackMessage,
  replies: readonly SlackMessage[],
): Promise<boolean> {
  const notice = mrkdwnNotice(`${why} Here it is just for you.`);
  try {
    // A direct message keeps the whole result: the verdict, its buttons and the threaded details.
    await postMessage(ctx, ctx.userId, notice);
    const posted = await postMessage(ctx, ctx.userId, verdict);
    // Where the user asked, say where it went: they are looking there, not at their DMs.
    await tellThroughResponseUrl(ctx, mrkdwnNotice(`${why} I sent it to you in a direct message.`));
    await postThreadReplies(ctx, posted, replies);
    return true;
  } catch (error) {
    ctx.logger.warn(
      'Could not send the verdict by direct message',
      logContext(ctx, 'chat.postMessage', classifySlackError(error).code),
    );
  }
  // Last resort, an ephemeral message: the verdict survives, the thread cannot (ephemerals have none).
  const told = await tellUser(ctx, notice);
  return told && (await tellUser(ctx, verdict));
}

/** Why the channel would not take the verdict, as escaped mrkdwn; undefined when that is not the problem. */
function channelRefusal(channelId: string, code: string): string | undefined {
  if (code === 'is_archived') {
    return `I could not post this recommendation in ${mentionChannel(channelId)} because that channel is archived; unarchive it or pick another channel to get future verdicts posted there.`;
  }
  if (CHANNEL_ERRORS.has(code)) {
    return escapeMrkdwn(
      'I could not post this recommendation in the channel you picked because I am not a member there (it may be private); invite me with /invite to get future verdicts posted in the channel.',
    );
  }
  return undefined;
}

/**
 * Posts the verdict in `channelId` and its details as thread replies. When the bot is not in the channel it
 * joins if it can; when it still cannot post there, or the channel is archived (joining cannot help), the
 * user gets the verdict privately with the reason. Other failures are reported.
 */
export async function deliverRecommendation(
  ctx: RequestContext,
  channelId: string,
  verdict: SlackMessage,
  replies: readonly SlackMessage[],
): Promise<void> {
  let parent: Posted;
  try {
    parent = await postMessage(ctx, channelId, verdict);
  } catch (error) {
    const failure = classifySlackError(error);
    const refusal = channelRefusal(channelId, failure.code);
    if (refusal === undefined) {
      await reportFailure(ctx, 'chat.postMessage', error, 'post the recommendation');
      return;
    }
    ctx.logger.info('The bot cannot post in the channel', logContext(ctx, 'chat.postMessage', failure.code));
    const joinable = failure.kind === 'channel';
    const retried =
      joinable && (await joinChannel(ctx, channelId)) ? await tryPost(ctx, channelId, verdict) : undefined;
    if (retried === undefined) {
      const delivered = await deliverPrivately(ctx, refusal, verdict, replies);
      if (!delivered)
        ctx.logger.error('The verdict reached nobody', logContext(ctx, 'chat.postMessage', failure.code));
      return;
    }
    parent = retried;
  }
  await postThreadReplies(ctx, parent, replies);
}

async function tryPost(
  ctx: RequestContext,
  channel: string,
  message: SlackMessage,
): Promise<Posted | undefined> {
  try {
    return await postMessage(ctx, channel, message);
  } catch (error) {
    ctx.logger.warn(
      'Posting failed again after joining',
      logContext(ctx, 'chat.postMessage', classifySlackError(error).code),
    );
    return undefined;
  }
}
