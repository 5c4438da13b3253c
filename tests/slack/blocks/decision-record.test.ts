import { describe, expect, it } from 'vitest';
import { recommend } from '../../../src/engine/index.ts';
import { buildDecisionRecordMessage, markdownToMrkdwn } from '../../../src/slack/blocks/decision-record.ts';
import { checkSurface } from '../../../src/slack/blocks/limits.ts';
import { HOSTILE, renderedStrings, sampleRecommendation } from './fixtures.ts';

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

describe('buildDecisionRecordMessage', () => {
  // Uses the engine's renderDecisionRecord, so this checks the real record's shape end to end.
  it('posts the engine’s decision record with headings as bold lines, within limits', () => {
    const rec = recommend({ ...sampleRecommendation().answers });
    const message = buildDecisionRecordMessage(rec);
    expect(message.blocks[0]).toMatchObject({ type: 'header' });
    expect(message.text).toMatch(/^Decision record: /);
    const text = renderedStrings(message.blocks).join('\n');
    expect(text).toMatch(/^\*Decision Outcome\*/m);
    expect(text).not.toMatch(/^#/m);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toMatch(/<[!@h]/);
    expect(checkSurface({ kind: 'message', ...message })).toEqual([]);
  });
});
