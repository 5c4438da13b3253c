import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Answers, type Recommendation, recommend } from '../../src/engine/index.ts';
import { arbitraryAnswers } from '../helpers/arbitraries.ts';
import { FIRMWARE, HOT_PATH_SERVICE } from '../helpers/sample-answers.ts';

const texts = (points: readonly { text: string }[]) => points.map((p) => p.text).join('\n');
const riskText = (rec: Recommendation) => rec.risks.map((r) => `${r.risk} ${r.mitigation}`).join('\n');

/** The lead's example: a strong Python team building an I/O-bound web MVP. */
const WEB_MVP: Answers = {
  workload: 'web-backend',
  stage: 'mvp',
  latency: 'interactive',
  pythonSkill: 'strong',
  rustSkill: 'none',
  compute: 'io-bound',
};

describe('pros and cons for any answers', () => {
  it('hold one to five of each, distinct, and none is a scoring reason copied verbatim', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        const reasonTexts = new Set(rec.criteria.flatMap((c) => c.reasons.map((r) => r.text)));
        for (const points of [rec.pros, rec.cons]) {
          expect(points.length).toBeGreaterThanOrEqual(1);
          expect(points.length).toBeLessThanOrEqual(5);
          expect(new Set(points.map((p) => p.text)).size).toBe(points.length);
          for (const p of points) expect(reasonTexts.has(p.text), p.text).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('pros say what the team gains with the verdict', () => {
  it('Python for a strong Python team: no learning curve, tied to the skills and the stage', () => {
    const rec = recommend(WEB_MVP);
    expect(rec.verdict).toBe('python');
    expect(rec.pros[0]?.text).toMatch(/No learning curve.*ships the MVP from week one/);
    expect(rec.pros[0]?.cites).toEqual(['pythonSkill', 'rustSkill']);
    expect(texts(rec.pros)).toMatch(/I\/O-bound/);
  });

  it('Rust on a device with kilobytes to a few MB of RAM: fits with no interpreter and no GC', () => {
    const rec = recommend(FIRMWARE);
    expect(rec.verdict).toBe('rust');
    expect(rec.pros[0]?.text).toMatch(
      /^Fits in kilobytes to a few MB of RAM: no interpreter \(CPython alone needs 10-20 MB\)/,
    );
    expect(rec.pros[0]?.cites).toEqual(['memory']);
    expect(texts(rec.pros)).not.toMatch(/MBs of RAM/);
  });

  it('hybrid: keeps the Python code and team, only the measured hot path moves', () => {
    const rec = recommend(HOT_PATH_SERVICE);
    expect(rec.verdict).toBe('hybrid');
    expect(texts(rec.pros)).toMatch(
      /Keeps the Python codebase: only the part the Rust core takes is rewritten/,
    );
    expect(texts(rec.pros)).toMatch(/17x/);
  });
});

describe('cons are the honest costs for this team', () => {
  it('Python never has empty cons, and the I/O-bound MVP names runtime type errors, not generic packaging quirks', () => {
    const rec = recommend(WEB_MVP);
    expect(rec.cons.length).toBeGreaterThanOrEqual(1);
    expect(texts(rec.cons)).toMatch(/Type errors surface at run time/);
    expect(texts(rec.cons)).not.toMatch(/Packaging quirks/);
  });

  it('Python with CPU-bound, CPU-parallel work leads with the 20-100x gap and names the GIL', () => {
    const rec = recommend({
      workload: 'data-science',
      stage: 'production',
      latency: 'none',
      pythonSkill: 'strong',
      rustSkill: 'strong',
      compute: 'cpu-bound',
      concurrency: 'cpu-parallel',
    });
    expect(rec.verdict).toBe('python');
    expect(rec.cons[0]?.text).toMatch(/20-100x slower/);
    expect(rec.cons[0]?.cites).toEqual(['compute']);
    const gil = rec.cons.find((p) => /GIL/.test(p.text));
    expect(gil?.text).toMatch(/free-threaded/);
    expect(gil?.cites).toEqual(['concurrency']);
  });

  it('Rust for a team new to it leads with the learning curve, and a mentor on hand is said to shorten it', () => {
    const alone = recommend({ ...FIRMWARE, rustMentors: false });
    const mentored = recommend({ ...FIRMWARE, rustMentors: true });
    expect(alone.cons[0]?.text).toMatch(/learning curve of months.*nobody on hand/);
    expect(alone.cons[0]?.cites).toEqual(['rustSkill', 'rustMentors']);
    expect(mentored.cons[0]?.text).toMatch(/shortened by the mentor on hand/);
    expect(texts(alone.cons)).toMatch(/compile times/);
  });

  it('Rust where the work needs ML libraries says the ecosystem is thinner', () => {
    const rec = recommend({ ...FIRMWARE, ecosystems: ['ml'] });
    expect(rec.verdict).toBe('rust');
    const thin = rec.cons.find((p) => /thinner ecosystem/.test(p.text));
    expect(thin?.text).toMatch(/PyTorch/);
    expect(thin?.cites).toEqual(['ecosystems']);
  });

  it('hybrid names two toolchains and the chatty boundary; a Python library adds the wheel matrix', () => {
    const rec = recommend(HOT_PATH_SERVICE);
    expect(texts(rec.cons)).toMatch(/second toolchain/);
    expect(texts(rec.cons)).toMatch(/chatty boundary/);
    expect(texts(rec.cons)).not.toMatch(/wheel matrix/);
    const library = recommend({
      workload: 'python-extension',
      stage: 'production',
      latency: 'none',
      pythonSkill: 'strong',
      rustSkill: 'some',
      compute: 'cpu-bound',
    });
    expect(library.verdict).toBe('hybrid');
    const wheels = library.cons.find((p) => /wheel matrix/.test(p.text));
    expect(wheels?.text).toMatch(/cryptography/);
    expect(wheels?.cites).toEqual(['workload']);
  });
});

describe('risks follow the verdict and the answers, each with a concrete mitigation', () => {
  it('any answers give one to six distinct risks, never only the generic reminder', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        expect(rec.risks.length).toBeGreaterThanOrEqual(1);
        expect(rec.risks.length).toBeLessThanOrEqual(6);
        expect(new Set(rec.risks.map((r) => r.risk)).size).toBe(rec.risks.length);
        expect(rec.risks[0]?.risk).not.toMatch(/answers change as the project grows/);
      }),
      { numRuns: 300 },
    );
  });

  it('Python: the performance ceiling is watched with thresholds and profiling', () => {
    const text = riskText(recommend(WEB_MVP));
    expect(text).toMatch(/thresholds/);
    expect(text).toMatch(/py-spy/);
    expect(text).toMatch(/mypy or pyright/);
  });

  it('Rust: compile times with incremental builds, sccache and a workspace split; hiring with mentoring and a training budget', () => {
    const rec = recommend({ ...FIRMWARE, priorities: ['hiring'] });
    const compile = recommend({ ...FIRMWARE, cadence: 'rapid' }).risks.find((r) =>
      /compile times/.test(r.risk),
    );
    expect(compile?.mitigation).toMatch(/incremental builds/);
    expect(compile?.mitigation).toMatch(/sccache/);
    expect(compile?.mitigation).toMatch(/workspace/);
    expect(rec.risks.find((r) => /hire/.test(r.risk))?.mitigation).toMatch(
      /mentoring plan and a training budget/,
    );
  });

  it('hybrid extension of a Python library: abi3 wheels from a CI matrix and batched calls across the boundary', () => {
    const rec = recommend({
      workload: 'python-extension',
      stage: 'production',
      latency: 'none',
      pythonSkill: 'strong',
      rustSkill: 'some',
      compute: 'cpu-bound',
      deployment: 'python-package',
    });
    expect(rec.plan.kind).toBe('hybrid-extension');
    const packaging = rec.risks.find((r) => /no prebuilt wheel fits/.test(r.risk));
    expect(packaging?.risk).toMatch(/cryptography/);
    expect(packaging?.mitigation).toMatch(/abi3 covers neither free-threaded CPython nor PyPy/);
    expect(packaging?.mitigation).toMatch(/manylinux, musllinux, macOS, Windows/);
    expect(rec.risks.find((r) => /chatty/.test(r.risk))?.mitigation).toMatch(/Batch calls/);
  });

  it('CPU parallelism in Python brings the GIL risk; removing it removes the risk', () => {
    const parallel = recommend({ ...WEB_MVP, concurrency: 'cpu-parallel' });
    expect(parallel.verdict).toBe('python');
    expect(riskText(parallel)).toMatch(/GIL/);
    expect(riskText(recommend(WEB_MVP))).not.toMatch(/GIL/);
  });
});

