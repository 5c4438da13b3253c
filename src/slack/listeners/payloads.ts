import { z } from 'zod';
import { parseAnswers } from '../../engine/index.ts';
import type { Answers } from '../../engine/questions.ts';
import type { ConversationKind } from '../conversation.ts';

/**
 * The few payload fields the listeners rely on, checked with zod instead of trusting casts: a payload
 * that lacks them is a bug to log, not something to half-handle.
 */

const id = z.string().min(1);

export const slashCommandPayload = z.object({
  user_id: id,
  channel_id: id,
  channel_name: z.string().optional(),
  trigger_id: id,
  response_url: z.url(),
  /** Entity-escaped by Slack (`&amp;`, `&lt;`, `&gt;`): decode it once with `unescapeMrkdwn`. */
  text: z.string(),
});

export const blockActionPayload = z.object({
  user: z.object({ id }),
  trigger_id: id,
  response_url: z.url().optional(),
  /** Where the button was: for an ephemeral message the only place its ts is given (there is no `message`). */
  container: z
    .object({ message_ts: id.optional(), channel_id: id.optional(), is_ephemeral: z.boolean().optional() })
    .optional(),
  channel: z.object({ id, name: z.string().optional() }).optional(),
  message: z.object({ ts: id, thread_ts: id.optional(), blocks: z.array(z.unknown()).optional() }).optional(),
  actions: z.array(z.object({ action_id: id, value: z.string().optional() })).min(1),
});

export const globalShortcutPayload = z.object({ user: z.object({ id }), trigger_id: id });

export const viewSubmissionPayload = z.object({
  user: z.object({ id }),
  view: z.object({
    id,
    callback_id: id,
    private_metadata: z.string(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }),
  }),
});

export const appHomeOpenedEvent = z.object({ user: id, tab: z.string() });

/**
 * A 1:1 DM or a group DM (`conversationKind` reads it from a payload's channel id and name): the bot can post
 * in neither unless it is a member, and nobody can invite it into a 1:1 DM, so the verdict needs a channel.
 */
export function isDirectConversation(kind: ConversationKind | undefined): boolean {
  return kind === 'im' || kind === 'mpim';
}

/** Describes a payload that failed its schema, for the log (paths only: no user text). */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`).join('; ');
}

/**
 * The answers a verdict's buttons carry (compact JSON in the button value), validated like any other
 * answers; undefined when the value is missing or no longer valid (an older questionnaire, say).
 */
export function answersFromButtonValue(value: string | undefined): Answers | undefined {
  if (value === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return undefined;
  }
  const result = parseAnswers(json);
  return result.ok ? result.answers : undefined;
}
