import { scoreLean } from './explain.ts';
import type { Answers } from './questions.ts';
import type { CriterionResult, DecidingRule } from './types.ts';
import { CLOSE_CALL_MARGIN, type Decision, type HardRuleId, type Signals } from './verdict.ts';

/** A verdict against a score lean at least this wide (in points out of 100) is never shown above 60%. */
const AGAINST_LEAN = 30;
const AGAINST_CAP = 60;
/** Points each other rule pulling another way takes off. */
const CONFLICT_COST = 15;
/** A lean for the verdict counts up to this many points. */
const SATURATING_LEAN = 50;

/**
 * For each hard rule, the answers that corroborate it beyond the condition that made it fire. The share
 * that holds is how strongly the rule's case is made.
 */
const RULE_EVIDENCE: Readonly<Record<HardRuleId, (a: Answers, s: Signals) => boolean[]>> = {
  'constrained-target': (a) => [
    a.memory === 'constrained',
    a.workload === 'embedded',
    a.ecosystems?.includes('embedded') ?? false,
    a.latency === 'strict' || a.latency === 'realtime' || a.safety === 'critical',
  ],
  'data-ecosystem': (a) => [
    a.ecosystems?.some((e) => e === 'ml' || e === 'data' || e === 'scientific') ?? false,
    a.stage !== 'production',
    a.latency === 'none' || a.latency === 'interactive',
    a.pythonSkill !== 'none',
  ],
  'python-hot-path': (a) => [
    a.hotPath === 'python',
    a.compute === 'cpu-bound',
    a.codebase === 'python' || a.workload === 'python-extension',
    a.pythonSkill !== 'none',
    // Someone can build the core.
    a.rustSkill !== 'none' || a.rustMentors === true,
  ],
  'latency-cpu': (a, s) => [
    a.latency === 'realtime',
    a.hotPath === 'python',
    a.concurrency === 'cpu-parallel',
    s.rustLed || a.rustSkill === 'some' || s.pythonCode,
  ],
  'staged-python': (a) => [
    a.cadence === 'rapid',
    a.priorities?.includes('time-to-market') ?? false,
    a.pythonSkill === 'strong',
    a.latency === 'none' || a.latency === 'interactive',
  ],
  'phased-migration': (a) => [
    a.compute === 'cpu-bound',
    a.latency === 'strict' || a.latency === 'realtime',
    a.concurrency === 'cpu-parallel',
    a.rustMentors === true,
  ],
};

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, Math.round(x)));
}

function isHardRule(rule: string): rule is HardRuleId {
  return rule in RULE_EVIDENCE;
}

/**
 * Confidence, 0-100, one formula in three cases:
 * - the scores decide, within CLOSE_CALL_MARGIN (m = |rust - python| <= 10): a close call, 20 + 2m (20-40);
 * - the scores decide, wider: 45 + 0.6 * (m - 10), at most 90. Both grow with the margin, so confidence is
 *   monotonic in it;
 * - a rule decides: 55 + 20 * strength + 0.3 * min(lean, 50), within 40-92, where strength (0-1) is the share
 *   of the rule's corroborating answers that hold and lean (-100..100) how far the scores point the
 *   verdict's way (for a hybrid, the criteria its Rust core takes). Each other rule pulling another way
 *   takes 15 off, and a verdict against a lean of 30 points or more is shown at 60 at most.
 * The note says which case applied, in one sentence, without repeating the number.
 */
export function confidenceOf(
  d: Decision,
  rule: DecidingRule,
  a: Answers,
  s: Signals,
  criteria: readonly CriterionResult[],
): { confidence: number; confidenceNote: string } {
  const m = Math.abs(d.margin);
  const { rust, python } = d.scores;
  const scores = `Rust ${rust} to Python ${python}`;
  if (d.closeCall) {
    const confidence = clamp(20 + 2 * m, 0, 40);
    return {
      confidence,
      confidenceNote: `Low, because the scores are ${scores}, within ${CLOSE_CALL_MARGIN} points: this is a lean, not a verdict.`,
    };
  }
  if (!isHardRule(d.rule)) {
    const confidence = clamp(45 + 0.6 * (m - CLOSE_CALL_MARGIN), 0, 90);
    return {
      confidence,
      confidenceNote: `It comes from the scores alone (${scores}): the wider the lead, the higher the confidence.`,
    };
  }
  const evidence = RULE_EVIDENCE[d.rule](a, s);
  const held = evidence.filter(Boolean).length;
  const lean = scoreLean(d, criteria);
  // A lean past 50 points adds nothing more: the rule, not the scores, carries the verdict.
  const backing = 0.3 * Math.min(lean, SATURATING_LEAN);
  let confidence = clamp(
    55 + (20 * held) / evidence.length + backing - CONFLICT_COST * d.conflicts.length,
    40,
    92,
  );
  if (lean <= -AGAINST_LEAN) confidence = Math.min(confidence, AGAINST_CAP);
  const direction = rule.againstScores ? 'the other way' : lean === 0 ? 'neither way' : 'the same way';
  // A hybrid's lean is read on the criteria its Rust core takes, so that is what the note quotes.
  const agreement =
    d.verdict === 'hybrid'
      ? `the criteria a Rust core would take (performance, memory, concurrency, safety) lean ${rule.againstScores ? 'Python' : 'Rust'} taken together`
      : `the scores lean ${direction} (${scores})`;
  const conflict = d.conflicts.length > 0 ? '; another rule pulls the other way' : '';
  return {
    confidence,
    confidenceNote: `A rule of the framework decides it: ${held} of the ${evidence.length} answers that would back that rule hold, and ${agreement}${conflict}.`,
  };
}
