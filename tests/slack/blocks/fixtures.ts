import fc from 'fast-check';
import { recommend } from '../../../src/engine/index.ts';
import type { Answers } from '../../../src/engine/questions.ts';
import { SINGLE_CHOICE_QUESTIONS, type SingleChoiceId } from '../../../src/engine/questions.ts';
import {
  CRITERION_IDS,
  type CriterionResult,
  type Flip,
  type Recommendation,
  type RuleConflict,
  type Side,
  type Stance,
  type Verdict,
  type VerdictRuleId,
} from '../../../src/engine/types.ts';
import type { DecisionRecord } from '../../../src/store/types.ts';
import { arbitraryAnswers } from '../../helpers/arbitraries.ts';
import { FIRMWARE } from '../../helpers/sample-answers.ts';

/** A description that would ping the channel, mention a user and hide a link if it were not escaped. */
export const HOSTILE = 'Ship it <!channel> cc <@U123> see <https://evil.example|click here> & more > less';

const BASE_ANSWERS: Answers = {
  workload: 'high-throughput',
  stage: 'production',
  latency: 'strict',
  pythonSkill: 'strong',
  rustSkill: 'some',
  priorities: ['performance', 'safety'],
  rustMentors: false,
  description: HOSTILE,
};

/** The permalink Slack gives a message: what decision links point to. */
export function permalinkOf(channelId: string, ts: string): string {
  return `https://example-team.slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
}

/**
 * A stored decision as the store returns it: Decision #7, asked by U0ALICE in C0DECIDE on 2024-03-05 for the
 * firmware sample (the engine's verdict: Rust), posted with a permalink, still proposed.
 */
export function sampleDecision(overrides: Partial<DecisionRecord> = {}): DecisionRecord {
  const recommendation = recommend(FIRMWARE);
  const createdAt = new Date('2024-03-05T10:00:00Z');
  // Posted where it was asked for, unless the overrides say otherwise.
  const channelId = overrides.channelId ?? 'C0DECIDE';
  return {
    teamId: 'T0TEAM',
    number: 7,
    channelId,
    message: {
      channelId,
      messageTs: '1709632800.000100',
      permalink: permalinkOf(channelId, '1709632800.000100'),
    },
    requesterId: 'U0ALICE',
    answers: recommendation.answers,
    recommendation,
    engineVersion: 'test',
    status: 'proposed',
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

/** A second rule pulling against the deciding one, as the engine names it. */
export const STAGED_CONFLICT: RuleConflict = {
  rule: 'staged-python',
  verdict: 'python',
  text: 'Two rules pull apart: a weeks-long prototype points to Python, but the latency rule comes first. To settle it, measure the p99 a Python prototype reaches.',
  cites: [{ question: 'stage', value: 'prototype' }],
};

/** An ordinary recommendation, written by hand so these tests do not depend on the engine's scoring. */
export function sampleRecommendation(overrides: Partial<Recommendation> = {}): Recommendation {
  return {
    verdict: 'rust',
    headline: 'Rust: strict latency with a CPU-bound hot path & no room for GC pauses',
    confidence: 74,
    confidenceNote: 'The scores lean 68 to 32 towards Rust & no rule pulls against them.',
    closeCall: false,
    decidedBy: {
      id: 'latency-cpu',
      text: 'A strict latency target on a CPU-bound hot path calls for Rust.',
      cites: [
        { question: 'latency', value: 'strict' },
        { question: 'workload', value: 'high-throughput' },
      ],
      driver: 'performance',
      againstScores: false,
    },
    conflicts: [],
    scores: { rust: 68, python: 32 },
    criteria: [
      {
        id: 'performance',
        label: 'Performance',
        weight: 1.5,
        rust: 12,
        python: 2,
        reasons: [
          {
            text: 'Strict latency: p99 < 10 ms rules out GC pauses',
            side: 'rust',
            points: 12,
            cites: [{ question: 'latency', value: 'strict' }],
          },
          {
            text: 'No interpreter overhead on the hot path',
            side: 'rust',
            points: 6.9,
            cites: [
              { question: 'latency', value: 'strict' },
              { question: 'workload', value: 'high-throughput' },
            ],
          },
          {
            text: 'A strong Python team tunes what it knows',
            side: 'python',
            points: 2,
            cites: [{ question: 'pythonSkill', value: 'strong' }],
          },
        ],
      },
      { id: 'memory', label: 'Memory', weight: 1, rust: 0, python: 0, reasons: [] },
    ],
    topReasons: [
      {
        text: 'Strict latency: p99 < 10 ms rules out GC pauses',
        side: 'rust',
        points: 12,
        cites: [{ question: 'latency', value: 'strict' }],
        stance: 'for',
      },
      {
        text: 'The team knows Python well & Rust only somewhat',
        side: 'python',
        points: 6.9,
        cites: [{ question: 'pythonSkill', value: 'strong' }],
        stance: 'against',
      },
    ],
    pros: [{ text: 'Predictable latency', cites: ['latency'] }],
    cons: [{ text: 'The team is new to ownership & lifetimes', cites: ['rustSkill'] }],
    plan: {
      kind: 'rust-with-learning-path',
      summary: 'Build the service in Rust, with a learning path for the team.',
      steps: [
        { phase: 'Assess', goal: 'Set targets', steps: ['Write p99 targets down'], exit: 'Targets agreed' },
        {
          phase: 'Trial',
          goal: 'Pilot the hot path',
          steps: ['Port one endpoint'],
          exit: 'p99 < 10 ms in staging',
        },
      ],
      learningPath: ['The Rust Book, chapters 1-10', 'Pair with a mentor on the first PRs'],
      learning: 'rust',
    },
    risks: [
      {
        risk: 'Compile times slow the team',
        mitigation: 'Split crates, cache builds in CI',
        cites: ['rustSkill'],
      },
    ],
    flips: [
      {
        question: 'latency',
        to: 'none',
        verdict: 'python',
        closeCall: false,
        text: 'If the latency target were none, the verdict would be Python.',
      },
      {
        question: 'latency',
        to: 'interactive',
        verdict: 'python',
        closeCall: false,
        text: 'If the latency target were interactive (p99 around 100 ms), the verdict would be Python.',
      },
    ],
    answers: BASE_ANSWERS,
    ...overrides,
  };
}

function hostileText(length: number, seed: number): string {
  const unit = `<!channel>&<@U${seed}>${'x'.repeat(seed % 7)} `;
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** Everything as long and as many as it could plausibly get, full of characters that need escaping. */
export function extremeRecommendation(verdict: Verdict = 'python'): Recommendation {
  const reason = (i: number, side: Side) => ({
    text: hostileText(1200, i),
    side,
    stance: i % 2 === 0 ? ('for' as const) : ('against' as const),
    points: 1234.5678 * (i % 2 === 0 ? 1 : -1),
    cites: SINGLE_CHOICE_QUESTIONS.map((q) => ({
      question: q.id as SingleChoiceId,
      value: q.options[0]?.value ?? '',
    })),
  });
  const criteria: CriterionResult[] = CRITERION_IDS.map((id, c) => ({
    id,
    label: hostileText(200, c),
    weight: 2.25,
    rust: 99.99,
    python: 0.01,
    reasons: Array.from({ length: 20 }, (_, i) => reason(i + c, i % 2 === 0 ? 'rust' : 'python')),
  }));
  const flips: Flip[] = SINGLE_CHOICE_QUESTIONS.flatMap((q) =>
    q.options.map((o) => ({
      question: q.id as SingleChoiceId,
      to: o.value,
      verdict: 'hybrid' as const,
      closeCall: false,
      text: hostileText(600, o.value.length),
    })),
  );
  return {
    verdict,
    headline: hostileText(2000, 1),
    confidence: 100,
    confidenceNote: hostileText(2000, 4),
    closeCall: true,
    decidedBy: {
      id: 'margin',
      text: hostileText(3000, 2),
      cites: [{ question: 'rustMentors', value: 'true' }],
      driver: 'performance',
      againstScores: true,
    },
    conflicts: Array.from({ length: 5 }, (_, i) => ({
      rule: 'latency-cpu' as const,
      verdict: 'rust' as const,
      text: hostileText(1500, i),
      cites: [{ question: 'latency' as const, value: 'strict' }],
    })),
    scores: { rust: 100, python: 0 },
    criteria,
    topReasons: Array.from({ length: 30 }, (_, i) => reason(i, 'python')),
    pros: Array.from({ length: 40 }, (_, i) => ({ text: hostileText(900, i), cites: ['workload' as const] })),
    cons: Array.from({ length: 40 }, (_, i) => ({
      text: hostileText(900, i + 1),
      cites: ['stage' as const],
    })),
    plan: {
      kind: 'phased-migration',
      summary: hostileText(5000, 3),
      steps: Array.from({ length: 25 }, (_, p) => ({
        phase: hostileText(300, p),
        goal: hostileText(1000, p),
        steps: Array.from({ length: 30 }, (_, s) => hostileText(400, s)),
        exit: hostileText(1000, p + 1),
      })),
      learningPath: Array.from({ length: 60 }, (_, i) => hostileText(500, i)),
      learning: 'python',
      thresholds: Array.from({ length: 30 }, (_, i) => hostileText(500, i)),
    },
    risks: Array.from({ length: 60 }, (_, i) => ({
      risk: hostileText(800, i),
      mitigation: hostileText(800, i + 2),
      cites: ['stage' as const],
    })),
    flips,
    answers: {
      workload: 'python-extension',
      stage: 'prototype',
      latency: 'realtime',
      pythonSkill: 'none',
      rustSkill: 'strong',
      compute: 'cpu-bound',
      memory: 'constrained',
      concurrency: 'cpu-parallel',
      safety: 'critical',
      codebase: 'other-native',
      deployment: 'python-package',
      cadence: 'stable',
      ecosystems: ['ml', 'data', 'web', 'scientific', 'systems', 'embedded', 'devops'],
      priorities: ['time-to-market', 'performance'],
      rustMentors: true,
      // Control characters cost six characters each in JSON: the worst case for button values and metadata.
      description: `${'\u0001'.repeat(400)}${'<&>"'.repeat(25)}`,
    },
  };
}

const hostileChars = fc.constantFrom('<', '>', '&', '!', '@', '|', 'a', ' ', '\n', '*', '_', 'é', '🦀', '"');

/** Text of any length up to `max`, weighted towards characters that need escaping. */
export function arbitraryText(max: number): fc.Arbitrary<string> {
  return fc.array(hostileChars, { maxLength: max }).map((chars) => chars.join(''));
}

/** Any recommendation shape, not only ones the engine would produce. */
export function arbitraryRecommendation(): fc.Arbitrary<Recommendation> {
  const side = fc.constantFrom<Side>('rust', 'python');
  const single = fc.constantFrom(...SINGLE_CHOICE_QUESTIONS);
  const citation = single.map((q) => ({
    question: q.id as SingleChoiceId,
    value: q.options[0]?.value ?? '',
  }));
  const reason = fc.record({
    text: arbitraryText(1500),
    side,
    points: fc.double({ noNaN: false }),
    cites: fc.array(citation, { maxLength: 5 }),
  });
  const ranked = fc.record({
    text: arbitraryText(1500),
    side,
    stance: fc.constantFrom<Stance>('for', 'against'),
    points: fc.double({ noNaN: false }),
    cites: fc.array(citation, { maxLength: 5 }),
  });
  const verdict = fc.constantFrom<Verdict>('rust', 'python', 'hybrid');
  const point = fc.record({ text: arbitraryText(1000), cites: fc.constant([]) });
  return fc.record({
    verdict,
    headline: arbitraryText(1000),
    confidence: fc.double(),
    confidenceNote: arbitraryText(500),
    closeCall: fc.boolean(),
    decidedBy: fc.record({
      id: fc.constantFrom<VerdictRuleId>('margin', 'latency-cpu', 'constrained-target'),
      text: arbitraryText(1500),
      cites: fc.array(citation, { maxLength: 5 }),
      driver: fc.constantFrom(...CRITERION_IDS),
      againstScores: fc.boolean(),
    }),
    conflicts: fc.array(
      fc.record({
        rule: fc.constantFrom<VerdictRuleId>('staged-python', 'phased-migration'),
        verdict,
        text: arbitraryText(800),
        cites: fc.array(citation, { maxLength: 5 }),
      }),
      { maxLength: 3 },
    ),
    scores: fc.record({ rust: fc.double(), python: fc.double() }),
    criteria: fc.array(
      fc.record({
        id: fc.constantFrom(...CRITERION_IDS),
        label: arbitraryText(100),
        weight: fc.double(),
        rust: fc.double(),
        python: fc.double(),
        reasons: fc.array(reason, { maxLength: 12 }),
      }),
      { maxLength: 9 },
    ),
    topReasons: fc.array(ranked, { maxLength: 10 }),
    pros: fc.array(point, { maxLength: 15 }),
    cons: fc.array(point, { maxLength: 15 }),
    plan: fc.record(
      {
        kind: fc.constant('spike' as const),
        summary: arbitraryText(1500),
        steps: fc.array(
          fc.record({
            phase: arbitraryText(100),
            goal: arbitraryText(500),
            steps: fc.array(arbitraryText(400), { maxLength: 10 }),
            exit: arbitraryText(500),
          }),
          { maxLength: 8 },
        ),
        learningPath: fc.array(arbitraryText(400), { maxLength: 15 }),
        learning: side,
        thresholds: fc.array(arbitraryText(400), { maxLength: 15 }),
      },
      { requiredKeys: ['kind', 'summary', 'steps'] },
    ),
    risks: fc.array(
      fc.record({ risk: arbitraryText(600), mitigation: arbitraryText(600), cites: fc.constant(['stage']) }),
      { maxLength: 20 },
    ),
    flips: fc.array(
      single.chain((q) =>
        fc.record({
          question: fc.constant(q.id as SingleChoiceId),
          to: fc.constantFrom(...q.options.map((o) => o.value)),
          verdict,
          closeCall: fc.boolean(),
          text: arbitraryText(300),
        }),
      ),
      { maxLength: 40 },
    ),
    answers: arbitraryAnswers(),
  }) as fc.Arbitrary<Recommendation>;
}

/** Every mrkdwn string and the top-level text of a message, as a user could end up reading them. */
export function renderedStrings(value: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') found.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        // Button values and private_metadata are data for the app, never rendered.
        if (key !== 'value' && key !== 'private_metadata' && key !== 'initial_value') walk(child);
      }
    }
  };
  walk(value);
  return found;
}

/** Every text object's text in the blocks, in order: what a person reads (no ids, values or types). */
export function blockTexts(blocks: readonly unknown[]): string[] {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const { type, text } = node as { type?: unknown; text?: unknown };
      if ((type === 'mrkdwn' || type === 'plain_text') && typeof text === 'string') texts.push(text);
      else Object.values(node).forEach(walk);
    }
  };
  walk(blocks);
  return texts;
}
