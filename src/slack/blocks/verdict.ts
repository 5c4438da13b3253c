import type { types } from '@slack/bolt';
import type { Answers } from '../../engine/questions.ts';
import type { Point, Recommendation, Side, Verdict } from '../../engine/types.ts';
import type { DecisionRecord } from '../../store/types.ts';
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
import { SLACK_LIMITS, truncate } from './limits.ts';
import { bold, escapeMrkdwn, italic, mentionUser, quote, truncateMrkdwn, userText } from './mrkdwn.ts';

export const ACCEPT_DECISION_ACTION_ID = 'accept_decision';
export const ADJUST_ANSWERS_ACTION_ID = 'adjust_answers';
export const DECISION_RECORD_ACTION_ID = 'decision_record';

/** Another decision a verdict links to, with its message's permalink when the caller has it. */
export interface LinkedDecision {
  readonly number: number;
  /** From chat.getPermalink; linked only when it looks like one (`safePermalink`). */
  readonly permalink?: string;
}

/** Where a posted verdict stands as a decision record: its number, status and links. */
export interface VerdictRecordState {
  /** Per workspace, from 1: "Decision #7". */
  readonly number: number;
  readonly status: 'proposed' | 'accepted' | 'superseded';
  readonly acceptedBy?: string;
  readonly acceptedAt?: Date;
  /** "Supersedes #M". */
  readonly supersedes?: LinkedDecision;
  /** "Superseded by #N". */
  readonly supersededBy?: LinkedDecision;
}

/**
 * A stored decision as its verdict message shows it. The record keeps only the numbers of the decisions it
 * links to; `links` adds their messages' permalinks when the caller has them.
 */
export function decisionStateOf(
  record: DecisionRecord,
  links: { readonly supersedes?: string; readonly supersededBy?: string } = {},
): VerdictRecordState {
  const linked = (number: number | undefined, permalink: string | undefined): LinkedDecision | undefined =>
    number === undefined ? undefined : { number, ...(permalink === undefined ? {} : { permalink }) };
  const supersedes = linked(record.supersedes, links.supersedes);
  const supersededBy = linked(record.supersededBy, links.supersededBy);
  return {
    number: record.number,
    status: record.status,
    ...(record.acceptedBy === undefined ? {} : { acceptedBy: record.acceptedBy }),
    ...(record.acceptedAt === undefined ? {} : { acceptedAt: record.acceptedAt }),
    ...(supersedes === undefined ? {} : { supersedes }),
    ...(supersededBy === undefined ? {} : { supersededBy }),
  };
}

/** A decision number as people say it: "#7" ("#?" for anything that is not a positive whole number). */
export function decisionLabel(number: number): string {
  return Number.isSafeInteger(number) && number > 0 ? `#${number}` : '#?';
}

/**
 * The permalink when it is safe to put in a `<url|label>` link: http(s) (Slack's are https; a stand-in Slack
 * such as the playground serves its own over http), and nothing that would end the link early or open another
 * token (whitespace, `<`, `>`, `|`). Slack's permalinks are about 80 characters; anything
 * far longer is not one, and would crowd the message.
 */
export function safePermalink(permalink: string | undefined): string | undefined {
  return permalink !== undefined && /^https?:\/\/[^\s<>|]{1,300}$/.test(permalink) ? permalink : undefined;
}

/** `label` (already escaped mrkdwn, no `|` or `>`) linked to `permalink` when it is safe, else `label` alone. */
export function permalinkTo(permalink: string | undefined, label: string): string {
  const url = safePermalink(permalink);
  return url === undefined ? label : `<${url.replace(/&/g, '&amp;')}|${label}>`;
}

/**
 * A date as a Slack date token (`<!date^1700000000^{date_short}|2023-11-14>`), which Slack renders in the
 * reader's time zone; undefined for a date that is not a real one between 1970 and 9999.
 */
