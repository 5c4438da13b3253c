import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/engine/plan.ts';
import type { Answers } from '../../src/engine/questions.ts';
import { recommend } from '../../src/engine/recommend.ts';
import { risksFor } from '../../src/engine/risks.ts';
import type {
  CriterionId,
  DecidingRule,
  Plan,
  Risk,
  Verdict,
  VerdictRuleId,
} from '../../src/engine/types.ts';
import { type Decision, signalsOf } from '../../src/engine/verdict.ts';
import { arbitraryAnswers } from '../helpers/arbitraries.ts';

interface Given {
  readonly verdict: Verdict;
  readonly rule?: VerdictRuleId;
  readonly driver?: CriterionId;
  readonly closeCall?: boolean;
}

/** A decision as the verdict step would hand it over, so the plan's shape is tested on its own. */
function decided(a: Answers, g: Given): { plan: Plan; risks: Risk[] } {
  const closeCall = g.closeCall ?? false;
  const scores = g.verdict === 'python' ? { rust: 30, python: 70 } : { rust: 70, python: 30 };
  const d: Decision = {
    verdict: g.verdict,
    rule: g.rule ?? (closeCall ? 'close-call' : 'margin'),
    closeCall,
    scores: closeCall ? { rust: 48, python: 52 } : scores,
    margin: closeCall ? -4 : scores.rust - scores.python,
    conflicts: [],
  };
  const rule: DecidingRule = {
    id: d.rule,
    text: 'The rule.',
    cites: [],
    driver: g.driver ?? 'performance',
    againstScores: false,
  };
  const s = signalsOf(a);
  const plan = buildPlan(d, rule, a, s);
  return { plan, risks: risksFor(d, rule, plan, a, s) };
}

/** Everything the plan says, in one string. */
function planText(plan: Plan): string {
  return [
    plan.summary,
    ...plan.steps.flatMap((p) => [p.goal, ...p.steps, p.exit]),
    ...(plan.learningPath ?? []),
    ...(plan.thresholds ?? []),
  ].join('\n');
}

const PYTHON_SERVICE: Answers = {
  workload: 'web-backend',
  stage: 'production',
  latency: 'interactive',
  pythonSkill: 'strong',
  rustSkill: 'some',
  codebase: 'python',
  compute: 'cpu-bound',
  hotPath: 'python',
};

const WHEEL_PUBLISHING = /abi3|wheel matrix|maturin-action|publish/i;
const SERVICE_HOP = /network hop|service boundary|Rust service|gRPC|tonic/i;

