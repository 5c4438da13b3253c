import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { z } from 'zod';
import type { AcceptOutcome, DecisionRecord, Store, Workspace } from '../../../store/types.ts';
import {
  ACCEPT_DECISION_ACTION_ID,
  buildMrkdwnNotice,
  buildNotice,
  mentionUser,
} from '../../blocks/index.ts';
import { refreshDecisionMessage, workspaceOf } from '../../decisions.ts';
import { tellUser } from '../../deliver.ts';
import type { ListenerDeps } from '../deps.ts';
import type { blockActionPayload } from '../payloads.ts';
import { ackClick } from './context.ts';

/** What the person who pressed Accept is told privately, when the message alone does not say it. */
function outcomeNotice(outcome: AcceptOutcome, shown: boolean): string | undefined {
  switch (outcome.outcome) {
    case 'not-found':
      return 'I have no record of that decision (it may have been deleted), so it cannot be accepted.';
    case 'superseded':
      return `Decision #${outcome.decision.number} was superseded by #${outcome.decision.supersededBy ?? '?'}, so it can no longer be accepted.`;
    case 'already-accepted': {
      const by = outcome.decision.acceptedBy;
      return `Decision #${outcome.decision.number} was already accepted${by === undefined ? '' : ` by ${mentionUser(by)}`}.`;
    }
    case 'accepted':
      return shown
        ? undefined
        : `Decision #${outcome.decision.number} is accepted. I could not update its message to show it.`;
  }
}

/**
 * The stored decision a click on Accept was on: the one whose message was clicked, or, for a verdict shown only
 * to the person who asked (ephemeral: no stored message), their own decision of the button's number.
 */
async function pressedDecision(
  store: Store,
  workspace: Workspace | undefined,
  click: z.infer<typeof blockActionPayload>,
  userId: string,
): Promise<DecisionRecord | undefined> {
  if (workspace === undefined) return undefined;
  const ephemeral = click.message === undefined || click.container?.is_ephemeral === true;
  if (ephemeral) {
    const number = Number(click.actions[0]?.value);
    if (!Number.isSafeInteger(number) || number < 1) return undefined;
    const decision = await store.getDecision(workspace, number);
    return decision?.message === undefined && decision?.requesterId === userId ? decision : undefined;
  }
  const channelId = click.channel?.id ?? click.container?.channel_id;
  const messageTs = click.message?.ts ?? click.container?.message_ts;
  if (channelId === undefined || messageTs === undefined) return undefined;
  return store.findByMessage(workspace, channelId, messageTs);
}

/**
 * "Accept" on a proposed decision: saved first (one conditional update, so of two people pressing at once
 * exactly one accepts), then shown by updating the message. A press that lost the race, or came after a
 * supersede, tells the presser why nothing changed, and the message is brought up to date.
 */
export function acceptDecision({ store }: ListenerDeps) {
  return async function acceptDecisionClick(
    args: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>,
  ): Promise<void> {
    const read = await ackClick(args, ACCEPT_DECISION_ACTION_ID);
    if (read === undefined) return;
    const { click, ctx } = read;
    const number = Number(click.actions[0]?.value);
    let decision: DecisionRecord | undefined;
    try {
      decision = await pressedDecision(store(), workspaceOf(args.context), click, ctx.userId);
    } catch (error) {
      args.logger.error('Could not read the decision an Accept was pressed on', {
        user: ctx.userId,
        error: error instanceof Error ? error.message : String(error),
      });
      await tellUser(
        ctx,
        buildNotice(
          'Sorry, I could not read that decision just now, so nothing changed. Please press Accept again.',
        ),
      );
      return;
    }
    // The button names its decision; the message it sits on must be that decision's (never another one's).
    if (decision === undefined || decision.number !== number) {
      args.logger.warn(`${ACCEPT_DECISION_ACTION_ID} on a message with no matching stored decision`, {
        user: ctx.userId,
      });
      await tellUser(
        ctx,
        buildNotice(
          'I have no record of the decision on that message (it may have been deleted), so it cannot be accepted.',
        ),
      );
      return;
    }
    let outcome: AcceptOutcome;
    try {
      outcome = await store().accept(decision, decision.number, ctx.userId);
    } catch (error) {
      args.logger.error(`Could not accept decision #${decision.number}`, {
        user: ctx.userId,
        error: error instanceof Error ? error.message : String(error),
      });
      await tellUser(
        ctx,
        buildNotice(
          `Sorry, I could not confirm that decision #${decision.number} was accepted. Please press Accept again in a moment.`,
        ),
      );
      return;
    }
    const shown =
      outcome.outcome !== 'not-found' && (await refreshDecisionMessage(ctx, store(), outcome.decision));
    const notice = outcomeNotice(outcome, shown);
    if (notice !== undefined) await tellUser(ctx, buildMrkdwnNotice(notice));
  };
}
