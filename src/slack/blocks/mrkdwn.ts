/**
 * Slack mrkdwn is not Markdown: `&`, `<` and `>` are its only control characters, and `<…>` turns text into
 * mentions (`<!channel>`, `<@U…>`) and disguised links (`<https://…|label>`). Every piece of text we did not
 * write ourselves goes through `escapeMrkdwn` before it reaches a mrkdwn field or a message's top-level text.
 */

import { ELLIPSIS, truncate } from './limits.ts';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escapes `&`, `<` and `>` (and nothing else: Slack decodes only these three entities). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (ch) => ENTITIES[ch] ?? ch);
}

const DECODED: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * The inverse of `escapeMrkdwn`, in one pass: text Slack sends us (a slash command's `text`) has `&`, `<` and
 * `>` entity-escaped, and decoding once gives what the person typed (`&amp;lt;` stays `&lt;`).
 */
export function unescapeMrkdwn(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => DECODED[entity] ?? entity);
}

/**
 * Like `truncate`, for text that is already mrkdwn: a cut never leaves half an entity (`&am…`), which Slack
 * would show as a stray ampersand.
 */
export function truncateMrkdwn(text: string, max: number): string {
  const cut = truncate(text, max);
  if (cut === text) return text;
  return cut.replace(/&[a-z]{0,3}…$/, ELLIPSIS);
}

/** Escapes user text and fits it into `max` characters of mrkdwn. */
export function userText(text: string, max: number): string {
  return truncateMrkdwn(escapeMrkdwn(text), max);
}

/** Bold in mrkdwn; the text must already be escaped. Empty text stays empty (`**` would show literally). */
export function bold(text: string): string {
  return text === '' ? '' : `*${text}*`;
}

/** Italic in mrkdwn; the text must already be escaped. */
export function italic(text: string): string {
  return text === '' ? '' : `_${text}_`;
}

/** Quotes each line of already escaped text. */
export function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

/** A user mention, only for something that really is a Slack user id; anything else is shown escaped. */
export function mentionUser(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}
