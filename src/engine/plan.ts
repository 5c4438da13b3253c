import type { Answers } from './questions.ts';
import type { DecidingRule, Plan, PlanKind, PlanPhase, Side } from './types.ts';
import type { Decision, Signals } from './verdict.ts';

/**
 * Where the Rust of a hybrid (or of a Python plan's pilot) ends up. A Python package ships wheels; an app
 * bundles the extension; a service builds it into its image. The deployment, when given, outranks the
 * workload: a "Python library" that is said to run as a desktop app is bundled, not published.
 */
type Distribution = 'package' | 'bundled' | 'edge' | 'image' | 'function' | 'pyodide' | 'unstated';

function distributionOf(a: Answers): Distribution {
  switch (a.deployment) {
    case 'python-package':
      return 'package';
    case 'desktop-cli':
      return 'bundled';
    case 'edge-device':
      return 'edge';
    case 'cloud-service':
      return 'image';
    case 'serverless':
      return 'function';
    case 'wasm':
      return 'pyodide';
    case undefined:
      return a.workload === 'python-extension' ? 'package' : 'unstated';
  }
}

/** Distributed as a Python package: the only case where wheels on PyPI are part of the plan. */
export function distributedAsPythonPackage(a: Answers): boolean {
  return distributionOf(a) === 'package';
}

/** Which code exists today, as far as the plan's steps care (mixed code counts as Python: signals do too). */
type ExistingCode = 'python' | 'rust' | 'native' | 'none';

function existingCode(a: Answers, s: Signals): ExistingCode {
  if (s.pythonCode) return 'python';
  if (a.codebase === 'rust') return 'rust';
  if (a.codebase === 'other-native') return 'native';
  return 'none';
}

/** Memory-safety work belongs in the plan when safety drives the verdict or the Rust of a Rust/hybrid one. */
function safetyFocus(d: Decision, rule: DecidingRule, s: Signals): boolean {
  return s.safetyDriven && (rule.driver === 'safety' || d.verdict !== 'python');
}

/** What the Rust part holds, in the terms of what made the plan choose Rust. */
function rustCoreOf(rule: DecidingRule, a: Answers, s: Signals): string {
  if (rule.driver === 'safety' && s.safetyDriven) {
    return a.safety === 'critical'
      ? 'the safety-critical component'
      : 'the code that handles untrusted input';
  }
  if (s.tightLatency && s.cpuBound) return 'the latency-critical path';
  if (a.concurrency === 'cpu-parallel' && !s.hotPathInPython) return 'the parallel work';
  return 'the measured hot path';
}

function latencyTarget(a: Answers, s: Signals): string {
  switch (a.latency) {
    case 'none':
      return 'the time a job or batch may take';
    case 'interactive':
      return 'p99 latency around 100 ms';
    case 'strict':
      return 'p99 latency under 10 ms';
    case 'realtime':
      return s.firmware
        ? 'the worst-case deadline of each control loop, in microseconds'
        : 'a worst-case deadline with no pauses';
  }
}

function memoryTarget(a: Answers, s: Signals): string {
  if (s.firmware)
    return 'the RAM and flash budget in kilobytes, what the chip leaves after the HAL and buffers';
  if (a.memory === 'containers') return 'memory per instance';
  return 'peak memory';
}

function loadTarget(a: Answers, s: Signals): string | undefined {
  if (s.firmware) return undefined;
  if (a.deployment === 'desktop-cli') return "start-up time on users' machines";
  if (a.deployment === 'wasm') return 'download size and time to interactive';
  if (a.workload === 'data-pipeline') return 'records per second at the expected volume';
  // Notebooks and scripts have no peak load to speak of.
  if (a.workload === 'data-science' || a.workload === 'cli-tooling') return undefined;
  return 'throughput at peak load';
}

function targets(a: Answers, s: Signals): string {
  return [latencyTarget(a, s), loadTarget(a, s), memoryTarget(a, s)]
    .filter((t): t is string => t !== undefined)
    .join('; ');
}

/** The profiler for the code that exists, or the first version when nothing does yet. */
function profileWhat(code: ExistingCode): string {
  switch (code) {
    case 'python':
      return 'the existing Python under realistic load (py-spy, pyinstrument)';
    case 'rust':
      return 'the existing Rust under realistic load (cargo flamegraph, perf)';
    case 'native':
      return 'the existing C/C++ under realistic load (perf, flame graphs)';
    case 'none':
      return 'a first working version of the hot path on realistic input';
  }
}

