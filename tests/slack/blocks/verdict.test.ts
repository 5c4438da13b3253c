import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recommend } from '../../../src/engine/index.ts';
import { checkSurface, SLACK_LIMITS } from '../../../src/slack/blocks/limits.ts';
import { escapeMrkdwn } from '../../../src/slack/blocks/mrkdwn.ts';
import { buildVerdictMessage } from '../../../src/slack/blocks/verdict.ts';
import { arbitraryAnswers } from '../../helpers/arbitraries.ts';
import {
  extremeRecommendation,
  HOSTILE,
  renderedStrings,
  STAGED_CONFLICT,
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

/** Characters of text a reader takes in, besides the description (its "Project" label still counts). */
function glanceChars(message: ReturnType<typeof buildVerdictMessage>): number {
  const project = message.blocks.find((b) => b.block_id === PROJECT_BLOCK_ID);
  const label = project === undefined ? 0 : '*Project*'.length;
  return texts(message.blocks, PROJECT_BLOCK_ID).join('').length + label;
}

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
    const replaces = {
      channel: 'C0123456789',
      ts: '1700000000.000100',
      permalink: 'https://example-workspace.slack.com/archives/C0123456789/p1700000000000100',
    };
    fc.assert(
      fc.property(arbitraryAnswers(), fc.boolean(), (answers, replacing) => {
        const rec = recommend(answers);
        const message = buildVerdictMessage(rec, {
          requesterId: 'U0123456789',
          ...(replacing ? { replaces } : {}),
        });
        expect(glanceChars(message)).toBeLessThanOrEqual(1000);
        const header = headerText(message).replace(/^(:[a-z_]+: )+/, '');
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

  it('names the message it replaces, as a date Slack renders and a link when a permalink is known', () => {
    const message = buildVerdictMessage(sampleRecommendation(), {
      requesterId: 'U42',
      replaces: {
        channel: 'C1',
        ts: '1700000000.000100',
        permalink: 'https://x.slack.com/archives/C1/p1700000000000100',
      },
    });
    const json = JSON.stringify(message.blocks);
    expect(json).toContain(
      'Replaces the verdict posted <!date^1700000000^{date_short_pretty} at {time}|2023-11-14 22:13 UTC>',
    );
    expect(json).toContain('(<https://x.slack.com/archives/C1/p1700000000000100|earlier verdict>)');
    const forged = buildVerdictMessage(sampleRecommendation(), {
      requesterId: 'U42',
      replaces: { channel: 'C1', ts: '<!channel>', permalink: 'https://a|<!here>' },
    });
    expect(JSON.stringify(forged.blocks)).toContain('Replaces the verdict posted earlier.');
    expect(renderedStrings(forged.blocks).join('\n')).not.toContain('<!');
  });

  it('stays within Slack limits for extreme content, cutting rather than failing', () => {
    const message = buildVerdictMessage(extremeRecommendation(), {
      requesterId: 'U42',
      replaces: { channel: 'C1', ts: '1700000000.000100' },
    });
    expect(checkSurface({ kind: 'message', ...message })).toEqual([]);
    expect(glanceChars(message)).toBeLessThanOrEqual(1000);
    expect(linesUnder(message, 'Pros').length).toBeGreaterThanOrEqual(1);
    expect(linesUnder(message, 'Cons').length).toBeGreaterThanOrEqual(1);
  });
});
