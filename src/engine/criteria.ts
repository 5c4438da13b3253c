import type { Answers } from './questions.ts';
import type { CriterionId } from './types.ts';

export interface CriterionDefinition {
  readonly id: CriterionId;
  readonly label: string;
  /** Weight before priorities tilt it; around 1 so a reason's points read as its raw strength. */
  readonly baseWeight: number;
}

/** The framework's criteria, in the order they are reported. */
export const CRITERIA: readonly CriterionDefinition[] = [
  { id: 'performance', label: 'Performance', baseWeight: 1.2 },
  { id: 'memory', label: 'Memory', baseWeight: 1 },
  { id: 'safety', label: 'Safety', baseWeight: 1 },
  { id: 'concurrency', label: 'Concurrency', baseWeight: 0.8 },
  { id: 'productivity', label: 'Team productivity', baseWeight: 1.2 },
  { id: 'ecosystem', label: 'Ecosystem', baseWeight: 1.1 },
  { id: 'deployment', label: 'Deployment', baseWeight: 0.8 },
  { id: 'maintenance', label: 'Maintenance and cadence', baseWeight: 0.6 },
  { id: 'existing-code', label: 'Existing code', baseWeight: 1 },
];

type Priority = NonNullable<Answers['priorities']>[number];

/**
 * How each priority tilts the weights. A tilt scales a whole criterion, both sides alike, so it changes
 * what matters without deciding for a language on its own.
 */
const TILTS: Record<Priority, Partial<Record<CriterionId, number>>> = {
  // Time to market is about delivering soon (skills, stage, ready libraries), not about years of upkeep.
  'time-to-market': { productivity: 1.5, ecosystem: 1.25 },
  performance: { performance: 1.5, concurrency: 1.5, memory: 1.25 },
  safety: { safety: 1.75, maintenance: 1.25 },
  hiring: { productivity: 1.5, ecosystem: 1.25 },
  cost: { memory: 1.5, performance: 1.25, deployment: 1.25 },
};

export const CRITERION_INDEX: Readonly<Record<CriterionId, number>> = Object.fromEntries(
  CRITERIA.map((c, i) => [c.id, i]),
) as Record<CriterionId, number>;

const BASE_WEIGHTS: readonly number[] = CRITERIA.map((c) => c.baseWeight);

/** Each priority's tilt as one factor per criterion, indexed like CRITERIA, computed once. */
const TILT_FACTORS = Object.fromEntries(
  Object.entries(TILTS).map(([priority, tilt]) => [priority, CRITERIA.map((c) => tilt[c.id] ?? 1)]),
) as unknown as Record<Priority, readonly number[]>;

/** Weights after the team's priorities tilted them, indexed like CRITERIA. */
export function criterionWeights(priorities: Answers['priorities']): readonly number[] {
  if (!priorities || priorities.length === 0) return BASE_WEIGHTS;
  const weights = [...BASE_WEIGHTS];
  for (const priority of priorities) {
    const factors = TILT_FACTORS[priority];
    for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) * (factors[i] ?? 1);
  }
  return weights;
}
