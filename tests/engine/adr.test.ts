import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recommend, renderDecisionRecord, renderText } from '../../src/engine/index.ts';
import { arbitraryAnswers } from '../helpers/arbitraries.ts';
import { HOT_PATH_SERVICE } from '../helpers/sample-answers.ts';

const hotPathService = recommend({
  ...HOT_PATH_SERVICE,
  description: 'Pricing API whose quote engine burns CPU',
});

describe('renderDecisionRecord (MADR)', () => {
  const adr = renderDecisionRecord(hotPathService);
  const headings = adr.split('\n').filter((l) => l.startsWith('#'));

  it('has the MADR sections in order', () => {
    expect(headings).toEqual([
      '# A Rust core with Python around it: web backend or API service',
      '## Context and Problem Statement',
      '## Decision Drivers',
      '## Considered Options',
      '## Decision Outcome',
      '### Consequences',
      '### Confirmation',
      '## Pros and Cons of the Options',
      '### Rust',
      '### Python',
      '### Hybrid: a Rust core for the hot path, Python for orchestration, data and tooling',
      '## More Information',
      `### Plan: ${hotPathService.plan.summary}`,
      '### Learning path',
      '### Risks and mitigations',
      '### What would change the decision',
    ]);
  });

  it('states the context from the answers and the description', () => {
    expect(adr).toContain('> Pricing API whose quote engine burns CPU');
    expect(adr).toContain('* Where does the time go? CPU-bound: computation is the bottleneck');
  });

  it('names the chosen option with the rule behind it and its confirmation criteria', () => {
    expect(adr).toContain(
      'Chosen option: "Hybrid (a Rust core, Python around it)", because python code with a CPU-bound',
    );
    for (const phase of hotPathService.plan.steps) expect(adr).toContain(`* ${phase.phase}: ${phase.exit}`);
  });

  it('lists the flips in words', () => {
    expect(hotPathService.flips.length).toBeGreaterThan(0);
    expect(adr).toContain(
      '* Where does the time go? I/O-bound: waiting on network, disk, databases → Python',
    );
  });

  it('marks a close call as pending the spike', () => {
    const close = recommend({
      workload: 'web-backend',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'some',
      rustSkill: 'some',
    });
    expect(close.closeCall).toBe(true);
    expect(renderDecisionRecord(close)).toMatch(/^---\nstatus: proposed, pending the spike\n---/);
  });

  it('renders for any answers, with every section', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const text = renderDecisionRecord(recommend(answers));
        for (const section of [
          '## Context and Problem Statement',
          '## Decision Drivers',
          '## Considered Options',
        ]) {
          expect(text).toContain(section);
        }
        expect(text).toContain('### Confirmation');
      }),
      { numRuns: 100 },
    );
  });
});

describe('renderText', () => {
  it('summarises verdict, reasons with their answers, plan and what would change it', () => {
    const text = renderText(hotPathService);
    expect(text.split('\n')[0]).toBe('Verdict: Hybrid (a Rust core, Python around it)');
    expect(text).toContain('[compute=cpu-bound]');
    expect(text).toContain('Plan (hybrid-extension)');
    expect(text).toContain('compute → io-bound');
    expect(text).toContain('Pricing API whose quote engine burns CPU');
  });
});
