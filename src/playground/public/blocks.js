/**
 * Block Kit -> DOM for messages, modals and the App Home. Every piece of text from a message or view goes
 * through textContent or a text node; no HTML string is ever parsed, so nothing from the app can run.
 */
import { formatSlackDate, parseMrkdwn, replaceEmoji, safeUrl } from './mrkdwn.js';

/**
 * Creates an element. `attrs` keys starting with `on` become listeners; other values become attributes
 * (skipped when null, undefined or false). Children are nodes or strings (strings become text nodes).
 * @param {string} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...(Node | string | null | undefined | false)} children
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Number.POSITIVE_INFINITY)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

const BAR = /[█▓▒░]{3,}/g;

/**
 * Text with its bar charts (runs of block characters, as in a score bar) given a text alternative: a screen
 * reader says "60% filled" instead of reading out twenty block characters.
 */
function textWithBars(text) {
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(BAR)) {
    const bar = match[0];
    const filled = [...bar].filter((ch) => ch === '█' || ch === '▓').length;
    const percent = Math.round((filled / bar.length) * 100);
    nodes.push(text.slice(last, match.index));
    nodes.push(
      h(
        'span',
        { class: 'bar', role: 'img', 'aria-label': `${percent}% filled` },
        h('span', { 'aria-hidden': 'true' }, bar),
      ),
    );
    last = match.index + bar.length;
  }
  nodes.push(text.slice(last));
  return nodes.filter((node) => node !== '');
}

function renderDate(node) {
  const text = formatSlackDate(node.timestamp, node.format, node.fallback);
  // Dates past the year 275760 have no ISO form (toISOString throws): such a token shows its text only.
  const valid = Number.isFinite(node.timestamp) && Math.abs(node.timestamp) <= 8.64e12;
  const iso = valid ? new Date(node.timestamp * 1000).toISOString() : null;
  const time = h('time', { datetime: iso, title: node.fallback || null }, text);
  return node.url ? h('a', { href: node.url, target: '_blank', rel: 'noopener noreferrer' }, time) : time;
}

function mrkdwnNodesToDom(nodes, ctx) {
  return nodes.flatMap((node) => {
    switch (node.type) {
      case 'text':
        return textWithBars(node.text).map((part) =>
          typeof part === 'string' ? document.createTextNode(part) : part,
        );
      case 'bold':
        return h('strong', {}, mrkdwnNodesToDom(node.children, ctx));
      case 'italic':
        return h('em', {}, mrkdwnNodesToDom(node.children, ctx));
      case 'strike':
        return h('del', {}, mrkdwnNodesToDom(node.children, ctx));
      case 'code':
        return h('code', {}, textWithBars(node.text));
      case 'pre':
        return h('pre', {}, node.text);
      case 'quote':
        return h('blockquote', {}, mrkdwnNodesToDom(node.children, ctx));
      case 'link':
        return h(
          'a',
          { href: node.url, target: '_blank', rel: 'noopener noreferrer' },
          mrkdwnNodesToDom(node.children, ctx),
        );
      case 'user':
        return h('span', { class: 'mention' }, `@${ctx.users?.[node.id] ?? node.label ?? node.id}`);
      case 'channel':
        return h('span', { class: 'mention' }, `#${ctx.channelNames?.[node.id] ?? node.label ?? node.id}`);
      case 'broadcast':
        return h('span', { class: 'mention' }, `@${node.name}`);
      case 'date':
        return renderDate(node);
      default:
        return document.createTextNode('');
    }
  });
}

/** A Block Kit text object (plain_text or mrkdwn) as a span. */
export function renderText(textObject, ctx, className = 'text') {
  if (!textObject) return null;
  if (typeof textObject === 'string' || textObject.type === 'mrkdwn') {
    const source = typeof textObject === 'string' ? textObject : textObject.text;
    return h('span', { class: `${className} mrkdwn` }, mrkdwnNodesToDom(parseMrkdwn(source), ctx));
  }
  const text = String(textObject.text ?? '');
  return h('span', { class: className }, textObject.emoji === false ? text : replaceEmoji(text));
}

/** Message text without blocks is mrkdwn too. */
export function renderMessageText(text, ctx) {
  return h('div', { class: 'message-text' }, renderText({ type: 'mrkdwn', text }, ctx));
}

// A small subset of CommonMark for the `markdown` block: headings, lists, fences, emphasis, links.
function renderMarkdown(source, ctx) {
  const container = h('div', { class: 'block markdown' });
  const lines = String(source ?? '').split('\n');
  let list = null;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.startsWith('```')) {
      const code = [];
      index += 1;
      while (index < lines.length && !(lines[index] ?? '').startsWith('```')) {
        code.push(lines[index]);
        index += 1;
      }
      list = null;
      container.append(h('pre', {}, code.join('\n')));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*(?:[-*+]|\d+\.)\s+(.*)$/.exec(line);
    if (heading) {
      list = null;
      container.append(
        h(`h${Math.min(6, (heading[1] ?? '#').length + 2)}`, {}, markdownInline(heading[2], ctx)),
      );
    } else if (item) {
      if (!list) {
        list = h('ul');
        container.append(list);
      }
      list.append(h('li', {}, markdownInline(item[1], ctx)));
    } else if (line.trim() === '') {
      list = null;
    } else {
      list = null;
      container.append(h('p', {}, markdownInline(line, ctx)));
    }
  }
  return container;
}

function markdownInline(text, ctx) {
  // Translate CommonMark emphasis and links to mrkdwn so both share one safe renderer.
  const asMrkdwn = String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_match, label, url) => `<${url}|${label}>`);
  return mrkdwnNodesToDom(parseMrkdwn(asMrkdwn), ctx);
}

