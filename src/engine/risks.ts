import { distributedAsPythonPackage } from './plan.ts';
import { type Answers, answered, type QuestionId } from './questions.ts';
import type { DecidingRule, Plan, PlanKind, Risk } from './types.ts';
import type { Decision, Signals } from './verdict.ts';

/** The most risks a recommendation lists: the strongest for this project, not every one that could apply. */
const MAX_RISKS = 6;

/** A risk that applies to these answers; `weight` ranks it (most pressing first) and is not shown. */
interface WeighedRisk extends Risk {
  readonly weight: number;
}

/** Plans with Python and Rust on either side of an interface, now or in a pilot. */
const BOUNDARY_KINDS: ReadonlySet<PlanKind> = new Set([
  'hybrid-extension',
  'hybrid-service',
  'phased-migration',
  'python-with-rust-pilot',
]);

/** Plans that ship a Rust extension (or a pilot one) into a Python program. */
const EXTENSION_KINDS: ReadonlySet<PlanKind> = new Set([
  'hybrid-extension',
  'phased-migration',
  'python-with-rust-pilot',
]);

/** The answers that make the work need speed: what a Rust core or pilot exists for. */
function performanceCites(a: Answers, s: Signals): QuestionId[] {
  const cites: QuestionId[] = [];
  if (a.compute === 'cpu-bound' || a.compute === 'mixed') cites.push('compute');
  if (a.hotPath !== undefined) cites.push('hotPath');
  if (s.tightLatency) cites.push('latency');
  if (a.concurrency === 'cpu-parallel') cites.push('concurrency');
  if (a.workload === 'python-extension' || a.workload === 'high-throughput') cites.push('workload');
  return cites;
}

/** The answers that make this a hybrid: the Python code kept, and what the Rust core is for. */
function hybridCites(a: Answers, s: Signals): QuestionId[] {
  const cites = performanceCites(a, s);
  if (a.codebase === 'python' || a.codebase === 'mixed') cites.push('codebase');
  if (s.safetyDriven) cites.push('safety');
  return cites.length > 0 ? cites : answered(a, 'pythonSkill', 'rustSkill');
}

function firmwareCites(a: Answers): QuestionId[] {
  const cites: QuestionId[] = [];
  if (a.workload === 'embedded') cites.push('workload');
  if (a.memory === 'constrained') cites.push('memory');
  return cites;
}

