import { answerInWords } from './adr.ts';
import { criterionWeights } from './criteria.ts';
import { listing, VERDICT_NAMES } from './explain.ts';
import { choiceAfterChange, readingRank } from './flips.ts';
import {
  type Answers,
  type MultiChoiceQuestion,
  QUESTIONS,
  type Question,
  type SingleChoiceId,
  type SingleChoiceQuestion,
} from './questions.ts';
import { canonicalAnswers, recommend } from './recommend.ts';
import { contributionPoints } from './scoring.ts';
import type { FlipQuestionId, Recommendation, Verdict } from './types.ts';

/** One teammate's answers in a team round. */
export interface TeamView {
  /** Who gave it (a Slack user id, a name): one view per person. */
  readonly person: string;
  readonly answers: Answers;
}

/** An answer as a view gives it: an option, a list of options, yes/no, or undefined when it was left out. */
export type ViewAnswer = string | readonly string[] | boolean | undefined;

/**
 * How the team's answer to a question was reached:
 * - `median`: an ordered question, the middle view (or the two middle views agree);
 * - `even-split`: an ordered question whose two middle views differ: the one making the weaker case for Rust;
 * - `most-common`: an unordered question, the one answer given most;
 * - `tie`: an unordered question with several answers given most: the organiser's, or the first of them in
 *   the questionnaire's order when the organiser's is not among them;
 * - `at-least-half`: a list, the options chosen by at least half the views that answered (priorities: the two
 *   chosen most);
 * - `anyone`: Rust mentors, yes when anyone says so;
 * - `left-out`: fewer than half the views answered this optional question.
 */
export type CombinedBy =
  | 'median'
  | 'even-split'
  | 'most-common'
  | 'tie'
  | 'at-least-half'
  | 'anyone'
  | 'left-out';

/** One distinct answer among the views, who gave it, and the team's verdict were it the team's answer. */
export interface AnswerGroup {
  readonly answer: ViewAnswer;
  /** The answer by its option labels: "Strict: p99 under 10 ms", "Machine learning, Web frameworks", "Not answered". */
  readonly words: string;
  readonly count: number;
  /** The organiser first if among them, then the others in code-unit order (never the order of the views). */
  readonly people: readonly string[];
  /** recommend(team answers with this answer in place of the team's): its verdict and whether a close call. */
  readonly verdict: Verdict;
  readonly closeCall: boolean;
}

/** A question the views answer differently. */
export interface Disagreement {
  readonly question: FlipQuestionId;
  /** Short name of the question: "Latency". */
  readonly name: string;
  /** Each distinct answer, the most given first (ties in the questionnaire's option order, "Not answered" last). */
  readonly answers: readonly AnswerGroup[];
  /** "Latency: 2 × Strict: p99 under 10 ms, 1 × Interactive: p99 around 100 ms". */
  readonly spread: string;
  /** The team's answer to this question and how it was reached. */
  readonly teamAnswer: ViewAnswer;
  readonly combinedBy: CombinedBy;
  /** True when one of the answers given, in the team's answers' place, gives another verdict than the team's. */
  readonly decides: boolean;
  /** A concrete way to settle the question: "measure the p99 …". */
  readonly settle: string;
  /** "This disagreement decides the verdict: settle it first (…). With …" or "The verdict is the same whichever of these is true." */
  readonly text: string;
}

/** One person's own verdict, recommend(their answers), to show beside the team's. */
export interface PersonVerdict {
  readonly person: string;
  readonly verdict: Verdict;
  readonly closeCall: boolean;
  readonly confidence: number;
}

export interface TeamResult {
  /** The combined answers, canonical (questionnaire order, lists in option order). */
  readonly answers: Answers;
  /** recommend(answers). */
  readonly recommendation: Recommendation;
  /** How many views it rests on. */
  readonly views: number;
  /** Deciding disagreements first, then the others; each group in the flips' reading order. */
  readonly disagreements: readonly Disagreement[];
  /** The organiser first, then the others in code-unit order of `person`. */
  readonly perPerson: readonly PersonVerdict[];
  /**
   * Where a combination rule did more than take what everyone said, in words, in questionnaire order: the two
   * middle views differ (the even-split rule), a tie, a question left out, priorities capped at two, a mentor
   * known to some of the team only.
   */
  readonly notes: readonly string[];
}

