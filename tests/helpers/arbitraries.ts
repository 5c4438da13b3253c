import fc from 'fast-check';
import { combineViews, type TeamResult, type TeamView } from '../../src/engine/combine.ts';
import { recommend } from '../../src/engine/index.ts';
import { type Answers, QUESTIONS, type Question } from '../../src/engine/questions.ts';
import type { Recommendation } from '../../src/engine/types.ts';
import type { LinkedDecision, VerdictRecordState } from '../../src/slack/blocks/verdict.ts';
import type { DecisionRecord } from '../../src/store/types.ts';

function arbitraryFor(q: Question): fc.Arbitrary<unknown> {
  switch (q.kind) {
    case 'single':
      return fc.constantFrom(...q.options.map((o) => o.value));
    case 'multi':
      return fc.uniqueArray(fc.constantFrom(...q.options.map((o) => o.value)), {
        maxLength: q.maxItems ?? q.options.length,
      });
    case 'boolean':
      return fc.boolean();
    case 'text':
      return fc.string({ maxLength: q.maxLength, unit: 'grapheme' }).map((s) => s.slice(0, q.maxLength));
  }
}

/** Any valid answers, derived from the questionnaire: required questions always, optional ones sometimes. */
export function arbitraryAnswers(): fc.Arbitrary<Answers> {
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const q of QUESTIONS) {
    record[q.id] = arbitraryFor(q);
    if (q.required) requiredKeys.push(q.id);
  }
  return fc.record(record, { requiredKeys }) as fc.Arbitrary<Answers>;
}

/** A permalink as a caller may pass it: usually Slack's, sometimes missing, unsafe or absurd. */
export function arbitraryPermalink(): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    fc.constant(undefined),
    fc
      .tuple(fc.stringMatching(/^C[A-Z0-9]{8,10}$/), fc.integer({ min: 1, max: 2_000_000_000 }))
      .map(([channel, s]) => `https://example-team.slack.com/archives/${channel}/p${s}000100`),
    fc.constantFrom(
      'javascript:alert(1)',
      'https://a|<!here>',
      'https://a.example/>x',
      `https://a.example/${'x'.repeat(400)}`,
      'https://x.slack.com/archives/C1/p1?thread_ts=1&cid=C1',
    ),
    fc.string({ maxLength: 80 }),
  );
}

/** A Slack user id, or now and then something that is not one. */
function arbitraryUserId(): fc.Arbitrary<string> {
  return fc.oneof(fc.stringMatching(/^U[A-Z0-9]{8,10}$/), fc.constantFrom('<!channel>', '', 'x'.repeat(300)));
}

/** Any date, including ones before 1970, far in the future, or invalid. */
function arbitraryDate(): fc.Arbitrary<Date> {
  return fc.oneof(
    fc.date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2040-01-01T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.date(),
  );
}

function arbitraryLinked(): fc.Arbitrary<LinkedDecision> {
  return fc
    .tuple(fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.integer()), arbitraryPermalink())
    .map(([number, permalink]) => (permalink === undefined ? { number } : { number, permalink }));
}

/** Any state of a verdict's decision record, consistent or not (a superseded one without its successor, …). */
export function arbitraryRecordState(): fc.Arbitrary<VerdictRecordState> {
  return fc.record(
    {
      number: fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.integer()),
      status: fc.constantFrom('proposed' as const, 'accepted' as const, 'superseded' as const),
      acceptedBy: arbitraryUserId(),
      acceptedAt: arbitraryDate(),
      supersedes: arbitraryLinked(),
      supersededBy: arbitraryLinked(),
    },
    { requiredKeys: ['number', 'status'] },
  );
}

/** A stored decision, its recommendation from `recommendations` (by default the engine's, for any answers). */
export function arbitraryDecisionRecord(
  recommendations: fc.Arbitrary<Recommendation> = arbitraryAnswers().map(recommend),
): fc.Arbitrary<DecisionRecord> {
  return fc
    .record(
      {
        teamId: fc.constant('T0123456789'),
        number: fc.integer({ min: 1, max: 1_000_000 }),
        channelId: fc.oneof(
          fc.stringMatching(/^[CGD][A-Z0-9]{8,10}$/),
          fc.constantFrom('<!channel>', 'x'.repeat(300)),
        ),
        messageTs: fc.constant('1700000000.000100'),
        permalink: arbitraryPermalink(),
        requesterId: arbitraryUserId(),
        recommendation: recommendations,
        status: fc.constantFrom('proposed' as const, 'accepted' as const, 'superseded' as const),
        acceptedBy: arbitraryUserId(),
        acceptedAt: arbitraryDate(),
        supersedes: fc.integer({ min: 1, max: 1_000_000 }),
        supersededBy: fc.integer({ min: 1, max: 1_000_000 }),
        createdAt: arbitraryDate(),
      },
      {
        requiredKeys: [
          'teamId',
          'number',
          'channelId',
          'messageTs',
          'requesterId',
          'recommendation',
          'status',
          'createdAt',
        ],
      },
    )
    .map(({ messageTs, permalink, recommendation, ...rest }) => ({
      ...rest,
      message: {
        channelId: rest.channelId,
        messageTs,
        ...(permalink === undefined ? {} : { permalink }),
      },
      answers: recommendation.answers,
      recommendation,
      engineVersion: 'test',
      updatedAt: rest.createdAt,
    }));
}

/** A Slack user id, or now and then a name or something no user id looks like (escaped, never mentioned). */
export function arbitraryPerson(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^U[A-Z0-9]{8,10}$/) },
    { weight: 1, arbitrary: fc.constantFrom('<!channel>', 'alice', '<@U123>&', 'x'.repeat(300)) },
  );
}

/**
 * One to `max` views, each by its own person: a team that mostly agrees (each teammate changes up to three
 * answers of a shared view, as the pre-filled modal invites) or strangers' answers.
 */
export function arbitraryTeamViews(max = 6): fc.Arbitrary<TeamView[]> {
  const choiceIds = QUESTIONS.filter((q) => q.kind !== 'text').map((q) => q.id);
  const agreeing = fc
    .tuple(
      arbitraryAnswers(),
      fc.array(fc.tuple(arbitraryAnswers(), fc.subarray(choiceIds, { maxLength: 3 })), {
        minLength: 1,
        maxLength: max,
      }),
    )
    .map(([base, edits]) =>
      edits.map(([other, keys]) => {
        const answers: Record<string, unknown> = { ...base };
        for (const key of keys) {
          const value: unknown = other[key as keyof Answers];
          if (value === undefined) delete answers[key];
          else answers[key] = value;
        }
        return answers as Answers;
      }),
    );
  const strangers = fc.array(arbitraryAnswers(), { minLength: 1, maxLength: max });
  return fc
    .tuple(
      fc.oneof(agreeing, strangers),
      fc.uniqueArray(arbitraryPerson(), { minLength: max, maxLength: max }),
    )
    .map(([answers, people]) => answers.map((a, i) => ({ person: people[i] ?? `p${i}`, answers: a })));
}

/** A team round's result, from `combineViews` over `arbitraryTeamViews`. */
export function arbitraryTeamResult(max = 6): fc.Arbitrary<TeamResult> {
  return arbitraryTeamViews(max).map(combineViews);
}
