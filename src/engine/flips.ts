import { criterionWeights } from './criteria.ts';
import { VERDICT_PHRASES } from './explain.ts';
import { type Answers, type MultiChoiceQuestion, QUESTIONS, type SingleChoiceQuestion } from './questions.ts';
import { contributionPoints, type Tally, tallyAfterChange, tallyOf } from './scoring.ts';
import type { Flip, FlipQuestionId, Verdict } from './types.ts';
import { choiceFromTally } from './verdict.ts';

/** A one-answer change, described: the phrase of the new option and, for lists, whether it was added. */
interface Change {
  readonly phrase: string;
  readonly added?: boolean;
}

function describeChange(question: FlipQuestionId, to: Flip['to'], from: unknown): Change {
  const q = QUESTIONS.find((x) => x.id === question);
  if (q?.kind === 'single') return { phrase: q.options.find((o) => o.value === to)?.phrase ?? String(to) };
  if (q?.kind === 'multi' && Array.isArray(to)) {
    const before: readonly string[] = Array.isArray(from) ? from : [];
    const added = to.find((v) => !before.includes(v));
    const value = added ?? before.find((v) => !to.includes(v));
    return {
      phrase: q.options.find((o) => o.value === value)?.phrase ?? String(value),
      added: added !== undefined,
    };
  }
  return { phrase: String(to) };
}

/** "If the latency target were strict (…)" for one or several changes of one question in one direction. */
function supposing(question: FlipQuestionId, changes: readonly Change[], to: Flip['to']): string {
  const q = QUESTIONS.find((x) => x.id === question);
  const phrases = orList(changes.map((c) => c.phrase));
  if (q?.kind === 'boolean') return `If ${to === true ? q.supposingYes : q.supposingNo}`;
  if (q?.kind === 'single') return `If ${q.supposing} ${phrases}`;
  if (q?.kind === 'multi')
    return `If ${(changes[0]?.added ? q.supposingAdded : q.supposingRemoved).replace('{}', phrases)}`;
  return `If ${question} were ${phrases}`;
}

function outcome(verdict: Verdict, closeCall: boolean): string {
  return closeCall
    ? `it would be a close call leaning ${verdict === 'hybrid' ? `towards ${VERDICT_PHRASES.hybrid}` : VERDICT_PHRASES[verdict]}`
    : `the verdict would be ${VERDICT_PHRASES[verdict]}`;
}

/**
 * The verdict of `changed`, which differs from the answers behind `weights` and `base` (their criterion
 * weights and contribution points) in `question` only: only the contributions that read that question are
 * evaluated again, except for priorities, which change the weights and so every contribution. The same
 * verdict recommend(changed) gives, without building the rest of a recommendation.
 */
export function choiceAfterChange(
  changed: Answers,
  question: FlipQuestionId,
  weights: readonly number[],
  base: readonly number[],
): { verdict: Verdict; closeCall: boolean } {
  const t: Tally =
    question === 'priorities'
      ? tallyOf(contributionPoints(changed, criterionWeights(changed.priorities)))
      : tallyAfterChange(base, changed, question, weights);
  return choiceFromTally(changed, t);
}

/** Each list that differs from `current` by one option added (within `max`) or removed. */
function neighbours(q: MultiChoiceQuestion, current: readonly string[]): string[][] {
  const lists: string[][] = [];
  for (const option of q.options) {
    const has = current.includes(option.value);
    if (!has && q.maxItems !== undefined && current.length >= q.maxItems) continue;
    const next = has ? current.filter((v) => v !== option.value) : [...current, option.value];
    // In option order, as canonicalAnswers() keeps them.
    lists.push(q.options.map((o) => o.value).filter((v) => next.includes(v)));
  }
  return lists;
}

/**
 * Every one-answer change that changes the verdict, found by re-running the verdict on each alternative,
 * never guessed: each other option of a single-choice question (setting an omitted optional one included),
 * one option added to or removed from a multi-choice list (within its limit), and the other yes/no of a
 * yes/no question (both, when it was not answered). Only the contributions that read the changed question
 * are evaluated again, except for priorities, which change the weights and so every contribution.
 * `weights` and `base` are the criterion weights and contribution points of `answers`.
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
  const tryChange = (question: FlipQuestionId, to: Flip['to']): void => {
    const original = changed[question];
    changed[question] = to;
    const { verdict, closeCall } = choiceAfterChange(changed as Answers, question, weights, base);
    if (verdict !== current) {
      const text = `${supposing(question, [describeChange(question, to, original)], to)}, ${outcome(verdict, closeCall)}.`;
      flips.push({ question, to, verdict, closeCall, text });
    }
    // Restored by assignment, not `delete` (which would drop the object into slow dictionary mode);
    // an undefined answer reads exactly like an omitted one everywhere in the engine.
    changed[question] = original;
  };
  for (const q of QUESTIONS) {
    if (q.kind === 'text') continue;
    const id = q.id as FlipQuestionId;
    const original: unknown = answers[q.id];
    if (q.kind === 'single') {
      for (const option of (q as SingleChoiceQuestion).options) {
        if (original !== option.value) tryChange(id, option.value);
      }
    } else if (q.kind === 'multi') {
      const current: readonly string[] = Array.isArray(original) ? original : [];
      for (const list of neighbours(q, current)) tryChange(id, list);
    } else {
      for (const value of [true, false]) if (original !== value) tryChange(id, value);
    }
  }
  return flips;
}

/**
 * Questions in the order people read their flips, and a team's disagreements: what a team could change or is
 * unsure about first (targets, the hot path, skills, mentors, priorities), then facts about the project's
 * nature.
 */
const READING_ORDER: readonly FlipQuestionId[] = [
  'latency',
  'hotPath',
  'compute',
  'rustSkill',
  'pythonSkill',
  'rustMentors',
  'priorities',
  'memory',
  'concurrency',
  'cadence',
  'stage',
  'ecosystems',
  'deployment',
  'safety',
  'codebase',
  'workload',
];

export function readingRank(question: FlipQuestionId): number {
  const i = READING_ORDER.indexOf(question);
  return i < 0 ? READING_ORDER.length : i;
}

/**
 * The flips as people read them: one sentence per question and resulting verdict, the alternatives joined
 * ("If the code today were Python or a mix of languages, the verdict would be a hybrid…"), in reading
 * order. The flips themselves stay one entry per change.
 */
export function readableFlips(flips: readonly Flip[], answers: Answers): string[] {
  const groups = new Map<string, Flip[]>();
  for (const flip of flips) {
    const change = describeChange(flip.question, flip.to, answers[flip.question]);
    const key = [flip.question, flip.verdict, flip.closeCall, change.added].join('\u0000');
    const group = groups.get(key);
    if (group) group.push(flip);
    else groups.set(key, [flip]);
  }
  return [...groups.values()]
    .sort((x, y) => readingRank(x[0]?.question ?? 'workload') - readingRank(y[0]?.question ?? 'workload'))
    .map((group) => {
      const first = group[0];
      if (!first) return '';
      if (group.length === 1) return first.text;
      const changes = group.map((f) => describeChange(f.question, f.to, answers[f.question]));
      return `${supposing(first.question, changes, first.to)}, ${outcome(first.verdict, first.closeCall)}.`;
    });
}

/** "a or b", "a, b or c": options of one question, joined. */
function orList(items: readonly string[]): string {
  // A phrase with an "or" of its own ("as a cloud service or in containers") is kept apart by commas.
  if (items.some((item) => item.includes(' or ')))
    return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')}, or ${items.at(-1)}`;
  if (items.length === 2) return `either ${items[0]} or ${items[1]}`;
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
