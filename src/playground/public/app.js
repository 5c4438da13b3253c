/**
 * The playground page: receives the person's snapshot over server-sent events and renders the sidebar,
 * the channel, the thread pane, the App Home and the modal; sends what the person does to /actions/*.
 * Snapshot shape: src/playground/fake-slack/types.ts (Snapshot).
 */
import { h, renderBlocks, renderMessageText } from './blocks.js';
import { renderModal, showErrors } from './modal.js';

const COMMAND = '/rust-or-python';

const page = {
  /** @type {any} the latest snapshot */
  snapshot: null,
  channelId: 'C0GENERAL',
  /** 'channel' or 'home' */
  pane: 'channel',
  /** ts of the thread open in the side pane, or null */
  threadTs: null,
  /** `${view id}:${hash}` of the modal on screen, so a new snapshot does not wipe what is being typed */
  modalKey: null,
};

const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const elements = {
  channels: byId('channel-list'),
  homeButton: byId('home-button'),
  title: byId('pane-title'),
  banner: byId('banner'),
  timeline: byId('timeline'),
  home: byId('home'),
  composer: /** @type {HTMLFormElement} */ (byId('composer')),
  composerInput: /** @type {HTMLTextAreaElement} */ (byId('composer-input')),
  threadPane: byId('thread-pane'),
  threadMessages: byId('thread-messages'),
  threadClose: byId('thread-close'),
  dialog: /** @type {HTMLDialogElement} */ (byId('modal')),
  connection: byId('connection'),
};

function showBanner(text, tone = 'info') {
  elements.banner.textContent = text;
  elements.banner.className = `banner ${tone}`;
  elements.banner.hidden = text === '';
}

/** POSTs one page action; a failure the person should know about shows in the banner. */
async function act(name, body) {
  try {
    const response = await fetch(`/actions/${name}`, {
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

/** Display names of everyone the snapshot mentions, for `<@U…>` and user selects. */
function userNames(snapshot) {
  const names = { [snapshot.user.id]: snapshot.user.name, [snapshot.bot.userId]: snapshot.bot.name };
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
    channelNames: Object.fromEntries(snapshot.channels.map((c) => [c.id, c.name])),
    channels: snapshot.channels.filter((c) => !c.isIm && !c.isArchived),
    currentChannelId: page.channelId,
    ...extra,
  };
}

function formatTime(ts) {
  const date = new Date(Number.parseFloat(ts) * 1000);
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function renderMessage(message, { ephemeral = false, inThread = false } = {}) {
  const snapshot = page.snapshot;
  const isBot = message.user === snapshot.bot.userId || ephemeral;
  const ctx = renderContext(snapshot, {
    onAction: (action) =>
      act('click', { ...action, channelId: page.channelId, messageTs: message.ts, ephemeral }),
  });
  const hasBlocks = Array.isArray(message.blocks) && message.blocks.length > 0;
  const replyCount = message.replyCount ?? 0;
  return h(
    'article',
    {
      class: `message${ephemeral ? ' ephemeral' : ''}`,
      'data-ts': message.ts,
      'aria-label': `Message from ${message.userName}`,
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
            { type: 'button', class: 'reply-count', onclick: () => openThread(message.ts) },
            `${replyCount} ${replyCount === 1 ? 'reply' : 'replies'}`,
          )
        : null,
    ),
  );
}

function currentChannel() {
  return page.snapshot?.channels.find((c) => c.id === page.channelId) ?? page.snapshot?.channels[0];
}

function renderSidebar(snapshot) {
  const channels = snapshot.channels.filter((c) => !c.isIm);
  elements.channels.replaceChildren(
    ...channels.map((channel) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'channel-link',
            'aria-current': page.pane === 'channel' && channel.id === page.channelId ? 'page' : null,
            onclick: () => {
              page.pane = 'channel';
              page.channelId = channel.id;
              page.threadTs = null;
              render();
            },
          },
          `${channel.isPrivate ? '🔒' : '#'} ${channel.name}`,
        ),
      ),
    ),
  );
  elements.homeButton.textContent = snapshot.bot.name;
  if (page.pane === 'home') elements.homeButton.setAttribute('aria-current', 'page');
  else elements.homeButton.removeAttribute('aria-current');
}

