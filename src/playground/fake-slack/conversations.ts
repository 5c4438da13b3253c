import type { Channel, Workspace } from './workspace.ts';

/**
 * Conversations among people that the bot is not part of, as Slack has them. A person can run a slash
 * command in either, but the bot can neither post nor join there, and nobody can add an app to a 1:1 DM.
 * - A 1:1 DM (`im`): ids start with D; payloads name it `directmessage`.
 * - A group DM (`mpim`): Slack names it `mpdm-<handles joined by -->-1`; older ones have G ids, newer ones
 *   C ids (a captured 2023 command payload: `channel_id: C05…`, `channel_name: mpdm-…--…--…-1`), so only the
 *   name tells a group DM from a channel.
 */
export const PEOPLE_CONVERSATIONS = {
  dm: { id: 'D0ALICEBOB', name: 'alice--bob', members: ['U0ALICE', 'U0BOB'], isIm: true },
  groupDm: {
    id: 'C0MPDMTRIO',
    name: 'mpdm-alice--bob--carol-1',
    members: ['U0ALICE', 'U0BOB', 'U0CAROL'],
    isIm: false,
  },
} as const;

export const GROUP_DM_NAME_PREFIX = 'mpdm-';

/**
 * The people-only conversation with this id, created the first time a person uses it (as Slack's client
 * opens a DM when someone starts one); undefined for any other id.
 */
export function openPeopleConversation(ws: Workspace, id: string): Channel | undefined {
  const existing = ws.channels.get(id);
  if (existing) return existing;
  const spec = Object.values(PEOPLE_CONVERSATIONS).find((c) => c.id === id);
  // They are the playground's people's conversations: another workspace has no such people.
  if (!spec?.members.every((member) => ws.users.has(member))) return undefined;
  const channel: Channel = {
    id: spec.id,
    name: spec.name,
    isPrivate: true,
    isArchived: false,
    isIm: spec.isIm,
    members: new Set(spec.members),
    messages: [],
    created: Math.floor(Date.now() / 1000),
  };
  ws.channels.set(channel.id, channel);
  ws.changed();
  return channel;
}

/**
 * `channel_name` as Slack's payloads give it: `directmessage` for a 1:1 DM, the `mpdm-…` name for a group
 * DM, `privategroup` for a private channel (captured command payloads from G… channels, 2018–2021), else the
 * channel's name.
 */
export function payloadChannelName(channel: Channel): string {
  if (channel.isIm) return 'directmessage';
  if (channel.name.startsWith(GROUP_DM_NAME_PREFIX)) return channel.name;
  if (channel.isPrivate) return 'privategroup';
  return channel.name;
}
