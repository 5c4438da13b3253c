import type { Logger, types, webApi } from '@slack/bolt';
import { buildMrkdwnNotice, buildNotice, escapeMrkdwn, type SlackMessage } from './blocks/index.ts';
import type { EncodedModal } from './blocks/modal.ts';
import { type ConversationKind, conversationKind } from './conversation.ts';
import { classifySlackError, logContext, type SlackFailure } from './failures.ts';
import { postToResponseUrl as sendToResponseUrl } from './listeners/response-url.ts';
import { callWithBlockKit, type Posted, postingClient, postMessage } from './posting.ts';
import { openView } from './views-open.ts';

export { classifySlackError, type SlackFailure } from './failures.ts';

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
  /** What kind of conversation `channelId` is, when the payload said (conversationKind). */
  readonly conversation?: ConversationKind;
  /** The payload's response_url: reaches the user even when the bot cannot post (30 min, 5 uses). */
  readonly responseUrl?: string;
  /** When Slack stops honouring `responseUrl` (ms since epoch); absent when the request just arrived. */
  readonly responseUrlExpiresAt?: number;
  /** The command, callback_id or action_id that started this, for the logs. */
  readonly source: string;
}

const RESPONSE_URL_TIMEOUT_MS = 3_000;
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

/** @slack/web-api's default: an app given no SLACK_API_URL talks to Slack itself. */
const SLACK_API_URL = 'https://slack.com/api/';

