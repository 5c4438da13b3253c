import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { recommend } from '../../../engine/index.ts';
import { buildDecisionRecordModal, DECISION_RECORD_ACTION_ID } from '../../blocks/index.ts';
import { recordOfMessage } from '../../decisions.ts';
import { openModal } from '../../deliver.ts';
import type { ListenerDeps } from '../deps.ts';
import { handleOncePerPress, readVerdictClick, verdictPlace } from './context.ts';
import type { RepeatPresses } from './repeat-presses.ts';

/**
 * "Decision record" on a verdict (posted or ephemeral): shows its whole ADR in a read-only modal, to the
 * person who pressed it. A stored decision's record is the one it was posted with, with its number and status
 * now; a verdict with no stored decision (posted before decisions were kept) is recomputed from the answers
 * its buttons carry. Nothing is posted, and a double press opens one modal.
 */
export function decisionRecord(presses: RepeatPresses, { store }: ListenerDeps) {
  return async function decisionRecordClick(
    args: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>,
  ): Promise<void> {
    const read = await readVerdictClick(
      args,
      DECISION_RECORD_ACTION_ID,
      'Sorry, I could not read the answers on that message, so there is no record to show.',
    );
    if (read === undefined) return;
    await handleOncePerPress(presses, read.ctx, verdictPlace(read), async () => {
      const stored = await recordOfMessage(read.ctx, store(), args.context, read.channelId, read.messageTs);
      const view =
        stored === undefined
          ? buildDecisionRecordModal(recommend(read.answers))
          : buildDecisionRecordModal(stored.record.recommendation, stored.meta);
      await openModal(read.ctx, read.click.trigger_id, view, {
        doing: 'open the decision record',
        retry: 'Please press Decision record again.',
      });
    });
  };
}