function unsupported(kind, type) {
  return h('div', { class: 'unsupported', role: 'note' }, `Unsupported ${kind}: ${type ?? 'unknown'}`);
}

let confirmDialogs = 0;

/**
 * A button's `confirm` object as Slack shows it: a dialog with its title, text and two buttons; `onConfirm`
 * runs only when the person confirms. Escape or the deny button closes it and nothing is sent.
 */
function askToConfirm(confirm, ctx, onConfirm) {
  confirmDialogs += 1;
  const titleId = `confirm-title-${confirmDialogs}`;
  const style = confirm.style === 'danger' ? 'danger' : 'primary';
  const dialog = h(
    'dialog',
    { class: 'modal confirm', 'aria-labelledby': titleId },
    h(
      'form',
      {
        class: 'modal-form',
        onsubmit: (event) => {
          event.preventDefault();
          dialog.close();
          onConfirm();
        },
      },
      h('header', { class: 'modal-header' }, h('h2', { id: titleId }, String(confirm.title?.text ?? ''))),
      h('div', { class: 'modal-body' }, renderText(confirm.text, ctx)),
      h(
        'footer',
        { class: 'modal-footer' },
        h(
          'button',
          { type: 'button', class: 'bk-button', onclick: () => dialog.close() },
          String(confirm.deny?.text ?? 'Cancel'),
        ),
        h('button', { type: 'submit', class: `bk-button ${style}` }, String(confirm.confirm?.text ?? 'Yes')),
      ),
    ),
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

function renderButton(element, blockId, ctx) {
  const style = element.style === 'primary' || element.style === 'danger' ? element.style : '';
  const press = () =>
    ctx.onAction?.({ type: 'button', actionId: element.action_id, blockId, value: element.value });
  const button = h(
    'button',
    {
      type: 'button',
      class: `bk-button ${style}`,
      // Slack asks first when the button carries a confirm object, and sends the click only on yes.
      onclick: () => (element.confirm ? askToConfirm(element.confirm, ctx, press) : press()),
    },
    String(element.text?.text ?? ''),
  );
  if (element.url) {
    const url = safeUrl(element.url);
    if (url)
      return h(
        'a',
        { class: `bk-button ${style}`, href: url, target: '_blank', rel: 'noopener noreferrer' },
        String(element.text?.text ?? ''),
      );
  }
  return button;
}

/** Interactive elements outside inputs (section accessories, actions blocks). */
function renderActionElement(element, blockId, ctx) {
  switch (element?.type) {
    case 'button':
      return renderButton(element, blockId, ctx);
    case 'image':
      return h(
        'span',
        { class: 'image-placeholder', role: 'img', 'aria-label': element.alt_text ?? 'image' },
        `🖼 ${element.alt_text ?? ''}`,
      );
    default:
      return unsupported('element', element?.type);
  }
}

function renderBlock(block, index, ctx) {
  const blockId = block?.block_id ?? `block-${index}`;
  switch (block?.type) {
    case 'header':
      return h('h3', { class: 'block header' }, renderText(block.text, ctx, 'header-text'));
    case 'divider':
      return h('hr', { class: 'block divider' });
    case 'section':
      return h(
        'div',
        { class: `block section${block.accessory ? ' with-accessory' : ''}` },
        h(
          'div',
          { class: 'section-body' },
          block.text ? h('div', { class: 'section-text' }, renderText(block.text, ctx)) : null,
          Array.isArray(block.fields) && block.fields.length > 0
            ? h(
                'div',
                { class: 'section-fields' },
                block.fields.map((field) => h('div', { class: 'field' }, renderText(field, ctx))),
              )
            : null,
        ),
        block.accessory
          ? h('div', { class: 'accessory' }, renderActionElement(block.accessory, blockId, ctx))
          : null,
      );
    case 'context':
      return h(
        'div',
        { class: 'block context' },
        (block.elements ?? []).map((element) =>
          element?.type === 'image'
            ? h(
                'span',
                { class: 'image-placeholder', role: 'img', 'aria-label': element.alt_text ?? 'image' },
                '🖼',
              )
            : renderText(element, ctx, 'context-text'),
        ),
      );
    case 'actions':
      return h(
        'div',
        { class: 'block actions', role: 'group' },
        (block.elements ?? []).map((element) => renderActionElement(element, blockId, ctx)),
      );
    case 'markdown':
      return renderMarkdown(block.text, ctx);
    case 'image':
      return h(
        'figure',
        { class: 'block image' },
        h(
          'span',
          { class: 'image-placeholder', role: 'img', 'aria-label': block.alt_text ?? 'image' },
          `🖼 ${block.alt_text ?? ''}`,
        ),
        block.title ? h('figcaption', {}, String(block.title.text ?? '')) : null,
      );
    case 'input':
      return ctx.renderInput ? ctx.renderInput(block, blockId) : unsupported('block', 'input');
    default:
      return unsupported('block', block?.type);
  }
}

/**
 * Renders a list of blocks. One broken block becomes a placeholder rather than breaking the page.
 * @param {unknown[]} blocks
 * @param {{ users?: Record<string, string>, channelNames?: Record<string, string>,
 *   onAction?: (action: { type: string, actionId: string, blockId: string, value?: string }) => void,
 *   renderInput?: (block: any, blockId: string) => Node }} ctx
 */
export function renderBlocks(blocks, ctx) {
  const container = h('div', { class: 'blocks' });
  (Array.isArray(blocks) ? blocks : []).forEach((block, index) => {
    try {
      container.append(renderBlock(block, index, ctx));
    } catch {
      container.append(unsupported('block', block?.type));
    }
  });
  return container;
}
