import type { types } from '@slack/bolt';
import type { Answers } from '../../engine/questions.ts';
import type { Point, RankedReason, Recommendation, Side, Verdict } from '../../engine/types.ts';
import {
  bulletList,
  contextBlock,
  dividerBlock,
  headerBlock,
  mrkdwnText,
  plainText,
  type SlackMessage,
  sectionBlock,
} from './compose.ts';
import { SLACK_LIMITS } from './limits.ts';
import { bold, escapeMrkdwn, italic, mentionUser, quote, truncateMrkdwn, userText } from './mrkdwn.ts';

export const ADJUST_ANSWERS_ACTION_ID = 'adjust_answers';
export const DECISION_RECORD_ACTION_ID = 'decision_record';

/** The verdict message a new one replaces (Adjust answers). */
export interface ReplacedMessage {
  readonly channel: string;
  readonly ts: string;
  /** From chat.getPermalink, when the caller has it. */
  readonly permalink?: string;
}

const VERDICT_EMOJI: Record<Verdict, string> = {
  rust: ':crab:',
  python: ':snake:',
  hybrid: ':crab: :snake:',
};

const VERDICT_TITLES: Record<Verdict, string> = {
  rust: 'Rust',
  python: 'Python',
  hybrid: 'Hybrid: Rust core, Python around it',
};

/** The verdict after "leaning" and "For": a lean or a reason group reads as part of a sentence. */
const VERDICT_LEANS: Record<Verdict, string> = {
  rust: 'Rust',
  python: 'Python',
  hybrid: 'a hybrid (Rust core, Python around it)',
};

const VERDICT_NAMES: Record<Verdict, string> = {
  rust: 'Rust',
  python: 'Python',
  hybrid: 'Hybrid (Rust + Python)',
};
const SIDE_NAMES: Record<Side, string> = { rust: 'Rust', python: 'Python' };

/**
 * The verdict as a header line: "🦀 Rust", or for a close call a lean ("🐍 Close call — leaning Python"), so
 * nobody takes a near tie for a firm answer.
 */
export function verdictTitle(verdict: Verdict, closeCall = false): string {
  const title = closeCall ? `Close call — leaning ${VERDICT_LEANS[verdict]}` : VERDICT_TITLES[verdict];
  return `${VERDICT_EMOJI[verdict]} ${title}`;
}

/** The verdict inside a sentence, after "leaning" or "For": "a hybrid (Rust core, Python around it)". */
export function verdictLean(verdict: Verdict): string {
  return VERDICT_LEANS[verdict];
}

export function verdictName(verdict: Verdict): string {
  return VERDICT_NAMES[verdict];
}

export function sideName(side: Side): string {
  return SIDE_NAMES[side];
}

function clampScore(score: number): number {
  return Number.isFinite(score) ? Math.min(100, Math.max(0, Math.round(score))) : 0;
}

const BAR_WIDTH = 20;

function scoreBar(label: string, score: number): string {
  const value = clampScore(score);
  const filled = Math.round((value / 100) * BAR_WIDTH);
  return `\`${label.padEnd(7)}${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${String(value).padStart(3)}\``;
}

/** The confidence as a whole percentage. */
function confidencePercent(rec: Recommendation): number {
  return clampScore(rec.confidence);
}

/** The strongest reasons in two labelled groups, "For <verdict>" and "Against", so none reads as the other. */
function reasonGroups(rec: Recommendation): string {
  const group = (label: string, stance: RankedReason['stance']) => {
    const reasons = rec.topReasons.filter((r) => r.stance === stance);
    if (reasons.length === 0) return '';
    return `${bold(label)}\n${bulletList(
      reasons.map((r) => escapeMrkdwn(r.text)),
      700,
    )}`;
  };
  return [group(`For ${VERDICT_LEANS[rec.verdict]}`, 'for'), group('Against', 'against')]
    .filter(Boolean)
    .join('\n');
}

function pointsField(title: string, points: readonly Point[]): types.MrkdwnElement {
  const heading = bold(title);
  const body =
    points.length > 0
      ? bulletList(
          points.map((p) => escapeMrkdwn(p.text)),
          SLACK_LIMITS.sectionFieldText - heading.length - 1,
        )
      : italic('None noted');
  return mrkdwnText(`${heading}\n${body}`, SLACK_LIMITS.sectionFieldText);
}

/** The answers as the Adjust answers button carries them: compact JSON within Slack's button value limit. */
export function answersButtonValue(answers: Answers): string {
  const full = JSON.stringify(answers);
  if (full.length <= SLACK_LIMITS.buttonValue) return full;
  const { description: _dropped, ...rest } = answers;
  return JSON.stringify(rest);
}

