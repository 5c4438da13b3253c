import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readableFlips } from '../../src/engine/flips.ts';
import {
  type Answers,
  CRITERION_IDS,
  parseAnswers,
  QUESTIONS,
  type Recommendation,
  recommend,
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
const SCALES: Record<string, readonly string[]> = {
  latency: LATENCY,
  memory: MEMORY,
  rustSkill: SKILL,
  pythonSkill: SKILL,
};

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
          expect(rec.confidence).toBeLessThanOrEqual(40);
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
        if ('noneOf' in condition) {
          // "None of these" admits the rest of the scale: that rest must lie at the contribution's own end.
          const scale = SCALES[condition.question];
          const allowed = upperEnd[condition.question]?.[c.side];
          if (scale && allowed) {
            for (const value of scale.filter((v) => !condition.noneOf.includes(v)))
              expect(allowed, c.text).toContain(value);
          }
          continue;
        }
        if (!('oneOf' in condition)) continue;
        const allowed = upperEnd[condition.question]?.[c.side];
        if (allowed) for (const value of condition.oneOf) expect(allowed, c.text).toContain(value);
      }
    }
  });
});

/** Every one-answer change the flips must consider, built independently of the engine's own loop. */
function everyChange(answers: Answers): { question: string; to: unknown }[] {
  const changes: { question: string; to: unknown }[] = [];
  for (const q of QUESTIONS) {
    const given: unknown = answers[q.id];
    if (q.kind === 'single') {
      for (const o of q.options) if (given !== o.value) changes.push({ question: q.id, to: o.value });
    } else if (q.kind === 'multi') {
      const list = (given as string[] | undefined) ?? [];
      for (const o of q.options) {
        const next = list.includes(o.value) ? list.filter((v) => v !== o.value) : [...list, o.value];
        if ('maxItems' in q && next.length > q.maxItems) continue;
        changes.push({ question: q.id, to: q.options.map((x) => x.value).filter((v) => next.includes(v)) });
      }
    } else if (q.kind === 'boolean') {
      for (const to of [true, false]) if (given !== to) changes.push({ question: q.id, to });
    }
  }
  return changes;
}

