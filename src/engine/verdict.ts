import type { Answers } from './questions.ts';
import { marginOf, scoresOf, type Tally, tally } from './scoring.ts';
import type { CriterionId, CriterionResult, Verdict, VerdictRuleId } from './types.ts';

/** Below this margin (in score points, out of 100) the scores do not settle it: a close call. */
export const CLOSE_CALL_MARGIN = 8;
/** Within this margin, a team with both languages and a real performance need migrates in phases. */
export const PHASED_MIGRATION_MARGIN = 40;

export interface Decision {
  readonly verdict: Verdict;
  readonly rule: VerdictRuleId;
  readonly closeCall: boolean;
  readonly scores: { readonly rust: number; readonly python: number };
  /** scores.rust - scores.python */
  readonly margin: number;
}

/** The facts about the answers that the framework's rules are stated in. */
export interface Signals {
  /** Rule 1: embedded, an edge device or MBs of RAM. */
  readonly constrainedTarget: boolean;
  /** Rule 2: the work is data analysis or ML. */
  readonly dataScience: boolean;
  /** Python code exists and stays: a Python codebase, a library being sped up, or a PyPI package. */
  readonly pythonCode: boolean;
  /** The team knows Python and not Rust today. */
  readonly pythonTeam: boolean;
  /** Rule 3: a CPU-bound hot path; speeding up a Python library implies one unless it is I/O-bound. */
  readonly hotPath: boolean;
  /** Rule 4: strict or real-time latency on CPU-bound work. */
  readonly tightLatencyCpu: boolean;
  /** Rule 5: prototype, rapid cadence, time to market first, team new to Rust. */
  readonly staged: boolean;
  /** Rule 8: the team has some of both languages. */
  readonly mixedSkills: boolean;
  /** Rule 8: a performance need that is real, not hoped for. */
  readonly performanceNeed: boolean;
}

export function signalsOf(a: Answers): Signals {
  const tightLatency = a.latency === 'strict' || a.latency === 'realtime';
  return {
    constrainedTarget:
      a.workload === 'embedded' || a.memory === 'constrained' || a.deployment === 'edge-device',
    dataScience: a.workload === 'data-science',
    pythonCode:
      a.codebase === 'python' || a.workload === 'python-extension' || a.deployment === 'python-package',
    pythonTeam: a.pythonSkill !== 'none' && a.rustSkill === 'none',
    hotPath: a.compute === 'cpu-bound' || (a.workload === 'python-extension' && a.compute !== 'io-bound'),
    tightLatencyCpu: tightLatency && a.compute === 'cpu-bound',
    staged:
      a.stage === 'prototype' &&
      a.cadence === 'rapid' &&
      a.rustSkill === 'none' &&
      (a.priorities?.includes('time-to-market') ?? false),
    mixedSkills: a.pythonSkill !== 'none' && a.rustSkill !== 'none',
    performanceNeed:
      a.compute === 'cpu-bound' ||
      tightLatency ||
      a.concurrency === 'cpu-parallel' ||
      (a.priorities?.includes('performance') ?? false),
  };
}

/**
 * The verdict. The framework's hard rules come first, in this order of precedence (where two apply, the
 * earlier wins): 1 constrained target -> rust; 2 data science -> python; 3 Python code with a hot path ->
 * hybrid; 4 tight latency on CPU-bound work -> rust, or hybrid when the team or the code is Python today;
 * 5 the staged path -> python. Then 8: a team with both languages and a real performance need, where the
 * scores do not clearly decide, migrates in phases (hybrid; its plan measures, so it also settles a close
 * call). Otherwise the margin decides: a close call (9) is reported as one, leaning to the margin's side; a
 * Rust margin over code that is Python today means hybrid (a Rust core, the Python kept); else its sign.
 *
 * Hybrid is therefore defined as: Rust wins the hot path but Python stays (its code, its team, or its
 * ecosystem), so the Rust part is a core behind an interface, not a rewrite.
 */
export function decide(a: Answers): Decision {
  return decideFromTally(a, tally(a));
}

type Choice = Pick<Decision, 'verdict' | 'rule' | 'closeCall'>;

function choose(s: Signals, margin: number): Choice {
  if (s.constrainedTarget) return { verdict: 'rust', rule: 'constrained-target', closeCall: false };
  if (s.dataScience) return { verdict: 'python', rule: 'data-ecosystem', closeCall: false };
  if (s.pythonCode && s.hotPath) return { verdict: 'hybrid', rule: 'python-hot-path', closeCall: false };
  if (s.tightLatencyCpu)
    return { verdict: s.pythonTeam ? 'hybrid' : 'rust', rule: 'latency-cpu', closeCall: false };
  if (s.staged) return { verdict: 'python', rule: 'staged-python', closeCall: false };
  if (s.mixedSkills && s.performanceNeed && Math.abs(margin) < PHASED_MIGRATION_MARGIN) {
    return { verdict: 'hybrid', rule: 'phased-migration', closeCall: false };
  }
  const leaning: Verdict = margin > 0 ? (s.pythonCode ? 'hybrid' : 'rust') : 'python';
  if (Math.abs(margin) < CLOSE_CALL_MARGIN) return { verdict: leaning, rule: 'close-call', closeCall: true };
  return { verdict: leaning, rule: leaning === 'hybrid' ? 'python-code-anchor' : 'margin', closeCall: false };
}

