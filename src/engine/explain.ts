import type { Answers, QuestionId } from './questions.ts';
import type {
  Citation,
  CriterionId,
  CriterionResult,
  DecidingRule,
  RankedReason,
  Reason,
  RuleConflict,
  Side,
  Stance,
  Verdict,
} from './types.ts';
import type { Decision, HardRuleId, Signals } from './verdict.ts';

export const VERDICT_NAMES: Readonly<Record<Verdict, string>> = {
  rust: 'Rust',
  python: 'Python',
  hybrid: 'Hybrid (a Rust core, Python around it)',
};

/** The language a learning path teaches, by name. */
export const LEARNING_NAMES: Readonly<Record<Side | 'both', string>> = {
  rust: 'Rust',
  python: 'Python',
  both: 'Rust and Python',
};

/** The verdict inside a sentence: "the verdict would be a hybrid (…)". */
export const VERDICT_PHRASES: Readonly<Record<Verdict, string>> = {
  rust: 'Rust',
  python: 'Python',
  hybrid: 'a hybrid (a Rust core, Python around it)',
};

/** The criteria a hybrid gives to its Rust core; the others stay with Python. */
export const HOT_PATH_CRITERIA: ReadonlySet<CriterionId> = new Set([
  'performance',
  'memory',
  'concurrency',
  'safety',
]);

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

function citeIf(condition: boolean, a: Answers, ...questions: QuestionId[]): Citation[] {
  return condition ? cite(a, ...questions) : [];
}

