import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildHistoryMessage } from '../../../src/slack/blocks/history.ts';
import { checkSurface } from '../../../src/slack/blocks/limits.ts';
import { arbitraryDecisionRecord } from '../../helpers/arbitraries.ts';
import { arbitraryRecommendation, blockTexts, permalinkOf, sampleDecision } from './fixtures.ts';

/** What the person reads: every text object's text in the blocks, one after the other. */
const readable = (message: ReturnType<typeof buildHistoryMessage>) => blockTexts(message.blocks).join('\n');

/** The line about decision `#n`. */
function lineOf(message: ReturnType<typeof buildHistoryMessage>, n: number): string {
  const line = readable(message)
    .split('\n')
    .find((l) => l.startsWith(`*#${n}* · `));
  expect(line, `a line for #${n}`).toBeDefined();
  return line ?? '';
}

describe('buildHistoryMessage', () => {
  it('names the channel and gives each decision a line: verdict, confidence, status, date, who asked, link', () => {
    const proposed = sampleDecision();
    const message = buildHistoryMessage([proposed], 'C0DECIDE');
    expect(readable(message)).toMatch(/^\*Decisions in <#C0DECIDE>\*, latest first\n/);
    expect(lineOf(message, 7)).toBe(
      `*#7* · :crab: Rust · ${Math.round(proposed.recommendation.confidence)}% confidence · Proposed · ` +
        '<!date^1709632800^{date_short}|2024-03-05> · asked by <@U0ALICE> · ' +
        `<${permalinkOf('C0DECIDE', '1709632800.000100')}|view>`,
    );
    expect(message.text).toBe('Decisions in <#C0DECIDE>, latest first: #7 Rust (proposed).');
  });

  it('shows who accepted, which decision superseded one, and a close call as a lean, newest first', () => {
    const lean = sampleDecision().recommendation;
    const message = buildHistoryMessage(
      [
        sampleDecision({ number: 9, supersedes: 8, status: 'accepted', acceptedBy: 'U0BOB' }),
        sampleDecision({
          number: 8,
          status: 'superseded',
          supersededBy: 9,
          recommendation: { ...lean, verdict: 'python', closeCall: true, confidence: 51.6 },
        }),
      ],
      'C0DECIDE',
    );
    expect(lineOf(message, 9)).toContain(' · Accepted by <@U0BOB> · ');
    expect(lineOf(message, 8)).toMatch(
      /^\*#8\* · :snake: Close call — leaning Python · 52% confidence · Superseded by #9 · /,
    );
    expect(readable(message).indexOf('*#9*')).toBeLessThan(readable(message).indexOf('*#8*'));
    expect(message.text).toContain('#9 Rust (accepted); #8 close call, leaning Python (superseded)');
  });

  it('links to a message only through a plain https permalink', () => {
    for (const permalink of ['javascript:alert(1)', 'https://a|<!here>', 'https://a.example/>x', undefined]) {
      const message = buildHistoryMessage(
        [
          sampleDecision({
            message: { channelId: 'C0DECIDE', messageTs: '1.2', ...(permalink ? { permalink } : {}) },
          }),
        ],
        'C0DECIDE',
      );
      expect(lineOf(message, 7)).toMatch(/ · asked by <@U0ALICE>$/);
      expect(readable(message)).not.toMatch(/<!here>|javascript|\|view>/);
    }
  });

  it('shows at most ten decisions', () => {
    const many = Array.from({ length: 14 }, (_, i) => sampleDecision({ number: 20 - i }));
    const text = readable(buildHistoryMessage(many, 'C0DECIDE'));
    expect(text.match(/^\*#\d+\* · /gm)).toHaveLength(10);
    expect(text).toContain('*#11* · ');
    expect(text).not.toContain('*#10* · ');
  });

  it('says when a channel has no decisions yet, and how to start one', () => {
    const message = buildHistoryMessage([], 'C0EMPTY');
    expect(readable(message)).toBe(
      'No decisions in this channel yet. Type `/rust-or-python` here to start one.',
    );
    expect(message.text).toBe('No decisions in this channel yet.');
  });

  it('does not mention what is not a channel or a user id', () => {
    const message = buildHistoryMessage([sampleDecision({ requesterId: '<!channel>' })], '<!here>');
    expect(readable(message)).not.toMatch(/<!(channel|here)>/);
    expect(readable(message)).toContain('asked by &lt;!channel&gt;');
  });

  it('stays within Slack limits for any decisions', () => {
    const decisions = fc.array(
      fc.oneof(arbitraryDecisionRecord(), arbitraryDecisionRecord(arbitraryRecommendation())),
      { maxLength: 14 },
    );
    fc.assert(
      fc.property(decisions, fc.string({ maxLength: 300 }), (list, channel) => {
        const message = buildHistoryMessage(list, channel);
        expect(checkSurface({ kind: 'message', ...message })).toEqual([]);
        // The only tokens are ours: channel and user mentions of real ids, dates, and safe links.
        const left = [readable(message), message.text]
          .join('\n')
          .replace(
            /<#[CG][A-Z0-9]+>|<@[UW][A-Z0-9]+>|<!date\^\d+\^\{date_short\}\|[\d-]+>|<https:\/\/[^\s<>|]+\|view>/g,
            '',
          );
        expect(left).not.toMatch(/[<>]/);
      }),
      { numRuns: 60 },
    );
  });
});
