import type { JsonObject, ViewInputs, ViewInputValue } from './types.ts';

type StateValue = JsonObject & { type: string };
export type StateValues = Record<string, Record<string, StateValue>>;

interface Option {
  text: unknown;
  value: string;
}

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

function optionsOf(element: JsonObject): Option[] {
  const direct = Array.isArray(element.options) ? element.options : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups.flatMap((g) => {
        const options = asObject(g)?.options;
        return Array.isArray(options) ? options : [];
      })
    : [];
  return [...direct, ...grouped].flatMap((o) => {
    const option = asObject(o);
    return option && typeof option.value === 'string' ? [{ text: option.text, value: option.value }] : [];
  });
}

function pickOptions(blockId: string, element: JsonObject, values: readonly string[]): Option[] {
  const options = optionsOf(element);
  return values.map((value) => {
    const option = options.find((o) => o.value === value);
    if (!option) {
      const known = options.map((o) => o.value).join(', ');
      throw new Error(`submitView: block "${blockId}" has no option "${value}" (options: ${known})`);
    }
    return option;
  });
}

function asList(blockId: string, input: ViewInputValue): readonly string[] {
  if (Array.isArray(input)) return input;
  if (typeof input === 'string') return [input];
  throw new Error(`submitView: block "${blockId}" expects option values, got ${JSON.stringify(input)}`);
}

function asSingle(blockId: string, input: ViewInputValue): string {
  if (typeof input === 'string') return input;
  throw new Error(`submitView: block "${blockId}" expects one value, got ${JSON.stringify(input)}`);
}

/** What the element shows before the person touches it (initial_* fields), as a ViewInputValue. */
function initialInput(element: JsonObject): ViewInputValue | undefined {
  const option = asObject(element.initial_option);
  if (option && typeof option.value === 'string') return option.value;
  if (Array.isArray(element.initial_options)) {
    return element.initial_options.flatMap((o) => {
      const value = asObject(o)?.value;
      return typeof value === 'string' ? [value] : [];
    });
  }
  if (Array.isArray(element.initial_users)) {
    return element.initial_users.filter((u): u is string => typeof u === 'string');
  }
  for (const field of ['initial_value', 'initial_conversation', 'initial_channel', 'initial_user']) {
    if (typeof element[field] === 'string') return element[field];
  }
  return undefined;
}

function isEmpty(state: StateValue): boolean {
  if (Array.isArray(state.selected_options)) return state.selected_options.length === 0;
  if (Array.isArray(state.selected_users)) return state.selected_users.length === 0;
  const keys = ['selected_option', 'value', 'selected_conversation', 'selected_channel', 'selected_user'];
  return keys.every((key) => !(key in state) || state[key] === null || state[key] === '');
}

/** The state entry Slack sends for one element, given what the person chose (undefined: left alone). */
function elementState(blockId: string, element: JsonObject, input: ViewInputValue | undefined): StateValue {
  const type = String(element.type);
  const chosen = input === undefined ? initialInput(element) : input;
  const given = chosen !== undefined && chosen !== null;
  switch (type) {
    case 'static_select':
    case 'radio_buttons':
      return {
        type,
        selected_option: given
          ? (pickOptions(blockId, element, [asSingle(blockId, chosen)])[0] ?? null)
          : null,
      };
    case 'multi_static_select':
      return { type, selected_options: given ? pickOptions(blockId, element, asList(blockId, chosen)) : [] };
    case 'checkboxes': {
      // A boolean ticks (or clears) every option: the usual single-checkbox yes/no question.
      const values =
        typeof chosen === 'boolean'
          ? chosen
            ? optionsOf(element).map((o) => o.value)
            : []
          : given
            ? asList(blockId, chosen)
            : [];
      return { type, selected_options: pickOptions(blockId, element, values) };
    }
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input': {
      const value = given ? asSingle(blockId, chosen) : null;
      return { type, value: value === '' ? null : value };
    }
    case 'conversations_select':
      return { type, selected_conversation: given ? asSingle(blockId, chosen) : null };
    case 'channels_select':
      return { type, selected_channel: given ? asSingle(blockId, chosen) : null };
    case 'users_select':
      return { type, selected_user: given ? asSingle(blockId, chosen) : null };
    // Slack sends the people picked as `selected_users`, an empty list when nobody is.
    case 'multi_users_select':
      return { type, selected_users: given ? asList(blockId, chosen) : [] };
    default:
      throw new Error(`submitView: block "${blockId}" holds a ${type}, which the fake Slack cannot fill in`);
  }
}

export interface SubmittedState {
  values: StateValues;
  /** block_ids of required inputs left empty: Slack's client refuses to submit those. */
  missingRequired: string[];
}

/**
 * Builds `view.state.values` from the view's own input blocks, the way Slack's client would after a
 * person's choices. Inputs name blocks that must exist; options must be among the element's options.
 */
export function buildStateValues(view: JsonObject, inputs: ViewInputs): SubmittedState {
  const blocks = (Array.isArray(view.blocks) ? view.blocks : []).flatMap((b: unknown) => {
    const block = asObject(b);
    return block ? [block] : [];
  });
  const inputBlocks = blocks.filter((b) => b.type === 'input');
  const knownIds = new Set(inputBlocks.map((b) => b.block_id));
  // An undefined value means "left alone", so it may name a block this page does not have.
  const unknown = Object.keys(inputs).filter((id) => inputs[id] !== undefined && !knownIds.has(id));
  if (unknown.length > 0) {
    const known = [...knownIds].join(', ');
    throw new Error(`submitView: the view has no input block ${unknown.join(', ')} (inputs: ${known})`);
  }
  const values: StateValues = {};
  const missingRequired: string[] = [];
  for (const block of inputBlocks) {
    const element = asObject(block.element);
    if (typeof block.block_id !== 'string' || !element) continue;
    const blockId = block.block_id;
    const actionId = typeof element.action_id === 'string' ? element.action_id : blockId;
    // Slack keeps what the user entered in a view they come back to (Back from a pushed view): a field
    // left alone keeps its earlier state rather than falling back to the initial value.
    const prior = asObject(asObject(asObject(view.state)?.values)?.[blockId])?.[actionId];
    const state =
      inputs[blockId] === undefined && prior !== undefined
        ? (prior as StateValue)
        : elementState(blockId, element, inputs[blockId]);
    values[blockId] = { [actionId]: state };
    if (block.optional !== true && isEmpty(state)) missingRequired.push(blockId);
  }
  return { values, missingRequired };
}

/** Finds a button (in an actions block or as a section accessory) by action_id. */
export function findButton(
  blocks: unknown,
  actionId: string,
): { blockId: string; button: JsonObject } | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const raw of blocks) {
    const block = asObject(raw);
    if (!block) continue;
    const candidates = [...(Array.isArray(block.elements) ? block.elements : []), block.accessory];
    for (const candidate of candidates) {
      const element = asObject(candidate);
      if (element?.type === 'button' && element.action_id === actionId) {
        return { blockId: typeof block.block_id === 'string' ? block.block_id : '', button: element };
      }
    }
  }
  return undefined;
}
