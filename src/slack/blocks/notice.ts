import { type SlackMessage, sectionBlock } from './compose.ts';
import { SLACK_LIMITS } from './limits.ts';
import { truncateMrkdwn, userText } from './mrkdwn.ts';

/**
 * A short user-facing notice (an error in plain words, or information such as "posted to you instead").
 * The text is escaped: notices often quote Slack error codes or channel names.
 */
export function buildNotice(text: string): SlackMessage {
  const body = text.trim() === '' ? 'Something went wrong.' : text;
  return {
    text: userText(body, SLACK_LIMITS.messageText),
    blocks: [sectionBlock(userText(body, SLACK_LIMITS.sectionText))],
  };
}

/** A notice of already escaped mrkdwn: unlike buildNotice, it may carry mentions of people and channels. */
export function buildMrkdwnNotice(mrkdwn: string): SlackMessage {
  return {
    text: truncateMrkdwn(mrkdwn, SLACK_LIMITS.messageText),
    blocks: [sectionBlock(truncateMrkdwn(mrkdwn, SLACK_LIMITS.sectionText))],
  };
}
