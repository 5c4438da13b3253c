/**
 * The modal: a view (type 'modal') rendered into the page's <dialog>, every input labelled by its input
 * block's label, inline errors under the field they belong to, and the inputs read back on submit.
 */
import { h, renderBlocks, renderText } from './blocks.js';

const SELECTS = new Set(['static_select', 'conversations_select', 'channels_select', 'users_select']);
const MULTI_SELECTS = new Set([
  'multi_static_select',
  'multi_conversations_select',
  'multi_channels_select',
  'multi_users_select',
]);

const domId = (prefix, blockId) => `${prefix}-${String(blockId).replace(/[^A-Za-z0-9_-]/g, '_')}`;
const optionText = (option) => String(option?.text?.text ?? option?.value ?? '');

/** Options a select offers: static ones from the element, conversations and people from the workspace. */
function selectOptions(element, ctx) {
  const base = element.type.replace(/^multi_/, '');
  if (base === 'static_select') {
    if (Array.isArray(element.option_groups)) {
      return element.option_groups.map((group) => ({
        group: String(group.label?.text ?? ''),
        options: (group.options ?? []).map((o) => ({ value: String(o.value), label: optionText(o) })),
      }));
    }
    return [
      { options: (element.options ?? []).map((o) => ({ value: String(o.value), label: optionText(o) })) },
    ];
  }
  if (base === 'users_select') {
    return [{ options: (ctx.people ?? []).map((person) => ({ value: person.id, label: person.name })) }];
  }
  const include = element.filter?.include;
  const channels = (ctx.channels ?? []).filter(
    (channel) => !Array.isArray(include) || include.includes(channel.isPrivate ? 'private' : 'public'),
  );
  return [{ options: channels.map((channel) => ({ value: channel.id, label: `#${channel.name}` })) }];
}

function initialSelection(element, ctx) {
  const single =
    element.initial_option?.value ??
    element.initial_conversation ??
    element.initial_channel ??
    element.initial_user ??
    (element.default_to_current_conversation ? ctx.currentChannelId : undefined);
  const many = [
    ...(element.initial_options ?? []).map((o) => o.value),
    ...(element.initial_conversations ?? []),
    ...(element.initial_channels ?? []),
    ...(element.initial_users ?? []),
  ];
  return new Set(single === undefined ? many : [single, ...many].map(String));
}

function renderSelect(element, controlId, describedBy, required, ctx) {
  const selected = initialSelection(element, ctx);
  const groups = selectOptions(element, ctx);
  const toOption = (o) => h('option', { value: o.value, selected: selected.has(o.value) }, o.label);
  return h(
    'select',
    {
      id: controlId,
      name: controlId,
      'aria-describedby': describedBy,
      'aria-required': required ? 'true' : null,
    },
    h('option', { value: '' }, String(element.placeholder?.text ?? 'Choose an option')),
    groups.map((group) =>
      group.group === undefined
        ? group.options.map(toOption)
        : h('optgroup', { label: group.group }, group.options.map(toOption)),
    ),
  );
}

/**
 * A multi-select as a list of checkboxes: usable on a phone and by keyboard without Ctrl-click. Like Slack's
 * menu, it takes no more than `max_selected_items`: at the limit the other options are disabled.
 */
function renderMultiSelect(element, labelId, describedBy, blockId, ctx) {
  const max = Number.isInteger(element.max_selected_items) ? element.max_selected_items : undefined;
  const initial = [...initialSelection(element, ctx)].slice(0, max);
  const countId = max === undefined ? null : domId('count', blockId);
  const count =
    countId === null ? null : h('div', { id: countId, class: 'choice-count', 'aria-live': 'polite' });
  const group = h(
    'div',
    {
      class: 'choices multi-select',
      role: 'group',
      'aria-labelledby': labelId,
      'aria-describedby': [describedBy, countId].filter(Boolean).join(' '),
    },
    selectOptions(element, ctx).map((options) => [
      options.group === undefined ? null : h('div', { class: 'choice-group' }, options.group),
      options.options.map((option, index) => {
        const id = `${domId('choice', blockId)}-${options.group ?? ''}-${index}`;
        return h(
          'div',
          { class: 'choice' },
          h('input', {
            type: 'checkbox',
            id,
            name: domId('input', blockId),
            value: option.value,
            checked: initial.includes(option.value),
          }),
          h('label', { for: id }, option.label),
        );
      }),
    ]),
    count,
  );
  const enforceLimit = () => {
    if (max === undefined || count === null) return;
    const boxes = [...group.querySelectorAll('input[type="checkbox"]')];
    const chosen = boxes.filter((box) => box.checked).length;
    for (const box of boxes) box.disabled = !box.checked && chosen >= max;
    count.textContent = `${chosen} of ${max} chosen`;
  };
  group.addEventListener('change', enforceLimit);
  enforceLimit();
  return group;
}

