import type { types } from '@slack/bolt';
import type { Answers } from '../../engine/questions.ts';
import type { Point, Recommendation, Side, Verdict } from '../../engine/types.ts';
import {
  contextBlock,
  dividerBlock,
  headerBlock,
  mrkdwnText,
  plainText,
  type SlackMessage,
  sectionBlock,
  verbatimSectionBlock,
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

/** A score or confidence as a whole number from 0 to 100 (0 when it is not a number). */
export function clampScore(score: number): number {
  return Number.isFinite(score) ? Math.min(100, Math.max(0, Math.round(score))) : 0;
}

/** The confidence as a whole percentage. */
function confidencePercent(rec: Recommendation): number {
  return clampScore(rec.confidence);
}

/** Characters of text the verdict message may hold besides the project description: glanceable. */
const VERDICT_TEXT_BUDGET = 1000;

/** Block id of the project description, the one text the budget leaves out (the user wrote it). */
const PROJECT_BLOCK_ID = 'verdict_project';

/** `text` in at most `max` characters, cut at a word with an ellipsis when it is longer. */
function cutAtWord(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

/**
 * The claim of a point without its detail, in at most `max` characters: parentheses dropped, then the part
 * before the first colon, semicolon or dash ("Easier hiring: Python developers are plentiful" → "Easier
 * hiring"), cut at a word if still too long. The thread has the whole sentence.
 */
function gist(text: string, max: number): string {
  const bare = text.replace(/\s*\([^()]*\)/g, '');
  const head = /^(.{12,}?)(?::\s|;\s|\s[—–]\s)/s.exec(bare)?.[1] ?? bare;
  return cutAtWord(head.replace(/[.\s]+$/, ''), max);
}

/** How much of the message a layout allows: pros and cons shown, and the longest line of each part. */
interface Layout {
  readonly points: number;
  readonly pointChars: number;
  readonly whyChars: number;
}

/** Richest first; the last fits the budget whatever the recommendation holds. */
const LAYOUTS: readonly Layout[] = [
  { points: 3, pointChars: 72, whyChars: 240 },
  { points: 2, pointChars: 72, whyChars: 240 },
  { points: 2, pointChars: 60, whyChars: 160 },
  { points: 1, pointChars: 60, whyChars: 160 },
  { points: 1, pointChars: 48, whyChars: 120 },
];

function pointsField(title: string, points: readonly Point[], layout: Layout): types.MrkdwnElement {
  const lines = points
    .slice(0, layout.points)
    .map((p) => `• ${truncateMrkdwn(escapeMrkdwn(gist(p.text, layout.pointChars)), layout.pointChars + 10)}`);
  return mrkdwnText(`${bold(title)}\n${lines.length > 0 ? lines.join('\n') : italic('None noted')}`);
}

/** The plan as one line of phases ("Assess → Trial → Adopt"), or its summary when it has none. */
function planLine(rec: Recommendation): string {
  const phases = rec.plan.steps.map((s) => escapeMrkdwn(s.phase)).join(' → ');
  return `${bold('Plan')}: ${truncateMrkdwn(phases || escapeMrkdwn(gist(rec.plan.summary, 120)), 150)}`;
}

/** Characters of text in blocks: every text object, as a reader takes it in (ids and values are data). */
function textChars(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + textChars(v), 0);
  if (typeof value !== 'object' || value === null) return 0;
  const node = value as Record<string, unknown>;
  if ((node.type === 'plain_text' || node.type === 'mrkdwn') && typeof node.text === 'string') {
    return node.text.length;
  }
  return Object.values(node).reduce((sum: number, v) => sum + textChars(v), 0);
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
  // Slack's permalinks are about 80 characters; anything far longer is not one, and would crowd the message.
  const safeLink = replaces.permalink && /^https:\/\/[^\s<>|]{1,300}$/.test(replaces.permalink);
  const link = safeLink ? ` (<${(replaces.permalink ?? '').replace(/&/g, '&amp;')}|earlier verdict>)` : '';
  return `Replaces the verdict posted ${postedAt(replaces.ts)}${link}.`;
}

/**
 * The verdict message posted in the channel, glanceable (at most 1,000 characters of text besides the
 * project description): the verdict (a lean when it is a close call), one line of why, the confidence, the
 * strongest pros and cons as short lines, the plan's phases, who asked and the project, and the Adjust /
 * Decision record buttons. Everything else is in the thread (`buildThreadReplies`).
 */
export function buildVerdictMessage(
  rec: Recommendation,
  options: { requesterId: string; replaces?: ReplacedMessage },
): SlackMessage {
  const confidence = confidencePercent(rec);
  const description = rec.answers.description?.trim() ?? '';
  const value = answersButtonValue(rec.answers);
  const layout = (shape: Layout): types.KnownBlock[] => {
    const blocks: types.KnownBlock[] = [
      headerBlock(verdictTitle(rec.verdict, rec.closeCall)),
      sectionBlock(
        [
          truncateMrkdwn(escapeMrkdwn(cutAtWord(rec.decidedBy.text, shape.whyChars)), shape.whyChars + 20),
          // The same form as the CLI's text output ("Confidence: 72%"); the thread explains it.
          [
            bold(`Confidence: ${confidence}%`),
            rec.conflicts.length > 0 ? ':warning: another rule pulls the other way (see the thread)' : '',
          ]
            .filter(Boolean)
            .join(' · '),
        ].join('\n'),
      ),
      contextBlock(
        [
          `Asked by ${mentionUser(options.requesterId)}`,
          options.replaces ? replacesNote(options.replaces) : '',
        ]
          .filter(Boolean)
          .join(' · '),
      ),
    ];
    if (description !== '') {
      blocks.push({
        ...verbatimSectionBlock(`${bold('Project')}\n${quote(userText(description, 1500))}`),
        block_id: PROJECT_BLOCK_ID,
      });
    }
    blocks.push(
      {
        type: 'section',
        fields: [pointsField('Pros', rec.pros, shape), pointsField('Cons', rec.cons, shape)],
      },
      sectionBlock(planLine(rec)),
      // True of an ephemeral verdict too, which has no thread: the Decision record holds everything.
      contextBlock(
        'Why, the plan step by step, risks and what would change it: in the thread and the Decision record.',
      ),
      dividerBlock(),
      {
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
      },
    );
    return blocks;
  };
  const budget = (blocks: types.KnownBlock[]) => {
    const project = blocks.find((b) => b.block_id === PROJECT_BLOCK_ID);
    return textChars(blocks) - textChars(project) + (project ? bold('Project').length : 0);
  };
  let blocks: types.KnownBlock[] = [];
  for (const shape of LAYOUTS) {
    blocks = layout(shape);
    if (budget(blocks) <= VERDICT_TEXT_BUDGET) break;
  }

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
