import { runCli } from '../src/cli.ts';
import { type Answers, QUESTIONS, type Question, recommend } from '../src/engine/index.ts';
import { decide } from '../src/engine/verdict.ts';
import { type Benchmark, type BenchResult, percentile } from './index.ts';

const SAMPLES = 5000;
const WARM_UP = 500;

/** A small seeded generator (mulberry32): the same answers on every run, so figures compare across runs. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Varied answers from the questionnaire: every required question, each optional one 60% of the time. */
export function variedAnswers(count: number, seed = 2024): Answers[] {
  const random = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  return Array.from({ length: count }, () => {
    const answers: Record<string, unknown> = {};
    for (const q of QUESTIONS as readonly Question[]) {
      if (!q.required && random() > 0.6) continue;
      if (q.kind === 'single') answers[q.id] = pick(q.options).value;
      else if (q.kind === 'multi') {
        const chosen = q.options.filter(() => random() < 0.25).map((o) => o.value);
        answers[q.id] = chosen.slice(0, q.maxItems ?? chosen.length);
      } else if (q.kind === 'boolean') answers[q.id] = random() < 0.5;
      else answers[q.id] = 'A service that scores transactions as they arrive.';
    }
    return answers as Answers;
  });
}

function timeEach(name: string, inputs: readonly Answers[], run: (a: Answers) => unknown): BenchResult {
  for (const a of inputs.slice(0, WARM_UP)) run(a);
  const latencies: number[] = [];
  const started = performance.now();
  for (const a of inputs) {
    const t0 = performance.now();
    run(a);
    latencies.push((performance.now() - t0) * 1000);
  }
  const totalMs = performance.now() - started;
  return {
    name,
    unit: 'recommendations',
    samples: inputs.length,
    perSecond: (inputs.length / totalMs) * 1000,
    p50Us: percentile(latencies, 50),
    p99Us: percentile(latencies, 99),
  };
}

async function cliBatch(inputs: readonly Answers[]): Promise<BenchResult> {
  const file = JSON.stringify(inputs);
  const runs: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await runCli(['--answers', 'batch.json', '--format', 'json'], {
      readFile: async () => file,
      readStdin: async () => '',
      stdout: (text) => {
        bytes += text.length;
      },
      stderr: (text) => {
        throw new Error(text);
      },
    });
    runs.push(performance.now() - t0);
  }
  const p50Ms = percentile(runs, 50);
  return {
    name: `CLI batch: ${inputs.length} answers -> JSON (${Math.round(bytes / runs.length / 1e6)} MB), per batch`,
    unit: 'answers',
    samples: runs.length,
    perSecond: (inputs.length / p50Ms) * 1000,
    p50Us: p50Ms * 1000,
    p99Us: percentile(runs, 99) * 1000,
  };
}

export const engineBenchmarks: Benchmark = {
  title: 'Decision engine',
  async run() {
    const inputs = variedAnswers(SAMPLES);
    return [
      timeEach('recommend(), flips included', inputs, recommend),
      timeEach('verdict only (scoring + rules)', inputs, decide),
      await cliBatch(inputs.slice(0, 2000)),
    ];
  },
};
