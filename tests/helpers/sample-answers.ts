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
