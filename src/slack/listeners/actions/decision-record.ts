import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { recommend } from '../../../engine/index.ts';
import { buildDecisionRecordMessage, DECISION_RECORD_ACTION_ID } from '../../blocks/index.ts';
import { postInThread } from '../../deliver.ts';
import { readVerdictClick } from './context.ts';

/** "Decision record" on a verdict: recomputes the recommendation and posts its ADR in the verdict's thread. */
export async function decisionRecord(
  args: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>,
): Promise<void> {
  const read = await readVerdictClick(
    args,
    DECISION_RECORD_ACTION_ID,
    'Sorry, I could not read the answers on that message, so there is no record to write.',
  );
  if (read === undefined) return;
  const { ctx, answers, channelId, message } = read;
  // The engine is deterministic: the same answers give the same recommendation the verdict showed.
  const record = buildDecisionRecordMessage(recommend(answers));
  await postInThread(ctx, channelId, message.thread_ts ?? message.ts, record, 'post the decision record');
}
