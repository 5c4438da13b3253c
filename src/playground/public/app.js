/**
 * The playground page: receives the person's snapshot over server-sent events and renders the sidebar,
 * the channel, the thread pane, the App Home (its Home and Messages tabs) and the modal; sends what the
 * person does to /actions/*. It acts as one of the workspace's people at a time (`?user=` on the stream
 * and on every action), switched in the header and kept in the address (`#as=bob`), so two tabs can be two
 * people.
 * Snapshot shape: src/playground/fake-slack/types.ts (Snapshot).
 */
import { h, renderBlocks, renderMessageText } from './blocks.js';
import { announceErrors, renderModal, showErrors } from './modal.js';

const COMMAND = '/rust-or-python';
const GROUP_DM_PREFIX = 'mpdm-';

const page = {
  /** Whom the page acts as: a user id from /people.json */
  userId: '',
  /** @type {any} the latest snapshot */
  snapshot: null,
  channelId: 'C0GENERAL',
  /** 'channel' or 'home' (the App Home, with its tabs) */
  pane: 'channel',
  /** 'home' or 'messages' */
  appTab: 'home',
  /** The thread open in the side pane: its conversation and parent ts, or null */
  thread: /** @type {{ channelId: string, ts: string } | null} */ (null),
  /** `${view id}:${hash}` of the modal on screen, so a new snapshot does not wipe what is being typed */
  modalKey: null,
  /** The app's inline errors last announced, so a snapshot that repeats them does not move focus again */
  modalErrors: '{}',
  /** Per person: newest ts of the app's direct messages they have seen on the Messages tab */
  dmSeenTs: /** @type {Record<string, string>} */ ({}),
  /** The message a permalink led to, marked until the person goes elsewhere */
  target: /** @type {{ channelId: string, ts: string } | null} */ (null),
  /** Whether the next render scrolls to the target (once, when the link is followed) */
  scrollToTarget: false,
};

const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const elements = {
  channels: byId('channel-list'),
  dmHeading: byId('dm-heading'),
  dms: byId('dm-list'),
  homeButton: byId('home-button'),
  homeName: byId('home-name'),
  unread: byId('unread'),
  title: byId('pane-title'),
  banner: byId('banner'),
  timeline: byId('timeline'),
  home: byId('home'),
  homeTab: byId('tab-home'),
  messagesTab: byId('tab-messages'),
  homePanel: byId('home-panel'),
  messagesPanel: byId('messages-panel'),
  dmTimeline: byId('dm-timeline'),
  messagesNote: byId('messages-note'),
  shortcutsButton: byId('shortcuts-button'),
  shortcutsMenu: byId('shortcuts-menu'),
  channelNote: byId('channel-note'),
  composer: /** @type {HTMLFormElement} */ (byId('composer')),
  composerInput: /** @type {HTMLTextAreaElement} */ (byId('composer-input')),
  threadPane: byId('thread-pane'),
  threadMessages: byId('thread-messages'),
  threadClose: byId('thread-close'),
  dialog: /** @type {HTMLDialogElement} */ (byId('modal')),
  connection: byId('connection'),
  person: /** @type {HTMLSelectElement} */ (byId('person')),
};

function showBanner(text, tone = 'info') {
  elements.banner.textContent = text;
  elements.banner.className = `banner ${tone}`;
  elements.banner.hidden = text === '';
}

