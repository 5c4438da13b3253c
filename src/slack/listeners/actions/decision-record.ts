import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { recommend } from '../../../engine/index.ts';
import { buildDecisionRecordModal, DECISION_RECORD_ACTION_ID } from '../../blocks/index.ts';
import { openModal } from '../../deliver.ts';
import { readVerdictClick } from './context.ts';

/**
 * "Decision record" on a verdict: recomputes the recommendation and shows its whole ADR in a read-only
 * modal, to the person who pressed it. Nothing is posted, so pressing it again only opens it again.
 */
export async function decisionRecord(
  args: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>,
): Promise<void> {
  const read = await readVerdictClick(
    args,
    DECISION_RECORD_ACTION_ID,
    'Sorry, I could not read the answers on that message, so there is no record to show.',
  );
  if (read === undefined) return;
  const { ctx, click, answers } = read;
  // The engine is deterministic: the same answers give the same recommendation the verdict showed.
  await openModal(ctx, click.trigger_id, buildDecisionRecordModal(recommend(answers)), {
    doing: 'open the decision record',
    retry: 'Please press Decision record again.',
  });
}
