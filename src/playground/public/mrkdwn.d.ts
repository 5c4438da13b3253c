/** Types for mrkdwn.js, so node tests can import the page's parser (the page itself runs the .js as is). */
export type MrkdwnNode =
  | { type: 'text'; text: string }
  | { type: 'bold' | 'italic' | 'strike' | 'quote'; children: MrkdwnNode[] }
  | { type: 'code' | 'pre'; text: string }
  | { type: 'link'; url: string; children: MrkdwnNode[] }
  | { type: 'user' | 'channel'; id: string; label?: string }
  | { type: 'broadcast'; name: string }
  | { type: 'date'; timestamp: number; format: string; url?: string; fallback: string };

export function decodeEntities(text: string): string;
export function replaceEmoji(text: string): string;
export function safeUrl(raw: string): string | null;
export function parseInline(source: string): MrkdwnNode[];
export function parseMrkdwn(source: unknown): MrkdwnNode[];
export function formatSlackDate(
  seconds: number,
  format: string,
  fallback: string,
  options?: { timeZone?: string; now?: number },
): string;
