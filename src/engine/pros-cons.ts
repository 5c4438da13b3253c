import { listing } from './explain.ts';
import { type Answers, answered, type QuestionId } from './questions.ts';
import type { CriterionId, DecidingRule, Plan, Point } from './types.ts';
import type { Decision, Signals } from './verdict.ts';

const MAX_POINTS = 5;
/** Lifts the points of the criterion that decided the verdict above the rest, so the pros follow it. */
const DRIVER_BONUS = 10;
/** Lifts the staged path of a phased migration above the driver: the staging is what was decided. */
const STAGED_BONUS = 20;
/** Lifts memory safety above everything for a security-sensitive or safety-critical Rust core. */
const SAFETY_BONUS = 30;

/**
 * A pro or con that applies to these answers. `weight` ranks it (strongest first); `criterion` is what it
 * speaks to; points sharing a `topic` say the same thing, so only the strongest of them is kept. A point
 * that cites an optional answer words itself after that answer, so omitting the answer removes the point.
 */
interface Candidate {
  readonly weight: number;
  readonly criterion: CriterionId;
  readonly text: string;
  readonly cites: readonly QuestionId[];
  readonly topic?: string;
  /** The staged path of a phased migration, which leads its pros. */
  readonly staged?: true;
}

/**
 * Strongest first, one per topic and text; equal weights keep the order written, so it is deterministic.
 * `fallback`, true for any answers, is listed only when nothing else applies.
 */
function ranked(
  candidates: readonly Candidate[],
  lift: (c: Candidate) => number = () => 0,
  fallback?: Candidate,
): Point[] {
  const order = (candidates.length === 0 && fallback ? [fallback] : candidates)
    .map((c, index) => ({ c, index, weight: c.weight + lift(c) }))
    .sort((x, y) => y.weight - x.weight || x.index - y.index);
  const seen = new Set<string>();
  const points: Point[] = [];
  for (const { c } of order) {
    const key = c.topic ?? c.text;
    if (seen.has(key) || seen.has(c.text)) continue;
    seen.add(key);
    seen.add(c.text);
    points.push({ text: c.text, cites: c.cites });
    if (points.length === MAX_POINTS) break;
  }
  return points;
}