/** POSTs one page action; a failure the person should know about shows in the banner. */
async function act(name, body) {
  try {
    const response = await fetch(`/actions/${name}?${new URLSearchParams({ user: page.userId })}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const result = await response.json().catch(() => ({}));
    if (!response.ok || result.ok === false) {
      showBanner(result.message ?? `The app did not accept that (HTTP ${response.status}).`, 'error');
    } else if (result.notice) {
      showBanner(result.notice, 'info');
    } else {
      showBanner('');
    }
    return result;
  } catch {
    showBanner('The playground server is not reachable. Is it still running?', 'error');
    return { ok: false };
  }
}

/**
 * What Slack's client takes from the app's manifest (served by the playground as /app.json): its global
 * shortcuts and its Messages tab. Read once, before the first snapshot is shown.
 * @type {{ shortcuts: { name: string, callbackId: string, description: string }[],
 *   messagesTab: { enabled: boolean, readOnly: boolean } }}
 */
const appConfig = await fetchJson('/app.json').catch(() => {
  showBanner('Could not read the app manifest: shortcuts and the Messages tab are not shown.', 'error');
  return { shortcuts: [], messagesTab: { enabled: false, readOnly: true } };
});

/**
 * The workspace's people, whom the page can act as, and whom it acts as by default.
 * @type {{ people: { id: string, name: string }[], defaultUserId: string }}
 */
const workspace = await fetchJson('/people.json').catch((error) => {
  showBanner(
    'Could not read who is in the playground’s workspace. Start the playground again (npm start) and reload this page.',
    'error',
  );
  throw error;
});

function fetchJson(path) {
  return fetch(path).then((response) =>
    response.ok ? response.json() : Promise.reject(new Error(String(response.status))),
  );
}

/**
 * What a conversation is to the person: the app's DM (its Messages tab), a DM or group DM with people,
 * or a channel. Group DMs carry Slack's `mpdm-` names; some have C ids, so the name is what tells.
 */
function kindOf(channel) {
  if (channel.isIm) return channel.botIsMember ? 'app' : 'dm';
  return channel.name.startsWith(GROUP_DM_PREFIX) ? 'dm' : 'channel';
}

/** A people DM's name as Slack's sidebar shows it: the other people's handles (`alice--bob` -> bob). */
function dmName(channel, snapshot) {
  const handles = channel.name
    .replace(GROUP_DM_PREFIX, '')
    .replace(/-\d+$/, '')
    .split('--')
    .filter((handle) => handle !== snapshot.user.name);
  return handles.length > 0 ? handles.join(', ') : channel.name;
}

/** Why nobody (or not everybody) can post here, for the sidebar, the title and under the timeline. */
function restriction(channel) {
  if (channel.isArchived) {
    return { tag: 'archived', note: 'This channel has been archived: no one can post in it.', closed: true };
  }
  if (channel.isReadOnly) {
    return { tag: 'read-only', note: 'Only some members can post in this read-only channel.', closed: false };
  }
  return null;
}

function channelLabel(channel, snapshot) {
  if (kindOf(channel) === 'dm') return dmName(channel, snapshot);
  const limit = restriction(channel);
  return `${channel.isPrivate ? '🔒' : '#'} ${channel.name}${limit ? ` (${limit.tag})` : ''}`;
}

/** Display names of the workspace's people and of everyone the snapshot mentions, for `<@U…>`. */
function userNames(snapshot) {
  const names = Object.fromEntries(workspace.people.map((person) => [person.id, person.name]));
  names[snapshot.user.id] = snapshot.user.name;
  names[snapshot.bot.userId] = snapshot.bot.name;
  for (const channel of snapshot.channels) {
    for (const message of channel.messages) {
      names[message.user] = message.userName;
      for (const reply of message.replies) names[reply.user] = reply.userName;
    }
  }
  return names;
}

function renderContext(snapshot, extra = {}) {
  return {
    users: userNames(snapshot),
    people: workspace.people,
    channelNames: Object.fromEntries(snapshot.channels.map((c) => [c.id, c.name])),
    channels: snapshot.channels.filter((c) => kindOf(c) === 'channel' && !c.isArchived),
    currentChannelId: page.channelId,
    ...extra,
  };
}

function formatTime(ts) {
  const date = new Date(Number.parseFloat(ts) * 1000);
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function renderMessage(message, { channelId, ephemeral = false, inThread = false }) {
  const snapshot = page.snapshot;
  const isBot = message.user === snapshot.bot.userId || ephemeral;
  const ctx = renderContext(snapshot, {
    onAction: (action) => act('click', { ...action, channelId, messageTs: message.ts, ephemeral }),
  });
  const hasBlocks = Array.isArray(message.blocks) && message.blocks.length > 0;
  const replyCount = message.replyCount ?? 0;
  const linked = !ephemeral && page.target?.channelId === channelId && page.target.ts === message.ts;
  return h(
    'article',
    {
      class: `message${ephemeral ? ' ephemeral' : ''}${linked ? ' linked' : ''}`,
      'data-ts': message.ts,
      'aria-label': `Message from ${message.userName}${linked ? ' (the linked message)' : ''}`,
      // Focus moves to the message a link led to, so the keyboard and screen readers start there.
      tabindex: linked ? '-1' : null,
    },
    h(
      'div',
      { class: `avatar${isBot ? ' bot' : ''}`, 'aria-hidden': 'true' },
      (message.userName ?? '?').slice(0, 1).toUpperCase(),
    ),
    h(
      'div',
      { class: 'message-body' },
      h(
        'div',
        { class: 'message-meta' },
        h('span', { class: 'author' }, message.userName ?? message.user ?? ''),
        isBot ? h('span', { class: 'app-badge' }, 'APP') : null,
        h(
          'time',
          { datetime: new Date(Number.parseFloat(message.ts) * 1000).toISOString() },
          formatTime(message.ts),
        ),
        message.edited ? h('span', { class: 'edited' }, '(edited)') : null,
      ),
      ephemeral ? h('div', { class: 'ephemeral-note' }, '👁 Only visible to you') : null,
      hasBlocks ? renderBlocks(message.blocks, ctx) : renderMessageText(message.text ?? '', ctx),
      !inThread && replyCount > 0
        ? h(
            'button',
            { type: 'button', class: 'reply-count', onclick: () => openThread(channelId, message.ts) },
            `${replyCount} ${replyCount === 1 ? 'reply' : 'replies'}`,
          )
        : null,
    ),
  );
}

/** The app's DM with the person, once the app has opened it. */
function appConversation(snapshot) {
  return snapshot.channels.find((c) => kindOf(c) === 'app');
}

function currentChannel() {
  const channels = page.snapshot?.channels.filter((c) => kindOf(c) !== 'app') ?? [];
  return channels.find((c) => c.id === page.channelId) ?? channels[0];
}

function dmSeenTs() {
  return page.dmSeenTs[page.userId] ?? '0';
}

function unreadFromApp(snapshot) {
  const dm = appConversation(snapshot);
  if (!dm) return 0;
  const seen = Number.parseFloat(dmSeenTs());
  return dm.messages.filter((m) => m.user === snapshot.bot.userId && Number.parseFloat(m.ts) > seen).length;
}

function sidebarButton(channel, snapshot) {
  return h(
    'li',
    {},
    h(
      'button',
      {
        type: 'button',
        class: `channel-link${restriction(channel) ? ' restricted' : ''}`,
        'aria-current': page.pane === 'channel' && channel.id === page.channelId ? 'page' : null,
        onclick: () => {
          page.pane = 'channel';
          page.channelId = channel.id;
          page.thread = null;
          page.target = null;
          render();
        },
      },
      channelLabel(channel, snapshot),
    ),
  );
}

function renderSidebar(snapshot) {
  const channels = snapshot.channels.filter((c) => kindOf(c) === 'channel');
  const dms = snapshot.channels.filter((c) => kindOf(c) === 'dm');
  elements.channels.replaceChildren(...channels.map((channel) => sidebarButton(channel, snapshot)));
  elements.dms.replaceChildren(...dms.map((channel) => sidebarButton(channel, snapshot)));
  elements.dms.hidden = dms.length === 0;
  elements.dmHeading.hidden = dms.length === 0;

  const unread = unreadFromApp(snapshot);
  elements.homeName.textContent = snapshot.bot.name;
  elements.unread.textContent = String(unread);
  elements.unread.hidden = unread === 0;
  elements.homeButton.setAttribute(
    'aria-label',
    unread === 0
      ? snapshot.bot.name
      : `${snapshot.bot.name}, ${unread} unread message${unread === 1 ? '' : 's'}`,
  );
  if (page.pane === 'home') elements.homeButton.setAttribute('aria-current', 'page');
  else elements.homeButton.removeAttribute('aria-current');
}

/** Messages and the person's ephemerals of one conversation, oldest first. */
function conversationEntries(channel) {
  const topLevel = channel.ephemerals.filter((e) => e.threadTs === undefined);
  return [
    ...channel.messages.map((message) => ({
      ts: message.ts,
      node: () => renderMessage(message, { channelId: channel.id }),
    })),
    ...topLevel.map((e) => ({
      ts: e.ts,
      node: () => renderMessage(e, { channelId: channel.id, ephemeral: true }),
    })),
  ].sort((a, b) => Number.parseFloat(a.ts) - Number.parseFloat(b.ts));
}

function renderConversation(container, channel, emptyText) {
  const atBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 40;
  const entries = channel ? conversationEntries(channel) : [];
  container.replaceChildren(
    ...(entries.length === 0
      ? [h('p', { class: 'empty' }, emptyText)]
      : entries.map((entry) => entry.node())),
  );
  if (atBottom) container.scrollTop = container.scrollHeight;
}

function openThread(channelId, ts) {
  page.thread = { channelId, ts };
  render();
  elements.threadClose.focus();
}

function renderThread(snapshot) {
  const channel = page.thread && snapshot.channels.find((c) => c.id === page.thread?.channelId);
  const parent = channel?.messages.find((m) => m.ts === page.thread?.ts);
  elements.threadPane.hidden = !parent;
  if (!channel || !parent) return;
  const ephemeralReplies = channel.ephemerals.filter((e) => e.threadTs === parent.ts);
  const replies = [
    ...parent.replies.map((reply) => ({
      ts: reply.ts,
      node: () => renderMessage(reply, { channelId: channel.id, inThread: true }),
    })),
    ...ephemeralReplies.map((e) => ({
      ts: e.ts,
      node: () => renderMessage(e, { channelId: channel.id, ephemeral: true, inThread: true }),
    })),
  ].sort((a, b) => Number.parseFloat(a.ts) - Number.parseFloat(b.ts));
  elements.threadMessages.replaceChildren(
    renderMessage(parent, { channelId: channel.id, inThread: true }),
    h(
      'div',
      { class: 'thread-divider' },
      `${parent.replyCount} ${parent.replyCount === 1 ? 'reply' : 'replies'}`,
    ),
    ...replies.map((entry) => entry.node()),
  );
}

function renderHome(snapshot) {
  const home = snapshot.home;
  if (!home) {
    elements.homePanel.replaceChildren(h('p', { class: 'empty' }, 'Loading the App Home…'));
    return;
  }
  const ctx = renderContext(snapshot, {
    onAction: (action) => act('click', { ...action, viewId: home.id }),
  });
  elements.homePanel.replaceChildren(renderBlocks(home.view.blocks, ctx));
}

function renderAppPane(snapshot) {
  const onMessages = page.appTab === 'messages' && appConfig.messagesTab.enabled;
  elements.homeTab.setAttribute('aria-selected', String(!onMessages));
  elements.messagesTab.setAttribute('aria-selected', String(onMessages));
  // One tab stop for the tab list; arrow keys move between tabs.
  elements.homeTab.tabIndex = onMessages ? -1 : 0;
  elements.messagesTab.tabIndex = onMessages ? 0 : -1;
  elements.homePanel.hidden = onMessages;
  elements.messagesPanel.hidden = !onMessages;
  if (!onMessages) {
    renderHome(snapshot);
    return;
  }
  const dm = appConversation(snapshot);
  renderConversation(
    elements.dmTimeline,
    dm,
    `No messages yet. ${snapshot.bot.name} writes here when it has something just for you.`,
  );
  const newest = dm?.messages.at(-1)?.ts;
  if (newest !== undefined && Number.parseFloat(newest) > Number.parseFloat(dmSeenTs()))
    page.dmSeenTs[page.userId] = newest;
}

function renderModalFromSnapshot(snapshot) {
  const stack = snapshot.modalStack;
  const top = stack.at(-1);
  const dialog = elements.dialog;
  if (!top) {
    page.modalKey = null;
    page.modalErrors = '{}';
    if (dialog.open) dialog.close();
    return;
  }
  const key = `${top.id}:${top.hash}`;
  const errors = JSON.stringify(top.errors ?? {});
  const newErrors = errors !== page.modalErrors;
  page.modalErrors = errors;
  if (key === page.modalKey) {
    // Unchanged errors stay as they are, so an unrelated snapshot (a reply landing) does not wipe the ones
    // the page itself found (required fields left empty).
    if (newErrors) announceErrors(dialog, showErrors(dialog, top.errors));
    setModalBusy(false);
    // The browser may close a <dialog> on its own (repeated Escape); the modal is still open in Slack.
    if (!dialog.open) dialog.showModal();
    return;
  }
  page.modalKey = key;
  renderModal(
    dialog,
    top.view,
    top.errors,
    renderContext(snapshot, {
      canGoBack: stack.length > 1,
      onSubmit: async (inputs) => {
        setModalBusy(true);
        const result = await act('submit', { viewId: top.id, inputs });
        if (result.ok === false || result.notice) setModalBusy(false);
      },
      onClose: (all) => act('close', { viewId: top.id, all }),
      onAction: (action) => act('click', { ...action, viewId: top.id }),
    }),
  );
  if (!dialog.open) dialog.showModal();
  // Focus can only move once the dialog is open: to the first error when the view has any, else the first field.
  const shown = showErrors(dialog, top.errors);
  if (shown.length > 0) {
    announceErrors(dialog, shown);
    return;
  }
  const firstField = dialog.querySelector('.modal-body input, .modal-body select, .modal-body textarea');
  if (firstField instanceof HTMLElement) firstField.focus();
}

function setModalBusy(busy) {
  const submit = elements.dialog.querySelector('button[type="submit"]');
  if (submit instanceof HTMLButtonElement) submit.disabled = busy;
  elements.dialog.setAttribute('aria-busy', String(busy));
}

const SLACK_ID = /^[A-Z0-9]{1,32}$/;
const MESSAGE_TS = /^\d{1,12}\.\d{6}$/;
/** A permalink's path, as Slack shapes it: the conversation, then the ts without its dot. */
const PERMALINK_PATH = /^\/archives\/([A-Z0-9]{1,32})\/p(\d{1,12})(\d{6})$/;

/** The message a `#channel=C…&ts=…` fragment names (where the playground sends permalinks), or null. */
function targetFromFragment(params) {
  const channelId = params.get('channel') ?? '';
  const ts = params.get('ts') ?? '';
  return SLACK_ID.test(channelId) && MESSAGE_TS.test(ts) ? { channelId, ts } : null;
}

/** The message a link names when it is a permalink of this workspace (or of the page itself), else null. */
function targetFromLink(href) {
  let url;
  try {
    url = new URL(href, location.href);
  } catch {
    return null;
  }
  const workspace = page.snapshot ? new URL(page.snapshot.team.url).origin : null;
  if (url.origin !== location.origin && url.origin !== workspace) return null;
  const match = PERMALINK_PATH.exec(url.pathname);
  return match ? { channelId: match[1], ts: `${match[2]}.${match[3]}` } : null;
}

function followLink(target) {
  page.target = target;
  page.scrollToTarget = true;
  render();
}

/** Where a message is: in a conversation's timeline, or in the thread of `parentTs`; null when it is not there. */
function locate(channel, ts) {
  for (const message of channel.messages) {
    if (message.ts === ts) return { parentTs: null };
    if (message.replies.some((reply) => reply.ts === ts)) return { parentTs: message.ts };
  }
  return null;
}

/**
 * Opens what a followed link points to: the conversation (the App Home's Messages tab for the app's DM),
 * and the thread when the message is a reply. Says so when the person cannot see it.
 */
function openTarget(snapshot) {
  const target = page.target;
  if (!target) return;
  const channel = snapshot.channels.find((c) => c.id === target.channelId);
  const isAppDm = channel !== undefined && kindOf(channel) === 'app';
  if (!channel || (isAppDm && !appConfig.messagesTab.enabled)) {
    page.target = null;
    showBanner('That message is in a conversation you are not in.', 'info');
    return;
  }
  if (isAppDm) {
    page.pane = 'home';
    page.appTab = 'messages';
  } else {
    page.pane = 'channel';
    page.channelId = channel.id;
  }
  const place = locate(channel, target.ts);
  page.thread = place?.parentTs ? { channelId: channel.id, ts: place.parentTs } : null;
  if (place) {
    showBanner('');
    return;
  }
  page.target = null;
  const where = kindOf(channel) === 'channel' ? `#${channel.name}` : 'this conversation';
  showBanner(`That message is no longer in ${where}.`, 'info');
}

/** Brings the linked message into view and gives it focus, once, after it is rendered. */
function scrollToTarget() {
  const target = page.target;
  if (!target) return;
  const inThread = page.thread !== null && page.thread.ts !== target.ts;
  const container = inThread
    ? elements.threadMessages
    : page.pane === 'home'
      ? elements.dmTimeline
      : elements.timeline;
  const message = container.querySelector(`.message[data-ts="${CSS.escape(target.ts)}"]`);
  if (!(message instanceof HTMLElement)) return;
  message.scrollIntoView({ block: 'center' });
  message.focus({ preventScroll: true });
}

function render() {
  const snapshot = page.snapshot;
  if (!snapshot) return;
  const following = page.scrollToTarget;
  if (following) openTarget(snapshot);
  const channel = currentChannel();
  const onHome = page.pane === 'home';
  if (onHome) {
    elements.title.textContent = snapshot.bot.name;
    renderAppPane(snapshot);
  } else if (channel) {
    page.channelId = channel.id;
    const name = kindOf(channel) === 'dm' ? dmName(channel, snapshot) : `#${channel.name}`;
    elements.title.textContent = channelLabel(channel, snapshot);
    elements.composerInput.placeholder = `Message ${name} — try ${COMMAND}`;
    renderConversation(
      elements.timeline,
      channel,
      `This is the start of ${name}. Try typing ${COMMAND} below.`,
    );
  }
  const limit = !onHome && channel ? restriction(channel) : null;
  elements.timeline.hidden = onHome;
  elements.home.hidden = !onHome;
  elements.channelNote.hidden = limit === null;
  elements.channelNote.textContent = limit?.note ?? '';
  elements.composer.hidden = onHome || limit?.closed === true;
  renderSidebar(snapshot);
  renderThread(snapshot);
  renderModalFromSnapshot(snapshot);
  if (following) {
    page.scrollToTarget = false;
    scrollToTarget();
  }
}

elements.composer.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = elements.composerInput.value.trim();
  if (text === '') return;
  elements.composerInput.value = '';
  await act('message', { channelId: page.channelId, text });
});

elements.composerInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    elements.composer.requestSubmit();
  }
});

