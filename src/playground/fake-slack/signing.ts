import { createHmac } from 'node:crypto';

/**
 * Slack's v0 request signature: `v0=` + hex HMAC-SHA256 of `v0:${timestamp}:${rawBody}` keyed with the
 * app's signing secret. The body must be the exact bytes sent.
 */
export function signSlackRequest(signingSecret: string, body: string, timestampSeconds: number): string {
  if (signingSecret === '') throw new Error('signSlackRequest: the signing secret is empty');
  const mac = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return `v0=${mac}`;
}

export type SlackContentType = 'application/x-www-form-urlencoded' | 'application/json';

/**
 * Headers Slack sends with a request to an app. The content type carries no charset: Bolt form-decodes a
 * body only when the header is exactly `application/x-www-form-urlencoded`.
 */
export function slackRequestHeaders(
  signingSecret: string,
  body: string,
  contentType: SlackContentType,
  timestampSeconds = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestampSeconds),
    'x-slack-signature': signSlackRequest(signingSecret, body, timestampSeconds),
  };
}
