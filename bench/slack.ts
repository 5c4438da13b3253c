import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeSlack, startFakeSlack } from '../src/playground/fake-slack/index.ts';
import {
  APP_ENTRY,
  type AppProcess,
  BASELINE_ENTRY,
  BENCH_BOT_TOKEN,
  BENCH_SIGNING_SECRET,
  FLOOR_ENTRY,
  httpModeEnv,
  startAppProcess,
} from './app-process.ts';
import {
  type AckLoadResult,
  type BurstLoadResult,
  combineAckLoads,
  percentile,
  runAckLoad,
  runBurstLoad,
  waitForQuiet,
} from './load-client.ts';
import {
  BENCHMARKS_FILE,
  f0,
  f1,
  f2,
  type Machine,
  replaceSection,
  runIfMain,
  thisMachine,
} from './report.ts';

/**
 * The Slack side of `npm run bench`: our app and a bare Bolt app, each in its own process in HTTP mode
 * against the fake Slack's Web API, under the same signed slash-command load in alternating turns.
 * Measures the ack path, memory under sustained load and start-up time (the submission path, with each
 * database, is bench/submission.ts).
 */

const CONCURRENCIES = [1, 16, 64] as const;
const TURNS_PER_CONCURRENCY = 2;
const WARM_UP_COMMANDS = 3_000;
/** A channel's worth of people running the command at the same moment, this many times per app. */
const BURST_SIZE = 16;
const BURSTS = 60;
const MEMORY_BATCH = 20_000;
const STARTUPS = 3;
/** Seconds per load turn in `npm run bench`. */
export const SLACK_TURN_SECONDS = 3;

export interface SlackBenchOptions {
  /** Seconds per load turn. */
  turnSeconds: number;
  /** Extra node flags for our app's process, e.g. `--cpu-prof`. */
  appNodeFlags?: string[];
  log?: (line: string) => void;
}

/** One app's side of a row: the load's figures plus the CPU it took per command. */
export interface MeasuredTurns extends AckLoadResult {
  /** The app process's CPU (all its threads) per command. */
  cpuMsPerCommand: number;
  /** The benchmark process's CPU per command: autocannon signing and sending, the fake answering the app. */
  harnessCpuMsPerCommand: number;
}

export interface AckRow {
  concurrency: number;
  app: MeasuredTurns;
  baseline: MeasuredTurns;
}

export interface SlackBenchResult {
  ack: AckRow[];
  /** At concurrency 16, against bare Bolt opening our own decision modal (pre-encoded): what our code adds on its own. */
  sameModal: AckRow;
  /** At concurrency 16, against the floor: raw node:http, signature check, the same first page, the same lean views.open. */
  floor: AckRow;
  /** Bursts of BURST_SIZE simultaneous commands: what each person waits for when a channel tries it at once. */
  bursts: { app: BurstLoadResult; baseline: BurstLoadResult; sameModal: BurstLoadResult };
  memory: { idleMb: number; after20kMb: number; after40kMb: number; baselineIdleMb: number };
  startup: { appMs: number; baselineMs: number };
  machine: Machine;
}

function appEnv(fakeSlack: FakeSlack): Record<string, string> {
  return httpModeEnv({
    apiUrl: fakeSlack.apiUrl,
    botToken: BENCH_BOT_TOKEN,
    signingSecret: BENCH_SIGNING_SECRET,
    logLevel: 'warn',
  });
}

function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/**
 * Sums the turns: throughput averaged, latencies as the worse turn (what a user may meet), CPU per command
 * over all the turns' commands.
 */
function combine(turns: readonly MeasuredTurns[]): MeasuredTurns {
  const load = combineAckLoads(turns, 'in turn');
  const perCommand = (pick: (r: MeasuredTurns) => number) =>
    turns.reduce((total, r) => total + pick(r) * r.requests, 0) / load.requests;
  return {
    ...load,
    cpuMsPerCommand: perCommand((r) => r.cpuMsPerCommand),
    harnessCpuMsPerCommand: perCommand((r) => r.harnessCpuMsPerCommand),
  };
}

async function measureStartup(entry: string, fakeSlack: FakeSlack): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < STARTUPS; i += 1) {
    const started = await startAppProcess({ entry, env: appEnv(fakeSlack) });
    times.push(started.startupMs);
    await started.stop();
  }
  return median(times);
}

const mb = (bytes: number) => bytes / (1024 * 1024);

