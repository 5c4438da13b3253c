import autocannon from 'autocannon';
import type { FakeSlack } from '../src/playground/fake-slack/index.ts';
import { FAKE_SLACK_IDS } from '../src/playground/fake-slack/index.ts';

/**
 * Drives signed `/rust-or-python` commands at an app with autocannon. Every request is built and signed
 * just before it is sent, with a trigger_id the fake Slack has just issued, so each one is a command Slack
 * could have sent; the time from sending to the fake seeing `views.open` with that trigger_id is measured.
 */

/** Alice is kept out of the load so the submission benchmark has a person whose modal nobody replaces. */
const USERS = [FAKE_SLACK_IDS.users.bob, FAKE_SLACK_IDS.users.carol];

export interface AckLoadResult {
  requests: number;
  /** Requests per second over the run. */
  throughput: number;
  ackP50Ms: number;
  ackP99Ms: number;
  /** From sending a command to the fake receiving its views.open, for commands whose modal opened. */
  viewsOpenP50Ms: number;
  viewsOpenP99Ms: number;
  /** Commands whose views.open did not succeed at the fake (expired trigger, time-out...). */
  modalsMissing: number;
  non2xx: number;
  errors: number;
}

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Resolves once the fake has seen no call for `quietMs` (or after `timeoutMs`). */
export async function waitForQuiet(fakeSlack: FakeSlack, quietMs = 300, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = -1;
  while (Date.now() < deadline) {
    const last = fakeSlack.calls.at(-1)?.at ?? 0;
    if (last === seen && Date.now() - last >= quietMs) return;
    seen = last;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

export interface AckLoadOptions {
  fakeSlack: FakeSlack;
  /** The app's `POST /slack/events` URL. */
  eventsUrl: string;
  connections: number;
  /** Seconds to run, or use `amount`. */
  durationSeconds?: number;
  amount?: number;
}

export async function runAckLoad(options: AckLoadOptions): Promise<AckLoadResult> {
  const { fakeSlack } = options;
  // The fake signs for whichever app it currently points at.
  fakeSlack.setAppUrl(options.eventsUrl);
  const sentAt = new Map<string, number>();
  let sequence = 0;

  const result = await autocannon({
    url: options.eventsUrl,
    connections: options.connections,
    ...(options.amount === undefined
      ? { duration: options.durationSeconds ?? 3 }
      : { amount: options.amount }),
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          sequence += 1;
          const userId = USERS[sequence % USERS.length] ?? FAKE_SLACK_IDS.users.alice;
          const signed = fakeSlack.prepareSlashCommand({
            userId,
            channelId: FAKE_SLACK_IDS.channels.general,
          });
          const triggerId = new URLSearchParams(signed.body).get('trigger_id') ?? '';
          sentAt.set(triggerId, Date.now());
          return { ...request, headers: signed.headers, body: signed.body };
        },
      },
    ],
  });

  // Work the app still has queued (views.open after the ack) must not spill into the next turn.
  await waitForQuiet(fakeSlack);
  const openDelays: number[] = [];
  for (const call of fakeSlack.calls) {
    if (call.method !== 'views.open' || !call.ok) continue;
    const sent = sentAt.get(String(call.args.trigger_id));
    if (sent !== undefined) openDelays.push(call.at - sent);
  }
  openDelays.sort((a, b) => a - b);
  const answered = result['2xx'];
  return {
    requests: result.requests.total,
    throughput: result.requests.total / result.duration,
    ackP50Ms: result.latency.p50,
    ackP99Ms: result.latency.p99,
    viewsOpenP50Ms: percentile(openDelays, 0.5),
    viewsOpenP99Ms: percentile(openDelays, 0.99),
    modalsMissing: Math.max(0, answered - openDelays.length),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
