import { type WebAPIPlatformError, WebClient, type WebClientOptions } from '@slack/web-api';
import type { FakeSlack } from '../../../src/playground/fake-slack/index.ts';

/** A Web API client of `slack` that never retries: each test decides what a failure should do. */
export function clientOf(
  slack: Pick<FakeSlack, 'apiUrl'>,
  token?: string,
  options: WebClientOptions = {},
): WebClient {
  return new WebClient(token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, ...options });
}

/** The error Slack answered a call with (the error's message when it did not answer); fails if the call succeeded. */
export async function slackError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as WebAPIPlatformError).data?.error ?? (error as Error).message;
  }
  throw new Error('expected the call to fail');
}
