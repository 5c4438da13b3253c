import type { Answers, QuestionId } from './questions.ts';

export type Verdict = 'rust' | 'python' | 'hybrid';
export type Side = 'rust' | 'python';

/** An answer that produced a reason: `{ question: 'latency', value: 'strict' }`. */
export interface Citation {
  readonly question: QuestionId;
  readonly value: string;
}

/** One weighed consideration, tied to the answers that produced it. */
export interface Reason {
  /** Plain sentence, e.g. "Strict latency with a CPU-bound hot path: no GC pauses, near-C speed." */
  readonly text: string;
  readonly side: Side;
  /** Weighted points this reason adds to its side. */
  readonly points: number;
  readonly cites: readonly Citation[];
}

/** The framework's criteria, in the order a recommendation reports them. */
export const CRITERION_IDS = [
  'performance',
  'memory',
  'safety',
  'concurrency',
  'productivity',
  'ecosystem',
  'deployment',
  'maintenance',
  'existing-code',
] as const;

export type CriterionId = (typeof CRITERION_IDS)[number];

export interface CriterionResult {
  readonly id: CriterionId;
  readonly label: string;
  /** Weight after priorities tilted it. */
  readonly weight: number;
  /** Weighted contribution to each side. */
  readonly rust: number;
  readonly python: number;
  readonly reasons: readonly Reason[];
}

/** Whether a reason argues for the verdict given or against it. */
export type Stance = 'for' | 'against';

/** One of the strongest reasons, labelled for or against the verdict. */
export interface RankedReason extends Reason {
  readonly stance: Stance;
}

/** A pro or con of the verdict for this team and project. */
export interface Point {
  readonly text: string;
  /** The answers that make it true for this project: never empty. */
  readonly cites: readonly QuestionId[];
}

export interface PlanPhase {
  /** e.g. "Assess", "Trial", "Adopt", "Learn". */
  readonly phase: string;
  readonly goal: string;
  readonly steps: readonly string[];
  /** What must be true to leave this phase. */
  readonly exit: string;
}

export type PlanKind =
  | 'rust-first'
  | 'rust-incremental'
  | 'rust-with-learning-path'
  | 'python-first'
  | 'python-with-rust-pilot'
  | 'hybrid-extension'
  | 'hybrid-service'
  | 'phased-migration'
  | 'spike';

export interface Plan {
  readonly kind: PlanKind;
  readonly summary: string;
  readonly steps: readonly PlanPhase[];
  /** Present when the plan needs a language the team does not have yet; `learning` names it. */
  readonly learningPath?: readonly string[];
  /** The language the learning path teaches, or both (absent with the path). */
  readonly learning?: Side | 'both';
  /** For a Python verdict: measurable thresholds that would trigger a Rust pilot. */
  readonly thresholds?: readonly string[];
}

export interface Risk {
  readonly risk: string;
  readonly mitigation: string;
  /** The answers that make it a risk for this project: never empty. */
  readonly cites: readonly QuestionId[];
}

/** Questions a flip can change: every one but the free-text description. */
export type FlipQuestionId = Exclude<QuestionId, 'description'>;

/**
 * A single-answer change that changes the verdict, found by re-running the engine. `to` is the new answer:
 * an option value (single choice), the whole new list (ecosystems, priorities: one option added or removed),
 * or the new yes/no (rustMentors).
 */
export interface Flip {
  readonly question: FlipQuestionId;
  readonly to: string | readonly string[] | boolean;
  readonly verdict: Verdict;
  /** The new verdict would only be a lean: the scores within 10 points and no rule deciding. */
  readonly closeCall: boolean;
  /** The change in a plain sentence: "If the p99 target were under 10 ms, the verdict would be Rust." */
  readonly text: string;
}

/** Which rule of the framework settled the verdict; `margin` means the scores alone did. */
export type VerdictRuleId =
  | 'constrained-target'
  | 'data-ecosystem'
  | 'python-hot-path'
  | 'latency-cpu'
  | 'staged-python'
  | 'close-call'
  | 'phased-migration'
  | 'python-code-anchor'
  | 'margin';

/** The rule behind the verdict, in words, citing the answers it rests on. */
export interface DecidingRule {
  readonly id: VerdictRuleId;
  readonly text: string;
  readonly cites: readonly Citation[];
  /** The criterion that weighs most for the verdict (for a hybrid: for its Rust core). */
  readonly driver: CriterionId;
  /** True when the verdict goes against the side the scores lean to. */
  readonly againstScores: boolean;
}

/** Another rule that applies to these answers and pulls towards a different verdict. */
export interface RuleConflict {
  readonly rule: VerdictRuleId;
  /** The verdict that rule alone would give. */
  readonly verdict: Verdict;
  /** Both rules named, and what would settle it. */
  readonly text: string;
  readonly cites: readonly Citation[];
}

export interface Recommendation {
  readonly verdict: Verdict;
  readonly headline: string;
  /** 0-100: see confidenceNote for how it was reached. */
  readonly confidence: number;
  /** The confidence explained in one sentence. */
  readonly confidenceNote: string;
  /** The scores are within 10 points and no hard rule decides: the verdict is a lean. */
  readonly closeCall: boolean;
  /** What settled the verdict: a rule of the framework, or the scores (`margin`, `close-call`). */
  readonly decidedBy: DecidingRule;
  /** Other rules that apply and pull another way (empty when none do). */
  readonly conflicts: readonly RuleConflict[];
  /** Each 0-100; `rust - python` is the margin the verdict rests on. */
  readonly scores: { readonly rust: number; readonly python: number };
  readonly criteria: readonly CriterionResult[];
  /** The strongest few reasons across criteria, strongest first, each labelled for or against the verdict. */
  readonly topReasons: readonly RankedReason[];
  readonly pros: readonly Point[];
  readonly cons: readonly Point[];
  readonly plan: Plan;
  readonly risks: readonly Risk[];
  readonly flips: readonly Flip[];
  /** The validated answers this recommendation was computed from. */
  readonly answers: Answers;
}