function renderChoices(element, labelId, describedBy, required, blockId, ctx) {
  const radio = element.type === 'radio_buttons';
  const selected = initialSelection(element, ctx);
  return h(
    'div',
    {
      class: 'choices',
      role: radio ? 'radiogroup' : 'group',
      'aria-labelledby': labelId,
      'aria-describedby': describedBy,
      // Only a radio group can say it is required; a checkbox group's label says it instead.
      'aria-required': radio && required ? 'true' : null,
    },
    (element.options ?? []).map((option, index) => {
      const id = `${domId('choice', blockId)}-${index}`;
      return h(
        'div',
        { class: 'choice' },
        h('input', {
          type: radio ? 'radio' : 'checkbox',
          id,
          name: domId('input', blockId),
          value: String(option.value),
          checked: selected.has(String(option.value)),
        }),
        h('label', { for: id }, renderText(option.text, ctx)),
        option.description
          ? h('div', { class: 'choice-description' }, renderText(option.description, ctx))
          : null,
      );
    }),
  );
}

function renderTextInput(element, controlId, describedBy, required) {
  const attrs = {
    id: controlId,
    name: controlId,
    maxlength: element.max_length,
    placeholder: element.placeholder?.text,
    'aria-describedby': describedBy,
    'aria-required': required ? 'true' : null,
  };
  if (element.multiline) {
    const area = h('textarea', { ...attrs, rows: 4 });
    area.value = String(element.initial_value ?? '');
    return area;
  }
  const input = h('input', { ...attrs, type: 'text' });
  input.value = String(element.initial_value ?? '');
  return input;
}

/** One input block: label, control, hint, and the place its error goes. */
export function renderInputBlock(block, blockId, ctx) {
  const element = block.element ?? {};
  const controlId = domId('input', blockId);
  const labelId = domId('label', blockId);
  const hintId = block.hint ? domId('hint', blockId) : null;
  const errorId = domId('error', blockId);
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  const required = !block.optional;
  const native = element.type === 'plain_text_input' || SELECTS.has(element.type);

  let control;
  let kind;
  if (element.type === 'plain_text_input') {
    control = renderTextInput(element, controlId, describedBy, required);
    kind = 'text';
  } else if (SELECTS.has(element.type)) {
    control = renderSelect(element, controlId, describedBy, required, ctx);
    kind = 'single';
  } else if (MULTI_SELECTS.has(element.type)) {
    control = renderMultiSelect(element, labelId, describedBy, blockId, ctx);
    kind = 'multi';
  } else if (element.type === 'radio_buttons' || element.type === 'checkboxes') {
    control = renderChoices(element, labelId, describedBy, required, blockId, ctx);
    kind = element.type === 'radio_buttons' ? 'radio' : 'checkboxes';
  } else {
    control = h(
      'div',
      { class: 'unsupported', role: 'note' },
      `Unsupported element: ${element.type ?? 'unknown'}`,
    );
    kind = 'unsupported';
  }

  return h(
    'div',
    { class: 'input-block', 'data-block-id': blockId, 'data-kind': kind, 'data-required': required },
    h(
      'div',
      { class: 'input-label-row' },
      h(
        native ? 'label' : 'span',
        { id: labelId, class: 'input-label', for: native ? controlId : null },
        String(block.label?.text ?? ''),
        // Checkbox groups cannot carry aria-required: their name says it.
        required && (kind === 'checkboxes' || kind === 'multi')
          ? h('span', { class: 'visually-hidden' }, ' (required)')
          : null,
      ),
      block.optional ? h('span', { class: 'optional', 'aria-hidden': 'true' }, '(optional)') : null,
    ),
    control,
    block.hint ? h('div', { id: hintId, class: 'hint' }, renderText(block.hint, ctx)) : null,
    h('div', { id: errorId, class: 'field-error', hidden: true }),
  );
}

/** The control to focus for an input block: the field itself, or the chosen (else first) option. */
function focusTarget(block) {
  return (
    block.querySelector('input:not([type="radio"]):not([type="checkbox"]), select, textarea') ??
    block.querySelector('input:checked') ??
    block.querySelector('input:not(:disabled)')
  );
}

/**
 * Shows `errors` ({ block_id: message }) under their fields and clears the others; errors for blocks not in
 * the view are listed in the summary. Returns what is shown, in the order of the form.
 * @returns {{ label: string, message: string, block: Element | null }[]}
 */
export function showErrors(dialog, errors) {
  const entries = errors ?? {};
  const shown = [];
  for (const block of dialog.querySelectorAll('.input-block')) {
    const message = entries[block.getAttribute('data-block-id') ?? ''];
    const slot = block.querySelector('.field-error');
    const control = block.querySelector('input, select, textarea, [role="radiogroup"], [role="group"]');
    if (!slot) continue;
    slot.textContent = message ?? '';
    slot.hidden = !message;
    if (message) control?.setAttribute('aria-invalid', 'true');
    else control?.removeAttribute('aria-invalid');
    if (message) {
      shown.push({
        label: block.querySelector('.input-label')?.firstChild?.textContent ?? '',
        message,
        block,
      });
    }
  }
  for (const id of Object.keys(entries)) {
    if (!dialog.querySelector(`[data-block-id="${CSS.escape(id)}"]`)) {
      shown.push({ label: id, message: entries[id], block: null });
    }
  }
  const summary = dialog.querySelector('.error-summary');
  if (summary && shown.length === 0) {
    summary.textContent = '';
    summary.hidden = true;
  }
  return shown;
}

