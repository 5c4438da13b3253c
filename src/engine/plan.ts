import type { Answers } from './questions.ts';
import type { Plan, PlanKind, PlanPhase } from './types.ts';
import type { Decision, Signals } from './verdict.ts';

function latencyTarget(a: Answers): string {
  switch (a.latency) {
    case 'none':
      return 'a time budget per job or batch';
    case 'interactive':
      return 'p99 latency around 100 ms';
    case 'strict':
      return 'p99 latency under 10 ms';
    case 'realtime':
      return 'a worst-case deadline with no pauses';
  }
}

function memoryTarget(a: Answers): string {
  if (a.memory === 'constrained') return 'a RAM and flash budget on the device';
  if (a.memory === 'containers') return 'memory per instance';
  return 'peak memory';
}

function assess(a: Answers, s: Signals): PlanPhase {
  return {
    phase: 'Assess',
    goal: 'Turn the need into numbers before choosing what to build or move.',
    steps: [
      `Write the targets down in numbers: ${latencyTarget(a)}, throughput at peak load, and ${memoryTarget(a)}.`,
      s.pythonCode
        ? 'Profile the existing Python under realistic load (py-spy, pyinstrument) and list the functions that own most CPU time.'
        : 'Profile a realistic workload (py-spy or pyinstrument for Python, perf or cargo flamegraph for Rust) to see where the time goes.',
    ],
    exit: 'The targets are written down and a profile names the bottleneck, or shows there is none.',
  };
}

function mentoringStep(a: Answers): string {
  return a.rustMentors
    ? 'Pair each engineer with the Rust mentor on hand, who reviews every Rust change for the first months.'
    : 'Line up mentoring: hire or contract an experienced Rust engineer to review every Rust change for the first months.';
}

/** A learning path for a team that needs Rust it does not have yet; shorter for a team with some Rust. */
export function learningPathFor(a: Answers, s: Signals, hybrid: boolean): string[] {
  const path: string[] = [];
  if (a.rustSkill === 'none') {
    path.push(
      'Weeks 1-2: The Rust Programming Language, chapters 1-10, with Rustlings: ownership, borrowing, enums, error handling.',
    );
  }
  path.push('Next 2 weeks: lifetimes, traits and iterators, then a small tool written in Rust and reviewed.');
  if (s.constrainedTarget)
    path.push('Then: the Embedded Rust Book and embedded-hal on your own board, flashed with probe-rs.');
  if (hybrid)
    path.push(
      'Then: the PyO3 guide and maturin: one function that takes a whole batch and releases the GIL.',
    );
  if (a.concurrency === 'io-many' || a.workload === 'high-throughput' || a.workload === 'web-backend') {
    path.push('Then: async Rust with tokio: tasks, channels, cancellation.');
  }
  path.push(mentoringStep(a));
  return path;
}

/** Measurable thresholds that would trigger a Rust pilot, derived from the targets the answers imply. */
export function thresholdsFor(a: Answers): string[] {
  const thresholds = [
    'A profile (py-spy) shows over 50% of CPU time in pure-Python code that NumPy, Polars or a better algorithm cannot remove.',
  ];
  if (a.latency === 'none')
    thresholds.push('A job or batch takes more than twice its time budget at expected data volume.');
  if (a.latency === 'interactive')
    thresholds.push('p99 latency stays above 100 ms at expected load after Python-level optimisation.');
  if (a.latency === 'strict' || a.latency === 'realtime') {
    thresholds.push('p99 latency above 10 ms, or garbage-collector pauses visible in the latency tail.');
  }
  if (a.memory === 'containers' || a.priorities?.includes('cost')) {
    thresholds.push('Memory per instance above 512 MB, or compute spend growing faster than traffic.');
  }
  if (a.concurrency === 'cpu-parallel') {
    thresholds.push(
      'Work needs more than 4 cores in parallel and multiprocessing overhead (pickling, copies) exceeds 20% of run time.',
    );
  }
  if (a.workload === 'high-throughput' || a.concurrency === 'io-many') {
    thresholds.push('Throughput per core so low that peak load needs 3x the instances planned.');
  }
  return thresholds;
}

function rustTrial(a: Answers, s: Signals): PlanPhase {
  const steps = [
    s.constrainedTarget
      ? 'Bring up the riskiest hardware path first (a driver or the control loop) as a small crate with tests on the host and on the board.'
      : 'Build the riskiest component first (the hot path or the trickiest integration) as a small crate with tests.',
    'Set up CI: cargo fmt, clippy with warnings as errors, tests, and a criterion benchmark against the targets.',
  ];
  if (s.dataScience) {
    steps.push(
      'Keep model training and exploration in Python; export the model (e.g. ONNX) for the Rust runtime on the device.',
    );
  }
  if (a.deployment === 'desktop-cli') {
    steps.push(
      'Release single static binaries per platform from CI (cargo-dist or cross), signed where the OS expects it.',
    );
  }
  return {
    phase: 'Trial',
    goal: 'Prove the riskiest part in Rust against the targets.',
    steps,
    exit: 'The pilot meets the targets in CI benchmarks and the team can change it without help.',
  };
}