/** The measuring step of Assess, and what leaving the phase then requires. */
function measuring(d: Decision, rule: DecidingRule, a: Answers, s: Signals): { step?: string; exit: string } {
  const code = existingCode(a, s);
  const profiled = 'The targets are written down and a profile names the bottleneck, or shows there is none.';
  if (s.firmware) {
    return {
      step: 'Measure on the board, not on a laptop: cycle counts (the DWT cycle counter) or a logic analyser for timing, cargo size for flash.',
      exit: `${a.latency === 'none' ? 'The timing targets' : 'The deadline'} and the RAM and flash budget are written down in numbers, for the chosen chip.`,
    };
  }
  // Time spent in NumPy or PyTorch is a Python program's, whatever else the codebase holds.
  if (s.nativeHotPath && d.verdict !== 'rust') {
    const what = code === 'python' ? profileWhat(code) : 'the Python version once it runs';
    return {
      step: `The hot path already runs in native code (NumPy, PyTorch, Polars or a GPU): profile ${what}, native frames included (py-spy --native), to see how much time is left in Python between those calls. Only that part could gain from Rust.`,
      exit: 'The targets are written down and a profile shows how much time is left in Python between the native calls.',
    };
  }
  // Nothing to profile yet when Rust is to be written from scratch: the components are ranked instead.
  if (s.cpuBound && a.hotPath !== 'python' && (code !== 'none' || d.verdict === 'python')) {
    const first =
      a.hotPath === 'unknown'
        ? 'Profile first: nobody has measured where the CPU time goes yet.'
        : 'Profile first.';
    const native =
      code === 'python' || code === 'none'
        ? ', and whether that time is in plain code or already in native libraries'
        : '';
    return {
      step: `${first} Profile ${profileWhat(code)} and list the functions that own most of the CPU time${native}.`,
      exit: profiled,
    };
  }
  if (s.cpuBound) {
    return {
      step: `A profile shows the time in Python code: name the functions that own most of it and their share of CPU time, on ${profileWhat(code)}.`,
      exit: 'The targets are written down, and the profiled functions are named with their share of CPU time.',
    };
  }
  if (rule.driver === 'safety' && s.safetyDriven) {
    // What moves is decided by exposure to untrusted input (listed next), not by a profile.
    return {
      exit: 'The targets are written down and every untrusted-input entry point is listed and ranked.',
    };
  }
  if (code !== 'none') {
    return {
      step: `Profile ${profileWhat(code)} to see where the time goes before deciding what moves.`,
      exit: profiled,
    };
  }
  if (d.verdict !== 'python') {
    return {
      step: 'List the components and rank them by risk: performance, correctness, integration.',
      exit: 'The targets are written down and the riskiest component is named.',
    };
  }
  if (d.closeCall) {
    return {
      step: 'List the parts of the work whose speed or memory matters most: the spike builds the most representative one twice.',
      exit: 'The targets are written down and the slice the spike will build is chosen.',
    };
  }
  return {
    step: 'Once a first version runs, profile it under realistic load (py-spy or pyinstrument).',
    exit: 'The targets are written down, and a profile of the first version names the bottleneck or shows there is none.',
  };
}

function assess(d: Decision, rule: DecidingRule, a: Answers, s: Signals): PlanPhase {
  const { step, exit } = measuring(d, rule, a, s);
  const targetStep = `Write the targets down in numbers: ${targets(a, s)}.`;
  // With the hot path unmeasured, profiling comes before anything else.
  const steps = step?.startsWith('Profile first')
    ? [step, targetStep]
    : [targetStep, ...(step ? [step] : [])];
  if (safetyFocus(d, rule, s)) {
    steps.push(
      'List every place untrusted or external input enters (parsers, decoders, protocol handlers, file formats) and rank them by exposure: each is a fuzzing target.',
    );
  }
  return {
    phase: 'Assess',
    goal: 'Turn the need into numbers before choosing what to build or move.',
    steps,
    exit,
  };
}

function mentoringStep(a: Answers): string {
  return a.rustMentors
    ? 'Pair each engineer with the Rust mentor on hand, who reviews every Rust change for the first months.'
    : 'Line up mentoring: hire or contract an experienced Rust engineer to review every Rust change for the first months.';
}

/** Where the plan's Rust meets the rest, which decides what the learning path teaches beyond the basics. */
interface RustNeeds {
  readonly extension: boolean;
  readonly service: boolean;
  readonly cInterop: boolean;
}

function rustNeedsOf(kind: PlanKind, a: Answers, s: Signals, verdict: Decision['verdict']): RustNeeds {
  return {
    extension:
      kind === 'hybrid-extension' ||
      kind === 'phased-migration' ||
      (kind === 'rust-incremental' && s.pythonCode) ||
      (kind === 'spike' && verdict === 'hybrid' && !servicePlan(a, s)),
    service: kind === 'hybrid-service' || (kind === 'spike' && verdict === 'hybrid' && servicePlan(a, s)),
    cInterop: a.codebase === 'other-native',
  };
}

/** Rust for a team that has none or some: only what this plan uses. */
function rustPath(kind: PlanKind, d: Decision, rule: DecidingRule, a: Answers, s: Signals): string[] {
  const needs = rustNeedsOf(kind, a, s, d.verdict);
  const path: string[] = [];
  if (a.rustSkill === 'none') {
    path.push(
      'Weeks 1-2: The Rust Programming Language, chapters 1-10, with Rustlings: ownership, borrowing, enums, error handling.',
    );
  }
  path.push(
    `${a.rustSkill === 'none' ? 'Weeks 3-4' : 'Weeks 1-2'}: lifetimes, traits and iterators, then a small tool written in Rust and reviewed.`,
  );
  if (s.firmware) {
    path.push(
      'Then: the Embedded Rust Book and embedded-hal on your own board, flashed and debugged with probe-rs, logging with defmt; Embassy for async tasks.',
    );
  }
  if (needs.extension) {
    path.push(
      'Then: the PyO3 guide and maturin: one function that takes a whole batch and releases the GIL.',
    );
  }
  if (needs.service) {
    path.push(
      'Then: async Rust with tokio, and axum (HTTP) or tonic (gRPC): a small service that passes the contract tests.',
    );
  }
  if (needs.cInterop) {
    path.push(
      "Then: calling C from Rust with bindgen and sharing types with C++ through cxx; the Rustonomicon's FFI chapter for the rules unsafe code must keep.",
    );
  }
  const ownService =
    d.verdict === 'rust' &&
    !s.firmware &&
    (a.concurrency === 'io-many' || a.workload === 'high-throughput' || a.workload === 'web-backend');
  if (ownService) path.push('Then: async Rust with tokio: tasks, channels, cancellation.');
  if (d.verdict === 'rust' && a.deployment === 'wasm') {
    path.push('Then: the Rust and WebAssembly book: wasm-bindgen, wasm-pack, and keeping the .wasm small.');
  }
  if (safetyFocus(d, rule, s)) {
    path.push(
      'Then: cargo-fuzz on a parser of your own, so fuzzing is routine before product code needs it.',
    );
  }
  path.push(mentoringStep(a));
  return path;
}

