import { CRITERIA, CRITERION_INDEX, criterionWeights } from './criteria.ts';
import type { Answers, OptionValue, SingleChoiceId } from './questions.ts';
import type { Citation, CriterionId, CriterionResult, Reason, Side } from './types.ts';

/** A condition on one answer. An omitted answer matches no condition: omitted is neutral. */
export type Condition =
  | { readonly question: SingleChoiceId; readonly oneOf: readonly string[] }
  /** Holds when the answer is none of these, omitted included: "not known to be native". */
  | { readonly question: SingleChoiceId; readonly noneOf: readonly string[] }
  | { readonly question: 'ecosystems' | 'priorities'; readonly includesAny: readonly string[] }
  | { readonly question: 'rustMentors'; readonly is: boolean };

/** One weighed consideration: it adds `points` (times the criterion's weight) when every condition holds. */
export interface Contribution {
  readonly criterion: CriterionId;
  readonly side: Side;
  readonly points: number;
  readonly when: readonly Condition[];
  /** A fact about the project, phrased so it reads as a pro on its side and a con on the other. */
  readonly text: string;
}

function answer<Q extends SingleChoiceId>(question: Q, ...oneOf: OptionValue<Q>[]): Condition {
  return { question, oneOf: oneOf as readonly string[] };
}
function uses(...includesAny: OptionValue<'ecosystems'>[]): Condition {
  return { question: 'ecosystems', includesAny };
}
function not<Q extends SingleChoiceId>(question: Q, ...noneOf: OptionValue<Q>[]): Condition {
  return { question, noneOf: noneOf as readonly string[] };
}
function prioritises(...includesAny: OptionValue<'priorities'>[]): Condition {
  return { question: 'priorities', includesAny };
}

/**
 * Every contribution the engine knows. Monotonicity holds by construction, and a test checks it on this
 * table: a Rust-side condition on an ordered question (latency, memory, rustSkill) only ever names the
 * upper end of its scale and a Python-side one the lower end (reversed for pythonSkill); `ml` appears
 * only on the Python side; weights depend on priorities alone.
 */
