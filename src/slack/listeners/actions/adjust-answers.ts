import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ADJUST_ANSWERS_ACTION_ID, buildDecisionModal } from '../../blocks/index.ts';
import { openModal } from '../../deliver.ts';
import { carryResponseUrl } from '../response-url.ts';
import { readVerdictClick } from './context.ts';

/**
 * "Adjust answers" on a verdict: reopens the modal filled with that verdict's answers (carried in the button
 * value, so no server state); the new verdict names the message it replaces.
 */
export async function adjustAnswers(
  args: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>,
): Promise<void> {
  const receivedAt = Date.now();
  const read = await readVerdictClick(
    args,
    ADJUST_ANSWERS_ACTION_ID,
    'Sorry, I could not read the answers on that message. Please run /rust-or-python to start over.',
  );
  if (read === undefined) return;
  const { ctx, click, answers, channelId, message } = read;
  await openModal(
    ctx,
    click.trigger_id,
    buildDecisionModal({
      page: 1,
      values: answers,
      metadata: {
        channelId,
        replaces: { channel: channelId, ts: message.ts },
        answers,
        ...carryResponseUrl(click.response_url, receivedAt),
      },
    }),
  );
}
