import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readableFlips } from '../../src/engine/flips.ts';
import {
  type Answers,
  type PlanKind,
  type Recommendation,
  recommend,
  renderDecisionRecord,
  renderText,
} from '../../src/engine/index.ts';
import { arbitraryAnswers } from '../helpers/arbitraries.ts';

/** Any answers without the free-text description, whose random text could contain anything. */
const answersWithoutDescription = arbitraryAnswers().map(({ description: _, ...answers }) => answers);

import { FIRMWARE, HOT_PATH_SERVICE } from '../helpers/sample-answers.ts';

const hotPathService = recommend({
  ...HOT_PATH_SERVICE,
  description: 'Pricing API whose quote engine burns CPU',
});

const CLOSE_CALL: Answers = {
  workload: 'web-backend',
  stage: 'production',
  latency: 'interactive',
  pythonSkill: 'some',
  rustSkill: 'some',
};

/** A Python verdict for a team that knows some Rust: the case that used to print Rust's reasons as Python's cons. */
const PYTHON_TEAM_WITH_SOME_RUST: Answers = {
  workload: 'web-backend',
  stage: 'mvp',
  latency: 'none',
  pythonSkill: 'strong',
  rustSkill: 'some',
  compute: 'io-bound',
};

const MADR_SECTIONS = [
  '## Context and Problem Statement',
  '## Decision Drivers',
  '## Considered Options',
  '## Decision Outcome',
  '### Consequences',
  '### Confirmation',
  '## Pros and Cons of the Options',
  '### Rust',
  '### Python',
  '### Hybrid: a Rust core, with Python for orchestration, data and tooling',
  '## More Information',
  '### Risks and mitigations',
  '### What would change the decision',
];

/** Plan kinds that only a developer would recognise: none may reach what people read. */
const PLAN_KIND_IDS: readonly PlanKind[] = [
  'rust-first',
  'rust-incremental',
  'rust-with-learning-path',
  'python-first',
  'python-with-rust-pilot',
  'hybrid-extension',
  'hybrid-service',
];

