import { GROUP_DM_NAME_PREFIX } from './conversations.ts';
import { checkMessage, checkView, MESSAGE_TEXT_LIMIT } from './surface-check.ts';
import type { JsonObject } from './types.ts';
import {
  ACCESS_REFUSALS,
  type Channel,
  type Message,
  RESPONSE_URL_MAX_USES,
  RESPONSE_URL_TTL_MS,
  type ResponseUrlTarget,
  SlackApiError,
  type ViewRecord,
  type Workspace,
  withBlockIds,
} from './workspace.ts';

/** A method's successful answer, without `ok: true`. */
type MethodResult = JsonObject;
type MethodHandler = (ws: Workspace, args: JsonObject) => MethodResult;

function optionalString(args: JsonObject, name: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new SlackApiError('invalid_arguments', [`[ERROR] must be a string [json-pointer:/${name}]`]);
  }
  return String(value);
}

function requiredString(args: JsonObject, name: string): string {
  const value = optionalString(args, name);
  if (value === undefined)
    throw new SlackApiError('invalid_arguments', [`[ERROR] missing required field: ${name}`]);
  return value;
}

function optionalBlocks(args: JsonObject): unknown[] | undefined {
  const blocks = args.blocks;
  if (blocks === undefined || blocks === null || blocks === '') return undefined;
  return blocks as unknown[];
}

/** Slack returns a message's metadata only where asked (`include_all_metadata` on history and replies). */
export function messageJson(ws: Workspace, message: Message, withMetadata = false): JsonObject {
  return {
    type: 'message',
    user: message.user,
    ...(message.botId === undefined ? {} : { bot_id: message.botId, app_id: ws.bot.appId }),
    text: message.text,
    ...(message.blocks === undefined ? {} : { blocks: message.blocks }),
    ts: message.ts,
    team: ws.team.id,
    ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }),
    ...(message.replies.length === 0
      ? {}
      : {
          thread_ts: message.ts,
          reply_count: message.replies.length,
          latest_reply: message.replies.at(-1)?.ts,
        }),
    ...(message.edited ? { edited: { user: message.user, ts: message.ts } } : {}),
    ...(withMetadata && message.metadata !== undefined ? { metadata: message.metadata } : {}),
  };
}

function channelJson(ws: Workspace, channel: Channel): JsonObject {
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.isIm && !channel.isPrivate,
    is_group: false,
    is_im: channel.isIm,
    is_mpim: channel.name.startsWith(GROUP_DM_NAME_PREFIX),
    is_private: channel.isPrivate,
    is_archived: channel.isArchived,
    is_read_only: channel.refusesPosts === 'restricted_action_read_only_channel',
    is_thread_only: channel.refusesPosts === 'restricted_action_thread_only_channel',
    is_member: channel.members.has(ws.bot.userId),
    created: channel.created,
    ...(channel.imUser === undefined ? {} : { user: channel.imUser }),
    ...(channel.isIm ? {} : { num_members: channel.members.size }),
  };
}

/** chat.postMessage to a user id posts in the bot's DM with that user. */
function postTarget(ws: Workspace, channelArg: string | undefined): Channel {
  if (channelArg?.startsWith('U')) {
    try {
      return ws.openDm(channelArg);
    } catch {
      throw new SlackApiError('channel_not_found');
    }
  }
  return ws.channelOrThrow(channelArg);
}

/** The bot can see a private channel or DM only as a member. */
function visibleChannel(ws: Workspace, channelArg: string | undefined): Channel {
  const channel = ws.channelOrThrow(channelArg);
  if (channel.isPrivate && !channel.members.has(ws.bot.userId)) throw new SlackApiError('channel_not_found');
  return channel;
}

/**
 * Whether the bot may post here. A private conversation (private channel, DM, group DM) the bot is not in does
 * not exist for it: channel_not_found, as bolt-js#365 and slack-ruby-client#227 report for DMs and private
 * groups; a public one answers not_in_channel. `threadTs` marks a thread reply, which a thread-only channel
 * takes.
 */
