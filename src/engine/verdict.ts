import type { Answers } from './questions.ts';
import { marginOf, scoresOf, type Tally, tally } from './scoring.ts';
import type { Verdict, VerdictRuleId } from './types.ts';

/** Scores this close (|rust - python| <= 10 points out of 100) do not settle it: a close call. */
export const CLOSE_CALL_MARGIN = 10;
/** A phased migration is for a team the scores do not already send firmly one way. */
export const PHASED_MIGRATION_MARGIN = 20;

/** The rules of the framework that decide a verdict on their own, in order of precedence. */
export type HardRuleId =
  | 'constrained-target'
  | 'data-ecosystem'
  | 'python-hot-path'
  | 'latency-cpu'
  | 'staged-python'
  | 'phased-migration';

export interface Decision {
  readonly verdict: Verdict;
  readonly rule: VerdictRuleId;
  readonly closeCall: boolean;
  readonly scores: { readonly rust: number; readonly python: number };
  /** scores.rust - scores.python */
  readonly margin: number;
  /** The other hard rules that apply and would give another verdict, in order of precedence. */
  readonly conflicts: readonly { readonly rule: HardRuleId; readonly verdict: Verdict }[];
}

/** The facts about the answers that the framework's rules are stated in. */
export interface Signals {
  /**
   * Rule 1: firmware or genuinely tight memory. Embedded work counts unless memory is said to be relaxed
   * or container-sized (then it is a Linux box, an ordinary target); an edge deployment alone never does,
   * and neither does tight memory in a browser, a cloud, a desktop or a Python package.
   */
  readonly firmware: boolean;
  /** Rule 2: the work is data analysis or ML. */
  readonly dataScience: boolean;
  /** Code that is Python today: a Python or mixed codebase, or a Python library being sped up. */
  readonly pythonCode: boolean;
  /** The team knows Python and no Rust. */
  readonly pythonTeam: boolean;
  /** CPU-bound work; speeding up a Python library implies it unless the work is said to be I/O-bound. */
  readonly cpuBound: boolean;
  /** The CPU time is already in NumPy, PyTorch, Polars, C extensions or a GPU. */
  readonly nativeHotPath: boolean;
  /** Rule 3: a CPU-bound hot path that is (or may be: not profiled) in Python code itself. */
  readonly hotPathInPython: boolean;
  /** Strict or real-time latency. */
  readonly tightLatency: boolean;
  /** Rule 4: tight latency on CPU-bound work that is not already native (real-time rules out pauses anyway). */
  readonly tightLatencyCpu: boolean;
  /** Rule 5: a prototype by a team that knows Python and not Rust. */
  readonly staged: boolean;
  /** Rule 6: security-sensitive or safety-critical. */
  readonly safetyDriven: boolean;
  /** Rule 8: the team knows Python and some Rust (a team strong in Rust is not "mixed": Rust leads). */
  readonly mixedSkills: boolean;
  /** Rule 8: a performance need that is real (the work, not a ticked priority). */
  readonly performanceNeed: boolean;
  /** No code yet, or none named: only the team decides what a core would sit in. */
  readonly noCodeYet: boolean;
  /** A team strong in Rust or a Rust codebase: Rust leads whatever else is chosen. */
  readonly rustLed: boolean;
  /** Something a Rust core would hold: a hot path, a latency-critical path, parallel work or sensitive code. */
  readonly rustCoreCandidate: boolean;
}

/** Where code runs on a host with an OS and a runtime of its own: tight memory there is not firmware. */
const HOSTED: ReadonlySet<string> = new Set([
  'wasm',
  'cloud-service',
  'serverless',
  'desktop-cli',
  'python-package',
]);

export function signalsOf(a: Answers): Signals {
  const tightLatency = a.latency === 'strict' || a.latency === 'realtime';
  const cpuBound =
    a.compute === 'cpu-bound' || (a.workload === 'python-extension' && a.compute !== 'io-bound');
  const nativeHotPath = a.hotPath === 'native';
  const hotPathInPython = cpuBound && !nativeHotPath;
  const safetyDriven = a.safety === 'security' || a.safety === 'critical';
  const performanceNeed = hotPathInPython || tightLatency || a.concurrency === 'cpu-parallel';
  return {
    firmware:
      (a.memory === 'constrained' && !HOSTED.has(a.deployment ?? '')) ||
      (a.workload === 'embedded' && a.memory !== 'relaxed' && a.memory !== 'containers'),
    dataScience: a.workload === 'data-science',
    pythonCode: a.codebase === 'python' || a.codebase === 'mixed' || a.workload === 'python-extension',
    pythonTeam: a.pythonSkill !== 'none' && a.rustSkill === 'none',
    cpuBound,
    nativeHotPath,
    hotPathInPython,
    tightLatency,
    tightLatencyCpu: tightLatency && cpuBound && (!nativeHotPath || a.latency === 'realtime'),
    staged: a.stage === 'prototype' && a.rustSkill === 'none' && a.pythonSkill !== 'none',
    safetyDriven,
    mixedSkills: a.pythonSkill !== 'none' && a.rustSkill === 'some',
    performanceNeed,
    noCodeYet: a.codebase === undefined || a.codebase === 'greenfield',
    rustLed: a.rustSkill === 'strong' || a.codebase === 'rust',
    rustCoreCandidate:
      performanceNeed ||
      safetyDriven ||
      (a.compute === 'mixed' && !nativeHotPath) ||
      a.workload === 'high-throughput',
  };
}

