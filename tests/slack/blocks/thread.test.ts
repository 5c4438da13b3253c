import { describe, expect, it } from 'vitest';
import { checkSurface } from '../../../src/slack/blocks/limits.ts';
import { buildThreadReplies } from '../../../src/slack/blocks/thread.ts';
import { extremeRecommendation, renderedStrings, sampleRecommendation } from './fixtures.ts';

function titles(replies: ReturnType<typeof buildThreadReplies>): string[] {
  return replies.map((r) => {
    const first = r.blocks[0] as { text?: { text?: string } };
    return first.text?.text ?? '';
  });
}

const allText = (replies: ReturnType<typeof buildThreadReplies>) => renderedStrings(replies).join('\n');

describe('buildThreadReplies', () => {
  it('replies in reading order: why, plan, risks, learning path, what would change it', () => {
    expect(titles(buildThreadReplies(sampleRecommendation()))).toEqual([
      '*Why Rust*',
      '*The plan, phase by phase*',
      '*Risks and mitigations*',
      '*Learning path for Rust*',
      '*What would change the verdict*',
    ]);
  });

  it('leaves out the learning path when the plan has none', () => {
    const rec = sampleRecommendation();
    const replies = buildThreadReplies({ ...rec, plan: { ...rec.plan, learningPath: [] } });
    expect(titles(replies)).not.toContain('*Learning path for Rust*');
  });

  it('explains each criterion with its weight and contribution, and reasons citing the answers', () => {
    const text = allText(buildThreadReplies(sampleRecommendation()));
    expect(text).toContain('*Performance* · weight 1.5 · Rust +12 · Python +2');
    expect(text).toContain(
      '• Strict latency: p99 &lt; 10 ms rules out GC pauses _(Rust +12)_ (you answered What latency does it need? → _Strict: p99 under 10 ms_)',
    );
    expect(text).toContain(
      '*Memory* · weight 1 · Rust +0 · Python +0\n_None of your answers moved this criterion._',
    );
  });

  it('gives the plan phase by phase with exit criteria, and thresholds for a Python verdict', () => {
    const rec = sampleRecommendation({ verdict: 'python' });
    const replies = buildThreadReplies({
      ...rec,
      plan: { ...rec.plan, thresholds: ['p99 above 50 ms for a week'] },
    });
    const text = allText(replies);
    expect(text).toContain('*1. Assess*: Set targets\n• Write p99 targets down\n*Exit*: Targets agreed');
    expect(text).toContain('*Exit*: p99 &lt; 10 ms in staging');
    expect(text).toContain('pilot Rust*\n• p99 above 50 ms for a week');
  });

  it('says what would change the verdict in words, or that nothing single would', () => {
    expect(allText(buildThreadReplies(sampleRecommendation()))).toContain(
      '• If _What latency does it need?_ were _No latency target_, the verdict would be *Python*.',
    );
    expect(allText(buildThreadReplies(sampleRecommendation({ flips: [] })))).toContain(
      'Nothing single would change it',
    );
  });

  it('continues a part in further replies rather than break Slack limits', () => {
    const replies = buildThreadReplies(extremeRecommendation());
    expect(titles(replies)).toContain('*Why Python (continued)*');
    for (const reply of replies) expect(checkSurface({ kind: 'message', ...reply })).toEqual([]);
    expect(allText(replies)).not.toMatch(/<[!@h]/);
  });
});