/** Python for a team that has none: the language, the tooling, then the libraries this work leans on. */
function pythonPath(a: Answers): string[] {
  const path = [
    'Weeks 1-2: the official Python tutorial (docs.python.org), with a small script a day: data types, functions, modules, exceptions.',
    'Next: the tooling the project will use: uv for environments and locked dependencies, pytest, and type hints checked by mypy or pyright.',
  ];
  const ecosystems = a.ecosystems ?? [];
  if (a.workload === 'data-science' || ecosystems.includes('data') || ecosystems.includes('ml')) {
    path.push("Then: NumPy and pandas or Polars in Jupyter notebooks, on the team's own data.");
  }
  if (a.workload === 'web-backend' || ecosystems.includes('web')) {
    path.push('Then: the FastAPI or Django tutorial, ending in a small service with tests.');
  }
  if (a.workload === 'cli-tooling' || ecosystems.includes('devops')) {
    path.push('Then: a command-line tool with Click or Typer, packaged and installed with uv tool install.');
  }
  if (a.rustSkill === 'strong') {
    path.push(
      'Lean on what Rust taught the team: strict type checking and pydantic at the edges bring back part of what the compiler checked.',
    );
  }
  path.push('Have an experienced Python engineer review every change for the first months.');
  return path;
}

function learningFor(
  kind: PlanKind,
  d: Decision,
  rule: DecidingRule,
  a: Answers,
  s: Signals,
): { learningPath?: string[]; learning?: Side | 'both' } {
  const rust = d.verdict !== 'python' && a.rustSkill !== 'strong' ? rustPath(kind, d, rule, a, s) : [];
  const python = d.verdict !== 'rust' && a.pythonSkill === 'none' ? pythonPath(a) : [];
  if (rust.length === 0 && python.length === 0) return {};
  // A hybrid by a team new to both languages needs both paths.
  return {
    learningPath: [...rust, ...python],
    learning: rust.length > 0 ? (python.length > 0 ? 'both' : 'rust') : 'python',
  };
}

function learnRustPhase(a: Answers, s: Signals): PlanPhase {
  const steps = [
    'Follow the learning path below, two to four weeks before product code.',
    mentoringStep(a),
    'Write a throwaway tool in Rust first, reviewed line by line.',
  ];
  if (s.firmware && s.pythonTeam) {
    // The two alternatives a Python team asks about, named honestly.
    steps.push(
      'MicroPython is fine for a prototype on a board it supports, with hundreds of KB of RAM to spare for its interpreter and heap, but not for hard real-time loops (its garbage collector pauses) or the smallest chips.',
      'C is the incumbent, with mature vendor SDKs and examples for every chip, but no memory safety: buffer overflows and use-after-free are found in testing or in the field, not by the compiler.',
      'Rust is still the recommendation: C-level speed and footprint with memory safety checked at compile time, and embedded-hal and Embassy cover the common chips; the learning path and a mentor pay for the curve.',
    );
  }
  return {
    phase: 'Learn',
    goal: 'Get the team productive in Rust before the hard parts.',
    steps,
    exit: 'Everyone has merged reviewed Rust and can explain the ownership errors the compiler reports.',
  };
}

function learnPythonPhase(): PlanPhase {
  return {
    phase: 'Learn',
    goal: 'Get the team productive in Python before product code.',
    steps: [
      'Follow the learning path below, one to two weeks before product code.',
      'Set up the project skeleton first (uv, pytest, a type checker in CI) so good habits come with the first line.',
    ],
    exit: 'Everyone has merged reviewed Python that passes the type checker and the tests.',
  };
}

/** How a Rust program reaches where it runs. */
function rustShipSteps(a: Answers, s: Signals): string[] {
  if (s.firmware) return [];
  switch (a.deployment) {
    case 'desktop-cli':
      return [
        'Release single static binaries per platform from CI (cargo-dist or cross), signed where the OS expects it.',
      ];
    case 'wasm':
      return [
        'Build with wasm-pack and wasm-bindgen; keep the .wasm under a size budget checked in CI (wasm-opt, few heavy dependencies) and test it in a headless browser (wasm-pack test --headless).',
      ];
    case 'edge-device':
      return [
        "Cross-compile with `cross` for the board's target triple (e.g. aarch64-unknown-linux-gnu or armv7-unknown-linux-gnueabihf) in CI, and run the tests on a real board before each release.",
      ];
    case 'python-package':
      // A C/C++ codebase published on PyPI is a compiled Python package already: its wheels gain Rust.
      return a.codebase === 'other-native'
        ? [
            'Keep building a wheel per platform from a CI matrix (cibuildwheel), now with the Rust modules compiled in, so pip never needs a Rust toolchain.',
          ]
        : [
            'Publish the Rust binary through PyPI, as Ruff and uv do: maturin with bindings = "bin" builds one wheel per platform from a CI matrix (maturin-action), so pip and uv install it with no Rust toolchain.',
          ];
    case 'cloud-service':
      return ['Ship a static binary (a musl target) in a minimal container image (distroless or scratch).'];
    case 'serverless':
      return [
        "Deploy the binary as the platform's custom runtime (cargo-lambda on AWS Lambda, or the equivalent) and measure cold starts.",
      ];
    case undefined:
      return [];
  }
}

/**
 * How a Rust extension reaches the place the Python runs: wheels only for a Python package. `pythonShipped`:
 * the plan already ships the Python itself (a Python build phase), so its own costs are not repeated here.
 */
