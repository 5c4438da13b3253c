import type { Answers } from './questions.ts';
import type { PlanKind, Risk } from './types.ts';
import type { Decision, Signals } from './verdict.ts';

/** The most risks a recommendation lists: the strongest for this project, not every one that could apply. */
const MAX_RISKS = 6;

/** A risk that applies to these answers; `weight` ranks it (most pressing first) and is not shown. */
interface WeighedRisk extends Risk {
  readonly weight: number;
}

const PILOT_KINDS: ReadonlySet<PlanKind> = new Set([
  'hybrid-extension',
  'phased-migration',
  'python-with-rust-pilot',
]);

function learningCurve(a: Answers, weight: number): WeighedRisk {
  return {
    weight,
    risk: 'The learning curve (ownership, lifetimes) slows the first months more than planned.',
    mitigation: a.rustMentors
      ? 'Budget two to four weeks on the learning path and route every Rust change through the mentor on hand.'
      : 'Budget two to four weeks on the learning path and contract an experienced Rust reviewer for the first months.',
  };
}

function compileTimes(weight: number): WeighedRisk {
  return {
    weight,
    risk: "Slow compile times, the top complaint in Rust's own surveys, stretch the feedback loop.",
    mitigation:
      'Keep incremental builds on, split the code into a workspace of small crates, use cargo check in the edit loop, and cache CI builds with sccache.',
  };
}

function hiring(weight: number): WeighedRisk {
  return {
    weight,
    risk: 'Rust developers are harder to hire than Python developers.',
    mitigation:
      'A mentoring plan and a training budget to grow Rust skills in-house; hire one experienced Rust lead, not a whole team.',
  };
}

/** Risks of building in Rust: a Rust verdict, or the Rust core of a hybrid. */
function rustRisks(d: Decision, a: Answers, s: Signals): WeighedRisk[] {
  const risks: WeighedRisk[] = [];
  const fullRust = d.verdict === 'rust';
  if (a.rustSkill === 'none') risks.push(learningCurve(a, 8));
  else if (a.rustSkill === 'some') risks.push(learningCurve(a, 5));
  const pivots = a.cadence === 'rapid' || a.stage === 'prototype';
  risks.push(compileTimes(fullRust ? (pivots ? 6 : 4) : 3));
  if (a.priorities?.includes('hiring')) risks.push(hiring(7));
  else if (a.rustSkill === 'none') risks.push(hiring(4));
  if (!fullRust) return risks;
  const pythonLibraries =
    (a.ecosystems?.some((e) => e === 'ml' || e === 'data' || e === 'scientific' || e === 'web') ?? false) ||
    a.workload === 'data-science' ||
    a.workload === 'data-pipeline' ||
    a.workload === 'web-backend';
  if (pythonLibraries) {
    risks.push({
      weight: 6,
      risk: 'Some libraries the work leans on (ML, data, scientific or web) have no mature Rust equivalent.',
      mitigation:
        'List the libraries the work needs and check each for a maintained crate before the trial; keep Python, via PyO3 or a service, for those without one.',
    });
  }
  if (s.constrainedTarget) {
    risks.push({
      weight: 6,
      risk: "The chip's HAL or board-support crate is missing or immature.",
      mitigation:
        'Choose hardware with maintained embedded-hal or Embassy support, and bring the board up in the first week of the trial.',
    });
  }
  if (a.codebase === 'other-native') {
    risks.push({
      weight: 5,
      risk: 'The FFI seam with the existing C/C++ keeps unsafe code alive.',
      mitigation:
        'Generate bindings with bindgen, wrap each C API in a small safe module, review every unsafe block, and run sanitizers or Miri in CI.',
    });
  }
  if (pivots) {
    risks.push({
      weight: 5,
      risk: 'Frequent pivots fight the borrow checker and make redesigns slow.',
      mitigation:
        'Keep early designs simple (owned data, clone and Arc before lifetimes) and refactor once the design settles.',
    });
  }
  if (a.deployment === 'desktop-cli') {
    risks.push({
      weight: 3,
      risk: 'Release builds for every OS and architecture multiply CI work.',
      mitigation:
        'Release with cargo-dist or cross from CI, with a smoke test per platform and signed binaries.',
    });
  }
  return risks;
}

