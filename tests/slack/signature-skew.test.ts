import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_SLACK_IDS, signSlackRequest } from '../../src/playground/fake-slack/index.ts';
import { startTestApp, TEST_SIGNING_SECRET, type TestApp } from '../helpers/test-app.ts';

/**
 * Slack's rule for signed requests: ignore one whose X-Slack-Request-Timestamp differs from the local clock
 * by more than five minutes (https://docs.slack.dev/authentication/verifying-requests-from-slack). Bolt only
 * rejects the old ones; a request dated in the future must be refused too, or a captured request signed
 * ahead of time could be replayed for as long as its date lies ahead.
 */

const { bob: BOB } = FAKE_SLACK_IDS.users;
const { general: GENERAL } = FAKE_SLACK_IDS.channels;
const MINUTE_S = 60;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** A slash command correctly signed with the given timestamp; resolves with the status and whether a modal opened. */
async function sendDated(offsetSeconds: number): Promise<{ status: number; opened: boolean }> {
  const signed = t.fakeSlack.prepareSlashCommand({ userId: BOB, channelId: GENERAL });
  const triggerId = new URLSearchParams(signed.body).get('trigger_id');
  const timestamp = Math.floor(Date.now() / 1000) + offsetSeconds;
  const response = await fetch(signed.url, {
    method: 'POST',
    headers: {
      ...signed.headers,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest(TEST_SIGNING_SECRET, signed.body, timestamp),
    },
    body: signed.body,
  });
  await response.arrayBuffer();
  await new Promise((resolve) => setTimeout(resolve, 150));
  const opened = t.fakeSlack.calls.some((c) => c.method === 'views.open' && c.args.trigger_id === triggerId);
  return { status: response.status, opened };
}

describe('the timestamp of a signed request', () => {
  it('a day in the future: 401, and nothing happens', async () => {
    expect(await sendDated(24 * 60 * MINUTE_S)).toEqual({ status: 401, opened: false });
  });

  it('six minutes in the future: 401', async () => {
    expect(await sendDated(6 * MINUTE_S)).toEqual({ status: 401, opened: false });
  });

  it('six minutes old: 401', async () => {
    expect(await sendDated(-6 * MINUTE_S)).toEqual({ status: 401, opened: false });
  });

  it('within five minutes either way: the command is handled (clocks may differ a little)', async () => {
    expect(await sendDated(4 * MINUTE_S)).toEqual({ status: 200, opened: true });
    expect(await sendDated(-4 * MINUTE_S)).toEqual({ status: 200, opened: true });
  });
});