function extensionShipSteps(a: Answers, pythonShipped = false): string[] {
  switch (distributionOf(a)) {
    case 'package':
      return [
        'Build abi3 wheels with maturin, so one wheel per platform serves every CPython version from the minimum up.',
        'abi3 does not cover free-threaded CPython or PyPy: build version-specific wheels for those if users need them. The limited API can cost speed, so benchmark the abi3 build against a version-specific one.',
        'Publish from a CI wheel matrix with maturin-action (manylinux, musllinux, macOS, Windows) and test installs on the oldest supported distribution.',
      ];
    case 'bundled':
      return [
        'Bundle the compiled extension with the app: PyInstaller or Briefcase collects the .so/.pyd with the interpreter, so users install nothing else and nothing goes to PyPI.',
        'Build and smoke-test the bundle per platform in CI, on a runner for each OS and architecture you ship, signed where the OS expects it.',
      ];
    case 'edge':
      return [
        "Cross-compile the extension for the board's target triple (e.g. aarch64-unknown-linux-gnu) with `cross` or maturin's --zig, for the Python version on the board, and install it in the device image with the app.",
        'Run the test suite on a real board before each release: a cross build can pass on the host and fail on the device.',
      ];
    case 'image':
      return [
        "Build the extension into the service's image for its one target platform (maturin in a multi-stage Dockerfile on the same base image): one build, for that platform only.",
      ];
    case 'function':
      return [
        "Build the extension for the function runtime's platform (its Linux architecture and Python version), package it with the function, and keep within the package size limit.",
      ];
    case 'pyodide':
      return [
        "Build the extension for Pyodide's Emscripten target (pyodide build, as pydantic-core is) and load it with micropip.",
        ...(pythonShipped
          ? []
          : [
              'Budget Pyodide itself: several MB to download and seconds to start; measure time to interactive on a mid-range device.',
            ]),
      ];
    case 'unstated':
      return [
        'Build it with maturin (maturin develop locally, maturin build in CI) and install the result wherever the Python code runs.',
      ];
  }
}

/** How a Python program reaches where it runs. */
function pythonShipSteps(a: Answers): string[] {
  switch (a.deployment) {
    case 'desktop-cli':
      return [
        'Bundle the interpreter with the app (PyInstaller or Briefcase), or ship a CLI through pipx or uv tool install; smoke-test each OS in CI.',
      ];
    case 'python-package':
      return ['Publish pure-Python wheels (uv build) from CI with trusted publishing.'];
    case 'wasm':
      return [
        'Run it on Pyodide and budget its cost: several MB to download and seconds to start; measure time to interactive on a mid-range device.',
      ];
    case 'edge-device':
      return [
        "Ship the interpreter and the locked dependencies in the device image for the board's architecture; check CPython's own footprint (10-20 MB before your code) and start-up time on the board.",
      ];
    case 'serverless':
      return ['Keep import-time dependencies small: cold starts grow with what loads at import.'];
    case 'cloud-service':
      return ['Build a slim container image from the lock file (a -slim base image, uv sync --frozen).'];
    case undefined:
      return [];
  }
}

/** Security work on the Rust side: fuzzing, unsafe kept out or fenced in, dependencies audited. */
function safetyTrialSteps(a: Answers, s: Signals): string[] {
  return [
    s.firmware
      ? 'Fuzz every parser and untrusted-input entry point with cargo-fuzz on the host: keep parsers in a no_std crate that also builds for the host, and run the fuzzers in CI.'
      : 'Fuzz every parser and untrusted-input entry point with cargo-fuzz from the first commit, and run the fuzzers in CI.',
    a.codebase === 'other-native'
      ? '`#![forbid(unsafe_code)]` in every crate but the FFI layer; that layer stays small and every unsafe block in it is reviewed by two people.'
      : '`#![forbid(unsafe_code)]` in every crate that can do without; any unsafe that remains (FFI, hardware access) lives in one small module, reviewed by two people.',
  ];
}

const SAFETY_EXIT =
  'Fuzzing has run 24 CPU-hours on every entry point with no open crash, and any unsafe code is confined to reviewed modules (bindings, FFI, hardware access).';

function safetyAdoptSteps(a: Answers): string[] {
  return [
    'cargo audit and cargo deny in CI: known advisories, licences and unmaintained crates fail the build.',
    'Keep the fuzzers running nightly (or on OSS-Fuzz) and turn every crash into a regression test.',
    ...(a.safety === 'critical'
      ? [
          'If the system must be certified (ISO 26262, IEC 61508), build it with a qualified toolchain such as Ferrocene.',
        ]
      : []),
  ];
}

function rustTrial(d: Decision, rule: DecidingRule, a: Answers, s: Signals): PlanPhase {
  const steps: string[] = [];
  if (s.firmware) {
    steps.push(
      'Bring the board up first: a defmt log line over probe-rs, then the riskiest peripheral driver on embedded-hal (Embassy for async tasks).',
      'Keep the control logic in a no_std crate that also builds and tests on the host; run on-target tests with probe-rs (defmt-test).',
      'Check the budget on every build: cargo size for flash and static RAM against the kilobyte budget, flip-link to catch stack overflows.',
    );
    if (a.latency === 'realtime' || a.latency === 'strict') {
      steps.push(
        'Measure the worst-case loop time on the board (cycle counter or logic analyser) against the deadline.',
      );
    }
    if (a.codebase === 'python' || a.codebase === 'mixed') {
      steps.push(
        'Use the existing Python code as the specification: port its test cases first, and retire it once the firmware passes them.',
      );
    }
  } else {
    const first =
      rule.driver === 'safety' && s.safetyDriven
        ? rustCoreOf(rule, a, s)
        : 'the riskiest component (the hot path or the trickiest integration)';
    steps.push(
      a.codebase === 'rust'
        ? `Build ${first} first, as a crate in the existing workspace, with tests.`
        : `Build ${first} first, as a small crate with tests.`,
    );
  }
  steps.push(
    s.firmware
      ? 'Set up CI: cargo fmt, clippy with warnings as errors, host tests of the logic, and a size check (cargo size) against the flash budget; timing is measured on the board.'
      : 'Set up CI: cargo fmt, clippy with warnings as errors, tests, and a criterion benchmark against the targets.',
  );
  if (s.dataScience) {
    steps.push(
      'Keep model training and exploration in Python; ship the trained model to the device in a form a microcontroller runs (quantised weights compiled into the firmware, or TensorFlow Lite Micro).',
    );
  }
  steps.push(...rustShipSteps(a, s));
  const safety = safetyFocus(d, rule, s);
  if (safety) steps.push(...safetyTrialSteps(a, s));
  const exit = s.firmware
    ? `The riskiest driver and the control loop run on the board within ${a.latency === 'none' ? '' : 'the deadline and '}the kilobyte budget.`
    : 'The first component meets the targets in its benchmark and the team can change it without help.';
  return {
    phase: 'Trial',
    goal: s.firmware
      ? 'Prove the riskiest hardware path in Rust on the real board.'
      : 'Prove the riskiest part in Rust against the targets.',
    steps,
    exit: safety ? `${exit} ${SAFETY_EXIT}` : exit,
  };
}

