import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildDecisionModal, START_DECISION_ACTION_ID } from '../../blocks/index.ts';
import { openModal } from '../../deliver.ts';
import { blockActionPayload, describeIssues } from '../payloads.ts';
import { clickContext, handleOncePerPress } from './context.ts';
import type { RepeatPresses } from './repeat-presses.ts';

/**
 * "Start a decision" on the App Home tab: the modal with a channel picker, as no channel is implied. A double
 * press opens one modal.
 */
export function startDecision(presses: RepeatPresses) {
  return async function startDecisionClick(
    args: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>,
  ): Promise<void> {
    await args.ack();
    const parsed = blockActionPayload.safeParse(args.body);
    if (!parsed.success) {
      args.logger.error(`Malformed ${START_DECISION_ACTION_ID} payload: ${describeIssues(parsed.error)}`);
      return;
    }
    const ctx = clickContext(args, parsed.data, START_DECISION_ACTION_ID);
    await handleOncePerPress(presses, ctx, 'home', () =>
      openModal(ctx, parsed.data.trigger_id, buildDecisionModal({ page: 1, values: {}, metadata: {} })),
    );
  };
}
