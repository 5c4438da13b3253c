/**
 * The conversations beyond an ordinary channel that a request can come from, as far as Slack's payloads tell
 * them apart: a private channel, a 1:1 DM (`im`) and a group DM (`mpim`). The bot posts only where it is a
 * member, and how a person can fix that differs: /invite works in a private channel, not in a DM.
 */
export type ConversationKind = 'private_channel' | 'im' | 'mpim';

/**
 * The kind of `channelId`, from the `channel_name` a slash command or an interaction payload carries when
 * there is one: `directmessage` for a 1:1 DM, `mpdm-…` for a group DM, `privategroup` for a private channel
 * (captured command payloads). Any other name may be a public or a private channel, and group DMs have C ids
 * since about 2023, so beyond those names only a D id (a 1:1 DM) tells; otherwise undefined. Slack's answer
 * to a post tells the rest: not_in_channel only comes from a public channel.
 */
export function conversationKind(channelId: string, channelName?: string): ConversationKind | undefined {
  if (channelName === 'directmessage') return 'im';
  if (channelName?.startsWith('mpdm-')) return 'mpim';
  if (channelName === 'privategroup') return 'private_channel';
  return channelId.startsWith('D') ? 'im' : undefined;
}
