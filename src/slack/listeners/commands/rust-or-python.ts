import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { buildDecisionModal, buildHelpMessage, buildNotice } from '../../blocks/index.ts';
import { openModal } from '../../deliver.ts';
import { describeIssues, slashCommandPayload } from '../payloads.ts';
import { carryResponseUrl } from '../response-url.ts';

export const RUST_OR_PYTHON_COMMAND = '/rust-or-python';

/**
 * `/rust-or-python [description]` opens the decision modal (prefilled with the description);
 * `/rust-or-python help` answers with an ephemeral explanation.
 */
export async function rustOrPythonCommand({
  ack,
  command,
  client,
  logger,
}: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> {
  const receivedAt = Date.now();
  const parsed = slashCommandPayload.safeParse(command);
  if (!parsed.success) {
    logger.error(`Malformed ${RUST_OR_PYTHON_COMMAND} payload: ${describeIssues(parsed.error)}`);
    await ack({
      response_type: 'ephemeral',
      ...buildNotice('Sorry, Slack sent me an incomplete request. Please try again.'),
    });
    return;
  }
  const {
    user_id: userId,
    channel_id: channelId,
    trigger_id: triggerId,
    response_url: responseUrl,
  } = parsed.data;
  const text = parsed.data.text.trim();
  if (text.toLowerCase() === 'help') {
    await ack({ response_type: 'ephemeral', ...buildHelpMessage() });
    return;
  }
  await ack();
  // Nothing between the ack and views.open: the trigger_id dies 3 s after Slack sent it.
  await openModal(
    { client, logger, userId, channelId, responseUrl, source: RUST_OR_PYTHON_COMMAND },
    triggerId,
    buildDecisionModal({
      page: 1,
      values: text === '' ? {} : { description: text },
      // The response_url goes along so a failure after submission can still reach the user here.
      metadata: { channelId, ...carryResponseUrl(responseUrl, receivedAt) },
    }),
  );
}