/**
 * Says what needs fixing through the summary (a live region, so screen readers announce it) and moves
 * focus to the first field with an error.
 * @param {HTMLElement} dialog
 * @param {{ label: string, message: string, block: Element | null }[]} shown
 */
export function announceErrors(dialog, shown) {
  const summary = dialog.querySelector('.error-summary');
  if (!summary || shown.length === 0) return;
  const count = shown.length === 1 ? '1 field needs attention.' : `${shown.length} fields need attention.`;
  const say = (e) => ` ${e.label}${/[?.!:]$/.test(e.label) ? '' : ':'} ${e.message}`;
  // Seen: the count, and errors that have no field to sit under. Heard: every error.
  const placed = shown.filter((e) => e.block !== null);
  summary.replaceChildren(
    count,
    ...shown.filter((e) => e.block === null).map(say),
    placed.length > 0 ? h('span', { class: 'visually-hidden' }, placed.map(say).join('')) : '',
  );
  summary.hidden = false;
  const first = shown.find((e) => e.block !== null)?.block;
  const target = first ? focusTarget(first) : null;
  if (target instanceof HTMLElement) {
    target.focus();
    target.scrollIntoView({ block: 'center' });
  }
}

/**
 * What the person sees in each input block, including what was there from the start: a string (text,
 * single select, radio; null when nothing is chosen) or a list of strings (multi select, checkboxes).
 * Every rendered input is sent, so clearing a pre-filled field reaches the app as cleared.
 */
export function collectInputs(dialog) {
  /** @type {Record<string, string | string[] | null>} */
  const inputs = {};
  for (const block of dialog.querySelectorAll('.input-block')) {
    const blockId = block.getAttribute('data-block-id') ?? '';
    const kind = block.getAttribute('data-kind');
    if (kind === 'text') {
      inputs[blockId] = block.querySelector('input, textarea')?.value ?? '';
    } else if (kind === 'single') {
      inputs[blockId] = block.querySelector('select')?.value || null;
    } else if (kind === 'radio') {
      inputs[blockId] = block.querySelector('input:checked')?.value ?? null;
    } else if (kind === 'checkboxes' || kind === 'multi') {
      inputs[blockId] = [...block.querySelectorAll('input:checked')].map((input) => input.value);
    }
  }
  return inputs;
}

/** Slack's client refuses to send a form with a required field empty, and says so under the field. */
function missingRequired(dialog, inputs) {
  /** @type {Record<string, string>} */
  const missing = {};
  for (const block of dialog.querySelectorAll('.input-block[data-required]:not([data-kind="unsupported"])')) {
    const blockId = block.getAttribute('data-block-id') ?? '';
    const value = inputs[blockId];
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
      missing[blockId] = 'Please complete this required field.';
    }
  }
  return missing;
}

/**
 * Fills `dialog` with the view. `ctx.onSubmit(inputs)`, `ctx.onClose(all)` (✕ closes the whole stack, Cancel only this view) and `ctx.onAction(action)` carry
 * what the person does back to the page.
 */
export function renderModal(dialog, view, errors, ctx) {
  const titleId = 'modal-title';
  dialog.replaceChildren();
  dialog.setAttribute('aria-labelledby', titleId);
  const form = h(
    'form',
    {
      class: 'modal-form',
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        const inputs = collectInputs(dialog);
        const missing = missingRequired(dialog, inputs);
        if (Object.keys(missing).length > 0) announceErrors(dialog, showErrors(dialog, missing));
        else ctx.onSubmit(inputs);
      },
    },
    h(
      'header',
      { class: 'modal-header' },
      // A pushed view has Slack's back arrow: it returns to the view below, as the view's close button does.
      ctx.canGoBack
        ? h(
            'button',
            { type: 'button', class: 'icon-button', 'aria-label': 'Back', onclick: () => ctx.onClose(false) },
            '‹',
          )
        : null,
      h('h2', { id: titleId }, String(view.title?.text ?? 'Modal')),
      h(
        'button',
        {
          type: 'button',
          class: 'icon-button',
          'aria-label': 'Close dialog',
          onclick: () => ctx.onClose(true),
        },
        '×',
      ),
    ),
    h(
      'div',
      { class: 'modal-body' },
      h('div', { class: 'error-summary', role: 'alert', hidden: true }),
      renderBlocks(view.blocks, {
        ...ctx,
        renderInput: (block, blockId) => renderInputBlock(block, blockId, ctx),
      }),
    ),
    h(
      'footer',
      { class: 'modal-footer' },
      h(
        'button',
        { type: 'button', class: 'bk-button', onclick: () => ctx.onClose(false) },
        String(view.close?.text ?? 'Cancel'),
      ),
      view.submit
        ? h('button', { type: 'submit', class: 'bk-button primary' }, String(view.submit.text ?? 'Submit'))
        : null,
    ),
  );
  dialog.append(form);
  showErrors(dialog, errors);
}
