import { randomBytes } from 'node:crypto';
import { openPeopleConversation, payloadChannelName } from './conversations.ts';
import { type SlackContentType, slackRequestHeaders } from './signing.ts';
import { checkView } from './surface-check.ts';
import type { ApiCall, Dispatch, JsonObject, ViewInputs } from './types.ts';
import { buildStateValues, findButton } from './view-state.ts';
import { messageJson } from './web-api.ts';
import {
  type Channel,
  type Ephemeral,
  type Message,
  SLACKBOT_ID,
  SlackApiError,
  type ViewRecord,
  type Workspace,
} from './workspace.ts';

/** The deprecated verification token Slack still puts in payloads; Bolt ignores it. */
const VERIFICATION_TOKEN = 'playground-verification-token';
const REQUIRED_FIELD_ERROR = 'Please complete this required field.';

export interface SignedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface DispatcherDeps {
  ws: Workspace;
  signingSecret: string;
  appUrl(): string;
  /** Base of the fake's own URLs, for response_urls. */
  baseUrl(): string;
  ackTimeoutMs: number;
  /** Records what the fake did with an app's answer (e.g. a rejected `response_action`). */
  record(call: Omit<ApiCall, 'at'>): void;
  /** Whether the app is installed org-wide in this workspace's org: payloads then say so. */
  orgInstalled(): boolean;
}

function parseBody(text: string): unknown {
  if (text === '') return '';
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A command's text as Slack sends it: `&`, `<` and `>` entity-escaped (its only control characters, and the
 * only entities it decodes), so the app must decode them exactly once.
 */
function slackEscaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

/** Turns what a person does into the payloads Slack sends an app, signed, and applies the app's answers. */
export class Dispatcher {
  constructor(private readonly deps: DispatcherDeps) {}

  private get ws(): Workspace {
    return this.deps.ws;
  }

  private userJson(userId: string): JsonObject {
    const user = this.ws.userOrThrow(userId);
    return { id: user.id, username: user.name, name: user.name, team_id: this.ws.team.id };
  }

  /** An interaction's `team`: a Grid workspace's also names its org. */
  private teamJson(): JsonObject {
    const { id, domain, enterpriseId, enterpriseName } = this.ws.team;
    return enterpriseId === undefined
      ? { id, domain }
      : { id, domain, enterprise_id: enterpriseId, enterprise_name: enterpriseName ?? '' };
  }

  /** An interaction's `enterprise`: null outside Enterprise Grid. */
  private enterpriseJson(): JsonObject | null {
    const { enterpriseId, enterpriseName } = this.ws.team;
    return enterpriseId === undefined ? null : { id: enterpriseId, name: enterpriseName ?? '' };
  }

  private responseUrl(target: Parameters<Workspace['issueResponseUrl']>[0]): string {
    return `${this.deps.baseUrl()}/response/${this.ws.issueResponseUrl(target)}`;
  }

  private sign(body: string, contentType: SlackContentType): SignedRequest {
    const url = this.deps.appUrl();
    if (url === '') throw new Error('fake Slack: no app URL yet; call setAppUrl(url) first');
    return { url, headers: slackRequestHeaders(this.deps.signingSecret, body, contentType), body };
  }

  private interaction(payload: JsonObject): SignedRequest {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.sign(body, 'application/x-www-form-urlencoded');
  }

