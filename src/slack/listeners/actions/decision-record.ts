import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { recommend } from '../../../engine/index.ts';
import { buildDecisionRecordMessage, buildNotice, DECISION_RECORD_ACTION_ID } from '../../blocks/index.ts';
import { postInThread, tellUser } from '../../deliver.ts';
import { answersFromButtonValue, blockActionPayload, describeIssues } from '../payloads.ts';
import { clickContext } from './context.ts';

/** "Decision record" on a verdict: recomputes the recommendation and posts its ADR in the verdict's thread. */
export async function decisionRecord(
  args: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>,
): Promise<void> {
  await args.ack();
  const parsed = blockActionPayload.safeParse(args.body);
  if (!parsed.success) {
    args.logger.error(`Malformed ${DECISION_RECORD_ACTION_ID} payload: ${describeIssues(parsed.error)}`);
    return;
  }
  const click = parsed.data;
  const ctx = clickContext(args, click, DECISION_RECORD_ACTION_ID);
  const answers = answersFromButtonValue(click.actions[0]?.value);
  if (answers === undefined || click.channel === undefined || click.message === undefined) {
    args.logger.warn('Decision record clicked on a message without usable answers', { user: ctx.userId });
    await tellUser(
      ctx,
      buildNotice('Sorry, I could not read the answers on that message, so there is no record to write.'),
    );
    return;
  }
  // The engine is deterministic: the same answers give the same recommendation the verdict showed.
  const record = buildDecisionRecordMessage(recommend(answers));
  await postInThread(
    ctx,
    click.channel.id,
    click.message.thread_ts ?? click.message.ts,
    record,
    'post the decision record',
  );
}
