import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recommend } from '../../../src/engine/index.ts';
import { checkSurface, SLACK_LIMITS } from '../../../src/slack/blocks/limits.ts';
import { escapeMrkdwn } from '../../../src/slack/blocks/mrkdwn.ts';
import {
  ACCEPT_DECISION_ACTION_ID,
  buildVerdictMessage,
  decisionStateOf,
} from '../../../src/slack/blocks/verdict.ts';
import { arbitraryAnswers, arbitraryRecordState } from '../../helpers/arbitraries.ts';
import {
  extremeRecommendation,
  HOSTILE,
  renderedStrings,
  STAGED_CONFLICT,
  sampleDecision,
  sampleRecommendation,
} from './fixtures.ts';

type Json = Record<string, unknown>;

function buttons(message: ReturnType<typeof buildVerdictMessage>): Json[] {
  const actions = message.blocks.find((b) => b.type === 'actions') as Json | undefined;
  return (actions?.elements as Json[] | undefined) ?? [];
}

/** Everything a person reads in the message: the blocks' texts and the notification text. */
const readable = (message: ReturnType<typeof buildVerdictMessage>) =>
  [...renderedStrings(message.blocks), message.text].join('\n');

const headerText = (message: ReturnType<typeof buildVerdictMessage>) =>
  (message.blocks[0] as { text?: { text?: string } }).text?.text ?? '';

/** The block holding the project description: the one text the 1,000-character budget leaves out. */
const PROJECT_BLOCK_ID = 'verdict_project';

/** Every text object's text in the message's blocks (button values and ids are data, not text). */
function texts(value: unknown, skipBlockId?: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => texts(v, skipBlockId));
  if (typeof value !== 'object' || value === null) return [];
  const node = value as Json;
  if (skipBlockId !== undefined && node.block_id === skipBlockId) return [];
  if ((node.type === 'plain_text' || node.type === 'mrkdwn') && typeof node.text === 'string')
    return [node.text];
  return Object.values(node).flatMap((v) => texts(v, skipBlockId));
}

/**
 * Characters of text a reader takes in, besides the description (its "Project" label still counts); a link
 * counts as its label ("#9"), since the address behind it is not read.
 */
function glanceChars(message: ReturnType<typeof buildVerdictMessage>): number {
  const project = message.blocks.find((b) => b.block_id === PROJECT_BLOCK_ID);
  const label = project === undefined ? 0 : '*Project*'.length;
  const shown = texts(message.blocks, PROJECT_BLOCK_ID).map((t) =>
    t.replace(/<https:[^|>]*\|([^>]*)>/g, '$1'),
  );
  return shown.join('').length + label;
}

/** The context line under the verdict: the decision's number, status and links, and who asked. */
function recordLine(message: ReturnType<typeof buildVerdictMessage>): string {
  const context = message.blocks[2] as { type?: string; elements?: { text?: string }[] };
  expect(context.type).toBe('context');
  return context.elements?.[0]?.text ?? '';
}

const PERMALINK_9 = 'https://example-team.slack.com/archives/C0DECIDE/p1709640000000200';
const PERMALINK_6 = 'https://example-team.slack.com/archives/C0DECIDE/p1709550000000300';

/** The short lines under a bold heading ("*Pros*") in one of the message's texts. */
function linesUnder(message: ReturnType<typeof buildVerdictMessage>, heading: string): string[] {
  const field = texts(message.blocks).find((t) => t.startsWith(`*${heading}*\n`));
  return field === undefined ? [] : field.split('\n').slice(1);
}