const RUST_ADOPT: PlanPhase = {
  phase: 'Adopt',
  goal: "Make Rust the project's default, with the build kept fast.",
  steps: [
    'Agree conventions: crate layout, error handling (thiserror in libraries, anyhow in binaries), unsafe only with review.',
    'Keep builds fast: a workspace split into crates, incremental builds, sccache in CI.',
    'Name an owner for the toolchain and dependencies (cargo audit, cargo deny).',
  ],
  exit: 'Every change ships through CI with the benchmark guarding the targets.',
};

function pythonBuild(a: Answers): PlanPhase {
  return {
    phase: 'Build',
    goal: 'Deliver in Python, structured so a hot path could move later.',
    steps: [
      'Type hints checked by mypy or pyright, tests in pytest, dependencies locked (uv or poetry).',
      a.workload === 'data-science' || a.ecosystems?.includes('data')
        ? 'Keep heavy loops inside NumPy, Polars or PyTorch rather than plain Python.'
        : 'Keep the likely hot path behind one module with a narrow interface.',
      'Export the thresholds below as metrics, so a performance need shows up as a number, not a feeling.',
    ],
    exit: 'The product ships and the threshold metrics are on a dashboard.',
  };
}

const PYTHON_PILOT: PlanPhase = {
  phase: 'Pilot',
  goal: 'When a threshold is crossed, pilot that bottleneck in Rust.',
  steps: [
    'Move the one profiled function or module into a PyO3 crate built with maturin, taking whole batches per call.',
    'Ship abi3 wheels so one wheel per platform serves every supported Python version.',
    'Compare speed, memory and maintenance effort (review time, build time, bugs) against the Python version.',
  ],
  exit: 'The pilot beats the crossed threshold with maintenance the team accepts, or Python-level fixes suffice.',
};

function hybridExtensionPhases(): PlanPhase[] {
  return [
    {
      phase: 'Trial',
      goal: 'Move one measured bottleneck into a Rust extension.',
      steps: [
        'Create a PyO3 crate built with maturin; expose a typed function that takes a whole batch, not single items.',
        'Keep data on the Rust side across calls (pass arrays or bytes, not many small Python objects) so the boundary stays cheap.',
        'Build abi3 wheels and compare against the pure-Python version on the same benchmark.',
      ],
      exit: 'The extension meets the target on the benchmark and passes the Python test suite unchanged.',
    },
    {
      phase: 'Adopt',
      goal: 'Make the Rust core a normal part of the build.',
      steps: [
        'A CI wheel matrix with maturin-action (manylinux, musllinux, macOS, Windows); test installs on the oldest supported distribution.',
        'Cross-language tests: the Python suite runs against the extension; cargo test covers the core.',
        'Name an owner for the Rust crate and put the rest of the team on the learning path.',
      ],
      exit: 'Wheels publish from CI and more than one person can change the Rust core.',
    },
  ];
}

function hybridServicePhases(): PlanPhase[] {
  return [
    {
      phase: 'Trial',
      goal: 'Put the hot path behind a service boundary in Rust.',
      steps: [
        'Define the contract first (gRPC with protobuf, OpenAPI, or a queue message schema) with contract tests both sides run.',
        'Build the Rust service for the hot path (tokio with axum or tonic); Python keeps orchestration and calls it.',
        'Send whole units of work per call and measure the network hop against the latency budget.',
      ],
      exit: 'The service meets the target end to end, hop included, under peak load.',
    },
    {
      phase: 'Adopt',
      goal: 'Run the Rust service as its own deployable.',
      steps: [
        'Deploy and scale the service separately, with its own dashboards, alerts and SLOs.',
        'Version the contract; run the contract tests in both pipelines.',
        'Name an owner for the service and put the rest of the team on the learning path.',
      ],
      exit: 'The service is on call like any other, and a contract change cannot ship without both sides passing.',
    },
  ];
}

function phasedMigrationPhases(a: Answers): PlanPhase[] {
  return [
    {
      ...pythonBuild(a),
      phase: 'MVP',
      goal: 'Build the MVP in Python and measure it against explicit thresholds.',
    },
    {
      phase: 'Measure',
      goal: 'Find the bottleneck worth moving, with numbers.',
      steps: [
        'Load-test against the targets and profile (py-spy, pyinstrument) the paths that miss them.',
        'Rank the bottlenecks by how much of the target each one costs.',
      ],
      exit: 'A threshold is crossed on a named bottleneck.',
    },
    { ...PYTHON_PILOT, goal: 'Pilot that bottleneck in Rust, by the team members who know Rust.' },
    {
      phase: 'Contracts',
      goal: 'Make the split between languages deliberate.',
      steps: [
        'Set interface contracts (typed PyO3 signatures or a service schema) and cross-language tests.',
        'Write the team guideline: when code moves to Rust, how the benefit is measured, who owns each side.',
      ],
      exit: 'The guideline is agreed and the cross-language tests run in CI.',
    },
  ];
}