export async function runSlackBench(options: SlackBenchOptions): Promise<SlackBenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  // A short call log: the load turns watch calls as they happen (onCall) and read back only the latest
  // (waitForQuiet). Every call keeps its view or blocks, so a long log made the load generator's own garbage
  // collection part of what was measured.
  const fakeSlack = await startFakeSlack({ signingSecret: BENCH_SIGNING_SECRET, maxRecordedCalls: 2_000 });
  const processes: AppProcess[] = [];
  try {
    log('slack: measuring start-up (process start → /healthz 200)…');
    const startup = {
      appMs: await measureStartup(APP_ENTRY, fakeSlack),
      baselineMs: await measureStartup(BASELINE_ENTRY, fakeSlack),
    };

    const app = await startAppProcess({
      entry: APP_ENTRY,
      env: appEnv(fakeSlack),
      ...(options.appNodeFlags === undefined ? {} : { nodeFlags: options.appNodeFlags }),
    });
    processes.push(app);
    const baseline = await startAppProcess({ entry: BASELINE_ENTRY, env: appEnv(fakeSlack) });
    processes.push(baseline);
    const sameModalBaseline = await startAppProcess({
      entry: BASELINE_ENTRY,
      env: { ...appEnv(fakeSlack), BASELINE_MODAL: 'decision' },
    });
    processes.push(sameModalBaseline);
    const floorApp = await startAppProcess({ entry: FLOOR_ENTRY, env: appEnv(fakeSlack) });
    processes.push(floorApp);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const idleRss = await app.rss();
    const baselineIdleRss = await baseline.rss();

    // Warm each up (JIT, connection pools, the heap growing to its working size) so that no measured turn
    // is a cold start: one second was not enough, the app's first turn came out a third slower than its later ones.
    for (const target of [app, baseline, sameModalBaseline, floorApp]) {
      await runAckLoad({ fakeSlack, eventsUrl: target.eventsUrl, connections: 16, amount: WARM_UP_COMMANDS });
    }

    /** Alternating turns of the same load against our app and a baseline; who goes first alternates too. */
    const compare = async (concurrency: number, against: AppProcess, name: string): Promise<AckRow> => {
      const turns = { app: [] as MeasuredTurns[], baseline: [] as MeasuredTurns[] };
      for (let turn = 0; turn < TURNS_PER_CONCURRENCY; turn += 1) {
        const order = turn % 2 === 0 ? (['app', 'baseline'] as const) : (['baseline', 'app'] as const);
        for (const who of order) {
          const target = who === 'app' ? app : against;
          const cpuBefore = await target.cpuMs();
          const harnessBefore = process.cpuUsage();
          const load = await runAckLoad({
            fakeSlack,
            eventsUrl: target.eventsUrl,
            connections: concurrency,
            durationSeconds: options.turnSeconds,
          });
          const harness = process.cpuUsage(harnessBefore);
          const result: MeasuredTurns = {
            ...load,
            cpuMsPerCommand: ((await target.cpuMs()) - cpuBefore) / load.requests,
            harnessCpuMsPerCommand: (harness.user + harness.system) / 1000 / load.requests,
          };
          turns[who].push(result);
          log(
            `slack: ${who === 'app' ? 'app' : name} at concurrency ${concurrency}, turn ${turn + 1}: ${f0(result.throughput)} req/s, ack p99 ${f0(result.ackP99Ms)} ms, CPU per command ${f2(result.cpuMsPerCommand)} ms (harness ${f2(result.harnessCpuMsPerCommand)} ms)`,
          );
        }
      }
      return { concurrency, app: combine(turns.app), baseline: combine(turns.baseline) };
    };
    const ack: AckRow[] = [];
    for (const concurrency of CONCURRENCIES) ack.push(await compare(concurrency, baseline, 'baseline'));
    const sameModal = await compare(16, sameModalBaseline, 'bare Bolt with our modal');
    const floor = await compare(16, floorApp, 'floor (raw node:http)');

    log(`slack: ${BURSTS} bursts of ${BURST_SIZE} simultaneous commands per app, taking turns…`);
    await waitForQuiet(fakeSlack);
    const bursts = await runBurstLoad({
      fakeSlack,
      targets: {
        app: app.eventsUrl,
        baseline: baseline.eventsUrl,
        sameModal: sameModalBaseline.eventsUrl,
      },
      burstSize: BURST_SIZE,
      bursts: BURSTS,
    });

    log(`slack: memory, 2 × ${MEMORY_BATCH} commands at concurrency 16…`);
    await runAckLoad({ fakeSlack, eventsUrl: app.eventsUrl, connections: 16, amount: MEMORY_BATCH });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after20k = await app.rss();
    await runAckLoad({ fakeSlack, eventsUrl: app.eventsUrl, connections: 16, amount: MEMORY_BATCH });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after40k = await app.rss();

    return {
      ack,
      sameModal,
      floor,
      bursts,
      memory: {
        idleMb: mb(idleRss),
        after20kMb: mb(after20k),
        after40kMb: mb(after40k),
        baselineIdleMb: mb(baselineIdleRss),
      },
      startup,
      machine: thisMachine(),
    };
  } finally {
    for (const running of processes) await running.stop();
    await fakeSlack.close();
  }
}

