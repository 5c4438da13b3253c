import { type ModalCarry, modalResponseUrlSchema } from '../blocks/modal.ts';

/** Slack honours a response_url this long after sending it. */
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

/** Where Slack's response_urls live: commercial Slack and GovSlack (slack-gov.com). */
const SLACK_RESPONSE_URL_HOSTS: ReadonlySet<string> = new Set(['hooks.slack.com', 'hooks.slack-gov.com']);

/** @slack/web-api's default API URL: an app given no SLACK_API_URL talks to Slack itself. */
const SLACK_API_URL = 'https://slack.com/api/';

/**
 * Whether `url` is a response_url the app may post to: https on Slack's hooks hosts, or, when the app talks
 * to a Slack stand-in (`slackApiUrl` other than Slack's own), on that stand-in's origin. Anything else (a
 * response_url pointing at an internal host) is never called.
 */
export function isSlackResponseUrl(url: string, slackApiUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:' && SLACK_RESPONSE_URL_HOSTS.has(parsed.hostname) && parsed.port === '') {
    return true;
  }
  if (slackApiUrl === undefined || slackApiUrl === SLACK_API_URL) return false;
  try {
    return parsed.origin === new URL(slackApiUrl).origin;
  } catch {
    return false;
  }
}

/**
 * POSTs a message to a response_url Slack gave us: refused before sending unless `isSlackResponseUrl`
 * allows it, and a redirect is an error rather than followed (Slack's hooks answer directly). Resolves on a
 * 2xx; throws otherwise (expired, used up, down, too slow).
 */
export async function postToResponseUrl(
  url: string,
  body: Record<string, unknown>,
  options: { slackApiUrl: string | undefined; timeoutMs: number },
): Promise<void> {
  if (!isSlackResponseUrl(url, options.slackApiUrl)) {
    throw new Error('refused a response_url outside Slack');
  }
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    redirect: 'error',
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  // Read to the end so the connection goes back to the pool instead of waiting for garbage collection.
  await response.body?.cancel();
  if (!response.ok) throw new Error(`response_url answered HTTP ${response.status}`);
}

type CarriedResponseUrl = Pick<ModalCarry, 'responseUrl' | 'responseUrlExpiresAt'>;

/**
 * A response_url just received, as the modal carries it to its submission (with when Slack stops honouring
 * it); nothing when there is none or it is not one the metadata can hold.
 */
export function carryResponseUrl(url: string | undefined, receivedAt: number): CarriedResponseUrl {
  if (url === undefined || !modalResponseUrlSchema.safeParse(url).success) return {};
  return { responseUrl: url, responseUrlExpiresAt: receivedAt + RESPONSE_URL_TTL_MS };
}

/** The response_url fields of decoded metadata, passed on unchanged (page 1 → page 2, into the context). */
export function carriedResponseUrl(metadata: CarriedResponseUrl): CarriedResponseUrl {
  return metadata.responseUrl === undefined || metadata.responseUrlExpiresAt === undefined
    ? {}
    : { responseUrl: metadata.responseUrl, responseUrlExpiresAt: metadata.responseUrlExpiresAt };
}