/** The verdict for answers whose tally is already known (the flip analysis computes it incrementally). */
export function decideFromTally(a: Answers, t: Tally): Decision {
  const scores = scoresOf(t);
  const margin = scores.rust - scores.python;
  const { verdict, rule, closeCall } = choose(signalsOf(a), margin);
  return { verdict, rule, closeCall, scores, margin };
}

/** Just the verdict: what the flip analysis compares, computed exactly as decideFromTally does. */
export function verdictFromTally(a: Answers, t: Tally): Verdict {
  return choose(signalsOf(a), marginOf(t)).verdict;
}

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, Math.round(x)));
}

/**
 * For each rule, the answers behind it: the condition that made it fire (always true once it has) and the
 * answers that corroborate it. The share that holds is how strongly the rule's case is made.
 */
const RULE_EVIDENCE: Readonly<Record<VerdictRuleId, (a: Answers, s: Signals, v: Verdict) => boolean[]>> = {
  'constrained-target': (a) => [
    a.workload === 'embedded',
    a.memory === 'constrained',
    a.deployment === 'edge-device',
    a.latency === 'strict' || a.latency === 'realtime',
  ],
  'data-ecosystem': (a) => [
    true,
    a.ecosystems?.some((e) => e === 'ml' || e === 'data' || e === 'scientific') ?? false,
    a.stage !== 'production',
    a.latency === 'none' || a.latency === 'interactive',
  ],
  'python-hot-path': (a, s) => [
    true,
    a.compute === 'cpu-bound',
    a.codebase === 'python' || a.workload === 'python-extension',
    s.pythonTeam,
  ],
  'latency-cpu': (a, s, v) => [
    true,
    a.latency === 'realtime',
    a.concurrency === 'cpu-parallel',
    v === 'rust' ? a.rustSkill !== 'none' : s.pythonCode || a.pythonSkill === 'strong',
  ],
  'staged-python': (a) => [
    true,
    a.pythonSkill === 'strong',
    a.compute === 'io-bound',
    a.latency === 'none' || a.latency === 'interactive',
  ],
  'phased-migration': (a) => [
    true,
    a.compute === 'cpu-bound',
    a.latency === 'strict' || a.latency === 'realtime',
    a.concurrency === 'cpu-parallel',
    a.priorities?.includes('performance') ?? false,
  ],
  'python-code-anchor': (a) => [
    true,
    a.compute === 'cpu-bound',
    a.latency === 'strict' || a.latency === 'realtime',
    a.codebase === 'python',
  ],
  'close-call': () => [],
  margin: () => [],
};

/** The criteria a hybrid gives to Rust (the hot path); the others stay with Python. */
const HOT_PATH: ReadonlySet<CriterionId> = new Set(['performance', 'memory', 'concurrency', 'safety']);

/** -1..1: how far `favoured` leads `other`, relative to their total. */
function lead(favoured: number, other: number): number {
  return (favoured - other) / (favoured + other + 1);
}

/**
 * -1..1: how far the scores point the verdict's way. For Rust or Python, the signed margin, saturating at
 * a margin wide enough to settle the scores alone; for a hybrid, whether its two halves hold: Rust leads
 * on the hot-path criteria and Python on the rest (its team, ecosystem, code).
 */
function agreement(d: Decision, criteria: readonly CriterionResult[]): number {
  if (d.verdict !== 'hybrid') {
    const toward = d.verdict === 'rust' ? d.margin : -d.margin;
    return Math.max(-1, Math.min(1, toward / PHASED_MIGRATION_MARGIN));
  }
  let hotRust = 0;
  let hotPython = 0;
  let restRust = 0;
  let restPython = 0;
  for (const c of criteria) {
    if (HOT_PATH.has(c.id)) {
      hotRust += c.rust;
      hotPython += c.python;
    } else {
      restRust += c.rust;
      restPython += c.python;
    }
  }
  return (lead(hotRust, hotPython) + lead(restPython, restRust)) / 2;
}

/**
 * 0-100, deterministic. A close call stays under 40 and grows with its small margin. A verdict the margin
 * alone carries grows with the margin from 40. A verdict a rule settles is
 *   45 + 25 * strength + 25 * agreement, clamped to 40-95,
 * where strength (0-1) is the share of the rule's evidence that holds (RULE_EVIDENCE) and agreement (-1..1)
 * how far the scores point the verdict's way: a rule against the scores reads as a moderate call, a rule
 * fully made and backed by the scores as a confident one.
 */
export function confidenceOf(d: Decision, a: Answers, criteria: readonly CriterionResult[]): number {
  const size = Math.abs(d.margin);
  if (d.closeCall) return clamp(15 + size * 2.5, 0, 35);
  if (d.rule === 'margin') return clamp(40 + (size - CLOSE_CALL_MARGIN) * 0.8, 40, 95);
  const evidence = RULE_EVIDENCE[d.rule](a, signalsOf(a), d.verdict);
  const strength = evidence.length > 0 ? evidence.filter(Boolean).length / evidence.length : 0;
  return clamp(45 + 25 * strength + 25 * agreement(d, criteria), 40, 95);
}