function renderTimeline(channel) {
  const atBottom =
    elements.timeline.scrollHeight - elements.timeline.scrollTop - elements.timeline.clientHeight < 40;
  const topLevel = channel.ephemerals.filter((e) => e.threadTs === undefined);
  const entries = [
    ...channel.messages.map((message) => ({ ts: message.ts, node: () => renderMessage(message) })),
    ...topLevel.map((e) => ({ ts: e.ts, node: () => renderMessage(e, { ephemeral: true }) })),
  ].sort((a, b) => Number.parseFloat(a.ts) - Number.parseFloat(b.ts));
  elements.timeline.replaceChildren(
    ...(entries.length === 0
      ? [h('p', { class: 'empty' }, `This is the start of #${channel.name}. Try typing ${COMMAND} below.`)]
      : entries.map((entry) => entry.node())),
  );
  if (atBottom) elements.timeline.scrollTop = elements.timeline.scrollHeight;
}

function openThread(ts) {
  page.threadTs = ts;
  render();
  elements.threadClose.focus();
}

function renderThread(channel) {
  const parent = page.threadTs === null ? undefined : channel?.messages.find((m) => m.ts === page.threadTs);
  elements.threadPane.hidden = !parent;
  if (!parent) return;
  const ephemeralReplies = channel.ephemerals.filter((e) => e.threadTs === parent.ts);
  const replies = [
    ...parent.replies.map((reply) => ({
      ts: reply.ts,
      node: () => renderMessage(reply, { inThread: true }),
    })),
    ...ephemeralReplies.map((e) => ({
      ts: e.ts,
      node: () => renderMessage(e, { ephemeral: true, inThread: true }),
    })),
  ].sort((a, b) => Number.parseFloat(a.ts) - Number.parseFloat(b.ts));
  elements.threadMessages.replaceChildren(
    renderMessage(parent, { inThread: true }),
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
    elements.home.replaceChildren(h('p', { class: 'empty' }, 'Loading the App Home…'));
    return;
  }
  const ctx = renderContext(snapshot, {
    onAction: (action) => act('click', { ...action, viewId: home.id }),
  });
  elements.home.replaceChildren(renderBlocks(home.view.blocks, ctx));
}

function renderModalFromSnapshot(snapshot) {
  const top = snapshot.modalStack.at(-1);
  const dialog = elements.dialog;
  if (!top) {
    page.modalKey = null;
    if (dialog.open) dialog.close();
    return;
  }
  const key = `${top.id}:${top.hash}`;
  if (key === page.modalKey) {
    showErrors(dialog, top.errors);
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
  const firstField = dialog.querySelector('.modal-body input, .modal-body select, .modal-body textarea');
  if (firstField instanceof HTMLElement) firstField.focus();
}

function setModalBusy(busy) {
  const submit = elements.dialog.querySelector('button[type="submit"]');
  if (submit instanceof HTMLButtonElement) submit.disabled = busy;
  elements.dialog.setAttribute('aria-busy', String(busy));
}

function render() {
  const snapshot = page.snapshot;
  if (!snapshot) return;
  renderSidebar(snapshot);
  const channel = currentChannel();
  const onHome = page.pane === 'home';
  elements.timeline.hidden = onHome;
  elements.composer.hidden = onHome;
  elements.home.hidden = !onHome;
  if (onHome) {
    elements.title.textContent = `${snapshot.bot.name} · Home`;
    elements.threadPane.hidden = true;
    renderHome(snapshot);
  } else if (channel) {
    page.channelId = channel.id;
    elements.title.textContent = `${channel.isPrivate ? '🔒' : '#'} ${channel.name}`;
    elements.composerInput.placeholder = `Message #${channel.name} — try ${COMMAND}`;
    renderTimeline(channel);
    renderThread(channel);
  }
  renderModalFromSnapshot(snapshot);
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
  render();
  act('home', {});
});

elements.threadClose.addEventListener('click', () => {
  page.threadTs = null;
  render();
});

// Escape closes the modal the way Slack's ✕ does: through the app (view_closed), not only on screen.
elements.dialog.addEventListener('cancel', (event) => {
  event.preventDefault();
  const top = page.snapshot?.modalStack.at(-1);
  if (top) act('close', { viewId: top.id, all: true });
});

const events = new EventSource('/events');
events.addEventListener('message', (event) => {
  page.snapshot = JSON.parse(event.data);
  elements.connection.textContent = '';
  render();
});
events.addEventListener('error', () => {
  elements.connection.textContent = 'Reconnecting to the playground…';
});
