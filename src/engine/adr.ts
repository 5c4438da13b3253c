import { allReasons, LEARNING_NAMES, VERDICT_NAMES, VERDICT_PHRASES } from './explain.ts';
import { readableFlips } from './flips.ts';
import { type Answers, optionLabel, QUESTIONS } from './questions.ts';
import type { Reason, Recommendation, Side, Verdict } from './types.ts';

const VERDICTS: readonly Verdict[] = ['rust', 'python', 'hybrid'];

/** The options as the record's "Considered Options" and "Pros and Cons" headings name them. */
const OPTION_NAMES: Readonly<Record<Verdict, string>> = {
  rust: 'Rust',
  python: 'Python',
  hybrid: 'Hybrid: a Rust core, with Python for orchestration, data and tooling',
};

/** The first letter upper-cased: safe for any phrase, unlike lower-casing, which would break "CPU" or "PyO3". */
function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** A question's label without its hint: "What matters most? (pick up to two)" reads "What matters most?". */
function questionLabel(id: string): string {
  const q = QUESTIONS.find((x) => x.id === id);
  return (q?.label ?? id).replace(/\s*\([^)]*\)$/, '');
}

/** An answer in words, by its option labels: "Strict: p99 under 10 ms", "Machine learning, Web frameworks", "Yes". */
export function answerInWords(id: string, value: unknown): string {
  if (Array.isArray(value)) {
    return value.length === 0 ? 'None' : value.map((v) => optionLabel(id, String(v))).join(', ');
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return optionLabel(id, String(value));
}

/** Every answer given, one "Question? Answer" line each, in questionnaire order (the description aside). */
export function answerLines(a: Answers): string[] {
  const lines: string[] = [];
  for (const q of QUESTIONS) {
    const value: unknown = a[q.id];
    if (q.kind === 'text' || value === undefined) continue;
    lines.push(`${questionLabel(q.id)} ${answerInWords(q.id, value)}`);
  }
  return lines;
}

/** "A web backend or API", from the workload option's phrase. */
function projectPhrase(a: Answers): string {
  const workload = QUESTIONS.find((q) => q.id === 'workload');
  const option =
    workload?.kind === 'single' ? workload.options.find((o) => o.value === a.workload) : undefined;
  return upperFirst(option?.phrase ?? a.workload);
}

function title(rec: Recommendation): string {
  const project = projectPhrase(rec.answers);
  if (rec.closeCall) return `${project}: leaning ${VERDICT_NAMES[rec.verdict]}, pending a spike`;
  if (rec.verdict === 'hybrid') return `${project}: a Rust core with Python around it`;
  return `${project}, built in ${VERDICT_NAMES[rec.verdict]}`;
}

type Line = readonly ['good' | 'bad', string];

/**
 * What a weighed reason means for each option, written as a consequence of choosing it. A reason matches the
 * first entry on its side whose answers it cites (most specific entries first). An option gets a line only
 * where the consequence is real for it: a reason for Rust is not, by itself, a drawback of Python.
 */
interface Consequence {
  readonly side: Side;
  readonly when: Readonly<Record<string, readonly string[]>>;
  readonly rust?: Line;
  readonly python?: Line;
  readonly hybrid?: Line;
}

const CONSEQUENCES: readonly Consequence[] = [
  // performance
  {
    side: 'rust',
    when: { compute: ['cpu-bound'], hotPath: ['python'] },
    rust: ['good', 'The profiled hot path leaves the interpreter and runs as compiled code.'],
    python: ['bad', 'The profiled hot path stays in interpreted Python code.'],
    hybrid: ['good', 'The profiled hot path is a well-defined unit to move into the Rust core.'],
  },
  {
    side: 'rust',
    when: { compute: ['cpu-bound'] },
    rust: [
      'good',
      'The CPU-bound work runs at compiled speed, near C and often 20-100x faster than plain interpreted Python.',
    ],
    python: [
      'bad',
      'The CPU-bound work runs in the interpreter, often 20-100x slower than compiled code, unless it moves into native libraries.',
    ],
    hybrid: ['good', 'The CPU-bound hot path runs at compiled speed in the Rust core.'],
  },
  {
    side: 'rust',
    when: { compute: ['mixed'] },
    rust: ['good', 'The computational part runs at compiled speed.'],
    python: [
      'bad',
      'The computational part runs in the interpreter, slower than compiled code unless it stays in native libraries.',
    ],
    hybrid: ['good', 'The computational part can move into the Rust core while the I/O stays in Python.'],
  },
  {
    side: 'python',
    when: { compute: ['io-bound'] },
    rust: [
      'bad',
      "Rust's speed buys little: the I/O-bound work waits on the network and disk in any language.",
    ],
    python: ['good', 'Interpreter speed costs little: the I/O-bound work waits on the network and disk.'],
    hybrid: ['bad', 'A Rust core has little to speed up: the work is I/O-bound.'],
  },
  {
    side: 'python',
    when: { hotPath: ['native'] },
    rust: [
      'bad',
      'A rewrite buys little speed: the heavy compute already runs in native code (NumPy, PyTorch, Polars or a GPU).',
    ],
    python: [
      'good',
      'The heavy compute keeps running at native speed in NumPy, PyTorch, Polars or on a GPU.',
    ],
    hybrid: ['bad', 'A Rust core would wrap compute that already runs in native code: little to gain.'],
  },
  {
    side: 'python',
    when: { compute: ['cpu-bound'] },
    python: [
      'good',
      'The heavy compute may already run at native speed inside NumPy, Polars or PyTorch; a profile will tell.',
    ],
  },
  {
    side: 'python',
    when: { latency: ['none'] },
    python: ['good', "With no latency target, the interpreter's overhead costs nothing that users notice."],
  },
  {
    side: 'rust',
    when: { latency: ['realtime'] },
    rust: ['good', 'Deterministic timing: no garbage collector, and memory is freed at known points.'],
    python: ['bad', 'Garbage-collector pauses and the interpreter rule out guaranteed deadlines.'],
    hybrid: [
      'good',
      'The real-time path can run in the Rust core, free of garbage-collector pauses, as long as Python stays off it.',
    ],
  },
  {
    side: 'rust',
    when: { latency: ['strict'] },
    rust: [
      'good',
      'A p99 under 10 ms is within reach: no garbage-collector pauses, no interpreter overhead.',
    ],
    python: [
      'bad',
      'A p99 under 10 ms is hard to hold: interpreter overhead and garbage-collector pauses show in the tail.',
    ],
    hybrid: [
      'good',
      'The latency-critical path runs in the Rust core, in-process, free of garbage-collector pauses.',
    ],
  },
  {
    side: 'rust',
    when: { workload: ['high-throughput'] },
    rust: ['good', 'Less CPU per request: fewer machines at peak load.'],
    python: [
      'bad',
      'At high throughput, CPU per request sets the bill: expect more machines than a compiled service needs.',
    ],
    hybrid: ['good', 'The per-request hot path in Rust cuts CPU per request where it counts.'],
  },
  {
    side: 'rust',
    when: { workload: ['systems'] },
    rust: [
      'good',
      'Control of memory layout and threads, with mature systems crates (tokio, networking, storage).',
    ],
    python: [
      'bad',
      "A database, engine or network component in Python adds interpreter overhead to every caller's hot path.",
    ],
  },
  {
    side: 'rust',
    when: { workload: ['python-extension'] },
    rust: ['good', 'The rewritten code runs at compiled speed.'],
    python: [
      'bad',
      'Staying in Python limits the speed-up to Python-level work: better algorithms, NumPy, Cython or Numba.',
    ],
    hybrid: [
      'good',
      "Users keep the library's Python API with a Rust core behind it, the pattern of pydantic v2 and Polars.",
    ],
  },
  {
    side: 'python',
    when: { workload: ['python-extension'] },
    rust: [
      'bad',
      'A rewrite in Rust still needs Python bindings, since the users of the library or app are in Python.',
    ],
    python: ['good', 'Nothing changes for the Python users of the library or app.'],
  },
  // memory
  {
    side: 'rust',
    when: { workload: ['embedded'] },
    rust: [
      'good',
      'Precise control of memory and timing on the device, with no_std crates and embedded HALs.',
    ],
    python: [
      'bad',
      'Python reaches microcontrollers only as MicroPython, on the boards it supports, without precise control of timing.',
    ],
  },
  {
    side: 'rust',
    when: { memory: ['containers'] },
    rust: ['good', "A fraction of Python's memory per instance: smaller containers, lower bills."],
    python: [
      'bad',
      'Every Python worker carries its own interpreter (10-20 MB before any code), multiplied across containers.',
    ],
    hybrid: [
      'good',
      'Data held in the Rust core takes a fraction of the memory of the same data as Python objects.',
    ],
  },
  {
    side: 'rust',
    when: { memory: ['constrained'] },
    rust: ['good', 'Fits in kilobytes to a few MB of RAM: no interpreter and no garbage collector.'],
    python: ['bad', 'CPython needs roughly 10-20 MB of RAM before any code runs, more than the target has.'],
    hybrid: ['bad', 'A Python runtime around the core does not fit: CPython alone needs roughly 10-20 MB.'],
  },
  {
    side: 'python',
    when: { memory: ['relaxed'] },
    python: ['good', "Python's larger memory footprint costs little: memory is not a constraint."],
  },
  // safety
  {
    side: 'rust',
    when: { safety: ['security', 'critical'], codebase: ['other-native'] },
    rust: ['good', 'Replacing the sensitive C/C++ with Rust removes memory-unsafety at its source.'],
    python: ['bad', 'Wrapping the existing C/C++ from Python keeps its memory-unsafety in place.'],
  },
  {
    side: 'rust',
    when: { safety: ['security'] },
    rust: [
      'good',
      'Memory safety without a garbage collector: buffer overflows and use-after-free in input handling are ruled out at compile time.',
    ],
    python: [
      'bad',
      'Malformed input meets dynamic types: type confusion shows only at run time, so parsers need strict validation and fuzzing.',
    ],
    hybrid: ['good', 'The code that handles untrusted input can live in the memory-safe Rust core.'],
  },
  {
    side: 'rust',
    when: { safety: ['critical'] },
    rust: ['good', 'Memory safety and freedom from data races are checked at compile time.'],
    python: [
      'bad',
      'No compile-time guarantees: correctness rests on tests, type checkers and runtime checks.',
    ],
    hybrid: ['good', 'The critical core gets compile-time checks of memory safety and data races.'],
  },
  {
    side: 'python',
    when: { safety: ['normal'] },
    python: ['good', "Python's runtime memory safety is enough for ordinary business software."],
  },
  // concurrency
  {
    side: 'rust',
    when: { concurrency: ['io-many'], latency: ['strict', 'realtime'] },
    rust: ['good', 'Many connections on async Rust (tokio) with a low, steady tail latency.'],
  },
  {
    side: 'rust',
    when: { concurrency: ['cpu-parallel'] },
    rust: ['good', 'Uses every core without a GIL, and data races are compile errors.'],
    python: [
      'bad',
      'The GIL limits CPU parallelism in threads: free-threaded CPython exists, but extensions not marked safe turn the GIL back on.',
    ],
    hybrid: ['good', 'The Rust core uses every core, releasing the GIL around the heavy work.'],
  },
  {
    side: 'python',
    when: { concurrency: ['io-many'] },
    python: ['good', 'Many concurrent connections are I/O, which asyncio serves well.'],
  },
  // Little concurrency weighs for Python only because Rust's strength goes unused: no consequence to state.
  { side: 'python', when: { concurrency: ['simple'] } },
  // productivity
  {
    side: 'python',
    when: { pythonSkill: ['strong'] },
    python: ['good', 'The team works in the language it is strongest in from the first week.'],
    hybrid: ['good', 'Most of the code stays in Python, where the team is strong.'],
  },
  {
    side: 'python',
    when: { pythonSkill: ['some'] },
    python: ['good', 'Builds on the Python the team already has.'],
  },
  {
    side: 'rust',
    when: { pythonSkill: ['none'] },
    python: ['bad', 'The team learns Python from scratch: weeks before it is productive.'],
    hybrid: ['bad', 'The Python around the core is a language the team has not used.'],
  },
  {
    side: 'rust',
    when: { rustSkill: ['strong'] },
    rust: ['good', "The team's Rust fluency pays from the first day: no learning curve."],
    hybrid: ['good', 'The team writes the Rust core fluently.'],
  },
  {
    side: 'rust',
    when: { rustSkill: ['some'] },
    rust: ['good', 'Builds on the Rust the team already has.'],
    hybrid: ['good', 'The team knows enough Rust to start on the core.'],
  },
  {
    side: 'python',
    when: { rustSkill: ['none'], rustMentors: ['false'] },
    rust: ['bad', 'Nobody on hand knows Rust well, so the team climbs the learning curve alone.'],
    hybrid: ['bad', 'Nobody on hand knows Rust well enough to review the core.'],
  },
  {
    side: 'python',
    when: { rustSkill: ['none'] },
    rust: ['bad', 'A learning curve of months: ownership and lifetimes are new to the team.'],
    python: ['good', 'Nobody has to learn Rust, which the team does not know yet.'],
    hybrid: ['bad', 'Someone has to learn Rust for the core, though only for one contained module.'],
  },
  {
    side: 'rust',
    when: { rustMentors: ['true'] },
    rust: ['good', 'An experienced Rust developer on hand reviews the code and shortens the learning curve.'],
    hybrid: ['good', 'An experienced Rust developer on hand can review the core.'],
  },
  {
    side: 'python',
    when: { stage: ['prototype'] },
    rust: [
      'bad',
      "Slow compile times, the top complaint in Rust's own surveys, slow down trying ideas in a proof of concept.",
    ],
    python: ['good', 'Ideas are tried in minutes: no compile step, a REPL and notebooks.'],
    hybrid: ['bad', 'Two languages and a binding layer slow a proof of concept down.'],
  },
  {
    side: 'python',
    when: { stage: ['mvp'] },
    rust: [
      'bad',
      'More code per feature (explicit types, lifetimes, error handling) lengthens the road to the MVP.',
    ],
    python: ['good', 'A short road to the MVP: less code per feature and no compile wait.'],
  },
  {
    side: 'python',
    when: { priorities: ['hiring'] },
    rust: ['bad', 'Hiring draws on a much smaller pool of Rust developers.'],
    python: ['good', 'Easier hiring: Python developers are plentiful and onboard quickly.'],
    hybrid: ['bad', 'The core needs Rust developers, a much smaller pool to hire from.'],
  },
  // ecosystem
  {
    side: 'python',
    when: { workload: ['data-science'] },
    rust: [
      'bad',
      "Rust's data and ML libraries are far thinner: most analysis tooling has no mature equivalent.",
    ],
    python: ['good', 'Direct use of pandas, NumPy, scikit-learn, PyTorch and notebooks.'],
    hybrid: ['good', "Python's data and ML libraries stay available around the core."],
  },
  {
    side: 'python',
    when: { workload: ['data-pipeline'] },
    rust: ['bad', 'Pipeline orchestration (Airflow, dbt) has no mature Rust equivalent.'],
    python: ['good', 'Ready-made data tooling: pandas, Polars, Airflow, dbt.'],
    hybrid: ['good', "Python's pipeline tooling stays around the core."],
  },
  {
    side: 'python',
    when: { workload: ['web-backend'] },
    rust: [
      'bad',
      "Rust's web frameworks (axum, actix-web) are capable but younger, with fewer batteries included.",
    ],
    python: ['good', 'Mature web frameworks (Django, FastAPI) cover most backend needs.'],
    hybrid: ['good', 'The web layer stays in a mature Python framework.'],
  },
  {
    side: 'python',
    when: { workload: ['cli-tooling'] },
    python: ['good', "Automation is quick to write with Python's scripting libraries."],
  },
  {
    side: 'python',
    when: { ecosystems: ['ml'] },
    rust: ['bad', "Machine-learning libraries are Python-first; Rust's are far thinner."],
    python: ['good', 'Machine-learning libraries are used directly, in their first language.'],
    hybrid: ['good', "Python's machine-learning libraries stay available around the core."],
  },
  {
    side: 'python',
    when: { ecosystems: ['data'] },
    python: ['good', 'Data-processing libraries (pandas, Polars, PyArrow) are at hand.'],
    hybrid: ['good', "Python's data-processing libraries stay available around the core."],
  },
  {
    side: 'python',
    when: { ecosystems: ['scientific'] },
    rust: ['bad', 'Scientific computing in Rust is far thinner than NumPy and SciPy.'],
    python: ['good', 'NumPy and SciPy are at hand.'],
    hybrid: ['good', 'NumPy and SciPy stay available around the core.'],
  },
  {
    side: 'python',
    when: { ecosystems: ['web'] },
    python: ['good', 'Mature web frameworks are at hand.'],
    hybrid: ['good', 'The web layer stays in a mature Python framework.'],
  },
  {
    side: 'python',
    when: { ecosystems: ['devops'] },
    python: ['good', "Python's DevOps and scripting libraries are at hand."],
  },
  {
    side: 'rust',
    when: { ecosystems: ['systems'] },
    rust: ['good', 'Systems and networking crates (tokio and its ecosystem) are at hand.'],
    hybrid: ['good', "The core can use Rust's systems and networking crates."],
  },
  {
    side: 'rust',
    when: { ecosystems: ['embedded'] },
    rust: ['good', 'Embedded crates (no_std, HALs) are at hand.'],
  },
  // deployment
  {
    side: 'rust',
    when: { deployment: ['desktop-cli'] },
    rust: ['good', 'One self-contained binary per platform: users install no interpreter.'],
    python: [
      'bad',
      "Shipping to users' machines means bundling an interpreter (PyInstaller or similar) or relying on theirs.",
    ],
    hybrid: ['bad', 'The app still ships a Python interpreter, with the Rust core bundled inside it.'],
  },
  {
    side: 'rust',
    when: { deployment: ['edge-device'] },
    rust: ['good', 'One small cross-compiled binary for the device, with nothing else to install.'],
    python: [
      'bad',
      "The device needs a Python runtime and the project's packages installed and kept up to date.",
    ],
    hybrid: [
      'bad',
      'The device needs both a Python runtime and a Rust extension built for its architecture.',
    ],
  },
  {
    side: 'rust',
    when: { deployment: ['wasm'] },
    rust: ['good', 'Compiles to small WebAssembly modules with no runtime to ship.'],
    python: ['bad', 'Python in WebAssembly (Pyodide) ships a runtime of several MB and starts slowly.'],
    hybrid: ['bad', 'The Python side brings a Pyodide runtime of several MB into WebAssembly.'],
  },
  {
    side: 'python',
    when: { deployment: ['serverless'] },
    python: ['good', 'First-class on serverless platforms, with mature tooling.'],
  },
  {
    side: 'python',
    when: { deployment: ['cloud-service'] },
    python: ['good', 'Hosts anywhere: every managed cloud runs Python.'],
  },
  {
    side: 'python',
    when: { deployment: ['python-package'] },
    rust: ['bad', 'Publishing through PyPI needs a wheel per platform and architecture, built in CI.'],
    python: ['good', 'Pure Python needs no per-platform builds: one wheel serves every platform.'],
    hybrid: [
      'bad',
      'The Rust core needs wheels per platform; abi3 wheels cover Python versions but not free-threaded builds or PyPy.',
    ],
  },
  // maintenance and cadence
  {
    side: 'python',
    when: { cadence: ['rapid'] },
    rust: ['bad', 'Weekly pivots meet slow compile times and type-level redesigns.'],
    python: ['good', 'Weekly pivots stay cheap: Python code changes direction quickly.'],
    hybrid: ['bad', 'Every pivot that reaches the core crosses the language boundary.'],
  },
  {
    side: 'rust',
    when: { cadence: ['stable'] },
    rust: ['good', "Stable releases suit Rust's strict compiler: what compiles keeps working."],
  },
  {
    side: 'rust',
    when: { stage: ['production'] },
    rust: [
      'good',
      'Years of maintenance get cheaper: the compiler catches memory and concurrency bugs before they ship.',
    ],
    python: [
      'bad',
      'Over years of maintenance, type errors surface at run time unless type hints and a strict checker are kept up.',
    ],
  },
  // existing code
  {
    side: 'python',
    when: { codebase: ['python'] },
    rust: ['bad', 'The existing Python code has to be rewritten or bridged.'],
    python: ['good', 'Builds on the existing Python codebase: no rewrite, no second toolchain.'],
    hybrid: ['good', 'Keeps the Python codebase; only the measured hot path moves to Rust.'],
  },
  {
    side: 'rust',
    when: { codebase: ['rust'] },
    rust: ['good', 'Stays in the existing Rust codebase: one toolchain, no rewrite.'],
    python: ['bad', 'The existing Rust code has to be wrapped or rewritten.'],
  },
  {
    side: 'rust',
    when: { codebase: ['other-native'] },
    rust: ['good', 'Modernises the C/C++ piece by piece over FFI.'],
  },
  {
    side: 'python',
    when: { codebase: ['mixed'] },
    python: ['good', 'Builds on the Python part of the existing code.'],
    hybrid: ['good', 'The Python part of the existing code stays as it is.'],
  },
];

function matches(entry: Consequence, r: Reason): boolean {
  if (entry.side !== r.side) return false;
  return Object.entries(entry.when).every(([question, values]) =>
    r.cites.some((c) => c.question === question && values.includes(c.value)),
  );
}

/** Costs of a hybrid whatever the answers: two languages and the boundary between them. */
const HYBRID_COST: Line = [
  'bad',
  'Two toolchains, two test suites and a boundary (PyO3 bindings or a service contract) to build, test and ship.',
];

const MAX_LINES_PER_KIND = 4;

/**
 * The consequences of an option the record did not choose, from the reasons the engine weighed (strongest
 * first): each reason's consequence for this option where it has one; a reason without a table entry reads as
 * a plus of its own side, as it was written.
 */
function optionConsequences(rec: Recommendation, option: Verdict): Line[] {
  const reasons = allReasons(rec.criteria)
    .map((reason, index) => ({ reason, index }))
    .sort((x, y) => y.reason.points - x.reason.points || x.index - y.index)
    .map((x) => x.reason);
  const good: string[] = [];
  const bad: string[] = [];
  const add = (line: Line | undefined) => {
    if (!line) return;
    const list = line[0] === 'good' ? good : bad;
    if (list.length < MAX_LINES_PER_KIND && !list.includes(line[1])) list.push(line[1]);
  };
  for (const reason of reasons) {
    const entry = CONSEQUENCES.find((c) => matches(c, reason));
    if (entry) add(entry[option]);
    else if (reason.side === option) add(['good', sentence(reason.text)]);
  }
  if (option === 'hybrid') bad.unshift(HYBRID_COST[1]);
  return [
    ...good.map((text): Line => ['good', text]),
    ...bad.slice(0, MAX_LINES_PER_KIND).map((text): Line => ['bad', text]),
  ];
}

function scoresInWords(rec: Recommendation): string {
  return `Rust ${rec.scores.rust}, Python ${rec.scores.python}`;
}

/** Why an option other than the verdict was not chosen, from what settled the verdict. */
function whyNot(rec: Recommendation): string {
  const chosen = VERDICT_NAMES[rec.verdict];
  if (rec.closeCall) {
    return `Not chosen for now: the answers lean ${chosen} only slightly (${scoresInWords(rec)}); the spike in the plan settles it.`;
  }
  if (rec.decidedBy.id === 'margin') {
    return `Not chosen: the answers weigh clearly towards ${chosen} (${scoresInWords(rec)}).`;
  }
  return `Not chosen: the deciding factor (under Decision Outcome) calls for ${VERDICT_PHRASES[rec.verdict]}.`;
}

function optionSection(rec: Recommendation, option: Verdict): string[] {
  const lines = [`### ${OPTION_NAMES[option]}`, ''];
  if (option === rec.verdict) {
    lines.push(
      `* Chosen${rec.closeCall ? ', as a lean' : ''}: its consequences are listed under Decision Outcome.`,
    );
    return lines;
  }
  for (const [kind, text] of optionConsequences(rec, option)) {
    lines.push(`* ${kind === 'good' ? 'Good' : 'Bad'}: ${text}`);
  }
  lines.push(`* ${whyNot(rec)}`);
  const favouring = rec.conflicts.filter((c) => c.verdict === option).length;
  if (favouring > 0) {
    const rules = favouring === 1 ? 'another rule' : `${favouring} other rules`;
    lines.push(`* Favoured by ${rules}, named under Decision Outcome, but the deciding factor comes first.`);
  }
  const flip = readableFlips(
    rec.flips.filter((f) => f.verdict === option),
    rec.answers,
  )[0];
  if (flip) lines.push(`* What would make it the choice: ${flip}`);
  return lines;
}

function contextSection(rec: Recommendation): string[] {
  const lines: string[] = [];
  const description = rec.answers.description?.trim();
  if (description) lines.push(...description.split('\n').map((l) => `> ${l}`.trimEnd()), '');
  lines.push('The team answered:', '', ...answerLines(rec.answers).map((l) => `* ${l}`));
  lines.push('', 'Should it be built in Rust, in Python, or as a hybrid: a Rust core with Python around it?');
  return lines;
}

function outcomeSection(rec: Recommendation): string[] {
  const lines = [
    rec.closeCall
      ? `Chosen option, as a lean: "${VERDICT_NAMES[rec.verdict]}" (a close call).`
      : `Chosen option: "${VERDICT_NAMES[rec.verdict]}".`,
    '',
    `Deciding factor: ${sentence(rec.decidedBy.text)}`,
    '',
    `Confidence: ${rec.confidence}%. ${sentence(rec.confidenceNote)}`,
    '',
    `Scores: ${scoresInWords(rec)}${rec.decidedBy.againstScores ? '; the deciding rule goes against their lean' : ''}.`,
  ];
  if (rec.conflicts.length > 0) {
    lines.push('', 'Rules that pull another way:', '');
    for (const conflict of rec.conflicts) lines.push(`* ${sentence(conflict.text)}`);
  }
  lines.push(
    '',
    '### Consequences',
    '',
    ...rec.pros.map((p) => `* Good: ${sentence(p.text)}`),
    ...rec.cons.map((p) => `* Bad: ${sentence(p.text)}`),
    '',
    '### Confirmation',
    '',
    ...rec.plan.steps.map((phase) => `* ${phase.phase}: ${sentence(phase.exit)}`),
  );
  if (rec.plan.thresholds?.length) {
    lines.push(
      '',
      'Thresholds that would trigger a Rust pilot:',
      '',
      ...rec.plan.thresholds.map((t) => `* ${sentence(t)}`),
    );
  }
  return lines;
}

function moreInformation(rec: Recommendation): string[] {
  const lines = [`### Plan: ${rec.plan.summary}`, ''];
  rec.plan.steps.forEach((phase, i) => {
    lines.push(`${i + 1}. **${phase.phase}**: ${sentence(phase.goal)}`);
    for (const step of phase.steps) lines.push(`   * ${sentence(step)}`);
    lines.push(`   * Exit: ${sentence(phase.exit)}`);
  });
  if (rec.plan.learningPath?.length) {
    const language = LEARNING_NAMES[rec.plan.learning ?? 'rust'];
    lines.push(
      '',
      `### Learning path: ${language}`,
      '',
      ...rec.plan.learningPath.map((s) => `* ${sentence(s)}`),
    );
  }
  lines.push('', '### Risks and mitigations', '');
  if (rec.risks.length === 0) lines.push('* No specific risk stands out for these answers.');
  for (const r of rec.risks) lines.push(`* ${sentence(r.risk)} Mitigation: ${sentence(r.mitigation)}`);
  lines.push('', '### What would change the decision', '');
  const flips = readableFlips(rec.flips, rec.answers);
  if (flips.length === 0) lines.push('* No single change to the answers changes the verdict.');
  for (const flip of flips) lines.push(`* ${flip}`);
  return lines;
}

/** Where another record of the same workspace is: its number and its file name (`decisionFileName`). */
export interface DecisionRecordLink {
  readonly number: number;
  readonly fileName: string;
}

/** A stored decision's place in its lifecycle, for the record's front matter, title and links. */
export interface DecisionRecordMeta {
  /** The decision's number in its workspace, from 1. */
  readonly number: number;
  readonly status: 'proposed' | 'accepted' | 'superseded';
  /** When the decision was last updated (MADR's `date`); written as YYYY-MM-DD in UTC. */
  readonly date: Date;
  /** Who accepted it, as it should read: a Slack user id or a name. */
  readonly acceptedBy?: string;
  readonly acceptedAt?: Date;
  /** The decision this one replaces. */
  readonly supersedes?: DecisionRecordLink;
  /** The decision that replaced this one. */
  readonly supersededBy?: DecisionRecordLink;
  /** ENGINE_VERSION of the engine that made the recommendation. */
  readonly engineVersion?: string;
  /** A team round's result: whose views it combines (MADR's `consulted`), Slack user ids or names. */
  readonly consulted?: readonly string[];
}

/** "ADR-0007": the number as adr-tools and log4brains file names pad it. */
function paddedNumber(number: number): string {
  if (!Number.isSafeInteger(number) || number < 1) {
    throw new RangeError(`A decision number is a whole number from 1, not ${number}`);
  }
  return String(number).padStart(4, '0');
}

const MAX_SLUG_LENGTH = 60;

/** Lower-case ASCII words joined by hyphens, at most 60 characters, cut at a word where it can be. */
function slug(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (words.length <= MAX_SLUG_LENGTH) return words || 'decision';
  const cut = words.slice(0, MAX_SLUG_LENGTH + 1);
  const atWord = cut.lastIndexOf('-');
  return (atWord > 0 ? cut.slice(0, atWord) : cut.slice(0, MAX_SLUG_LENGTH)).replace(/-+$/, '');
}

/** The record's file name, as adr-tools and log4brains name theirs: `0007-a-web-backend-or-api-built-in-rust.md`. */
export function decisionFileName(number: number, rec: Recommendation): string {
  return `${paddedNumber(number)}-${slug(title(rec))}.md`;
}

/** A markdown link to another record: `[ADR-0009](0009-….md)`. */
function recordLink(link: DecisionRecordLink): string {
  return `[ADR-${paddedNumber(link.number)}](${encodeURI(link.fileName)})`;
}

/** Plain YAML scalars that a parser would read as something other than a string: numbers, booleans, null. */
const YAML_NOT_A_STRING =
  /^(?:[-+]?[0-9._]+(?:e[-+]?[0-9]+)?|0x[0-9a-f]+|0o[0-7]+|true|false|yes|no|on|off|y|n|null)$/i;

/** A YAML scalar: plain when it can only read as the string it is, double-quoted (JSON escapes) otherwise. */
function yamlScalar(value: string): string {
  const plain =
    /^[A-Za-z0-9][A-Za-z0-9 ,._/-]*$/.test(value) && !value.endsWith(' ') && !YAML_NOT_A_STRING.test(value);
  // JSON's escapes are YAML's; YAML also wants DEL, the C1 controls and the Unicode line breaks escaped.
  return plain
    ? value
    : JSON.stringify(value).replace(
        /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** MADR's status: `accepted`, `proposed`, or `superseded by [ADR-0009](0009-….md)`. */
function statusText(meta: DecisionRecordMeta): string {
  const by = meta.status === 'superseded' ? meta.supersededBy : undefined;
  return by ? `superseded by ${recordLink(by)}` : meta.status;
}

/** Who accepted it, on one line; undefined when no one is named or it was never accepted. */
function acceptor(meta: DecisionRecordMeta): string | undefined {
  if (meta.status === 'proposed') return undefined;
  const name = meta.acceptedBy?.replace(/\s+/g, ' ').trim();
  return name === '' ? undefined : name;
}

function frontMatter(rec: Recommendation, meta: DecisionRecordMeta | undefined): string[] {
  if (!meta) return ['---', `status: ${rec.closeCall ? 'proposed, pending the spike' : 'proposed'}`, '---'];
  const acceptedBy = acceptor(meta);
  const people = consulted(meta);
  return [
    '---',
    `status: ${yamlScalar(statusText(meta))}`,
    `date: ${isoDate(meta.date)}`,
    ...(acceptedBy === undefined ? [] : [`decision-makers: ${yamlScalar(acceptedBy)}`]),
    ...(people === undefined ? [] : [`consulted: ${yamlScalar(people.join(', '))}`]),
    // Both links in the front matter too (the status carries "superseded by"), for tools reading only it.
    ...(meta.supersedes === undefined ? [] : [`supersedes: ${yamlScalar(recordLink(meta.supersedes))}`]),
    ...(meta.engineVersion === undefined ? [] : [`engine-version: ${yamlScalar(meta.engineVersion)}`]),
    '---',
  ];
}

/** The people whose views a team decision combines, each on one line; undefined for one person's verdict. */
function consulted(meta: DecisionRecordMeta): string[] | undefined {
  const people = (meta.consulted ?? []).map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== '');
  return people.length === 0 ? undefined : people;
}

/** "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** What happened to the decision, under its title, one paragraph each (as adr-tools writes the links). */
function lifecycleLines(meta: DecisionRecordMeta | undefined): string[] {
  if (!meta) return [];
  const paragraphs: string[] = [];
  if (meta.supersedes) paragraphs.push(`Supersedes ${recordLink(meta.supersedes)}`);
  const people = consulted(meta);
  if (people !== undefined) {
    paragraphs.push(
      people.length === 1
        ? `A team round in which only ${people[0]} gave a view: this is their own verdict.`
        : `A team round: this verdict combines the views of ${listed(people)}.`,
    );
  }
  const acceptedBy = acceptor(meta);
  if (acceptedBy !== undefined) {
    const on = meta.acceptedAt ? ` on ${isoDate(meta.acceptedAt)}` : '';
    paragraphs.push(`Accepted by ${acceptedBy}${on}`);
  }
  if (meta.supersededBy) paragraphs.push(`Superseded by ${recordLink(meta.supersededBy)}`);
  return paragraphs.flatMap((p) => [p, '']);
}

/**
 * The recommendation as an architecture decision record in the MADR layout: context, decision drivers,
 * considered options, the outcome with its consequences and confirmation, each option's pros and cons, and
 * the plan, risks and what would change the decision.
 *
 * With `meta` (a stored decision), the front matter carries its lifecycle (status, date, who accepted it,
 * the engine version), the title its number ("# 7. …"), and the body the links to the decision it supersedes
 * or that superseded it. Without, it is the record of a fresh recommendation: proposed, unnumbered.
 */
export function renderDecisionRecord(rec: Recommendation, meta?: DecisionRecordMeta): string {
  const priorities = rec.answers.priorities ?? [];
  const lines: string[] = [
    ...frontMatter(rec, meta),
    '',
    `# ${meta ? `${meta.number}. ` : ''}${title(rec)}`,
    '',
    ...lifecycleLines(meta),
    '## Context and Problem Statement',
    '',
    ...contextSection(rec),
    '',
    '## Decision Drivers',
    '',
    ...rec.topReasons.map((r) => `* ${r.stance === 'for' ? 'For' : 'Against'}: ${sentence(r.text)}`),
    ...(priorities.length > 0 ? [`* Priorities: ${answerInWords('priorities', priorities)}`] : []),
    '',
    '## Considered Options',
    '',
    ...VERDICTS.map((v) => `* ${OPTION_NAMES[v]}`),
    '',
    '## Decision Outcome',
    '',
    ...outcomeSection(rec),
    '',
    '## Pros and Cons of the Options',
    '',
    ...VERDICTS.flatMap((v) => [...optionSection(rec, v), '']),
    '## More Information',
    '',
    ...moreInformation(rec),
  ];
  return `${lines.join('\n')}\n`;
}
