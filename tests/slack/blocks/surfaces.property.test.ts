import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recommend } from '../../../src/engine/index.ts';
import type { Recommendation } from '../../../src/engine/types.ts';
import {
  buildDecisionModal,
  buildDecisionRecordModal,
  buildHelpMessage,
  buildHistoryMessage,
  buildHomeView,
  buildThreadReplies,
  buildVerdictMessage,
  checkSurface,
  type LimitViolation,
  type VerdictRecordState,
} from '../../../src/slack/blocks/index.ts';
import { arbitraryAnswers, arbitraryRecordState } from '../../helpers/arbitraries.ts';
import {
  arbitraryRecommendation,
  extremeRecommendation,
  renderedStrings,
  sampleDecision,
} from './fixtures.ts';

/** The verdict an Adjust answers modal replaces (carried in its metadata). */
const REPLACES = { channel: 'C1', ts: '1700000000.000100' };

/** A decision's state with links at their longest safe length: the most a verdict's record line holds. */
const LONGEST_RECORD: VerdictRecordState = {
  number: Number.MAX_SAFE_INTEGER,
  status: 'superseded',
  acceptedBy: 'U0ACCEPTER',
  acceptedAt: new Date('2024-03-05T12:00:00Z'),
  supersedes: { number: Number.MAX_SAFE_INTEGER - 1, permalink: `https://x.slack.com/${'s'.repeat(281)}` },
  supersededBy: { number: Number.MAX_SAFE_INTEGER, permalink: `https://x.slack.com/${'b'.repeat(281)}` },
};

/** Every message surface built from one recommendation, named for the failure message. */
function messageSurfaces(rec: Recommendation, record: VerdictRecordState = LONGEST_RECORD) {
  return [
    ['verdict', buildVerdictMessage(rec, { requesterId: 'U0ASKER' })],
    ['verdict with a record', buildVerdictMessage(rec, { requesterId: 'U0ASKER', record })],
    ...buildThreadReplies(rec).map((reply, i) => [`thread reply ${i + 1}`, reply] as const),
  ] as const;
}

function violationsOf(
  rec: Recommendation,
  withRecord: boolean,
  record?: VerdictRecordState,
): Record<string, LimitViolation[]> {
  const found: Record<string, LimitViolation[]> = {};
  for (const [name, message] of messageSurfaces(rec, record)) {
    const violations = checkSurface({ kind: 'message', ...message });
    if (violations.length > 0) found[name] = violations;
    // Nothing user-supplied may turn into a mention or a link: the only `<` is our own mentions, dates and links.
    const raw = renderedStrings(message)
      .join('\n')
      .replace(/<@U[A-Z0-9]+>|<!date\^\d+\^\{date_short\}\|[\d-]+>|<https:\/\/[^\s<>|]+\|#(\d+|\?)>/g, '');
    if (raw.includes('<')) found[`${name} (unescaped <)`] = [];
  }
  if (withRecord) {
    const violations = checkSurface(buildDecisionRecordModal(rec));
    if (violations.length > 0) found['decision record modal'] = violations;
  }
  for (const page of [1, 2] as const) {
    const modal = buildDecisionModal({
      page,
      values: rec.answers,
      metadata: { answers: rec.answers, replaces: { channel: REPLACES.channel, ts: REPLACES.ts } },
    });
    const violations = checkSurface(modal);
    if (violations.length > 0) found[`modal page ${page}`] = violations;
  }
  return found;
}

describe('every surface stays within Slack limits', () => {
  it('for any answers, through the engine, and any state of its decision record', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), arbitraryRecordState(), (answers, record) => {
        expect(violationsOf(recommend(answers), true, record)).toEqual({});
      }),
      { numRuns: 150 },
    );
  });

  it('for extreme hand-made recommendations of every verdict', () => {
    for (const verdict of ['rust', 'python', 'hybrid'] as const) {
      expect(violationsOf(extremeRecommendation(verdict), false)).toEqual({});
    }
  });

  it('for arbitrary recommendation shapes full of characters that need escaping', () => {
    fc.assert(
      fc.property(arbitraryRecommendation(), arbitraryRecordState(), (rec, record) => {
        expect(violationsOf(rec, false, record)).toEqual({});
      }),
      { numRuns: 60 },
    );
  });

  it('for the home tab, the history and the help message', () => {
    expect(checkSurface(buildHomeView())).toEqual([]);
    expect(checkSurface(buildHomeView([]))).toEqual([]);
    const extreme = Array.from({ length: 10 }, (_, i) =>
      sampleDecision({
        number: Number.MAX_SAFE_INTEGER - i,
        recommendation: extremeRecommendation(),
        message: { channelId: 'C1', messageTs: '1.2', permalink: `https://x.slack.com/${'p'.repeat(281)}` },
        requesterId: 'x'.repeat(500),
        status: 'accepted',
        acceptedBy: '<'.repeat(500),
      }),
    );
    expect(checkSurface(buildHomeView(extreme))).toEqual([]);
    expect(checkSurface({ kind: 'message', ...buildHistoryMessage(extreme, 'C1') })).toEqual([]);
    expect(checkSurface({ kind: 'message', ...buildHistoryMessage([], 'C1') })).toEqual([]);
    expect(checkSurface({ kind: 'message', ...buildHelpMessage() })).toEqual([]);
  });
});