describe('buildVerdictMessage', () => {
  it('leads with the verdict, one line of why and the confidence; who asked and the project follow', () => {
    const rec = sampleRecommendation();
    const message = buildVerdictMessage(rec, { requesterId: 'U42' });
    expect(message.blocks[0]).toMatchObject({
      type: 'header',
      text: { type: 'plain_text', text: ':crab: Rust' },
    });
    expect(message.blocks[1]).toMatchObject({
      type: 'section',
      text: { text: 'A strict latency target on a CPU-bound hot path calls for Rust.\n*Confidence: 74%*' },
    });
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('Asked by <@U42>');
    expect(message.blocks.find((b) => b.block_id === PROJECT_BLOCK_ID)).toMatchObject({
      text: { text: `*Project*\n>${escapeMrkdwn(HOSTILE)}` },
    });
    // The headline repeats the header, and the confidence note is detail: both live in the thread.
    expect(json).not.toContain('no room for GC pauses');
    expect(json).not.toContain('no rule pulls against them');
    expect(json).not.toContain('Close call');
    expect(message.text).toMatch(/^Rust or Python\? Verdict: Rust\. Confidence: 74%\. Project: Ship it/);
  });

  it('reads a close call as a lean in the header and the notification, never as a firm answer', () => {
    const python = buildVerdictMessage(sampleRecommendation({ closeCall: true, verdict: 'python' }), {
      requesterId: 'U42',
    });
    expect(headerText(python)).toBe(':snake: Close call — leaning Python');
    expect(python.text).toMatch(/^Rust or Python\? Close call, leaning Python\. Confidence: 74%\./);
    const hybrid = buildVerdictMessage(sampleRecommendation({ closeCall: true, verdict: 'hybrid' }), {
      requesterId: 'U42',
    });
    expect(headerText(hybrid)).toBe(
      ':crab: :snake: Close call — leaning a hybrid (Rust core, Python around it)',
    );
    expect(
      headerText(buildVerdictMessage(sampleRecommendation({ verdict: 'hybrid' }), { requesterId: 'U42' })),
    ).toBe(':crab: :snake: Hybrid: Rust core, Python around it');
  });

  it('shows the three strongest pros and cons, in the engine’s order, each as a short line', () => {
    const point = (text: string) => ({ text, cites: ['workload' as const] });
    const message = buildVerdictMessage(
      sampleRecommendation({
        pros: [
          point('Easier hiring: Python developers are plentiful and onboard in days.'),
          point(
            'Ready-made Python libraries for ML (PyTorch, scikit-learn), web (Django, FastAPI) and DevOps scripting (Ansible, Fabric).',
          ),
          point('A wheel matrix to ship (manylinux, musllinux); abi3 wheels cover many versions.'),
          point('A fourth pro that only the thread lists'),
        ],
        cons: [point('Slow compile times & long CI: the top complaint in Rust’s own surveys.')],
      }),
      { requesterId: 'U42' },
    );
    expect(linesUnder(message, 'Pros')).toEqual([
      '• Easier hiring',
      '• Ready-made Python libraries for ML, web and DevOps scripting',
      '• A wheel matrix to ship',
    ]);
    expect(linesUnder(message, 'Cons')).toEqual(['• Slow compile times &amp; long CI']);
  });

  it('gives the plan as one line of phases, and says the detail is in the thread', () => {
    const text = texts(buildVerdictMessage(sampleRecommendation(), { requesterId: 'U42' }).blocks).join('\n');
    expect(text).toContain('*Plan*: Assess → Trial');
    expect(text).not.toContain('Write p99 targets down');
    expect(text).toMatch(/in the thread and the Decision record/);
  });

  it('flags a conflict between rules in a few words, leaving the rules themselves to the thread', () => {
    const message = buildVerdictMessage(sampleRecommendation({ conflicts: [STAGED_CONFLICT] }), {
      requesterId: 'U42',
    });
    expect(readable(message)).toContain('*Confidence: 74%* · :warning: another rule pulls the other way');
    expect(readable(message)).not.toContain(STAGED_CONFLICT.text);
    expect(readable(buildVerdictMessage(sampleRecommendation(), { requesterId: 'U42' }))).not.toContain(
      ':warning:',
    );
  });

  it('for any answers: at most 1,000 characters besides the description, with the verdict, a pro, a con and the phases', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), fc.option(arbitraryRecordState()), (answers, record) => {
        const rec = recommend(answers);
        const message = buildVerdictMessage(rec, {
          requesterId: 'U0123456789',
          ...(record === null ? {} : { record }),
        });
        expect(glanceChars(message)).toBeLessThanOrEqual(1000);
        const header = headerText(message)
          .replace(/^Superseded: /, '')
          .replace(/^(:[a-z_]+: )+/, '');
        if (rec.closeCall) expect(header).toMatch(/^Close call — leaning /);
        else expect(header).not.toMatch(/close call/i);
        expect(linesUnder(message, 'Pros').length).toBeGreaterThanOrEqual(1);
        expect(linesUnder(message, 'Cons').length).toBeGreaterThanOrEqual(1);
        const phases = rec.plan.steps.map((s) => escapeMrkdwn(s.phase)).join(' → ');
        expect(texts(message.blocks)).toContain(`*Plan*: ${phases}`);
        const text = readable(message);
        expect(text).toContain(`Confidence: ${Math.round(rec.confidence)}%`);
        expect(text).not.toMatch(/[+-]\d+(\.\d)?\)/);
        expect(text).not.toMatch(/weight/i);
      }),
      { numRuns: 300 },
    );
  });

  it('escapes the description everywhere it appears, including the notification text', () => {
    const message = buildVerdictMessage(sampleRecommendation(), { requesterId: 'U42' });
    for (const text of [...renderedStrings(message.blocks), message.text]) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<@U123>');
      expect(text).not.toContain('<https://evil');
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    expect(message.text).toContain(
      '&lt;!channel&gt; cc &lt;@U123&gt; see &lt;https://evil.example|click here&gt; &amp; more &gt; less',
    );
  });

  it('does not mention a requester id that is not a user id', () => {
    const message = buildVerdictMessage(sampleRecommendation(), { requesterId: '<!everyone>' });
    expect(JSON.stringify(message.blocks)).toContain('Asked by &lt;!everyone&gt;');
  });

  it('carries the answers in the Adjust answers button and offers the decision record', () => {
    const rec = sampleRecommendation();
    const [adjust, record] = buttons(buildVerdictMessage(rec, { requesterId: 'U42' }));
    expect(adjust).toMatchObject({ action_id: 'adjust_answers', text: { text: 'Adjust answers' } });
    expect(JSON.parse(String(adjust?.value))).toEqual(rec.answers);
    expect(record).toMatchObject({ action_id: 'decision_record', text: { text: 'Decision record' } });
    expect(buildVerdictMessage(rec, { requesterId: 'U42' }).blocks.at(-1)).toMatchObject({
      type: 'actions',
      block_id: 'verdict_actions',
    });
  });

  it('leaves the description out of the button value when it would not fit 2,000 characters', () => {
    const rec = extremeRecommendation();
    expect(JSON.stringify(rec.answers).length).toBeGreaterThan(SLACK_LIMITS.buttonValue);
    const [adjust] = buttons(buildVerdictMessage(rec, { requesterId: 'U42' }));
    const { description: _omitted, ...rest } = rec.answers;
    expect(JSON.parse(String(adjust?.value))).toEqual(rest);
  });

  it('without a record: no number and no Accept, only who asked', () => {
    const message = buildVerdictMessage(sampleRecommendation(), { requesterId: 'U42' });
    expect(recordLine(message)).toBe('Asked by <@U42>');
    expect(readable(message)).not.toMatch(/Decision #|Accept|Proposed/);
    expect(buttons(message).map((b) => b.action_id)).toEqual(['adjust_answers', 'decision_record']);
  });

  it('a proposed decision shows its number and offers Accept, carrying the number', () => {
    const message = buildVerdictMessage(sampleRecommendation(), {
      requesterId: 'U42',
      record: { number: 7, status: 'proposed' },
    });
    expect(recordLine(message)).toBe('*Decision #7* · Proposed · Asked by <@U42>');
    expect(headerText(message)).toBe(':crab: Rust');
    expect(buttons(message)).toEqual([
      expect.objectContaining({
        action_id: ACCEPT_DECISION_ACTION_ID,
        style: 'primary',
        text: expect.objectContaining({ text: 'Accept' }),
        value: '7',
      }),
      expect.objectContaining({ action_id: 'adjust_answers' }),
      expect.objectContaining({ action_id: 'decision_record' }),
    ]);
    expect(ACCEPT_DECISION_ACTION_ID).toBe('accept_decision');
    expect(message.text).toMatch(/^Decision #7 \(proposed\): Rust or Python\? Verdict: Rust\./);
  });

  it('once accepted: who accepted it and when, as a date Slack renders, and no Accept button', () => {
    const message = buildVerdictMessage(sampleRecommendation(), {
      requesterId: 'U42',
      record: {
        number: 7,
        status: 'accepted',
        acceptedBy: 'U0BOB',
        acceptedAt: new Date('2024-03-05T12:00:00Z'),
      },
    });
    expect(recordLine(message)).toBe(
      '*Decision #7* · Accepted by <@U0BOB> on <!date^1709640000^{date_short}|2024-03-05> · Asked by <@U42>',
    );
    expect(buttons(message).map((b) => b.action_id)).toEqual(['adjust_answers', 'decision_record']);
    expect(message.text).toMatch(/^Decision #7 \(accepted\): /);
  });

  it('superseded: says so in the header, links to the new decision, and keeps only the Decision record', () => {
    const message = buildVerdictMessage(sampleRecommendation({ closeCall: true, verdict: 'python' }), {
      requesterId: 'U42',
      record: {
        number: 7,
        status: 'superseded',
        acceptedBy: 'U0BOB',
        acceptedAt: new Date('2024-03-05T12:00:00Z'),
        supersededBy: { number: 9, permalink: PERMALINK_9 },
      },
    });
    expect(headerText(message)).toBe('Superseded: :snake: Close call — leaning Python');
    expect(recordLine(message)).toBe(`*Decision #7* · Superseded by <${PERMALINK_9}|#9> · Asked by <@U42>`);
    expect(buttons(message).map((b) => b.action_id)).toEqual(['decision_record']);
    expect(message.text).toMatch(/^Decision #7 \(superseded by #9\): Rust or Python\? Close call/);
  });

  it('a decision that supersedes another links to it, whatever its own status', () => {
    for (const status of ['proposed', 'accepted'] as const) {
      const message = buildVerdictMessage(sampleRecommendation(), {
        requesterId: 'U42',
        record: { number: 9, status, supersedes: { number: 6, permalink: PERMALINK_6 } },
      });
      expect(recordLine(message)).toContain(`Supersedes <${PERMALINK_6}|#6> · Asked by <@U42>`);
      expect(headerText(message)).toBe(':crab: Rust');
    }
    const unlinked = buildVerdictMessage(sampleRecommendation(), {
      requesterId: 'U42',
      record: { number: 9, status: 'proposed', supersedes: { number: 6 } },
    });
    expect(recordLine(unlinked)).toContain('Supersedes #6 · Asked by');
  });

  it('never links a permalink that is not a plain http(s) link, and escapes & in one that is', () => {
    for (const permalink of [
      'javascript:alert(1)',
      'ftp://example-team.slack.com/archives/C1/p1',
      'https://a|<!here>',
      'https://a.example/>x',
      'https://a.example/ <!channel>',
      `https://a.example/${'x'.repeat(400)}`,
    ]) {
      const message = buildVerdictMessage(sampleRecommendation(), {
        requesterId: 'U42',
        record: { number: 7, status: 'superseded', supersededBy: { number: 9, permalink } },
      });
      expect(recordLine(message)).toBe('*Decision #7* · Superseded by #9 · Asked by <@U42>');
      expect(renderedStrings(message.blocks).join('\n')).not.toMatch(/<!|javascript/);
    }
    const withQuery = buildVerdictMessage(sampleRecommendation(), {
      requesterId: 'U42',
      record: {
        number: 9,
        status: 'proposed',
        supersedes: { number: 6, permalink: 'https://x.slack.com/archives/C1/p1?thread_ts=1&cid=C1' },
      },
    });
    expect(recordLine(withQuery)).toContain(
      'Supersedes <https://x.slack.com/archives/C1/p1?thread_ts=1&amp;cid=C1|#6>',
    );
  });

  it('leaves out a date that is not a real one, and an acceptor it does not know', () => {
    const message = buildVerdictMessage(sampleRecommendation(), {
      requesterId: 'U42',
      record: { number: 7, status: 'accepted', acceptedAt: new Date(Number.NaN) },
    });
    expect(recordLine(message)).toBe('*Decision #7* · Accepted · Asked by <@U42>');
  });

  it('decisionStateOf: a stored decision as its message shows it, with the permalinks the caller has', () => {
    const acceptedAt = new Date('2024-03-05T12:00:00Z');
    const record = sampleDecision({
      number: 8,
      status: 'superseded',
      acceptedBy: 'U0BOB',
      acceptedAt,
      supersedes: 6,
      supersededBy: 9,
    });
    expect(decisionStateOf(record, { supersedes: PERMALINK_6, supersededBy: PERMALINK_9 })).toEqual({
      number: 8,
      status: 'superseded',
      acceptedBy: 'U0BOB',
      acceptedAt,
      supersedes: { number: 6, permalink: PERMALINK_6 },
      supersededBy: { number: 9, permalink: PERMALINK_9 },
    });
    expect(decisionStateOf(sampleDecision())).toEqual({ number: 7, status: 'proposed' });
    expect(decisionStateOf(sampleDecision({ supersedes: 6 }), {})).toEqual({
      number: 7,
      status: 'proposed',
      supersedes: { number: 6 },
    });
  });

  it('stays within Slack limits for extreme content, cutting rather than failing', () => {
    const message = buildVerdictMessage(extremeRecommendation(), {
      requesterId: 'U42',
      record: {
        number: 123_456,
        status: 'accepted',
        acceptedBy: 'U0BOB',
        acceptedAt: new Date('2024-03-05T12:00:00Z'),
        supersedes: { number: 123_455, permalink: `https://x.slack.com/${'p'.repeat(280)}` },
      },
    });
    expect(checkSurface({ kind: 'message', ...message })).toEqual([]);
    expect(glanceChars(message)).toBeLessThanOrEqual(1000);
    expect(linesUnder(message, 'Pros').length).toBeGreaterThanOrEqual(1);
    expect(linesUnder(message, 'Cons').length).toBeGreaterThanOrEqual(1);
  });
});
