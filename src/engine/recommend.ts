import { confidenceOf } from './confidence.ts';
import { criterionWeights } from './criteria.ts';
import { describeConflicts, describeRule, headline, topReasons } from './explain.ts';
import { findFlips } from './flips.ts';
import { buildPlan } from './plan.ts';
import { prosAndCons } from './pros-cons.ts';
import { type Answers, QUESTIONS } from './questions.ts';
import { risksFor } from './risks.ts';
import { contributionPoints, criteriaBreakdown, tallyOf } from './scoring.ts';
import type { Recommendation } from './types.ts';
import { decideFromTally, signalsOf } from './verdict.ts';

/**
 * The same answers in questionnaire order, with multi-choice values in option order: answers that differ
 * only in key or list order give byte-identical output.
 */
export function canonicalAnswers(answers: Answers): Answers {
  const canonical: Record<string, unknown> = {};
  for (const q of QUESTIONS) {
    const value: unknown = answers[q.id];
    if (value === undefined) continue;
    canonical[q.id] =
      q.kind === 'multi' && Array.isArray(value)
        ? q.options.map((o) => o.value).filter((v) => value.includes(v))
        : value;
  }
  return canonical as Answers;
}

/** Answers in, recommendation out: pure and deterministic (no I/O, clock or randomness). */
export function recommend(input: Answers): Recommendation {
  const answers = canonicalAnswers(input);
  // Weighed once: the verdict and the flip analysis both start from these points.
  const weights = criterionWeights(answers.priorities);
  const points = contributionPoints(answers, weights);
  const decision = decideFromTally(answers, tallyOf(points));
  const signals = signalsOf(answers);
  const criteria = criteriaBreakdown(answers);
  const rule = describeRule(decision, answers, signals, criteria);
  const plan = buildPlan(decision, rule, answers, signals);
  const { pros, cons } = prosAndCons(decision, rule, answers, signals, plan);
  const { confidence, confidenceNote } = confidenceOf(decision, rule, answers, signals, criteria);
  return {
    verdict: decision.verdict,
    headline: headline(decision, rule, answers, signals),
    confidence,
    confidenceNote,
    closeCall: decision.closeCall,
    decidedBy: rule,
    conflicts: describeConflicts(decision, answers, signals),
    scores: decision.scores,
    criteria,
    topReasons: topReasons(criteria, decision.verdict),
    pros,
    cons,
    plan,
    risks: risksFor(decision, rule, plan, answers, signals),
    flips: findFlips(answers, decision.verdict, weights, points),
    answers,
  };
}
