import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Answers,
  CRITERION_IDS,
  parseAnswers,
  QUESTIONS,
  type Recommendation,
  recommend,
  SINGLE_CHOICE_QUESTIONS,
  type SingleChoiceId,
} from '../../src/engine/index.ts';
import { CONTRIBUTIONS } from '../../src/engine/scoring.ts';
import { arbitraryAnswers } from '../helpers/arbitraries.ts';

const margin = (rec: Recommendation) => rec.scores.rust - rec.scores.python;

/** Two positions on an ordered scale, lower first. */
function orderedPair<T>(scale: readonly T[]): fc.Arbitrary<[T, T]> {
  return fc
    .tuple(fc.nat({ max: scale.length - 1 }), fc.nat({ max: scale.length - 1 }))
    .filter(([i, j]) => i < j)
    .map(([i, j]) => [scale[i] as T, scale[j] as T]);
}

const LATENCY = ['none', 'interactive', 'strict', 'realtime'] as const;
const MEMORY = ['relaxed', 'containers', 'constrained'] as const;
const SKILL = ['none', 'some', 'strong'] as const;

describe('any valid answers', () => {
  it('give a complete recommendation without throwing', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        expect(['rust', 'python', 'hybrid']).toContain(rec.verdict);
        expect(rec.headline.length).toBeGreaterThan(10);
        expect(rec.confidence).toBeGreaterThanOrEqual(0);
        expect(rec.confidence).toBeLessThanOrEqual(100);
        for (const side of [rec.scores.rust, rec.scores.python]) {
          expect(side).toBeGreaterThanOrEqual(0);
          expect(side).toBeLessThanOrEqual(100);
        }
        expect(rec.criteria.map((c) => c.id)).toEqual(CRITERION_IDS);
        expect(rec.pros.length).toBeGreaterThan(0);
        expect(rec.cons.length).toBeGreaterThan(0);
        expect(rec.plan.steps.length).toBeGreaterThan(0);
        for (const phase of rec.plan.steps) {
          expect(phase.steps.length).toBeGreaterThan(0);
          expect(phase.exit.length).toBeGreaterThan(0);
        }
        expect(rec.risks.length).toBeGreaterThan(0);
        for (const risk of rec.risks) expect(risk.mitigation.length).toBeGreaterThan(0);
        if (rec.verdict === 'python') expect(rec.plan.thresholds?.length).toBeGreaterThan(0);
        if (rec.closeCall) {
          expect(rec.confidence).toBeLessThan(40);
          expect(rec.plan.kind).toBe('spike');
        }
        expect(parseAnswers(JSON.parse(JSON.stringify(rec.answers))).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('give reasons that cite the answers exactly as given; omitted answers are never cited', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        for (const reason of rec.criteria.flatMap((c) => c.reasons)) {
          expect(reason.cites.length).toBeGreaterThan(0);
          for (const cite of reason.cites) {
            const given: unknown = answers[cite.question];
            if (Array.isArray(given)) expect(given).toContain(cite.value);
            else expect(String(given)).toBe(cite.value);
          }
        }
        for (const point of [...rec.pros, ...rec.cons]) {
          for (const question of point.cites) expect(answers[question]).not.toBeUndefined();
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('monotonicity of the margin (scores.rust - scores.python)', () => {
  it('stricter latency never moves it toward Python', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), orderedPair(LATENCY), (answers, [looser, stricter]) => {
        expect(margin(recommend({ ...answers, latency: stricter }))).toBeGreaterThanOrEqual(
          margin(recommend({ ...answers, latency: looser })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('tighter memory never moves it toward Python', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), orderedPair(MEMORY), (answers, [looser, tighter]) => {
        expect(margin(recommend({ ...answers, memory: tighter }))).toBeGreaterThanOrEqual(
          margin(recommend({ ...answers, memory: looser })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('more Rust skill never moves it toward Python', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), orderedPair(SKILL), (answers, [less, more]) => {
        expect(margin(recommend({ ...answers, rustSkill: more }))).toBeGreaterThanOrEqual(
          margin(recommend({ ...answers, rustSkill: less })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('more Python skill never moves it toward Rust', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), orderedPair(SKILL), (answers, [less, more]) => {
        expect(margin(recommend({ ...answers, pythonSkill: more }))).toBeLessThanOrEqual(
          margin(recommend({ ...answers, pythonSkill: less })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("needing 'ml' never moves it toward Rust", () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const without = (answers.ecosystems ?? []).filter((e) => e !== 'ml');
        expect(margin(recommend({ ...answers, ecosystems: [...without, 'ml'] }))).toBeLessThanOrEqual(
          margin(recommend({ ...answers, ecosystems: without })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('holds by construction: each contribution names only its own end of an ordered scale', () => {
    const upperEnd: Record<string, { rust: readonly string[]; python: readonly string[] }> = {
      latency: { rust: ['strict', 'realtime'], python: ['none'] },
      memory: { rust: ['containers', 'constrained'], python: ['relaxed'] },
      rustSkill: { rust: ['some', 'strong'], python: ['none'] },
      pythonSkill: { rust: ['none'], python: ['some', 'strong'] },
    };
    for (const c of CONTRIBUTIONS) {
      for (const condition of c.when) {
        if ('includesAny' in condition && condition.includesAny.includes('ml')) expect(c.side).toBe('python');
        if (!('oneOf' in condition)) continue;
        const allowed = upperEnd[condition.question]?.[c.side];
        if (allowed) for (const value of condition.oneOf) expect(allowed, c.text).toContain(value);
      }
    }
  });
});

describe('flips', () => {
  it('are complete and true: exactly the single-answer changes that change the verdict', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        const expected: { question: SingleChoiceId; to: string; verdict: string }[] = [];
        for (const q of SINGLE_CHOICE_QUESTIONS) {
          const id = q.id as SingleChoiceId;
          for (const o of q.options) {
            if (answers[id] === o.value) continue;
            const verdict = recommend({ ...answers, [id]: o.value } as Answers).verdict;
            if (verdict !== rec.verdict) expected.push({ question: id, to: o.value, verdict });
          }
        }
        expect(rec.flips).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});

describe('determinism', () => {
  it('the same answers give byte-identical JSON, whatever the key or list order', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const reordered = Object.fromEntries(
          Object.entries(answers)
            .reverse()
            .map(([k, v]) => [k, Array.isArray(v) ? [...v].reverse() : v]),
        ) as Answers;
        const first = JSON.stringify(recommend(answers));
        expect(JSON.stringify(recommend(structuredClone(answers)))).toBe(first);
        expect(JSON.stringify(recommend(reordered))).toBe(first);
      }),
      { numRuns: 200 },
    );
  });
});

describe('pros and cons follow the answers', () => {
  const optionalSingles = new Set(
    QUESTIONS.filter((q) => q.kind === 'single' && !q.required).map((q) => q.id as string),
  );

  it('a pro or con that cites an optional answer disappears when that answer is omitted', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        for (const point of [...rec.pros, ...rec.cons]) {
          for (const question of point.cites) {
            if (!optionalSingles.has(question)) continue;
            const { [question]: _omitted, ...rest } = answers;
            const after = recommend(rest as Answers);
            expect([...after.pros, ...after.cons].map((p) => p.text)).not.toContain(point.text);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('are not a fixed list: two Rust verdicts for different projects differ', () => {
    const firmware = recommend({
      workload: 'embedded',
      stage: 'production',
      latency: 'realtime',
      pythonSkill: 'strong',
      rustSkill: 'none',
    });
    const cli = recommend({
      workload: 'cli-tooling',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'some',
      rustSkill: 'strong',
      deployment: 'desktop-cli',
    });
    expect(firmware.verdict).toBe('rust');
    expect(cli.verdict).toBe('rust');
    expect(firmware.pros).not.toEqual(cli.pros);
    expect(firmware.cons).not.toEqual(cli.cons);
  });
});