/** Internal numbers of the scoring: "(Python +6.9)", "+3", "weight 1.2". */
const RAW_POINTS = /\+\d|\bweight\s*[\d:=(]/i;
/** Acronyms and names lower-cased by a sentence pasted after "because": "cPU-bound", "pyO3", "gIL". */
const LOWERED_NAME = /\b[a-z](PU|yO3|IL|umPy|yPI)\b/;

/** The lines of one "###" section of the pros and cons, without its heading. */
function optionLines(adr: string, heading: string): string[] {
  const start = adr.indexOf(`\n${heading}\n`);
  const end = adr.indexOf('\n#', start + 1);
  return adr
    .slice(start + heading.length + 2, end)
    .split('\n')
    .filter((l) => l.startsWith('* '));
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function headingsOf(adr: string): string[] {
  return adr.split('\n').filter((l) => l.startsWith('#'));
}

describe('renderDecisionRecord (MADR)', () => {
  const adr = renderDecisionRecord(hotPathService);

  it('has every MADR section in order, titled by the project and the option chosen', () => {
    const headings = headingsOf(adr);
    expect(headings[0]).toBe('# A web backend or API: a Rust core with Python around it');
    const positions = MADR_SECTIONS.map((s) => headings.indexOf(s));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    expect(headings).toContain(`### Plan: ${hotPathService.plan.summary}`);
  });

  it('states the context as the answers in words and quotes the description', () => {
    expect(adr).toContain('> Pricing API whose quote engine burns CPU');
    expect(adr).toContain('* Where does the time go? CPU-bound: computation is the bottleneck');
    expect(adr).toContain("* How strong is the team's Rust? None");
    expect(adr).not.toMatch(/\b(compute|rustSkill|codebase)=/);
  });

  it('labels the decision drivers for or against the verdict and lists the priorities', () => {
    const rec = recommend({ ...HOT_PATH_SERVICE, priorities: ['performance', 'hiring'] });
    const text = renderDecisionRecord(rec);
    for (const r of rec.topReasons) {
      expect(text).toContain(`* ${r.stance === 'for' ? 'For' : 'Against'}: ${sentence(r.text)}`);
    }
    expect(text).toContain('* Priorities: Performance, Hiring and onboarding');
  });

  it('names the chosen option, the deciding factor and the confidence with its explanation', () => {
    expect(adr).toContain('Chosen option: "Hybrid (a Rust core, Python around it)".');
    expect(adr).toContain(`Deciding factor: ${sentence(hotPathService.decidedBy.text)}`);
    expect(adr).toContain(
      `Confidence: ${hotPathService.confidence}%. ${sentence(hotPathService.confidenceNote)}`,
    );
    expect(adr).toContain(
      `Scores: Rust ${hotPathService.scores.rust}, Python ${hotPathService.scores.python}`,
    );
  });

  it("lists the chosen option's pros and cons as its consequences, and each phase's exit as confirmation", () => {
    for (const p of hotPathService.pros) expect(adr).toContain(`* Good: ${sentence(p.text)}`);
    for (const c of hotPathService.cons) expect(adr).toContain(`* Bad: ${sentence(c.text)}`);
    for (const phase of hotPathService.plan.steps) {
      expect(adr).toContain(`* ${phase.phase}: ${sentence(phase.exit)}`);
    }
  });

  it('gives each option it did not choose its own consequences, why it lost and what would make it win', () => {
    for (const heading of ['### Rust', '### Python']) {
      const lines = optionLines(adr, heading);
      expect(lines.some((l) => l.startsWith('* Good: '))).toBe(true);
      expect(lines.some((l) => l.startsWith('* Bad: '))).toBe(true);
      expect(lines).toContain(
        '* Not chosen: the deciding factor (under Decision Outcome) calls for a hybrid (a Rust core, Python around it).',
      );
    }
    expect(optionLines(adr, '### Python')).toContain(
      '* Bad: The CPU-bound work runs in the interpreter, often 20-100x slower than compiled code, unless it moves into native libraries.',
    );
    const toPython = readableFlips(
      hotPathService.flips.filter((f) => f.verdict === 'python'),
      hotPathService.answers,
    )[0];
    expect(toPython).toBeDefined();
    expect(optionLines(adr, '### Python')).toContain(`* What would make it the choice: ${toPython}`);
  });

  it("never turns one option's reasons into another's drawbacks", () => {
    const text = renderDecisionRecord(recommend(PYTHON_TEAM_WITH_SOME_RUST));
    expect(text).not.toMatch(/Bad[:,][^\n]*already knows some Rust/);
    expect(optionLines(text, '### Rust')).toContain(
      "* Bad: Rust's speed buys little: the I/O-bound work waits on the network and disk in any language.",
    );
  });

  it('names the language of the learning path, and the risks with their mitigations', () => {
    const firmware = recommend(FIRMWARE);
    const text = renderDecisionRecord(firmware);
    expect(firmware.plan.learningPath?.length).toBeGreaterThan(0);
    expect(headingsOf(text)).toContain('### Learning path: Rust');
    for (const r of firmware.risks) {
      expect(text).toContain(`* ${sentence(r.risk)} Mitigation: ${sentence(r.mitigation)}`);
    }
  });

  it('lists what would change the decision as grouped sentences', () => {
    const flips = readableFlips(hotPathService.flips, hotPathService.answers);
    expect(flips.length).toBeGreaterThan(0);
    const section = adr.slice(adr.indexOf('### What would change the decision'));
    expect(section.split('\n').filter((l) => l.startsWith('* '))).toEqual(flips.map((f) => `* ${f}`));
  });

  it('marks a close call as a lean pending the spike', () => {
    const close = recommend(CLOSE_CALL);
    expect(close.closeCall).toBe(true);
    const text = renderDecisionRecord(close);
    expect(text).toMatch(/^---\nstatus: proposed, pending the spike\n---/);
    expect(text).toContain(`Chosen option, as a lean: "${close.verdict === 'rust' ? 'Rust' : 'Python'}"`);
    expect(headingsOf(text)[0]).toMatch(/: leaning (Rust|Python), pending a spike$/);
  });

  it('for any answers: every section, every conflict named, sentences that keep names capitalised, no raw points, nothing mirrored', () => {
    fc.assert(
      fc.property(answersWithoutDescription, (answers) => {
        const rec = recommend(answers);
        const text = renderDecisionRecord(rec);
        const headings = headingsOf(text);
        for (const section of MADR_SECTIONS) expect(headings).toContain(section);
        for (const conflict of rec.conflicts) expect(text).toContain(sentence(conflict.text));
        expect(text).not.toMatch(LOWERED_NAME);
        expect(text).not.toMatch(RAW_POINTS);
        for (const line of text.split('\n').filter((l) => /^\* (Good|Bad): /.test(l))) {
          expect(line).toMatch(/^\* (Good|Bad): [A-Z0-9]/);
        }
        // A reason is never pasted as a drawback: the cons of an option are its own consequences.
        const reasons = new Set(rec.criteria.flatMap((c) => c.reasons.map((r) => sentence(r.text))));
        for (const heading of ['### Rust', '### Python']) {
          for (const line of optionLines(text, heading).filter((l) => l.startsWith('* Bad: '))) {
            expect(reasons.has(line.slice('* Bad: '.length))).toBe(false);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

/** Ten varied projects, from firmware to notebooks, with the longest description allowed on one. */
const VARIED: readonly Answers[] = [
  { ...HOT_PATH_SERVICE, description: 'Pricing API whose quote engine burns CPU' },
  FIRMWARE,
  CLOSE_CALL,
  PYTHON_TEAM_WITH_SOME_RUST,
  {
    workload: 'data-science',
    stage: 'prototype',
    latency: 'none',
    pythonSkill: 'strong',
    rustSkill: 'none',
    ecosystems: ['ml', 'data'],
  },
  {
    workload: 'high-throughput',
    stage: 'production',
    latency: 'strict',
    pythonSkill: 'strong',
    rustSkill: 'some',
    compute: 'cpu-bound',
    concurrency: 'cpu-parallel',
    codebase: 'python',
    priorities: ['performance', 'cost'],
    rustMentors: true,
  },
  {
    workload: 'cli-tooling',
    stage: 'production',
    latency: 'interactive',
    pythonSkill: 'some',
    rustSkill: 'strong',
    deployment: 'desktop-cli',
    codebase: 'rust',
  },
  {
    workload: 'systems',
    stage: 'production',
    latency: 'strict',
    pythonSkill: 'none',
    rustSkill: 'none',
    safety: 'security',
    codebase: 'other-native',
    rustMentors: false,
  },
  {
    workload: 'data-science',
    stage: 'mvp',
    latency: 'strict',
    pythonSkill: 'some',
    rustSkill: 'some',
    compute: 'cpu-bound',
    hotPath: 'unknown',
    concurrency: 'cpu-parallel',
    codebase: 'mixed',
    deployment: 'python-package',
  },
  {
    workload: 'python-extension',
    stage: 'production',
    latency: 'interactive',
    pythonSkill: 'strong',
    rustSkill: 'some',
    compute: 'cpu-bound',
    hotPath: 'python',
    deployment: 'python-package',
    description: 'A validation library whose users complain about speed. '.repeat(9).slice(0, 500),
  },
];

/** The text with its wrapping undone, to find sentences that span lines. */
function unwrapped(text: string): string {
  return text.replace(/\n {2,}/g, ' ').replace(/\n(?=[a-z(])/g, ' ');
}

/** The labelled lines under "Strongest reasons:". */
function reasonLines(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf('Strongest reasons:');
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end).filter((l) => /^ {2}(for|against) /.test(l));
}

describe('renderText', () => {
  const text = renderText(hotPathService);

  it('opens with the verdict, or with the lean on a close call', () => {
    expect(text.split('\n')[0]).toBe('Verdict: Hybrid (a Rust core, Python around it)');
    const close = recommend(CLOSE_CALL);
    const lean = close.verdict === 'rust' ? 'Rust' : 'Python';
    expect(renderText(close).split('\n')[0]).toBe(`Close call — leaning ${lean}`);
  });

  it('shows the confidence as Slack does, with the sentence that explains it', () => {
    expect(unwrapped(text)).toContain(
      `Confidence: ${hotPathService.confidence}%. ${hotPathService.confidenceNote}`,
    );
  });

  it('labels the three strongest reasons for or against the verdict', () => {
    for (const answers of VARIED) {
      const rec = recommend(answers);
      const lines = reasonLines(renderText(rec));
      expect(lines).toHaveLength(Math.min(3, rec.topReasons.length));
      const strongest = [...rec.topReasons].sort((x, y) => y.points - x.points).slice(0, 3);
      for (const r of strongest) {
        expect(lines.some((l) => l.trim().startsWith(r.stance))).toBe(true);
      }
    }
  });

  it("lists the plan's phases as phase and goal, and the first few changes that would flip it", () => {
    const plain = unwrapped(text);
    hotPathService.plan.steps.forEach((phase, i) => {
      expect(plain).toContain(`${i + 1}. ${phase.phase}: ${phase.goal}`);
    });
    const flips = readableFlips(hotPathService.flips, hotPathService.answers);
    for (const flip of flips.slice(0, 3)) expect(plain).toContain(`- ${flip}`);
    expect(plain).toContain('Project: Pricing API whose quote engine burns CPU');
  });

  it('fits a terminal screen for ten varied projects: at most 40 lines of at most 100 characters', () => {
    for (const answers of VARIED) {
      const lines = renderText(recommend(answers)).trimEnd().split('\n');
      expect(lines.length).toBeLessThanOrEqual(40);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    }
  });

  it('with verbose, adds the pros, cons, every step and exit, the learning path, risks and every flip', () => {
    const firmware = recommend(FIRMWARE);
    const short = unwrapped(renderText(firmware));
    const full = unwrapped(renderText(firmware, { verbose: true }));
    expect(short).not.toContain('Risks:');
    expect(full).toContain('Risks:');
    for (const r of firmware.risks) {
      expect(full).toContain(`! ${r.risk}`);
      expect(full).toContain(`Mitigation: ${r.mitigation}`);
    }
    for (const p of firmware.pros) expect(full).toContain(`+ ${p.text}`);
    for (const c of firmware.cons) expect(full).toContain(`- ${c.text}`);
    for (const phase of firmware.plan.steps) {
      for (const step of phase.steps) expect(full).toContain(`- ${step}`);
      expect(full).toContain(`Exit: ${phase.exit}`);
    }
    expect(full).toContain('Learning path (Rust):');
    for (const flip of readableFlips(firmware.flips, firmware.answers)) expect(full).toContain(`- ${flip}`);
    expect(full).toContain("How strong is the team's Rust? None");
  });

  it('for any answers: no plan-kind or question ids, no raw points, no lower-cased names, summary or verbose', () => {
    fc.assert(
      fc.property(answersWithoutDescription, fc.boolean(), (answers, verbose) => {
        const rec: Recommendation = recommend(answers);
        const out = renderText(rec, { verbose });
        for (const id of PLAN_KIND_IDS) expect(out).not.toContain(id);
        expect(out).not.toMatch(/\b(pythonSkill|rustSkill|rustMentors|hotPath)\b|\b[a-z]+=[a-z]/);
        expect(out).not.toMatch(RAW_POINTS);
        expect(out).not.toMatch(LOWERED_NAME);
      }),
      { numRuns: 150 },
    );
  });
});
