import { expect } from 'vitest';
import type { ApiCall, FakeSlack } from '../../src/playground/fake-slack/index.ts';

/**
 * Reading what the app asked of the fake Slack during a test: calls after a mark, waiting for one, and
 * waiting until the app has gone quiet (so work left over from one test cannot leak into the next).
 */

export async function settle(fakeSlack: FakeSlack, quietMs = 250): Promise<void> {
  let count = -1;
  while (count !== fakeSlack.calls.length) {
    count = fakeSlack.calls.length;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

/** The calls of `method` made after `mark` (an index into `calls` taken earlier). */
export function callsSince(fakeSlack: FakeSlack, mark: number, method: string): ApiCall[] {
  return fakeSlack.calls.slice(mark).filter((c) => c.method === method);
}

/** The first call after `mark` that matches. */
export function waitForCall(
  fakeSlack: FakeSlack,
  mark: number,
  pred: (c: ApiCall) => boolean,
  timeoutMs = 5_000,
): Promise<ApiCall> {
  return fakeSlack.waitFor((c) => fakeSlack.calls.indexOf(c) >= mark && pred(c), timeoutMs);
}

/** Every string a person reads in a message or view: its `text` fields (button values are not shown). */
export function renderedText(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(renderedText);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === 'text' && typeof v === 'string' ? [v] : renderedText(v),
  );
}

/** A successful top-level verdict post (it carries the Adjust answers button) in `channel`. */
export const isVerdictPost = (channel: string) => (c: ApiCall) =>
  c.method === 'chat.postMessage' &&
  c.ok &&
  c.args.channel === channel &&
  c.args.thread_ts === undefined &&
  JSON.stringify(c.args.blocks ?? []).includes('adjust_answers');

/**
 * Checks the notification text of a newly posted verdict: a stored decision's ("Decision #N (proposed): ")
 * followed by `unnumbered`, the text the same verdict has without a record.
 */
export function expectProposedVerdictText(text: unknown, unnumbered: string): void {
  expect(text).toMatch(/^Decision #\d+ \(proposed\): /);
  expect(String(text).replace(/^Decision #\d+ \(proposed\): /, '')).toBe(unnumbered);
}
