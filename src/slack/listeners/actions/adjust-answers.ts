import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ADJUST_ANSWERS_ACTION_ID, buildDecisionModal } from '../../blocks/index.ts';
import type { ModalCarry } from '../../blocks/modal.ts';
import { openModal } from '../../deliver.ts';
import { carryResponseUrl } from '../response-url.ts';
import { handleOncePerPress, readVerdictClick, type VerdictClick, verdictPlace } from './context.ts';
import type { RepeatPresses } from './repeat-presses.ts';

/**
 * Where the new verdict goes. A posted verdict's channel took a post, so the new one goes there and names the
 * one it replaces. An ephemeral verdict is one the app could not post where it was asked: the modal asks for
 * a channel, offering that one again unless it is a DM or group DM (the picker lists channels only), and
 * names no earlier verdict, which nobody else saw.
 */
function destination(read: VerdictClick): { carry: ModalCarry; pickerChannelId?: string } {
  if (!read.ephemeral) {
    return {
      carry: { channelId: read.channelId, replaces: { channel: read.channelId, ts: read.messageTs } },
    };
  }
  return read.direct ? { carry: {} } : { carry: {}, pickerChannelId: read.channelId };
}

/**
 * "Adjust answers" on a verdict: reopens the modal filled with that verdict's answers (carried in the button
 * value, so no server state). A double press opens one modal.
 */
export function adjustAnswers(presses: RepeatPresses) {
  return async function adjustAnswersClick(
    args: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>,
  ): Promise<void> {
    const receivedAt = Date.now();
    const read = await readVerdictClick(
      args,
      ADJUST_ANSWERS_ACTION_ID,
      'Sorry, I could not read the answers on that message. Please run /rust-or-python to start over.',
    );
    if (read === undefined) return;
    const { carry, pickerChannelId } = destination(read);
    await handleOncePerPress(presses, read.ctx, verdictPlace(read), () =>
      openModal(
        read.ctx,
        read.click.trigger_id,
        buildDecisionModal({
          page: 1,
          values: {
            ...read.answers,
            ...(pickerChannelId === undefined ? {} : { channelId: pickerChannelId }),
          },
          metadata: {
            ...carry,
            answers: read.answers,
            ...carryResponseUrl(read.click.response_url, receivedAt),
          },
        }),
      ),
    );
  };
}
