import { describe, expect, it } from 'vitest';
import { checkSurface, SLACK_LIMITS } from '../../../src/slack/blocks/limits.ts';
import { buildVerdictMessage } from '../../../src/slack/blocks/verdict.ts';
import { extremeRecommendation, renderedStrings, sampleRecommendation } from './fixtures.ts';

type Json = Record<string, unknown>;

function buttons(message: ReturnType<typeof buildVerdictMessage>): Json[] {
  const actions = message.blocks.find((b) => b.type === 'actions') as Json | undefined;
  return (actions?.elements as Json[] | undefined) ?? [];
}

describe('buildVerdictMessage', () => {
  it('leads with the verdict, the confidence, who asked and the project', () => {
    const message = buildVerdictMessage(sampleRecommendation(), { requesterId: 'U42' });
    expect(message.blocks[0]).toMatchObject({
      type: 'header',
      text: { type: 'plain_text', text: ':crab: Rust' },
    });
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('Confidence: *74%*');
    expect(json).toContain('Asked by <@U42>');
    expect(json).toContain('Ship it &lt;!channel&gt;');
    expect(json).not.toContain('Close call');
    expect(message.text).toMatch(/^Rust or Python\? Verdict: Rust \(74% confidence\)\. Project: Ship it/);
  });

  it('says plainly when it is a close call, and names a hybrid verdict', () => {
    const message = buildVerdictMessage(sampleRecommendation({ closeCall: true, verdict: 'hybrid' }), {
      requesterId: 'U42',
    });
    expect(message.blocks[0]).toMatchObject({
      text: { text: ':crab: :snake: Hybrid: Rust core, Python around it' },
    });
    expect(JSON.stringify(message.blocks)).toContain('*Close call*');
    expect(message.text).toContain('close call');
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
