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
  buildRoundMessage,
  buildRoundParticipantsReply,
  buildRoundResultMessage,
  buildRoundResultReplies,
  buildThreadReplies,
  buildVerdictMessage,
  checkSurface,
  type LimitViolation,
  ROUND_DEADLINES,
  roundViewValues,
  type SlackMessage,
  type VerdictRecordState,
} from '../../../src/slack/blocks/index.ts';
import {
  arbitraryAnswers,
  arbitraryPerson,
  arbitraryRecordState,
  arbitraryTeamResult,
} from '../../helpers/arbitraries.ts';
import {
  arbitraryRecommendation,
  arbitraryText,
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

/** Our own `<…>` tokens: mentions, date tokens and decision links; any other `<` would be user text unescaped. */
const OWN_TOKENS =
  /<@U[A-Z0-9]+>|<!date\^\d+\^\{date_short(?:_pretty\} at \{time)?\}\|[\d-]+(?: [\d:]+ UTC)?>|<https:\/\/[^\s<>|]+\|#(\d+|\?)>/g;

function messageViolations(
  name: string,
  message: SlackMessage,
  found: Record<string, LimitViolation[]>,
): void {
  const violations = checkSurface({ kind: 'message', ...message });
  if (violations.length > 0) found[name] = violations;
  if (renderedStrings(message).join('\n').replace(OWN_TOKENS, '').includes('<'))
    found[`${name} (unescaped <)`] = [];
}

describe('every team round surface stays within Slack limits', () => {
  it('the round result and its thread, for any views through combineViews, any record and any participants', () => {
    fc.assert(
      fc.property(
        arbitraryTeamResult(),
        fc.option(arbitraryRecordState(), { nil: undefined }),
        fc.array(arbitraryPerson(), { maxLength: 40 }),
        fc.dictionary(arbitraryPerson(), arbitraryText(120), { maxKeys: 3 }),
        (result, record, participants, names) => {
          const found: Record<string, LimitViolation[]> = {};
          const options = { organiserId: result.perPerson[0]?.person ?? 'U0ORGANISER', participants, names };
          messageViolations(
            'round result',
            buildRoundResultMessage(
              result.recommendation,
              result.perPerson.map((p) => p.person),
              record === undefined ? options : { ...options, record },
            ),
            found,
          );
          buildRoundResultReplies(result, names).forEach((reply, i) => {
            messageViolations(`round reply ${i + 1}`, reply, found);
          });
          expect(found).toEqual({});
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the open round message and the participants reply, for any state', () => {
    fc.assert(
      fc.property(
        fc.record({
          roundId: fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/),
          organiserId: arbitraryPerson(),
          description: arbitraryText(600),
          deadlineAt: fc.date(),
          participants: fc.array(arbitraryPerson(), { maxLength: 300 }),
          answeredBy: fc.array(arbitraryPerson(), { maxLength: 300 }),
        }),
        (state) => {
          const found: Record<string, LimitViolation[]> = {};
          messageViolations('round message', buildRoundMessage(state), found);
          messageViolations('participants reply', buildRoundParticipantsReply(state.participants), found);
          expect(found).toEqual({});
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the organiser’s modal and a teammate’s view, for any answers', () => {
    fc.assert(
      fc.property(
        arbitraryAnswers(),
        fc.uniqueArray(fc.stringMatching(/^U[A-Z0-9]{8,20}$/), { maxLength: 25 }),
        fc.constantFrom(...Object.values(ROUND_DEADLINES)),
        (answers, participants, deadlineMs) => {
          const views = [
            buildDecisionModal({ page: 1, values: answers, metadata: { round: true, answers } }),
            buildDecisionModal({
              page: 1,
              values: answers,
              metadata: { round: { participants, deadlineMs } },
            }),
            buildDecisionModal({
              page: 2,
              values: answers,
              metadata: { channelId: 'C1', answers, round: { participants, deadlineMs } },
            }),
            ...([1, 2] as const).map((page) =>
              buildDecisionModal({
                page,
                values: roundViewValues(answers),
                metadata: { roundId: 'r'.repeat(64), answers: roundViewValues(answers) },
              }),
            ),
          ];
          for (const view of views) expect(checkSurface(view)).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