elements.homeButton.addEventListener('click', () => {
  page.pane = 'home';
  page.thread = null;
  page.target = null;
  render();
  act('home', {});
});

function selectTab(tab) {
  page.appTab = tab;
  render();
  (tab === 'home' ? elements.homeTab : elements.messagesTab).focus();
}

elements.messagesTab.hidden = !appConfig.messagesTab.enabled;
// Slack replaces the composer with this sentence when the manifest makes the Messages tab read-only.
elements.messagesNote.textContent = appConfig.messagesTab.readOnly
  ? 'Sending messages to this app has been turned off.'
  : 'The playground does not send messages to the app from here.';

elements.homeTab.addEventListener('click', () => selectTab('home'));
elements.messagesTab.addEventListener('click', () => selectTab('messages'));
for (const tab of [elements.homeTab, elements.messagesTab]) {
  tab.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault();
      selectTab(page.appTab === 'home' ? 'messages' : 'home');
    }
  });
}

// The composer's shortcuts menu: the app's global shortcuts, as Slack's client lists them.
function setShortcutsMenu(open) {
  elements.shortcutsMenu.hidden = !open;
  elements.shortcutsButton.setAttribute('aria-expanded', String(open));
  if (open) elements.shortcutsMenu.querySelector('[role="menuitem"]')?.focus();
}

