import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recommend } from '../../../src/engine/index.ts';
import { checkSurface, SLACK_LIMITS } from '../../../src/slack/blocks/limits.ts';
import { buildVerdictMessage } from '../../../src/slack/blocks/verdict.ts';
import { arbitraryAnswers } from '../../helpers/arbitraries.ts';
import { extremeRecommendation, renderedStrings, STAGED_CONFLICT, sampleRecommendation } from './fixtures.ts';

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

describe('buildVerdictMessage', () => {
  it('leads with the verdict, the confidence explained, who asked and the project', () => {
    const message = buildVerdictMessage(sampleRecommendation(), { requesterId: 'U42' });
    expect(message.blocks[0]).toMatchObject({
      type: 'header',
      text: { type: 'plain_text', text: ':crab: Rust' },
    });
    const json = JSON.stringify(message.blocks);
    expect(json).toContain(
      '*Confidence: 74%*. The scores lean 68 to 32 towards Rust &amp; no rule pulls against them.',
    );
    expect(json).toContain('Asked by <@U42>');
    expect(json).toContain('Ship it &lt;!channel&gt;');
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

  it('groups the strongest reasons under "For <verdict>" and "Against", without points', () => {
    const text = readable(buildVerdictMessage(sampleRecommendation(), { requesterId: 'U42' }));
    expect(text).toContain(
      '*For Rust*\n• Strict latency: p99 &lt; 10 ms rules out GC pauses\n*Against*\n• The team knows Python well &amp; Rust only somewhat',
    );
    expect(text).not.toContain('6.9');
    expect(text).not.toContain('Top reasons');
    // A verdict with nothing against it shows no empty "Against" group.
    const rec = sampleRecommendation();
    const onlyFor = buildVerdictMessage(
      { ...rec, topReasons: rec.topReasons.filter((r) => r.stance === 'for') },
      { requesterId: 'U42' },
    );
    expect(readable(onlyFor)).not.toContain('Against');
  });

  it('names a conflict between rules in one line, and says nothing of conflicts when there are none', () => {
    const message = buildVerdictMessage(sampleRecommendation({ conflicts: [STAGED_CONFLICT] }), {
      requesterId: 'U42',
    });
    const lines = readable(message)
      .split('\n')
      .filter((l) => l.includes('Two rules pull apart'));
    expect(lines).toEqual([`:warning: ${STAGED_CONFLICT.text}`]);
    expect(readable(buildVerdictMessage(sampleRecommendation(), { requesterId: 'U42' }))).not.toContain(
      ':warning:',
    );
  });

  it('shows no raw points or weights, and a close call always as a lean, for any answers', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        const message = buildVerdictMessage(rec, { requesterId: 'U42' });
        const text = readable(message);
        expect(text).not.toMatch(/[+-]\d+(\.\d)?\)/);
        expect(text).not.toMatch(/weight/i);
        expect(text).toContain(`Confidence: ${Math.round(rec.confidence)}%`);
        const header = headerText(message).replace(/^(:[a-z_]+: )+/, '');
        if (rec.closeCall) expect(header).toMatch(/^Close call — leaning /);
        else expect(header).not.toMatch(/close call/i);
      }),
      { numRuns: 200 },
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
    expect(JSON.stringify(message.blocks)).toContain('more');
  });
});