/** Risks of writing Rust: a Rust verdict, the Rust core of a hybrid, or a migration to Rust. */
function rustRisks(d: Decision, kind: PlanKind, a: Answers, s: Signals): WeighedRisk[] {
  const risks: WeighedRisk[] = [];
  const fullRust = d.verdict === 'rust';
  if (a.rustSkill !== 'strong') {
    risks.push({
      weight: a.rustSkill === 'none' ? 8 : 5,
      risk:
        a.rustSkill === 'none'
          ? 'The learning curve (ownership, lifetimes) slows the first months more than planned: the team has no Rust yet.'
          : 'The learning curve (ownership, lifetimes) slows the first months: the team has only some Rust.',
      mitigation: `Budget ${a.rustSkill === 'none' ? 'four weeks or more' : 'two weeks'} on the learning path and ${a.rustMentors ? 'route every Rust change through the mentor on hand' : 'contract an experienced Rust reviewer for the first months'}.`,
      cites: answered(a, 'rustSkill', 'rustMentors'),
    });
  }
  const pivots = a.cadence === 'rapid' || a.stage === 'prototype';
  if (pivots || a.stage === 'mvp') {
    risks.push({
      weight: fullRust ? (pivots ? 6 : 4) : 3,
      risk: "Slow compile times, the top complaint in Rust's own surveys, stretch the edit-run loop while the design still moves.",
      mitigation:
        'Keep incremental builds on, split the code into a workspace of small crates, use cargo check in the edit loop, and cache CI builds with sccache.',
      cites: answered(a, 'stage', 'cadence').filter(
        (q) => (q === 'cadence' && a.cadence === 'rapid') || (q === 'stage' && a.stage !== 'production'),
      ),
    });
  }
  if (a.priorities?.includes('hiring')) {
    risks.push({
      weight: 7,
      risk: 'Rust developers are harder to hire than Python developers, and hiring is a top priority.',
      mitigation:
        'A mentoring plan and a training budget to grow Rust skills in-house; hire one experienced Rust lead, not a whole team.',
      cites: ['priorities'],
    });
  }
  // A C firmware codebase keeps its own drivers: Rust links in as a library, no Rust HAL needed.
  if (s.firmware && a.codebase !== 'other-native') {
    risks.push({
      weight: 6,
      risk: "The chip's HAL or board-support crate is missing or immature.",
      mitigation:
        'Choose hardware with maintained embedded-hal or Embassy support, and bring the board up in the first week of the trial.',
      cites: firmwareCites(a),
    });
  }
  if (a.codebase === 'other-native') {
    risks.push({
      weight: 6,
      risk: 'The FFI seam with the existing C/C++ keeps unsafe code alive, and a wrong assumption there is a memory bug on either side.',
      mitigation:
        'Generate bindings with bindgen (or cxx for C++), wrap each C API in a small safe module, review every unsafe block, and run the C/C++ side under sanitizers in CI.',
      cites: ['codebase'],
    });
  }
  if (kind === 'rust-incremental') {
    risks.push({
      weight: 5,
      risk: 'The migration stalls halfway, leaving two languages and a seam between them to maintain for years.',
      mitigation:
        'Order the modules by value, retire one per release, delete the old code as each module lands, and stop at a clean seam if the value runs out.',
      cites: [
        ...(a.codebase === 'other-native' || a.codebase === 'python' || a.codebase === 'mixed'
          ? (['codebase'] as const)
          : []),
        ...(a.workload === 'python-extension' ? (['workload'] as const) : []),
      ],
    });
  }
  // With C/C++ code the FFI risk above already says this.
  if (s.safetyDriven && d.verdict !== 'python' && a.codebase !== 'other-native') {
    risks.push({
      weight: 5,
      risk: 'Unsafe blocks (FFI, hand-tuned code) bring back the memory bugs Rust was chosen to prevent.',
      mitigation:
        '`#![forbid(unsafe_code)]` wherever possible, the rest fenced in reviewed modules, cargo-fuzz on every untrusted-input entry point, and Miri on the unsafe code that is pure Rust (it cannot run FFI calls or hardware access: sanitizers and on-target tests cover those).',
      cites: ['safety'],
    });
  }
  if (a.deployment === 'edge-device' && !s.firmware) {
    risks.push({
      weight: 3,
      risk: 'A cross-compiled build can pass in CI and fail on the board (a different glibc, CPU features or kernel).',
      mitigation:
        "Build with `cross` for the board's target triple and run the tests on a real board before each release.",
      cites: ['deployment'],
    });
  }
  if (!fullRust) return risks;
  if (a.stage === 'production') {
    risks.push({
      weight: 2,
      risk: 'Over years, the crates the code depends on pile up: unmaintained ones, advisories and breaking upgrades.',
      mitigation:
        'Run cargo audit and cargo deny in CI, keep dependencies few and name an owner for upgrades; pin the toolchain (rust-toolchain.toml).',
      cites: ['stage'],
    });
  }
  const libraryCites = [
    ...(a.ecosystems?.some((e) => e === 'ml' || e === 'data' || e === 'scientific' || e === 'web')
      ? (['ecosystems'] as const)
      : []),
    ...(a.workload === 'data-science' || a.workload === 'data-pipeline' || a.workload === 'web-backend'
      ? (['workload'] as const)
      : []),
  ];
  if (libraryCites.length > 0) {
    risks.push({
      weight: 6,
      risk: 'Some libraries the work leans on (ML, data, scientific or web) have no mature Rust equivalent.',
      mitigation:
        a.deployment === 'wasm'
          ? 'List the libraries the work needs and check each for a maintained crate that builds for wasm32 before the trial; drop or redesign what has none.'
          : s.tightLatency
            ? 'List the libraries the work needs and check each for a maintained crate before the trial; use Python for those without one only outside the latency-critical path, in-process through PyO3 rather than over the network.'
            : 'List the libraries the work needs and check each for a maintained crate before the trial; keep Python, via PyO3 or a service, for those without one.',
      cites: libraryCites,
    });
  }
  if (pivots) {
    risks.push({
      weight: 5,
      risk: 'Frequent pivots fight the borrow checker and make redesigns slow.',
      mitigation:
        'Keep early designs simple (owned data, clone and Arc before lifetimes) and refactor once the design settles.',
      cites: answered(a, 'stage', 'cadence').filter(
        (q) => (q === 'cadence' && a.cadence === 'rapid') || (q === 'stage' && a.stage === 'prototype'),
      ),
    });
  }
  if (a.deployment === 'desktop-cli' && !s.firmware) {
    risks.push({
      weight: 3,
      risk: 'Release builds for every OS and architecture multiply CI work.',
      mitigation:
        'Release with cargo-dist or cross from CI, with a smoke test per platform and signed binaries.',
      cites: ['deployment'],
    });
  }
  if (a.deployment === 'wasm') {
    risks.push({
      weight: 3,
      risk: 'The .wasm grows with every dependency and slows page load.',
      mitigation:
        'Set a size budget checked in CI, optimise with wasm-opt, and prefer crates built for small WASM.',
      cites: ['deployment'],
    });
  }
  return risks;
}

