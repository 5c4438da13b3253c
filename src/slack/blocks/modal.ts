import type { types, ViewStateValue } from '@slack/bolt';
import { z } from 'zod';
import { answersSchema } from '../../engine/answers.ts';
import { type Answers, QUESTIONS, type Question } from '../../engine/questions.ts';
import { plainText } from './compose.ts';
import { SLACK_LIMITS, truncate } from './limits.ts';

export const DECISION_MODAL_CALLBACK_ID = 'decision_modal';
/** Block id and action id of the channel picker (page 1, when the modal was not opened from a channel). */
export const CHANNEL_BLOCK_ID = 'channel';

export type ModalPage = 1 | 2;

/** What the modal carries between pages and back to the app (private_metadata; no server state). */
export interface ModalMetadata {
  /** The page this is, so a submission says which page it comes from. */
  page: ModalPage;
  /** Where the verdict goes; absent when opened from App Home or a shortcut (page 1 then asks). */
  channelId?: string;
  /** The verdict message this decision replaces (Adjust answers). */
  replaces?: { channel: string; ts: string };
  /** Answers from the earlier page. */
  answers?: Partial<Answers>;
  /**
   * The response_url of the request that opened the modal (slash command, button): it reaches the user even
   * when the bot cannot post. Slack honours it until `responseUrlExpiresAt` (ms since epoch); both or neither.
   */
  responseUrl?: string;
  responseUrlExpiresAt?: number;
}

/** What a caller gives `buildDecisionModal`: everything but the page, which the builder sets. */
export type ModalCarry = Omit<ModalMetadata, 'page'>;

/** What a page of the modal reads as; `channelId` is the channel picked on page 1. */
export type ModalValues = Partial<Answers> & { channelId?: string };

type StateValues = Record<string, Record<string, ViewStateValue>>;

const PAGE_SECTION = { 1: 'essentials', 2: 'details' } as const;

/** The questions a page asks, required ones first (in questionnaire order). */
export function questionsOnPage(page: ModalPage): Question[] {
  const onPage: Question[] = QUESTIONS.filter((q) => q.section === PAGE_SECTION[page]);
  return [...onPage.filter((q) => q.required), ...onPage.filter((q) => !q.required)];
}

/** Yes/no as option values, so "no" can be answered explicitly (a lone checkbox cannot say no). */
const BOOLEAN_OPTIONS = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const;

/** Single choices with this many options or fewer show as radio buttons; longer lists as a select menu. */
const MAX_RADIO_OPTIONS = 4;

function option(value: string, label: string): types.PlainTextOption {
  return { text: plainText(label, SLACK_LIMITS.optionText), value };
}

function optionsOf(q: Question): types.PlainTextOption[] {
  if (q.kind === 'boolean') return BOOLEAN_OPTIONS.map((o) => option(o.value, o.label));
  if (q.kind === 'text') return [];
  return q.options.map((o) => option(o.value, o.label));
}

function pick(options: types.PlainTextOption[], values: readonly string[]): types.PlainTextOption[] {
  return options.filter((o) => values.includes(o.value ?? ''));
}

function inputElement(q: Question, value: unknown): types.InputBlockElement {
  const options = optionsOf(q);
  const placeholder = plainText('Choose…', SLACK_LIMITS.placeholder);
  switch (q.kind) {
    case 'single':
    case 'boolean': {
      const chosen =
        q.kind === 'boolean' ? (typeof value === 'boolean' ? [value ? 'yes' : 'no'] : []) : [String(value)];
      const [initial] = pick(options, chosen);
      const initialOption = initial ? { initial_option: initial } : {};
      return options.length <= MAX_RADIO_OPTIONS
        ? { type: 'radio_buttons', action_id: q.id, options, ...initialOption }
        : { type: 'static_select', action_id: q.id, options, placeholder, ...initialOption };
    }
    case 'multi': {
      const chosen = pick(options, Array.isArray(value) ? value.map(String) : []);
      const initialOptions = chosen.length > 0 ? { initial_options: chosen } : {};
      if (q.maxItems === undefined && options.length <= SLACK_LIMITS.checkboxesOptions) {
        return { type: 'checkboxes', action_id: q.id, options, ...initialOptions };
      }
      return {
        type: 'multi_static_select',
        action_id: q.id,
        options,
        placeholder,
        ...(q.maxItems !== undefined ? { max_selected_items: q.maxItems } : {}),
        ...(chosen.length > 0 ? { initial_options: chosen.slice(0, q.maxItems ?? chosen.length) } : {}),
      };
    }
    case 'text': {
      const maxLength = Math.min(q.maxLength, SLACK_LIMITS.plainTextInputLength);
      return {
        type: 'plain_text_input',
        action_id: q.id,
        multiline: true,
        max_length: maxLength,
        ...(typeof value === 'string' && value !== '' ? { initial_value: truncate(value, maxLength) } : {}),
      };
    }
  }
}