describe('flips', () => {
  it('are complete and true over every kind of question: exactly the one-answer changes that change the verdict', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        const expected = everyChange(answers)
          .map(({ question, to }) => {
            const changed = recommend({ ...answers, [question]: to } as Answers);
            return { question, to, verdict: changed.verdict, closeCall: changed.closeCall };
          })
          .filter((x) => x.verdict !== rec.verdict);
        expect(
          rec.flips.map(({ question, to, verdict, closeCall }) => ({ question, to, verdict, closeCall })),
        ).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('each read as a plain sentence naming the new verdict, with no question ids or raw option values', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        for (const flip of rec.flips) {
          expect(flip.text).toMatch(
            flip.closeCall
              ? /^If .+, it would be a close call leaning (Rust|Python|towards a hybrid .+)\.$/
              : /^If .+, the verdict would be (Rust|Python|a hybrid .+)\.$/,
          );
          expect(flip.text).not.toMatch(/\b(pythonSkill|rustSkill|hotPath|rustMentors|cpu-bound|io-bound)\b/);
        }
        const read = readableFlips(rec.flips, rec.answers);
        expect(read.length).toBeLessThanOrEqual(rec.flips.length);
        if (rec.flips.length > 0) expect(read.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('group alternatives that say the same thing and put what a team can change before the nature of the project', () => {
    const rec = recommend({
      workload: 'web-backend',
      stage: 'mvp',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'some',
      compute: 'cpu-bound',
      hotPath: 'python',
      codebase: 'python',
    });
    expect(rec.verdict).toBe('hybrid');
    const read = readableFlips(rec.flips, rec.answers);
    const codebase = read.filter((line) => line.startsWith('If the code today were'));
    const outcomes = new Set(
      rec.flips.filter((f) => f.question === 'codebase').map((f) => `${f.verdict} ${f.closeCall}`),
    );
    expect(codebase.length).toBe(outcomes.size);
    const hotPath = read.findIndex((line) => line.startsWith('If the hot path were'));
    const workload = read.findIndex((line) => line.startsWith('If the project were'));
    expect(hotPath).toBeGreaterThanOrEqual(0);
    if (workload >= 0) expect(hotPath).toBeLessThan(workload);
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

describe('confidence', () => {
  const scoreDecided = (rec: Recommendation) =>
    ['margin', 'close-call', 'python-code-anchor'].includes(rec.decidedBy.id);

  it('a close call is exactly: no rule decides and the scores are within 10 points; it shows at most 40%', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        const close = scoreDecided(rec) && Math.abs(margin(rec)) <= 10;
        expect(rec.closeCall).toBe(close);
        if (rec.closeCall) {
          expect(rec.confidence).toBeLessThanOrEqual(40);
          expect(rec.headline).toMatch(/^Close call, leaning/);
          expect(rec.plan.kind).toBe('spike');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('grows with the margin when the scores decide', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), arbitraryAnswers(), (x, y) => {
        const [a, b] = [recommend(x), recommend(y)];
        if (!scoreDecided(a) || !scoreDecided(b)) return;
        if (Math.abs(margin(a)) < Math.abs(margin(b))) expect(a.confidence).toBeLessThanOrEqual(b.confidence);
      }),
      { numRuns: 400 },
    );
  });

  it('a verdict against a score lean of 30 points or more never shows above 60%, and says so', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        const lean = rec.verdict === 'rust' ? margin(rec) : rec.verdict === 'python' ? -margin(rec) : 0;
        if (lean <= -30) {
          expect(rec.confidence).toBeLessThanOrEqual(60);
          expect(rec.decidedBy.againstScores).toBe(true);
          expect(rec.headline).toMatch(/against the scores/);
        }
        expect(rec.confidenceNote.length).toBeGreaterThan(20);
        expect(rec.confidenceNote).not.toMatch(/\d+%/);
      }),
      { numRuns: 400 },
    );
  });
});

describe('the rules follow their rationale', () => {
  it('an edge deployment alone is not firmware: only tight memory or embedded work on a device budget is', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        const firmware =
          answers.memory === 'constrained' ||
          (answers.workload === 'embedded' &&
            answers.memory !== 'relaxed' &&
            answers.memory !== 'containers');
        if (rec.decidedBy.id === 'constrained-target') expect(firmware).toBe(true);
        if (!firmware) expect(JSON.stringify(rec.plan)).not.toMatch(/probe-rs|kilobytes/);
      }),
      { numRuns: 300 },
    );
  });

  it('a Python package that is not Python code today does not get the Python-hot-path rule', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend({ ...answers, deployment: 'python-package', codebase: 'greenfield' });
        if (answers.workload !== 'python-extension') expect(rec.decidedBy.id).not.toBe('python-hot-path');
      }),
      { numRuns: 300 },
    );
  });

  it('a hot path already in native code never gets "move the hot path to Rust" from the hot-path rule', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend({ ...answers, hotPath: 'native' });
        expect(rec.decidedBy.id).not.toBe('python-hot-path');
        for (const p of rec.pros) expect(p.text).not.toMatch(/20-100x/);
      }),
      { numRuns: 300 },
    );
  });

  it('a team strong in Rust or a Rust codebase never gets a Python MVP or a phased migration', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), fc.boolean(), (answers, byCodebase) => {
        const rec = recommend(
          byCodebase ? { ...answers, codebase: 'rust' } : { ...answers, rustSkill: 'strong' },
        );
        expect(rec.decidedBy.id).not.toBe('phased-migration');
        expect(rec.plan.kind).not.toBe('phased-migration');
        expect(JSON.stringify(rec.plan)).not.toMatch(/MVP in Python|keeps delivering in Python/);
      }),
      { numRuns: 300 },
    );
  });

  it('a phased migration needs code that is Python today, mixed skills and a real performance need', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        if (rec.decidedBy.id !== 'phased-migration') return;
        expect(
          ['python', 'mixed'].includes(answers.codebase ?? '') || answers.workload === 'python-extension',
        ).toBe(true);
        expect(answers.rustSkill).toBe('some');
        expect(answers.pythonSkill).not.toBe('none');
        const need =
          answers.latency === 'strict' ||
          answers.latency === 'realtime' ||
          answers.concurrency === 'cpu-parallel' ||
          (answers.compute === 'cpu-bound' && answers.hotPath !== 'native');
        expect(need).toBe(true);
        expect(Math.abs(margin(rec))).toBeLessThanOrEqual(20);
      }),
      { numRuns: 400 },
    );
  });

  it('two rules that pull apart are both named, with what would settle it, and the confidence shows it', () => {
    const rec = recommend({
      workload: 'high-throughput',
      stage: 'prototype',
      latency: 'realtime',
      pythonSkill: 'strong',
      rustSkill: 'none',
      compute: 'cpu-bound',
      cadence: 'rapid',
    });
    expect(rec.decidedBy.id).toBe('latency-cpu');
    expect(rec.conflicts.map((c) => c.rule)).toContain('staged-python');
    expect(rec.conflicts[0]?.text).toMatch(/prototype rule/);
    expect(rec.conflicts[0]?.text).toMatch(/To settle it/);
    expect(rec.confidenceNote).toMatch(/another rule pulls the other way/);
  });
});

