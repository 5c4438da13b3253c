import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recommend } from '../../../src/engine/index.ts';
import type { Recommendation } from '../../../src/engine/types.ts';
import {
  buildDecisionModal,
  buildDecisionRecordModal,
  buildHelpMessage,
  buildHomeView,
  buildThreadReplies,
  buildVerdictMessage,
  checkSurface,
  type LimitViolation,
} from '../../../src/slack/blocks/index.ts';
import { arbitraryAnswers } from '../../helpers/arbitraries.ts';
import { arbitraryRecommendation, extremeRecommendation, renderedStrings } from './fixtures.ts';

const REPLACES = { channel: 'C1', ts: '1700000000.000100', permalink: 'https://x.slack.com/archives/C1/p1' };

/** Every message surface built from one recommendation, named for the failure message. */
function messageSurfaces(rec: Recommendation) {
  return [
    ['verdict', buildVerdictMessage(rec, { requesterId: 'U0ASKER', replaces: REPLACES })],
    ...buildThreadReplies(rec).map((reply, i) => [`thread reply ${i + 1}`, reply] as const),
  ] as const;
}

function violationsOf(rec: Recommendation, withRecord: boolean): Record<string, LimitViolation[]> {
  const found: Record<string, LimitViolation[]> = {};
  for (const [name, message] of messageSurfaces(rec)) {
    const violations = checkSurface({ kind: 'message', ...message });
    if (violations.length > 0) found[name] = violations;
    // Nothing user-supplied may turn into a mention or a link: the only `<` is our own requester mention/date/link.
    const raw = renderedStrings(message)
      .join('\n')
      .replace(/<@U0ASKER>|<!date\^\d+\^[^>]*>|<https:\/\/x\.slack\.com[^>]*>/g, '');
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
  it('for any answers, through the engine', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), (answers) => {
        expect(violationsOf(recommend(answers), true)).toEqual({});
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
      fc.property(arbitraryRecommendation(), (rec) => {
        expect(violationsOf(rec, false)).toEqual({});
      }),
      { numRuns: 60 },
    );
  });

  it('for the home tab and the help message', () => {
    expect(checkSurface(buildHomeView())).toEqual([]);
    expect(checkSurface({ kind: 'message', ...buildHelpMessage() })).toEqual([]);
  });
});