function rustAdopt(d: Decision, rule: DecidingRule, a: Answers, s: Signals): PlanPhase {
  const steps: string[] = [];
  if (a.codebase !== 'rust') {
    steps.push(
      s.firmware
        ? 'Agree conventions: crate layout, error handling without allocation (error enums and ?), unsafe only in reviewed HAL glue.'
        : 'Agree conventions: crate layout, error handling (thiserror in libraries, anyhow in binaries), unsafe only with review.',
    );
  }
  steps.push('Keep builds fast: a workspace split into crates, incremental builds, sccache in CI.');
  if (s.firmware) {
    steps.push(
      'Flash and test on real boards in CI (a hardware-in-the-loop runner with probe-rs); pin the toolchain (rust-toolchain.toml) and the HAL versions.',
    );
  }
  const safety = safetyFocus(d, rule, s);
  steps.push(
    safety
      ? 'Name an owner for the toolchain and dependencies.'
      : 'Name an owner for the toolchain and dependencies (cargo audit, cargo deny).',
  );
  if (safety) steps.push(...safetyAdoptSteps(a));
  const goal =
    a.codebase === 'rust'
      ? 'Fold the new work into the Rust codebase, with the build kept fast.'
      : a.codebase === 'greenfield'
        ? "Make Rust the project's default, with the build kept fast."
        : 'Settle Rust in for the long run, with the build kept fast.';
  return {
    phase: 'Adopt',
    goal,
    steps,
    exit: `Every change ships through CI with ${s.firmware ? 'the size check and on-board tests' : 'the benchmark'} guarding the targets${safety ? ', the fuzzers running and no open advisory' : ''}.`,
  };
}

/** Module by module behind FFI: the old code keeps running until each Rust module matches it. */
function incrementalPhases(d: Decision, rule: DecidingRule, a: Answers, s: Signals): PlanPhase[] {
  const fromPython = s.pythonCode && a.codebase !== 'other-native';
  const safety = safetyFocus(d, rule, s);
  const trialSteps = fromPython
    ? [
        "Pick the first module by the profile or by risk, and pin its current behaviour: tests on its public interface (pytest, with golden outputs from today's code) before touching it.",
        'Rewrite that module in Rust and expose it to the remaining Python through PyO3 (built with maturin), so its callers do not change.',
        ...(a.codebase === 'mixed'
          ? [
              'Where the mix includes C or C++, call it from Rust through bindgen or cxx rather than through Python.',
            ]
          : []),
        'Run the Python and Rust versions on the same inputs (differential tests) until they agree.',
        ...extensionShipSteps(a),
      ]
    : [
        'Pick the first module by risk (parsers, untrusted input, past crash reports) and by how cleanly it sits behind an interface; pin its current behaviour with tests on that interface before touching it.',
        'Rewrite it in Rust behind the same interface: bindgen for the C APIs Rust calls, cxx for types shared with C++ (or a C ABI with cbindgen); build it from the existing build (CMake with Corrosion).',
        'Run the C/C++ and Rust versions on the same inputs (differential tests) and under sanitizers until they agree.',
        ...(s.firmware
          ? [
              'On the device, link the Rust module into the existing firmware as a no_std static library, check the kilobyte budget on every build (cargo size), and test it on the board with probe-rs.',
            ]
          : []),
        // The existing build still ships the program; only a Python package changes how it is published.
        ...(a.deployment === 'python-package' ? rustShipSteps(a, s) : []),
      ];
  if (safety) trialSteps.push(...safetyTrialSteps(a, s));
  const trialExit = 'The Rust module passes the pinned tests and replaces the old one in production.';
  const adoptSteps = [
    'Strangler pattern: new features go into Rust, and the next module moves only once the last one is in production.',
    fromPython
      ? 'Delete each Python module as soon as nothing calls it; the Python shrinks to the entry points, or goes.'
      : `Delete each C/C++ module as soon as nothing calls it; run ASan and UBSan on the C/C++ that remains${s.firmware ? ' (in a host build)' : ''}, with the FFI layer under review for every unsafe block.`,
    'Keep builds fast: a workspace split into crates, incremental builds, sccache in CI.',
    safety
      ? 'Name an owner for the toolchain and dependencies.'
      : 'Name an owner for the toolchain and dependencies (cargo audit, cargo deny).',
    ...(safety ? safetyAdoptSteps(a) : []),
  ];
  return [
    {
      phase: 'Trial',
      goal: `Replace one ${fromPython ? 'Python' : 'C/C++'} module with Rust, behaviour unchanged.`,
      steps: trialSteps,
      exit: safety ? `${trialExit} ${SAFETY_EXIT}` : trialExit,
    },
    {
      phase: 'Adopt',
      goal: 'Move the rest module by module, most valuable first.',
      steps: adoptSteps,
      exit: 'Each release retires at least one more module, and retired code is deleted, not kept in parallel.',
    },
  ];
}

