import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { engineBenchmarks } from './engine.ts';
import { renderScaleOutSection, renderScaleOutTables, runScaleOutBench } from './scale-out.ts';
import { renderSlackSection, renderSlackTables, runSlackBench, SLACK_TURN_SECONDS } from './slack.ts';
import { renderSubmissionSection, renderSubmissionTables, runSubmissionBench } from './submission.ts';

/** One measured row. Latencies in microseconds; `perSecond` counts the operation named in `unit`. */
export interface BenchResult {
  readonly name: string;
  readonly unit: string;
  readonly samples: number;
  readonly perSecond: number;
  readonly p50Us: number;
  readonly p99Us: number;
}

/** A group of rows; add a new group (e.g. the Slack flows) to BENCHMARKS below. */
export interface Benchmark {
  readonly title: string;
  run(): Promise<BenchResult[]>;
}

const BENCHMARKS: readonly Benchmark[] = [engineBenchmarks];

/** p-th percentile (0-100) of unsorted samples, nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

function formatNumber(x: number): string {
  return x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1);
}

function table(results: readonly BenchResult[]): string {
  const rows = [
    ['benchmark', 'samples', 'per second', 'p50 (µs)', 'p99 (µs)'],
    ...results.map((r) => [
      r.name,
      String(r.samples),
      `${formatNumber(r.perSecond)} ${r.unit}/s`,
      formatNumber(r.p50Us),
      formatNumber(r.p99Us),
    ]),
  ];
  return [
    `| ${rows[0]?.join(' | ')} |`,
    `|${rows[0]?.map(() => '---').join('|')}|`,
    ...rows.slice(1).map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** lscpu's hypervisor lines ("a KVM guest, full virtualisation"), or '' on bare metal or without lscpu. */
function virtualisation(): string {
  try {
    const lscpu = execFileSync('lscpu', { encoding: 'utf8' });
    const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'm').exec(lscpu)?.[1]?.trim();
    const vendor = field('Hypervisor vendor');
    const type = field('Virtualization type');
    return vendor === undefined
      ? ''
      : `, a ${vendor} guest${type === undefined ? '' : ` (${type} virtualisation)`}`;
  } catch {
    return '';
  }
}

function machine(): string {
  const cpuList = cpus();
  return `${cpuList.length} cores, ${cpuList[0]?.model.trim() ?? 'unknown CPU'}${virtualisation()}, Node ${process.version}, ${process.platform}/${process.arch}`;
}

const sections: string[] = [];
for (const benchmark of BENCHMARKS) {
  const results = await benchmark.run();
  const body = table(results);
  console.log(`\n${benchmark.title}\n${body}`);
  sections.push(`## ${benchmark.title}\n\n${body}`);
}
// The Slack app against bare Bolt has its own shape (two processes, ratios), so it renders its own tables.
const slack = await runSlackBench({ turnSeconds: SLACK_TURN_SECONDS });
console.log(`\nSlack app (ack path, memory, start-up)\n${renderSlackTables(slack)}`);
sections.push(renderSlackSection(slack, SLACK_TURN_SECONDS));
// The submission path once per database (in memory, SQLite file, PostgreSQL), and the store's own cost.
const submission = await runSubmissionBench();
console.log(`\nSlack app (submission path with the database)\n${renderSubmissionTables(submission)}`);
sections.push(renderSubmissionSection(submission));
// The ack path in distribution mode with one instance, then two, over one PostgreSQL.
const scaleOut = await runScaleOutBench();
console.log(`\nScale-out (ack path, 1 and 2 instances over PostgreSQL)\n${renderScaleOutTables(scaleOut)}`);
sections.push(renderScaleOutSection(scaleOut));
const date = new Date().toISOString().slice(0, 10);
const report = [
  '# Benchmarks',
  '',
  'Produced by `npm run bench` (bench/index.ts); re-run it to refresh this file.',
  '',
  `Machine: ${machine()}. Date: ${date}.`,
  '',
  ...sections.flatMap((s) => [s, '']),
].join('\n');
await writeFile(new URL('../BENCHMARKS.md', import.meta.url), report);
console.log(`\nMachine: ${machine()}\nwrote BENCHMARKS.md`);
