import type { Answers, QuestionId, SingleChoiceId } from './questions.ts';

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

/** A pro or con of the verdict for this team and project. */
export interface Point {
  readonly text: string;
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
  /** Present when the team needs Rust it does not have yet. */
  readonly learningPath?: readonly string[];
  /** For a Python verdict: measurable thresholds that would trigger a Rust pilot. */
  readonly thresholds?: readonly string[];
}

export interface Risk {
  readonly risk: string;
  readonly mitigation: string;
}

/** A single-answer change that changes the verdict, found by re-running the engine. */
export interface Flip {
  readonly question: SingleChoiceId;
  readonly to: string;
  readonly verdict: Verdict;
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
}

export interface Recommendation {
  readonly verdict: Verdict;
  readonly headline: string;
  /** 0-100, reflecting the margin. */
  readonly confidence: number;
  readonly closeCall: boolean;
  /** The rule that settled the verdict (optional field: absent in older payloads). */
  readonly decidedBy?: DecidingRule;
  /** Each 0-100; `rust - python` is the margin the verdict rests on. */
  readonly scores: { readonly rust: number; readonly python: number };
  readonly criteria: readonly CriterionResult[];
  /** The strongest few reasons across criteria, strongest first. */
  readonly topReasons: readonly Reason[];
  readonly pros: readonly Point[];
  readonly cons: readonly Point[];
  readonly plan: Plan;
  readonly risks: readonly Risk[];
  readonly flips: readonly Flip[];
  /** The validated answers this recommendation was computed from. */
  readonly answers: Answers;
}