/** Measurable thresholds that would trigger a Rust pilot, each from an answer given. */
function thresholdsFor(a: Answers, s: Signals): string[] {
  const thresholds: string[] = [];
  if (s.nativeHotPath) {
    thresholds.push(
      'A profile (py-spy --native) shows over 30% of the time in Python code between the native calls, after vectorising what can be.',
    );
  } else if (a.compute !== undefined && a.compute !== 'io-bound') {
    thresholds.push(
      'A profile (py-spy) shows over 50% of CPU time in pure-Python code that NumPy, Polars or a better algorithm cannot remove.',
    );
  } else if (a.compute === 'io-bound') {
    thresholds.push(
      'The work stops being I/O-bound: a profile shows over half of each request or job spent computing in Python.',
    );
  }
  switch (a.latency) {
    case 'none':
      thresholds.push(
        'A latency or batch deadline appears (there is none today) and Python misses it after Python-level optimisation.',
      );
      break;
    case 'interactive':
      thresholds.push('p99 latency stays above 100 ms at expected load after Python-level optimisation.');
      break;
    case 'strict':
      thresholds.push('p99 latency above 10 ms, or garbage-collector pauses visible in the latency tail.');
      break;
    case 'realtime':
      thresholds.push('Any missed deadline, or a garbage-collector pause visible in the worst-case timings.');
      break;
  }
  if (a.memory === 'containers' || a.priorities?.includes('cost')) {
    thresholds.push(
      'Memory per instance outgrows the container size budgeted, with the excess in Python objects rather than native buffers, or compute spend grows faster than traffic.',
    );
  }
  if (a.concurrency === 'cpu-parallel' && a.hotPath !== 'native') {
    thresholds.push(
      'Work needs more than 4 cores in parallel and multiprocessing overhead (pickling, copies) exceeds 20% of run time.',
    );
  }
  if (a.workload === 'high-throughput' || a.workload === 'web-backend' || a.concurrency === 'io-many') {
    thresholds.push('Throughput per core is so low that peak load needs 3x the instances planned.');
  }
  if (a.deployment === 'desktop-cli') {
    thresholds.push(
      "Start-up time above half a second on users' machines, where a command-line user notices it.",
    );
  }
  if (a.deployment === 'serverless') {
    thresholds.push(
      a.latency === 'none'
        ? 'Cost per invocation grows faster than traffic, or a run nears the platform time limit.'
        : 'Cold starts push p99 over the target, or cost per invocation grows faster than traffic.',
    );
  }
  if (a.deployment === 'wasm') {
    thresholds.push(
      'Time to interactive in the browser above 3 seconds on a mid-range device, Pyodide included.',
    );
  }
  return thresholds;
}

function pythonBuild(d: Decision, a: Answers): PlanPhase {
  const steps = [
    'Type hints checked by mypy or pyright, tests in pytest, dependencies locked (uv or poetry).',
    a.workload === 'data-science' || a.ecosystems?.includes('data')
      ? 'Keep heavy loops inside NumPy, Polars or PyTorch rather than plain Python.'
      : 'Keep the likely hot path behind one module with a narrow interface.',
  ];
  if (d.verdict === 'python' && (a.safety === 'security' || a.safety === 'critical')) {
    steps.push('Validate every input at the boundary (pydantic) and fuzz the parsers with atheris in CI.');
  }
  steps.push(...pythonShipSteps(a));
  steps.push(
    'Export the thresholds below as metrics, so a performance need shows up as a number, not a feeling.',
  );
  return {
    phase: 'Build',
    goal: 'Deliver in Python, structured so a hot path could move later.',
    steps,
    exit:
      a.stage === 'prototype'
        ? 'The prototype answers its question, with the threshold metrics measured on it.'
        : 'The product ships and the threshold metrics are on a dashboard.',
  };
}

function pilotPhase(d: Decision, rule: DecidingRule, a: Answers, s: Signals, goal: string): PlanPhase {
  const safety = safetyFocus(d, rule, s);
  const steps = [
    'Move the one profiled function or module into a PyO3 crate built with maturin, taking whole batches per call.',
    ...extensionShipSteps(a, true),
    'Compare speed, memory and maintenance effort (review time, build time, bugs) against the Python version.',
    ...(safety ? safetyTrialSteps(a, s) : []),
  ];
  const exit =
    'The pilot beats the crossed threshold with maintenance the team accepts, or Python-level fixes suffice.';
  return { phase: 'Pilot', goal, steps, exit: safety ? `${exit} ${SAFETY_EXIT}` : exit };
}

function hybridExtensionPhases(d: Decision, rule: DecidingRule, a: Answers, s: Signals): PlanPhase[] {
  const core = rustCoreOf(rule, a, s);
  const safety = safetyFocus(d, rule, s);
  const trialSteps = [
    'Create a PyO3 crate built with maturin; expose a typed function that takes a whole batch, not single items.',
    'Keep data on the Rust side across calls (pass arrays or bytes, not many small Python objects) so the boundary stays cheap.',
  ];
  if (s.tightLatency) {
    trialSteps.push(
      "Keep the latency-critical loop entirely in Rust, on its own thread with the GIL released, so Python's garbage collector and the GIL never sit on that path.",
    );
  }
  trialSteps.push(
    s.pythonCode
      ? 'Compare against the pure-Python version on the same benchmark, and run the Python test suite against the extension.'
      : 'Benchmark the extension against the targets, called from Python the way production will call it.',
  );
  trialSteps.push(...extensionShipSteps(a));
  if (safety) {
    trialSteps.push(
      'Keep the logic in a crate with `#![forbid(unsafe_code)]` and the PyO3 bindings in a thin crate of their own.',
      'Fuzz every parser and untrusted-input entry point of the Rust core with cargo-fuzz, on the Rust API directly, and run the fuzzers in CI.',
    );
  }
  const trialExit = s.pythonCode
    ? 'The extension meets the target on the benchmark and passes the Python test suite unchanged.'
    : 'The extension meets the targets when called from Python.';
  return [
    {
      phase: 'Trial',
      goal: `Move ${core} into a Rust extension.`,
      steps: trialSteps,
      exit: safety ? `${trialExit} ${SAFETY_EXIT}` : trialExit,
    },
    {
      phase: 'Adopt',
      goal: 'Make the Rust core a normal part of the build.',
      steps: [
        'Cross-language tests: the Python suite runs against the extension; cargo test covers the core.',
        ...(safety ? safetyAdoptSteps(a) : []),
        'Name an owner for the Rust crate and a second reviewer.',
      ],
      exit: 'The extension builds and ships from CI, and more than one person can change the Rust core.',
    },
  ];
}