/**
 * How a single-choice question's options are ordered: `unordered`, or a scale on which later options raise
 * the case for Rust (`towards-rust`) or for Python (`towards-python`). The one place this is said; a test
 * checks each direction against the engine's scores.
 */
export type Scale = 'unordered' | 'towards-rust' | 'towards-python';

export const SCALES: Readonly<Record<SingleChoiceId, Scale>> = {
  workload: 'unordered',
  // Prototype, MVP, production: a long-lived system rewards Rust's safety and predictability.
  stage: 'towards-rust',
  latency: 'towards-rust',
  pythonSkill: 'towards-python',
  rustSkill: 'towards-rust',
  // I/O-bound, mixed, CPU-bound.
  compute: 'towards-rust',
  // In Python code, in native code, not profiled: not a scale ("not profiled" lies between the other two).
  hotPath: 'unordered',
  memory: 'towards-rust',
  // Little, many connections, CPU parallelism: asyncio handles many connections, so not a scale for Rust.
  concurrency: 'unordered',
  safety: 'towards-rust',
  codebase: 'unordered',
  deployment: 'unordered',
  // Rapid, steady, stable: stable long-lived releases favour the stricter language.
  cadence: 'towards-rust',
};

/** Short names of the questions, for spreads and notes. */
export const QUESTION_NAMES: Readonly<Record<FlipQuestionId, string>> = {
  workload: 'Kind of project',
  stage: 'Stage',
  latency: 'Latency',
  pythonSkill: 'Python skill',
  rustSkill: 'Rust skill',
  compute: 'Where the time goes',
  hotPath: 'Hot path',
  memory: 'Memory',
  concurrency: 'Concurrency',
  safety: 'Sensitivity',
  codebase: 'Existing code',
  deployment: 'Where it runs',
  cadence: 'Pace of change',
  ecosystems: 'Library ecosystems',
  priorities: 'Priorities',
  rustMentors: 'Rust mentor',
};

/** A concrete way to settle what the team disagrees on, question by question. */
const SETTLE: Readonly<Record<FlipQuestionId, string>> = {
  workload: 'write down in one sentence what is being built and which part of it matters most',
  stage: 'agree how long it must live and when the first version is due',
  latency:
    'agree the p99 the users need with whoever owns the product, then measure the p99 a Python version reaches on realistic input',
  pythonSkill: 'list who on the team has shipped Python, and what: skill is what has been shipped',
  rustSkill: 'list who on the team has shipped Rust, and what: skill is what has been shipped',
  compute: 'profile a realistic run: it shows whether the time goes to waiting on I/O or to computation',
  hotPath:
    'profile the hot path on realistic input: it shows whether the time is in Python code or already in native libraries',
  memory: "check the RAM it will have: the device's datasheet, or the container's limit and what it costs",
  concurrency: 'estimate the peak: how many connections at once, and whether the work must use several cores',
  safety: 'list where untrusted input enters and what a failure would cost',
  codebase: 'list the code it starts from: what is reused, and in which language',
  deployment: 'agree where the first release runs and who installs it',
  cadence: 'look at how often the requirements changed over the last few months and what the roadmap expects',
  ecosystems: 'list the libraries the first version needs at run time',
  priorities: 'agree the top two priorities with whoever owns the outcome',
  rustMentors: 'name the person who knows Rust well and ask whether they have time to review and pair',
};

const NOT_ANSWERED = 'Not answered';

interface Combined {
  readonly value: ViewAnswer;
  readonly by: CombinedBy;
  readonly note?: string;
}

function keyOf(value: ViewAnswer): string {
  return value === undefined ? '' : JSON.stringify(value);
}

function wordsOf(question: FlipQuestionId, value: ViewAnswer): string {
  return value === undefined ? NOT_ANSWERED : answerInWords(question, value);
}

