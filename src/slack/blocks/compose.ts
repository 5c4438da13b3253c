import type { types } from '@slack/bolt';
import { SLACK_LIMITS, truncate } from './limits.ts';
import { bold, escapeMrkdwn, truncateMrkdwn } from './mrkdwn.ts';

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

/** A context line of already escaped mrkdwn. */
export function contextBlock(text: string): types.ContextBlock {
  return { type: 'context', elements: [mrkdwnText(text)] };
}

export function dividerBlock(): types.DividerBlock {
  return { type: 'divider' };
}

/**
 * A bulleted list of already escaped items that fits in `max` characters: each item is cut to its share and
 * items that no longer fit are counted in a last "…and N more" line, so the reader knows something is left out.
 */
export function bulletList(items: readonly string[], max: number): string {
  const perItem = Math.max(40, Math.floor(max / Math.max(1, Math.min(items.length, 8))) - 3);
  const lines: string[] = [];
  let used = 0;
  for (const [i, item] of items.entries()) {
    const line = `• ${truncateMrkdwn(item, perItem)}`;
    const after = items.length - i - 1;
    const reserve = after > 0 ? `\n…and ${after} more`.length : 0;
    if (used + line.length + reserve > max) {
      lines.push(`…and ${items.length - i} more`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  return lines.join('\n');
}

/** Characters of displayed text a reply may hold before it is split (under Slack's message budget). */
const REPLY_BUDGET = SLACK_LIMITS.messageBlocksChars - 1000;
/** Blocks a reply may hold before it is split (Slack allows 50). */
const REPLY_BLOCKS = 40;

/**
 * Lays out a titled thread reply from sections of already escaped mrkdwn. When the sections do not fit one
 * message (Slack's block count or characters budget), they continue in further messages titled "(continued)"
 * rather than being dropped. `summary` is plain user-readable text for the notification line.
 */
export function titledReplies(title: string, sections: readonly string[], summary: string): SlackMessage[] {
  const messages: SlackMessage[] = [];
  let blocks: types.KnownBlock[] = [];
  let chars = 0;
  const start = (continued: boolean) => {
    const heading = continued ? `${title} (continued)` : title;
    blocks = [sectionBlock(bold(escapeMrkdwn(heading)))];
    chars = heading.length + 2;
  };
  const finish = () => {
    const text = truncateMrkdwn(
      escapeMrkdwn(`${messages.length === 0 ? title : `${title} (continued)`}: ${summary}`),
      300,
    );
    messages.push({ text, blocks });
  };
  start(false);
  for (const section of sections) {
    if (section === '') continue;
    const block = sectionBlock(section);
    const size = block.text?.text.length ?? 0;
    if (blocks.length > 1 && (blocks.length + 1 > REPLY_BLOCKS || chars + size > REPLY_BUDGET)) {
      finish();
      start(true);
    }
    blocks.push(block);
    chars += size;
  }
  finish();
  return messages;
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