function hybridServicePhases(d: Decision, rule: DecidingRule, a: Answers, s: Signals): PlanPhase[] {
  const safety = safetyFocus(d, rule, s);
  const trialSteps = [
    'Define the contract first (gRPC with protobuf, OpenAPI, or a queue message schema) with contract tests both sides run.',
    `Build the Rust service for ${rustCoreOf(rule, a, s)} (tokio with axum or tonic); Python keeps orchestration and calls it.`,
    'Send whole units of work per call and measure the network hop against the latency budget.',
    ...(safety ? safetyTrialSteps(a, s) : []),
  ];
  const trialExit = 'The service meets the target end to end, hop included, under peak load.';
  return [
    {
      phase: 'Trial',
      goal: 'Put the Rust part behind a service boundary.',
      steps: trialSteps,
      exit: safety ? `${trialExit} ${SAFETY_EXIT}` : trialExit,
    },
    {
      phase: 'Adopt',
      goal: 'Run the Rust service as its own deployable.',
      steps: [
        a.deployment === 'serverless'
          ? 'Deploy the service as its own function or container, scaled on its own, with its own dashboards, alerts and SLOs.'
          : 'Deploy and scale the service separately, with its own dashboards, alerts and SLOs.',
        'Version the contract; run the contract tests in both pipelines.',
        ...(safety ? safetyAdoptSteps(a) : []),
        'Name an owner for the service and a second reviewer.',
      ],
      exit: 'The service is on call like any other, and a contract change cannot ship without both sides passing.',
    },
  ];
}