describe('plan kinds follow the project', () => {
  it('a close call is a spike', () => {
    expect(decided(PYTHON_SERVICE, { verdict: 'python', closeCall: true }).plan.kind).toBe('spike');
  });

  it('a Rust verdict over C/C++ moves module by module behind FFI, with behaviour pinned by tests', () => {
    const { plan, risks } = decided(
      { ...PYTHON_SERVICE, workload: 'systems', codebase: 'other-native', pythonSkill: 'none' },
      { verdict: 'rust' },
    );
    expect(plan.kind).toBe('rust-incremental');
    const text = planText(plan);
    expect(text).toMatch(/bindgen/);
    expect(text).toMatch(/cxx/);
    expect(text).toMatch(/Strangler/);
    expect(text).toMatch(/pin its current behaviour/);
    expect(text).not.toMatch(/PyO3/);
    expect(risks.find((r) => /FFI/.test(r.risk))?.cites).toContain('codebase');
  });

  it('a Rust verdict over Python code moves module by module behind PyO3', () => {
    const { plan } = decided({ ...PYTHON_SERVICE, rustSkill: 'strong' }, { verdict: 'rust' });
    expect(plan.kind).toBe('rust-incremental');
    expect(planText(plan)).toMatch(/PyO3/);
    expect(planText(plan)).toMatch(/differential tests/);
  });

  it("a Rust codebase stays Rust-led and is never told to make Rust the project's default", () => {
    const { plan } = decided(
      { ...PYTHON_SERVICE, codebase: 'rust', rustSkill: 'strong', pythonSkill: 'some' },
      { verdict: 'rust' },
    );
    expect(plan.kind).toBe('rust-first');
    const text = planText(plan);
    expect(text).not.toMatch(/project's default/);
    expect(text).toMatch(/existing Rust/);
    expect(text).not.toMatch(/existing Python/);
  });

  it('a team with no Rust gets the learning path plan', () => {
    const { plan } = decided(
      { ...PYTHON_SERVICE, codebase: 'greenfield', rustSkill: 'none' },
      { verdict: 'rust' },
    );
    expect(plan.kind).toBe('rust-with-learning-path');
    expect(plan.steps[0]?.phase).toBe('Learn');
  });

  it('a hybrid that must scale separately gets a service; a tight-latency one never does', () => {
    // A cloud deployment alone is not a reason for a second service: the extension stays the default.
    expect(decided({ ...PYTHON_SERVICE, deployment: 'cloud-service' }, { verdict: 'hybrid' }).plan.kind).toBe(
      'hybrid-extension',
    );
    const cloud: Answers = { ...PYTHON_SERVICE, workload: 'high-throughput', deployment: 'cloud-service' };
    expect(decided(cloud, { verdict: 'hybrid' }).plan.kind).toBe('hybrid-service');
    const strict = decided({ ...cloud, latency: 'strict' }, { verdict: 'hybrid' }).plan;
    expect(strict.kind).toBe('hybrid-extension');
    expect(planText(strict)).not.toMatch(SERVICE_HOP);
  });

  it('a Python library is never put behind a service, even in the cloud', () => {
    const lib: Answers = { ...PYTHON_SERVICE, workload: 'python-extension', deployment: 'cloud-service' };
    expect(decided(lib, { verdict: 'hybrid' }).plan.kind).toBe('hybrid-extension');
  });

  it('the phased-migration rule gives the phased plan', () => {
    const { plan } = decided(PYTHON_SERVICE, { verdict: 'hybrid', rule: 'phased-migration' });
    expect(plan.kind).toBe('phased-migration');
    expect(plan.steps.map((p) => p.phase)).toEqual(['MVP', 'Measure', 'Pilot', 'Contracts']);
  });
});

describe('steps follow where the code runs', () => {
  it('a Python package ships abi3 wheels, with their limits said', () => {
    const text = planText(
      decided({ ...PYTHON_SERVICE, deployment: 'python-package' }, { verdict: 'hybrid' }).plan,
    );
    expect(text).toMatch(/abi3 wheels/);
    expect(text).toMatch(/free-threaded CPython or PyPy/);
    expect(text).toMatch(/limited API can cost speed/);
    expect(text).toMatch(/maturin-action/);
  });

  it('a desktop app bundles the extension with the app and publishes no wheels', () => {
    const text = planText(
      decided({ ...PYTHON_SERVICE, deployment: 'desktop-cli' }, { verdict: 'hybrid' }).plan,
    );
    expect(text).toMatch(/PyInstaller or Briefcase/);
    expect(text).toMatch(/\.so\/\.pyd/);
    expect(text).not.toMatch(WHEEL_PUBLISHING);
  });

  it('a cloud service with an extension builds it into its image for one platform', () => {
    const text = planText(
      decided({ ...PYTHON_SERVICE, latency: 'strict', deployment: 'cloud-service' }, { verdict: 'hybrid' })
        .plan,
    );
    expect(text).toMatch(/service's image for its one target platform/);
    expect(text).not.toMatch(WHEEL_PUBLISHING);
  });

  it('an edge device cross-compiles for the board with cross', () => {
    const hybrid = planText(
      decided({ ...PYTHON_SERVICE, deployment: 'edge-device' }, { verdict: 'hybrid' }).plan,
    );
    expect(hybrid).toMatch(/`cross`/);
    expect(hybrid).toMatch(/target triple/);
    expect(hybrid).not.toMatch(WHEEL_PUBLISHING);
    const rust = planText(
      decided({ ...PYTHON_SERVICE, codebase: 'greenfield', deployment: 'edge-device' }, { verdict: 'rust' })
        .plan,
    );
    expect(rust).toMatch(/`cross`.*target triple/);
  });

  it('WebAssembly gets wasm-pack for Rust and Pyodide’s costs for Python', () => {
    const wasm: Answers = { ...PYTHON_SERVICE, codebase: 'greenfield', deployment: 'wasm' };
    expect(planText(decided(wasm, { verdict: 'rust' }).plan)).toMatch(/wasm-pack and wasm-bindgen/);
    expect(planText(decided(wasm, { verdict: 'python' }).plan)).toMatch(
      /Pyodide.*several MB.*seconds to start/,
    );
  });

  it('a Rust tool distributed on PyPI ships its binary in wheels, not a PyO3 extension', () => {
    const text = planText(
      decided(
        { ...PYTHON_SERVICE, workload: 'cli-tooling', codebase: 'greenfield', deployment: 'python-package' },
        { verdict: 'rust' },
      ).plan,
    );
    expect(text).toMatch(/bindings = "bin"/);
    expect(text).not.toMatch(/PyO3/);
  });

  it('firmware gets embedded Rust steps with budgets in kilobytes', () => {
    const firmware: Answers = {
      workload: 'embedded',
      stage: 'production',
      latency: 'realtime',
      pythonSkill: 'strong',
      rustSkill: 'some',
      memory: 'constrained',
    };
    const text = planText(
      decided(firmware, { verdict: 'rust', rule: 'constrained-target', driver: 'memory' }).plan,
    );
    expect(text).toMatch(/embedded-hal/);
    expect(text).toMatch(/Embassy/);
    expect(text).toMatch(/probe-rs/);
    expect(text).toMatch(/defmt/);
    expect(text).toMatch(/kilobyte/);
    expect(text).not.toMatch(/MBs? of RAM|py-spy|existing Python/);
  });

  it('a Python-only firmware team hears about MicroPython and C, and why Rust still', () => {
    const plan = decided(
      {
        workload: 'embedded',
        stage: 'mvp',
        latency: 'realtime',
        pythonSkill: 'strong',
        rustSkill: 'none',
        memory: 'constrained',
      },
      { verdict: 'rust', rule: 'constrained-target', driver: 'memory' },
    ).plan;
    const text = planText(plan);
    expect(plan.kind).toBe('rust-with-learning-path');
    expect(text).toMatch(/MicroPython[^\n]*prototype[^\n]*hundreds of KB[^\n]*not for hard real-time/);
    expect(text).toMatch(/C is the incumbent[^\n]*vendor SDKs[^\n]*no memory safety/);
    expect(text).toMatch(/Rust is still the recommendation/);
    expect(plan.learningPath?.join(' ')).toMatch(/Embedded Rust Book/);
  });
});

describe('the deciding factor and the hot path shape the plan', () => {
  const PARSER: Answers = {
    workload: 'systems',
    stage: 'production',
    latency: 'interactive',
    pythonSkill: 'strong',
    rustSkill: 'some',
    codebase: 'python',
    compute: 'mixed',
    safety: 'security',
  };

  it('a hybrid chosen for safety moves the untrusted-input code, fuzzes it and exits on a security criterion', () => {
    const { plan } = decided(PARSER, { verdict: 'hybrid', rule: 'python-code-anchor', driver: 'safety' });
    const trial = plan.steps.find((p) => p.phase === 'Trial');
    expect(trial?.goal).toMatch(/untrusted input/);
    const text = planText(plan);
    expect(text).toMatch(/cargo-fuzz/);
    expect(text).toMatch(/#!\[forbid\(unsafe_code\)\]/);
    expect(text).toMatch(/cargo audit and cargo deny/);
    expect(trial?.exit).toMatch(/Fuzzing has run \d+ CPU-hours[^.]*no open crash/);
    expect(plan.summary).not.toMatch(/hot path/);
  });

  it('safety-critical Rust names a qualified toolchain for certification', () => {
    const text = planText(
      decided(
        { ...PARSER, codebase: 'greenfield', safety: 'critical' },
        { verdict: 'rust', driver: 'safety' },
      ).plan,
    );
    expect(text).toMatch(/Ferrocene/);
  });

  it('a hot path already in native code is said to be native, and the profile looks between the calls', () => {
    const assess = decided({ ...PYTHON_SERVICE, hotPath: 'native' }, { verdict: 'python' }).plan.steps.find(
      (p) => p.phase === 'Assess',
    );
    expect(assess?.steps.join(' ')).toMatch(/already runs in native code/);
    expect(assess?.steps.join(' ')).toMatch(/py-spy --native/);
  });

  it('an unprofiled CPU-bound hot path is profiled first', () => {
    for (const hotPath of ['unknown', undefined] as const) {
      const a: Answers = { ...PYTHON_SERVICE };
      if (hotPath) a.hotPath = hotPath;
      else delete a.hotPath;
      const assess = decided(a, { verdict: 'hybrid' }).plan.steps.find((p) => p.phase === 'Assess');
      expect(assess?.steps[0]).toMatch(/^Profile first/);
    }
  });

  it('a native hot path in a C/C++ codebase is profiled as C/C++, not as time between Python calls', () => {
    const text = planText(
      decided({ ...PYTHON_SERVICE, codebase: 'other-native', hotPath: 'native' }, { verdict: 'rust' }).plan,
    );
    expect(text).toMatch(/existing C\/C\+\+/);
    expect(text).not.toMatch(/between those calls|py-spy/);
  });

  it('a close call is not settled for Python by default when the code is Rust or the team knows Rust better', () => {
    const exit = (a: Answers) =>
      decided(a, { verdict: 'python', closeCall: true }).plan.steps.find((p) => p.phase === 'Spike')?.exit;
    expect(exit({ ...PYTHON_SERVICE, codebase: 'rust' })).toMatch(
      /Rust, the codebase's language, wins the tie/,
    );
    expect(exit({ ...PYTHON_SERVICE, codebase: 'greenfield', pythonSkill: 'none' })).toMatch(
      /Rust, which the team knows better/,
    );
    expect(exit({ ...PYTHON_SERVICE, codebase: 'greenfield', rustSkill: 'none' })).toMatch(
      /Python, cheaper to start/,
    );
  });

  it('C firmware moves to Rust module by module, linked into the firmware and checked against the kilobyte budget', () => {
    const { plan } = decided(
      {
        workload: 'embedded',
        stage: 'production',
        latency: 'realtime',
        pythonSkill: 'none',
        rustSkill: 'some',
        memory: 'constrained',
        codebase: 'other-native',
      },
      { verdict: 'rust', rule: 'constrained-target', driver: 'memory' },
    );
    expect(plan.kind).toBe('rust-incremental');
    const text = planText(plan);
    expect(text).toMatch(/no_std static library/);
    expect(text).toMatch(/kilobyte budget/);
    expect(text).toMatch(/probe-rs/);
  });

  it('a project with no Python code is never told to profile the existing Python', () => {
    for (const codebase of ['greenfield', 'rust', 'other-native'] as const) {
      const text = planText(decided({ ...PYTHON_SERVICE, codebase }, { verdict: 'rust' }).plan);
      expect(text).not.toMatch(/existing Python/);
    }
  });
});

describe('learning paths teach what the plan needs', () => {
  it('an extension teaches PyO3 and maturin, a service teaches axum or tonic', () => {
    const extension = decided({ ...PYTHON_SERVICE, latency: 'strict' }, { verdict: 'hybrid' }).plan;
    expect(extension.learning).toBe('rust');
    expect(extension.learningPath?.join(' ')).toMatch(/PyO3 guide and maturin/);
    expect(extension.learningPath?.join(' ')).not.toMatch(/axum|tonic/);
    const service = decided(
      { ...PYTHON_SERVICE, workload: 'high-throughput', deployment: 'cloud-service' },
      { verdict: 'hybrid' },
    ).plan;
    expect(service.kind).toBe('hybrid-service');
    expect(service.learningPath?.join(' ')).toMatch(/axum.*tonic/);
    expect(service.learningPath?.join(' ')).not.toMatch(/PyO3/);
  });

  it('C/C++ interop teaches cxx and bindgen', () => {
    const plan = decided({ ...PYTHON_SERVICE, codebase: 'other-native' }, { verdict: 'rust' }).plan;
    expect(plan.learningPath?.join(' ')).toMatch(/bindgen.*cxx/);
  });

  it('a team strong in Rust gets no Rust learning path', () => {
    const plan = decided({ ...PYTHON_SERVICE, rustSkill: 'strong' }, { verdict: 'hybrid' }).plan;
    expect(plan.learningPath).toBeUndefined();
    expect(plan.learning).toBeUndefined();
  });

  it('a Python verdict for a team without Python teaches Python first', () => {
    const plan = decided(
      { ...PYTHON_SERVICE, codebase: 'greenfield', pythonSkill: 'none', rustSkill: 'strong' },
      { verdict: 'python' },
    ).plan;
    expect(plan.learning).toBe('python');
    expect(plan.learningPath?.join(' ')).toMatch(/Python tutorial/);
    expect(plan.steps[0]?.phase).toBe('Learn');
  });
});

describe('thresholds are tied to the answers', () => {
  it('a memory threshold appears only when memory or cost was answered', () => {
    const base: Answers = { ...PYTHON_SERVICE, codebase: 'greenfield' };
    const plain = decided(base, { verdict: 'python' }).plan.thresholds ?? [];
    expect(plain.join(' ')).not.toMatch(/Memory per instance/);
    const containers =
      decided({ ...base, memory: 'containers' }, { verdict: 'python' }).plan.thresholds ?? [];
    expect(containers.join(' ')).toMatch(/Memory per instance/);
  });

  it("the latency threshold follows the answer, and a CLI's start-up time is watched", () => {
    const cli = decided(
      { ...PYTHON_SERVICE, latency: 'strict', deployment: 'desktop-cli' },
      { verdict: 'python' },
    ).plan.thresholds?.join(' ');
    expect(cli).toMatch(/10 ms/);
    expect(cli).toMatch(/Start-up time/);
    expect(cli).not.toMatch(/100 ms/);
  });
});

describe('risks are tied to the answers', () => {
  it('the 2021 cryptography wheel breakage is a risk only for a Python package', () => {
    const crypto = (a: Answers) =>
      decided(a, { verdict: 'hybrid' }).risks.find((r) => /cryptography/.test(r.risk));
    expect(crypto({ ...PYTHON_SERVICE, deployment: 'python-package' })?.cites).toEqual(['deployment']);
    expect(crypto({ ...PYTHON_SERVICE, deployment: 'desktop-cli' })).toBeUndefined();
    expect(crypto({ ...PYTHON_SERVICE, deployment: 'cloud-service', latency: 'strict' })).toBeUndefined();
  });

  it("Python's memory footprint is a risk only when memory or cost was answered", () => {
    const memory = (a: Answers) =>
      decided(a, { verdict: 'python' }).risks.find((r) => /memory/i.test(r.risk));
    expect(memory(PYTHON_SERVICE)).toBeUndefined();
    expect(memory({ ...PYTHON_SERVICE, priorities: ['cost'] })?.cites).toEqual(['priorities']);
  });

  it('a service risk only for a service, a HAL risk only for firmware', () => {
    const service = decided(
      { ...PYTHON_SERVICE, workload: 'high-throughput', deployment: 'cloud-service' },
      { verdict: 'hybrid' },
    ).risks;
    expect(service.map((r) => r.risk).join(' ')).toMatch(/network hop/);
    const extension = decided(PYTHON_SERVICE, { verdict: 'hybrid' }).risks;
    expect(extension.map((r) => r.risk).join(' ')).not.toMatch(/network hop|HAL/);
  });

  it('the close-call risk cites the answers that made it close', () => {
    const risk = decided(PYTHON_SERVICE, { verdict: 'python', closeCall: true }).risks[0];
    expect(risk?.risk).toMatch(/close call/);
    expect(risk?.cites).toEqual(['pythonSkill', 'rustSkill']);
  });

  it('with nothing else to tie a risk to, the one left cites the stage', () => {
    const { risks } = decided(
      {
        workload: 'systems',
        stage: 'production',
        latency: 'strict',
        pythonSkill: 'some',
        rustSkill: 'strong',
        codebase: 'rust',
      },
      { verdict: 'rust' },
    );
    expect(risks).toHaveLength(1);
    expect(risks[0]?.cites).toEqual(['stage']);
  });
});

describe('properties over any answers', () => {
  const RUNS = { numRuns: 300 };

  it('no service hop on a strict or real-time path', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (a) => {
        fc.pre(a.latency === 'strict' || a.latency === 'realtime');
        const rec = recommend(a);
        expect(rec.plan.kind).not.toBe('hybrid-service');
        expect(planText(rec.plan)).not.toMatch(SERVICE_HOP);
      }),
      RUNS,
    );
  });

  it('a Rust codebase or a team strong in Rust never gets a Python MVP unless the verdict is Python', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (a) => {
        fc.pre(a.codebase === 'rust' || a.rustSkill === 'strong');
        const rec = recommend(a);
        fc.pre(rec.verdict !== 'python');
        expect(['phased-migration', 'python-first', 'python-with-rust-pilot']).not.toContain(rec.plan.kind);
        expect(rec.plan.steps.map((p) => p.phase)).not.toContain('MVP');
        if (a.codebase === 'rust') expect(planText(rec.plan)).not.toMatch(/project's default/);
      }),
      RUNS,
    );
  });

  it('desktop and edge plans are bundled or cross-compiled, never published as PyPI wheels', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (a) => {
        fc.pre(a.deployment === 'desktop-cli' || a.deployment === 'edge-device');
        const rec = recommend(a);
        expect(planText(rec.plan)).not.toMatch(WHEEL_PUBLISHING);
        expect(rec.risks.map((r) => r.risk).join(' ')).not.toMatch(/cryptography/);
        if (rec.plan.kind === 'hybrid-extension') {
          expect(planText(rec.plan)).toMatch(
            a.deployment === 'desktop-cli' ? /Bundle the compiled extension/ : /`cross`/,
          );
        }
      }),
      RUNS,
    );
  });

  it('wheels and the cryptography risk appear only for code distributed as a Python package', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (a) => {
        fc.pre(
          a.deployment !== 'python-package' &&
            !(a.deployment === undefined && a.workload === 'python-extension'),
        );
        const rec = recommend(a);
        expect(planText(rec.plan)).not.toMatch(/abi3|wheel/);
        expect(rec.risks.map((r) => r.risk).join(' ')).not.toMatch(/cryptography/);
      }),
      RUNS,
    );
  });

  it('every risk cites answered questions, at most six, none twice', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (a) => {
        const rec = recommend(a);
        expect(rec.risks.length).toBeGreaterThan(0);
        expect(rec.risks.length).toBeLessThanOrEqual(6);
        expect(new Set(rec.risks.map((r) => r.risk)).size).toBe(rec.risks.length);
        for (const r of rec.risks) {
          expect(r.cites.length, r.risk).toBeGreaterThan(0);
          for (const q of r.cites) expect(rec.answers[q], `${r.risk} cites ${q}`).not.toBeUndefined();
        }
      }),
      RUNS,
    );
  });

  it('safety-driven Rust and hybrid plans fuzz with cargo-fuzz and exit on a security criterion', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (a) => {
        fc.pre(a.safety === 'security' || a.safety === 'critical');
        const rec = recommend(a);
        fc.pre(rec.verdict !== 'python');
        expect(planText(rec.plan)).toMatch(/cargo-fuzz/);
        if (rec.plan.kind !== 'spike') {
          expect(rec.plan.steps.some((p) => /Fuzzing has run/.test(p.exit))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('a Python verdict for a team with no Python carries a Python learning path', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (a) => {
        fc.pre(a.pythonSkill === 'none');
        const rec = recommend(a);
        fc.pre(rec.verdict === 'python');
        expect(rec.plan.learning).toBe('python');
        expect(rec.plan.learningPath?.join(' ')).toMatch(/Python tutorial/);
      }),
      RUNS,
    );
  });

  it('no plan tells a project without Python code to profile the existing Python', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (a) => {
        const rec = recommend(a);
        fc.pre(!signalsOf(rec.answers).pythonCode);
        expect(planText(rec.plan)).not.toMatch(/existing Python/);
      }),
      RUNS,
    );
  });
});