describe('what the plan and the explanations say', () => {
  it('never puts a service hop on a strict or real-time path', () => {
    fc.assert(
      fc.property(
        arbitraryAnswers(),
        fc.constantFrom('strict' as const, 'realtime' as const),
        (answers, latency) => {
          const rec = recommend({ ...answers, latency });
          expect(rec.plan.kind).not.toBe('hybrid-service');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('bundles a desktop, CLI or edge hybrid with the app instead of publishing wheels', () => {
    fc.assert(
      fc.property(
        arbitraryAnswers(),
        fc.constantFrom('desktop-cli' as const, 'edge-device' as const),
        (answers, deployment) => {
          const rec = recommend({ ...answers, deployment });
          if (rec.verdict !== 'hybrid' || answers.workload === 'python-extension') return;
          expect(JSON.stringify(rec.plan)).not.toMatch(/wheel matrix|abi3/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a Rust or hybrid verdict driven by safety names memory safety in its headline or pros', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        if (rec.verdict === 'python' || rec.decidedBy.driver !== 'safety') return;
        expect(`${rec.headline} ${rec.pros.map((p) => p.text).join(' ')}`).toMatch(
          /memory safety|memory-safe/i,
        );
      }),
      { numRuns: 400 },
    );
  });

  it('a Python verdict for a team without Python names the cost of learning it', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend({ ...answers, pythonSkill: 'none' });
        if (rec.verdict !== 'python') return;
        const said = [rec.headline, ...rec.cons.map((c) => c.text), ...(rec.plan.learningPath ?? [])].join(
          ' ',
        );
        expect(said).toMatch(/learn(ing)? Python|new to Python/i);
        expect(rec.plan.learning).toBe('python');
      }),
      { numRuns: 300 },
    );
  });

  it('every pro, con and risk cites at least one answer the team gave', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        for (const item of [...rec.pros, ...rec.cons, ...rec.risks]) {
          expect(item.cites.length).toBeGreaterThan(0);
          for (const question of item.cites) expect(answers[question]).not.toBeUndefined();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('no two pros, cons or risks say the same thing', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        const texts = [...rec.pros, ...rec.cons].map((p) => p.text);
        expect(new Set(texts).size).toBe(texts.length);
        expect(texts.filter((t) => /20-100x/.test(t)).length).toBeLessThanOrEqual(1);
        const risks = rec.risks.map((r) => r.risk);
        expect(new Set(risks).size).toBe(risks.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('what drives a verdict', () => {
  it('a criterion that does not lean the verdict’s way never drives it (a hybrid close call with safety at 0–0)', () => {
    // Found by the property above on a CI run: safety scored 0 to 0 and was named the driver of a hybrid.
    const rec = recommend({
      workload: 'high-throughput',
      stage: 'mvp',
      latency: 'none',
      pythonSkill: 'none',
      rustSkill: 'strong',
      compute: 'io-bound',
      memory: 'relaxed',
      codebase: 'mixed',
      deployment: 'desktop-cli',
    });
    const driver = rec.criteria.find((c) => c.id === rec.decidedBy.driver);
    expect(driver).toBeDefined();
    expect(rec.decidedBy.driver).not.toBe('safety');
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const r = recommend(answers);
        const c = r.criteria.find((x) => x.id === r.decidedBy.driver);
        if (c === undefined) return;
        const lean = r.verdict === 'python' ? c.python - c.rust : c.rust - c.python;
        // Either it leans the verdict's way, or no criterion does and the default stands.
        const defaultDriver = r.verdict === 'python' ? 'productivity' : 'performance';
        expect(lean > 0 || r.decidedBy.driver === defaultDriver).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
