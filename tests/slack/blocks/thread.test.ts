import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readableFlips } from '../../../src/engine/flips.ts';
import { optionLabel, questionById, recommend } from '../../../src/engine/index.ts';
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

/** A reply's texts after its title, as one text. */
const body = (reply: Replies[number]) => renderedStrings(reply.blocks.slice(1)).join('\n');

describe('buildThreadReplies', () => {
  it('replies at most three times, each a whole topic: why, the plan, risks and what would change it', () => {
    expect(titles(buildThreadReplies(sampleRecommendation()))).toEqual([
      '*Why Rust*',
      '*The plan, phase by phase*',
      '*Risks, and what would change the verdict*',
    ]);
  });

  it('for any answers: at most three replies, each whole and within Slack limits', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        const replies = buildThreadReplies(recommend(answers));
        expect(replies.length).toBeLessThanOrEqual(3);
        for (const reply of replies) {
          expect(checkSurface({ kind: 'message', ...reply })).toEqual([]);
          expect(body(reply)).not.toMatch(/more than fits/);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('puts the confidence explained, the scores and every pro and con in the why', () => {
    const rec = sampleRecommendation({
      pros: ['One', 'Two', 'Three', 'Four & more'].map((text) => ({ text, cites: ['workload' as const] })),
    });
    const why = body(buildThreadReplies(rec)[0] as Replies[number]);
    expect(why).toContain(
      '*Confidence: 74%*. The scores lean 68 to 32 towards Rust &amp; no rule pulls against them.',
    );
    expect(why).toContain('Rust 68 · Python 32');
    expect(why).toContain('*Pros*\n• One\n• Two\n• Three\n• Four &amp; more');
    expect(why).toContain('*Cons*\n• The team is new to ownership &amp; lifetimes');
  });

  it('keeps the learning path in the plan, naming the language it teaches, and leaves it out when there is none', () => {
    const rec = sampleRecommendation({ verdict: 'python' });
    const python = { ...rec, plan: { ...rec.plan, learning: 'python' as const } };
    const plan = body(buildThreadReplies(python)[1] as Replies[number]);
    expect(plan).toContain('*Learning path for Python*\n1. The Rust Book, chapters 1-10');
    const none = buildThreadReplies({ ...rec, plan: { ...rec.plan, learningPath: [] } });
    expect(allText(none)).not.toContain('Learning path');
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
        `_From your answers_: What latency does it need? → _Strict: p99 under 10 ms_; What are you building? → _High-throughput or real-time service (streaming, trading, analytics)_; How strong is the team's Python? → _${optionLabel('pythonSkill', 'strong')}_`,
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

  it('fits extreme content in three replies within Slack limits, pointing to the record for what was cut', () => {
    const replies = buildThreadReplies(extremeRecommendation());
    expect(titles(replies)).toEqual([
      '*Why it leans towards Python*',
      '*The plan, phase by phase*',
      '*Risks, and what would change the verdict*',
    ]);
    for (const reply of replies) {
      expect(checkSurface({ kind: 'message', ...reply })).toEqual([]);
      expect(body(reply)).toMatch(/Decision record/);
    }
    expect(allText(replies)).not.toMatch(/<[!@h]/);
  });
});