/** Posts to a response_url (not a Web API method: it carries its own authority, not our token). */
async function postToResponseUrl(ctx: RequestContext, url: string, message: SlackMessage): Promise<void> {
  const uses = responseUrlUses.get(ctx) ?? { count: 0, refused: false };
  responseUrlUses.set(ctx, uses);
  uses.count += 1;
  const apiUrl = ctx.client.slackApiUrl;
  try {
    await sendToResponseUrl(
      url,
      { response_type: 'ephemeral', replace_original: false, ...message },
      {
        slackApiUrl: apiUrl === SLACK_API_URL ? undefined : apiUrl,
        timeoutMs: RESPONSE_URL_TIMEOUT_MS,
      },
    );
  } catch (error) {
    // Expired, used up or not Slack's does not heal; a slow one would cost every later message its timeout.
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

function ephemeralRoute(ctx: RequestContext, message: SlackMessage): Route | undefined {
  const channel = ctx.channelId;
  if (channel === undefined) return undefined;
  const client = postingClient(ctx);
  return [
    'chat.postEphemeral',
    () =>
      callWithBlockKit(client, 'chat.postEphemeral', {
        channel,
        user: ctx.userId,
        text: message.text,
        blocks: message.blocks,
      }),
  ];
}

/** Tries each route in turn until one works; logs each that failed. */
async function tryRoutes(ctx: RequestContext, routes: readonly (Route | undefined)[]): Promise<boolean> {
  for (const route of routes) {
    if (route === undefined) continue;
    const [method, attempt] = route;
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

/**
 * Tells the user something only they should see: through the response_url when there is one, else an
 * ephemeral message where they asked, else a direct message. Never throws; logs when nothing worked.
 */
export async function tellUser(ctx: RequestContext, message: SlackMessage): Promise<boolean> {
  const routes = [
    responseUrlRoute(ctx, message),
    ephemeralRoute(ctx, message),
    ['chat.postMessage', () => postMessage(ctx, ctx.userId, message)] as const,
  ];
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
      `SLACK REJECTED THE BOT TOKEN (${failure.code}): the app was uninstalled or its token revoked. Reinstall the app to the workspace (with one workspace's token: then update SLACK_BOT_TOKEN; distributed: through /slack/install).`,
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

/**
 * Opens a modal (a view, or one already encoded as JSON text) through the lean views.open (views-open.ts) with
 * the token and policy of the request's client; a failure (an expired trigger above all) reaches the user as a
 * message.
 */
export async function openModal(
  ctx: RequestContext,
  triggerId: string,
  view: types.ModalView | EncodedModal,
  purpose: ModalPurpose = DECISION_FORM,
): Promise<void> {
  try {
    await openView(ctx.client, triggerId, 'json' in view ? view.json : JSON.stringify(view), ctx.logger);
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

/** Joins a public channel to post there; false when that did not work. */
async function joinChannel(ctx: RequestContext, channel: string): Promise<boolean> {
  const client = postingClient(ctx);
  try {
    await client.conversations.join({ channel });
    return true;
  } catch (error) {
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

/** Where a verdict ended up: posted in the conversation, sent by DM, shown to the user alone, or nowhere. */
export type Landing =
  | { readonly kind: 'channel'; readonly posted: Posted }
  | { readonly kind: 'dm'; readonly posted: Posted }
  | { readonly kind: 'ephemeral' }
  | { readonly kind: 'nowhere' };

/** Told where a verdict landed, as soon as that is known. Must not throw. */
export type OnLanded = (landing: Landing) => Promise<void>;

/**
 * Delivers to the user alone, with `why` (escaped mrkdwn) first; says where it went (nowhere when even that
 * failed). `why`
 * ends where "Here it is just for you." or "I sent it to you in a direct message." can follow.
 */
async function deliverPrivately(
  ctx: RequestContext,
  why: string,
  verdict: SlackMessage,
  replies: readonly SlackMessage[],
  onLanded: OnLanded,
): Promise<Landing> {
  const notice = buildMrkdwnNotice(`${why} Here it is just for you.`);
  try {
    // A direct message keeps the whole result: the verdict, its buttons and the threaded details.
    await postMessage(ctx, ctx.userId, notice);
    const posted = await postMessage(ctx, ctx.userId, verdict);
    // Where the user asked, say where it went: they are looking there, not at their DMs.
    const pointer = buildMrkdwnNotice(`${why} I sent it to you in a direct message.`);
    await tryRoutes(ctx, [responseUrlRoute(ctx, pointer), ephemeralRoute(ctx, pointer)]);
    const landing: Landing = { kind: 'dm', posted };
    await onLanded(landing);
    await postThreadReplies(ctx, posted, replies);
    return landing;
  } catch (error) {
    ctx.logger.warn(
      'Could not send the verdict by direct message',
      logContext(ctx, 'chat.postMessage', classifySlackError(error).code),
    );
  }
  // Last resort, an ephemeral message: the verdict survives, the thread cannot (ephemerals have none).
  const told = (await tellUser(ctx, notice)) && (await tellUser(ctx, verdict));
  const landing: Landing = told ? { kind: 'ephemeral' } : { kind: 'nowhere' };
  await onLanded(landing);
  return landing;
}

/** Why a refusing conversation refused, completing "I could not post this recommendation in <#C> …". */
const REFUSAL_REASONS: Readonly<Record<string, string>> = {
  is_archived:
    'because that channel is archived; unarchive it or pick another channel to get future verdicts posted there.',
  restricted_action: 'because a workspace setting does not let me post there.',
  restricted_action_read_only_channel: 'because it is read-only: only some members may post there.',
  restricted_action_thread_only_channel: 'because it only takes replies in threads.',
  team_access_not_granted:
    'because this app has not been given access to the workspace that channel belongs to; an admin can grant it.',
  ekm_access_denied: 'because your admins have disabled sending messages there.',
};

const SHARE_IN_A_CHANNEL = 'To share a verdict, run /rust-or-python in a channel.';

/**
 * Why the verdict is not in the conversation, as escaped mrkdwn in words that fit it: a DM or a group DM
 * cannot take the bot, a private channel can (/invite), a public one could not be joined.
 */
function whyNotPosted(ctx: RequestContext, channelId: string, failure: SlackFailure): string {
  const kind = ctx.conversation ?? conversationKind(channelId);
  const where =
    kind === 'im' ? 'that direct message' : kind === 'mpim' ? 'that group DM' : mentionChannel(channelId);
  const couldNot = `I could not post this recommendation in ${where}`;
  const refusal = REFUSAL_REASONS[failure.code];
  if (refusal !== undefined) return `${couldNot} ${refusal}`;
  if (failure.kind === 'channel') {
    if (kind === 'im')
      return `${couldNot} because I am not part of conversations between people. ${SHARE_IN_A_CHANNEL}`;
    if (kind === 'mpim') return `${couldNot} because I am not part of it. ${SHARE_IN_A_CHANNEL}`;
    if (kind === 'private_channel' || failure.code === 'not_in_channel') {
      return `${couldNot} because I am not a member there; invite me with /invite to get future verdicts posted there.`;
    }
    // channel_not_found from a C or G id: a private channel or a group DM the bot is not in (or one deleted).
    return escapeMrkdwn(
      `I could not post this recommendation in the channel or group DM you used because I am not a member there. In a private channel, invite me with /invite to get future verdicts posted there; from a group DM, run /rust-or-python in a channel to share a verdict.`,
    );
  }
  if (failure.code === 'ratelimited')
    return `${couldNot} right now because Slack asked me to slow down there.`;
  const answered = `Slack answered "${escapeMrkdwn(failure.code)}"`;
  if (failure.kind === 'unconfirmed') {
    return `I could not confirm that this recommendation reached ${where} (${answered}).`;
  }
  return `I could not post the recommendation in ${where}: ${answered}.`;
}

/**
 * Posts the verdict in `channelId` and its details as thread replies. When the bot is not in a public
 * channel it joins; when the conversation still will not take the verdict, or Slack kept failing, the user
 * gets the verdict privately with the reason. A rejected token, or a verdict Slack rejected, is reported.
 * `onLanded` hears where the verdict landed as soon as that is known, before the thread replies (which the
 * channel's pace can spread over seconds); the promise resolves with the same once everything is sent.
 */
export async function deliverRecommendation(
  ctx: RequestContext,
  channelId: string,
  verdict: SlackMessage,
  replies: readonly SlackMessage[],
  onLanded: OnLanded = async () => {},
): Promise<Landing> {
  let parent: Posted;
  try {
    parent = await postMessage(ctx, channelId, verdict);
  } catch (error) {
    let failure = classifySlackError(error);
    if (failure.kind === 'auth' || failure.kind === 'other' || failure.kind === 'trigger') {
      await reportFailure(ctx, 'chat.postMessage', error, 'post the recommendation');
      const landing: Landing = { kind: 'nowhere' };
      await onLanded(landing);
      return landing;
    }
    const level = failure.kind === 'transient' || failure.kind === 'unconfirmed' ? 'warn' : 'info';
    ctx.logger[level](
      'The verdict could not be posted in the channel',
      logContext(ctx, 'chat.postMessage', failure.code),
    );
    // Only a public channel answers not_in_channel, and the bot can join one.
    const joined = failure.code === 'not_in_channel' && (await joinChannel(ctx, channelId));
    const retried = joined ? await postAfterJoining(ctx, channelId, verdict) : undefined;
    if (retried === undefined || !('ts' in retried)) {
      if (retried !== undefined) failure = retried;
      const why = whyNotPosted(ctx, channelId, failure);
      const landing = await deliverPrivately(ctx, why, verdict, replies, onLanded);
      if (landing.kind === 'nowhere')
        ctx.logger.error('The verdict reached nobody', logContext(ctx, 'chat.postMessage', failure.code));
      return landing;
    }
    parent = retried;
  }
  const landing: Landing = { kind: 'channel', posted: parent };
  await onLanded(landing);
  await postThreadReplies(ctx, parent, replies);
  return landing;
}

async function postAfterJoining(
  ctx: RequestContext,
  channel: string,
  message: SlackMessage,
): Promise<Posted | SlackFailure> {
  try {
    return await postMessage(ctx, channel, message);
  } catch (error) {
    const failure = classifySlackError(error);
    ctx.logger.warn('Posting failed again after joining', logContext(ctx, 'chat.postMessage', failure.code));
    return failure;
  }
}
