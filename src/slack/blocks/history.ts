import type { DecisionRecord } from '../../store/types.ts';
import { packLines, type SlackMessage, sectionBlock } from './compose.ts';
import { SLACK_LIMITS, truncate } from './limits.ts';
import { bold, mentionUser, truncateMrkdwn, userText } from './mrkdwn.ts';
import {
  clampScore,
  decisionLabel,
  permalinkTo,
  safePermalink,
  slackDate,
  verdictLean,
  verdictName,
  verdictTitle,
} from './verdict.ts';

/** How many decisions a list shows: the latest ten. */
export const DECISION_LIST_LIMIT = 10;

/**
 * A channel as a mention (`<#C0123>`), only for something that really is a channel id; undefined for a 1:1 DM
 * (a D id), which has no channel to name; anything else is shown escaped and short.
 */
export function mentionChannel(channelId: string): string | undefined {
  if (/^D[A-Z0-9]{2,}$/.test(channelId)) return undefined;
  return /^[CG][A-Z0-9]{2,}$/.test(channelId) ? `<#${channelId}>` : userText(channelId, 40);
}

/** A person as a mention; an id that is not a user id is shown escaped and short. */
function person(userId: string): string {
  return mentionUser(truncate(userId, 40));
}

/** Where a decision stands, in a few words: "Proposed", "Accepted by @x", "Superseded by #9". */
function statusWords(record: DecisionRecord): string {
  switch (record.status) {
    case 'accepted':
      return record.acceptedBy === undefined ? 'Accepted' : `Accepted by ${person(record.acceptedBy)}`;
    case 'superseded':
      return record.supersededBy === undefined
        ? 'Superseded'
        : `Superseded by ${decisionLabel(record.supersededBy)}`;
    default:
      return 'Proposed';
  }
}

/** What a decision list line shows besides the number, verdict, confidence, status and date. */
export interface DecisionLineParts {
  /** The channel it was asked for (App Home lists decisions from many channels). */
  readonly channel?: boolean;
  /** Who asked (a channel's history lists everyone's). */
  readonly requester?: boolean;
}

/**
 * One decision as a line of mrkdwn: "*#7* · 🦀 Rust · 72% confidence · Accepted by @y · <date> · asked by @x
 * · view", the last a link to its message when its permalink is a safe https link.
 */
/** Where a decision's verdict is: its conversation, or only in front of the person who asked. */
function whereShown(record: DecisionRecord): string {
  const channelId = record.message?.channelId;
  if (channelId === undefined) return 'shown only to you';
  return `in ${mentionChannel(channelId) ?? 'a direct message'}`;
}

export function decisionLine(record: DecisionRecord, parts: DecisionLineParts = {}): string {
  const rec = record.recommendation;
  const date = slackDate(record.createdAt);
  return [
    bold(decisionLabel(record.number)),
    verdictTitle(rec.verdict, rec.closeCall),
    `${clampScore(rec.confidence)}% confidence`,
    statusWords(record),
    parts.channel ? whereShown(record) : '',
    date ?? '',
    parts.requester ? `asked by ${person(record.requesterId)}` : '',
    safePermalink(record.message?.permalink) === undefined
      ? ''
      : permalinkTo(record.message?.permalink, 'view'),
  ]
    .filter(Boolean)
    .join(' · ');
}

/** A decision in a sentence of plain words, for a notification text: "#7 Rust (accepted)". */
function decisionWords(record: DecisionRecord): string {
  const rec = record.recommendation;
  const verdict = rec.closeCall
    ? `close call, leaning ${verdictLean(rec.verdict)}`
    : verdictName(rec.verdict);
  return `${decisionLabel(record.number)} ${verdict} (${record.status})`;
}

/**
 * The ephemeral answer to `/rust-or-python history`: the channel's decisions as given (the latest first, at
 * most ten shown), one line each with its verdict, confidence, status, date, who asked and a link to its
 * message; or, when there are none, a line saying so and how to start one.
 */
export function buildHistoryMessage(decisions: readonly DecisionRecord[], channelId: string): SlackMessage {
  const channel = mentionChannel(channelId) ?? 'this conversation';
  const shown = decisions.slice(0, DECISION_LIST_LIMIT);
  if (shown.length === 0) {
    return {
      text: 'No decisions in this channel yet.',
      blocks: [sectionBlock('No decisions in this channel yet. Type `/rust-or-python` here to start one.')],
    };
  }
  const heading = `${bold(`Decisions in ${channel}`)}, latest first`;
  const lines = shown.map((record) => decisionLine(record, { requester: true }));
  return {
    text: truncateMrkdwn(
      `Decisions in ${channel}, latest first: ${shown.map(decisionWords).join('; ')}.`,
      SLACK_LIMITS.messageText,
    ),
    blocks: packLines([heading, ...lines]).map(sectionBlock),
  };
}
