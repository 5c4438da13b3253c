import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { z } from 'zod';
import type { Answers } from '../../../engine/questions.ts';
import { buildNotice } from '../../blocks/index.ts';
import { conversationKind } from '../../conversation.ts';
import { type RequestContext, tellUser } from '../../deliver.ts';
import {
  answersFromButtonValue,
  blockActionPayload,
  describeIssues,
  isDirectConversation,
} from '../payloads.ts';
import type { RepeatPresses } from './repeat-presses.ts';

type BlockActionPayload = z.infer<typeof blockActionPayload>;

/** The kind of conversation clicked in, when the channel's name tells (a DM, a group DM, a private channel). */
function kindOf(click: BlockActionPayload): Pick<RequestContext, 'conversation'> {
  const conversation =
    click.channel === undefined ? undefined : conversationKind(click.channel.id, click.channel.name);
  return conversation === undefined ? {} : { conversation };
}

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
    ...kindOf(click),
    ...(click.response_url === undefined ? {} : { responseUrl: click.response_url }),
  };
}

/** A click on one of a verdict message's buttons, read: the verdict it sits on and the answers it carries. */
export interface VerdictClick {
  readonly ctx: RequestContext;
  readonly click: BlockActionPayload;
  readonly answers: Answers;
  readonly channelId: string;
  readonly messageTs: string;
  /**
   * The verdict was shown to this person alone (an ephemeral message): the app only does that when it could
   * not post in the conversation, and Slack sends no `message` for it.
   */
  readonly ephemeral: boolean;
  /** The verdict sits in a 1:1 DM or a group DM. */
  readonly direct: boolean;
}

/** Acks a button click and reads it: the payload and its delivery context; undefined (logged) when malformed. */
export async function ackClick(
  args: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>,
  actionId: string,
): Promise<{ click: BlockActionPayload; ctx: RequestContext } | undefined> {
  await args.ack();
  const parsed = blockActionPayload.safeParse(args.body);
  if (!parsed.success) {
    args.logger.error(`Malformed ${actionId} payload: ${describeIssues(parsed.error)}`);
    return undefined;
  }
  return { click: parsed.data, ctx: clickContext(args, parsed.data, actionId) };
}

/**
 * Acks and reads a click on a verdict's button (Adjust answers, Decision record), posted or ephemeral. When
 * the payload or the answers in the button cannot be read, logs it, tells the user `unreadable`, and returns
 * undefined.
 */
export async function readVerdictClick(
  args: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>,
  actionId: string,
  unreadable: string,
): Promise<VerdictClick | undefined> {
  const read = await ackClick(args, actionId);
  if (read === undefined) return undefined;
  const { click, ctx } = read;
  const answers = answersFromButtonValue(click.actions[0]?.value);
  const channelId = click.channel?.id ?? click.container?.channel_id;
  const messageTs = click.message?.ts ?? click.container?.message_ts;
  if (answers === undefined || channelId === undefined || messageTs === undefined) {
    args.logger.warn(`${actionId} clicked on a message without usable answers`, { user: ctx.userId });
    await tellUser(ctx, buildNotice(unreadable));
    return undefined;
  }
  return {
    ctx,
    click,
    answers,
    channelId,
    messageTs,
    ephemeral: click.message === undefined || click.container?.is_ephemeral === true,
    direct: isDirectConversation(ctx.conversation ?? conversationKind(channelId)),
  };
}

/**
 * Handles a click unless it repeats a press of the same button, in the same place (`where`: a message, the
 * Home tab), by the same person: a double click. The repeat has been acked; it is dropped, with no effect.
 */
export async function handleOncePerPress(
  presses: RepeatPresses,
  ctx: RequestContext,
  where: string,
  handle: () => Promise<void>,
): Promise<void> {
  const handled = await presses.once([ctx.source, ctx.userId, where].join(' '), handle);
  if (!handled) ctx.logger.debug(`Dropped a repeated press of ${ctx.source}`, { user: ctx.userId });
}

/** Where a verdict's button was pressed, for `handleOncePerPress`: the verdict message. */
export function verdictPlace(read: VerdictClick): string {
  return `${read.channelId} ${read.messageTs}`;
}
