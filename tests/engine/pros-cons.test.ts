import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prosAndCons } from '../../src/engine/pros-cons.ts';
import type { Answers } from '../../src/engine/questions.ts';
import {
  CRITERION_IDS,
  type CriterionId,
  type DecidingRule,
  type Plan,
  type PlanKind,
  type Point,
  type Verdict,
} from '../../src/engine/types.ts';
import { type Decision, signalsOf } from '../../src/engine/verdict.ts';
import { arbitraryAnswers } from '../helpers/arbitraries.ts';

/** The plan kinds each verdict can come with. */
const KINDS: Readonly<Record<Verdict, readonly PlanKind[]>> = {
  python: ['python-first', 'python-with-rust-pilot', 'spike'],
  rust: ['rust-first', 'rust-incremental', 'rust-with-learning-path', 'spike'],
  hybrid: ['hybrid-extension', 'hybrid-service', 'phased-migration', 'spike'],
};

interface Case {
  readonly answers: Answers;
  readonly verdict: Verdict;
  readonly driver: CriterionId;
  readonly kind: PlanKind;
}

function decision(verdict: Verdict): Decision {
  return {
    verdict,
    rule: 'margin',
    closeCall: false,
    scores: { rust: 50, python: 50 },
    margin: 0,
    conflicts: [],
  };
}

function ruleFor(driver: CriterionId): DecidingRule {
  return { id: 'margin', text: 'The scores decide.', cites: [], driver, againstScores: false };
}

function planOf(kind: PlanKind): Plan {
  const withThresholds = kind === 'python-with-rust-pilot' || kind === 'phased-migration';
  return {
    kind,
    summary: 'A plan.',
    steps: [],
    ...(withThresholds ? { thresholds: ['p99 latency above 100 ms at expected load.'] } : {}),
  };
}

function run({ answers, verdict, driver, kind }: Case): { pros: Point[]; cons: Point[] } {
  return prosAndCons(decision(verdict), ruleFor(driver), answers, signalsOf(answers), planOf(kind));
}

/** Any answers with any verdict, deciding criterion and a plan kind that verdict can have. */
function arbitraryCase(overrides: Partial<Answers> = {}): fc.Arbitrary<Case> {
  return fc
    .record({
      answers: arbitraryAnswers().map((a) => ({ ...a, ...overrides }) as Answers),
      verdict: fc.constantFrom<Verdict>('python', 'rust', 'hybrid'),
      driver: fc.constantFrom(...CRITERION_IDS),
      pick: fc.nat(),
    })
    .map(({ answers, verdict, driver, pick }) => {
      const kinds = KINDS[verdict];
      return { answers, verdict, driver, kind: kinds[pick % kinds.length] as PlanKind };
    });
}

const texts = (points: readonly Point[]) => points.map((p) => p.text).join('\n');