function inputBlock(q: Question, value: unknown): types.InputBlock {
  return {
    type: 'input',
    block_id: q.id,
    optional: !q.required,
    label: plainText(q.label, SLACK_LIMITS.inputLabel),
    hint: plainText(q.help, SLACK_LIMITS.inputHint),
    element: inputElement(q, value),
  };
}

function channelPicker(initialChannelId: string | undefined): types.InputBlock {
  return {
    type: 'input',
    block_id: CHANNEL_BLOCK_ID,
    label: plainText('Post the verdict in', SLACK_LIMITS.inputLabel),
    hint: plainText(
      'The verdict goes to this channel, with the details in its thread. Invite the app to private channels first.',
      SLACK_LIMITS.inputHint,
    ),
    element: {
      type: 'conversations_select',
      action_id: CHANNEL_BLOCK_ID,
      placeholder: plainText('Choose a channel', SLACK_LIMITS.placeholder),
      filter: { include: ['public', 'private'], exclude_bot_users: true },
      ...(initialChannelId ? { initial_conversation: initialChannelId } : {}),
    },
  };
}

const INTRO: Record<ModalPage, string> = {
  1: 'Five quick questions about the project and the team. The verdict, its reasons and a plan are posted for everyone to see.',
  2: 'All optional: skip anything you are unsure about. Each answer you give sharpens the verdict.',
};

/**
 * One page of the decision modal. Page 1 asks the essentials (and which channel, when the modal was not opened
 * from one); page 2 the optional details. `values` pre-fill the inputs (Adjust answers, going back a page).
 */
export function buildDecisionModal(args: {
  page: ModalPage;
  values: ModalValues;
  metadata: ModalCarry;
}): types.ModalView {
  const { page, values, metadata } = args;
  const byId = values as Record<string, unknown>;
  const blocks: types.KnownBlock[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: INTRO[page] }] },
    ...questionsOnPage(page).map((q) => inputBlock(q, byId[q.id])),
  ];
  if (page === 1 && !metadata.channelId) blocks.push(channelPicker(values.channelId));
  return {
    type: 'modal',
    callback_id: DECISION_MODAL_CALLBACK_ID,
    title: plainText(`Rust or Python? (${page}/2)`, SLACK_LIMITS.modalTitle),
    submit: plainText(page === 1 ? 'Next' : 'Decide', SLACK_LIMITS.modalButton),
    close: plainText('Cancel', SLACK_LIMITS.modalButton),
    private_metadata: encodeModalMetadata({ ...metadata, page }),
    blocks,
  };
}

/**
 * The answers on one submitted page (`view.state.values`), the inverse of `buildDecisionModal`. Empty inputs
 * are omitted; values are as the user gave them (too many priorities, say), so validate the merged answers
 * with `parseAnswers`. Option values the modal never offered are dropped: Slack's client cannot send them.
 */