export const CONTRIBUTIONS: readonly Contribution[] = [
  // performance
  {
    criterion: 'performance',
    side: 'rust',
    points: 3,
    when: [answer('compute', 'cpu-bound'), not('hotPath', 'native')],
    text: 'CPU-bound hot path: interpreter-bound Python is often 20-100x slower than Rust, which runs near C speed.',
  },
  {
    criterion: 'performance',
    side: 'rust',
    points: 1,
    when: [answer('compute', 'cpu-bound'), answer('hotPath', 'python')],
    text: 'A profile puts the time in Python code itself, exactly where compiled Rust helps most.',
  },
  {
    criterion: 'performance',
    side: 'rust',
    points: 1,
    when: [answer('compute', 'mixed'), not('hotPath', 'native')],
    text: 'Part of the time goes to computation, where compiled Rust beats plain Python.',
  },
  {
    criterion: 'performance',
    side: 'python',
    points: 2.5,
    when: [answer('compute', 'io-bound')],
    text: "I/O-bound work waits on the network and disk either way, so Python's speed is rarely the bottleneck.",
  },
  {
    criterion: 'performance',
    side: 'python',
    points: 3,
    when: [answer('compute', 'cpu-bound', 'mixed'), answer('hotPath', 'native')],
    text: 'The heavy compute already runs in native code (NumPy, PyTorch, Polars or a GPU): rewriting its caller in Rust buys little.',
  },
  {
    criterion: 'performance',
    side: 'python',
    points: 1.5,
    when: [
      answer('compute', 'cpu-bound'),
      uses('ml', 'data', 'scientific'),
      not('hotPath', 'python', 'native'),
    ],
    text: 'The hot path may already run in native code (NumPy, Polars, PyTorch), which can match Rust: a profile will tell.',
  },
  {
    criterion: 'performance',
    side: 'python',
    points: 1.5,
    when: [answer('latency', 'none')],
    text: 'No latency target: developer time matters more than runtime speed.',
  },
  {
    criterion: 'performance',
    side: 'rust',
    points: 3,
    when: [answer('latency', 'strict', 'realtime')],
    text: 'A tight latency target leaves no room for interpreter overhead or garbage-collector pauses.',
  },
  {
    criterion: 'performance',
    side: 'rust',
    points: 1.5,
    when: [answer('latency', 'realtime')],
    text: "Deterministic real-time latency needs code without pauses: Rust's ownership frees memory predictably.",
  },
  {
    criterion: 'performance',
    side: 'rust',
    points: 2,
    when: [answer('latency', 'strict', 'realtime'), answer('compute', 'cpu-bound')],
    text: "Tight latency on a CPU-bound hot path is where Rust's near-C speed without a GC pays most.",
  },
  {
    criterion: 'performance',
    side: 'rust',
    points: 2,
    when: [answer('workload', 'high-throughput')],
    text: 'A high-throughput service: CPU cost per request sets how many machines you pay for.',
  },
  {
    criterion: 'performance',
    side: 'rust',
    points: 1.5,
    when: [answer('workload', 'systems')],
    text: "A database, engine or network component sits on everyone else's hot path.",
  },
  {
    criterion: 'performance',
    side: 'rust',
    points: 2,
    when: [answer('workload', 'python-extension')],
    text: 'The goal is to speed up existing Python code, which is what a compiled core is for.',
  },
  // memory
  {
    criterion: 'memory',
    side: 'rust',
    points: 1.5,
    when: [answer('memory', 'containers')],
    text: "Footprint matters for cost: a Rust service often needs a fraction of Python's memory.",
  },
  {
    criterion: 'memory',
    side: 'rust',
    points: 5,
    when: [answer('memory', 'constrained')],
    text: 'Kilobytes to a few MB of RAM: CPython alone needs 10-20 MB; Rust controls every byte, with no runtime.',
  },
  {
    criterion: 'memory',
    side: 'python',
    points: 1,
    when: [answer('memory', 'relaxed')],
    text: "Memory is not a constraint, so Python's larger footprint costs little.",
  },
  {
    criterion: 'memory',
    side: 'rust',
    points: 3,
    when: [answer('workload', 'embedded'), not('memory', 'relaxed', 'containers')],
    text: 'Firmware needs precise control of memory and timing, which Python cannot give.',
  },
  // safety
  {
    criterion: 'safety',
    side: 'rust',
    points: 4,
    when: [answer('safety', 'security')],
    text: 'It parses untrusted input or handles secrets: Rust checks memory safety and types at compile time, with no C extension underneath, which rules out whole classes of bugs.',
  },
  {
    criterion: 'safety',
    side: 'rust',
    points: 5,
    when: [answer('safety', 'critical')],
    text: 'Safety- or mission-critical: memory safety without a GC and no data races, checked at compile time.',
  },
  {
    criterion: 'safety',
    side: 'python',
    points: 0.5,
    when: [answer('safety', 'normal')],
    text: "Ordinary business software: Python's runtime safety is enough.",
  },
  {
    criterion: 'safety',
    side: 'rust',
    points: 1.5,
    when: [answer('safety', 'security', 'critical'), answer('codebase', 'other-native')],
    text: 'Replacing sensitive C/C++ with Rust removes memory-unsafety at its source.',
  },
  // concurrency
  {
    criterion: 'concurrency',
    side: 'rust',
    points: 3,
    when: [answer('concurrency', 'cpu-parallel'), not('hotPath', 'native')],
    text: 'CPU parallelism across cores: Rust makes it safe, while the GIL still limits Python threads (and free-threaded builds turn the GIL back on for extensions not marked safe).',
  },
  {
    criterion: 'concurrency',
    side: 'python',
    points: 1.5,
    when: [answer('concurrency', 'io-many')],
    text: "Many concurrent connections are I/O, which Python's asyncio handles well.",
  },
  {
    criterion: 'concurrency',
    side: 'rust',
    points: 1.5,
    when: [answer('concurrency', 'io-many'), answer('latency', 'strict', 'realtime')],
    text: 'Many connections under a tight latency target: async Rust (tokio) keeps tail latency low.',
  },
  {
    criterion: 'concurrency',
    side: 'python',
    points: 0.5,
    when: [answer('concurrency', 'simple')],
    text: "Little concurrency, so Rust's concurrency strengths do not come into play.",
  },
  // productivity
  {
    criterion: 'productivity',
    side: 'python',
    points: 3,
    when: [answer('pythonSkill', 'strong')],
    text: 'The team is strong in Python, the language it delivers fastest in.',
  },
  {
    criterion: 'productivity',
    side: 'python',
    points: 1.5,
    when: [answer('pythonSkill', 'some')],
    text: 'The team already knows some Python.',
  },
  {
    criterion: 'productivity',
    side: 'rust',
    points: 1.5,
    when: [answer('pythonSkill', 'none')],
    text: 'The team has no Python experience to lean on.',
  },
  {
    criterion: 'productivity',
    side: 'rust',
    points: 4,
    when: [answer('rustSkill', 'strong')],
    text: 'The team is strong in Rust: no learning curve to pay.',
  },
  {
    criterion: 'productivity',
    side: 'rust',
    points: 1.5,
    when: [answer('rustSkill', 'some')],
    text: 'The team already knows some Rust.',
  },
  {
    criterion: 'productivity',
    side: 'python',
    points: 2.5,
    when: [answer('rustSkill', 'none')],
    text: 'The team is new to Rust: ownership and lifetimes take months to become fluent in.',
  },
  {
    criterion: 'productivity',
    side: 'python',
    points: 1,
    when: [answer('rustSkill', 'none'), { question: 'rustMentors', is: false }],
    text: 'Nobody on hand knows Rust well, so the team pays the learning curve alone.',
  },
  {
    criterion: 'productivity',
    side: 'rust',
    points: 1,
    when: [{ question: 'rustMentors', is: true }],
    text: 'Someone on hand knows Rust well, which shortens the learning curve.',
  },
  {
    criterion: 'productivity',
    side: 'python',
    points: 3,
    when: [answer('stage', 'prototype')],
    text: 'A proof of concept in weeks rewards iteration speed over runtime speed.',
  },
  {
    criterion: 'productivity',
    side: 'python',
    points: 1,
    when: [answer('stage', 'mvp')],
    text: 'A product in months still rewards fast iteration.',
  },
  {
    criterion: 'productivity',
    side: 'python',
    points: 2,
    when: [prioritises('hiring')],
    text: 'Hiring matters, and Python developers are far easier to find and onboard.',
  },
  // ecosystem
  {
    criterion: 'ecosystem',
    side: 'python',
    points: 5,
    when: [answer('workload', 'data-science')],
    text: "Data analysis and ML live in Python's ecosystem: pandas, NumPy, scikit-learn, PyTorch, notebooks.",
  },
  {
    criterion: 'ecosystem',
    side: 'python',
    points: 2,
    when: [answer('workload', 'data-pipeline')],
    text: "Data pipelines lean on Python's data tooling (pandas, Polars, Airflow, dbt).",
  },
  {
    criterion: 'ecosystem',
    side: 'python',
    points: 1,
    when: [answer('workload', 'web-backend')],
    text: 'Mature Python web frameworks (Django, FastAPI) cover most backend needs.',
  },
  {
    criterion: 'ecosystem',
    side: 'python',
    points: 1.5,
    when: [answer('workload', 'cli-tooling')],
    text: "Automation and developer tooling are Python's home ground.",
  },
  {
    criterion: 'ecosystem',
    side: 'rust',
    points: 2.5,
    when: [answer('workload', 'systems')],
    text: 'Systems work has strong Rust crates (tokio, networking, storage engines).',
  },
  {
    criterion: 'ecosystem',
    side: 'rust',
    points: 3,
    when: [answer('workload', 'embedded'), not('memory', 'relaxed', 'containers')],
    text: "Rust's embedded ecosystem (no_std, embedded HALs) fits firmware; Python reaches microcontrollers only as MicroPython.",
  },
  {
    criterion: 'ecosystem',
    side: 'python',
    points: 4,
    when: [uses('ml')],
    text: 'It needs machine-learning libraries, which are Python-first.',
  },
  {
    criterion: 'ecosystem',
    side: 'python',
    points: 2,
    // The workload already counts a data pipeline's or data science's libraries: not twice.
    when: [uses('data'), not('workload', 'data-pipeline', 'data-science')],
    text: 'It needs data-processing libraries (pandas, Polars, PyArrow), which are Python-first.',
  },
  {
    criterion: 'ecosystem',
    side: 'python',
    points: 3,
    when: [uses('scientific')],
    text: 'It needs scientific computing (NumPy, SciPy), far richer in Python.',
  },
  {
    criterion: 'ecosystem',
    side: 'python',
    points: 1,
    when: [uses('web'), not('workload', 'web-backend')],
    text: "It leans on web frameworks, where Python's are more mature.",
  },
  {
    criterion: 'ecosystem',
    side: 'python',
    points: 1.5,
    when: [uses('devops')],
    text: 'It leans on DevOps and scripting tools, a Python strength.',
  },
  {
    criterion: 'ecosystem',
    side: 'rust',
    points: 2,
    when: [uses('systems'), not('workload', 'systems')],
    text: 'It leans on systems and networking crates, a Rust strength.',
  },
  {
    criterion: 'ecosystem',
    side: 'rust',
    points: 2.5,
    when: [uses('embedded')],
    text: 'It leans on embedded crates (no_std, HALs), a Rust strength.',
  },
  // deployment
  {
    criterion: 'deployment',
    side: 'rust',
    points: 3,
    when: [answer('deployment', 'desktop-cli')],
    text: "Shipped to users' machines: Rust builds one self-contained binary, no interpreter to install.",
  },
  {
    criterion: 'deployment',
    side: 'rust',
    points: 2,
    when: [answer('deployment', 'edge-device')],
    text: 'On an edge device, one cross-compiled binary needs no Python runtime or packages on the device.',
  },
  {
    criterion: 'deployment',
    side: 'rust',
    points: 3.5,
    when: [answer('deployment', 'wasm')],
    text: 'WebAssembly is a first-class Rust target; Python in WebAssembly is heavy.',
  },
  {
    criterion: 'deployment',
    side: 'python',
    points: 1.5,
    when: [answer('deployment', 'serverless')],
    text: 'Serverless platforms run Python natively with mature tooling.',
  },
  {
    criterion: 'deployment',
    side: 'python',
    points: 0.5,
    when: [answer('deployment', 'cloud-service')],
    text: 'Managed cloud hosting supports Python everywhere.',
  },
  {
    criterion: 'deployment',
    side: 'python',
    points: 1,
    when: [answer('deployment', 'python-package'), not('workload', 'cli-tooling')],
    text: 'It is distributed as a Python package for Python callers: pure Python needs no per-platform builds.',
  },
  {
    criterion: 'deployment',
    side: 'rust',
    points: 2,
    when: [answer('deployment', 'python-package'), answer('workload', 'cli-tooling')],
    text: "A tool installed with pip can be one Rust binary inside a wheel, as Ruff and uv are: no Python dependencies to resolve on the user's machine.",
  },
  // maintenance and cadence
  {
    criterion: 'maintenance',
    side: 'python',
    points: 2.5,
    when: [answer('cadence', 'rapid')],
    text: 'Weekly pivots favour the language that is fastest to change.',
  },
  {
    criterion: 'maintenance',
    side: 'rust',
    points: 2,
    when: [answer('cadence', 'stable')],
    text: "Code that rarely changes favours Rust's compile-time guarantees: what compiles keeps working.",
  },
  {
    criterion: 'maintenance',
    side: 'rust',
    points: 1.5,
    when: [answer('stage', 'production')],
    text: 'A long-lived system: fewer memory and concurrency bugs lower maintenance over the years.',
  },
  // existing code
  {
    criterion: 'existing-code',
    side: 'python',
    points: 4,
    when: [answer('codebase', 'python')],
    text: 'An existing Python codebase, with its tooling and habits, pulls towards Python.',
  },
  {
    criterion: 'existing-code',
    side: 'rust',
    points: 5,
    when: [answer('codebase', 'rust')],
    text: 'An existing Rust codebase: staying in Rust avoids a second toolchain.',
  },
  {
    criterion: 'existing-code',
    side: 'rust',
    points: 2.5,
    when: [answer('codebase', 'other-native')],
    text: 'C/C++ code is commonly modernised with Rust, moving piece by piece over FFI.',
  },
  {
    criterion: 'existing-code',
    side: 'python',
    points: 3,
    when: [answer('workload', 'python-extension')],
    text: 'An existing Python library or app: its users stay in Python.',
  },
  {
    criterion: 'existing-code',
    side: 'python',
    points: 2,
    when: [answer('codebase', 'mixed')],
    text: 'Part of the existing code is Python, with its tooling and habits.',
  },
];