/** The results as Markdown tables (also readable in a terminal). */
export function renderSlackTables(result: SlackBenchResult): string {
  const at16 = result.ack.find((row) => row.concurrency === 16);
  const ratio16 = at16 ? at16.app.throughput / at16.baseline.throughput : Number.NaN;
  const sameModalRatio = {
    app: result.sameModal.app.throughput,
    baseline: result.sameModal.baseline.throughput,
  };
  const lines = [
    '| concurrency | app req/s | baseline req/s | ratio app/baseline | app ack p50 / p99 (ms) | baseline ack p50 / p99 (ms) | app views.open p50 / p99 (ms) | baseline views.open p50 / p99 (ms) | CPU per command, app / baseline (ms) | harness CPU per command, app / baseline (ms) | app errors |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...result.ack.map(({ concurrency, app, baseline }) =>
      [
        '',
        concurrency,
        f0(app.throughput),
        f0(baseline.throughput),
        f2(app.throughput / baseline.throughput),
        `${f0(app.ackP50Ms)} / ${f0(app.ackP99Ms)}`,
        `${f0(baseline.ackP50Ms)} / ${f0(baseline.ackP99Ms)}`,
        `${f0(app.viewsOpenP50Ms)} / ${f0(app.viewsOpenP99Ms)}`,
        `${f0(baseline.viewsOpenP50Ms)} / ${f0(baseline.viewsOpenP99Ms)}`,
        `${f2(app.cpuMsPerCommand)} / ${f2(baseline.cpuMsPerCommand)}`,
        `${f2(app.harnessCpuMsPerCommand)} / ${f2(baseline.harnessCpuMsPerCommand)}`,
        app.non2xx + app.errors + app.modalsMissing,
        '',
      ]
        .join(' | ')
        .trim(),
    ),
    '',
    `Targets at concurrency 16: throughput ratio ≥ 1.0 (measured ${f2(ratio16)}: ${
      ratio16 >= 1 ? 'met' : 'NOT met'
    }), ack p99 < 25 ms (measured ${f0(at16?.app.ackP99Ms ?? Number.NaN)} ms: ${
      (at16?.app.ackP99Ms ?? Number.POSITIVE_INFINITY) < 25 ? 'met' : 'NOT met'
    }), CPU per command below the baseline's (${f2(at16?.app.cpuMsPerCommand ?? Number.NaN)} vs ${f2(
      at16?.baseline.cpuMsPerCommand ?? Number.NaN,
    )} ms: ${
      (at16?.app.cpuMsPerCommand ?? Number.POSITIVE_INFINITY) < (at16?.baseline.cpuMsPerCommand ?? 0)
        ? 'met'
        : 'NOT met'
    }). In this closed loop every answer sends the next command at once, so the mean latency is 16 ÷ throughput.`,
    `Against bare Bolt opening our own decision modal (same view, same size), passing it pre-encoded as JSON text (the cheapest way through Bolt's client; given the view as an object, @slack/web-api deep-copies it first) at concurrency 16: ${f0(
      sameModalRatio.app,
    )} vs ${f0(sameModalRatio.baseline)} req/s, ratio ${f2(sameModalRatio.app / sameModalRatio.baseline)}; ack p50 / p99 ${f0(result.sameModal.app.ackP50Ms)} / ${f0(result.sameModal.app.ackP99Ms)} vs ${f0(
      result.sameModal.baseline.ackP50Ms,
    )} / ${f0(result.sameModal.baseline.ackP99Ms)} ms; CPU per command ${f2(result.sameModal.app.cpuMsPerCommand)} vs ${f2(
      result.sameModal.baseline.cpuMsPerCommand,
    )} ms.`,
    `The floor, a raw node:http server that verifies the signature, acks and opens the same first page through the same lean views.open (no Bolt), at concurrency 16: ${f0(
      result.floor.baseline.throughput,
    )} req/s against our app's ${f0(result.floor.app.throughput)} (ratio ${f2(
      result.floor.app.throughput / result.floor.baseline.throughput,
    )}); ack p50 / p99 ${f0(result.floor.baseline.ackP50Ms)} / ${f0(result.floor.baseline.ackP99Ms)} ms against ${f0(
      result.floor.app.ackP50Ms,
    )} / ${f0(result.floor.app.ackP99Ms)}; CPU per command ${f2(result.floor.baseline.cpuMsPerCommand)} against ${f2(
      result.floor.app.cpuMsPerCommand,
    )} ms (harness ${f2(result.floor.baseline.harnessCpuMsPerCommand)} against ${f2(result.floor.app.harnessCpuMsPerCommand)} ms).`,
    '',
    `Bursts: ${BURST_SIZE} commands sent at the same moment (a channel trying it at once), then a pause until every modal has opened; ${result.bursts.app.commands} commands per app, the apps taking turns burst by burst.`,
    '',
    '| app | ack p50 / p99 / max (ms) | views.open p50 / p99 (ms) | failures |',
    '|---|---:|---:|---:|',
    ...(
      [
        ['our app', result.bursts.app],
        ['bare Bolt, one-field modal', result.bursts.baseline],
        ['bare Bolt, our decision modal', result.bursts.sameModal],
      ] as const
    ).map(
      ([name, burst]) =>
        `| ${name} | ${f0(burst.ackP50Ms)} / ${f0(burst.ackP99Ms)} / ${f0(burst.ackMaxMs)} | ${f0(
          burst.viewsOpenP50Ms,
        )} / ${f0(burst.viewsOpenP99Ms)} | ${burst.failures} |`,
    ),
    '',
    `Ack p99 < 20 ms for a burst of ${BURST_SIZE}: ${
      result.bursts.app.ackP99Ms < 20 ? 'met' : 'NOT met'
    } (${f0(result.bursts.app.ackP99Ms)} ms; bare Bolt with a one-field modal ${f0(result.bursts.baseline.ackP99Ms)} ms).`,
    '',
    '| measure | value |',
    '|---|---:|',
    `| app RSS at idle | ${f1(result.memory.idleMb)} MB |`,
    `| app RSS after ${MEMORY_BATCH.toLocaleString('en')} commands | ${f1(result.memory.after20kMb)} MB |`,
    `| app RSS after ${(2 * MEMORY_BATCH).toLocaleString('en')} commands | ${f1(result.memory.after40kMb)} MB |`,
    `| baseline RSS at idle | ${f1(result.memory.baselineIdleMb)} MB |`,
    `| start-up, process start → /healthz 200 (median of ${STARTUPS}), app / baseline | ${f0(result.startup.appMs)} / ${f0(result.startup.baselineMs)} ms |`,
  ];
  return lines.join('\n');
}