/** Pros lead with the deciding criterion; a Rust core for sensitive code leads with memory safety. */
function proLift(rule: DecidingRule, s: Signals, rustSide: boolean): (c: Candidate) => number {
  return (c) =>
    (c.criterion === rule.driver ? DRIVER_BONUS : 0) +
    (c.staged ? STAGED_BONUS : 0) +
    (rustSide && s.safetyDriven && c.criterion === 'safety' ? SAFETY_BONUS : 0);
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const STAGE_WORK: Readonly<Record<Answers['stage'], string>> = {
  prototype: 'the proof of concept',
  mvp: 'the MVP',
  production: 'the system',
};

/**
 * Python libraries the project leans on, by workload or ecosystems. `gap` names what Rust lacks a mature
 * equivalent of: absent where Rust has one (clap for CLIs), and not claimed for the workloads in
 * `rustCovers` (a pipeline's dataframes run on Polars and Arrow, written in Rust).
 */
const LIBRARIES: readonly {
  readonly names: string;
  readonly gap?: string;
  readonly gapNeedsWorkload?: boolean;
  readonly rustCovers?: readonly Answers['workload'][];
  readonly weight: number;
  readonly workloads: readonly Answers['workload'][];
  readonly ecosystem?: NonNullable<Answers['ecosystems']>[number];
}[] = [
  {
    names: 'ML (PyTorch, scikit-learn)',
    gap: 'ML (PyTorch, scikit-learn)',
    weight: 5,
    workloads: ['data-science'],
    ecosystem: 'ml',
  },
  {
    names: 'data (pandas, Polars, PyArrow)',
    gap: 'data analysis (pandas and the tools built on it)',
    rustCovers: ['data-pipeline'],
    weight: 3.5,
    workloads: ['data-science', 'data-pipeline'],
    ecosystem: 'data',
  },
  {
    names: 'science (NumPy, SciPy)',
    gap: 'science (NumPy, SciPy)',
    weight: 3.5,
    workloads: [],
    ecosystem: 'scientific',
  },
  {
    names: 'orchestration (Airflow, dbt)',
    gap: 'orchestration (Airflow, dbt)',
    weight: 3,
    workloads: ['data-pipeline'],
  },
  {
    names: 'web (Django, FastAPI)',
    gap: "full-stack web (Django's ORM, admin and auth)",
    // Only a web backend needs the ORM, admin and auth; a gateway or a WASM module using web tools does not.
    gapNeedsWorkload: true,
    weight: 2.5,
    workloads: ['web-backend'],
    ecosystem: 'web',
  },
  { names: 'CLIs (Click, Typer)', weight: 2, workloads: ['cli-tooling'] },
  {
    names: 'DevOps scripting (Ansible, Fabric)',
    gap: 'DevOps scripting (Ansible, Fabric)',
    weight: 2,
    workloads: [],
    ecosystem: 'devops',
  },
];

interface LibraryNeed {
  readonly names: string;
  readonly weight: number;
  readonly cites: QuestionId[];
}

/** The Python libraries the project leans on; with `rustGap`, only those Rust has no mature equivalent of. */
function pythonLibraries(a: Answers, rustGap = false): LibraryNeed | undefined {
  const names: string[] = [];
  const cites = new Set<QuestionId>();
  let weight = 0;
  for (const lib of LIBRARIES) {
    const byWorkload =
      lib.workloads.includes(a.workload) && !(rustGap && lib.rustCovers?.includes(a.workload));
    const byEcosystem = lib.ecosystem !== undefined && (a.ecosystems?.includes(lib.ecosystem) ?? false);
    const name = rustGap ? lib.gap : lib.names;
    if ((!byWorkload && !byEcosystem) || name === undefined) continue;
    if (rustGap && lib.gapNeedsWorkload && !byWorkload) continue;
    names.push(name);
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

/**
 * The CPU-bound hot path (Signals.cpuBound), named by the answer that makes it so: `compute` when it says
 * CPU-bound, otherwise speeding up a Python library implies it.
 */
function hotPathOf(a: Answers): { readonly noun: string; readonly cites: QuestionId[] } {
  return a.compute === 'cpu-bound'
    ? { noun: 'the CPU-bound hot path', cites: ['compute'] }
    : { noun: 'the hot path of the Python library or app', cites: ['workload'] };
}

type PythonCode = 'codebase' | 'mixed' | 'library';

/** The answer that makes the work CPU-bound (Signals.cpuBound), kept when `compute` alone is omitted. */
function cpuBoundCites(a: Answers): QuestionId[] {
  return a.workload === 'python-extension' ? ['workload'] : ['compute'];
}

/** The answer that makes the code Python today (Signals.pythonCode); the codebase answer comes first. */
function pythonCodeOf(a: Answers): { readonly kind: PythonCode; readonly cites: QuestionId[] } | undefined {
  if (a.codebase === 'python') return { kind: 'codebase', cites: ['codebase'] };
  if (a.codebase === 'mixed') return { kind: 'mixed', cites: ['codebase'] };
  if (a.workload === 'python-extension') return { kind: 'library', cites: ['workload'] };
  return undefined;
}

/** What the performance need behind a phased migration is, worded after the answer that makes it real. */
function performanceNeedOf(a: Answers, s: Signals): { readonly noun: string; readonly cites: QuestionId[] } {
  if (s.tightLatency) return { noun: 'the latency-critical path', cites: ['latency'] };
  if (s.hotPathInPython) return hotPathOf(a);
  if (a.concurrency === 'cpu-parallel') return { noun: 'the parallel work', cites: ['concurrency'] };
  return { noun: 'the bottleneck', cites: ['workload'] };
}

/** The firmware answer (Signals.firmware): embedded work unless memory says otherwise, or tight memory. */
function firmwareCites(a: Answers): QuestionId[] {
  return a.workload === 'embedded' && a.memory !== 'relaxed' && a.memory !== 'containers'
    ? ['workload']
    : ['memory'];
}

function pythonPros(a: Answers, s: Signals): Candidate[] {
  const c: Candidate[] = [];
  const skills: QuestionId[] = ['pythonSkill', 'rustSkill'];
  if (a.pythonSkill === 'strong' && a.rustSkill !== 'strong') {
    c.push({
      weight: 5,
      criterion: 'productivity',
      text: `No learning curve: a team strong in Python ships ${STAGE_WORK[a.stage]} from week one.`,
      cites: skills,
    });
  } else if (a.pythonSkill === 'strong') {
    c.push({
      weight: 2,
      criterion: 'productivity',
      text: 'Nothing to learn: the team is as fluent in Python as in Rust.',
      cites: skills,
    });
  } else if (a.pythonSkill === 'some' && a.rustSkill !== 'strong') {
    c.push({
      weight: 3.5,
      criterion: 'productivity',
      text: "Builds on the Python the team has: fluency comes in weeks, where Rust's ownership model takes months.",
      cites: skills,
    });
  } else if (a.pythonSkill === 'none' && a.rustSkill === 'none') {
    c.push({
      weight: 2.5,
      criterion: 'productivity',
      text: "Of the two languages, Python is the quicker to learn: productive in weeks, where Rust's ownership model takes months.",
      cites: skills,
    });
  }
  if (a.stage === 'prototype') {
    c.push({
      weight: 4,
      criterion: 'productivity',
      text: 'Ideas are tried in minutes: no compile step, a REPL and notebooks for the proof of concept.',
      cites: ['stage'],
    });
  } else if (a.stage === 'mvp') {
    c.push({
      weight: 2.5,
      criterion: 'productivity',
      topic: 'first-release',
      text: 'A short road to the MVP: less code per feature and no compile wait.',
      cites: ['stage'],
    });
  } else {
    c.push({
      weight: 1.5,
      criterion: 'maintenance',
      text: 'A long-lived Python system stands on well-trodden tooling: pytest, Ruff, profilers such as py-spy, and years of production practice.',
      cites: ['stage'],
    });
  }
  if (a.cadence === 'rapid') {
    c.push({
      weight: 3.5,
      criterion: 'maintenance',
      text: 'Weekly pivots stay cheap: Python code changes direction without a type-level redesign.',
      cites: ['cadence'],
    });
  }
  if (a.priorities?.includes('time-to-market')) {
    c.push({
      weight: 3,
      criterion: 'productivity',
      topic: 'first-release',
      text: 'Time to market comes first, and Python is the fastest route to a first release.',
      cites: ['priorities'],
    });
  }
  if (a.priorities?.includes('hiring')) {
    c.push({
      weight: 3.5,
      criterion: 'productivity',
      text: 'Easier hiring: Python developers are plentiful and onboard in days.',
      cites: ['priorities'],
    });
  }
  const libraries = pythonLibraries(a);
  if (libraries) {
    c.push({
      weight: libraries.weight,
      criterion: 'ecosystem',
      text: `Ready-made Python libraries for ${libraries.names}.`,
      cites: libraries.cites,
    });
  }
  if (a.compute === 'io-bound') {
    c.push({
      weight: 3,
      criterion: 'performance',
      text: 'Runtime speed costs little: I/O-bound work waits on the network and disk in any language.',
      cites: ['compute'],
    });
  } else if (s.nativeHotPath) {
    c.push(
      a.compute === 'cpu-bound'
        ? {
            weight: 4.5,
            criterion: 'performance',
            text: 'The CPU-bound work already runs in native code (NumPy, PyTorch, Polars or a GPU): Python only orchestrates it, so Rust would buy little speed.',
            cites: ['compute', 'hotPath'],
          }
        : {
            weight: 3,
            criterion: 'performance',
            text: 'The hot path already runs in native code (NumPy, PyTorch, Polars or a GPU): Python only orchestrates it.',
            cites: ['hotPath'],
          },
    );
  } else if (
    a.compute === 'cpu-bound' &&
    a.hotPath !== 'python' &&
    a.ecosystems?.some((e) => e === 'ml' || e === 'data' || e === 'scientific')
  ) {
    c.push({
      weight: 2.5,
      criterion: 'performance',
      text: "If the heavy compute fits NumPy, Polars or PyTorch, it runs as native code near Rust's speed; a profile will tell.",
      cites: ['compute', 'ecosystems'],
    });
  }
  if (a.concurrency === 'io-many') {
    c.push({
      weight: 2.5,
      criterion: 'concurrency',
      text: 'Many concurrent connections are I/O, which asyncio serves without threads.',
      cites: ['concurrency'],
    });
  }
  if (a.latency === 'none') {
    c.push({
      weight: 2,
      criterion: 'performance',
      text: 'No latency target: a slower run costs wall-clock time, not a missed deadline.',
      cites: ['latency'],
    });
  }
  if (a.codebase === 'python') {
    c.push({
      weight: 4.5,
      criterion: 'existing-code',
      text: 'Builds on the existing Python codebase: no rewrite and no second toolchain.',
      cites: ['codebase'],
    });
  }
  if (a.workload === 'python-extension') {
    c.push({
      weight: 3,
      criterion: 'existing-code',
      text: 'The library or app stays pure Python: nothing to compile, no native build per platform.',
      cites: ['workload'],
    });
  } else if (a.workload === 'embedded' && !s.firmware) {
    // Embedded with memory to spare: a Linux board, where Python runs as on any server.
    c.push({
      weight: 2,
      criterion: 'ecosystem',
      text: 'On an embedded Linux board, Python has ready libraries for the hardware (gpiozero, pyserial, smbus2).',
      cites: ['workload', 'memory'],
    });
  }
  if (a.deployment === 'serverless') {
    c.push({
      weight: 2,
      criterion: 'deployment',
      text: 'First-class on serverless platforms (AWS Lambda, Cloud Functions), with mature tooling.',
      cites: ['deployment'],
    });
  } else if (a.deployment === 'cloud-service') {
    c.push({
      weight: 1.5,
      criterion: 'deployment',
      text: 'Hosts anywhere: every managed cloud runs Python with ready images and tooling.',
      cites: ['deployment'],
    });
  } else if (a.deployment === 'python-package') {
    c.push({
      weight: 2,
      criterion: 'deployment',
      text: 'Publishes to PyPI with the usual tooling; users install it with pip.',
      cites: ['deployment'],
    });
  }
  if (a.safety === 'normal') {
    c.push({
      weight: 1.5,
      criterion: 'safety',
      text: "Ordinary business software is well served by Python's memory safety at run time; compile-time proofs add little.",
      cites: ['safety'],
    });
  }
  if (a.memory === 'relaxed') {
    c.push({
      weight: 1,
      criterion: 'memory',
      text: "Memory is not a constraint, so CPython's own 10-20 MB per process costs nothing that matters.",
      cites: ['memory'],
    });
  }
  return c;
}

function pythonCons(a: Answers, s: Signals, plan: Plan): Candidate[] {
  const c: Candidate[] = [];
  if (a.pythonSkill === 'none') {
    c.push({
      weight: 7,
      criterion: 'productivity',
      topic: 'learning',
      text: 'The team has to learn Python first: weeks rather than months for the language, plus its packaging and environment tooling (virtual environments, pip or uv, lock files).',
      cites: ['pythonSkill'],
    });
  }
  if (a.compute === 'cpu-bound' && !s.nativeHotPath) {
    c.push({
      weight: 6,
      criterion: 'performance',
      topic: 'speed-gap',
      text:
        a.hotPath === 'python'
          ? 'A profile puts the CPU time in Python code, which runs 20-100x slower than Rust; only what moves into NumPy, Polars or native code escapes that.'
          : 'CPU-bound work runs 20-100x slower in plain interpreted Python than in Rust; only what moves into NumPy, Polars or native code escapes that.',
      cites: a.hotPath === 'python' ? ['compute', 'hotPath'] : ['compute'],
    });
  } else if (a.compute === 'mixed' && !s.nativeHotPath) {
    c.push({
      weight: 3.5,
      criterion: 'performance',
      topic: 'speed-gap',
      text: 'The computational part runs 20-100x slower in plain Python, unless it stays inside NumPy or native libraries.',
      cites: ['compute'],
    });
  } else if (a.compute === 'cpu-bound') {
    c.push({
      weight: 2,
      criterion: 'performance',
      text: 'The Python glue between native calls stays interpreted: per-item loops that creep in around NumPy or PyTorch can come to dominate.',
      cites: ['compute', 'hotPath'],
    });
  }
  if (a.priorities?.includes('performance') && plan.thresholds !== undefined && plan.thresholds.length > 0) {
    c.push({
      weight: 2.5,
      criterion: 'performance',
      topic: 'speed-gap',
      text: "Performance is a top priority and Python is the slower runtime: the plan's thresholds say when to pilot Rust.",
      cites: ['priorities'],
    });
  }
  if (a.latency === 'realtime') {
    c.push({
      weight: 6,
      criterion: 'performance',
      text: 'No deterministic timing: garbage-collector pauses and the interpreter rule out hard deadlines.',
      cites: ['latency'],
    });
  } else if (a.latency === 'strict') {
    c.push({
      weight: 5,
      criterion: 'performance',
      text: 'A p99 under 10 ms is hard to hold: interpreter overhead and garbage-collector pauses show in the tail.',
      cites: ['latency'],
    });
  }
  // Native libraries (Polars, NumPy, PyTorch) run their own threads with the GIL released.
  if (a.concurrency === 'cpu-parallel' && a.hotPath !== 'native') {
    c.push({
      weight: 4.5,
      criterion: 'concurrency',
      text: 'The GIL blocks CPU parallelism in threads; free-threaded CPython 3.13+/3.14 exists, but extensions not marked safe turn the GIL back on.',
      cites: ['concurrency'],
    });
  }
  if (a.workload === 'high-throughput') {
    c.push({
      weight: 4,
      criterion: 'performance',
      topic: 'cost',
      text: 'At high throughput, CPU per request sets the bill: expect more machines than a Rust service needs.',
      cites: ['workload'],
    });
  }
  if (a.memory === 'containers') {
    c.push({
      weight: 3,
      criterion: 'memory',
      topic: 'cost',
      text: "Every Python worker carries CPython's own 10-20 MB before the code loads, multiplied across every container.",
      cites: ['memory'],
    });
  } else if (a.priorities?.includes('cost')) {
    c.push({
      weight: 3,
      criterion: 'memory',
      topic: 'cost',
      text: 'Running cost is a priority, and Python needs more CPU and memory per request than Rust.',
      cites: ['priorities'],
    });
  }
  if (a.safety === 'critical') {
    c.push({
      weight: 5,
      criterion: 'safety',
      topic: 'runtime-errors',
      text: 'No compile-time guarantees for a safety-critical system: correctness rests on tests and runtime checks.',
      cites: ['safety'],
    });
  } else if (a.safety === 'security') {
    c.push({
      weight: 3.5,
      criterion: 'safety',
      topic: 'runtime-errors',
      text: 'Untrusted input meets dynamic types: type confusion shows only at run time, so parsers need strict validation and fuzzing.',
      cites: ['safety'],
    });
  }
  if (a.stage === 'production') {
    c.push({
      weight: 3,
      criterion: 'maintenance',
      topic: 'runtime-errors',
      text: 'Type errors surface at run time: a codebase that lives for years needs type hints and a strict checker (mypy, pyright).',
      cites: ['stage'],
    });
  } else if (a.stage === 'mvp') {
    c.push({
      weight: 2,
      criterion: 'maintenance',
      topic: 'runtime-errors',
      text: 'Type errors surface at run time, so the MVP leans on tests and type hints to change safely.',
      cites: ['stage'],
    });
  } else {
    c.push({
      weight: 1.5,
      criterion: 'maintenance',
      topic: 'runtime-errors',
      text: 'Prototype code written fast tends to be kept: if it becomes the product, budget time to harden it with type hints and tests.',
      cites: ['stage'],
    });
  }
  if (a.deployment === 'desktop-cli') {
    c.push({
      weight: 4,
      criterion: 'deployment',
      text: "Shipping to users' machines means bundling an interpreter (PyInstaller) or relying on theirs, with quirks on every OS.",
      cites: ['deployment'],
    });
  } else if (a.deployment === 'wasm') {
    c.push({
      weight: 4,
      criterion: 'deployment',
      text: 'Python in WebAssembly (Pyodide) ships a runtime of several MB and starts slowly.',
      cites: ['deployment'],
    });
  } else if (a.deployment === 'edge-device') {
    c.push({
      weight: 2.5,
      criterion: 'deployment',
      text: "The device image carries an interpreter and the app's dependencies, kept in step with the device's OS.",
      cites: ['deployment'],
    });
  }
  if (a.codebase === 'rust') {
    c.push({
      weight: 4,
      criterion: 'existing-code',
      text: 'The existing Rust code has to be wrapped or rewritten to work with Python.',
      cites: ['codebase'],
    });
  } else if (a.codebase === 'other-native') {
    c.push({
      weight: 2.5,
      criterion: 'existing-code',
      text: 'Wrapping the existing C/C++ from Python keeps its memory-unsafety in place.',
      cites: ['codebase'],
    });
  }
  if (a.rustSkill === 'strong') {
    c.push({
      weight: 2,
      criterion: 'productivity',
      text: "The team's Rust fluency goes unused on this project.",
      cites: ['rustSkill'],
    });
  }
  return c;
}

function rustPros(a: Answers, s: Signals): Candidate[] {
  const c: Candidate[] = [];
  if (a.safety === 'critical') {
    c.push({
      weight: 6,
      criterion: 'safety',
      topic: 'compile-time-safety',
      text: 'Memory safety and freedom from data races are checked at compile time, as a safety-critical system needs.',
      cites: ['safety'],
    });
  } else if (a.safety === 'security') {
    c.push({
      weight: 4.5,
      criterion: 'safety',
      topic: 'compile-time-safety',
      text: 'Memory safety without a GC: buffer overflows and use-after-free in input handling are ruled out at compile time.',
      cites: ['safety'],
    });
  }
  if (a.priorities?.includes('safety')) {
    c.push({
      weight: 4,
      criterion: 'safety',
      topic: 'compile-time-safety',
      text: "Safety and correctness come first, and Rust's compiler checks memory safety and data races before anything ships.",
      cites: ['priorities'],
    });
  }
  if (a.memory === 'constrained') {
    c.push({
      weight: 6,
      criterion: 'memory',
      text: 'Fits in kilobytes to a few MB of RAM: no interpreter (CPython alone needs 10-20 MB) and no garbage collector.',
      cites: ['memory'],
    });
  } else if (a.memory === 'containers') {
    c.push({
      weight: 3,
      criterion: 'memory',
      topic: 'cost',
      text: "A fraction of Python's memory per instance (no 10-20 MB interpreter in each process): smaller containers, lower bills.",
      cites: ['memory'],
    });
  }
  if (a.priorities?.includes('cost')) {
    c.push({
      weight: 3,
      criterion: 'memory',
      topic: 'cost',
      text: 'Running cost is a priority: less CPU and memory per request means fewer, smaller machines.',
      cites: ['priorities'],
    });
  }
  // On a microcontroller-class target only the embedded pitch applies: servers, dataframes and tokio do not.
  switch (s.firmware && a.workload !== 'embedded' ? undefined : a.workload) {
    case undefined:
      break;
    case 'embedded':
      c.push(
        s.firmware
          ? {
              weight: 5.5,
              criterion: 'deployment',
              topic: 'device-binary',
              text: 'Runs on the microcontroller itself: no_std Rust needs no OS, interpreter or garbage collector.',
              cites: ['workload'],
            }
          : {
              weight: 3,
              criterion: 'deployment',
              topic: 'device-binary',
              text: 'On an embedded Linux board, one cross-compiled binary with no interpreter or dependencies to install.',
              cites: ['workload', 'memory'],
            },
      );
      break;
    case 'high-throughput':
      c.push({
        weight: 4,
        criterion: 'performance',
        text: 'More requests per core: no interpreter overhead, so fewer machines carry the peak load.',
        cites: ['workload'],
      });
      break;
    case 'systems':
      c.push({
        weight: 3.5,
        criterion: 'ecosystem',
        topic: 'systems-crates',
        text: 'Control of memory layout and threads, with mature systems crates (tokio, networking, storage).',
        cites: ['workload'],
      });
      break;
    case 'cli-tooling':
      // Only where it ships as a native binary: as WebAssembly or a Python package it is not one.
      if (a.deployment !== undefined && a.deployment !== 'desktop-cli') break;
      c.push({
        weight: 3,
        criterion: 'deployment',
        topic: 'single-binary',
        text: 'A CLI compiles to one binary that starts in milliseconds: no interpreter start-up on every run.',
        cites: ['workload'],
      });
      break;
    case 'web-backend':
      if (a.deployment === 'wasm') break;
      c.push({
        weight: 2,
        criterion: 'performance',
        text: 'Web services on axum or actix-web hold a low, steady tail latency with a small footprint.',
        cites: ['workload'],
      });
      break;
    case 'data-pipeline':
      c.push({
        weight: 2,
        criterion: 'ecosystem',
        text: 'Rust has solid pipeline building blocks (Polars, Arrow, DataFusion) that process large batches in predictable memory.',
        cites: ['workload'],
      });
      break;
    case 'data-science':
      c.push({
        weight: 1.5,
        criterion: 'performance',
        text: 'Numerical kernels compile to native code, with no interpreter in the inner loops.',
        cites: ['workload'],
      });
      break;
    case 'python-extension':
      c.push({
        weight: 2,
        criterion: 'existing-code',
        text: 'Through PyO3, the rewritten library can keep a Python API for the code that calls it.',
        cites: ['workload'],
      });
      break;
  }
  if (s.firmware) {
    c.push({
      weight: 3,
      criterion: 'ecosystem',
      topic: 'embedded-crates',
      text: 'Embedded Rust supports the common microcontroller families (embedded-hal, Embassy), with probe-rs to flash and debug.',
      cites: firmwareCites(a),
    });
  }
  if (a.ecosystems?.includes('embedded')) {
    c.push({
      weight: 2.5,
      criterion: 'ecosystem',
      topic: 'embedded-crates',
      text: "Rust's embedded crates (no_std, embedded-hal, Embassy) are where the project's libraries already live.",
      cites: ['ecosystems'],
    });
  }
  if (a.ecosystems?.includes('systems') && !s.firmware) {
    c.push({
      weight: 2.5,
      criterion: 'ecosystem',
      topic: 'systems-crates',
      text: "Rust's systems and networking crates (tokio, hyper, rustls) are mature.",
      cites: ['ecosystems'],
    });
  }
  if (a.latency === 'realtime') {
    c.push({
      weight: 6,
      criterion: 'performance',
      text: 'Deterministic timing: no garbage collector, memory freed at known points, so deadlines hold.',
      cites: ['latency'],
    });
  } else if (a.latency === 'strict') {
    c.push({
      weight: 5,
      criterion: 'performance',
      text: 'A p99 under 10 ms is within reach: no GC pauses, and compiled code keeps the tail short.',
      cites: ['latency'],
    });
  }
  if (a.compute === 'cpu-bound' && !s.nativeHotPath) {
    c.push({
      weight: 5,
      criterion: 'performance',
      topic: 'speed-gap',
      text: "The CPU-bound work runs near C speed (about 1.04x C's time in Pereira et al.), 20-100x faster than plain interpreted Python.",
      cites: ['compute'],
    });
  } else if (a.compute === 'mixed' && !s.nativeHotPath) {
    c.push({
      weight: 2,
      criterion: 'performance',
      topic: 'speed-gap',
      text: 'The computational part runs at compiled speed, with no interpreter overhead.',
      cites: ['compute'],
    });
  }
  if (a.concurrency === 'cpu-parallel') {
    c.push({
      weight: 4.5,
      criterion: 'concurrency',
      text: 'Uses every core with no GIL, and data races are compile errors.',
      cites: ['concurrency'],
    });
  } else if (a.concurrency === 'io-many' && !s.firmware) {
    c.push({
      weight: 2.5,
      criterion: 'concurrency',
      text: 'Many connections on tokio with a low, steady tail latency.',
      cites: ['concurrency'],
    });
  }
  switch (a.deployment) {
    case 'desktop-cli':
      c.push({
        weight: 5,
        criterion: 'deployment',
        topic: 'single-binary',
        text: 'One self-contained binary per platform: users install no interpreter and no dependencies.',
        cites: ['deployment'],
      });
      break;
    case 'edge-device':
      c.push({
        weight: 4,
        criterion: 'deployment',
        topic: 'device-binary',
        text: 'One small binary cross-compiled for the device, with nothing else to install.',
        cites: ['deployment'],
      });
      break;
    case 'wasm':
      c.push({
        weight: 5,
        criterion: 'deployment',
        text: 'Compiles to small WebAssembly modules with no runtime to ship.',
        cites: ['deployment'],
      });
      break;
    case 'serverless':
      c.push({
        weight: 2,
        criterion: 'deployment',
        text: 'A compiled function cold-starts in milliseconds and uses little memory, which is what serverless bills by.',
        cites: ['deployment'],
      });
      break;
    case 'cloud-service':
      c.push({
        weight: 1.5,
        criterion: 'deployment',
        text: 'Small container images: one static binary on a minimal base image.',
        cites: ['deployment'],
      });
      break;
    case 'python-package':
      c.push({
        weight: 3,
        criterion: 'deployment',
        text: 'Ships through PyPI as a prebuilt binary, as Ruff and uv do: users pip install it with no Rust toolchain.',
        cites: ['deployment'],
      });
      break;
    case undefined:
      break;
  }
  if (a.rustSkill === 'strong') {
    c.push({
      weight: 4.5,
      criterion: 'productivity',
      text: "The team's Rust fluency pays from day one: no learning curve.",
      cites: ['rustSkill'],
    });
  } else if (a.rustSkill === 'some') {
    c.push({
      weight: 2,
      criterion: 'productivity',
      text: 'Builds on the Rust the team already has.',
      cites: ['rustSkill'],
    });
  }
  if (a.codebase === 'rust') {
    c.push({
      weight: 5,
      criterion: 'existing-code',
      text: 'Stays in the existing Rust codebase: one toolchain, no rewrite.',
      cites: ['codebase'],
    });
  } else if (a.codebase === 'other-native') {
    c.push({
      weight: 3.5,
      criterion: 'existing-code',
      text: 'Modernises the C/C++ piece by piece over FFI, removing memory-unsafety where it is replaced.',
      cites: ['codebase'],
    });
  }
  if (a.stage === 'production') {
    c.push({
      weight: 3,
      criterion: 'maintenance',
      topic: 'compile-time-safety',
      text: 'Years of maintenance get cheaper: the compiler catches memory and concurrency bugs before they ship.',
      cites: ['stage'],
    });
  }
  if (a.cadence === 'stable') {
    c.push({
      weight: 2,
      criterion: 'maintenance',
      text: "Stable, controlled releases suit Rust's strict compiler: what compiles keeps working.",
      cites: ['cadence'],
    });
  }
  return c;
}

function rustCons(a: Answers, s: Signals): Candidate[] {
  const c: Candidate[] = [];
  if (a.rustSkill === 'none') {
    c.push({
      weight: a.rustMentors ? 5 : 6,
      criterion: 'productivity',
      topic: 'learning',
      text: `A learning curve of months: ownership and lifetimes are new to the team${mentorNote(a)}.`,
      cites: answered(a, 'rustSkill', 'rustMentors'),
    });
  } else if (a.rustSkill === 'some') {
    c.push({
      weight: 3,
      criterion: 'productivity',
      topic: 'learning',
      text: 'Part of the team is still learning Rust: expect slower reviews and fights with the borrow checker at first.',
      cites: ['rustSkill'],
    });
  }
  if (s.firmware && a.rustSkill === 'none' && a.pythonSkill !== 'none') {
    // The alternatives a Python team will ask about, named honestly (framework rule 1).
    c.push({
      weight: 4.5,
      criterion: 'productivity',
      topic: 'python-unused',
      text: "The team's Python barely carries over to firmware: MicroPython fits prototypes on supported boards (a few hundred KB of RAM) but not hard timing, and C, the usual alternative, gives up Rust's memory safety.",
      cites: [...firmwareCites(a), 'pythonSkill', 'rustSkill'],
    });
  }
  c.push(compileTimes(a));
  const libraries = pythonLibraries(a, true);
  if (libraries) {
    c.push({
      weight: libraries.weight - 0.5,
      criterion: 'ecosystem',
      text: `A thinner ecosystem where this project needs one: Rust has less mature equivalents for ${libraries.names}.`,
      cites: libraries.cites,
    });
  }
  if (a.priorities?.includes('hiring')) {
    c.push({
      weight: 4.5,
      criterion: 'productivity',
      topic: 'hiring',
      text: 'Hiring is a priority, and Rust developers are far fewer than Python ones.',
      cites: ['priorities'],
    });
  } else if (a.rustSkill === 'none') {
    c.push({
      weight: 2,
      criterion: 'productivity',
      topic: 'hiring',
      text: 'Growing the team means hiring from a much smaller pool of Rust developers.',
      cites: ['rustSkill'],
    });
  }
  if (a.priorities?.includes('time-to-market')) {
    c.push({
      weight: 4,
      criterion: 'productivity',
      text:
        a.rustSkill === 'strong'
          ? 'Time to market comes first, and even a fluent team writes more code per feature in Rust (types, error handling, lifetimes) than in Python.'
          : "Time to market comes first, and Rust's slower start pushes the first release later.",
      cites: a.rustSkill === 'strong' ? ['priorities', 'rustSkill'] : ['priorities'],
    });
  }
  if (a.pythonSkill === 'strong' && a.rustSkill !== 'strong') {
    c.push({
      weight: 3,
      criterion: 'productivity',
      topic: 'python-unused',
      text: "The team's Python strength goes unused: its fastest language is set aside.",
      cites: ['pythonSkill', 'rustSkill'],
    });
  }
  if (a.compute === 'io-bound') {
    c.push({
      weight: 3,
      criterion: 'performance',
      text: "I/O-bound work waits on the network and disk in any language, so Rust's speed buys little here.",
      cites: ['compute'],
    });
  } else if (s.nativeHotPath) {
    c.push({
      weight: 3,
      criterion: 'performance',
      text: 'The heavy compute already runs in native code (NumPy, PyTorch, Polars or a GPU), so Rust adds little speed there.',
      cites: ['hotPath'],
    });
  }
  switch (a.codebase) {
    case 'python':
      c.push({
        weight: 4,
        criterion: 'existing-code',
        text: 'The existing Python code has to be rewritten or bridged.',
        cites: ['codebase'],
      });
      break;
    case 'other-native':
      c.push({
        weight: 3,
        criterion: 'existing-code',
        text: 'Until the rewrite completes, every C/C++ module replaced needs an FFI boundary (bindgen or cxx) kept correct on both sides.',
        cites: ['codebase'],
      });
      break;
    case 'mixed':
      c.push({
        weight: 2.5,
        criterion: 'existing-code',
        text: 'The other languages in the existing codebase reach Rust only through FFI or a service boundary.',
        cites: ['codebase'],
      });
      break;
    default:
      break;
  }
  switch (a.deployment) {
    case 'desktop-cli':
      c.push({
        weight: 2,
        criterion: 'deployment',
        text: 'One binary per OS and CPU to build and sign: a CI matrix for macOS, Windows and Linux.',
        cites: ['deployment'],
      });
      break;
    case 'serverless':
      c.push({
        weight: 2,
        criterion: 'deployment',
        text: 'Serverless platforms run Rust through custom runtimes (cargo-lambda on AWS Lambda), with less tooling than Python gets.',
        cites: ['deployment'],
      });
      break;
    case 'wasm':
      c.push({
        weight: 2,
        criterion: 'deployment',
        text: 'The WebAssembly build needs wasm-bindgen glue at the JavaScript boundary, and some crates do not compile to wasm32.',
        cites: ['deployment'],
      });
      break;
    default:
      break;
  }
  return c;
}

/** Slow compiles, worded after what they tax most for these answers. */
function compileTimes(a: Answers): Candidate {
  const base = {
    criterion: 'productivity',
    topic: 'compile',
  } as const;
  if (a.cadence === 'rapid') {
    return {
      ...base,
      weight: 4,
      text: "Slow compile times, the top complaint in Rust's own surveys, tax weekly pivots most.",
      cites: ['cadence'],
    };
  }
  if (a.stage === 'prototype') {
    return {
      ...base,
      weight: 3.5,
      text: "Slow compile times, the top complaint in Rust's own surveys, slow down trying ideas in a proof of concept.",
      cites: ['stage'],
    };
  }
  return {
    ...base,
    weight: 2.5,
    text:
      a.stage === 'mvp'
        ? "Slow compile times, the top complaint in Rust's own surveys, lengthen every iteration towards the MVP."
        : "Slow compile times, the top complaint in Rust's own surveys, lengthen the edit-run loop and CI as the codebase grows over the years.",
    cites: ['stage'],
  };
}

function hybridPros(a: Answers, s: Signals, plan: Plan): Candidate[] {
  const c: Candidate[] = [];
  // What the Rust core holds for these answers, each in its own words.
  if (a.safety === 'critical') {
    c.push({
      weight: 6,
      criterion: 'safety',
      text: 'The safety-critical logic moves into Rust, where memory safety and freedom from data races are checked at compile time.',
      cites: ['safety'],
    });
  } else if (a.safety === 'security') {
    c.push({
      weight: 5,
      criterion: 'safety',
      text: 'The code that handles untrusted input or secrets moves into Rust: memory safety without a GC or a C extension underneath, and strict types and exhaustive matching that turn malformed-input cases into compile errors; Python keeps the rest.',
      cites: ['safety'],
    });
  }
  if (s.hotPathInPython) {
    const hot = hotPathOf(a);
    const evidence =
      "pydantic v2's Rust core validates about 17x faster than v1 on a typical model (4-50x across its benchmarks)";
    // Worded after the hotPath answer, so the point goes when that answer is omitted.
    const where =
      a.hotPath === 'python'
        ? `${capitalised(hot.noun)}, which a profile puts in Python code, moves`
        : a.hotPath === 'unknown'
          ? `Once a profile confirms it is in Python code, ${hot.noun} moves`
          : `${capitalised(hot.noun)} moves`;
    c.push(
      s.pythonCode
        ? {
            weight: 5,
            criterion: 'performance',
            text: `${where} to Rust at near-C speed: ${evidence}.`,
            cites: a.hotPath === undefined ? hot.cites : [...hot.cites, 'hotPath'],
          }
        : {
            // No Python code yet: nothing moves, and a library's speed-up is no evidence here.
            weight: 5,
            criterion: 'performance',
            text: `${capitalised(hot.noun)} is written in Rust from the start and runs at near-C speed, with Python around it.`,
            cites: hot.cites,
          },
    );
  } else if (a.compute === 'mixed' && !s.nativeHotPath) {
    c.push({
      weight: 2.5,
      criterion: 'performance',
      text: 'The computational part moves to compiled code while the I/O stays in simple Python.',
      cites: ['compute'],
    });
  }
  if (s.nativeHotPath && a.compute !== 'io-bound') {
    c.push({
      weight: 2,
      criterion: 'performance',
      text: 'The heavy compute stays in the native libraries it already runs in; the Rust core takes only what they do not cover.',
      cites: ['hotPath'],
    });
  }
  if (a.latency === 'strict' || a.latency === 'realtime') {
    c.push({
      weight: 4.5,
      criterion: 'performance',
      text:
        a.latency === 'strict'
          ? 'The latency-critical path (p99 under 10 ms) runs in Rust, free of GC pauses.'
          : 'The real-time path runs in Rust, with no garbage-collector pauses to break its deadlines.',
      cites: ['latency'],
    });
  }
  if (a.concurrency === 'cpu-parallel') {
    c.push({
      weight: 4,
      criterion: 'concurrency',
      text: 'The Rust core spreads the parallel work across every core, releasing the GIL around it.',
      cites: ['concurrency'],
    });
  }
  if (a.workload === 'high-throughput') {
    c.push({
      weight: 3,
      criterion: 'performance',
      text: 'The per-request work at high throughput runs in Rust: less CPU per request, fewer machines at peak.',
      cites: ['workload'],
    });
  }
  if (a.memory === 'containers') {
    c.push({
      weight: 2.5,
      criterion: 'memory',
      text: "Large data can live on the Rust side at a fraction of Python's memory.",
      cites: ['memory'],
    });
  }
  // What stays: the Python code, its libraries and the team's habits.
  const code = pythonCodeOf(a);
  if (code) {
    c.push({
      weight: 6,
      criterion: 'existing-code',
      text: {
        codebase:
          'Keeps the Python codebase: only the part the Rust core takes is rewritten, behind an interface.',
        mixed: 'Keeps the existing mixed-language codebase: the Rust core joins it behind an interface.',
        library:
          "Callers keep the library's Python API while its core moves to Rust, as pydantic (pydantic-core), orjson and Hugging Face tokenizers did.",
      }[code.kind],
      cites: code.cites,
    });
  }
  const libraries = pythonLibraries(a);
  if (libraries) {
    c.push({
      weight: libraries.weight - 1,
      criterion: 'ecosystem',
      text: `Python's libraries for ${libraries.names} stay available around the core.`,
      cites: libraries.cites,
    });
  }
  if (plan.kind === 'phased-migration' && a.pythonSkill !== 'none' && a.rustSkill === 'some') {
    const need = performanceNeedOf(a, s);
    c.push(
      {
        weight: 5,
        criterion: 'productivity',
        staged: true,
        text: `Delivery goes on in the Python the team knows; Rust enters only when measurements against the plan's thresholds show ${need.noun} needs it.`,
        cites: ['pythonSkill', ...need.cites],
      },
      {
        weight: 3.5,
        criterion: 'productivity',
        text: "The team's Rust is tried on one pilot bottleneck first, and maintenance effort is compared before Rust spreads.",
        cites: ['rustSkill'],
      },
    );
  } else if (a.pythonSkill !== 'none' && a.rustSkill !== 'none') {
    c.push({
      weight: 3.5,
      criterion: 'productivity',
      text: 'The team already knows both languages, so each part goes where it suits.',
      cites: ['pythonSkill', 'rustSkill'],
    });
  } else if (a.pythonSkill !== 'none') {
    c.push({
      weight: 3.5,
      criterion: 'productivity',
      text: 'Rust is learned on one contained module while the team keeps working in the Python it knows.',
      cites: ['pythonSkill', 'rustSkill'],
    });
  } else if (a.rustSkill !== 'none') {
    c.push({
      weight: 2,
      criterion: 'productivity',
      text: "The team's Rust goes straight into the core.",
      cites: ['rustSkill'],
    });
  }
  if (plan.kind !== 'hybrid-service') {
    if (a.deployment === 'python-package') {
      c.push({
        weight: 2.5,
        criterion: 'deployment',
        text: 'Still ships as a Python package: maturin builds wheels with the Rust core inside, so users just pip install it.',
        cites: ['deployment'],
      });
    } else if (a.deployment === 'desktop-cli') {
      c.push({
        weight: 2,
        criterion: 'deployment',
        text: 'Users still get one app: the Rust core is bundled inside it, with nothing extra to install.',
        cites: ['deployment'],
      });
    }
  }
  return c;
}

/** The split a hybrid makes for each kind of project, true whatever else was answered: listed only alone. */
const HYBRID_FALLBACK: Readonly<Record<Answers['workload'], Candidate>> = {
  'data-science': {
    weight: 0.5,
    criterion: 'ecosystem',
    text: 'Notebooks and the ML and data libraries stay in Python; only a kernel they lack moves to Rust.',
    cites: ['workload'],
  },
  'data-pipeline': {
    weight: 0.5,
    criterion: 'ecosystem',
    text: 'Orchestration stays in Python; only the transform that needs it moves to Rust.',
    cites: ['workload'],
  },
  'web-backend': {
    weight: 0.5,
    criterion: 'ecosystem',
    text: 'The web layer stays in a Python framework; only the work behind it that needs Rust moves.',
    cites: ['workload'],
  },
  'high-throughput': {
    weight: 0.5,
    criterion: 'ecosystem',
    text: 'Configuration, admin and tooling around the service stay in Python; the request path is what moves.',
    cites: ['workload'],
  },
  'cli-tooling': {
    weight: 0.5,
    criterion: 'ecosystem',
    text: "The CLI's commands and scripting stay in Python; the heavy lifting behind them moves to Rust.",
    cites: ['workload'],
  },
  embedded: {
    weight: 0.5,
    criterion: 'ecosystem',
    text: 'Test rigs, flashing scripts and host tooling stay in Python; the code on the device is Rust.',
    cites: ['workload'],
  },
  systems: {
    weight: 0.5,
    criterion: 'ecosystem',
    text: 'Scripting, tests and operations tooling stay in Python around a Rust engine.',
    cites: ['workload'],
  },
  'python-extension': {
    weight: 0.5,
    criterion: 'existing-code',
    text: 'The library keeps its Python surface; only its core changes language.',
    cites: ['workload'],
  },
};

/** The answers that make the hybrid's Python side real: Python code today, or else the team's skills. */
function pythonSideCites(a: Answers): QuestionId[] {
  return pythonCodeOf(a)?.cites ?? ['pythonSkill', 'rustSkill'];
}

function hybridCons(a: Answers, s: Signals, plan: Plan): Candidate[] {
  const code = pythonCodeOf(a);
  const c: Candidate[] = [
    {
      weight: 3.5,
      criterion: 'maintenance',
      text: {
        codebase:
          'The Python codebase gains a second toolchain: cargo beside pip or uv, two test suites and a CI that builds both.',
        mixed:
          'Python and Rust must build and test together in the mixed codebase: cargo beside pip or uv, and a CI that builds both.',
        library:
          'The library gains a second toolchain: cargo beside pip or uv, two test suites and a CI that builds both.',
        none: 'Two toolchains (cargo and pip or uv), two test suites and a CI that builds both.',
      }[code?.kind ?? 'none'],
      cites: pythonSideCites(a),
    },
  ];
  if (plan.kind === 'hybrid-service') {
    c.push({
      weight: 4,
      criterion: 'deployment',
      ...(a.deployment === 'cloud-service'
        ? {
            text: 'A second service to deploy, monitor and keep on call beside the Python one, and a network hop on every call to the core.',
            cites: ['deployment'],
          }
        : a.deployment === 'serverless'
          ? {
              text: 'The core becomes a separate function to deploy and monitor, and every call to it pays a network hop and its cold starts.',
              cites: ['deployment'],
            }
          : {
              text: 'A second service to deploy, monitor and keep on call, and a network hop on every call to the core.',
              cites: ['workload'],
            }),
    });
  } else {
    c.push({
      weight: 3,
      criterion: 'maintenance',
      text: {
        codebase:
          "PyO3 bindings to maintain between the Python codebase and the core: every change to the core's signature touches both languages.",
        mixed:
          "PyO3 bindings to maintain between the existing code and the core: every change to the core's signature touches both languages.",
        library:
          "PyO3 bindings to maintain between the library's Python API and the core: every change to the core's signature touches both languages.",
        none: "PyO3 bindings to maintain: every change to the core's signature touches both languages.",
      }[pythonCodeOf(a)?.kind ?? 'none'],
      cites: pythonSideCites(a),
    });
    if (s.hotPathInPython) {
      c.push({
        weight: 3.5,
        criterion: 'performance',
        text: 'A chatty boundary can erase the gain: called item by item, building Python objects can cost more than the faster code saves, so whole batches must cross it.',
        cites: cpuBoundCites(a),
      });
    }
    const wheels =
      a.workload === 'python-extension'
        ? (['workload'] as const)
        : a.deployment === 'python-package'
          ? (['deployment'] as const)
          : undefined;
    if (wheels) {
      c.push({
        weight: 4,
        criterion: 'deployment',
        text: 'A wheel matrix to ship (manylinux, musllinux, macOS, Windows); abi3 wheels cover many CPython versions but not free-threaded builds or PyPy, and when cryptography began requiring Rust in 2021, installs broke where no wheel fitted.',
        cites: wheels,
      });
    } else if (a.deployment === 'desktop-cli') {
      c.push({
        weight: 3,
        criterion: 'deployment',
        text: 'The Rust core is built for every OS and CPU the app ships to and bundled with it (PyInstaller or Briefcase).',
        cites: ['deployment'],
      });
    } else if (a.deployment === 'edge-device') {
      c.push({
        weight: 2,
        criterion: 'deployment',
        text: "The Rust core is cross-compiled for the device's CPU and bundled into its image.",
        cites: ['deployment'],
      });
    }
  }
  if (plan.kind === 'phased-migration') {
    const need = performanceNeedOf(a, s);
    c.push({
      weight: 3.5,
      criterion: 'productivity',
      text: `If the pilot succeeds, ${need.noun} is written twice: first in Python, then in Rust.`,
      cites: need.cites,
    });
  }
  if (a.rustSkill === 'none') {
    c.push({
      weight: a.rustMentors ? 4 : 4.5,
      criterion: 'productivity',
      topic: 'learning',
      text: `Someone must learn Rust for the core: months of ramp-up${mentorNote(a)}.`,
      cites: answered(a, 'rustSkill', 'rustMentors'),
    });
  } else if (a.rustSkill === 'some') {
    c.push({
      weight: 3,
      criterion: 'productivity',
      topic: 'learning',
      text: 'Only part of the team can change the Rust core at first: a bus factor to manage.',
      cites: ['rustSkill'],
    });
  }
  if (a.pythonSkill === 'none') {
    c.push({
      weight: 4,
      criterion: 'productivity',
      topic: 'learning-python',
      text: 'The Python around the core is new to the team too: weeks to learn it, plus its packaging and environment tooling.',
      cites: ['pythonSkill'],
    });
  }
  if (a.cadence === 'rapid') {
    c.push({
      weight: 2.5,
      criterion: 'maintenance',
      text: 'Weekly pivots that reach the core wait on Rust compile times and a rebuilt extension.',
      cites: ['cadence'],
    });
  }
  if (a.priorities?.includes('hiring')) {
    c.push({
      weight: 3,
      criterion: 'productivity',
      text: 'Hiring gets harder: the core needs Rust skills, which are scarce.',
      cites: ['priorities'],
    });
  }
  return c;
}

/**
 * Pros and cons of the verdict for this team and project: what the team gains and what it pays, each
 * derived from the answers and citing them, at most five of each, strongest first. The pros lead with the
 * criterion that decided the verdict (`rule.driver`); a Rust or hybrid verdict for security-sensitive or
 * safety-critical work leads with memory safety. Points that say the same thing appear once.
 */
export function prosAndCons(
  d: Decision,
  rule: DecidingRule,
  a: Answers,
  s: Signals,
  plan: Plan,
): { pros: Point[]; cons: Point[] } {
  switch (d.verdict) {
    case 'python':
      return {
        pros: ranked(pythonPros(a, s), proLift(rule, s, false)),
        cons: ranked(pythonCons(a, s, plan)),
      };
    case 'rust':
      return { pros: ranked(rustPros(a, s), proLift(rule, s, true)), cons: ranked(rustCons(a, s)) };
    case 'hybrid':
      return {
        pros: ranked(hybridPros(a, s, plan), proLift(rule, s, true), HYBRID_FALLBACK[a.workload]),
        cons: ranked(hybridCons(a, s, plan)),
      };
  }
}