function holds(condition: Condition, answers: Answers): boolean {
  if ('oneOf' in condition) {
    const value = answers[condition.question];
    return value !== undefined && condition.oneOf.includes(value);
  }
  if ('noneOf' in condition) {
    const value = answers[condition.question];
    return value === undefined || !condition.noneOf.includes(value);
  }
  if ('includesAny' in condition) {
    const values: readonly string[] | undefined = answers[condition.question];
    return values?.some((v) => condition.includesAny.includes(v)) ?? false;
  }
  return answers.rustMentors === condition.is;
}

function citationsFor(condition: Condition, answers: Answers): Citation[] {
  if ('oneOf' in condition || 'noneOf' in condition) {
    const value = answers[condition.question];
    // An omitted answer is never cited: "not native" holds for it, but nobody said so.
    return value === undefined ? [] : [{ question: condition.question, value: String(value) }];
  }
  if ('includesAny' in condition) {
    const values: readonly string[] = answers[condition.question] ?? [];
    return values
      .filter((v) => condition.includesAny.includes(v))
      .map((value) => ({ question: condition.question, value }));
  }
  return [{ question: 'rustMentors', value: String(answers.rustMentors) }];
}

/** A contribution compiled once into a predicate, so the hot loop makes no shape checks. */
function compile(c: Contribution): (answers: Answers) => boolean {
  const tests = c.when.map((condition): ((answers: Answers) => boolean) => {
    if ('oneOf' in condition) {
      const { question, oneOf } = condition;
      return (a) => {
        const value = a[question];
        return value !== undefined && oneOf.includes(value);
      };
    }
    return (a) => holds(condition, a);
  });
  if (tests.length === 1 && tests[0]) return tests[0];
  return (a) => tests.every((test) => test(a));
}