elements.shortcutsButton.hidden = appConfig.shortcuts.length === 0;
elements.shortcutsMenu.replaceChildren(
  ...appConfig.shortcuts.map((shortcut) =>
    h(
      'button',
      {
        type: 'button',
        role: 'menuitem',
        tabindex: '-1',
        onclick: () => {
          setShortcutsMenu(false);
          act('shortcut', { callbackId: shortcut.callbackId });
        },
      },
      h('span', { class: 'menu-name' }, shortcut.name),
      h('span', { class: 'menu-description' }, shortcut.description),
    ),
  ),
);
elements.shortcutsButton.addEventListener('click', () => setShortcutsMenu(elements.shortcutsMenu.hidden));
elements.shortcutsMenu.addEventListener('keydown', (event) => {
  const items = [...elements.shortcutsMenu.querySelectorAll('[role="menuitem"]')];
  const at = items.indexOf(/** @type {Element} */ (document.activeElement));
  if (event.key === 'Escape') {
    event.preventDefault();
    setShortcutsMenu(false);
    elements.shortcutsButton.focus();
  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const step = event.key === 'ArrowDown' ? 1 : -1;
    /** @type {HTMLElement | undefined} */ (items[(at + step + items.length) % items.length])?.focus();
  }
});
document.addEventListener('click', (event) => {
  const target = /** @type {Node} */ (event.target);
  if (!elements.shortcutsMenu.hidden && !elements.shortcutsMenu.parentElement?.contains(target)) {
    setShortcutsMenu(false);
  }
});