/** Risks of a Python/Rust boundary: a hybrid, or the Rust pilot a Python plan may run later. */
function boundaryRisks(d: Decision, kind: PlanKind, a: Answers, s: Signals): WeighedRisk[] {
  const risks: WeighedRisk[] = [];
  const hybrid = d.verdict === 'hybrid';
  // A Python verdict's pilot may never happen: its boundary is a risk only once the pilot starts.
  if (!hybrid && (d.verdict === 'python' || !BOUNDARY_KINDS.has(kind))) return risks;
  const cites = hybrid ? hybridCites(a, s) : performanceCites(a, s);
  if (kind !== 'hybrid-service' && cites.length > 0) {
    risks.push({
      weight: hybrid ? 7 : 3,
      risk: 'A chatty Python/Rust boundary: building Python objects can cost more than the faster code saves.',
      mitigation:
        'Batch calls so whole units of work cross the boundary, keep data on the Rust side (arrays, bytes), release the GIL inside, and benchmark through the boundary.',
      cites,
    });
  }
  const shipsRust = EXTENSION_KINDS.has(kind) || (hybrid && kind !== 'hybrid-service');
  if (shipsRust && a.deployment === 'desktop-cli') {
    risks.push({
      weight: 4,
      risk: 'The bundled extension must be built for every OS and architecture the app ships to, and one missing build breaks that platform.',
      mitigation:
        'Build and smoke-test the bundle per platform in CI (PyInstaller or Briefcase on a runner for each OS and architecture).',
      cites: ['deployment'],
    });
  }
  if (shipsRust && hybrid && s.tightLatency) {
    risks.push({
      weight: 7,
      risk: 'Python left on the latency-critical path: a garbage-collector pause or a wait for the GIL breaks the deadline even with a Rust core.',
      mitigation:
        'Run the latency-critical loop entirely in Rust threads with the GIL released; Python configures, feeds and observes it, off that path.',
      cites: ['latency'],
    });
  }
  // For a Python verdict the GIL risk already says this.
  if (shipsRust && hybrid && a.concurrency === 'cpu-parallel') {
    risks.push({
      weight: 4,
      risk: 'On free-threaded CPython, an extension not declared safe without the GIL turns the GIL back on for the whole process.',
      mitigation:
        'Audit the extension for shared state, then declare it with PyO3 (gil_used = false), and test it on the free-threaded build in CI.',
      cites: ['concurrency'],
    });
  }
  if (kind === 'hybrid-service') {
    const serviceCites = answered(a, 'deployment', 'workload').filter((q) =>
      q === 'deployment'
        ? a.deployment === 'cloud-service' || a.deployment === 'serverless'
        : a.workload === 'high-throughput',
    );
    risks.push(
      {
        weight: 6,
        risk: 'The network hop and a second deployable add latency and operations work.',
        mitigation:
          'Batch work per call, budget the hop in the latency target, and give the service its own SLOs.',
        cites: [...serviceCites, 'latency'],
      },
      {
        weight: 4,
        risk: 'The Python caller and the Rust service drift apart.',
        mitigation:
          'Version the contract (protobuf or OpenAPI) and run its contract tests in both pipelines.',
        cites: serviceCites,
      },
    );
  }
  if (hybrid && a.rustSkill !== 'strong') {
    risks.push({
      weight: 4,
      risk:
        a.rustSkill === 'none'
          ? 'Nobody on the team knows Rust yet, so for months only one or two people (or a contractor) can change the Rust core.'
          : 'At first only the people who already know some Rust can change the Rust core.',
      mitigation:
        'Name an owner and a second reviewer, pair on every core change, and put the rest of the team on the learning path.',
      cites: answered(a, 'rustSkill', 'rustMentors'),
    });
  }
  return risks;
}