function assertCanPost(
  ws: Workspace,
  channel: Channel,
  kind: 'message' | 'ephemeral',
  threadTs?: string,
): void {
  if (channel.isArchived) throw new SlackApiError('is_archived');
  if (!channel.members.has(ws.bot.userId)) {
    throw new SlackApiError(channel.isPrivate || channel.isIm ? 'channel_not_found' : 'not_in_channel');
  }
  const refusal = channel.refusesPosts;
  if (refusal === undefined) return;
  if (kind === 'ephemeral' && !ACCESS_REFUSALS.has(refusal)) return;
  if (refusal === 'restricted_action_thread_only_channel' && threadTs !== undefined) return;
  throw new SlackApiError(refusal);
}

/**
 * chat.postMessage's `metadata`: an object with a string `event_type` and an object `event_payload`
 * (docs.slack.dev/messaging/message-metadata); Slack answers invalid_metadata_format otherwise.
 */
function optionalMetadata(args: JsonObject): JsonObject | undefined {
  const metadata = args.metadata;
  if (metadata === undefined || metadata === null || metadata === '') return undefined;
  const valid =
    typeof metadata === 'object' &&
    !Array.isArray(metadata) &&
    typeof (metadata as JsonObject).event_type === 'string' &&
    typeof (metadata as JsonObject).event_payload === 'object' &&
    (metadata as JsonObject).event_payload !== null;
  if (!valid) throw new SlackApiError('invalid_metadata_format');
  return metadata as JsonObject;
}

/** `oldest`/`latest`/`inclusive` of conversations.history and .replies, as a test on a message's ts. */
function inTimeRange(args: JsonObject): (message: Message) => boolean {
  const oldest = Number(optionalString(args, 'oldest') ?? 0);
  const latest = Number(optionalString(args, 'latest') ?? Number.POSITIVE_INFINITY);
  const inclusive = args.inclusive === true || args.inclusive === 'true' || args.inclusive === '1';
  return (message) => {
    const ts = Number(message.ts);
    return inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest;
  };
}

function wantsMetadata(args: JsonObject): boolean {
  return (
    args.include_all_metadata === true ||
    args.include_all_metadata === 'true' ||
    args.include_all_metadata === '1'
  );
}

function messageText(args: JsonObject): { text: string; warnings: string[] } {
  const text = optionalString(args, 'text') ?? '';
  if (text.length <= MESSAGE_TEXT_LIMIT) return { text, warnings: [] };
  return { text: text.slice(0, MESSAGE_TEXT_LIMIT), warnings: ['message_truncated'] };
}

function withWarnings(result: MethodResult, warnings: string[]): MethodResult {
  return warnings.length === 0
    ? result
    : { ...result, warning: warnings.join(','), response_metadata: { warnings } };
}

function findView(ws: Workspace, args: JsonObject): ViewRecord {
  const viewId = optionalString(args, 'view_id');
  const externalId = optionalString(args, 'external_id');
  if (viewId === undefined && externalId === undefined) {
    throw new SlackApiError('invalid_arguments', ['[ERROR] view_id or external_id is required']);
  }
  const record =
    viewId === undefined
      ? [...ws.views.values()].find((v) => v.view.external_id === externalId)
      : ws.views.get(viewId);
  if (!record) throw new SlackApiError('not_found');
  return record;
}

function assertHash(record: ViewRecord | undefined, args: JsonObject): void {
  const hash = optionalString(args, 'hash');
  if (record && hash !== undefined && hash !== record.view.hash) throw new SlackApiError('hash_conflict');
}

/**
 * auth.test for an org-wide install's token: the org, not a workspace (`url` its
 * `https://<org>.enterprise.slack.com/`, which @slack/oauth keeps as the installation's enterpriseUrl), and
 * `is_enterprise_install: true`. `ws` is the org workspace serving the call, for the bot's ids.
 */