const SECTION_START = '<!-- slack-bench:start -->';
const SECTION_END = '<!-- slack-bench:end -->';

/** What the CPU-per-command figures at concurrency 16 say, worded from this run's numbers. */
function cpuComparison(result: SlackBenchResult): string {
  const oneField = result.ack.find((row) => row.concurrency === 16)?.baseline.cpuMsPerCommand ?? Number.NaN;
  const sameModal = result.sameModal.baseline.cpuMsPerCommand;
  const app = result.sameModal.app.cpuMsPerCommand;
  const compare = (a: number, b: number) => (a > b ? 'more' : 'less');
  return [
    `At concurrency 16, bare Bolt opening our modal costs ${f2(sameModal)} ms of CPU per command, ${compare(
      sameModal,
      oneField,
    )} than bare Bolt opening a one-field modal (${f2(oneField)} ms);`,
    `our app costs ${f2(app)} ms, ${compare(app, sameModal)} than the first and ${compare(app, oneField)} than the second.`,
  ].join('\n');
}

export function renderSlackSection(result: SlackBenchResult, turnSeconds: number): string {
  const { machine } = result;
  return [
    SECTION_START,
    '## Slack app: ack path, memory, start-up',
    '',
    `Measured ${machine.date} on ${machine.cores} cores (${machine.cpu}), Node ${machine.node}.`,
    `Both apps run as separate processes in HTTP mode against the fake Slack's Web API; autocannon POSTs signed`,
    `\`/rust-or-python\` commands, each with a fresh trigger_id, ${TURNS_PER_CONCURRENCY} alternating turns of ${turnSeconds} s per`,
    'concurrency (throughput averaged, latencies the worse turn). The baseline is bare Bolt (same version, same',
    'HTTPReceiver) acking and opening a one-field modal. "views.open" is the time from sending the command to the',
    'fake receiving the views.open call with its trigger_id. Load generator, fake Slack and both apps share the machine.',
    'Turns of the same app vary by 10–30% on this machine (see the per-turn lines `npm run bench` prints): compare',
    'rows of one run, not figures across runs.',
    '',
    renderSlackTables(result),
    '',
    'What the columns say. "CPU per command" is the app process\'s CPU time (all threads, from /proc) over the',
    'commands of its turns; "harness" is the benchmark process\'s (autocannon, and the fake Slack answering',
    'views.open).',
    cpuComparison(result),
    '',
    "Where it goes (`tsx bench/slack.ts --cpu-prof` writes CPU profiles of the app process). Our modal's first",
    "page is ~4.4 KB of JSON against the one-field modal's ~0.3 KB. Through @slack/web-api, the cost that grew",
    "with it was the client's, not the modal's: form-encoding it, `redact()` deep-copying the view Slack echoes",
    "back for a debug line built even with debug logging off, Node's fetch wrapping the body in a web stream,",
    'and an `AbortSignal.timeout` per call (a timer firing 3 s later for every call). Since 2026-11-29 the app',
    'opens its modals through a lean views.open (src/slack/views-open.ts): a JSON body with the bearer token over',
    "a keep-alive `node:http` pool, one shared deadline sweep instead of a timer per call, the Web API client's",
    'policy (timeout, retries, Retry-After) and its error classes. The first page is built once as a JSON',
    'template; each command puts only its metadata and pre-filled description into it; `emoji: true` and',
    "`optional: false` (Slack's defaults) are no longer sent. Every other call stays on the WebClient. The",
    "bare Bolt apps keep Bolt's defaults, conversation store included; our app turns that store off (nothing",
    'reads it). Before these changes (same machine, 2026-11-29): 0.59 of the one-field baseline at concurrency',
    '16, ack p99 35 ms, 1.03 ms of CPU per command against 0.59; and the earlier claim that the app matched',
    'bare Bolt opening the same modal held only against a baseline passing the view as an object (and so paying',
    "for the SDK's deep copy): against one passing it pre-encoded, the app was about 10% dearer.",
    '',
    'The closed loop at concurrency 16 shows an ack p99 of about 16 ÷ throughput plus its spread: its latency',
    'is the queue that throughput allows. The load generator and the fake Slack share the 2 cores with the app',
    '(the "harness" column): past the floor\'s figures, the harness is the limit, not the app. The bursts',
    'measure the wait each person has when a channel tries the command at once.',
    SECTION_END,
  ].join('\n');
}

/** Replaces the Slack section of BENCHMARKS.md, or appends it; the rest of the file is left as it is. */
export async function writeSlackSection(section: string, file = BENCHMARKS_FILE): Promise<void> {
  await replaceSection({ start: SECTION_START, end: SECTION_END }, section, file);
}

/** `tsx bench/slack.ts [--cpu-prof]`: the Slack benchmarks alone; replaces only their section of BENCHMARKS.md. */
async function main(): Promise<void> {
  const profileDir = process.argv.includes('--cpu-prof')
    ? join(tmpdir(), 'rust-or-python-profiles')
    : undefined;
  const turnSeconds = SLACK_TURN_SECONDS;
  const result = await runSlackBench({
    turnSeconds,
    ...(profileDir === undefined ? {} : { appNodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] }),
  });
  if (profileDir !== undefined) console.log(`CPU profiles of the app process: ${profileDir}`);
  console.log(`\n${renderSlackTables(result)}\n`);
  await writeSlackSection(renderSlackSection(result, turnSeconds));
  console.log('BENCHMARKS.md: Slack section updated.');
}

runIfMain(import.meta.url, main);
