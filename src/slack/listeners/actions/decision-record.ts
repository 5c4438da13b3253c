import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { recommend } from '../../../engine/index.ts';
import { buildDecisionRecordModal, DECISION_RECORD_ACTION_ID } from '../../blocks/index.ts';
import { openModal } from '../../deliver.ts';
import { handleOncePerPress, readVerdictClick, verdictPlace } from './context.ts';
import type { RepeatPresses } from './repeat-presses.ts';

/**
 * "Decision record" on a verdict (posted or ephemeral): recomputes the recommendation and shows its whole ADR
 * in a read-only modal, to the person who pressed it. Nothing is posted, and a double press opens one modal.
 */
export function decisionRecord(presses: RepeatPresses) {
  return async function decisionRecordClick(
    args: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>,
  ): Promise<void> {
    const read = await readVerdictClick(
      args,
      DECISION_RECORD_ACTION_ID,
      'Sorry, I could not read the answers on that message, so there is no record to show.',
    );
    if (read === undefined) return;
    // The engine is deterministic: the same answers give the same recommendation the verdict showed.
    await handleOncePerPress(presses, read.ctx, verdictPlace(read), () =>
      openModal(read.ctx, read.click.trigger_id, buildDecisionRecordModal(recommend(read.answers)), {
        doing: 'open the decision record',
        retry: 'Please press Decision record again.',
      }),
    );
  };
}
