import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { z } from 'zod';
import type { Answers } from '../../../engine/questions.ts';
import { buildNotice } from '../../blocks/index.ts';
import { type RequestContext, tellUser } from '../../deliver.ts';
import { answersFromButtonValue, blockActionPayload, describeIssues } from '../payloads.ts';

type BlockActionPayload = z.infer<typeof blockActionPayload>;

/** The delivery context of a button click: who clicked, where, and the response_url when Slack gave one. */
export function clickContext(
  { client, logger }: Pick<AllMiddlewareArgs, 'client' | 'logger'>,
  click: BlockActionPayload,
  source: string,
): RequestContext {
  return {
    client,
    logger,
    userId: click.user.id,
    source,
    ...(click.channel === undefined ? {} : { channelId: click.channel.id }),
    ...(click.response_url === undefined ? {} : { responseUrl: click.response_url }),
  };
}

/** A click on one of a verdict message's buttons, read: the verdict it sits on and the answers it carries. */
export interface VerdictClick {
  readonly ctx: RequestContext;
  readonly click: BlockActionPayload;
  readonly answers: Answers;
  readonly channelId: string;
  readonly message: { readonly ts: string; readonly thread_ts?: string | undefined };
}

/**
 * Acks and reads a click on a verdict's button (Adjust answers, Decision record). When the payload or the
 * answers in the button cannot be read, logs it, tells the user `unreadable`, and returns undefined.
 */
export async function readVerdictClick(
  args: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>,
  actionId: string,
  unreadable: string,
): Promise<VerdictClick | undefined> {
  await args.ack();
  const parsed = blockActionPayload.safeParse(args.body);
  if (!parsed.success) {
    args.logger.error(`Malformed ${actionId} payload: ${describeIssues(parsed.error)}`);
    return undefined;
  }
  const click = parsed.data;
  const ctx = clickContext(args, click, actionId);
  const answers = answersFromButtonValue(click.actions[0]?.value);
  if (answers === undefined || click.channel === undefined || click.message === undefined) {
    args.logger.warn(`${actionId} clicked on a message without usable answers`, { user: ctx.userId });
    await tellUser(ctx, buildNotice(unreadable));
    return undefined;
  }
  return { ctx, click, answers, channelId: click.channel.id, message: click.message };
}
