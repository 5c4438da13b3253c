import type { types } from '@slack/bolt';
import { renderDecisionRecord } from '../../engine/index.ts';
import type { Recommendation } from '../../engine/types.ts';
import { contextBlock, headerBlock, packLines, type SlackMessage, sectionBlock } from './compose.ts';
import { SLACK_LIMITS } from './limits.ts';
import { bold, escapeMrkdwn, italic, userText } from './mrkdwn.ts';
import { verdictName } from './verdict.ts';

/** Inline Markdown to mrkdwn, escaping first: links keep their address visible, so none can be disguised. */
function inlineToMrkdwn(text: string): string {
  return escapeMrkdwn(text)
    .replace(/\*\*(.+?)\*\*|__(.+?)__/g, (_m, a: string | undefined, b: string | undefined) => `*${a ?? b}*`)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)');
}

/**
 * CommonMark (as the engine renders the decision record) to Slack mrkdwn lines: headings become bold lines,
 * list markers bullets, `**bold**` Slack's `*bold*`, links "text (address)"; code blocks stay code blocks.
 * Every character of the source is escaped, so text inside the record cannot mention anyone or hide a link.
 */
export function markdownToMrkdwn(markdown: string): string[] {
  const lines: string[] = [];
  let source = markdown.split(/\r?\n/);
  // YAML front matter (MADR's status, date): shown as quiet italic lines rather than as rules and text.
  const frontMatterEnd = source[0] === '---' ? source.indexOf('---', 1) : -1;
  if (frontMatterEnd > 0) {
    lines.push(
      ...source
        .slice(1, frontMatterEnd)
        .filter((l) => l.trim() !== '')
        .map((l) => italic(escapeMrkdwn(l))),
    );
    source = source.slice(frontMatterEnd + 1);
  }
  let inCode = false;
  for (const line of source) {
    if (/^\s*(```|~~~)/.test(line)) {
      inCode = !inCode;
      lines.push('```');
      continue;
    }
    if (inCode) {
      lines.push(escapeMrkdwn(line));
      continue;
    }
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    const item = /^(\s*)[-*+]\s+(.*)$/.exec(line);
    const quoted = /^\s{0,3}>\s?(.*)$/.exec(line);
    if (heading) lines.push(bold(inlineToMrkdwn(heading[1] ?? '').replace(/\*/g, '')));
    else if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) lines.push('──────────');
    else if (item) lines.push(`${item[1] ?? ''}• ${inlineToMrkdwn(item[2] ?? '')}`);
    else if (quoted) lines.push(`>${inlineToMrkdwn(quoted[1] ?? '')}`);
    else lines.push(inlineToMrkdwn(line));
  }
  if (inCode) lines.push('```');
  return lines;
}

/** Characters of record text one message can carry (under the message budget, with room for the rest). */
const RECORD_BUDGET = SLACK_LIMITS.messageBlocksChars - 1000;
const RECORD_BLOCKS = SLACK_LIMITS.messageBlocks - 3;

/** Splits mrkdwn lines into sections at headings (bold lines) and at the section size limit. */
function recordSections(lines: readonly string[]): string[] {
  const groups: string[][] = [[]];
  for (const line of lines) {
    if (/^\*[^*]+\*$/.test(line) && (groups.at(-1)?.length ?? 0) > 0) groups.push([]);
    groups.at(-1)?.push(line);
  }
  return groups
    .flatMap((group) => packLines(group))
    .map((text) => text.trim())
    .filter((text) => text !== '');
}

/**
 * The decision record (MADR, from the engine) as a thread reply. Posted as mrkdwn sections rather than a
 * `markdown` block so the same escaping applies as everywhere else; a record longer than one message ends
 * with a note that the rest was cut.
 */
export function buildDecisionRecordMessage(rec: Recommendation): SlackMessage {
  const sections = recordSections(markdownToMrkdwn(renderDecisionRecord(rec)));
  const blocks: types.KnownBlock[] = [headerBlock(`Decision record: ${verdictName(rec.verdict)}`)];
  let chars = 0;
  let cut = false;
  for (const section of sections) {
    if (chars + section.length > RECORD_BUDGET || blocks.length >= RECORD_BLOCKS) {
      cut = true;
      break;
    }
    blocks.push(sectionBlock(section));
    chars += section.length;
  }
  if (cut)
    blocks.push(contextBlock('The record is longer than one Slack message holds; the rest is left out.'));
  return {
    text: userText(`Decision record: ${verdictName(rec.verdict)}. ${rec.headline}`, 300),
    blocks,
  };
}
