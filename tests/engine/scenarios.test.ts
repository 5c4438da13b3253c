import { describe, expect, it } from 'vitest';
import { recommend } from '../../src/engine/index.ts';
import { REAL_PROJECTS } from './real-projects.ts';
import { SCENARIOS } from './scenarios.ts';

describe('scenario table: each rule of the framework', () => {
  it('holds at least 25 scenarios', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(25);
  });

  for (const s of SCENARIOS) {
    it(`${s.name} -> ${s.verdict} (${s.why})`, () => {
      const rec = recommend(s.answers);
      expect([s.verdict, s.alsoAcceptable], rec.headline).toContain(rec.verdict);
      if (s.rule) expect(rec.decidedBy.id).toBe(s.rule);
      if (s.plan) expect(rec.plan.kind).toBe(s.plan);
      if (s.closeCall !== undefined) expect(rec.closeCall).toBe(s.closeCall);
    });
  }
});

describe('what the rules put in the plan', () => {
  const byName = (name: string) => {
    const s = SCENARIOS.find((x) => x.name.startsWith(name));
    if (!s) throw new Error(`no scenario ${name}`);
    return recommend(s.answers);
  };

  it('a Python team building firmware gets a learning path with mentoring, not a switch to Python', () => {
    const rec = byName('calibration: firmware');
    expect(rec.plan.steps[0]?.phase).toBe('Learn');
    expect(rec.plan.learningPath?.join(' ')).toMatch(/Embedded Rust Book/);
    expect(rec.plan.learningPath?.join(' ')).toMatch(/mentor/i);
    expect(rec.headline).toMatch(/learning path/);
  });

  it('a mentor on hand changes the mentoring step', () => {
    const base = SCENARIOS.find((x) => x.name.startsWith('embedded work by a team with no Rust'));
    if (!base) throw new Error('missing scenario');
    const withMentor = recommend({ ...base.answers, rustMentors: true });
    const without = recommend(base.answers);
    expect(withMentor.plan.learningPath?.at(-1)).toMatch(/mentor on hand/);
    expect(without.plan.learningPath?.at(-1)).toMatch(/hire or contract/);
  });

  it('the hybrid for a Python library is a PyO3 + maturin extension with abi3 wheels', () => {
    const rec = byName('speeding up a Python library');
    const text = JSON.stringify(rec.plan);
    expect(text).toMatch(/PyO3/);
    expect(text).toMatch(/maturin/);
    expect(text).toMatch(/abi3/);
  });

  it('the hybrid that must scale separately is a service boundary with a contract', () => {
    const rec = byName('a Python API whose CPU-bound part');
    expect(JSON.stringify(rec.plan)).toMatch(/gRPC|contract/);
  });

  it('the staged Python path carries measurable thresholds that would trigger a Rust pilot', () => {
    const rec = byName('the staged path');
    expect(rec.plan.thresholds?.length).toBeGreaterThan(1);
    expect(rec.plan.thresholds?.join(' ')).toMatch(/100 ms/);
    expect(rec.plan.steps.map((p) => p.phase)).toContain('Pilot');
  });

  it('a close call says so: low confidence and a spike that names what to measure', () => {
    const rec = byName('a balanced web backend');
    expect(rec.confidence).toBeLessThanOrEqual(40);
    expect(rec.headline).toMatch(/close call/i);
    expect(rec.plan.steps.find((p) => p.phase === 'Spike')?.steps.join(' ')).toMatch(/Measure both: p99/);
  });

  it('a phased migration runs MVP -> Measure -> Pilot -> Contracts with thresholds', () => {
    const rec = byName('mixed team, real performance need, existing Python service');
    expect(rec.plan.steps.map((p) => p.phase)).toEqual(['MVP', 'Measure', 'Pilot', 'Contracts']);
    expect(rec.plan.thresholds?.join(' ')).toMatch(/4 cores/);
  });

  it('a desktop CLI lists the single binary among the pros', () => {
    const rec = byName('a CLI shipped to developer laptops');
    expect(rec.pros.map((p) => p.text).join(' ')).toMatch(/single|self-contained binary/);
  });

  it('security-sensitive work puts memory safety among the reasons for Rust', () => {
    const rec = byName('security-sensitive parser');
    const safety = rec.criteria.find((c) => c.id === 'safety');
    expect(safety?.rust).toBeGreaterThan(0);
    expect(safety?.reasons[0]?.cites).toContainEqual({ question: 'safety', value: 'security' });
  });

  it('a safety priority tilts the safety weight up', () => {
    const base = SCENARIOS.find((x) => x.name === 'security-sensitive parser by a team with both languages');
    if (!base) throw new Error('missing scenario');
    const plain = recommend(base.answers).criteria.find((c) => c.id === 'safety');
    const tilted = recommend({ ...base.answers, priorities: ['safety'] }).criteria.find(
      (c) => c.id === 'safety',
    );
    expect(tilted?.weight).toBeGreaterThan(plain?.weight ?? Number.POSITIVE_INFINITY);
    expect(tilted?.rust).toBeGreaterThan(plain?.rust ?? Number.POSITIVE_INFINITY);
  });
});

describe('documented real projects and adversarial cases', () => {
  it('holds at least 20 documented real projects, each with a source, and adversarial rows', () => {
    const real = REAL_PROJECTS.filter((s) => s.name.startsWith('real: '));
    expect(real.length).toBeGreaterThanOrEqual(20);
    for (const s of real) expect(s.source.length).toBeGreaterThan(10);
    expect(REAL_PROJECTS.filter((s) => s.name.startsWith('adversarial: ')).length).toBeGreaterThanOrEqual(10);
    expect(SCENARIOS.length + REAL_PROJECTS.length).toBeGreaterThanOrEqual(60);
  });

  for (const s of REAL_PROJECTS) {
    it(`${s.name} -> ${s.verdict}${s.alsoAcceptable ? ` or ${s.alsoAcceptable}` : ''}`, () => {
      const rec = recommend(s.answers);
      expect([s.verdict, s.alsoAcceptable], rec.headline).toContain(rec.verdict);
      if (s.rule) expect(rec.decidedBy.id).toBe(s.rule);
      if (s.plan) expect(rec.plan.kind).toBe(s.plan);
      if (s.closeCall !== undefined) expect(rec.closeCall).toBe(s.closeCall);
    });
  }
});
