import type { Answers, QuestionId } from './questions.ts';
import type {
  Citation,
  CriterionId,
  CriterionResult,
  DecidingRule,
  Point,
  Reason,
  Verdict,
} from './types.ts';
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

/** Existing code is already the first pro of a hybrid (what it keeps), so it is not repeated. */
function pointOf(reason: Reason): Point {
  return { text: reason.text, cites: [...new Set(reason.cites.map((c) => c.question))] };
}

const HOT_PATH_CRITERIA: ReadonlySet<CriterionId> = new Set([
  'performance',
  'memory',
  'concurrency',
  'safety',
]);

/** What keeping Python buys a hybrid, tied to why Python stays. */
function hybridKeepsPython(a: Answers): Point {
  if (a.codebase === 'python') {
    return {
      text: 'The Python codebase stays; only the measured hot path moves to Rust.',
      cites: ['codebase'],
    };
  }
  if (a.workload === 'python-extension') {
    return {
      text: 'The library keeps its Python API; only its hot path moves to Rust.',
      cites: ['workload'],
    };
  }
  if (a.deployment === 'python-package') {
    return {
      text: 'It still ships as a Python package: maturin builds abi3 wheels with the Rust core inside.',
      cites: ['deployment'],
    };
  }
  return {
    text: 'The team keeps delivering in Python while Rust takes the hot path.',
    cites: ['pythonSkill', 'rustSkill'],
  };
}

const MAX_POINTS = 5;

/** Pros and cons of the verdict for this team and project: the reasons on each side, plus the verdict's own. */
export function prosAndCons(
  verdict: Verdict,
  criteria: readonly CriterionResult[],
  a: Answers,
): { pros: Point[]; cons: Point[] } {
  const reasons = allReasons(criteria);
  const rust = reasons.filter((r) => r.side === 'rust');
  const python = reasons.filter((r) => r.side === 'python');
  if (verdict === 'hybrid') {
    const onHotPath = (c: CriterionResult) => HOT_PATH_CRITERIA.has(c.id);
    const rustOnHotPath = criteria
      .filter(onHotPath)
      .flatMap((c) => c.reasons.filter((r) => r.side === 'rust'));
    const pythonAround = criteria
      .filter((c) => !onHotPath(c) && c.id !== 'existing-code')
      .flatMap((c) => c.reasons.filter((r) => r.side === 'python'));
    const pros = [
      hybridKeepsPython(a),
      ...strongest(rustOnHotPath, 2).map(pointOf),
      ...strongest(pythonAround, 2).map(pointOf),
    ];
    const cons = [
      ...strongest(
        python.filter((r) => r.cites.some((c) => c.question === 'rustSkill')),
        1,
      ).map(pointOf),
      {
        text: 'Two toolchains and a boundary (PyO3 bindings or a service contract) to build, test and ship.',
        cites: [],
      },
      { text: 'A chatty boundary can erase the gain: only whole units of work should cross it.', cites: [] },
    ];
    return { pros: pros.slice(0, MAX_POINTS), cons: cons.slice(0, MAX_POINTS) };
  }
  const own = verdict === 'rust' ? rust : python;
  const other = verdict === 'rust' ? python : rust;
  const pros = strongest(own, MAX_POINTS).map(pointOf);
  if (pros.length === 0) {
    pros.push({
      text:
        verdict === 'rust'
          ? 'Rust gives predictable performance and memory safety without a garbage collector.'
          : 'Python is the quickest to start and the easiest to change later.',
      cites: [],
    });
  }
  const cons = strongest(other, verdict === 'rust' ? MAX_POINTS - 1 : MAX_POINTS).map(pointOf);
  if (verdict === 'rust') {
    cons.push({
      text: "Longer compile times slow the edit-run loop; they top the complaints in Rust's own surveys.",
      cites: [],
    });
  }
  return { pros, cons };
}

/** "latency=strict, compute=cpu-bound": how reasons show the answers they rest on. */
export function formatCites(cites: readonly Citation[]): string {
  return cites.map((c) => `${c.question}=${c.value}`).join(', ');
}
