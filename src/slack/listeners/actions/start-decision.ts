import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildDecisionModal, START_DECISION_ACTION_ID } from '../../blocks/index.ts';
import { openModal } from '../../deliver.ts';
import { blockActionPayload, describeIssues } from '../payloads.ts';
import { clickContext } from './context.ts';

/** "Start a decision" on the App Home tab: the modal with a channel picker, as no channel is implied. */
export async function startDecision(
  args: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>,
): Promise<void> {
  await args.ack();
  const parsed = blockActionPayload.safeParse(args.body);
  if (!parsed.success) {
    args.logger.error(`Malformed ${START_DECISION_ACTION_ID} payload: ${describeIssues(parsed.error)}`);
    return;
  }
  await openModal(
    clickContext(args, parsed.data, START_DECISION_ACTION_ID),
    parsed.data.trigger_id,
    buildDecisionModal({ page: 1, values: {}, metadata: {} }),
  );
}
