import { Agent, request } from 'node:http';
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

/**
 * Several loads' results as one: counts summed, each latency the worst of them (what a user may meet; for runs
 * at the same time, an upper bound of the merged percentile). Throughput is summed for runs `together` (their
 * rates add up) and averaged for runs `in turn`.
 */
export function combineAckLoads(
  results: readonly AckLoadResult[],
  ran: 'together' | 'in turn',
): AckLoadResult {
  const worst = (pick: (r: AckLoadResult) => number) => Math.max(...results.map(pick));
  const sum = (pick: (r: AckLoadResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const throughput = sum((r) => r.throughput);
  return {
    requests: sum((r) => r.requests),
    throughput: ran === 'together' ? throughput : throughput / results.length,
    ackP50Ms: worst((r) => r.ackP50Ms),
    ackP99Ms: worst((r) => r.ackP99Ms),
    viewsOpenP50Ms: worst((r) => r.viewsOpenP50Ms),
    viewsOpenP99Ms: worst((r) => r.viewsOpenP99Ms),
    modalsMissing: sum((r) => r.modalsMissing),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
  };
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

/**
 * Times each command from sending to the fake receiving its views.open: `sent` records a trigger_id as its
 * command goes out; the calls are watched as they happen rather than read back from `calls`, so the fake
 * need not keep them. `pending` is how many sent commands have not seen their views.open yet.
 * Call `stop` when done: it removes the listener from the fake.
 */
function watchViewsOpen(fakeSlack: FakeSlack) {
  const sentAt = new Map<string, number>();
  const openDelays: number[] = [];
  const stop = fakeSlack.onCall((call) => {
    if (call.method !== 'views.open' || !call.ok) return;
    const triggerId = String(call.args.trigger_id);
    const sent = sentAt.get(triggerId);
    if (sent === undefined) return;
    sentAt.delete(triggerId);
    openDelays.push(call.at - sent);
  });
  return {
    /** Records a command as sent now; returns its trigger_id. */
    sent: (signedBody: string): string => {
      const triggerId = new URLSearchParams(signedBody).get('trigger_id') ?? '';
      sentAt.set(triggerId, Date.now());
      return triggerId;
    },
    pending: () => sentAt.size,
    isPending: (triggerId: string) => sentAt.has(triggerId),
    /** The delays so far, sorted. */
    openDelays: () => [...openDelays].sort((a, b) => a - b),
    stop,
  };
}

/** The `index`-th command of a run, signed now with a trigger_id the fake has just issued. */
function signedCommand(fakeSlack: FakeSlack, index: number) {
  const userId = USERS[index % USERS.length] ?? FAKE_SLACK_IDS.users.alice;
  return fakeSlack.prepareSlashCommand({ userId, channelId: FAKE_SLACK_IDS.channels.general });
}

/** Signs each command just before autocannon sends it, and times its views.open. */
function commandTraffic(fakeSlack: FakeSlack, eventsUrl: string) {
  // The fake signs for whichever app it currently points at.
  fakeSlack.setAppUrl(eventsUrl);
  const watch = watchViewsOpen(fakeSlack);
  let sequence = 0;
  const request: autocannon.Request = {
    method: 'POST',
    setupRequest: (req) => {
      sequence += 1;
      const signed = signedCommand(fakeSlack, sequence);
      watch.sent(signed.body);
      return { ...req, headers: signed.headers, body: signed.body };
    },
  };
  return { request, watch };
}

export async function runAckLoad(options: AckLoadOptions): Promise<AckLoadResult> {
  const { fakeSlack } = options;
  const traffic = commandTraffic(fakeSlack, options.eventsUrl);
  let result: autocannon.Result;
  try {
    result = await autocannon({
      url: options.eventsUrl,
      connections: options.connections,
      ...(options.amount === undefined
        ? { duration: options.durationSeconds ?? 3 }
        : { amount: options.amount }),
      requests: [traffic.request],
    });
    // Work the app still has queued (views.open after the ack) must not spill into the next turn.
    await waitForQuiet(fakeSlack);
  } finally {
    traffic.watch.stop();
  }
  const openDelays = traffic.watch.openDelays();
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

export interface BurstLoadOptions<Name extends string> {
  fakeSlack: FakeSlack;
  /** Each app's `POST /slack/events` URL, by the name to report it under. */
  targets: Record<Name, string>;
  /** Commands sent at the same moment, each on its own connection. */
  burstSize: number;
  /** Bursts per app; the apps take turns burst by burst, so a drift in the machine hits them alike. */
  bursts: number;
}

export interface BurstLoadResult {
  commands: number;
  /** Percentiles of the commands answered 200. */
  ackP50Ms: number;
  ackP99Ms: number;
  ackMaxMs: number;
  viewsOpenP50Ms: number;
  viewsOpenP99Ms: number;
  /** Commands not answered 200 within 5 s, or whose views.open did not succeed within 5 s; each counted once. */
  failures: number;
}

/** Slack gives up on an ack after 3 s; a burst's command that takes longer than this has failed. */
const BURST_ANSWER_TIMEOUT_MS = 5_000;

/**
 * POSTs and resolves with the milliseconds until the whole answer arrived and its status; never rejects:
 * a dropped connection or no answer in time resolves with status 0, counted as a failure.
 */
function timedPost(
  agent: Agent,
  command: { url: string; headers: Record<string, string>; body: string },
): Promise<{ ms: number; status: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const done = (status: number) => resolve({ ms: performance.now() - started, status });
    const req = request(command.url, { method: 'POST', headers: command.headers, agent }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
      res.on('error', () => done(0));
    });
    req.setTimeout(BURST_ANSWER_TIMEOUT_MS, () => req.destroy(new Error('no answer in time')));
    req.on('error', () => done(0));
    req.end(command.body);
  });
}

/**
 * A whole channel trying the command at once: `burstSize` commands sent together, each on its own kept-alive
 * connection, then nothing until every modal they asked for has opened, `bursts` times. Unlike the closed
 * loop above (where each answer sends the next command at once, so latency is the queue that throughput
 * allows), this times what each person waits for. Node's own HTTP client sends them: autocannon waits for
 * its one-second tick before it reports, which would make each burst a second long.
 */
export async function runBurstLoad<Name extends string>(
  options: BurstLoadOptions<Name>,
): Promise<Record<Name, BurstLoadResult>> {
  const { fakeSlack } = options;
  const names = Object.keys(options.targets) as Name[];
  const runs = names.map((name) => ({
    name,
    eventsUrl: options.targets[name],
    agent: new Agent({ keepAlive: true, maxSockets: options.burstSize }),
    sent: 0,
    acks: [] as number[],
    openDelays: [] as number[],
    failures: 0,
  }));
  try {
    for (let burst = 0; burst < options.bursts; burst += 1) {
      for (const run of runs) {
        fakeSlack.setAppUrl(run.eventsUrl);
        const watch = watchViewsOpen(fakeSlack);
        try {
          const commands = Array.from({ length: options.burstSize }, (_, i) => signedCommand(fakeSlack, i));
          const triggerIds = commands.map((command) => watch.sent(command.body));
          run.sent += commands.length;
          const answers = await Promise.all(commands.map((command) => timedPost(run.agent, command)));
          const deadline = Date.now() + BURST_ANSWER_TIMEOUT_MS;
          while (watch.pending() > 0 && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          answers.forEach(({ ms, status }, i) => {
            if (status === 200) run.acks.push(ms);
            // One failure per command: not answered 200, or its modal never opened.
            if (status !== 200 || watch.isPending(triggerIds[i] ?? '')) run.failures += 1;
          });
          run.openDelays.push(...watch.openDelays());
        } finally {
          watch.stop();
        }
        // A pause between bursts, so that one burst's trailing work is not the next one's queue.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } finally {
    for (const run of runs) run.agent.destroy();
  }
  const results = {} as Record<Name, BurstLoadResult>;
  for (const run of runs) {
    const acks = [...run.acks].sort((a, b) => a - b);
    const openDelays = [...run.openDelays].sort((a, b) => a - b);
    results[run.name] = {
      commands: run.sent,
      ackP50Ms: percentile(acks, 0.5),
      ackP99Ms: percentile(acks, 0.99),
      ackMaxMs: acks.at(-1) ?? Number.NaN,
      viewsOpenP50Ms: percentile(openDelays, 0.5),
      viewsOpenP99Ms: percentile(openDelays, 0.99),
      failures: run.failures,
    };
  }
  return results;
}