export function slackDate(date: Date | undefined): string | undefined {
  const ms = date?.getTime();
  if (ms === undefined || !Number.isFinite(ms) || ms < 0 || ms >= Date.UTC(10000, 0, 1)) return undefined;
  const seconds = Math.floor(ms / 1000);
  return `<!date^${seconds}^{date_short}|${new Date(ms).toISOString().slice(0, 10)}>`;
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

/**
 * Characters of text in blocks: every text object, as a reader takes it in (ids and values are data, and a
 * link counts as its label: the address behind "#9" is not read).
 */
function textChars(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + textChars(v), 0);
  if (typeof value !== 'object' || value === null) return 0;
  const node = value as Record<string, unknown>;
  if ((node.type === 'plain_text' || node.type === 'mrkdwn') && typeof node.text === 'string') {
    return node.text.replace(/<https?:\/\/[^\s<>|]*\|([^<>|]*)>/g, '$1').length;
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

/** The record's line: its number, where it stands and its links, then who asked. Escaped mrkdwn. */
function recordLine(record: VerdictRecordState | undefined, requesterId: string): string {
  const asked = `Asked by ${mentionUser(truncate(requesterId, 40))}`;
  if (record === undefined) return asked;
  const parts = [bold(`Decision ${decisionLabel(record.number)}`)];
  if (record.status === 'superseded') {
    parts.push(
      record.supersededBy === undefined
        ? 'Superseded'
        : `Superseded by ${permalinkTo(record.supersededBy.permalink, decisionLabel(record.supersededBy.number))}`,
    );
  } else if (record.status === 'accepted') {
    const date = slackDate(record.acceptedAt);
    parts.push(
      [
        'Accepted',
        record.acceptedBy === undefined ? '' : `by ${mentionUser(truncate(record.acceptedBy, 40))}`,
        date === undefined ? '' : `on ${date}`,
      ]
        .filter(Boolean)
        .join(' '),
    );
  } else {
    parts.push('Proposed');
  }
  if (record.supersedes !== undefined) {
    parts.push(
      `Supersedes ${permalinkTo(record.supersedes.permalink, decisionLabel(record.supersedes.number))}`,
    );
  }
  parts.push(asked);
  return parts.join(' · ');
}

/** How the notification text opens for a record: "Decision #7 (accepted): ". */
function recordPrefix(record: VerdictRecordState | undefined): string {
  if (record === undefined) return '';
  const label = `Decision ${decisionLabel(record.number)}`;
  if (record.status === 'superseded') {
    const by = record.supersededBy === undefined ? '' : ` by ${decisionLabel(record.supersededBy.number)}`;
    return `${label} (superseded${by}): `;
  }
  return `${label} (${record.status}): `;
}

/**
 * The verdict message posted in the channel, glanceable (at most 1,000 characters of text besides the
 * project description): the verdict (a lean when it is a close call), one line of why, the confidence, the
 * strongest pros and cons as short lines, the plan's phases, who asked and the project, and the buttons.
 * Everything else is in the thread (`buildThreadReplies`).
 *
 * With `record` (a stored decision) it is "Decision #7", says where the decision stands ("Accepted by @x on
 * <date>", "Superseded by #9", "Supersedes #6", linked to those messages when their permalinks are known) and
 * offers Accept while it is proposed and Adjust answers until it is superseded; a superseded one says so in
 * its header. Without `record` (a verdict no record was kept for) it has neither a number nor Accept.
 */
export function buildVerdictMessage(
  rec: Recommendation,
  options: { requesterId: string; record?: VerdictRecordState },
): SlackMessage {
  const { record } = options;
  const confidence = confidencePercent(rec);
  const description = rec.answers.description?.trim() ?? '';
  const value = answersButtonValue(rec.answers);
  const layout = (shape: Layout): types.KnownBlock[] => {
    const blocks: types.KnownBlock[] = [
      headerBlock(
        `${record?.status === 'superseded' ? 'Superseded: ' : ''}${verdictTitle(rec.verdict, rec.closeCall)}`,
      ),
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
      contextBlock(recordLine(record, options.requesterId)),
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
          ...(record?.status === 'proposed'
            ? [
                {
                  type: 'button' as const,
                  action_id: ACCEPT_DECISION_ACTION_ID,
                  style: 'primary' as const,
                  text: plainText('Accept', SLACK_LIMITS.buttonText),
                  value: String(record.number),
                },
              ]
            : []),
          ...(record?.status === 'superseded'
            ? []
            : [
                {
                  type: 'button' as const,
                  action_id: ADJUST_ANSWERS_ACTION_ID,
                  text: plainText('Adjust answers', SLACK_LIMITS.buttonText),
                  value,
                },
              ]),
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
    recordPrefix(record) +
      (rec.closeCall
        ? `Rust or Python? Close call, leaning ${VERDICT_LEANS[rec.verdict]}. Confidence: ${confidence}%.`
        : `Rust or Python? Verdict: ${verdictName(rec.verdict)}. Confidence: ${confidence}%.`),
    description !== '' ? `Project: ${description.replace(/\s+/g, ' ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { text: userText(summary, 300), blocks };
}