describe('confidence reflects the evidence, for rule-decided verdicts too', () => {
  it('a hybrid a hard rule settles is not pinned to one value: it varies with the answers', () => {
    const seen = { 'python-hot-path': new Set<number>(), 'latency-cpu': new Set<number>() };
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        const rule = rec.decidedBy?.id;
        if (rec.verdict === 'hybrid' && (rule === 'python-hot-path' || rule === 'latency-cpu')) {
          seen[rule].add(rec.confidence);
        }
      }),
      { numRuns: 3000, seed: 42 },
    );
    expect(seen['python-hot-path'].size).toBeGreaterThan(10);
    expect(seen['latency-cpu'].size).toBeGreaterThan(3);
  });

  it('a verdict that is not a close call never reads as one (40 or more)', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        if (!rec.closeCall) expect(rec.confidence).toBeGreaterThanOrEqual(40);
      }),
      { numRuns: 300 },
    );
  });

  it('more evidence for the constrained-target rule never lowers its confidence', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const { memory: _omitted, ...rest } = answers;
        const embedded = { ...rest, workload: 'embedded' } as Answers;
        const before = recommend(embedded);
        const after = recommend({ ...embedded, memory: 'constrained' });
        expect(before.decidedBy?.id).toBe('constrained-target');
        // A rule that starts to pull the other way may cost confidence; evidence alone never does.
        if (after.conflicts.length === before.conflicts.length)
          expect(after.confidence).toBeGreaterThanOrEqual(before.confidence);
      }),
      { numRuns: 200 },
    );
  });

  it('a hot-path hybrid is surer with a measured CPU-bound path than with one merely implied', () => {
    const implied = recommend({
      workload: 'python-extension',
      stage: 'production',
      latency: 'none',
      pythonSkill: 'some',
      rustSkill: 'some',
    });
    const measured = recommend(HOT_PATH_SERVICE);
    expect(implied.decidedBy?.id).toBe('python-hot-path');
    expect(measured.decidedBy?.id).toBe('python-hot-path');
    expect(measured.confidence).toBeGreaterThan(implied.confidence + 10);
  });

  it('a rule that overrides scores leaning the other way is less confident than one the scores back', () => {
    const backed = recommend({
      workload: 'data-science',
      stage: 'prototype',
      latency: 'none',
      pythonSkill: 'strong',
      rustSkill: 'none',
      ecosystems: ['ml'],
    });
    const overriding = recommend({
      workload: 'data-science',
      stage: 'production',
      latency: 'strict',
      pythonSkill: 'none',
      rustSkill: 'strong',
      compute: 'cpu-bound',
      concurrency: 'cpu-parallel',
      memory: 'containers',
      codebase: 'rust',
      cadence: 'stable',
    });
    expect(backed.verdict).toBe('python');
    expect(overriding.verdict).toBe('python');
    expect(overriding.scores.rust).toBeGreaterThan(overriding.scores.python);
    expect(backed.confidence - overriding.confidence).toBeGreaterThanOrEqual(20);
  });
});