function phasedMigrationPhases(d: Decision, rule: DecidingRule, a: Answers, s: Signals): PlanPhase[] {
  return [
    {
      ...pythonBuild(d, a),
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
    pilotPhase(d, rule, a, s, 'Pilot that bottleneck in Rust, by the team members who know Rust.'),
    {
      phase: 'Contracts',
      goal: 'Make the split between languages deliberate.',
      steps: [
        s.tightLatency
          ? 'Set in-process interface contracts (typed PyO3 signatures: the latency target leaves no room for a call over the network) and cross-language tests.'
          : 'Set interface contracts (typed PyO3 signatures or a service schema) and cross-language tests.',
        'Write the team guideline: when code moves to Rust, how the benefit is measured, who owns each side.',
      ],
      exit: 'The guideline is agreed and the cross-language tests run in CI.',
    },
  ];
}

/** Who wins a tie: the language the code is in, else the one the team knows, else Python, cheaper to start. */
function tieBreak(a: Answers, s: Signals): string {
  if (a.codebase === 'rust') return "Rust, the codebase's language,";
  if (s.pythonCode) return "Python, the codebase's language,";
  const rank = { none: 0, some: 1, strong: 2 } as const;
  if (rank[a.rustSkill] > rank[a.pythonSkill]) return 'Rust, which the team knows better,';
  return 'Python, cheaper to start,';
}

/** What a spike measures on each version, as measurements rather than targets. */
function spikeMeasures(a: Answers, s: Signals): string[] {
  const latency =
    a.latency === 'none'
      ? 'how long a job or batch takes'
      : a.latency === 'interactive'
        ? 'p99 latency against the 100 ms target'
        : a.latency === 'strict'
          ? 'p99 latency against the 10 ms target'
          : 'worst-case latency and pauses';
  return [
    latency,
    ...(a.deployment === 'desktop-cli' ? ['start-up time'] : ['throughput per core']),
    `${memoryTarget(a, s)}`,
    'time to build each version',
  ];
}

function spikePhases(a: Answers, s: Signals): PlanPhase[] {
  const measures = spikeMeasures(a, s);
  const steps = [
    s.cpuBound
      ? 'Build the hot path twice, once in Rust and once in Python, on the same realistic input.'
      : 'Build the most representative slice of the work twice, once in Rust and once in Python, on the same realistic input.',
    `Measure both: ${measures.join(', ')}.`,
  ];
  if (a.rustSkill === 'none') {
    steps.push(
      'The team has no Rust: have an experienced Rust engineer build or pair on the Rust version, so the spike compares the languages, not a first week of Rust.',
    );
  }
  if (a.pythonSkill === 'none') {
    steps.push(
      'The team has no Python: have an experienced Python engineer build or pair on the Python version, so the spike compares the languages, not a first week of Python.',
    );
  }
  if (s.safetyDriven) {
    steps.push(
      'Fuzz both versions for the same time (cargo-fuzz for Rust, atheris for Python) on the untrusted-input entry points, and count the crashes.',
    );
  }
  steps.push('Ask the people who built each version what they would rather maintain for a year.');
  return [
    {
      phase: 'Spike',
      goal: 'Settle the close call with numbers, time-boxed to two weeks.',
      steps,
      exit: `One side wins on the targets by a clear margin, or ${tieBreak(a, s)} wins the tie.`,
    },
    {
      phase: 'Decide',
      goal: 'Record the decision with its evidence.',
      steps: [
        'Put the spike numbers in the decision record.',
        'Answer the questionnaire again with what the spike showed (compute, hot path, latency, memory).',
      ],
      exit: 'The decision record is accepted with the spike numbers in it.',
    },
  ];
}

/** A hybrid behind a service boundary: never a network hop on a tight path, never for a library. */
function servicePlan(a: Answers, s: Signals): boolean {
  // Only a high-throughput service says the hot path scales on its own; otherwise an extension in the
  // same process is simpler and has no network hop (the framework's default).
  const scalesSeparately = a.workload === 'high-throughput';
  return (
    !s.tightLatency &&
    scalesSeparately &&
    a.workload !== 'python-extension' &&
    a.deployment !== 'python-package' &&
    a.deployment !== 'desktop-cli' &&
    a.deployment !== 'edge-device' &&
    a.deployment !== 'wasm'
  );
}

function planKind(d: Decision, a: Answers, s: Signals): PlanKind {
  if (d.closeCall) return 'spike';
  if (d.rule === 'phased-migration') return 'phased-migration';
  if (d.verdict === 'rust') {
    // Firmware written in MicroPython is ported, not wrapped: PyO3 does not reach a microcontroller.
    if (a.codebase === 'other-native' || (s.pythonCode && !s.firmware)) return 'rust-incremental';
    return a.rustSkill === 'none' ? 'rust-with-learning-path' : 'rust-first';
  }
  if (d.verdict === 'python')
    return s.performanceNeed || s.staged ? 'python-with-rust-pilot' : 'python-first';
  return servicePlan(a, s) ? 'hybrid-service' : 'hybrid-extension';
}

/** Firmware proper, or other code that must fit a device with kilobytes to a few MB of RAM. */
function deviceCode(a: Answers): string {
  return a.workload === 'embedded' ? 'the firmware' : 'it for the constrained device';
}

function summaryOf(kind: PlanKind, rule: DecidingRule, a: Answers, s: Signals): string {
  const core = rustCoreOf(rule, a, s);
  switch (kind) {
    case 'rust-first':
      if (s.firmware)
        return `Build ${deviceCode(a)} in embedded Rust: bring up the riskiest driver on the board, then adopt.`;
      return a.codebase === 'rust'
        ? 'Build it in the existing Rust codebase: prove the riskiest part, then ship.'
        : 'Build in Rust from the start: prove the riskiest part, then adopt.';
    case 'rust-with-learning-path':
      return s.firmware
        ? `Build ${deviceCode(a)} in embedded Rust, and get the team fluent first: a learning path with a mentor, then bring-up on the board.`
        : 'Build in Rust, and get the team fluent first: a learning path with a mentor, then trial and adopt.';
    case 'rust-incremental':
      return a.codebase === 'other-native'
        ? "Move to Rust module by module: pin today's behaviour with tests, then replace one C/C++ module at a time behind FFI (bindgen, cxx)."
        : "Move to Rust module by module: pin today's behaviour with tests, then replace one Python module at a time behind PyO3.";
    case 'python-first':
      return a.pythonSkill === 'none'
        ? 'Learn Python first, then build in it; watch the thresholds that would make Rust worth a look.'
        : 'Build in Python; watch the thresholds that would make Rust worth a look.';
    case 'python-with-rust-pilot':
      return 'Build in Python now; pilot the bottleneck in Rust when a measured threshold is crossed.';
    case 'hybrid-extension': {
      const how: Readonly<Record<Distribution, string>> = {
        package: ', shipped as abi3 wheels',
        bundled: ', bundled with the app',
        edge: ', cross-compiled for the board',
        image: ", built into the service's image",
        function: ', packaged with the function',
        pyodide: ', built for Pyodide',
        unstated: '',
      };
      const start = s.pythonCode ? 'Keep Python and move' : 'Write the project in Python and put';
      return `${start} ${core} into a Rust extension (PyO3 + maturin${how[distributionOf(a)]}).`;
    }
    case 'hybrid-service':
      return `Keep Python for orchestration and put ${core} in a Rust service behind a contract (HTTP, gRPC or a queue).`;
    case 'phased-migration':
      return 'Migrate in phases: MVP in Python, measure against thresholds, pilot the bottleneck in Rust, then set contracts.';
    case 'spike':
      return 'Too close to call: run a short spike that measures both and decide on the numbers.';
  }
}

function phasesFor(kind: PlanKind, d: Decision, rule: DecidingRule, a: Answers, s: Signals): PlanPhase[] {
  const learnPython = d.verdict !== 'rust' && a.pythonSkill === 'none' ? [learnPythonPhase()] : [];
  switch (kind) {
    case 'rust-first':
      return [assess(d, rule, a, s), rustTrial(d, rule, a, s), rustAdopt(d, rule, a, s)];
    case 'rust-with-learning-path':
      return [
        learnRustPhase(a, s),
        assess(d, rule, a, s),
        rustTrial(d, rule, a, s),
        rustAdopt(d, rule, a, s),
      ];
    case 'rust-incremental':
      return [
        ...(a.rustSkill === 'none' ? [learnRustPhase(a, s)] : []),
        assess(d, rule, a, s),
        ...incrementalPhases(d, rule, a, s),
      ];
    case 'python-first':
      return [...learnPython, assess(d, rule, a, s), pythonBuild(d, a)];
    case 'python-with-rust-pilot':
      return [
        ...learnPython,
        assess(d, rule, a, s),
        pythonBuild(d, a),
        pilotPhase(d, rule, a, s, 'When a threshold is crossed, pilot that bottleneck in Rust.'),
      ];
    case 'hybrid-extension':
      return [...learnPython, assess(d, rule, a, s), ...hybridExtensionPhases(d, rule, a, s)];
    case 'hybrid-service':
      return [...learnPython, assess(d, rule, a, s), ...hybridServicePhases(d, rule, a, s)];
    case 'phased-migration':
      return phasedMigrationPhases(d, rule, a, s);
    case 'spike':
      return [assess(d, rule, a, s), ...spikePhases(a, s)];
  }
}

/** The plan for this verdict, shaped by the codebase, where the code runs, what drives it and the team. */
export function buildPlan(d: Decision, rule: DecidingRule, a: Answers, s: Signals): Plan {
  const kind = planKind(d, a, s);
  const withThresholds = d.verdict === 'python' || kind === 'phased-migration';
  return {
    kind,
    summary: summaryOf(kind, rule, a, s),
    steps: phasesFor(kind, d, rule, a, s),
    ...learningFor(kind, d, rule, a, s),
    ...(withThresholds ? { thresholds: thresholdsFor(a, s) } : {}),
  };
}