/** Risks of a Python/Rust boundary: a hybrid, or the Rust pilot a Python plan may run later. */
function boundaryRisks(d: Decision, kind: PlanKind, a: Answers): WeighedRisk[] {
  const risks: WeighedRisk[] = [];
  const hybrid = d.verdict === 'hybrid';
  if (PILOT_KINDS.has(kind)) {
    const ships = a.workload === 'python-extension' || a.deployment === 'python-package';
    risks.push(
      {
        weight: hybrid ? 7 : 3,
        risk: 'A chatty Python/Rust boundary: building Python objects can cost more than the faster code saves.',
        mitigation:
          'Batch calls so whole units of work cross the boundary, keep data on the Rust side (arrays, bytes), release the GIL inside, and benchmark through the boundary.',
      },
      {
        weight: ships ? 6 : hybrid ? 4 : 2,
        risk: 'Packaging breaks on older distributions, as when the cryptography package started requiring Rust in 2021.',
        mitigation:
          'Build abi3 wheels with maturin and publish them from a CI wheel matrix (maturin-action: manylinux, musllinux, macOS, Windows); test installs on the oldest supported distribution.',
      },
    );
  }
  if (kind === 'hybrid-service') {
    risks.push(
      {
        weight: 6,
        risk: 'The network hop and a second deployable add latency and operations work.',
        mitigation:
          'Batch work per call, budget the hop in the latency target, and give the service its own SLOs.',
      },
      {
        weight: 4,
        risk: 'The Python caller and the Rust service drift apart.',
        mitigation:
          'Version the contract (protobuf or OpenAPI) and run its contract tests in both pipelines.',
      },
    );
  }
  if (hybrid) {
    risks.push({
      weight: 3,
      risk: 'Bugs across the boundary are hard to trace: a Rust panic or a bad conversion shows up as a Python exception.',
      mitigation:
        'Map Rust errors to typed Python exceptions with context, and keep the Python version as a reference for differential tests.',
    });
    if (a.rustSkill !== 'strong') {
      risks.push({
        weight: 4,
        risk: 'Only one or two people can change the Rust core.',
        mitigation:
          'Name an owner and a second reviewer, pair on every core change, and put the rest of the team on the learning path.',
      });
    }
  }
  return risks;
}

/** Risks of staying in Python. */
function pythonRisks(a: Answers, s: Signals): WeighedRisk[] {
  const risks: WeighedRisk[] = [
    s.performanceNeed
      ? {
          weight: 7,
          risk: 'The hot path outgrows Python after the product depends on it.',
          mitigation:
            'Export the thresholds in the plan as metrics from day one, profile with py-spy when one nears, and pilot Rust on that bottleneck as soon as one is crossed.',
        }
      : {
          weight: 4,
          risk: "Traffic or data grows until Python's speed becomes the bottleneck, unnoticed.",
          mitigation:
            'Export the thresholds in the plan as metrics and alert on them; profile with py-spy before optimising anything.',
        },
  ];
  if (a.concurrency === 'cpu-parallel') {
    risks.push({
      weight: 6,
      risk: 'The GIL limits CPU parallelism; free-threaded builds turn it back on for extensions not marked safe.',
      mitigation:
        'Use multiprocessing or native libraries that release the GIL; test the free-threaded build before relying on it.',
    });
  }
  if (a.memory === 'containers' || a.priorities?.includes('cost')) {
    risks.push({
      weight: 5,
      risk: "Python's memory footprint raises the cost per instance.",
      mitigation: 'Measure memory per instance under load and keep it among the thresholds for a Rust pilot.',
    });
  }
  if (a.stage !== 'prototype') {
    risks.push({
      weight: a.stage === 'production' ? 5 : 3,
      risk: 'Dynamic typing lets errors slip through as the codebase grows.',
      mitigation:
        'Type hints everywhere, checked in CI by mypy or pyright in strict mode; validate data at the edges with pydantic.',
    });
  }
  if (a.safety === 'security') {
    risks.push({
      weight: 5,
      risk: 'Untrusted input reaches dynamic code, where type confusion shows only at run time.',
      mitigation:
        'Validate every input at the boundary (pydantic), fuzz the parsers (atheris), and run pip-audit and bandit in CI.',
    });
  } else if (a.safety === 'critical') {
    risks.push({
      weight: 7,
      risk: 'Safety-critical behaviour rests on tests alone, with no compile-time guarantees.',
      mitigation:
        'Strict typing, property-based tests (Hypothesis), independent review, and a Rust pilot for the most critical component.',
    });
  }
  risks.push(
    a.deployment === 'desktop-cli'
      ? {
          weight: 5,
          risk: "Users' machines have a different Python, or none, and installs break.",
          mitigation:
            'Bundle with PyInstaller or ship through pipx or uv tool install, and smoke-test each OS in CI.',
        }
      : {
          weight: 2,
          risk: 'Dependency drift breaks builds: a transitive upgrade, or a native wheel missing on one platform.',
          mitigation:
            'Lock dependencies (uv lock or poetry.lock), pin the Python version, and build from the lock in CI.',
        },
  );
  return risks;
}

/** Risks of the chosen path for this team and project, each with its mitigation, most pressing first. */
export function risksFor(d: Decision, kind: PlanKind, a: Answers, s: Signals): Risk[] {
  const risks: WeighedRisk[] = [];
  if (d.closeCall) {
    risks.push({
      weight: 10,
      risk: 'Deciding a close call on taste, then paying for it for years.',
      mitigation: 'Run the time-boxed spike in the plan and decide on its numbers.',
    });
  }
  if (d.verdict === 'python') risks.push(...pythonRisks(a, s));
  else risks.push(...rustRisks(d, a, s));
  risks.push(...boundaryRisks(d, kind, a));
  risks.push({
    weight: 1,
    risk: 'The answers change as the project grows, and the decision quietly stops fitting.',
    mitigation: 'Revisit this questionnaire at each stage change (prototype, MVP, production).',
  });
  return risks
    .sort((x, y) => y.weight - x.weight)
    .slice(0, MAX_RISKS)
    .map(({ risk, mitigation }) => ({ risk, mitigation }));
}
