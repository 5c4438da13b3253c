import type { Answers, QuestionId } from './questions.ts';
import type { Citation, CriterionResult, DecidingRule, PlanKind, Point, Reason, Verdict } from './types.ts';
import type { Decision } from './verdict.ts';

export const VERDICT_NAMES: Readonly<Record<Verdict, string>> = {
  rust: 'Rust',
  python: 'Python',
  hybrid: 'Hybrid (a Rust core, Python around it)',
};

function cite(a: Answers, ...questions: QuestionId[]): Citation[] {
  const cites: Citation[] = [];
  for (const question of questions) {
    const value = a[question];
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) cites.push({ question, value: v });
    else cites.push({ question, value: String(value) });
  }
  return cites;
}

/** The answers that make the existing code Python (see Signals.pythonCode). */
function pythonCodeCites(a: Answers): Citation[] {
  return [
    ...(a.codebase === 'python' ? cite(a, 'codebase') : []),
    ...(a.workload === 'python-extension' ? cite(a, 'workload') : []),
    ...(a.deployment === 'python-package' ? cite(a, 'deployment') : []),
  ];
}

function performanceNeedCites(a: Answers): Citation[] {
  return [
    ...(a.compute === 'cpu-bound' ? cite(a, 'compute') : []),
    ...(a.latency === 'strict' || a.latency === 'realtime' ? cite(a, 'latency') : []),
    ...(a.concurrency === 'cpu-parallel' ? cite(a, 'concurrency') : []),
    ...(a.priorities?.includes('performance')
      ? [{ question: 'priorities' as const, value: 'performance' }]
      : []),
  ];
}

/** The rule that settled the verdict, in words; absent when the scores alone did. */
export function describeRule(d: Decision, a: Answers): DecidingRule | undefined {
  switch (d.rule) {
    case 'constrained-target':
      return {
        id: d.rule,
        text: 'An embedded target, an edge device or MBs of RAM call for Rust: Python is not suited to low-level code with strict memory control.',
        cites: [
          ...(a.workload === 'embedded' ? cite(a, 'workload') : []),
          ...(a.memory === 'constrained' ? cite(a, 'memory') : []),
          ...(a.deployment === 'edge-device' ? cite(a, 'deployment') : []),
        ],
      };
    case 'data-ecosystem':
      return {
        id: d.rule,
        text: "Data analysis and ML depend on Python's ecosystem, whatever the team's Rust.",
        cites: cite(a, 'workload'),
      };
    case 'python-hot-path':
      return {
        id: d.rule,
        text: 'Python code with a CPU-bound hot path: keep Python for orchestration and move the measured bottleneck into Rust.',
        cites: [...pythonCodeCites(a), ...cite(a, 'compute')],
      };
    case 'latency-cpu':
      return d.verdict === 'rust'
        ? {
            id: d.rule,
            text: "Strict or real-time latency on CPU-bound work needs Rust's speed without garbage-collector pauses.",
            cites: cite(a, 'latency', 'compute'),
          }
        : {
            id: d.rule,
            text: 'Strict or real-time latency on CPU-bound work needs Rust on the hot path, and the team knows Python today, so Python stays around it.',
            cites: cite(a, 'latency', 'compute', 'pythonSkill', 'rustSkill'),
          };
    case 'staged-python':
      return {
        id: d.rule,
        text: 'A prototype with weekly pivots and time to market first, by a team new to Rust: start in Python and pilot Rust only when a threshold is crossed.',
        cites: [
          ...cite(a, 'stage', 'cadence', 'rustSkill'),
          { question: 'priorities', value: 'time-to-market' },
        ],
      };
    case 'close-call':
      return {
        id: d.rule,
        text: `The scores are ${d.scores.rust} to ${d.scores.python}, too close to call: a short spike should settle it.`,
        cites: [],
      };
    case 'phased-migration':
      return {
        id: d.rule,
        text: 'The team knows both languages and has a real performance need: start in Python, then move measured bottlenecks to Rust in phases.',
        cites: [...cite(a, 'pythonSkill', 'rustSkill'), ...performanceNeedCites(a)],
      };
    case 'python-code-anchor':
      return {
        id: d.rule,
        text: 'Rust wins on the scores, but the code is Python today: a Rust core behind an interface keeps what works.',
        cites: pythonCodeCites(a),
      };
    case 'margin':
      return undefined;
  }
}

