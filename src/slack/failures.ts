import { webApi } from '@slack/bolt';
import type { RequestContext } from './deliver.ts';

/** What a failed Web API call means for the user, sorted from the error the client threw. */

/**
 * Slack's answer sorted by what the app should do about it: `channel`, the bot is not a member there;
 * `refused`, the conversation will not take the app's posts (archived, read-only, admins' rules);
 * `transient`, Slack was slow, failing or asking to slow down; `unconfirmed`, a post that may or may not
 * have landed (the code is why it failed).
 */
export type SlackFailure =
  | { readonly kind: 'trigger'; readonly code: string }
  | { readonly kind: 'channel'; readonly code: string }
  | { readonly kind: 'refused'; readonly code: string }
  | { readonly kind: 'auth'; readonly code: string }
  | { readonly kind: 'transient'; readonly code: string }
  | { readonly kind: 'unconfirmed'; readonly code: string }
  | { readonly kind: 'other'; readonly code: string };

const TRIGGER_ERRORS = new Set([
  'expired_trigger_id',
  'exchanged_trigger_id',
  'invalid_trigger_id',
  'trigger_expired',
  'trigger_exchanged',
]);
const CHANNEL_ERRORS = new Set(['not_in_channel', 'channel_not_found']);
/** chat.postMessage's refusals to a member (docs.slack.dev/reference/methods/chat.postMessage), and archived. */
const REFUSED_ERRORS = new Set([
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'team_access_not_granted',
  'ekm_access_denied',
]);
const AUTH_ERRORS = new Set([
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'not_authed',
]);
const TRANSIENT_ERRORS = new Set(['request_timeout', 'request_failed', 'ratelimited', 'service_unavailable']);

/**
 * Thrown when a post failed in a way that may still have landed (a timeout, a 5xx) and Slack could not be
 * asked whether it did: posting again might post twice, so the post is reported instead.
 */
export class UnconfirmedPostError extends Error {
  constructor(override readonly cause: unknown) {
    super('Slack did not confirm the post');
  }
}

/** Sorts a Web API failure by Slack's error code (`data.error`), or by transport problem. */
export function classifySlackError(error: unknown): SlackFailure {
  if (error instanceof UnconfirmedPostError) {
    return { kind: 'unconfirmed', code: classifySlackError(error.cause).code };
  }
  let code: string;
  if (error instanceof webApi.WebAPIPlatformError) code = error.data.error;
  else if (error instanceof webApi.WebAPIHTTPError) code = `http_${error.statusCode}`;
  else if (error instanceof webApi.WebAPIRateLimitedError) code = 'ratelimited';
  else if (error instanceof webApi.WebAPIRequestError)
    code = error.original.name === 'TimeoutError' ? 'request_timeout' : 'request_failed';
  // After its last retry on a 429, a client that waits out rate limits rethrows the plain Error it uses to
  // signal "retry".
  else if (error instanceof Error && error.message.startsWith('A rate limit was exceeded'))
    code = 'ratelimited';
  else code = 'unexpected_error';
  if (TRIGGER_ERRORS.has(code)) return { kind: 'trigger', code };
  if (CHANNEL_ERRORS.has(code)) return { kind: 'channel', code };
  if (REFUSED_ERRORS.has(code)) return { kind: 'refused', code };
  if (AUTH_ERRORS.has(code)) return { kind: 'auth', code };
  if (TRANSIENT_ERRORS.has(code) || /^http_5\d\d$/.test(code)) return { kind: 'transient', code };
  return { kind: 'other', code };
}

/** The fields every log line about a failed call carries: the method, Slack's code, who, where, what. */
export function logContext(ctx: RequestContext, method: string, code: string) {
  return { method, error: code, user: ctx.userId, channel: ctx.channelId ?? null, source: ctx.source };
}