function spikePhases(a: Answers): PlanPhase[] {
  const measures = [latencyTarget(a), 'throughput per core', memoryTarget(a), 'time to build each version'];
  return [
    {
      phase: 'Spike',
      goal: 'Settle the close call with numbers, time-boxed to two weeks.',
      steps: [
        'Build the hot path twice, once in Rust and once in Python, on the same realistic input.',
        `Measure both: ${measures.join(', ')}.`,
        'Ask the people who built each version what they would rather maintain for a year.',
      ],
      exit: 'One side wins on the targets by a clear margin, or Python, cheaper to start, wins the tie.',
    },
    {
      phase: 'Decide',
      goal: 'Record the decision with its evidence.',
      steps: [
        'Put the spike numbers in the decision record.',
        'Answer the questionnaire again with what the spike showed (compute, latency, memory).',
      ],
      exit: 'The decision record is accepted with the spike numbers in it.',
    },
  ];
}

const SUMMARIES: Readonly<Record<PlanKind, string>> = {
  'rust-first': 'Build in Rust from the start: prove the riskiest part, then adopt.',
  'rust-with-learning-path':
    'Build in Rust, and get the team fluent first: a learning path with a mentor, then trial and adopt.',
  'python-first': 'Build in Python; watch the thresholds that would make Rust worth a look.',
  'python-with-rust-pilot':
    'Build in Python now; pilot the bottleneck in Rust when a measured threshold is crossed.',
  'hybrid-extension':
    'Keep Python and move the measured hot path into a Rust extension (PyO3 + maturin, abi3 wheels).',
  'hybrid-service':
    'Keep Python for orchestration and put the hot path in a Rust service behind a contract (HTTP, gRPC or a queue).',
  'phased-migration':
    'Migrate in phases: MVP in Python, measure against thresholds, pilot the bottleneck in Rust, then set contracts.',
  spike: 'Too close to call: run a short spike that measures both and decide on the numbers.',
};

function planKind(d: Decision, a: Answers, s: Signals): PlanKind {
  if (d.closeCall) return 'spike';
  if (d.verdict === 'rust') return a.rustSkill === 'none' ? 'rust-with-learning-path' : 'rust-first';
  if (d.verdict === 'python')
    return s.performanceNeed || s.staged ? 'python-with-rust-pilot' : 'python-first';
  if (d.rule === 'phased-migration') return 'phased-migration';
  const mustScaleSeparately =
    a.workload !== 'python-extension' &&
    a.deployment !== 'python-package' &&
    (a.deployment === 'cloud-service' || a.deployment === 'serverless' || a.workload === 'high-throughput');
  return mustScaleSeparately ? 'hybrid-service' : 'hybrid-extension';
}

function phasesFor(kind: PlanKind, a: Answers, s: Signals): PlanPhase[] {
  switch (kind) {
    case 'rust-first':
      return [assess(a, s), rustTrial(a, s), RUST_ADOPT];
    case 'rust-with-learning-path':
      return [
        {
          phase: 'Learn',
          goal: 'Get the team productive in Rust before the hard parts.',
          steps: [
            'Follow the learning path below, two to four weeks before product code.',
            mentoringStep(a),
            'Write a throwaway tool in Rust first, reviewed line by line.',
          ],
          exit: 'Everyone has merged reviewed Rust and can explain the ownership errors the compiler reports.',
        },
        assess(a, s),
        rustTrial(a, s),
        RUST_ADOPT,
      ];
    case 'python-first':
      return [assess(a, s), pythonBuild(a)];
    case 'python-with-rust-pilot':
      return [assess(a, s), pythonBuild(a), PYTHON_PILOT];
    case 'hybrid-extension':
      return [assess(a, s), ...hybridExtensionPhases()];
    case 'hybrid-service':
      return [assess(a, s), ...hybridServicePhases()];
    case 'phased-migration':
      return phasedMigrationPhases(a);
    case 'spike':
      return [assess(a, s), ...spikePhases(a)];
  }
}

export function buildPlan(d: Decision, a: Answers, s: Signals): Plan {
  const kind = planKind(d, a, s);
  const needsRust = d.verdict !== 'python' && !d.closeCall && a.rustSkill !== 'strong';
  return {
    kind,
    summary: SUMMARIES[kind],
    steps: phasesFor(kind, a, s),
    ...(needsRust ? { learningPath: learningPathFor(a, s, d.verdict === 'hybrid') } : {}),
    ...(d.verdict === 'python' || kind === 'phased-migration' ? { thresholds: thresholdsFor(a) } : {}),
  };
}
