import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ADJUST_ANSWERS_ACTION_ID, buildDecisionModal, buildNotice } from '../../blocks/index.ts';
import { openModal, tellUser } from '../../deliver.ts';
import { answersFromButtonValue, blockActionPayload, describeIssues } from '../payloads.ts';
import { carryResponseUrl } from '../response-url.ts';
import { clickContext } from './context.ts';

/**
 * "Adjust answers" on a verdict: reopens the modal filled with that verdict's answers (carried in the button
 * value, so no server state); the new verdict names the message it replaces.
 */
export async function adjustAnswers(
  args: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>,
): Promise<void> {
  const receivedAt = Date.now();
  await args.ack();
  const parsed = blockActionPayload.safeParse(args.body);
  if (!parsed.success) {
    args.logger.error(`Malformed ${ADJUST_ANSWERS_ACTION_ID} payload: ${describeIssues(parsed.error)}`);
    return;
  }
  const click = parsed.data;
  const ctx = clickContext(args, click, ADJUST_ANSWERS_ACTION_ID);
  const answers = answersFromButtonValue(click.actions[0]?.value);
  if (answers === undefined || click.channel === undefined || click.message === undefined) {
    args.logger.warn('Adjust answers clicked on a message without usable answers', { user: ctx.userId });
    await tellUser(
      ctx,
      buildNotice(
        'Sorry, I could not read the answers on that message. Please run /rust-or-python to start over.',
      ),
    );
    return;
  }
  await openModal(
    ctx,
    click.trigger_id,
    buildDecisionModal({
      page: 1,
      values: answers,
      metadata: {
        channelId: click.channel.id,
        replaces: { channel: click.channel.id, ts: click.message.ts },
        answers,
        ...carryResponseUrl(click.response_url, receivedAt),
      },
    }),
  );
}