export function orgAuthTest(ws: Workspace): JsonObject {
  const enterpriseId = ws.team.enterpriseId ?? '';
  const orgName = ws.team.enterpriseName ?? enterpriseId;
  return {
    url: `https://${orgName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.enterprise.slack.com/`,
    user: ws.bot.name,
    user_id: ws.bot.userId,
    bot_id: ws.bot.botId,
    enterprise_id: enterpriseId,
    is_enterprise_install: true,
  };
}

export const METHODS: Readonly<Record<string, MethodHandler>> = {
  'auth.test': (ws) => ({
    url: `https://${ws.team.domain}.slack.com/`,
    team: ws.team.name,
    user: ws.bot.name,
    team_id: ws.team.id,
    user_id: ws.bot.userId,
    bot_id: ws.bot.botId,
    ...(ws.team.enterpriseId === undefined ? {} : { enterprise_id: ws.team.enterpriseId }),
    is_enterprise_install: false,
  }),

  'chat.postMessage': (ws, args) => {
    const channel = postTarget(ws, optionalString(args, 'channel'));
    const threadTs = optionalString(args, 'thread_ts');
    assertCanPost(ws, channel, 'message', threadTs);
    const blocks = optionalBlocks(args);
    checkMessage(args.text, blocks, 'truncate');
    const metadata = optionalMetadata(args);
    const { text, warnings } = messageText(args);
    ws.takePostSlot(channel.id);
    const message = ws.post(channel, {
      user: ws.bot.userId,
      botId: ws.bot.botId,
      text,
      ...(blocks === undefined ? {} : { blocks }),
      ...(threadTs === undefined ? {} : { threadTs }),
      ...(metadata === undefined ? {} : { metadata }),
    });
    return withWarnings({ channel: channel.id, ts: message.ts, message: messageJson(ws, message) }, warnings);
  },

  'chat.postEphemeral': (ws, args) => {
    const channel = postTarget(ws, optionalString(args, 'channel'));
    const user = ws.userOrThrow(requiredString(args, 'user'));
    assertCanPost(ws, channel, 'ephemeral');
    if (!channel.members.has(user.id)) throw new SlackApiError('user_not_in_channel');
    const blocks = optionalBlocks(args);
    checkMessage(args.text, blocks, 'reject');
    const { text, warnings } = messageText(args);
    const threadTs = optionalString(args, 'thread_ts');
    const ephemeral = ws.addEphemeral({
      channel: channel.id,
      user: user.id,
      author: ws.bot.userId,
      text,
      ...(blocks === undefined ? {} : { blocks }),
      ...(threadTs === undefined ? {} : { threadTs }),
    });
    return withWarnings({ message_ts: ephemeral.ts }, warnings);
  },

  'chat.update': (ws, args) => {
    const channel = visibleChannel(ws, optionalString(args, 'channel'));
    const message = ws.findMessage(channel, requiredString(args, 'ts'));
    if (!message) throw new SlackApiError('message_not_found');
    if (message.user !== ws.bot.userId) throw new SlackApiError('cant_update_message');
    if (channel.isArchived) throw new SlackApiError('is_archived');
    const blocks = optionalBlocks(args);
    checkMessage(args.text, blocks, 'reject');
    message.text = optionalString(args, 'text') ?? '';
    if (blocks === undefined) delete message.blocks;
    else message.blocks = withBlockIds(blocks);
    message.edited = true;
    ws.changed();
    return { channel: channel.id, ts: message.ts, text: message.text, message: messageJson(ws, message) };
  },

  // Any message of a conversation the app can see, no scope needed
  // (docs.slack.dev/reference/methods/chat.getPermalink).
  'chat.getPermalink': (ws, args) => {
    const channel = visibleChannel(ws, optionalString(args, 'channel'));
    const message = ws.findMessage(channel, requiredString(args, 'message_ts'));
    if (!message) throw new SlackApiError('message_not_found');
    return { channel: channel.id, permalink: ws.permalink(message) };
  },

  'conversations.join': (ws, args) => {
    const channel = ws.channelOrThrow(optionalString(args, 'channel'));
    if (channel.isIm || channel.isPrivate) throw new SlackApiError('method_not_supported_for_channel_type');
    if (channel.isArchived) throw new SlackApiError('is_archived');
    const already = channel.members.has(ws.bot.userId);
    channel.members.add(ws.bot.userId);
    if (!already) ws.changed();
    return withWarnings({ channel: channelJson(ws, channel) }, already ? ['already_in_channel'] : []);
  },

  'conversations.info': (ws, args) => ({
    channel: channelJson(ws, visibleChannel(ws, optionalString(args, 'channel'))),
  }),

  'conversations.members': (ws, args) => ({
    members: [...visibleChannel(ws, optionalString(args, 'channel')).members],
    response_metadata: { next_cursor: '' },
  }),

  'conversations.history': (ws, args) => {
    const channel = visibleChannel(ws, optionalString(args, 'channel'));
    if (!channel.members.has(ws.bot.userId)) throw new SlackApiError('not_in_channel');
    const limit = Number(optionalString(args, 'limit') ?? 100);
    const inRange = [...channel.messages].filter(inTimeRange(args)).reverse();
    const newestFirst = inRange.slice(0, limit);
    const withMetadata = wantsMetadata(args);
    return {
      messages: newestFirst.map((m) => messageJson(ws, m, withMetadata)),
      has_more: inRange.length > newestFirst.length,
      response_metadata: { next_cursor: '' },
    };
  },

  'conversations.replies': (ws, args) => {
    const channel = visibleChannel(ws, optionalString(args, 'channel'));
    if (!channel.members.has(ws.bot.userId)) throw new SlackApiError('not_in_channel');
    const found = ws.findMessage(channel, requiredString(args, 'ts'));
    const parent = found?.threadTs === undefined ? found : ws.findMessage(channel, found.threadTs);
    if (!parent) throw new SlackApiError('thread_not_found');
    const withMetadata = wantsMetadata(args);
    return {
      messages: [parent, ...parent.replies]
        .filter(inTimeRange(args))
        .map((m) => messageJson(ws, m, withMetadata)),
      has_more: false,
      response_metadata: { next_cursor: '' },
    };
  },

  'conversations.open': (ws, args) => {
    const users = (optionalString(args, 'users') ?? '').split(',').filter((u) => u !== '');
    const [only, ...others] = users;
    if (only === undefined || others.length > 0) {
      throw new SlackApiError('invalid_arguments', ['[ERROR] this emulator opens DMs with exactly one user']);
    }
    const dm = ws.openDm(ws.userOrThrow(only).id);
    return { channel: args.return_im ? channelJson(ws, dm) : { id: dm.id } };
  },

  'users.info': (ws, args) => {
    const user = ws.userOrThrow(optionalString(args, 'user'));
    return {
      user: {
        id: user.id,
        team_id: ws.team.id,
        name: user.name,
        real_name: user.realName,
        is_bot: user.isBot,
        deleted: false,
        tz: 'Europe/London',
        profile: { real_name: user.realName, display_name: user.name },
      },
    };
  },

  'views.open': (ws, args) => {
    checkView(args.view, 'modal');
    const userId = ws.exchangeTrigger(args.trigger_id);
    return { view: ws.openModal(userId, args.view).view };
  },

  'views.push': (ws, args) => {
    checkView(args.view, 'modal');
    const userId = ws.exchangeTrigger(args.trigger_id);
    return { view: ws.pushModal(userId, args.view).view };
  },

  'views.update': (ws, args) => {
    const record = findView(ws, args);
    assertHash(record, args);
    checkView(args.view, record.surface);
    return { view: ws.replaceView(record, args.view).view };
  },

  'views.publish': (ws, args) => {
    const user = ws.userOrThrow(requiredString(args, 'user_id'));
    checkView(args.view, 'home');
    const homeId = ws.homeViews.get(user.id);
    assertHash(homeId === undefined ? undefined : ws.views.get(homeId), args);
    return { view: ws.publishHome(user.id, args.view).view };
  },
};

