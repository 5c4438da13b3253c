import type { Answers } from '../../src/engine/index.ts';

/** The framework's hybrid calibration example: a Python web service with a profiled CPU-bound hot path. */
export const HOT_PATH_SERVICE: Answers = {
  workload: 'web-backend',
  stage: 'production',
  latency: 'interactive',
  pythonSkill: 'strong',
  rustSkill: 'none',
  codebase: 'python',
  compute: 'cpu-bound',
};

/** Real-time firmware in MBs of RAM, by a team that knows Python and not Rust. */
export const FIRMWARE: Answers = {
  workload: 'embedded',
  stage: 'production',
  latency: 'realtime',
  pythonSkill: 'strong',
  rustSkill: 'none',
  memory: 'constrained',
};

/**
 * The modal's first page (the required answers) for a plain web MVP by a Python team, which gets a Python
 * verdict: the harness tests use it when the verdict itself is not what they check.
 */
export const WEB_MVP_ESSENTIALS = {
  workload: 'web-backend',
  stage: 'mvp',
  latency: 'none',
  pythonSkill: 'strong',
  rustSkill: 'none',
} as const satisfies Partial<Answers>;

/** The modal's first page for a strict-latency, high-throughput service by a team with some Rust. */
export const LOW_LATENCY_ESSENTIALS = {
  workload: 'high-throughput',
  stage: 'production',
  latency: 'strict',
  pythonSkill: 'strong',
  rustSkill: 'some',
} as const satisfies Partial<Answers>;