describe('every pro and con, for any answers and any verdict', () => {
  it('cites at least one question, and only questions that were answered', () => {
    fc.assert(
      fc.property(arbitraryCase(), (c) => {
        const { pros, cons } = run(c);
        for (const point of [...pros, ...cons]) {
          expect(point.cites.length, point.text).toBeGreaterThan(0);
          expect(new Set(point.cites).size, point.text).toBe(point.cites.length);
          for (const q of point.cites) expect(c.answers[q], `${point.text} cites ${q}`).not.toBeUndefined();
        }
      }),
      { numRuns: 500 },
    );
  });

  it('disappears when an optional answer it cites is omitted', () => {
    fc.assert(
      fc.property(arbitraryCase(), (c) => {
        const { pros, cons } = run(c);
        for (const point of [...pros, ...cons]) {
          for (const q of point.cites) {
            if (
              q === 'workload' ||
              q === 'stage' ||
              q === 'latency' ||
              q === 'pythonSkill' ||
              q === 'rustSkill'
            )
              continue;
            const { [q]: _omitted, ...rest } = c.answers;
            const after = run({ ...c, answers: rest as Answers });
            expect(texts([...after.pros, ...after.cons]), `${point.text} without ${q}`).not.toContain(
              point.text,
            );
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('come one to five of each, never empty, deterministic and never repeated', () => {
    fc.assert(
      fc.property(arbitraryCase(), (c) => {
        const { pros, cons } = run(c);
        for (const points of [pros, cons]) {
          expect(points.length).toBeGreaterThanOrEqual(1);
          expect(points.length).toBeLessThanOrEqual(5);
          expect(new Set(points.map((p) => p.text)).size).toBe(points.length);
          expect(points.filter((p) => p.text.includes('20-100x')).length).toBeLessThanOrEqual(1);
          expect(points.filter((p) => /learning curve/i.test(p.text)).length).toBeLessThanOrEqual(1);
        }
        expect(run(c)).toEqual({ pros, cons });
      }),
      { numRuns: 500 },
    );
  });

  it('never put microcontrollers in "MBs of RAM" nor leave a sentence uncapitalised', () => {
    fc.assert(
      fc.property(arbitraryCase(), (c) => {
        const { pros, cons } = run(c);
        for (const point of [...pros, ...cons]) {
          expect(point.text).not.toMatch(/MBs of RAM/);
          expect(point.text).toMatch(/^[A-Z]/);
          expect(point.text).toMatch(/\.$/);
          expect(point.text).not.toMatch(/\b(pyO3|cPU|gIL|numPy|Pyo3|Numpy)\b/);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the pros follow the deciding factor', () => {
  it('a Rust or hybrid verdict for security-sensitive or safety-critical work leads with memory safety', () => {
    fc.assert(
      fc.property(
        arbitraryCase(),
        fc.constantFrom<'security' | 'critical'>('security', 'critical'),
        fc.constantFrom<Verdict>('rust', 'hybrid'),
        fc.boolean(),
        fc.nat(),
        (c, safety, verdict, drivenBySafety, pick) => {
          // Whether safety is the deciding criterion or another one is, with any plan the verdict can have.
          const driver = drivenBySafety ? 'safety' : c.driver;
          const kind = KINDS[verdict][pick % KINDS[verdict].length] as PlanKind;
          const { pros } = run({ answers: { ...c.answers, safety }, verdict, kind, driver });
          expect(pros[0]?.text).toMatch(/memory safety/i);
          expect(pros[0]?.cites).toContain('safety');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a hybrid whose compute is not CPU-bound never sells a "CPU-bound hot path"', () => {
    fc.assert(
      fc.property(arbitraryCase(), (c) => {
        fc.pre(c.answers.compute !== 'cpu-bound');
        const { pros } = run({ ...c, verdict: 'hybrid', kind: 'hybrid-extension' });
        expect(texts(pros)).not.toMatch(/CPU-bound/);
      }),
      { numRuns: 300 },
    );
  });

  it('with the hot path already in native code, no pro promises 20-100x and no hybrid moves it', () => {
    fc.assert(
      fc.property(arbitraryCase({ hotPath: 'native' }), (c) => {
        const { pros } = run(c);
        expect(texts(pros)).not.toMatch(/20-100x|near-C speed/);
      }),
      { numRuns: 300 },
    );
  });

  it('a hybrid names what its Rust core holds for these answers', () => {
    const base: Answers = {
      workload: 'web-backend',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'some',
      codebase: 'python',
    };
    const pros = (extra: Partial<Answers>) =>
      texts(
        run({
          answers: { ...base, ...extra },
          verdict: 'hybrid',
          driver: 'performance',
          kind: 'hybrid-extension',
        }).pros,
      );
    expect(pros({ compute: 'cpu-bound', hotPath: 'python' })).toMatch(
      /CPU-bound hot path, which a profile puts in Python code, moves to Rust/,
    );
    expect(pros({ latency: 'strict' })).toMatch(/latency-critical path \(p99 under 10 ms\) runs in Rust/);
    expect(pros({ concurrency: 'cpu-parallel' })).toMatch(/parallel work across every core/);
    expect(pros({ safety: 'security' })).toMatch(/untrusted input or secrets moves into Rust/);
  });
});

describe('the cons are the costs for this team', () => {
  it('a Python verdict for a team with no Python names the cost of learning Python', () => {
    fc.assert(
      fc.property(arbitraryCase({ pythonSkill: 'none' }), (c) => {
        const { cons } = run({ ...c, verdict: 'python', kind: 'python-first' });
        const learning = cons.find((p) => /learn Python/.test(p.text));
        expect(learning?.text).toMatch(/weeks/);
        expect(learning?.text).toMatch(/packaging/);
        expect(learning?.cites).toContain('pythonSkill');
      }),
      { numRuns: 200 },
    );
  });

  it('the wheel matrix and the 2021 cryptography breakage only when the code ships as a Python package', () => {
    fc.assert(
      fc.property(arbitraryCase(), (c) => {
        const { cons } = run(c);
        const shipsToPyPI =
          c.answers.deployment === 'python-package' || c.answers.workload === 'python-extension';
        if (!shipsToPyPI) expect(texts(cons)).not.toMatch(/cryptography|wheel/i);
      }),
      { numRuns: 300 },
    );
  });

  it('tell only a Python verdict for a team strong in Rust that its Rust goes unused', () => {
    fc.assert(
      fc.property(arbitraryCase(), (c) => {
        const unused = texts(run(c).cons).includes('Rust fluency goes unused');
        if (unused) expect([c.verdict, c.answers.rustSkill]).toEqual(['python', 'strong']);
      }),
      { numRuns: 300 },
    );
  });

  it('a hybrid service costs a second service and a network hop; an extension costs PyO3 bindings', () => {
    const answers: Answers = {
      workload: 'web-backend',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'none',
      codebase: 'python',
      compute: 'cpu-bound',
      deployment: 'cloud-service',
    };
    const service = texts(
      run({ answers, verdict: 'hybrid', driver: 'performance', kind: 'hybrid-service' }).cons,
    );
    const extension = texts(
      run({ answers, verdict: 'hybrid', driver: 'performance', kind: 'hybrid-extension' }).cons,
    );
    expect(service).toMatch(/second service.*network hop/);
    expect(service).not.toMatch(/PyO3/);
    expect(extension).toMatch(/PyO3 bindings to maintain/);
    expect(extension).not.toMatch(/network hop/);
  });
});

describe("the issue's cases", () => {
  it('a hybrid chosen for memory safety on a Python codebase with mixed compute is sold on safety, not speed', () => {
    const answers: Answers = {
      workload: 'web-backend',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'some',
      codebase: 'python',
      compute: 'mixed',
      safety: 'security',
    };
    const { pros } = run({ answers, verdict: 'hybrid', driver: 'safety', kind: 'hybrid-extension' });
    expect(pros[0]).toEqual({
      text: 'The code that handles untrusted input or secrets moves into Rust: memory safety without a GC or a C extension underneath, and strict types and exhaustive matching that turn malformed-input cases into compile errors; Python keeps the rest.',
      cites: ['safety'],
    });
    expect(texts(pros)).toMatch(/Keeps the Python codebase/);
    expect(texts(pros)).not.toMatch(/CPU-bound|17x|20-100x/);
  });

  it('a notebook prototype gets no wheel or cryptography con, and no generic filler', () => {
    const answers: Answers = {
      workload: 'data-science',
      stage: 'prototype',
      latency: 'none',
      pythonSkill: 'strong',
      rustSkill: 'none',
    };
    const { pros, cons } = run({ answers, verdict: 'python', driver: 'ecosystem', kind: 'python-first' });
    expect(pros[0]?.text).toBe(
      'Ready-made Python libraries for ML (PyTorch, scikit-learn) and data (pandas, Polars, PyArrow).',
    );
    expect(texts(cons)).not.toMatch(/cryptography|wheel|Packaging quirks|memory per process|20-100x/);
    expect(cons.map((c) => c.cites)).toEqual([['stage']]);
  });

  it('a Python-only team told to write firmware in Rust hears about MicroPython and C, in kilobytes', () => {
    const answers: Answers = {
      workload: 'embedded',
      stage: 'production',
      latency: 'realtime',
      pythonSkill: 'strong',
      rustSkill: 'none',
      memory: 'constrained',
    };
    const { pros, cons } = run({
      answers,
      verdict: 'rust',
      driver: 'memory',
      kind: 'rust-with-learning-path',
    });
    expect(pros[0]).toEqual({
      text: 'Fits in kilobytes to a few MB of RAM: no interpreter (CPython alone needs 10-20 MB) and no garbage collector.',
      cites: ['memory'],
    });
    const alternatives = cons.find((c) => c.text.includes('MicroPython'));
    expect(alternatives?.text).toMatch(/a few hundred KB.*C, the usual alternative/);
    expect(alternatives?.cites).toEqual(['workload', 'pythonSkill', 'rustSkill']);
  });

  it('an embedded Linux board with memory to spare is not a microcontroller', () => {
    const answers: Answers = {
      workload: 'embedded',
      stage: 'mvp',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'some',
      memory: 'relaxed',
    };
    const rust = run({ answers, verdict: 'rust', driver: 'performance', kind: 'rust-first' });
    expect(texts([...rust.pros, ...rust.cons])).not.toMatch(/microcontroller|MicroPython|no_std/);
    expect(texts(rust.pros)).toMatch(/embedded Linux board/);
  });

  it('a Rust team on a Rust codebase hears no adoption advice', () => {
    const answers: Answers = {
      workload: 'cli-tooling',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'some',
      rustSkill: 'strong',
      codebase: 'rust',
      deployment: 'desktop-cli',
    };
    const { pros, cons } = run({ answers, verdict: 'rust', driver: 'existing-code', kind: 'rust-first' });
    expect(pros[0]?.text).toBe('Stays in the existing Rust codebase: one toolchain, no rewrite.');
    expect(texts(cons)).not.toMatch(/learn|default|hiring|mentor/i);
  });

  it('a Rust-strong team given Python for ML work hears that its Rust goes unused, citing its Rust', () => {
    const answers: Answers = {
      workload: 'data-science',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'some',
      rustSkill: 'strong',
    };
    const { cons } = run({ answers, verdict: 'python', driver: 'ecosystem', kind: 'python-first' });
    expect(cons).toContainEqual({
      text: "The team's Rust fluency goes unused on this project.",
      cites: ['rustSkill'],
    });
  });

  it('a hybrid shipped inside a desktop app is bundled, not published as wheels', () => {
    const answers: Answers = {
      workload: 'cli-tooling',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'some',
      codebase: 'python',
      compute: 'cpu-bound',
      deployment: 'desktop-cli',
    };
    const { pros, cons } = run({
      answers,
      verdict: 'hybrid',
      driver: 'performance',
      kind: 'hybrid-extension',
    });
    expect(texts(cons)).toMatch(/bundled with it/);
    expect(texts(cons)).not.toMatch(/wheel|cryptography/);
    expect(texts(pros)).toMatch(/Rust core is bundled inside/);
  });

  it('a CPU-bound service whose time is in PyTorch is told the compute is native already', () => {
    const answers: Answers = {
      workload: 'web-backend',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'none',
      codebase: 'python',
      compute: 'cpu-bound',
      hotPath: 'native',
    };
    const { pros, cons } = run({ answers, verdict: 'python', driver: 'performance', kind: 'python-first' });
    expect(pros[0]?.text).toMatch(/^The CPU-bound work already runs in native code/);
    expect(pros[0]?.cites).toEqual(['compute', 'hotPath']);
    expect(texts(cons)).not.toMatch(/20-100x/);
  });

  it('a phased migration describes the staged path, not a team that keeps delivering in Python regardless', () => {
    const answers: Answers = {
      workload: 'web-backend',
      stage: 'mvp',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'some',
      codebase: 'python',
      compute: 'cpu-bound',
    };
    const { pros, cons } = run({
      answers,
      verdict: 'hybrid',
      driver: 'performance',
      kind: 'phased-migration',
    });
    expect(pros[0]?.text).toMatch(
      /^Delivery goes on in the Python the team knows; Rust enters only when measurements/,
    );
    expect(texts(pros)).toMatch(/one pilot bottleneck first/);
    expect(texts(pros)).not.toMatch(/keeps delivering/);
    expect(texts(cons)).toMatch(/If the pilot succeeds, the CPU-bound hot path is written twice/);
  });
});