function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where an answer sorts among the answers to its question: option order, yes before no, left out last. */
function orderKey(q: Question, v: ViewAnswer): number[] {
  if (v === undefined) return [Number.POSITIVE_INFINITY];
  if (typeof v === 'boolean') return [v ? 0 : 1];
  if (q.kind !== 'single' && q.kind !== 'multi') return [];
  const index = (value: string) => q.options.findIndex((o) => o.value === value);
  return typeof v === 'string' ? [index(v)] : v.map(index);
}

function compareKeys(x: readonly number[], y: readonly number[]): number {
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Fewer than half the views answered an optional question: the team's answers leave it out. */
function tooFewAnswered(name: string, answered: number, views: number): Combined | undefined {
  if (2 * answered >= views) return undefined;
  return {
    value: undefined,
    by: 'left-out',
    note:
      answered === 0
        ? undefined
        : `${name}: only ${answered} of ${views} views answered it, fewer than half, so the team's answers leave it out (a question left out weighs nothing either way).`,
  };
}

/** The median of an ordered question; with the two middle views apart, the one making the weaker case for Rust. */
function combineOrdered(
  q: SingleChoiceQuestion,
  scale: Exclude<Scale, 'unordered'>,
  given: readonly string[],
  views: number,
): Combined {
  const name = QUESTION_NAMES[q.id as FlipQuestionId];
  const left = tooFewAnswered(name, given.length, views);
  if (left) return left;
  const positions = given.map((v) => q.options.findIndex((o) => o.value === v)).sort((x, y) => x - y);
  const n = positions.length;
  const lower = positions[Math.floor((n - 1) / 2)] ?? 0;
  const upper = positions[Math.floor(n / 2)] ?? 0;
  const valueAt = (i: number) => q.options[i]?.value ?? '';
  if (lower === upper) return { value: valueAt(lower), by: 'median' };
  const towardsRust = scale === 'towards-rust';
  const chosen = valueAt(towardsRust ? lower : upper);
  const words = (i: number) => answerInWords(q.id, valueAt(i));
  const why = towardsRust
    ? `the lower, ${words(lower)}, so it never makes a stronger case for Rust than half the team sees`
    : `the higher, ${words(upper)}, the one making the weaker case for Rust, so it never leans further towards Rust than half the team sees`;
  return {
    value: chosen,
    by: 'even-split',
    note: `${name}: the two middle answers of ${n === views ? `${n} views` : `the ${n} views that answered`} are ${words(lower)} and ${words(upper)}; the team's answer is ${why}.`,
  };
}

/** The most common answer to an unordered question; a tie goes to the organiser's, else to option order. */
function combineUnordered(
  q: SingleChoiceQuestion,
  given: readonly string[],
  organiser: string | undefined,
  views: number,
): Combined {
  const name = QUESTION_NAMES[q.id as FlipQuestionId];
  const left = tooFewAnswered(name, given.length, views);
  if (left) return left;
  const counts = q.options.map((o) => given.filter((v) => v === o.value).length);
  const most = Math.max(...counts);
  const tied = q.options.filter((_, i) => counts[i] === most).map((o) => o.value);
  const first = tied[0] ?? '';
  if (tied.length === 1) return { value: first, by: 'most-common' };
  const words = listing(tied.map((v) => answerInWords(q.id, v)));
  const each = `${most} ${most === 1 ? 'view' : 'views'} each`;
  if (organiser !== undefined && tied.includes(organiser)) {
    return {
      value: organiser,
      by: 'tie',
      note: `${name}: a tie between ${words} (${each}); the organiser's view, ${answerInWords(q.id, organiser)}, breaks it.`,
    };
  }
  const organiserWords =
    organiser === undefined ? 'the organiser did not answer it' : "the organiser's view is not among them";
  return {
    value: first,
    by: 'tie',
    note: `${name}: a tie between ${words} (${each}); ${organiserWords}, so the first in the questionnaire's order, ${answerInWords(q.id, first)}, is taken.`,
  };
}

/** The options chosen by at least half the views that answered, at most `maxItems` (the ones chosen most). */
function combineList(q: MultiChoiceQuestion, given: readonly (readonly string[])[], views: number): Combined {
  const name = QUESTION_NAMES[q.id as FlipQuestionId];
  const left = tooFewAnswered(name, given.length, views);
  if (left) return left;
  const counts = new Map(
    q.options.map((o) => [o.value, given.filter((list) => list.includes(o.value)).length]),
  );
  const chosen = q.options.map((o) => o.value).filter((v) => 2 * (counts.get(v) ?? 0) >= given.length);
  if (q.maxItems === undefined || chosen.length <= q.maxItems) return { value: chosen, by: 'at-least-half' };
  // Stable sort: equal counts keep the option order.
  const kept = [...chosen].sort((x, y) => (counts.get(y) ?? 0) - (counts.get(x) ?? 0)).slice(0, q.maxItems);
  const value = chosen.filter((v) => kept.includes(v));
  return {
    value,
    by: 'at-least-half',
    note: `${name}: ${listing(chosen.map((v) => answerInWords(q.id, v)))} were each chosen by at least half the views; the ${q.maxItems} chosen most are kept (equal counts in the questionnaire's order): ${listing(value.map((v) => answerInWords(q.id, v)))}.`,
  };
}

/** Yes when anyone knows of a mentor; otherwise no, unless fewer than half the views answered. */
function combineMentors(given: readonly boolean[], views: number): Combined {
  const name = QUESTION_NAMES.rustMentors;
  const yes = given.filter((v) => v).length;
  if (yes === 0) return tooFewAnswered(name, given.length, views) ?? { value: false, by: 'anyone' };
  return {
    value: true,
    by: 'anyone',
    note:
      yes === views
        ? undefined
        : `${name}: ${yes} of ${views} views say someone on hand knows Rust well, so the team's answer is yes (one mentor is enough).`,
  };
}

/** The organiser first, then everyone else in code-unit order: never the order the views came in. */
function byPerson(organiser: string): (a: string, b: string) => number {
  return (a, b) => (a === organiser ? -1 : b === organiser ? 1 : codeUnitOrder(a, b));
}

/** "Strict: p99 under 10 ms, 1 × …" joined with semicolons when an answer has commas of its own. */
function joinAnswers(items: readonly string[]): string {
  return items.join(items.some((item) => item.includes(',')) ? '; ' : ', ');
}

function orWords(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

function verdictWords(verdict: Verdict, closeCall: boolean): string {
  return closeCall ? `${VERDICT_NAMES[verdict]} (a close call)` : VERDICT_NAMES[verdict];
}

/** What each answer would make the verdict: "With A, the team's verdict would be Rust; with B or C, Python." */
function outcomes(groups: readonly AnswerGroup[]): string {
  const byOutcome = new Map<string, AnswerGroup[]>();
  for (const g of groups) {
    const key = `${g.verdict}/${g.closeCall}`;
    const same = byOutcome.get(key);
    if (same) same.push(g);
    else byOutcome.set(key, [g]);
  }
  const parts = [...byOutcome.values()].map((same, i) => {
    const first = same[0] as AnswerGroup;
    const words = orWords(same.map((g) => (g.answer === undefined ? 'no answer' : g.words)));
    const verdict = verdictWords(first.verdict, first.closeCall);
    return i === 0 ? `With ${words}, the team's verdict would be ${verdict}` : `with ${words}, ${verdict}`;
  });
  return `${parts.join('; ')}.`;
}

/**
 * The team's answers from several teammates' views, the verdict on them, where the views differ and whether
 * each difference decides the verdict, and each person's own verdict. The first view is the organiser's:
 * it breaks ties and gives the description, and nothing else depends on the order of the views.
 * Pure and deterministic. Throws a RangeError for no views or two views by one person.
 *
 * - Ordered single-choice questions (SCALES): the median view; when the two middle views differ (an even
 *   number), the one making the weaker case for Rust: the lower on a scale towards Rust, the higher on
 *   Python skill.
 * - Unordered single-choice questions: the most common; a tie goes to the organiser's view when it is
 *   among the tied ones, else to the first of them in the questionnaire's option order.
 * - Lists: the options chosen by at least half the views that answered; priorities capped at two, the ones
 *   chosen most (equal counts in option order).
 * - Rust mentors: yes if anyone says so. The description: the organiser's.
 * - An optional question fewer than half the views answered is left out (it weighs nothing).
 */
export function combineViews(views: readonly TeamView[]): TeamResult {
  const organiserView = views[0];
  if (!organiserView) throw new RangeError('combineViews needs at least one view: the organiser’s');
  const people = new Set(views.map((v) => v.person));
  if (people.size !== views.length) throw new RangeError('combineViews takes one view per person');
  const organiser = organiserView.person;
  const order = byPerson(organiser);
  const sorted = [...views]
    .map((v) => ({ person: v.person, answers: canonicalAnswers(v.answers) }))
    .sort((x, y) => order(x.person, y.person));
  const n = sorted.length;
  const organiserAnswers = sorted[0]?.answers ?? organiserView.answers;

  const combined: Record<string, unknown> = {};
  const how = new Map<FlipQuestionId, CombinedBy>();
  const notes: string[] = [];
  for (const q of QUESTIONS) {
    if (q.kind === 'text') {
      if (organiserAnswers[q.id] !== undefined) combined[q.id] = organiserAnswers[q.id];
      continue;
    }
    const id = q.id as FlipQuestionId;
    const given = sorted.map((v): unknown => v.answers[id]).filter((v) => v !== undefined);
    let result: Combined;
    if (q.kind === 'single') {
      const scale = SCALES[q.id as SingleChoiceId];
      result =
        scale === 'unordered'
          ? combineUnordered(q, given as string[], organiserAnswers[id] as string | undefined, n)
          : combineOrdered(q, scale, given as string[], n);
    } else if (q.kind === 'multi') {
      result = combineList(q, given as string[][], n);
    } else {
      result = combineMentors(given as boolean[], n);
    }
    if (result.value !== undefined) combined[id] = result.value;
    how.set(id, result.by);
    if (result.note) notes.push(result.note);
  }
  const answers = canonicalAnswers(combined as Answers);
  const recommendation = recommend(answers);

  // The verdict with one question's answer replaced, re-run as the flips re-run it.
  const weights = criterionWeights(answers.priorities);
  const base = contributionPoints(answers, weights);
  const disagreements: Disagreement[] = [];
  for (const q of QUESTIONS) {
    if (q.kind === 'text') continue;
    const id = q.id as FlipQuestionId;
    const groups = new Map<string, { answer: ViewAnswer; people: string[] }>();
    for (const view of sorted) {
      const answer = view.answers[id] as ViewAnswer;
      const key = keyOf(answer);
      const group = groups.get(key);
      if (group) group.people.push(view.person);
      else groups.set(key, { answer, people: [view.person] });
    }
    if (groups.size < 2) continue;
    const answerGroups: AnswerGroup[] = [...groups.values()]
      .sort(
        (x, y) =>
          y.people.length - x.people.length || compareKeys(orderKey(q, x.answer), orderKey(q, y.answer)),
      )
      .map(({ answer, people: who }) => {
        const { verdict, closeCall } = choiceAfterChange(
          { ...answers, [id]: answer } as Answers,
          id,
          weights,
          base,
        );
        return { answer, words: wordsOf(id, answer), count: who.length, people: who, verdict, closeCall };
      });
    const decides = answerGroups.some((g) => g.verdict !== recommendation.verdict);
    const settle = SETTLE[id];
    const name = QUESTION_NAMES[id];
    disagreements.push({
      question: id,
      name,
      answers: answerGroups,
      spread: `${name}: ${joinAnswers(answerGroups.map((g) => `${g.count} × ${g.words}`))}`,
      teamAnswer: answers[id] as ViewAnswer,
      combinedBy: how.get(id) ?? 'median',
      decides,
      settle,
      text: decides
        ? `This disagreement decides the verdict: settle it first (${settle}). ${outcomes(answerGroups)}`
        : 'The verdict is the same whichever of these is true.',
    });
  }
  disagreements.sort(
    (x, y) => Number(y.decides) - Number(x.decides) || readingRank(x.question) - readingRank(y.question),
  );

  const perPerson = sorted.map(({ person, answers: theirs }) => {
    const own = recommend(theirs);
    return { person, verdict: own.verdict, closeCall: own.closeCall, confidence: own.confidence };
  });

  return { answers, recommendation, views: n, disagreements, perPerson, notes };
}
