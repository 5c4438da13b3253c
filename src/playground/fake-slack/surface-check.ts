import { checkSurface, type LimitViolation, type SlackLimitError } from '../../slack/blocks/limits.ts';
import type { JsonObject } from './types.ts';
import { SlackApiError } from './workspace.ts';

/** chat.postMessage truncates text above 40,000 characters (and warns) rather than failing. */
export const MESSAGE_TEXT_LIMIT = 40_000;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `blocks[3].fields[1].text` -> `/blocks/3/fields/1/text`, the json-pointer form Slack's messages use. */
function jsonPointer(prefix: string, path: string): string {
  const parts = path.split(/[.[\]]+/).filter((part) => part !== '');
  return [prefix, ...parts].join('/');
}

/** Slack lists what was wrong as `[ERROR] ... [json-pointer:/...]` lines in response_metadata.messages. */
function describe(violations: readonly LimitViolation[], prefix: string): string[] {
  return violations.map((v) => `[ERROR] ${v.message} [json-pointer:${jsonPointer(prefix, v.path) || '/'}]`);
}

function throwFirst(
  violations: readonly LimitViolation[],
  order: readonly SlackLimitError[],
  prefix: string,
): void {
  for (const code of order) {
    const matching = violations.filter((v) => v.slackError === code);
    if (matching.length > 0) throw new SlackApiError(code, describe(matching, prefix));
  }
}

/**
 * What Slack says about a message's `text` + `blocks`: `no_text`, `invalid_blocks`, `msg_blocks_too_long`,
 * and (unless the method truncates long text, as chat.postMessage does) `msg_too_long`.
 */
export function checkMessage(text: unknown, blocks: unknown, longText: 'truncate' | 'reject'): void {
  const violations = checkSurface({
    kind: 'message',
    ...(blocks === undefined ? {} : { blocks: blocks as unknown[] }),
    ...(text === undefined || text === null ? {} : { text: String(text) }),
  });
  const order: SlackLimitError[] = ['no_text', 'invalid_blocks', 'msg_blocks_too_long'];
  if (longText === 'reject') order.push('msg_too_long');
  throwFirst(violations, order, '');
}

/** What Slack says about a view passed to views.open/push/update/publish or a response_action. */
export function checkView(view: unknown, surface: 'modal' | 'home'): asserts view is JsonObject {
  if (!isObject(view))
    throw new SlackApiError('invalid_arguments', ['[ERROR] missing view [json-pointer:/view]']);
  if (view.type !== surface) {
    throw new SlackApiError('invalid_arguments', [
      `[ERROR] view type must be "${surface}" [json-pointer:/view/type]`,
    ]);
  }
  throwFirst(checkSurface({ ...view, type: surface }), ['view_too_large', 'invalid_arguments'], '/view');
}