export function allReasons(criteria: readonly CriterionResult[]): Reason[] {
  return criteria.flatMap((c) => c.reasons);
}

/** Strongest first; ties keep the framework's criterion order, so the result is deterministic. */
function strongest(reasons: readonly Reason[], count: number): Reason[] {
  return reasons
    .map((reason, index) => ({ reason, index }))
    .sort((x, y) => y.reason.points - x.reason.points || x.index - y.index)
    .slice(0, count)
    .map((x) => x.reason);
}

export function topReasons(criteria: readonly CriterionResult[]): Reason[] {
  return strongest(allReasons(criteria), 5);
}

function withoutPeriod(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

export function headline(
  d: Decision,
  rule: DecidingRule | undefined,
  reasons: readonly Reason[],
  a: Answers,
): string {
  if (d.closeCall) {
    return `Close call, leaning ${VERDICT_NAMES[d.verdict]}: the scores are ${d.scores.rust} (Rust) to ${d.scores.python} (Python), so run a short spike before committing.`;
  }
  const driver =
    rule && rule.id !== 'margin'
      ? rule.text
      : (strongest(
          reasons.filter((r) => r.side === d.verdict),
          1,
        )[0]?.text ?? `the scores favour it ${d.scores.rust} to ${d.scores.python}`);
  const learning =
    d.verdict === 'rust' && a.rustSkill === 'none' ? ', with a learning path for a team new to Rust' : '';
  return `${VERDICT_NAMES[d.verdict]} — ${withoutPeriod(driver)}${learning}.`;
}

const MAX_POINTS = 5;

/** A pro or con that applies to these answers; `weight` ranks it (strongest first) and is not shown. */
interface Candidate {
  readonly weight: number;
  readonly text: string;
  readonly cites: readonly QuestionId[];
}

/** Strongest first; equal weights keep the order written below, so the result is deterministic. */
function ranked(candidates: Candidate[]): Point[] {
  return candidates
    .sort((x, y) => y.weight - x.weight)
    .slice(0, MAX_POINTS)
    .map(({ text, cites }) => ({ text, cites }));
}

/** The questions among these that were answered: a point never cites an omitted answer. */
function answered(a: Answers, ...questions: QuestionId[]): QuestionId[] {
  return questions.filter((q) => a[q] !== undefined);
}

function listing(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const STAGE_WORK: Readonly<Record<Answers['stage'], string>> = {
  prototype: 'the proof of concept',
  mvp: 'the MVP',
  production: 'the system',
};

/** Python libraries the project leans on, by workload or ecosystems; Rust's equivalents are thinner. */
const LIBRARIES: readonly {
  readonly names: string;
  readonly weight: number;
  readonly workloads: readonly Answers['workload'][];
  readonly ecosystem?: NonNullable<Answers['ecosystems']>[number];
}[] = [
  { names: 'ML (PyTorch, scikit-learn)', weight: 5, workloads: ['data-science'], ecosystem: 'ml' },
  {
    names: 'data (pandas, Polars, PyArrow)',
    weight: 3.5,
    workloads: ['data-science', 'data-pipeline'],
    ecosystem: 'data',
  },
  { names: 'science (NumPy, SciPy)', weight: 3.5, workloads: [], ecosystem: 'scientific' },
  { names: 'orchestration (Airflow, dbt)', weight: 3, workloads: ['data-pipeline'] },
  { names: 'web (Django, FastAPI)', weight: 2.5, workloads: ['web-backend'], ecosystem: 'web' },
  { names: 'automation (Click, Typer, Ansible)', weight: 2, workloads: ['cli-tooling'], ecosystem: 'devops' },
];

interface LibraryNeed {
  readonly names: string;
  readonly weight: number;
  readonly cites: QuestionId[];
}

function pythonLibraries(a: Answers): LibraryNeed | undefined {
  const names: string[] = [];
  const cites = new Set<QuestionId>();
  let weight = 0;
  for (const lib of LIBRARIES) {
    const byWorkload = lib.workloads.includes(a.workload);
    const byEcosystem = lib.ecosystem !== undefined && (a.ecosystems?.includes(lib.ecosystem) ?? false);
    if (!byWorkload && !byEcosystem) continue;
    names.push(lib.names);
    weight = Math.max(weight, lib.weight);
    cites.add(byWorkload ? 'workload' : 'ecosystems');
  }
  if (names.length === 0) return undefined;
  return { names: listing(names.slice(0, 3)), weight, cites: [...cites] };
}

/** How much a mentor changes the learning curve, when the question was answered. */
function mentorNote(a: Answers): string {
  if (a.rustMentors === true) return ', shortened by the mentor on hand';
  if (a.rustMentors === false) return ', with nobody on hand to shorten it';
  return '; an experienced mentor shortens it';
}

function pythonPros(a: Answers): Point[] {
  const c: Candidate[] = [];
  const work = STAGE_WORK[a.stage];
  if (a.pythonSkill === 'strong' && a.rustSkill !== 'strong') {
    c.push({
      weight: 5,
      text: `No learning curve: a team strong in Python ships ${work} from week one.`,
      cites: ['pythonSkill', 'rustSkill'],
    });
  } else if (a.pythonSkill === 'some') {
    c.push({
      weight: 3.5,
      text: "Builds on the Python the team has: fluency comes in weeks, where Rust's ownership model takes months.",
      cites: ['pythonSkill'],
    });
  } else if (a.pythonSkill === 'none') {
    c.push({
      weight: 2.5,
      text: 'Python is the quicker language to learn: a team new to it is productive in weeks.',
      cites: ['pythonSkill'],
    });
  } else {
    c.push({
      weight: 2,
      text: 'The team is fluent in both, and Python iterates faster: no compile step between edit and run.',
      cites: ['pythonSkill', 'rustSkill'],
    });
  }
  if (a.stage === 'prototype') {
    c.push({
      weight: 4,
      text: 'Ideas are tried in minutes: no compile step, a REPL and notebooks for the proof of concept.',
      cites: ['stage'],
    });
  } else if (a.stage === 'mvp') {
    c.push({
      weight: 2.5,
      text: 'A short road to the MVP: less code per feature and no compile wait.',
      cites: ['stage'],
    });
  }
  if (a.cadence === 'rapid') {
    c.push({
      weight: 3.5,
      text: 'Weekly pivots stay cheap: Python code changes direction without a type-level redesign.',
      cites: ['cadence'],
    });
  }
  if (a.priorities?.includes('time-to-market')) {
    c.push({
      weight: 3,
      text: 'Time to market comes first, and Python is the fastest route to a first release.',
      cites: ['priorities'],
    });
  }
  if (a.priorities?.includes('hiring')) {
    c.push({
      weight: 3.5,
      text: 'Easier hiring: Python developers are plentiful and onboard in days.',
      cites: ['priorities'],
    });
  }
  const libraries = pythonLibraries(a);
  if (libraries) {
    c.push({
      weight: libraries.weight,
      text: `Ready-made Python libraries for ${libraries.names}.`,
      cites: libraries.cites,
    });
  }
  if (a.compute === 'io-bound') {
    c.push({
      weight: 3,
      text: 'Runtime speed costs little: I/O-bound work waits on the network and disk in any language.',
      cites: ['compute'],
    });
  } else if (
    a.compute === 'cpu-bound' &&
    a.ecosystems?.some((e) => e === 'ml' || e === 'data' || e === 'scientific')
  ) {
    c.push({
      weight: 3,
      text: 'The heavy compute can run inside NumPy, Polars or PyTorch: native code that rivals Rust.',
      cites: ['compute', 'ecosystems'],
    });
  }
  if (a.concurrency === 'io-many') {
    c.push({
      weight: 2.5,
      text: 'Many concurrent connections are I/O, which asyncio serves without threads.',
      cites: ['concurrency'],
    });
  }
  if (a.latency === 'none') {
    c.push({
      weight: 2,
      text: 'No latency target: the project spends developer time, not CPU time.',
      cites: ['latency'],
    });
  }
  if (a.codebase === 'python') {
    c.push({
      weight: 4.5,
      text: 'Builds on the existing Python codebase: no rewrite and no second toolchain.',
      cites: ['codebase'],
    });
  }
  if (a.workload === 'python-extension') {
    c.push({
      weight: 3,
      text: 'The library stays pure Python: nothing to compile, one wheel for every platform.',
      cites: ['workload'],
    });
  }
  if (a.deployment === 'serverless') {
    c.push({
      weight: 2,
      text: 'First-class on serverless platforms (AWS Lambda, Cloud Functions), with mature tooling.',
      cites: ['deployment'],
    });
  } else if (a.deployment === 'cloud-service') {
    c.push({
      weight: 1.5,
      text: 'Hosts anywhere: every managed cloud runs Python with ready images and tooling.',
      cites: ['deployment'],
    });
  } else if (a.deployment === 'python-package') {
    c.push({
      weight: 2,
      text: 'Publishes to PyPI with the usual tooling; users install it with pip.',
      cites: ['deployment'],
    });
  }
  c.push({
    weight: 1,
    text: 'One language and one toolchain: no compile step and no binding layer to maintain.',
    cites: [],
  });
  return ranked(c);
}

function pythonCons(a: Answers): Point[] {
  const c: Candidate[] = [];
  if (a.compute === 'cpu-bound') {
    c.push({
      weight: 6,
      text: 'CPU-bound work runs 20-100x slower in plain interpreted Python than in Rust; only what moves into NumPy, Polars or native code escapes that.',
      cites: ['compute'],
    });
  } else if (a.compute === 'mixed') {
    c.push({
      weight: 3.5,
      text: 'The computational part runs 20-100x slower in plain Python, unless it stays inside NumPy or native libraries.',
      cites: ['compute'],
    });
  }
  if (a.latency === 'realtime') {
    c.push({
      weight: 6,
      text: 'No deterministic timing: garbage-collector pauses and the interpreter rule out hard deadlines.',
      cites: ['latency'],
    });
  } else if (a.latency === 'strict') {
    c.push({
      weight: 5,
      text: 'A p99 under 10 ms is hard to hold: interpreter overhead and garbage-collector pauses show in the tail.',
      cites: ['latency'],
    });
  }
  if (a.concurrency === 'cpu-parallel') {
    c.push({
      weight: 4.5,
      text: 'The GIL blocks CPU parallelism in threads; free-threaded CPython 3.13+/3.14 exists, but extensions not marked safe turn the GIL back on.',
      cites: ['concurrency'],
    });
  }
  if (a.workload === 'high-throughput') {
    c.push({
      weight: 4,
      text: 'At high throughput, CPU per request sets the bill: expect more machines than a Rust service needs.',
      cites: ['workload'],
    });
  }
  if (a.memory === 'containers') {
    c.push({
      weight: 3,
      text: 'Higher memory per process: each Python worker needs tens of MB, multiplied across every container.',
      cites: ['memory'],
    });
  } else if (a.priorities?.includes('cost')) {
    c.push({
      weight: 3,
      text: 'Cost is a priority, and Python needs more memory and CPU per request than Rust.',
      cites: ['priorities'],
    });
  } else if (a.memory === 'relaxed') {
    c.push({
      weight: 1,
      text: 'A larger memory footprint than Rust, though memory is not a constraint here.',
      cites: ['memory'],
    });
  }
  if (a.safety === 'critical') {
    c.push({
      weight: 5,
      text: 'No compile-time guarantees for a safety-critical system: correctness rests on tests and runtime checks.',
      cites: ['safety'],
    });
  } else if (a.safety === 'security') {
    c.push({
      weight: 3.5,
      text: 'Untrusted input meets dynamic types: type confusion shows only at run time, so parsers need strict validation and fuzzing.',
      cites: ['safety'],
    });
  }
  if (a.stage === 'production') {
    c.push({
      weight: 3,
      text: 'Type errors surface at run time: a codebase that lives for years needs type hints and a strict checker (mypy, pyright).',
      cites: ['stage'],
    });
  } else if (a.stage === 'mvp') {
    c.push({
      weight: 2,
      text: 'Type errors surface at run time, so the MVP leans on tests and type hints to change safely.',
      cites: ['stage'],
    });
  }
  if (a.deployment === 'desktop-cli') {
    c.push({
      weight: 4,
      text: "Shipping to users' machines means bundling an interpreter (PyInstaller) or relying on theirs, with quirks on every OS.",
      cites: ['deployment'],
    });
  } else if (a.deployment === 'wasm') {
    c.push({
      weight: 4,
      text: 'Python in WebAssembly (Pyodide) ships a runtime of several MB and starts slowly.',
      cites: ['deployment'],
    });
  }
  if (a.codebase === 'rust') {
    c.push({
      weight: 4,
      text: 'The existing Rust code has to be wrapped or rewritten to work with Python.',
      cites: ['codebase'],
    });
  } else if (a.codebase === 'other-native') {
    c.push({
      weight: 2.5,
      text: 'Wrapping the existing C/C++ from Python keeps its memory-unsafety in place.',
      cites: ['codebase'],
    });
  }
  if (a.rustSkill === 'strong') {
    c.push({ weight: 2, text: "The team's Rust fluency goes unused on this project.", cites: ['rustSkill'] });
  }
  if (a.memory === undefined && !a.priorities?.includes('cost')) {
    c.push({
      weight: 1.3,
      text: 'Higher memory per process than a compiled service: every worker carries its own interpreter.',
      cites: [],
    });
  }
  c.push(
    {
      weight: 1.5,
      text: 'If a CPU-heavy path appears later, plain Python runs it 20-100x slower than Rust: the thresholds in the plan watch for it.',
      cites: [],
    },
    {
      weight: 1.2,
      text: 'Packaging quirks: virtual environments, lock files and native wheels need care on every machine.',
      cites: [],
    },
  );
  return ranked(c);
}

function rustPros(a: Answers): Point[] {
  const c: Candidate[] = [];
  if (a.memory === 'constrained') {
    c.push({
      weight: 6,
      text: 'Runs in a few MB of RAM with no interpreter and no GC pauses.',
      cites: ['memory'],
    });
  } else if (a.memory === 'containers') {
    c.push({
      weight: 3,
      text: "A fraction of Python's memory per instance: smaller containers, lower bills.",
      cites: ['memory'],
    });
  }
  if (a.workload === 'embedded') {
    c.push({
      weight: 5.5,
      text: 'Runs on the microcontroller itself: no_std Rust needs no OS, interpreter or garbage collector.',
      cites: ['workload'],
    });
  } else if (a.workload === 'high-throughput') {
    c.push({
      weight: 4,
      text: 'Less CPU and memory per request: fewer machines at peak load.',
      cites: ['workload'],
    });
  } else if (a.workload === 'systems') {
    c.push({
      weight: 3.5,
      text: 'Control of memory layout and threads, with mature systems crates (tokio, networking, storage).',
      cites: ['workload'],
    });
  }
  if (a.latency === 'realtime') {
    c.push({
      weight: 6,
      text: 'Deterministic timing: no garbage collector, memory freed at known points, so deadlines hold.',
      cites: ['latency'],
    });
  } else if (a.latency === 'strict') {
    c.push({
      weight: 5,
      text: 'A p99 under 10 ms is within reach: no GC pauses and near-C speed.',
      cites: ['latency'],
    });
  }
  if (a.compute === 'cpu-bound') {
    c.push({
      weight: 5,
      text: "The CPU-bound hot path runs near C speed (about 1.04x C's time in Pereira et al.), 20-100x faster than plain Python.",
      cites: ['compute'],
    });
  } else if (a.compute === 'mixed') {
    c.push({
      weight: 2,
      text: 'The computational part runs at compiled speed, with no interpreter overhead.',
      cites: ['compute'],
    });
  }
  if (a.concurrency === 'cpu-parallel') {
    c.push({
      weight: 4.5,
      text: 'Uses every core with no GIL, and data races are compile errors.',
      cites: ['concurrency'],
    });
  } else if (a.concurrency === 'io-many') {
    c.push({
      weight: 2.5,
      text: 'Many connections on tokio with a low, steady tail latency.',
      cites: ['concurrency'],
    });
  }
  if (a.safety === 'critical') {
    c.push({
      weight: 6,
      text: 'Memory safety and freedom from data races are checked at compile time, as a safety-critical system needs.',
      cites: ['safety'],
    });
  } else if (a.safety === 'security') {
    c.push({
      weight: 4.5,
      text: 'Memory safety without a GC: buffer overflows and use-after-free in input handling are ruled out at compile time.',
      cites: ['safety'],
    });
  }
  if (a.deployment === 'desktop-cli') {
    c.push({
      weight: 5,
      text: 'One self-contained binary per platform: users install no interpreter and no dependencies.',
      cites: ['deployment'],
    });
  } else if (a.deployment === 'edge-device') {
    c.push({
      weight: 4,
      text: 'One small binary cross-compiled for the device, with nothing else to install.',
      cites: ['deployment'],
    });
  } else if (a.deployment === 'wasm') {
    c.push({
      weight: 5,
      text: 'Compiles to small WebAssembly modules with no runtime to ship.',
      cites: ['deployment'],
    });
  }
  if (a.rustSkill === 'strong') {
    c.push({
      weight: 4.5,
      text: "The team's Rust fluency pays from day one: no learning curve.",
      cites: ['rustSkill'],
    });
  } else if (a.rustSkill === 'some') {
    c.push({ weight: 2, text: 'Builds on the Rust the team already has.', cites: ['rustSkill'] });
  }
  if (a.codebase === 'rust') {
    c.push({
      weight: 5,
      text: 'Stays in the existing Rust codebase: one toolchain, no rewrite.',
      cites: ['codebase'],
    });
  } else if (a.codebase === 'other-native') {
    c.push({
      weight: 3.5,
      text: 'Modernises the C/C++ piece by piece over FFI, removing memory-unsafety where it is replaced.',
      cites: ['codebase'],
    });
  }
  if (a.stage === 'production') {
    c.push({
      weight: 3,
      text: 'Years of maintenance get cheaper: the compiler catches memory and concurrency bugs before they ship.',
      cites: ['stage'],
    });
  }
  if (a.cadence === 'stable') {
    c.push({
      weight: 2,
      text: "Stable, controlled releases suit Rust's strict compiler: what compiles keeps working.",
      cites: ['cadence'],
    });
  }
  c.push(
    {
      weight: 1.2,
      text: 'Predictable performance without a garbage collector, whatever the load.',
      cites: [],
    },
    {
      weight: 1,
      text: 'Strong types and exhaustive matching catch mistakes at compile time, not in production.',
      cites: [],
    },
  );
  return ranked(c);
}

function rustCons(a: Answers): Point[] {
  const c: Candidate[] = [];
  if (a.rustSkill === 'none') {
    c.push({
      weight: a.rustMentors ? 5 : 6,
      text: `A learning curve of months: ownership and lifetimes are new to the team${mentorNote(a)}.`,
      cites: answered(a, 'rustSkill', 'rustMentors'),
    });
  } else if (a.rustSkill === 'some') {
    c.push({
      weight: 3,
      text: 'Part of the team is still learning Rust: expect slower reviews and fights with the borrow checker at first.',
      cites: ['rustSkill'],
    });
  }
  if (a.cadence === 'rapid') {
    c.push({
      weight: 4,
      text: "Slow compile times, the top complaint in Rust's own surveys, tax weekly pivots most.",
      cites: ['cadence'],
    });
  } else if (a.stage === 'prototype') {
    c.push({
      weight: 3.5,
      text: "Slow compile times, the top complaint in Rust's own surveys, slow down trying ideas in a proof of concept.",
      cites: ['stage'],
    });
  } else {
    c.push({
      weight: 2.5,
      text: "Slow compile times, the top complaint in Rust's own surveys, lengthen the edit-run loop.",
      cites: [],
    });
  }
  const libraries = pythonLibraries(a);
  if (libraries) {
    c.push({
      weight: libraries.weight - 0.5,
      text: `A thinner ecosystem where this project needs one: Rust has less mature equivalents for ${libraries.names}.`,
      cites: libraries.cites,
    });
  }
  if (a.priorities?.includes('hiring')) {
    c.push({
      weight: 4.5,
      text: 'Hiring is a priority, and Rust developers are far fewer than Python ones.',
      cites: ['priorities'],
    });
  } else if (a.rustSkill === 'none') {
    c.push({
      weight: 2,
      text: 'Growing the team means hiring from a much smaller pool of Rust developers.',
      cites: ['rustSkill'],
    });
  }
  if (a.priorities?.includes('time-to-market')) {
    c.push({
      weight: 4,
      text: "Time to market comes first, and Rust's slower start pushes the first release later.",
      cites: ['priorities'],
    });
  }
  if (a.pythonSkill === 'strong') {
    c.push({
      weight: 3,
      text: "The team's Python strength goes unused: its fastest language is set aside.",
      cites: ['pythonSkill'],
    });
  }
  if (a.codebase === 'python') {
    c.push({
      weight: 4,
      text: 'The existing Python code has to be rewritten or bridged.',
      cites: ['codebase'],
    });
  }
  c.push({
    weight: 1,
    text: 'More code up front per feature: explicit types, lifetimes and error handling.',
    cites: [],
  });
  return ranked(c);
}

function hybridPros(a: Answers): Point[] {
  const c: Candidate[] = [];
  if (a.codebase === 'python') {
    c.push({
      weight: 6,
      text: "Keeps the Python codebase and the team's habits; only the measured hot path moves to Rust.",
      cites: ['codebase'],
    });
  } else if (a.workload === 'python-extension') {
    c.push({
      weight: 6,
      text: "Users keep the library's Python API and get the speed: the pattern behind pydantic-core, Ruff and uv.",
      cites: ['workload'],
    });
  } else if (a.deployment === 'python-package') {
    c.push({
      weight: 5,
      text: 'Still ships as a Python package: maturin builds abi3 wheels with the Rust core inside.',
      cites: ['deployment'],
    });
  } else {
    c.push({
      weight: 5,
      text: 'The team keeps delivering in Python; Rust takes only the hot path.',
      cites: ['pythonSkill', 'rustSkill'],
    });
  }
  if (a.compute === 'cpu-bound') {
    c.push({
      weight: 5,
      text: 'The CPU-bound hot path gets near-C speed: pydantic v2 saw about 17x, one profiled function moved to Rust about 100x.',
      cites: ['compute'],
    });
  } else if (a.compute === 'mixed') {
    c.push({
      weight: 2.5,
      text: 'The computational part moves to compiled code while the rest stays simple Python.',
      cites: ['compute'],
    });
  }
  if (a.latency === 'strict' || a.latency === 'realtime') {
    c.push({
      weight: 4.5,
      text: `The latency-critical path (${a.latency === 'strict' ? 'p99 under 10 ms' : 'no pauses'}) runs in Rust, free of GC pauses.`,
      cites: ['latency'],
    });
  }
  if (a.concurrency === 'cpu-parallel') {
    c.push({
      weight: 4,
      text: 'The Rust core uses every core, releasing the GIL around the heavy work.',
      cites: ['concurrency'],
    });
  }
  if (a.memory === 'containers') {
    c.push({
      weight: 2.5,
      text: "Large data can live on the Rust side at a fraction of Python's memory.",
      cites: ['memory'],
    });
  }
  const libraries = pythonLibraries(a);
  if (libraries) {
    c.push({
      weight: libraries.weight - 1,
      text: `Python's libraries for ${libraries.names} stay available around the core.`,
      cites: libraries.cites,
    });
  }
  if (a.pythonSkill !== 'none' && a.rustSkill !== 'none') {
    c.push({
      weight: 3.5,
      text: 'The team already knows both languages, so each part goes where it suits.',
      cites: ['pythonSkill', 'rustSkill'],
    });
  } else if (a.rustSkill === 'none') {
    c.push({
      weight: 3.5,
      text: 'Rust is learned on one contained module, not across the whole codebase.',
      cites: ['rustSkill'],
    });
  }
  c.push(
    {
      weight: 2,
      text: 'Reversible, step by step: the Python version stays as the reference and fallback until the Rust core proves itself.',
      cites: [],
    },
    {
      weight: 1.5,
      text: 'Performance is bought only where a profile shows it is needed.',
      cites: [],
    },
  );
  return ranked(c);
}

/** The answers that put the hot path behind a service (see the plan's kind). */
function serviceCites(a: Answers): QuestionId[] {
  return a.workload === 'high-throughput' ? ['workload'] : answered(a, 'deployment');
}

function hybridCons(a: Answers, kind: PlanKind): Point[] {
  const c: Candidate[] = [
    {
      weight: 4,
      text: 'Two toolchains (cargo and pip or uv), two test suites and a CI that builds both.',
      cites: [],
    },
    {
      weight: 3.5,
      text: 'A chatty boundary can erase the gain: building Python objects can cost more than the faster code saves, so whole units of work must cross it.',
      cites: [],
    },
    {
      weight: 2.5,
      text: 'Debugging crosses languages: a Rust panic or a bad conversion surfaces as a Python exception far from its cause.',
      cites: [],
    },
  ];
  if (kind === 'hybrid-service') {
    c.push({
      weight: 4,
      text: 'A second service to deploy, monitor and keep on call, and a network hop in the latency budget.',
      cites: serviceCites(a),
    });
  } else {
    c.push({
      weight: 3,
      text: "PyO3 bindings to maintain: every change to the core's signature touches both languages.",
      cites: [],
    });
  }
  const wheels =
    a.workload === 'python-extension'
      ? ['workload' as const]
      : a.deployment === 'python-package'
        ? ['deployment' as const]
        : [];
  if (wheels.length > 0) {
    c.push({
      weight: 4,
      text: 'A wheel matrix to ship (manylinux, musllinux, macOS, Windows): when cryptography began requiring Rust in 2021, installs broke where no wheel fitted.',
      cites: wheels,
    });
  }
  if (a.rustSkill === 'none') {
    c.push({
      weight: a.rustMentors ? 4 : 4.5,
      text: `Someone must learn Rust for the core: months of ramp-up${mentorNote(a)}.`,
      cites: answered(a, 'rustSkill', 'rustMentors'),
    });
  } else if (a.rustSkill === 'some') {
    c.push({
      weight: 3,
      text: 'Only part of the team can change the Rust core at first: a bus factor to manage.',
      cites: ['rustSkill'],
    });
  }
  if (a.priorities?.includes('hiring')) {
    c.push({
      weight: 3,
      text: 'Hiring gets harder: the core needs Rust skills, which are scarce.',
      cites: ['priorities'],
    });
  }
  return ranked(c);
}

/**
 * Pros and cons of the verdict for this team and project: what the team gains and what it pays, each
 * derived from the answers and citing them, strongest first, at least two of each. Text that cites an
 * optional answer is only produced when that answer is given, so omitting it removes the point.
 */
export function prosAndCons(d: Decision, a: Answers, kind: PlanKind): { pros: Point[]; cons: Point[] } {
  switch (d.verdict) {
    case 'python':
      return { pros: pythonPros(a), cons: pythonCons(a) };
    case 'rust':
      return { pros: rustPros(a), cons: rustCons(a) };
    case 'hybrid':
      return { pros: hybridPros(a), cons: hybridCons(a, kind) };
  }
}

/** "latency=strict, compute=cpu-bound": how reasons show the answers they rest on. */
export function formatCites(cites: readonly Citation[]): string {
  return cites.map((c) => `${c.question}=${c.value}`).join(', ');
}