const APPLIES = CONTRIBUTIONS.map(compile);
const CONTRIBUTION_CRITERION = CONTRIBUTIONS.map((c) => CRITERION_INDEX[c.criterion]);
const FOR_RUST = CONTRIBUTIONS.map((c) => c.side === 'rust');

function weighted(i: number, answers: Answers, weights: readonly number[]): number {
  const c = CONTRIBUTIONS[i];
  return c && APPLIES[i]?.(answers) ? c.points * (weights[CONTRIBUTION_CRITERION[i] ?? 0] ?? 0) : 0;
}

/** Raw weighted points per side: all the verdict and the flip analysis need. */
export interface Tally {
  readonly rust: number;
  readonly python: number;
}

/** Each contribution's weighted points for these answers (0 where it does not apply), in table order. */
export function contributionPoints(answers: Answers, weights: readonly number[]): number[] {
  return CONTRIBUTIONS.map((_, i) => weighted(i, answers, weights));
}

/** The tally of contribution points from contributionPoints(). */
export function tallyOf(points: readonly number[]): Tally {
  let rust = 0;
  let python = 0;
  for (let i = 0; i < points.length; i++) {
    if (FOR_RUST[i]) rust += points[i] ?? 0;
    else python += points[i] ?? 0;
  }
  return { rust, python };
}