/** "a, b and c". */
export function listing(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "The code is Python today" and the answers that say so (see Signals.pythonCode). */
function pythonCode(a: Answers): { words: string; cites: Citation[] } {
  if (a.workload === 'python-extension')
    return { words: 'It speeds up an existing Python library or app', cites: cite(a, 'workload') };
  if (a.codebase === 'mixed')
    return { words: 'Part of the code is Python today', cites: cite(a, 'codebase') };
  return { words: 'The code is Python today', cites: cite(a, 'codebase') };
}

function latencyWords(a: Answers): string {
  return a.latency === 'realtime' ? 'Deterministic real-time latency' : 'A p99 under 10 ms';
}

/** What a Rust core would hold for these answers, in words. */
function rustCoreWords(a: Answers, s: Signals): string {
  const parts: string[] = [];
  if (s.hotPathInPython) parts.push('the CPU-bound hot path');
  else if (a.compute === 'mixed' && !s.nativeHotPath) parts.push('the computational part');
  if (s.tightLatency) parts.push('the latency-critical path');
  if (a.concurrency === 'cpu-parallel') parts.push('the parallel work');
  if (s.safetyDriven)
    parts.push(
      a.safety === 'critical' ? 'the safety-critical code' : 'the code that handles untrusted input',
    );
  if (parts.length === 0 && a.workload === 'high-throughput') parts.push('the request path');
  return parts.length > 0 ? listing(parts) : 'the hot path';
}

function needWords(a: Answers, s: Signals): { words: string; cites: Citation[] } {
  const words: string[] = [];
  const cites: Citation[] = [];
  if (s.hotPathInPython) {
    words.push('a CPU-bound hot path');
    cites.push(...cite(a, 'compute', 'hotPath'));
  }
  if (s.tightLatency) {
    words.push(a.latency === 'realtime' ? 'real-time latency' : 'a p99 under 10 ms');
    cites.push(...cite(a, 'latency'));
  }
  if (a.concurrency === 'cpu-parallel') {
    words.push('CPU parallelism across cores');
    cites.push(...cite(a, 'concurrency'));
  }
  return { words: listing(words), cites };
}

const CRITERION_WORDS: Readonly<Record<CriterionId, string>> = {
  performance: 'performance',
  memory: 'memory',
  safety: 'memory safety',
  concurrency: 'concurrency',
  productivity: "the team's skills and pace",
  ecosystem: 'the library ecosystem',
  deployment: 'deployment',
  maintenance: 'maintenance and cadence',
  'existing-code': 'the existing code',
};

/**
 * The criterion that weighs most for the verdict; for a hybrid, for its Rust core. Only a criterion that leans
 * the verdict's way can drive it: when none does (a close call against the lean), the default stands.
 */
function driverOf(verdict: Verdict, criteria: readonly CriterionResult[]): CriterionId {
  let best: CriterionId = verdict === 'python' ? 'productivity' : 'performance';
  let bestNet = 0;
  for (const c of criteria) {
    if (verdict === 'hybrid' && !HOT_PATH_CRITERIA.has(c.id)) continue;
    const net = verdict === 'python' ? c.python - c.rust : c.rust - c.python;
    if (net > bestNet) {
      best = c.id;
      bestNet = net;
    }
  }
  return best;
}

/** -100..100: how far the scores point the verdict's way; for a hybrid, how far its Rust core's criteria lean Rust. */
export function scoreLean(d: Decision, criteria: readonly CriterionResult[]): number {
  if (d.verdict === 'rust') return d.margin;
  if (d.verdict === 'python') return -d.margin;
  let rust = 0;
  let python = 0;
  for (const c of criteria) {
    if (!HOT_PATH_CRITERIA.has(c.id)) continue;
    rust += c.rust;
    python += c.python;
  }
  return Math.round((100 * (rust - python)) / (rust + python + 2));
}

/** What each hard rule says, for these answers, and the answers it rests on. */
function ruleStatement(
  rule: HardRuleId,
  verdict: Verdict,
  a: Answers,
  s: Signals,
): Omit<DecidingRule, 'driver' | 'againstScores' | 'id'> {
  switch (rule) {
    case 'constrained-target':
      return a.memory === 'constrained'
        ? {
            text: 'Kilobytes to a few MB of RAM rule Python out (CPython alone needs 10-20 MB), and Rust runs there with no runtime at all.',
            cites: [...cite(a, 'memory'), ...citeIf(a.workload === 'embedded', a, 'workload')],
          }
        : {
            text: 'Firmware calls for Rust: Python is not suited to low-level code with strict control of memory and timing.',
            cites: cite(a, 'workload'),
          };
    case 'data-ecosystem':
      return {
        text: `Data analysis and ML live in Python's ecosystem (pandas, NumPy, PyTorch, notebooks)${a.rustSkill === 'strong' ? ", whatever the team's Rust" : ''}.`,
        cites: [...cite(a, 'workload'), ...citeIf(a.rustSkill === 'strong', a, 'rustSkill')],
      };
    case 'python-hot-path': {
      const code = pythonCode(a);
      const profiled = a.hotPath === 'python';
      // Speeding up a library implies a hot path; only the compute answer makes it CPU-bound.
      const hot = a.compute === 'cpu-bound' ? 'CPU-bound hot path' : 'hot path';
      return {
        text: `${code.words}, and ${profiled ? `a profile puts its ${hot} in Python code` : `its ${hot} is likely in Python code (profile it first)`}: keep Python for orchestration and move the measured bottleneck into a Rust core.`,
        cites: [...code.cites, ...cite(a, 'compute', 'hotPath')],
      };
    }
    case 'latency-cpu':
      if (verdict === 'rust') {
        return a.codebase === 'other-native'
          ? {
              text: `${latencyWords(a)} on CPU-bound work rules out a garbage-collected runtime; over the existing C/C++, Rust keeps that speed and adds memory safety, module by module.`,
              cites: cite(a, 'latency', 'compute', 'codebase'),
            }
          : {
              text: `${latencyWords(a)} on CPU-bound work needs Rust's near-C speed without garbage-collector pauses.`,
              cites: cite(a, 'latency', 'compute'),
            };
      }
      return {
        text: s.pythonCode
          ? `${latencyWords(a)} on CPU-bound work needs Rust on the hot path; ${lowerFirst(pythonCode(a).words)}, so Python stays around it.`
          : `${latencyWords(a)} on CPU-bound work needs Rust on the hot path; the team knows Python and not Rust, so Python goes around a Rust core.`,
        cites: [
          ...cite(a, 'latency', 'compute'),
          ...(s.pythonCode ? pythonCode(a).cites : cite(a, 'pythonSkill', 'rustSkill')),
        ],
      };
    case 'staged-python': {
      const extras = [
        ...(a.cadence === 'rapid' ? ['weekly pivots'] : []),
        ...(a.priorities?.includes('time-to-market') ? ['time to market first'] : []),
      ];
      return {
        text: `A prototype due in weeks by a team new to Rust${extras.length > 0 ? `, with ${listing(extras)}` : ''}: build it in Python, and pilot Rust only when a measured threshold is crossed.`,
        cites: [
          ...cite(a, 'stage', 'rustSkill', 'pythonSkill'),
          ...citeIf(a.cadence === 'rapid', a, 'cadence'),
          ...(a.priorities?.includes('time-to-market')
            ? [{ question: 'priorities' as const, value: 'time-to-market' }]
            : []),
        ],
      };
    }
    case 'phased-migration': {
      const need = needWords(a, s);
      const code = pythonCode(a);
      return {
        text: `${code.words}, the team knows Python and some Rust, and the work has a real performance need (${need.words}): migrate in phases, measuring the Python first and moving the bottleneck to Rust.`,
        cites: [...code.cites, ...cite(a, 'pythonSkill', 'rustSkill'), ...need.cites],
      };
    }
  }
}

/** Short names of the hard rules, for conflicts. */
const RULE_NAMES: Readonly<Record<HardRuleId, string>> = {
  'constrained-target': 'the firmware / tight-memory rule',
  'data-ecosystem': 'the data-and-ML rule',
  'python-hot-path': 'the Python-hot-path rule',
  'latency-cpu': 'the tight-latency rule',
  'staged-python': 'the prototype rule',
  'phased-migration': 'the move-in-phases rule',
};

/** What each hard rule says, in a clause. */
const RULE_CLAIMS: Readonly<Record<HardRuleId, string>> = {
  'constrained-target': 'firmware or tight memory calls for Rust',
  'data-ecosystem': "data and ML work lives in Python's ecosystem",
  'python-hot-path': 'Python code with its hot path in Python calls for a Rust core inside it',
  'latency-cpu': 'tight latency on CPU-bound work calls for Rust',
  'staged-python': 'a prototype by a team new to Rust is fastest built in Python',
  'phased-migration': 'Python code with a real performance need calls for a move to Rust in phases',
};

/** What would settle it when a rule that lost pulls another way, by default whatever the rule that won. */
const SETTLE: Readonly<Record<HardRuleId, string>> = {
  'constrained-target':
    "check the device's RAM and flash: a Linux board with hundreds of MB is an ordinary target",
  'data-ecosystem':
    'list which ML and data libraries the hot path needs at run time; if it needs none, the other rule decides',
  'python-hot-path':
    'profile the Python code: if the time is in native libraries or I/O, no Rust core is needed',
  'latency-cpu': 'measure the p99 a Python version reaches on realistic input before committing',
  'staged-python':
    'decide whether the prototype itself must meet the latency target or only prove the idea; if only the idea, prototype in Python and keep the target for the product',
  'phased-migration': 'measure the Python version against the targets first',
};

/** Where the pair of rules needs its own words (key: "winner>loser"). */
const SETTLE_PAIR: Readonly<Partial<Record<`${HardRuleId}>${HardRuleId}`, string>>> = {
  'constrained-target>staged-python':
    'prove the idea on a bigger board first if it helps (a Linux dev kit, or MicroPython where the board supports it), knowing the firmware itself will be Rust',
  'constrained-target>data-ecosystem':
    'train and explore in Python on the host, and run only the exported model on the device, in Rust',
  'constrained-target>python-hot-path':
    "check whether the Python runs on the device at all: if it does not, it is ported to Rust and Python stays on the host's tooling",
  'constrained-target>latency-cpu':
    'there is no Python to keep around a core on a device with kilobytes of RAM',
  'constrained-target>phased-migration':
    "check whether the Python runs on the device at all: if it does not, it is ported to Rust and Python stays on the host's tooling",
  'data-ecosystem>python-hot-path':
    'profile it: if the time is in Python code the data libraries do not cover, move that part into a Rust extension later, when a threshold in the plan is crossed',
  'python-hot-path>staged-python':
    'profile the prototype first: a prototype that only proves the idea may not need the speed yet',
};

/** The other rules that apply and pull towards another verdict, each named with what would settle it. */
export function describeConflicts(d: Decision, a: Answers, s: Signals): RuleConflict[] {
  return d.conflicts.map((c) => {
    const decider = d.rule in RULE_NAMES ? RULE_NAMES[d.rule as HardRuleId] : 'the scores';
    return {
      rule: c.rule,
      verdict: c.verdict,
      text: `Two rules pull apart: ${RULE_NAMES[c.rule]} (${RULE_CLAIMS[c.rule]}) points to ${VERDICT_PHRASES[c.verdict]}, but ${decider} comes first. To settle it, ${SETTLE_PAIR[`${d.rule as HardRuleId}>${c.rule}`] ?? SETTLE[c.rule]}.`,
      cites: ruleStatement(c.rule, c.verdict, a, s).cites,
    };
  });
}

/** The rule or the scores that settled the verdict, in words, with the answers it rests on. */
export function describeRule(
  d: Decision,
  a: Answers,
  s: Signals,
  criteria: readonly CriterionResult[],
): DecidingRule {
  const driver = driverOf(d.verdict, criteria);
  const againstScores = scoreLean(d, criteria) < 0;
  const base = { id: d.rule, driver, againstScores };
  const { rust, python } = d.scores;
  if (d.rule === 'close-call') {
    return {
      ...base,
      text: `The scores are ${rust} (Rust) to ${python} (Python), within 10 points: too close to call on the answers alone.`,
      // What holds it in balance: the strongest reason on each side.
      cites: dedupe(
        (['rust', 'python'] as const).flatMap(
          (side) =>
            strongest(
              allReasons(criteria).filter((r) => r.side === side),
              1,
            )[0]?.cites ?? [],
        ),
      ),
    };
  }
  if (d.rule === 'margin' || d.rule === 'python-code-anchor') {
    const side = d.verdict === 'python' ? 'Python' : 'Rust';
    const lead = d.verdict === 'python' ? `${python} to ${rust}` : `${rust} to ${python}`;
    const reason = strongestOn(criteria, driver, d.verdict === 'python' ? 'python' : 'rust');
    const scores = `The scores favour ${side} ${lead}, led by ${CRITERION_WORDS[driver]}`;
    if (d.rule === 'margin') {
      return {
        ...base,
        text: reason ? `${scores}. ${reason.text}` : `${scores}.`,
        cites: reason?.cites ?? [],
      };
    }
    const code = pythonCode(a);
    return {
      ...base,
      text: `${scores}, but ${lowerFirst(code.words)}: a Rust core for ${rustCoreWords(a, s)} keeps what works.`,
      cites: [...code.cites, ...(reason?.cites ?? [])],
    };
  }
  return { ...base, ...ruleStatement(d.rule, d.verdict, a, s) };
}

function dedupe(cites: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  return cites.filter((c) => {
    const key = `${c.question}=${c.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function lowerFirst(text: string): string {
  // Keep names and acronyms ("CPU-bound", "PyO3") as they are.
  return /^[A-Z](?:[a-z]|\s)/.test(text) && !/^I\//.test(text)
    ? text.charAt(0).toLowerCase() + text.slice(1)
    : text;
}

function strongestOn(
  criteria: readonly CriterionResult[],
  id: CriterionId,
  side: 'rust' | 'python',
): Reason | undefined {
  const reasons = criteria.find((c) => c.id === id)?.reasons.filter((r) => r.side === side) ?? [];
  return strongest(reasons, 1)[0];
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

function criterionOfReason(criteria: readonly CriterionResult[]): Map<Reason, CriterionId> {
  const map = new Map<Reason, CriterionId>();
  for (const c of criteria) for (const r of c.reasons) map.set(r, c.id);
  return map;
}

/**
 * Whether a reason argues for the verdict: its side's reasons for Rust or Python; for a hybrid, every
 * reason for Rust, and Python's except on the criteria its core takes (performance, memory, concurrency,
 * safety).
 */
export function stanceOf(reason: Reason, criterion: CriterionId, verdict: Verdict): Stance {
  if (verdict !== 'hybrid') return reason.side === verdict ? 'for' : 'against';
  // A hybrid uses both: whatever favours Rust favours its core, and Python's case is for keeping Python
  // around it, except on the criteria the core takes, where it argues there is no need for a core.
  if (reason.side === 'rust') return 'for';
  return HOT_PATH_CRITERIA.has(criterion) ? 'against' : 'for';
}

/** The strongest reasons for the verdict (up to 3), then the strongest against it (up to 2). */
export function topReasons(criteria: readonly CriterionResult[], verdict: Verdict): RankedReason[] {
  const criterionOf = criterionOfReason(criteria);
  const ranked = strongest(allReasons(criteria), Number.POSITIVE_INFINITY).map((r) => ({
    ...r,
    stance: stanceOf(r, criterionOf.get(r) ?? 'performance', verdict),
  }));
  return [
    ...ranked.filter((r) => r.stance === 'for').slice(0, 3),
    ...ranked.filter((r) => r.stance === 'against').slice(0, 2),
  ];
}

function withoutPeriod(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

/** The verdict in one sentence: the deciding factor, said plainly when it goes against the scores. */
export function headline(d: Decision, rule: DecidingRule, a: Answers, s: Signals): string {
  const { rust, python } = d.scores;
  if (d.closeCall) {
    return `Close call, leaning ${d.verdict === 'hybrid' ? `towards ${VERDICT_PHRASES.hybrid}` : VERDICT_NAMES[d.verdict]}: the scores are ${rust} (Rust) to ${python} (Python), within 10 points, so run the short spike in the plan before committing.`;
  }
  const parts = [`${VERDICT_NAMES[d.verdict]} — ${withoutPeriod(rule.text)}.`];
  if (rule.againstScores && d.verdict !== 'hybrid') {
    const [side, lead] = d.margin > 0 ? ['Rust', `${rust} to ${python}`] : ['Python', `${python} to ${rust}`];
    parts.push(`This goes against the scores, which lean ${side} ${lead}: the rule outweighs them.`);
  } else if (rule.againstScores) {
    parts.push('This goes against the scores on the hot-path criteria: the rule outweighs them.');
  }
  if (d.verdict !== 'python' && a.rustSkill === 'none') {
    parts.push(
      s.firmware && a.pythonSkill !== 'none'
        ? 'The team learns Rust, with a learning path and mentoring, rather than switching to Python.'
        : 'The plan includes a learning path for a team new to Rust.',
    );
  } else if (d.verdict === 'python' && a.pythonSkill === 'none') {
    parts.push('The plan includes a learning path for a team new to Python.');
  }
  return parts.join(' ');
}