/** How a `response_url` use went: the HTTP status and body Slack's hooks endpoint would send. */
export interface ResponseUrlOutcome {
  status: number;
  body: JsonObject | string;
  error?: string;
}

/**
 * A POST to a response_url: at most 5 uses within 30 minutes; `delete_original` / `replace_original` act on
 * the message the interaction came from; otherwise a new ephemeral (default) or channel message.
 */
export function useResponseUrl(
  ws: Workspace,
  target: ResponseUrlTarget,
  payload: unknown,
): ResponseUrlOutcome {
  if (Date.now() - target.issuedAt > RESPONSE_URL_TTL_MS)
    return { status: 404, body: 'expired_url', error: 'expired_url' };
  if (target.uses >= RESPONSE_URL_MAX_USES) return { status: 404, body: 'used_url', error: 'used_url' };
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { status: 400, body: 'invalid_payload', error: 'invalid_payload' };
  }
  target.uses += 1;
  const args = payload as JsonObject;
  try {
    const channel = ws.channelOrThrow(target.channelId);
    const original = target.messageTs;
    if (args.delete_original === true && original !== undefined) {
      deleteOriginal(ws, channel, target, original);
      return { status: 200, body: { ok: true } };
    }
    const blocks = optionalBlocks(args);
    checkMessage(args.text, blocks, 'truncate');
    const { text } = messageText(args);
    const threadTs = optionalString(args, 'thread_ts');
    if (args.replace_original === true && original !== undefined) {
      replaceOriginal(ws, channel, target, original, { text, blocks });
    } else if (args.response_type === 'in_channel') {
      if (channel.isArchived) throw new SlackApiError('is_archived');
      ws.post(channel, {
        user: ws.bot.userId,
        botId: ws.bot.botId,
        text,
        ...(blocks === undefined ? {} : { blocks }),
        ...(threadTs === undefined ? {} : { threadTs }),
      });
    } else {
      ws.addEphemeral({
        channel: channel.id,
        user: target.userId,
        author: ws.bot.userId,
        text,
        ...(blocks === undefined ? {} : { blocks }),
        ...(threadTs === undefined ? {} : { threadTs }),
      });
    }
    return { status: 200, body: { ok: true } };
  } catch (error) {
    if (!(error instanceof SlackApiError)) throw error;
    return {
      status: 400,
      body: { ok: false, error: error.code, response_metadata: { messages: error.messages } },
      error: error.code,
    };
  }
}