elements.threadClose.addEventListener('click', () => {
  page.thread = null;
  page.target = null;
  render();
});

// A permalink opens in the page, as in Slack's client: a link to this workspace's /archives/… (the fake's
// address) or to the page's own. Other links open in a new tab as before, and so does a permalink opened with
// a modifier key: the fake and the playground then send it to a new page as #channel=…&ts=….
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  const target = link ? targetFromLink(link.getAttribute('href') ?? '') : null;
  if (!target) return;
  event.preventDefault();
  followLink(target);
});

/** Puts the fragment's parameters in the address bar, without a new history entry or a hashchange. */
function replaceFragment(params) {
  const fragment = params.toString();
  history.replaceState(null, '', `${location.pathname}${location.search}${fragment ? `#${fragment}` : ''}`);
}

/**
 * The fragment: `as=<name>`, whom this tab acts as (kept there so a reload keeps it; without it, the default
 * person, or whoever the tab already is), and a followed permalink's `channel`, `ts` and `thread`, opened
 * once and then taken out of the address bar.
 */
function followFragment() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const named = params.get('as');
  const person = workspace.people.find((p) => p.name === named);
  const userId = person?.id ?? (page.userId || workspace.defaultUserId);
  actAs(userId);
  if (named !== null && !person) {
    showBanner(
      `The playground’s workspace has nobody called "${named}": you are ${nameOf(userId)}.`,
      'error',
    );
  }
  const target = targetFromFragment(params);
  const kept = new URLSearchParams(
    named === null && userId === workspace.defaultUserId ? {} : { as: nameOf(userId) },
  );
  if (kept.toString() !== params.toString()) replaceFragment(kept);
  if (target) followLink(target);
}