export function readDecisionModalPage(stateValues: StateValues, page: ModalPage): ModalValues {
  const read: Record<string, unknown> = {};
  for (const q of questionsOnPage(page)) {
    const state = stateValues[q.id]?.[q.id];
    if (!state) continue;
    const offered = new Set(optionsOf(q).map((o) => o.value));
    switch (q.kind) {
      case 'single': {
        const value = state.selected_option?.value;
        if (value !== undefined && offered.has(value)) read[q.id] = value;
        break;
      }
      case 'boolean': {
        const value = state.selected_option?.value;
        if (value === 'yes' || value === 'no') read[q.id] = value === 'yes';
        break;
      }
      case 'multi': {
        const chosen = (state.selected_options ?? []).map((o) => o.value).filter((v) => offered.has(v));
        if (chosen.length > 0) read[q.id] = chosen;
        break;
      }
      case 'text':
        if (typeof state.value === 'string' && state.value.trim() !== '') read[q.id] = state.value;
        break;
    }
  }
  const channel = stateValues[CHANNEL_BLOCK_ID]?.[CHANNEL_BLOCK_ID]?.selected_conversation;
  if (page === 1 && channel) read.channelId = channel;
  return read as ModalValues;
}

/** Answers where any question may be missing (a page at a time), otherwise as strict as the full schema. */
const partialAnswersSchema: z.ZodType<Partial<Answers>> = (() => {
  if (!(answersSchema instanceof z.ZodObject)) {
    throw new Error('answersSchema must be a zod object schema to derive the partial answers schema');
  }
  return answersSchema.partial() as unknown as z.ZodType<Partial<Answers>>;
})();

/**
 * A response_url the metadata can carry: http(s), at most 500 characters of printable ASCII other than `"` and
 * `\` (each costs one character in JSON). Slack's are about 80 (https://hooks.slack.com/commands/T…/…/…).
 */
export const modalResponseUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'must be printable ASCII without quotes or backslashes');

const modalMetadataSchema = z
  .strictObject({
    page: z.union([z.literal(1), z.literal(2)]),
    channelId: z.string().min(1).max(255).optional(),
    replaces: z
      .strictObject({ channel: z.string().min(1).max(255), ts: z.string().min(1).max(64) })
      .optional(),
    answers: partialAnswersSchema.optional(),
    responseUrl: modalResponseUrlSchema.optional(),
    responseUrlExpiresAt: z.int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .refine((m) => (m.responseUrl === undefined) === (m.responseUrlExpiresAt === undefined), {
    message: 'responseUrl and responseUrlExpiresAt go together',
    path: ['responseUrlExpiresAt'],
  });

/**
 * Control characters (other than newline and tab) and lone surrogates cost up to six characters each in JSON;
 * they are invisible in Slack, so they are dropped from the description to keep the metadata within its limit.
 */
function compactDescription(text: string): string {
  let kept = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const loneSurrogate = code >= 0xd800 && code <= 0xdfff;
    const invisibleControl = (code < 0x20 && ch !== '\n' && ch !== '\t') || code === 0x7f;
    if (!loneSurrogate && !invisibleControl) kept += ch;
  }
  return kept;
}

/** The modal's private_metadata: compact JSON, validated, at most 3,000 characters. */
export function encodeModalMetadata(metadata: ModalMetadata): string {
  const answers = metadata.answers;
  const compacted: ModalMetadata =
    answers?.description !== undefined
      ? { ...metadata, answers: { ...answers, description: compactDescription(answers.description) } }
      : metadata;
  const parsed = modalMetadataSchema.safeParse(compacted);
  if (!parsed.success) {
    throw new Error(`modal metadata is not valid: ${z.prettifyError(parsed.error)}`);
  }
  const encoded = JSON.stringify(parsed.data);
  // Valid metadata cannot exceed this (description ≤ 500 characters, each at most 2 in JSON); checked anyway.
  if (encoded.length > SLACK_LIMITS.privateMetadata) {
    throw new Error(
      `modal metadata is ${encoded.length} characters; Slack allows ${SLACK_LIMITS.privateMetadata}`,
    );
  }
  return encoded;
}

/** Reads a view's private_metadata back. Throws naming what is wrong (empty: not a view this app built). */
export function decodeModalMetadata(privateMetadata: string): ModalMetadata {
  if (privateMetadata === '') throw new Error('modal private_metadata is empty');
  let json: unknown;
  try {
    json = JSON.parse(privateMetadata);
  } catch {
    throw new Error('modal private_metadata is not JSON');
  }
  const parsed = modalMetadataSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`modal private_metadata is not valid: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data as ModalMetadata;
}