function deleteOriginal(ws: Workspace, channel: Channel, target: ResponseUrlTarget, ts: string): void {
  if (target.messageIsEphemeral) {
    const index = ws.ephemerals.findIndex((e) => e.ts === ts && e.user === target.userId);
    if (index < 0) throw new SlackApiError('message_not_found');
    ws.ephemerals.splice(index, 1);
  } else {
    const index = channel.messages.findIndex((m) => m.ts === ts);
    const message = ws.findMessage(channel, ts);
    if (!message) throw new SlackApiError('message_not_found');
    if (index >= 0) channel.messages.splice(index, 1);
    else {
      const parent = message.threadTs === undefined ? undefined : ws.findMessage(channel, message.threadTs);
      parent?.replies.splice(parent.replies.indexOf(message), 1);
    }
  }
  ws.changed();
}

function replaceOriginal(
  ws: Workspace,
  channel: Channel,
  target: ResponseUrlTarget,
  ts: string,
  content: { text: string; blocks: unknown[] | undefined },
): void {
  const original = target.messageIsEphemeral
    ? ws.ephemerals.find((e) => e.ts === ts && e.user === target.userId)
    : ws.findMessage(channel, ts);
  if (!original) throw new SlackApiError('message_not_found');
  original.text = content.text;
  if (content.blocks === undefined) delete original.blocks;
  else original.blocks = withBlockIds(content.blocks);
  if ('edited' in original) original.edited = true;
  ws.changed();
}