/**
 * Wheels that miss a platform: only for code distributed as a Python package, when the plan puts Rust in
 * it (a Rust binary on PyPI, a Rust extension, or a pilot one).
 */
function packagingRisk(d: Decision, kind: PlanKind, a: Answers, s: Signals): WeighedRisk | undefined {
  const shipsRust = d.verdict !== 'python' || EXTENSION_KINDS.has(kind);
  // Firmware is flashed, not installed with pip, whatever else the answers say.
  if (!shipsRust || kind === 'spike' || s.firmware || !distributedAsPythonPackage(a)) return undefined;
  const extension = kind !== 'rust-first' && kind !== 'rust-with-learning-path';
  return {
    weight: 6,
    risk: 'Installs break where no prebuilt wheel fits and pip falls back to building from source, which needs a Rust toolchain: the cryptography package hit this when it started requiring Rust in 2021.',
    mitigation: `Publish a wheel for every platform users install on from a CI matrix (maturin-action: manylinux, musllinux, macOS, Windows) and test installs on the oldest supported distribution${
      extension
        ? '; abi3 covers neither free-threaded CPython nor PyPy, so add version-specific wheels for those if users need them'
        : ''
    }.`,
    cites: a.deployment === 'python-package' ? ['deployment'] : ['workload'],
  };
}

/** Risks of staying in Python. */
function pythonRisks(a: Answers, s: Signals): WeighedRisk[] {
  const risks: WeighedRisk[] = [];
  const need = performanceCites(a, s);
  if (s.performanceNeed && need.length > 0) {
    risks.push({
      weight: 7,
      risk: 'The hot path outgrows Python after the product depends on it.',
      mitigation:
        'Export the thresholds in the plan as metrics from day one, profile with py-spy when one nears, and pilot Rust on that bottleneck as soon as one is crossed.',
      cites: need,
    });
  } else if (
    a.workload === 'high-throughput' ||
    a.workload === 'data-pipeline' ||
    a.workload === 'web-backend' ||
    a.concurrency === 'io-many'
  ) {
    risks.push({
      weight: 4,
      risk: "Traffic or data grows until Python's speed becomes the bottleneck, unnoticed.",
      mitigation:
        'Export the thresholds in the plan as metrics and alert on them; profile with py-spy before optimising anything.',
      cites: [
        ...(a.workload === 'high-throughput' || a.workload === 'data-pipeline' || a.workload === 'web-backend'
          ? (['workload'] as const)
          : []),
        ...(a.concurrency === 'io-many' ? (['concurrency'] as const) : []),
      ],
    });
  }
  if (a.stage === 'prototype') {
    risks.push({
      weight: 3,
      risk: 'The prototype becomes the product by default: exploratory code reaches production without tests or structure.',
      mitigation:
        'Decide at the end of the prototype what survives; move that into a package with tests and type hints, and keep notebooks and scratch code for exploration.',
      cites: ['stage'],
    });
  }
  if (a.pythonSkill === 'none') {
    risks.push({
      weight: 7,
      risk: 'The team learns Python while delivering: environments, packaging and dynamic typing trip up newcomers.',
      mitigation:
        'Follow the learning path before product code, set up uv, pytest and a strict type checker from day one, and have an experienced Python engineer review.',
      cites: ['pythonSkill'],
    });
  }
  if (a.concurrency === 'cpu-parallel' && a.hotPath !== 'native') {
    risks.push({
      weight: 6,
      risk: 'The GIL limits CPU parallelism in threads, and on free-threaded builds an extension not marked safe turns the GIL back on.',
      mitigation:
        'Use multiprocessing or native libraries that release the GIL; test the free-threaded build before relying on it.',
      cites: ['concurrency'],
    });
  }
  if (a.memory === 'containers' || a.priorities?.includes('cost')) {
    risks.push({
      weight: 5,
      risk: "Python's memory footprint raises the cost per instance.",
      mitigation: 'Measure memory per instance under load and keep it among the thresholds for a Rust pilot.',
      cites: [
        ...(a.memory === 'containers' ? (['memory'] as const) : []),
        ...(a.priorities?.includes('cost') ? (['priorities'] as const) : []),
      ],
    });
  }
  if (a.stage !== 'prototype') {
    risks.push({
      weight: a.stage === 'production' ? 5 : 3,
      risk: 'Dynamic typing lets errors slip through as the codebase grows.',
      mitigation:
        'Type hints everywhere, checked in CI by mypy or pyright in strict mode; validate data at the edges with pydantic.',
      cites: ['stage'],
    });
  }
  if (a.safety === 'security') {
    risks.push({
      weight: 5,
      risk: 'Untrusted input reaches dynamic code, where type confusion shows only at run time.',
      mitigation:
        'Validate every input at the boundary (pydantic), fuzz the parsers (atheris), and run pip-audit and bandit in CI.',
      cites: ['safety'],
    });
  } else if (a.safety === 'critical') {
    risks.push({
      weight: 7,
      risk: 'Safety-critical behaviour rests on tests alone, with no compile-time guarantees.',
      mitigation:
        'Strict typing, property-based tests (Hypothesis), independent review, and a Rust pilot for the most critical component.',
      cites: ['safety'],
    });
  }
  const deployment = pythonDeploymentRisk(a);
  if (deployment) risks.push(deployment);
  return risks;
}