/**
 * The framework's hard rules, in order of precedence: each says whether it applies and the verdict it
 * gives. Where several apply, the first decides and the others are reported as conflicts when they would
 * give another verdict.
 *  1 firmware or tight memory -> Rust;
 *  2 data analysis or ML -> Python;
 *  3 Python code with a CPU-bound hot path in Python -> hybrid;
 *  4 tight latency on CPU-bound work -> Rust, or hybrid when the code is Python today, or when there is no
 *    code yet and the team knows Python and not Rust (never on firmware, never over Rust or C/C++ code);
 *  5 a prototype by a team new to Rust -> Python, with thresholds for a Rust pilot;
 *  8 Python code, mixed skills and a real performance need, where the scores do not already decide ->
 *    hybrid by phased migration. Never for a team strong in Rust or a Rust codebase.
 */
const HARD_RULES: readonly {
  readonly id: HardRuleId;
  readonly verdict: (s: Signals) => Verdict | undefined;
}[] = [
  { id: 'constrained-target', verdict: (s) => (s.firmware ? 'rust' : undefined) },
  { id: 'data-ecosystem', verdict: (s) => (s.dataScience ? 'python' : undefined) },
  {
    id: 'python-hot-path',
    verdict: (s) => (s.pythonCode && s.hotPathInPython ? 'hybrid' : undefined),
  },
  {
    id: 'latency-cpu',
    verdict: (s) =>
      s.tightLatencyCpu
        ? s.pythonCode || (s.pythonTeam && s.noCodeYet && !s.firmware)
          ? 'hybrid'
          : 'rust'
        : undefined,
  },
  { id: 'staged-python', verdict: (s) => (s.staged ? 'python' : undefined) },
  {
    id: 'phased-migration',
    verdict: (s) => (s.pythonCode && s.mixedSkills && s.performanceNeed && !s.rustLed ? 'hybrid' : undefined),
  },
];

/**
 * The verdict. The hard rules come first (see HARD_RULES); the phased migration only where the scores do
 * not already lean firmly (|margin| <= PHASED_MIGRATION_MARGIN). Otherwise the scores decide: within
 * CLOSE_CALL_MARGIN it is a close call, reported as a lean; a Rust lead over code that is Python today,
 * with something for a Rust core to hold, is a hybrid (a Rust core, the Python kept); else the lead's side.
 */
export function decide(a: Answers): Decision {
  return decideFromTally(a, tally(a));
}

type Choice = Pick<Decision, 'verdict' | 'rule' | 'closeCall'>;

function applicable(s: Signals, margin: number): { rule: HardRuleId; verdict: Verdict }[] {
  const found: { rule: HardRuleId; verdict: Verdict }[] = [];
  for (const rule of HARD_RULES) {
    const verdict = rule.verdict(s);
    if (verdict === undefined) continue;
    if (rule.id === 'phased-migration' && Math.abs(margin) > PHASED_MIGRATION_MARGIN) continue;
    found.push({ rule: rule.id, verdict });
  }
  return found;
}

function byScores(s: Signals, margin: number): Choice {
  const leaning: Verdict = margin > 0 ? (s.pythonCode && s.rustCoreCandidate ? 'hybrid' : 'rust') : 'python';
  if (Math.abs(margin) <= CLOSE_CALL_MARGIN) return { verdict: leaning, rule: 'close-call', closeCall: true };
  return { verdict: leaning, rule: leaning === 'hybrid' ? 'python-code-anchor' : 'margin', closeCall: false };
}

function choose(
  rules: readonly { rule: HardRuleId; verdict: Verdict }[],
  s: Signals,
  margin: number,
): Choice {
  const first = rules[0];
  return first ? { verdict: first.verdict, rule: first.rule, closeCall: false } : byScores(s, margin);
}

/** The verdict for answers whose tally is already known (the flip analysis computes it incrementally). */
export function decideFromTally(a: Answers, t: Tally): Decision {
  const scores = scoresOf(t);
  const margin = scores.rust - scores.python;
  const s = signalsOf(a);
  const rules = applicable(s, margin);
  const { verdict, rule, closeCall } = choose(rules, s, margin);
  const conflicts = rules.slice(1).filter((r) => r.verdict !== verdict);
  return { verdict, rule, closeCall, scores, margin, conflicts };
}

/** The verdict and whether it is a close call: what the flip analysis compares, as decideFromTally does. */
export function choiceFromTally(a: Answers, t: Tally): { verdict: Verdict; closeCall: boolean } {
  const s = signalsOf(a);
  const margin = marginOf(t);
  const { verdict, closeCall } = choose(applicable(s, margin), s, margin);
  return { verdict, closeCall };
}
