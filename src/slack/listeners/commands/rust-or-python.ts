import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { buildHelpMessage, buildNotice } from '../../blocks/index.ts';
import { encodeDecisionModalFirstPage } from '../../blocks/modal.ts';
import { unescapeMrkdwn } from '../../blocks/mrkdwn.ts';
import { conversationKind } from '../../conversation.ts';
import { openModal } from '../../deliver.ts';
import { describeIssues, isDirectConversation, slashCommandPayload } from '../payloads.ts';
import { carryResponseUrl } from '../response-url.ts';

export const RUST_OR_PYTHON_COMMAND = '/rust-or-python';

/**
 * `/rust-or-python [description]` opens the decision modal (prefilled with the description);
 * `/rust-or-python help` answers with an ephemeral explanation. Run in a channel, the verdict goes there; run
 * in a DM or group DM, where the bot cannot post, the modal asks for a channel up front.
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
    channel_name: channelName,
    trigger_id: triggerId,
    response_url: responseUrl,
  } = parsed.data;
  // Slack sends &, < and > as entities; decoded once here, the text is what the person typed.
  const text = unescapeMrkdwn(parsed.data.text).trim();
  if (text.toLowerCase() === 'help') {
    await ack({ response_type: 'ephemeral', ...buildHelpMessage() });
    return;
  }
  await ack();
  const conversation = conversationKind(channelId, channelName);
  const postHere = !isDirectConversation(conversation);
  // Nothing between the ack and views.open: the trigger_id dies 3 s after Slack sent it.
  await openModal(
    {
      client,
      logger,
      userId,
      channelId,
      ...(conversation === undefined ? {} : { conversation }),
      responseUrl,
      source: RUST_OR_PYTHON_COMMAND,
    },
    triggerId,
    encodeDecisionModalFirstPage({
      description: text,
      // Without a channel in the metadata, page 1 shows the channel picker. The response_url goes along so a
      // failure after submission can still reach the user where they asked.
      metadata: { ...(postHere ? { channelId } : {}), ...carryResponseUrl(responseUrl, receivedAt) },
    }),
  );
}