function pythonDeploymentRisk(a: Answers): WeighedRisk | undefined {
  switch (a.deployment) {
    case 'desktop-cli':
      return {
        weight: 5,
        risk: "Users' machines have a different Python, or none, and installs break.",
        mitigation:
          'Bundle with PyInstaller or Briefcase, or ship through pipx or uv tool install, and smoke-test each OS in CI.',
        cites: ['deployment'],
      };
    case 'wasm':
      return {
        weight: 5,
        risk: 'Pyodide is several MB to download and takes seconds to start, which users notice on every cold load.',
        mitigation:
          'Measure time to interactive on a mid-range device early, load Pyodide lazily, and keep the package set small.',
        cites: ['deployment'],
      };
    case 'serverless':
      return {
        weight: 3,
        risk: 'Cold starts grow with every dependency imported at start-up.',
        mitigation:
          'Keep import-time dependencies small, import heavy libraries lazily, and watch cold-start p99.',
        cites: ['deployment'],
      };
    case 'edge-device':
      return {
        weight: 3,
        risk: 'An interpreter and its dependencies must be installed and updated on every device.',
        mitigation:
          'Ship them in the device image with a locked environment, and test updates on a real board.',
        cites: ['deployment'],
      };
    default:
      return undefined;
  }
}

/** The answers a close call rests on: the rule's own, else the skills that usually balance it. */
function closeCallCites(rule: DecidingRule, a: Answers): QuestionId[] {
  const fromRule = [...new Set(rule.cites.map((c) => c.question))].filter((q) => a[q] !== undefined);
  return fromRule.length > 0 ? fromRule : ['pythonSkill', 'rustSkill'];
}

/** Risks of the chosen path for this team and project, each with its mitigation, most pressing first. */
export function risksFor(d: Decision, rule: DecidingRule, plan: Plan, a: Answers, s: Signals): Risk[] {
  const risks: WeighedRisk[] = [];
  if (d.closeCall) {
    risks.push({
      weight: 10,
      risk: 'Deciding a close call on taste, then paying for it for years.',
      mitigation: 'Run the time-boxed spike in the plan and decide on its numbers.',
      cites: closeCallCites(rule, a),
    });
  }
  if (d.verdict === 'python') risks.push(...pythonRisks(a, s));
  else risks.push(...rustRisks(d, plan.kind, a, s));
  risks.push(...boundaryRisks(d, plan.kind, a, s));
  const packaging = packagingRisk(d, plan.kind, a, s);
  if (packaging) risks.push(packaging);
  const kept = risks
    .filter((r, i) => r.cites.length > 0 && risks.findIndex((x) => x.risk === r.risk) === i)
    .sort((x, y) => y.weight - x.weight)
    .slice(0, MAX_RISKS)
    .map(({ risk, mitigation, cites }) => ({ risk, mitigation, cites: [...new Set(cites)] }));
  if (kept.length > 0) return kept;
  return [
    {
      risk: 'The answers change as the project grows, and the decision quietly stops fitting.',
      mitigation: 'Revisit this questionnaire at each stage change (prototype, MVP, production).',
      cites: ['stage'],
    },
  ];
}
