import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readableFlips } from '../../src/engine/flips.ts';
import {
  type Answers,
  type DecisionRecordMeta,
  decisionFileName,
  ENGINE_VERSION,
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

/**
 * The record's front matter as key → value, read by YAML's rules for the two forms the record may write:
 * double-quoted scalars (JSON's string escapes are YAML's) and plain scalars, which may not start with an
 * indicator, contain ": " or " #", or read as a number, boolean or null. Fails on anything else.
 */
function frontMatterOf(record: string): Record<string, string> {
  const lines = record.split('\n');
  expect(lines[0]).toBe('---');
  const end = lines.indexOf('---', 1);
  expect(end).toBeGreaterThan(0);
  const fields: Record<string, string> = {};
  for (const line of lines.slice(1, end)) {
    const [, key = '', raw = ''] = /^([a-z][a-z-]*): (.+)$/.exec(line) ?? [];
    expect(key, `not a "key: value" line: ${JSON.stringify(line)}`).not.toBe('');
    expect(fields).not.toHaveProperty(key);
    if (raw.startsWith('"')) {
      // Only YAML's escapes, and no character YAML wants escaped (controls, C1, Unicode line breaks).
      expect(raw).toMatch(/^"(?:[^"\\]|\\["\\/bfnrt]|\\u[0-9a-f]{4})*"$/);
      const unprintable = [...raw].filter((c) => {
        const n = c.codePointAt(0) ?? 0;
        return n < 0x20 || (n >= 0x7f && n <= 0x9f) || n === 0x2028 || n === 0x2029;
      });
      expect(unprintable).toEqual([]);
      fields[key] = JSON.parse(raw) as string;
    } else {
      expect(raw).toMatch(/^[^-?:,[\]{}#&*!|>'"%@`\s]/);
      expect(raw).not.toMatch(/: | #|:$|\s$/);
      if (key === 'date') expect(raw).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      else expect(raw).not.toMatch(/^(?:[-+]?[0-9._]+(?:e[-+]?\d+)?|true|false|yes|no|on|off|y|n|null|~)$/i);
      fields[key] = raw;
    }
  }
  return fields;
}

/** What comes between the record's title and its first section: the lifecycle paragraphs. */
function lifecycleOf(record: string): string[] {
  const start = record.indexOf('\n# ') + 1;
  const end = record.indexOf('\n## Context and Problem Statement');
  return record
    .slice(record.indexOf('\n', start) + 1, end)
    .split('\n')
    .filter((l) => l !== '');
}

/** Text that YAML and Markdown take badly: indicators, quotes, escapes, line breaks of every kind, controls. */
const awkwardText = (maxLength: number) =>
  fc.string({
    unit: fc.oneof(
      fc.constantFrom(
        ' ',
        '\n',
        '\t',
        '\r',
        ':',
        '#',
        '"',
        "'",
        '\\',
        '-',
        '[',
        '&',
        '*',
        '\u2028',
        '\u0085',
        '\u007f',
      ),
      fc.constantFrom('a', 'Z', '0', '1', '.'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    maxLength,
  });

const FILE_NAME = /^(\d{4,})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

describe('renderDecisionRecord with a stored decision (number, status, links)', () => {
  const firmware = recommend(FIRMWARE);
  const earlier = { number: 5, fileName: decisionFileName(5, firmware) };
  const later = { number: 9, fileName: decisionFileName(9, hotPathService) };
  const date = new Date('2024-03-05T23:30:00Z');

  it('says proposed, with the date and the number in the title', () => {
    const text = renderDecisionRecord(hotPathService, { number: 7, status: 'proposed', date });
    expect(frontMatterOf(text)).toEqual({ status: 'proposed', date: '2024-03-05' });
    expect(headingsOf(text)[0]).toBe('# 7. A web backend or API: a Rust core with Python around it');
    expect(lifecycleOf(text)).toEqual([]);
  });

  it('says accepted, by whom and when, and which engine made it', () => {
    const text = renderDecisionRecord(hotPathService, {
      number: 7,
      status: 'accepted',
      date,
      acceptedBy: 'U0ACCEPTER',
      acceptedAt: new Date('2024-03-04T10:00:00Z'),
      engineVersion: ENGINE_VERSION,
    });
    expect(frontMatterOf(text)).toEqual({
      status: 'accepted',
      date: '2024-03-05',
      'decision-makers': 'U0ACCEPTER',
      'engine-version': ENGINE_VERSION,
    });
    expect(lifecycleOf(text)).toEqual(['Accepted by U0ACCEPTER on 2024-03-04']);
  });

  it("says superseded by the other record in MADR's words, linking its file, and links both ways", () => {
    const text = renderDecisionRecord(hotPathService, {
      number: 7,
      status: 'superseded',
      date,
      acceptedBy: 'Ana María: tech lead',
      acceptedAt: new Date('2024-03-01T10:00:00Z'),
      supersedes: earlier,
      supersededBy: later,
    });
    expect(later.fileName).toBe('0009-a-web-backend-or-api-a-rust-core-with-python-around-it.md');
    expect(frontMatterOf(text)).toMatchObject({
      status: `superseded by [ADR-0009](${later.fileName})`,
      'decision-makers': 'Ana María: tech lead',
    });
    expect(text).toContain(`status: "superseded by [ADR-0009](${later.fileName})"`);
    expect(lifecycleOf(text)).toEqual([
      `Supersedes [ADR-0005](${earlier.fileName})`,
      'Accepted by Ana María: tech lead on 2024-03-01',
      `Superseded by [ADR-0009](${later.fileName})`,
    ]);
    expect(earlier.fileName).toBe('0005-embedded-or-firmware-work-built-in-rust.md');
  });

  it('names whose views a team round’s decision combines (MADR’s consulted), and says when it had one view', () => {
    const text = renderDecisionRecord(hotPathService, {
      number: 4,
      status: 'proposed',
      date,
      consulted: ['U0ALICE', 'U0BOB', 'U0CAROL'],
    });
    expect(frontMatterOf(text)).toEqual({
      status: 'proposed',
      date: '2024-03-05',
      consulted: 'U0ALICE, U0BOB, U0CAROL',
    });
    expect(lifecycleOf(text)).toEqual([
      'A team round: this verdict combines the views of U0ALICE, U0BOB and U0CAROL.',
    ]);
    const one = renderDecisionRecord(hotPathService, {
      number: 5,
      status: 'proposed',
      date,
      consulted: ['U0ALICE'],
    });
    expect(lifecycleOf(one)).toEqual([
      'A team round in which only U0ALICE gave a view: this is their own verdict.',
    ]);
  });

  it('says proposed for a close call too (the title keeps the lean), and names no one before acceptance', () => {
    const close = recommend(CLOSE_CALL);
    const text = renderDecisionRecord(close, { number: 2, status: 'proposed', date, acceptedBy: 'U0NOBODY' });
    expect(frontMatterOf(text)).toEqual({ status: 'proposed', date: '2024-03-05' });
    expect(headingsOf(text)[0]).toMatch(/^# 2\. .*: leaning (Rust|Python), pending a spike$/);
    expect(text).not.toContain('U0NOBODY');
  });

  it('changes only the front matter, the title and the lifecycle lines: the record itself is the same', () => {
    const plain = renderDecisionRecord(hotPathService);
    const stored = renderDecisionRecord(hotPathService, {
      number: 12,
      status: 'superseded',
      date,
      supersedes: earlier,
      supersededBy: later,
    });
    const body = (text: string) => text.slice(text.indexOf('## Context and Problem Statement'));
    expect(body(stored)).toBe(body(plain));
    expect(renderDecisionRecord(hotPathService, undefined)).toBe(plain);
    expect(plain.startsWith('---\nstatus: proposed\n---\n\n# A web backend or API:')).toBe(true);
  });

  it('for any lifecycle: front matter that reads back as written, one numbered title, one line per event', () => {
    const link = fc.record({ number: fc.integer({ min: 1, max: 99_999 }), fileName: fc.constant('') });
    fc.assert(
      fc.property(
        fc.record(
          {
            number: fc.integer({ min: 1, max: 99_999 }),
            status: fc.constantFrom('proposed', 'accepted', 'superseded'),
            date: fc.date({ min: new Date(0), max: new Date('9999-12-31'), noInvalidDate: true }),
            acceptedBy: fc.oneof(fc.constant('U0ACCEPTER'), awkwardText(40)),
            acceptedAt: fc.date({ min: new Date(0), max: new Date('9999-12-31'), noInvalidDate: true }),
            supersedes: link,
            supersededBy: link,
            engineVersion: fc.oneof(
              fc.constant(ENGINE_VERSION),
              fc.string({ unit: 'binary', maxLength: 12 }),
            ),
          },
          { requiredKeys: ['number', 'status', 'date'] },
        ),
        (meta: DecisionRecordMeta) => {
          const links = {
            ...(meta.supersedes && {
              supersedes: {
                ...meta.supersedes,
                fileName: decisionFileName(meta.supersedes.number, firmware),
              },
            }),
            ...(meta.supersededBy && {
              supersededBy: {
                ...meta.supersededBy,
                fileName: decisionFileName(meta.supersededBy.number, hotPathService),
              },
            }),
          };
          const full = { ...meta, ...links };
          const text = renderDecisionRecord(hotPathService, full);
          const fields = frontMatterOf(text);
          const by = full.status === 'superseded' ? full.supersededBy : undefined;
          expect(fields.status).toBe(
            by ? `superseded by [ADR-${String(by.number).padStart(4, '0')}](${by.fileName})` : full.status,
          );
          expect(fields.date).toBe(full.date.toISOString().slice(0, 10));
          const name = full.acceptedBy?.replace(/\s+/g, ' ').trim();
          const named = full.status !== 'proposed' && name !== undefined && name !== '';
          expect(fields['decision-makers']).toBe(named ? name : undefined);
          expect(fields['engine-version']).toBe(full.engineVersion);
          const titles = text.split('\n').filter((l) => l.startsWith('# '));
          expect(titles).toEqual([
            `# ${full.number}. A web backend or API: a Rust core with Python around it`,
          ]);
          const events = lifecycleOf(text);
          expect(events).toHaveLength(
            Number(full.supersedes !== undefined) + Number(named) + Number(full.supersededBy !== undefined),
          );
          if (full.supersedes) expect(events[0]).toContain(`](${full.supersedes.fileName})`);
          if (full.supersededBy) expect(events.at(-1)).toContain(`](${full.supersededBy.fileName})`);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('decisionFileName', () => {
  const firmware = recommend(FIRMWARE);

  it('is the number padded to four digits and the title as lower-case words, as adr-tools names files', () => {
    expect(decisionFileName(7, hotPathService)).toBe(
      '0007-a-web-backend-or-api-a-rust-core-with-python-around-it.md',
    );
    expect(decisionFileName(12_345, firmware)).toBe('12345-embedded-or-firmware-work-built-in-rust.md');
    expect(decisionFileName(1, recommend(CLOSE_CALL))).toMatch(
      /^0001-a-web-backend-or-api-leaning-[a-z]+-pending-a-spike\.md$/,
    );
  });

  it('refuses a number that is not a decision number', () => {
    for (const bad of [0, -1, 1.5, Number.NaN])
      expect(() => decisionFileName(bad, firmware)).toThrow(RangeError);
  });

  it('for any title, even one with accents, symbols, other scripts or no end: ASCII words, at most 60 characters', () => {
    // The title starts with the workload's phrase, which for an unknown value is the value itself.
    const withWorkload = (workload: string) =>
      ({ ...firmware, answers: { ...firmware.answers, workload } }) as Recommendation;
    expect(decisionFileName(3, withWorkload('Café Ünïcode / Ñandú (v2)'))).toBe(
      '0003-cafe-unicode-nandu-v2-built-in-rust.md',
    );
    expect(decisionFileName(3, withWorkload('日本語'))).toBe('0003-built-in-rust.md');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9_999 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        (n, odd) => {
          const name = decisionFileName(n, withWorkload(odd));
          const [, number = '', slug = ''] = FILE_NAME.exec(name) ?? [];
          expect(name).toMatch(FILE_NAME);
          expect(Number(number)).toBe(n);
          expect(slug.length).toBeGreaterThan(0);
          expect(slug.length).toBeLessThanOrEqual(60);
          expect(decisionFileName(n, withWorkload(odd))).toBe(name);
        },
      ),
      { numRuns: 500 },
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