  async send(request: SignedRequest, extraHeaders: Record<string, string> = {}): Promise<Dispatch> {
    const started = performance.now();
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: { ...request.headers, ...extraHeaders },
        body: request.body,
        signal: AbortSignal.timeout(this.deps.ackTimeoutMs),
      });
      const body = parseBody(await response.text());
      return { outcome: 'answered', status: response.status, body, elapsedMs: performance.now() - started };
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        return { outcome: 'timed_out', status: 0, body: '', elapsedMs: performance.now() - started };
      }
      const reason = error instanceof Error ? (error.cause ?? error.message) : error;
      throw new Error(`fake Slack: could not reach the app at ${request.url}: ${String(reason)}`);
    }
  }

  private notSent(): Dispatch {
    return { outcome: 'not_sent', status: 0, body: '', elapsedMs: 0 };
  }

  private memberChannel(userId: string, channelId: string): Channel {
    const channel = this.ws.channels.get(channelId) ?? openPeopleConversation(this.ws, channelId);
    if (!channel) throw new Error(`fake Slack: no channel ${channelId}`);
    if (!channel.members.has(userId)) throw new Error(`fake Slack: ${userId} is not in ${channelId}`);
    return channel;
  }

  /**
   * A signed slash command, ready to send; its trigger_id and response_url are live in the fake. `text` is
   * what the person typed; it goes out entity-escaped, as Slack sends it. `channelId` may also name one of
   * the people-only conversations (`PEOPLE_CONVERSATIONS`), opened on first use.
   */
  prepareSlashCommand(opts: {
    userId: string;
    channelId: string;
    text?: string;
    command?: string;
  }): SignedRequest {
    const user = this.ws.userOrThrow(opts.userId);
    const channel = this.memberChannel(user.id, opts.channelId);
    const { enterpriseId, enterpriseName } = this.ws.team;
    const fields = {
      token: VERIFICATION_TOKEN,
      team_id: this.ws.team.id,
      team_domain: this.ws.team.domain,
      // Slack's command example from a Grid workspace carries its org after the team.
      ...(enterpriseId === undefined
        ? {}
        : { enterprise_id: enterpriseId, enterprise_name: enterpriseName ?? '' }),
      channel_id: channel.id,
      channel_name: payloadChannelName(channel),
      user_id: user.id,
      user_name: user.name,
      command: opts.command ?? '/rust-or-python',
      text: slackEscaped(opts.text ?? ''),
      api_app_id: this.ws.bot.appId,
      // A string in a command's form body, as Bolt's isBodyWithTypeEnterpriseInstall expects.
      is_enterprise_install: String(this.deps.orgInstalled()),
      response_url: this.responseUrl({ userId: user.id, channelId: channel.id }),
      trigger_id: this.ws.issueTrigger(user.id),
    };
    return this.sign(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
  }

  async slashCommand(opts: {
    userId: string;
    channelId: string;
    text?: string;
    command?: string;
  }): Promise<Dispatch> {
    const command = opts.command ?? '/rust-or-python';
    const result = await this.send(this.prepareSlashCommand(opts));
    if (result.outcome === 'timed_out' || result.status !== 200) {
      // What Slack's client shows when an app fails to ack.
      const code = result.outcome === 'timed_out' ? 'operation_timeout' : 'dispatch_failed';
      this.ws.addEphemeral({
        channel: opts.channelId,
        user: opts.userId,
        author: SLACKBOT_ID,
        text: `${command} failed with the error "${code}"`,
      });
      return result;
    }
    this.showAckMessage(opts.userId, opts.channelId, result.body);
    return result;
  }

  /** A command's ack body with text or blocks is shown like a response_url message. */
  private showAckMessage(userId: string, channelId: string, body: unknown): void {
    const message = typeof body === 'string' ? (body === '' ? undefined : { text: body }) : asObject(body);
    if (!message || (message.text === undefined && message.blocks === undefined)) return;
    const text = typeof message.text === 'string' ? message.text : '';
    const blocks = Array.isArray(message.blocks) ? { blocks: message.blocks } : {};
    const channel = this.ws.channels.get(channelId);
    if (message.response_type === 'in_channel' && channel) {
      this.ws.post(channel, { user: this.ws.bot.userId, botId: this.ws.bot.botId, text, ...blocks });
    } else {
      this.ws.addEphemeral({ channel: channelId, user: userId, author: this.ws.bot.userId, text, ...blocks });
    }
  }

  private topModal(userId: string, viewId: string | undefined): ViewRecord {
    const stack = this.ws.modalStack(userId);
    const topId = stack.at(-1);
    if (topId === undefined) throw new Error(`fake Slack: ${userId} has no open modal`);
    if (viewId !== undefined && viewId !== topId) {
      throw new Error(`fake Slack: view ${viewId} is not the visible view of ${userId} (that is ${topId})`);
    }
    const record = this.ws.views.get(topId);
    if (!record) throw new Error(`fake Slack: view ${topId} is gone`);
    return record;
  }

  async submitView(opts: { userId: string; viewId?: string; inputs?: ViewInputs }): Promise<Dispatch> {
    const record = this.topModal(opts.userId, opts.viewId);
    const { values, missingRequired } = buildStateValues(record.view, opts.inputs ?? {});
    record.view.state = { values };
    if (missingRequired.length > 0) {
      record.errors = Object.fromEntries(missingRequired.map((id) => [id, REQUIRED_FIELD_ERROR]));
      this.ws.changed();
      return this.notSent();
    }
    const result = await this.send(
      this.interaction({
        type: 'view_submission',
        team: this.teamJson(),
        user: this.userJson(opts.userId),
        api_app_id: this.ws.bot.appId,
        token: VERIFICATION_TOKEN,
        trigger_id: this.ws.issueTrigger(opts.userId),
        view: record.view,
        response_urls: [],
        is_enterprise_install: this.deps.orgInstalled(),
        enterprise: this.enterpriseJson(),
      }),
    );
    if (result.outcome === 'answered' && result.status === 200) this.applyResponseAction(record, result.body);
    return result;
  }

  private applyResponseAction(record: ViewRecord, body: unknown): void {
    const answer = asObject(body);
    const action = answer?.response_action;
    try {
      if (action === undefined) {
        this.closeIfOpen(record);
      } else if (action === 'errors') {
        record.errors = this.validErrors(record, answer?.errors);
        this.ws.changed();
      } else if (action === 'update') {
        checkView(answer?.view, 'modal');
        this.ws.replaceView(record, answer.view);
      } else if (action === 'push') {
        checkView(answer?.view, 'modal');
        this.ws.pushModal(record.userId, answer.view);
      } else if (action === 'clear') {
        this.ws.closeModal(record.userId, true);
      } else {
        throw new SlackApiError('invalid_arguments', [`[ERROR] unknown response_action ${String(action)}`]);
      }
      this.deps.record({ method: 'response_action', args: answer ?? {}, ok: true, status: 200 });
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      this.deps.record({
        method: 'response_action',
        args: answer ?? {},
        ok: false,
        error: error.code,
        status: 200,
      });
    }
  }

  private closeIfOpen(record: ViewRecord): void {
    const stack = this.ws.modalStack(record.userId);
    if (stack.at(-1) === record.id) this.ws.closeModal(record.userId, false);
  }

  /** `response_action: errors` must key plain-text messages by input block_ids of the submitted view. */
  private validErrors(record: ViewRecord, errors: unknown): Record<string, string> {
    const entries = Object.entries(asObject(errors) ?? {});
    const inputIds = new Set(
      (Array.isArray(record.view.blocks) ? record.view.blocks : []).flatMap((b) => {
        const block = asObject(b);
        return block?.type === 'input' ? [block.block_id] : [];
      }),
    );
    const bad = entries.filter(([id, message]) => !inputIds.has(id) || typeof message !== 'string');
    if (entries.length === 0 || bad.length > 0) {
      const names = bad.map(([id]) => id).join(', ');
      throw new SlackApiError('invalid_arguments', [`[ERROR] errors must name input blocks: ${names}`]);
    }
    return Object.fromEntries(entries) as Record<string, string>;
  }

  /** Cancel (closes the top view) or ✕ (`all`, closes the modal); view_closed only with notify_on_close. */
  async closeView(opts: { userId: string; viewId?: string; all?: boolean }): Promise<Dispatch> {
    // Closing when nothing is open is harmless, which keeps test clean-up simple.
    if (opts.viewId === undefined && this.ws.modalStack(opts.userId).length === 0) return this.notSent();
    const record = this.topModal(opts.userId, opts.viewId);
    const all = opts.all === true || record.view.clear_on_close === true;
    const stack = this.ws.modalStack(opts.userId);
    const reported = all ? (this.ws.views.get(stack[0] ?? record.id) ?? record) : record;
    this.ws.closeModal(opts.userId, all);
    if (reported.view.notify_on_close !== true) return this.notSent();
    return this.send(
      this.interaction({
        type: 'view_closed',
        team: this.teamJson(),
        user: this.userJson(opts.userId),
        api_app_id: this.ws.bot.appId,
        token: VERIFICATION_TOKEN,
        view: reported.view,
        is_cleared: all,
        is_enterprise_install: this.deps.orgInstalled(),
        enterprise: this.enterpriseJson(),
      }),
    );
  }

  async clickButton(opts: {
    userId: string;
    actionId: string;
    channelId?: string;
    messageTs?: string;
    viewId?: string;
  }): Promise<Dispatch> {
    const user = this.userJson(opts.userId);
    const common = {
      type: 'block_actions',
      user,
      api_app_id: this.ws.bot.appId,
      token: VERIFICATION_TOKEN,
      team: this.teamJson(),
      enterprise: this.enterpriseJson(),
      is_enterprise_install: this.deps.orgInstalled(),
      trigger_id: this.ws.issueTrigger(opts.userId),
    };
    const action = (blockId: string, button: JsonObject): JsonObject => ({
      type: 'button',
      action_id: opts.actionId,
      block_id: blockId,
      text: button.text,
      ...(button.value === undefined ? {} : { value: button.value }),
      ...(button.style === undefined ? {} : { style: button.style }),
      action_ts: String(Date.now() / 1000),
    });
    if (opts.viewId !== undefined) {
      const record = this.ws.views.get(opts.viewId);
      if (!record || record.userId !== opts.userId)
        throw new Error(`fake Slack: ${opts.userId} sees no view ${opts.viewId}`);
      const found = findButton(record.view.blocks, opts.actionId);
      if (!found) throw new Error(`fake Slack: view ${opts.viewId} has no button ${opts.actionId}`);
      return this.send(
        this.interaction({
          ...common,
          container: { type: 'view', view_id: record.id },
          view: record.view,
          state: record.view.state ?? { values: {} },
          actions: [action(found.blockId, found.button)],
        }),
      );
    }
    if (opts.channelId === undefined)
      throw new Error('fake Slack: clickButton needs a channelId or a viewId');
    const channel = this.memberChannel(opts.userId, opts.channelId);
    const target = this.findMessageWithButton(channel, opts.userId, opts.actionId, opts.messageTs);
    const found = findButton(target.message.blocks, opts.actionId);
    if (!found) throw new Error(`fake Slack: message ${target.message.ts} has no button ${opts.actionId}`);
    const threadTs = target.message.threadTs;
    return this.send(
      this.interaction({
        ...common,
        container: {
          type: 'message',
          message_ts: target.message.ts,
          channel_id: channel.id,
          is_ephemeral: target.ephemeral,
          ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
        },
        channel: { id: channel.id, name: payloadChannelName(channel) },
        ...(target.ephemeral ? {} : { message: messageJson(this.ws, target.message as Message) }),
        state: { values: {} },
        response_url: this.responseUrl({
          userId: opts.userId,
          channelId: channel.id,
          messageTs: target.message.ts,
          messageIsEphemeral: target.ephemeral,
        }),
        actions: [action(found.blockId, found.button)],
      }),
    );
  }

  /** The message the person clicked: by ts, or else the newest one (own ephemerals included) with that button. */
  private findMessageWithButton(
    channel: Channel,
    userId: string,
    actionId: string,
    messageTs: string | undefined,
  ): { message: Message | Ephemeral; ephemeral: boolean } {
    const messages = channel.messages.flatMap((m) => [m, ...m.replies]);
    const candidates = [
      ...messages.map((message) => ({ message, ephemeral: false })),
      ...this.ws.ephemerals
        .filter((e) => e.channel === channel.id && e.user === userId)
        .map((message) => ({ message, ephemeral: true })),
    ]
      .filter((c) =>
        messageTs === undefined ? findButton(c.message.blocks, actionId) : c.message.ts === messageTs,
      )
      .sort((a, b) => (a.message.ts < b.message.ts ? 1 : -1));
    const found = candidates[0];
    if (!found) {
      const which = messageTs === undefined ? `with a button ${actionId}` : messageTs;
      throw new Error(`fake Slack: no message ${which} in ${channel.id} for ${userId}`);
    }
    return found;
  }

  async openHome(userId: string): Promise<Dispatch> {
    const dm = this.ws.openDm(userId);
    const homeId = this.ws.homeViews.get(userId);
    const home = homeId === undefined ? undefined : this.ws.views.get(homeId);
    const envelope = this.eventEnvelope({
      type: 'app_home_opened',
      user: userId,
      channel: dm.id,
      tab: 'home',
      event_ts: (Date.now() / 1000).toFixed(6),
      ...(home ? { view: home.view } : {}),
    });
    return this.sendEvent(envelope);
  }

  /**
   * An Events API `event_callback` for this workspace around `event`. `authorizations` names the installation
   * the event is for (the bot); Slack leaves it out for app_uninstalled and tokens_revoked, sent once the
   * installation is gone, so an app must find the team in `team_id`.
   */
  eventEnvelope(event: JsonObject, opts: { authorizations?: boolean } = {}): JsonObject {
    const { id: teamId, enterpriseId } = this.ws.team;
    // An org-wide installation is the org's: its authorization names no team (docs.slack.dev, org-wide apps).
    const orgWide = this.deps.orgInstalled();
    return {
      token: VERIFICATION_TOKEN,
      team_id: teamId,
      ...(enterpriseId === undefined ? {} : { enterprise_id: enterpriseId }),
      api_app_id: this.ws.bot.appId,
      event,
      type: 'event_callback',
      event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
      event_time: Math.floor(Date.now() / 1000),
      ...(opts.authorizations === false
        ? {}
        : {
            authorizations: [
              {
                enterprise_id: enterpriseId ?? null,
                team_id: orgWide ? null : teamId,
                user_id: this.ws.bot.userId,
                is_bot: true,
                is_enterprise_install: orgWide,
              },
            ],
          }),
      is_ext_shared_channel: false,
    };
  }

  /**
   * Delivers an event envelope, signed, as JSON (the Events API sends JSON, not a form). A retry carries
   * `X-Slack-Retry-Num` (1 to 3) and `X-Slack-Retry-Reason`, and the same envelope (same event_id) as the
   * first delivery: Slack retries an event up to three times when the app has not answered 2xx within 3 s.
   */
  sendEvent(envelope: JsonObject, retry?: { retryNum: number; retryReason?: string }): Promise<Dispatch> {
    const request = this.sign(JSON.stringify(envelope), 'application/json');
    if (retry === undefined) return this.send(request);
    if (!(Number.isInteger(retry.retryNum) && retry.retryNum >= 1 && retry.retryNum <= 3)) {
      throw new Error(`fake Slack: Slack retries an event 1 to 3 times, not ${retry.retryNum}`);
    }
    return this.send(request, {
      'x-slack-retry-num': String(retry.retryNum),
      'x-slack-retry-reason': retry.retryReason ?? 'http_timeout',
    });
  }

  async globalShortcut(opts: { userId: string; callbackId: string }): Promise<Dispatch> {
    return this.send(
      this.interaction({
        type: 'shortcut',
        token: VERIFICATION_TOKEN,
        action_ts: String(Date.now() / 1000),
        team: this.teamJson(),
        user: this.userJson(opts.userId),
        api_app_id: this.ws.bot.appId,
        is_enterprise_install: this.deps.orgInstalled(),
        enterprise: this.enterpriseJson(),
        callback_id: opts.callbackId,
        trigger_id: this.ws.issueTrigger(opts.userId),
      }),
    );
  }
}
