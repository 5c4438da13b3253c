import type { types } from '@slack/bolt';
import { type DecisionRecordMeta, renderDecisionRecord } from '../../engine/index.ts';
import type { Recommendation } from '../../engine/types.ts';
import { contextBlock, packLines, plainText, sectionBlock } from './compose.ts';
import { SLACK_LIMITS } from './limits.ts';
import { bold, escapeMrkdwn, italic } from './mrkdwn.ts';

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

/** The callback_id of the read-only record modal (it has no submit, so no listener waits for it). */
export const DECISION_RECORD_VIEW_ID = 'decision_record_view';

/** JSON bytes kept free under Slack's view size limit for the view's own fields and the last note. */
const VIEW_BYTES_RESERVE = 4_000;

/**
 * Splits a line longer than a section at spaces (or anywhere, for a run without spaces), never inside an
 * entity such as `&amp;`, so nothing of the record is cut away.
 */
function splitLongLine(line: string, max: number): string[] {
  const parts: string[] = [];
  let rest = line;
  while (rest.length > max) {
    let at = rest.lastIndexOf(' ', max);
    if (at <= 0) at = max;
    const entity = /&[a-z]{0,3}$/.exec(rest.slice(0, at));
    if (entity) at -= entity[0].length;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  return [...parts, rest];
}

/**
 * The record's mrkdwn lines as section texts: a new section at each heading (a bold line), and within a
 * heading's part, lines packed up to Slack's section limit. No line is truncated.
 */
export function recordSections(lines: readonly string[]): string[] {
  const max = SLACK_LIMITS.sectionText;
  const isHeading = (line: string | undefined) => line !== undefined && /^\*[^*]+\*$/.test(line);
  const groups: string[][] = [[]];
  for (const line of lines) {
    const group = groups.at(-1) ?? [];
    // Markdown's blank line under a heading would show as a gap under the bold line.
    if (line.trim() === '' && isHeading(group.at(-1))) continue;
    if (isHeading(line) && group.length > 0) groups.push([]);
    groups.at(-1)?.push(...splitLongLine(line, max));
  }
  return groups
    .flatMap((group) => packLines(group, max))
    .map((text) => text.trim())
    .filter((text) => text !== '');
}

/**
 * The decision record (MADR, from the engine) in a read-only modal: the whole record, in sections under
 * Slack's limits (100 blocks, 3,000 characters a section, 250 kB a view). The longest record the engine
 * writes uses under a fifth of a modal (about 18 blocks and 16 kB; tests/slack/blocks/decision-record.test.ts
 * holds it to that); should a record ever not fit, the modal says plainly how much is missing rather than
 * failing at Slack.
 */
export function buildDecisionRecordModal(rec: Recommendation, meta?: DecisionRecordMeta): types.ModalView {
  const sections = recordSections(markdownToMrkdwn(renderDecisionRecord(rec, meta)));
  const blocks: types.KnownBlock[] = [];
  let bytes = 0;
  for (const [i, section] of sections.entries()) {
    const block = sectionBlock(section);
    bytes += Buffer.byteLength(JSON.stringify(block), 'utf8');
    if (blocks.length >= SLACK_LIMITS.viewBlocks - 1 || bytes > SLACK_LIMITS.viewBytes - VIEW_BYTES_RESERVE) {
      blocks.push(
        contextBlock(
          `This record is too long for a Slack window: its last ${sections.length - i} of ${sections.length} parts are not shown.`,
        ),
      );
      break;
    }
    blocks.push(block);
  }
  return {
    type: 'modal',
    callback_id: DECISION_RECORD_VIEW_ID,
    title: plainText('Decision record', SLACK_LIMITS.modalTitle),
    close: plainText('Close', SLACK_LIMITS.modalButton),
    blocks,
  };
}