// Escape closes the modal the way Slack's ✕ does: through the app (view_closed), not only on screen.
elements.dialog.addEventListener('cancel', (event) => {
  event.preventDefault();
  const top = page.snapshot?.modalStack.at(-1);
  if (top) act('close', { viewId: top.id, all: true });
});

function nameOf(userId) {
  return workspace.people.find((p) => p.id === userId)?.name ?? userId;
}

/** @type {EventSource | null} the stream of the acting person's snapshots */
let events = null;

/**
 * Acts as `userId` from now on: the page drops what the previous person saw (their modal, their private
 * messages) and follows the new person's snapshots, as if they had opened Slack.
 */
function actAs(userId) {
  if (userId === page.userId) return;
  events?.close();
  page.userId = userId;
  page.snapshot = null;
  page.modalKey = null;
  page.modalErrors = '{}';
  elements.person.value = userId;
  document.title = `${nameOf(userId)} · rust-or-python · playground`;
  if (elements.dialog.open) elements.dialog.close();
  for (const confirm of document.querySelectorAll('dialog.confirm')) confirm.remove();
  for (const view of [elements.timeline, elements.threadMessages, elements.homePanel, elements.dmTimeline]) {
    view.replaceChildren();
  }
  showBanner('');
  elements.connection.textContent = `Connecting as ${nameOf(userId)}…`;
  const stream = new EventSource(`/events?${new URLSearchParams({ user: userId })}`);
  stream.addEventListener('message', (event) => {
    page.snapshot = JSON.parse(event.data);
    elements.connection.textContent = '';
    render();
  });
  stream.addEventListener('error', () => {
    elements.connection.textContent = 'Reconnecting to the playground…';
  });
  events = stream;
  // The App Home on screen is the new person's, which the app publishes when they open it.
  if (page.pane === 'home') act('home', {});
}

elements.person.replaceChildren(
  ...workspace.people.map((person) => h('option', { value: person.id }, person.name)),
);
elements.person.addEventListener('change', () => {
  replaceFragment(new URLSearchParams({ as: nameOf(elements.person.value) }));
  actAs(elements.person.value);
});
window.addEventListener('hashchange', followFragment);
followFragment();
