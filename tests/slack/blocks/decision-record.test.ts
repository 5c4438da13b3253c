import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recommend, renderDecisionRecord } from '../../../src/engine/index.ts';
import type { Recommendation } from '../../../src/engine/types.ts';
import {
  buildDecisionRecordModal,
  markdownToMrkdwn,
  recordSections,
} from '../../../src/slack/blocks/decision-record.ts';
import { checkSurface, SLACK_LIMITS } from '../../../src/slack/blocks/limits.ts';
import { arbitraryAnswers } from '../../helpers/arbitraries.ts';
import { extremeRecommendation, HOSTILE, renderedStrings, sampleRecommendation } from './fixtures.ts';

describe('markdownToMrkdwn', () => {
  it('turns Markdown structure into what Slack mrkdwn can show', () => {
    const md = [
      '---',
      'status: proposed',
      '---',
      '# Title',
      '## Context **and** problem',
      '* item one',
      '  - nested **bold**',
      '> quoted <!here>',
      'See [the docs](https://example.com/a?b=1&c=2).',
      '```rust',
      'fn main() { let x = a < b; }',
      '```',
      '---',
    ].join('\n');
    expect(markdownToMrkdwn(md)).toEqual([
      '_status: proposed_',
      '*Title*',
      '*Context and problem*',
      '• item one',
      '  • nested *bold*',
      '>quoted &lt;!here&gt;',
      'See the docs (https://example.com/a?b=1&amp;c=2).',
      '```',
      'fn main() { let x = a &lt; b; }',
      '```',
      '──────────',
    ]);
  });

  it('cannot be made to hide a link or mention anyone', () => {
    const out = markdownToMrkdwn(`# ${HOSTILE}\n* ${HOSTILE}\n[<!channel>](https://evil)`).join('\n');
    expect(out).not.toMatch(/<[!@h]/);
  });
});

/** The text of each block of a view, in order. */
function blockTexts(view: { blocks: readonly unknown[] }): string[] {
  return view.blocks.map((b) => {
    const block = b as { text?: { text?: string }; elements?: { text?: string }[] };
    return block.text?.text ?? block.elements?.map((e) => e.text ?? '').join('') ?? '';
  });
}

/** The record's mrkdwn lines as they should all appear in the modal, non-empty ones only. */
function recordLines(rec: Recommendation): string[] {
  return markdownToMrkdwn(renderDecisionRecord(rec))
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

describe('buildDecisionRecordModal', () => {
  // Uses the engine's renderDecisionRecord, so this checks the real record's shape end to end.
  it('shows the engine’s decision record in a read-only modal: a Close button, no submit, within limits', () => {
    const rec = recommend({ ...sampleRecommendation().answers });
    const view = buildDecisionRecordModal(rec);
    expect(view).toMatchObject({
      type: 'modal',
      title: { type: 'plain_text', text: 'Decision record' },
      close: { type: 'plain_text', text: 'Close' },
    });
    expect(view.submit).toBeUndefined();
    expect(view.blocks.some((b) => b.type === 'input' || b.type === 'actions')).toBe(false);
    const text = renderedStrings(view.blocks).join('\n');
    expect(text).toMatch(/^\*Decision Outcome\*/m);
    expect(text).not.toMatch(/^#/m);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toMatch(/<[!@h]/);
    expect(checkSurface(view)).toEqual([]);
  });

  it('holds the whole record for any answers, in order, with room to spare under Slack’s limits', () => {
    let largest = { blocks: 0, section: 0, bytes: 0 };
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        const view = buildDecisionRecordModal(rec);
        expect(checkSurface(view)).toEqual([]);
        const shown = blockTexts(view).join('\n');
        expect(shown).not.toContain('too long for a Slack window');
        let from = 0;
        for (const line of recordLines(rec)) {
          const at = shown.indexOf(line, from);
          expect(at, `missing or out of order: ${line}`).toBeGreaterThanOrEqual(from);
          from = at + line.length;
        }
        largest = {
          blocks: Math.max(largest.blocks, view.blocks.length),
          section: Math.max(largest.section, ...blockTexts(view).map((t) => t.length)),
          bytes: Math.max(largest.bytes, Buffer.byteLength(JSON.stringify(view), 'utf8')),
        };
      }),
      { numRuns: 200 },
    );
    // The margin the builder's comment promises: the longest record uses a fraction of a modal.
    expect(largest.blocks).toBeLessThanOrEqual(SLACK_LIMITS.viewBlocks / 2);
    expect(largest.section).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(largest.bytes).toBeLessThanOrEqual(SLACK_LIMITS.viewBytes / 5);
  });

  it('splits a line longer than a section at spaces instead of cutting it', () => {
    const words = Array.from({ length: 1500 }, (_, i) => `word${i}`).join(' ');
    const sections = recordSections(['*Heading*', words, 'after']);
    expect(sections.length).toBeGreaterThan(3);
    for (const section of sections) expect(section.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(sections.join(' ').replace(/\n/g, ' ')).toBe(`*Heading* ${words} after`);
    expect(sections.join('')).not.toContain('…');
  });

  it('never splits an entity such as &amp; across sections', () => {
    const sections = recordSections([`${'x'.repeat(2998)}&amp;&lt;tail`]);
    expect(sections[0]).toBe('x'.repeat(2998));
    expect(sections[1]).toBe('&amp;&lt;tail');
  });

  it('says plainly how much is missing when a hand-made record could not fit any modal', () => {
    const view = buildDecisionRecordModal(extremeRecommendation());
    expect(checkSurface(view)).toEqual([]);
    expect(blockTexts(view).at(-1)).toMatch(
      /^This record is too long for a Slack window: its last \d+ of \d+ parts are not shown\.$/,
    );
  });
});
