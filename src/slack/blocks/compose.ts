import type { types } from '@slack/bolt';
import { SLACK_LIMITS, truncate } from './limits.ts';
import { truncateMrkdwn } from './mrkdwn.ts';

/** What chat.postMessage (and chat.postEphemeral, response_url) take from a builder. */
export interface SlackMessage {
  /** Readable summary: mobile notifications and screen readers use it. Escaped mrkdwn. */
  readonly text: string;
  readonly blocks: types.KnownBlock[];
}

export function plainText(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max), emoji: true };
}

/** A mrkdwn text object; `text` must already be escaped. */
export function mrkdwnText(text: string, max: number = SLACK_LIMITS.textObject): types.MrkdwnElement {
  return { type: 'mrkdwn', text: truncateMrkdwn(text, max) };
}

export function headerBlock(text: string): types.HeaderBlock {
  return { type: 'header', text: plainText(text, SLACK_LIMITS.headerText) };
}

/** A section of already escaped mrkdwn, cut to the section limit. */
export function sectionBlock(text: string): types.SectionBlock {
  return { type: 'section', text: mrkdwnText(text, SLACK_LIMITS.sectionText) };
}

/**
 * A section of already escaped mrkdwn that holds user text (a project description). Unless a mrkdwn object is
 * `verbatim`, Slack pre-processes it even with `&`, `<` and `>` escaped: bare URLs become links, `#names`
 * channel links and some words mentions. Verbatim keeps our formatting and our own `<…>` tokens and shows the
 * user's words as typed.
 */
export function verbatimSectionBlock(text: string): types.SectionBlock {
  return { type: 'section', text: { ...mrkdwnText(text, SLACK_LIMITS.sectionText), verbatim: true } };
}

/** A context line of already escaped mrkdwn. */
export function contextBlock(text: string): types.ContextBlock {
  return { type: 'context', elements: [mrkdwnText(text)] };
}

export function dividerBlock(): types.DividerBlock {
  return { type: 'divider' };
}

/**
 * Packs lines of already escaped mrkdwn into section texts of at most `max` characters each, so long content
 * spreads over several sections instead of being cut; only a single line longer than a section is truncated.
 */
export function packLines(lines: readonly string[], max: number = SLACK_LIMITS.sectionText): string[] {
  const sections: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncateMrkdwn(raw, max);
    if (current !== '' && current.length + 1 + line.length > max) {
      sections.push(current);
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') sections.push(current);
  return sections;
}
