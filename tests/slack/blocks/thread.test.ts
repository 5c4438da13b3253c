import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readableFlips } from '../../../src/engine/flips.ts';
import { questionById, recommend } from '../../../src/engine/index.ts';
import type { Recommendation } from '../../../src/engine/types.ts';
import { checkSurface } from '../../../src/slack/blocks/limits.ts';
import { escapeMrkdwn } from '../../../src/slack/blocks/mrkdwn.ts';
import { buildThreadReplies } from '../../../src/slack/blocks/thread.ts';
import { arbitraryAnswers } from '../../helpers/arbitraries.ts';
import { extremeRecommendation, renderedStrings, STAGED_CONFLICT, sampleRecommendation } from './fixtures.ts';

type Replies = ReturnType<typeof buildThreadReplies>;

function titles(replies: Replies): string[] {
  return replies.map((r) => {
    const first = r.blocks[0] as { text?: { text?: string } };
    return first.text?.text ?? '';
  });
}

const allText = (replies: Replies) => renderedStrings(replies).join('\n');

/** The sections of the "why" replies after their titles, as one text. */
function whyText(rec: Recommendation): string {
  return buildThreadReplies(rec)
    .filter((r) => /^\*Why /.test(titles([r])[0] ?? ''))
    .flatMap((r) => r.blocks.slice(1))
    .map((b) => (b as { text?: { text?: string } }).text?.text ?? '')
    .join('\n');
}

/** The part of the why text under one criterion's heading, up to the next criterion's heading. */
function criterionPart(text: string, label: string, labels: readonly string[]): string {
  const heading = (l: string) => `*${escapeMrkdwn(l)}* `;
  const start = text.indexOf(heading(label));
  if (start < 0) return '';
  const ends = labels
    .map((l) => text.indexOf(heading(l), start + 1))
    .filter((i) => i > start)
    .sort((a, b) => a - b);
  return text.slice(start, ends[0] ?? text.length);
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

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

  it('names the language the learning path teaches, and leaves the path out when the plan has none', () => {
    const rec = sampleRecommendation({ verdict: 'python' });
    const python = { ...rec, plan: { ...rec.plan, learning: 'python' as const } };
    expect(titles(buildThreadReplies(python))).toContain('*Learning path for Python*');
    const none = buildThreadReplies({ ...rec, plan: { ...rec.plan, learningPath: [] } });
    expect(titles(none).some((t) => t.startsWith('*Learning path'))).toBe(false);
  });

  it('calls a close call a lean in the why reply too', () => {
    const rec = sampleRecommendation({ verdict: 'python', closeCall: true });
    expect(titles(buildThreadReplies(rec))[0]).toBe('*Why it leans towards Python*');
  });

  it('starts the why with what decided it, then any conflict, each citing its answers once', () => {
    const text = whyText(sampleRecommendation({ conflicts: [STAGED_CONFLICT] }));
    expect(text.split('\n').slice(0, 2)).toEqual([
      '*What decided it*: A strict latency target on a CPU-bound hot path calls for Rust. (you answered What latency does it need? → _Strict: p99 under 10 ms_; What are you building? → _High-throughput or real-time service (streaming, trading, analytics)_)',
      '*Another rule pulls the other way*: Two rules pull apart: a weeks-long prototype points to Python, but the latency rule comes first. To settle it, measure the p99 a Python prototype reaches. (you answered Which stage is the project at? → _Prototype: proof of concept in weeks_)',
    ]);
  });

  it('explains each moved criterion by the side it favours, reasons labelled by side, answers cited once', () => {
    const text = whyText(sampleRecommendation());
    expect(text).toContain(
      [
        '*Performance* favours Rust',
        '_For Rust:_',
        '• Strict latency: p99 &lt; 10 ms rules out GC pauses',
        '• No interpreter overhead on the hot path',
        '_For Python:_',
        '• A strong Python team tunes what it knows',
        "_From your answers_: What latency does it need? → _Strict: p99 under 10 ms_; What are you building? → _High-throughput or real-time service (streaming, trading, analytics)_; How strong is the team's Python? → _Strong_",
      ].join('\n'),
    );
    // Memory: no answer moved it, so it is not listed; and no weights or points anywhere.
    expect(text).not.toContain('*Memory*');
    expect(text).not.toMatch(/weight|[+-]\d+(\.\d)?\)|\+\d/i);
  });

  it('for any answers: only moved criteria, each citing every answer it rests on exactly once', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const rec = recommend(answers);
        const text = whyText(rec);
        const labels = rec.criteria.map((c) => c.label);
        expect(text).not.toMatch(/weight/i);
        for (const criterion of rec.criteria) {
          const part = criterionPart(text, criterion.label, labels);
          if (criterion.reasons.length === 0) {
            expect(part, `${criterion.label} is listed though nothing moved it`).toBe('');
            continue;
          }
          expect(part).not.toBe('');
          const cited = new Set(criterion.reasons.flatMap((r) => r.cites.map((c) => c.question)));
          for (const question of cited) {
            const label = `${escapeMrkdwn(questionById(question)?.label ?? question)} → `;
            expect(occurrences(part, label), `${criterion.label} cites ${question}`).toBe(1);
          }
          for (const reason of criterion.reasons) expect(part).toContain(`• ${escapeMrkdwn(reason.text)}`);
        }
      }),
      { numRuns: 150 },
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

  it('says what would change the verdict in the engine’s grouped sentences, or that nothing single would', () => {
    const rec = sampleRecommendation();
    const sentences = readableFlips(rec.flips, rec.answers);
    expect(sentences).toHaveLength(1);
    const text = allText(buildThreadReplies(rec));
    expect(text).toContain(`• ${escapeMrkdwn(sentences[0] ?? '')}`);
    expect(text).not.toContain('If _');
    expect(allText(buildThreadReplies(sampleRecommendation({ flips: [] })))).toContain(
      'Nothing single would change it',
    );
  });

  it('continues a part in further replies rather than break Slack limits', () => {
    const replies = buildThreadReplies(extremeRecommendation());
    expect(titles(replies)).toContain('*Why it leans towards Python (continued)*');
    for (const reply of replies) expect(checkSurface({ kind: 'message', ...reply })).toEqual([]);
    expect(allText(replies)).not.toMatch(/<[!@h]/);
  });
});