export function tally(answers: Answers): Tally {
  return tallyOf(contributionPoints(answers, criterionWeights(answers.priorities)));
}

/** For each question, which contributions read it: only those can change when that one answer changes. */
const READS: ReadonlyMap<string, readonly boolean[]> = new Map(
  [...new Set(CONTRIBUTIONS.flatMap((c) => c.when.map((condition) => condition.question)))].map(
    (question) => [
      question,
      CONTRIBUTIONS.map((c) => c.when.some((condition) => condition.question === question)),
    ],
  ),
);

/**
 * The tally of `changed`, which differs from the answers behind `base` in `question` only (priorities, and
 * so the weights, unchanged). Only the contributions that read that question are evaluated again, and the
 * sum runs in the same order as tally(), so the result is bit-identical to tally(changed).
 */
export function tallyAfterChange(
  base: readonly number[],
  changed: Answers,
  question: string,
  weights: readonly number[],
): Tally {
  const reads = READS.get(question);
  let rust = 0;
  let python = 0;
  for (let i = 0; i < base.length; i++) {
    const points = reads?.[i] ? weighted(i, changed, weights) : (base[i] ?? 0);
    if (FOR_RUST[i]) rust += points;
    else python += points;
  }
  return { rust, python };
}

/**
 * Scores are shares of the total, so they sum to 100 and the margin moves with each side's points: more
 * Rust points or fewer Python points never lower it. One point of baseline per side keeps an empty tally
 * at 50/50.
 */
export function scoresOf(t: Tally): { rust: number; python: number } {
  const rust = rustScore(t);
  return { rust, python: 100 - rust };
}

function rustScore(t: Tally): number {
  return Math.round((100 * (t.rust + 1)) / (t.rust + t.python + 2));
}

/** scores.rust - scores.python, without building the scores. */
export function marginOf(t: Tally): number {
  return 2 * rustScore(t) - 100;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The per-criterion breakdown with reasons citing the answers that produced them. */
export function criteriaBreakdown(answers: Answers): CriterionResult[] {
  const weights = criterionWeights(answers.priorities);
  const results = CRITERIA.map((def, i) => ({
    id: def.id,
    label: def.label,
    weight: round2(weights[i] ?? 0),
    rust: 0,
    python: 0,
    reasons: [] as Reason[],
  }));
  for (const [i, c] of CONTRIBUTIONS.entries()) {
    if (!APPLIES[i]?.(answers)) continue;
    const index = CRITERION_INDEX[c.criterion];
    const result = results[index];
    if (!result) continue;
    const points = round2(c.points * (weights[index] ?? 0));
    result.reasons.push({
      text: c.text,
      side: c.side,
      points,
      cites: c.when.flatMap((condition) => citationsFor(condition, answers)),
    });
    result[c.side] = round2(result[c.side] + points);
  }
  return results;
}
