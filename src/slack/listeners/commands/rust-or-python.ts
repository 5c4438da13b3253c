import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { buildHelpMessage, buildHistoryMessage, buildNotice } from '../../blocks/index.ts';
import { encodeDecisionModalFirstPage } from '../../blocks/modal.ts';
import { unescapeMrkdwn } from '../../blocks/mrkdwn.ts';
import { conversationKind } from '../../conversation.ts';
import { workspaceOf } from '../../decisions.ts';
import { openModal } from '../../deliver.ts';
import type { ListenerDeps } from '../deps.ts';
import { describeIssues, isDirectConversation, slashCommandPayload } from '../payloads.ts';
import { carryResponseUrl } from '../response-url.ts';

export const RUST_OR_PYTHON_COMMAND = '/rust-or-python';

/** How many of a channel's decisions `/rust-or-python history` lists. */
export const HISTORY_DECISIONS = 10;

/**
 * `/rust-or-python [description]` opens the decision modal (prefilled with the description);
 * `/rust-or-python help` answers with an ephemeral explanation, `/rust-or-python history` with the channel's
 * latest decisions. Run in a channel, the verdict goes there; run in a DM or group DM, where the bot cannot
 * post, the modal asks for a channel up front.
 */
export function rustOrPythonCommand({ store }: ListenerDeps) {
  return (args: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => runCommand(args, store);
}

async function runCommand(
  { ack, command, client, context, logger }: AllMiddlewareArgs & SlackCommandMiddlewareArgs,
  store: ListenerDeps['store'],
): Promise<void> {
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
  if (text.toLowerCase() === 'history') {
    // Answered in the ack itself: only the person who asked sees it, and a read takes milliseconds.
    const workspace = workspaceOf(context);
    try {
      const decisions =
        workspace === undefined ? [] : await store().listByChannel(workspace, channelId, HISTORY_DECISIONS);
      await ack({ response_type: 'ephemeral', ...buildHistoryMessage(decisions, channelId) });
    } catch (error) {
      logger.error('Could not read the channel history', {
        user: userId,
        channel: channelId,
        error: error instanceof Error ? error.message : String(error),
      });
      await ack({
        response_type: 'ephemeral',
        ...buildNotice(
          'Sorry, I could not read this channel’s decisions just now. Please try again in a moment.',
        ),
      });
    }
    return;
  }
  // `team [description]`: a team round, where each teammate answers privately.
  const team = /^team(?:\s+([\s\S]*))?$/i.exec(text);
  const description = team ? (team[1] ?? '').trim() : text;
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
      description,
      // Without a channel in the metadata, page 1 shows the channel picker. The response_url goes along so a
      // failure after submission can still reach the user where they asked.
      metadata: {
        ...(postHere ? { channelId } : {}),
        ...(team ? { round: true as const } : {}),
        ...carryResponseUrl(responseUrl, receivedAt),
      },
    }),
  );
}
