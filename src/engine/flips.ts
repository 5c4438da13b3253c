import { type Answers, SINGLE_CHOICE_QUESTIONS, type SingleChoiceId } from './questions.ts';
import { tallyAfterChange } from './scoring.ts';
import type { Flip, Verdict } from './types.ts';
import { verdictFromTally } from './verdict.ts';

/**
 * Every single-answer change of a single-choice question (setting an omitted optional one included) that
 * changes the verdict, found by re-running the verdict on each alternative, never guessed. Only the verdict
 * and the contributions that read the changed question run again, which keeps ~40 alternatives cheap.
 * `weights` and `base` are the criterion weights and contribution points of `answers`, already computed
 * for the verdict itself.
 */
export function findFlips(
  answers: Answers,
  current: Verdict,
  weights: readonly number[],
  base: readonly number[],
): Flip[] {
  const flips: Flip[] = [];
  // One private copy, changed one answer at a time and restored, instead of a copy per alternative.
  const changed: Record<string, unknown> = { ...answers };
  for (const question of SINGLE_CHOICE_QUESTIONS) {
    const id = question.id as SingleChoiceId;
    const original = answers[id];
    for (const option of question.options) {
      if (original === option.value) continue;
      changed[id] = option.value;
      const alternative = changed as Answers;
      const verdict = verdictFromTally(alternative, tallyAfterChange(base, alternative, id, weights));
      if (verdict !== current) flips.push({ question: id, to: option.value, verdict });
    }
    // Restored by assignment, not `delete` (which would drop the object into slow dictionary mode);
    // an undefined answer reads exactly like an omitted one everywhere in the engine.
    changed[id] = original;
  }
  return flips;
}