/** A Slack message ts ("1700000000.000100") as a date token Slack renders in the reader's time zone. */
function postedAt(ts: string): string {
  const seconds = /^(\d{1,12})(\.\d+)?$/.exec(ts)?.[1];
  if (seconds === undefined) return 'earlier';
  const fallback = new Date(Number(seconds) * 1000).toISOString().replace('T', ' ').slice(0, 16);
  return `<!date^${seconds}^{date_short_pretty} at {time}|${fallback} UTC>`;
}

function replacesNote(replaces: ReplacedMessage): string {
  const safeLink = replaces.permalink && /^https:\/\/[^\s<>|]+$/.test(replaces.permalink);
  const link = safeLink ? ` (<${(replaces.permalink ?? '').replace(/&/g, '&amp;')}|earlier verdict>)` : '';
  return `Replaces the verdict posted ${postedAt(replaces.ts)}${link}.`;
}

/**
 * The verdict message posted in the channel: the verdict (a lean when it is a close call), the confidence
 * explained, who asked and the project, the scores, the strongest reasons for and against, a rule conflict
 * when there is one, pros and cons, the plan in brief, and the Adjust / Decision record buttons.
 */
export function buildVerdictMessage(
  rec: Recommendation,
  options: { requesterId: string; replaces?: ReplacedMessage },
): SlackMessage {
  const confidence = confidencePercent(rec);
  const description = rec.answers.description?.trim() ?? '';

  const blocks: types.KnownBlock[] = [
    headerBlock(verdictTitle(rec.verdict, rec.closeCall)),
    sectionBlock(
      [
        bold(truncateMrkdwn(escapeMrkdwn(rec.headline), 600)),
        // The same form as the CLI's text output: "Confidence: 72%." and the sentence explaining it.
        `${bold(`Confidence: ${confidence}%`)}. ${truncateMrkdwn(escapeMrkdwn(rec.confidenceNote), 600)}`.trim(),
      ].join('\n'),
    ),
    contextBlock(
      [`Asked by ${mentionUser(options.requesterId)}`, options.replaces ? replacesNote(options.replaces) : '']
        .filter(Boolean)
        .join(' · '),
    ),
  ];
  if (description !== '') {
    blocks.push(sectionBlock(`${bold('Project')}\n${quote(userText(description, 1500))}`));
  }
  if (rec.conflicts.length > 0) {
    // A line per conflict: both rules named and what would settle it (there is rarely more than one).
    const lines = rec.conflicts.map((c) => `:warning: ${escapeMrkdwn(c.text)}`).join('\n');
    blocks.push(contextBlock(truncateMrkdwn(lines, 2000)));
  }
  blocks.push(
    sectionBlock(
      `${bold('Scores')} ${italic('(each side’s share of the reasons, out of 100)')}\n${scoreBar('Rust', rec.scores.rust)}\n${scoreBar('Python', rec.scores.python)}`,
    ),
  );
  const reasons = reasonGroups(rec);
  if (reasons !== '') blocks.push(sectionBlock(reasons));
  blocks.push({ type: 'section', fields: [pointsField('Pros', rec.pros), pointsField('Cons', rec.cons)] });
  const phases = rec.plan.steps.map((s) => escapeMrkdwn(s.phase)).join(' → ');
  blocks.push(
    sectionBlock(
      [
        `${bold('Plan')}: ${truncateMrkdwn(escapeMrkdwn(rec.plan.summary), 800)}`,
        phases ? `Phases: ${truncateMrkdwn(phases, 300)}` : '',
        italic('Details, risks and what would change the verdict are in the thread.'),
      ]
        .filter(Boolean)
        .join('\n'),
    ),
  );
  const value = answersButtonValue(rec.answers);
  blocks.push(dividerBlock(), {
    type: 'actions',
    block_id: 'verdict_actions',
    elements: [
      {
        type: 'button',
        action_id: ADJUST_ANSWERS_ACTION_ID,
        text: plainText('Adjust answers', SLACK_LIMITS.buttonText),
        value,
      },
      {
        type: 'button',
        action_id: DECISION_RECORD_ACTION_ID,
        text: plainText('Decision record', SLACK_LIMITS.buttonText),
        value,
      },
    ],
  });

  const summary = [
    rec.closeCall
      ? `Rust or Python? Close call, leaning ${VERDICT_LEANS[rec.verdict]}. Confidence: ${confidence}%.`
      : `Rust or Python? Verdict: ${verdictName(rec.verdict)}. Confidence: ${confidence}%.`,
    description !== '' ? `Project: ${description.replace(/\s+/g, ' ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { text: userText(summary, 300), blocks };
}
