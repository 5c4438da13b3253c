import type { types, ViewStateValue } from '@slack/bolt';
import { z } from 'zod';
import { type AnswerError, answersSchema } from '../../engine/answers.ts';
import { type Answers, QUESTIONS, type Question } from '../../engine/questions.ts';
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

/** Required single choices with this many options or fewer show as radio buttons; longer lists as a select. */
const MAX_RADIO_OPTIONS = 4;

/**
 * The first option of an optional single choice: a picked radio button or select option cannot be unpicked
 * in Slack, so choosing this is how an answer is taken back. It is no question's option value.
 */
const NO_ANSWER = { value: '(no answer)', label: 'No answer' } as const;

/**
 * Plain text without `emoji: true`: that is Slack's default for plain_text (it echoes the flag back set), and
 * the modal's texts hold no :emoji: codes anyway (modal.test.ts). Left out, like `optional: false`, it is
 * bytes on every views.open that change nothing for the person filling it in.
 */
function plainText(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max) };
}

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
      if (!q.required) {
        return {
          type: 'static_select',
          action_id: q.id,
          options: [option(NO_ANSWER.value, NO_ANSWER.label), ...options],
          placeholder: plainText(NO_ANSWER.label, SLACK_LIMITS.placeholder),
          ...initialOption,
        };
      }
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
    ...(q.required ? {} : { optional: true }),
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

const NUMBER_WORDS = [
  'no',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

/** A count as a word ("five"), the way the intro and error messages say it; digits past twelve. */
function countWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What a page asks, counted from the page itself, so the intro stays right when a question is added. */
function introText(page: ModalPage, askChannel: boolean): string {
  const asked = questionsOnPage(page);
  if (page === 2) {
    return 'All optional: skip anything you are unsure about, or pick “No answer” to take an answer back. Each answer you give sharpens the verdict. Back returns to the first page.';
  }
  const required = asked.filter((q) => q.required).length;
  const optional = asked.filter((q) => !q.required);
  const extras = [
    optional.length === 1 ? `an optional ${(optional[0]?.label ?? '').toLowerCase()}` : '',
    optional.length > 1 ? `${countWord(optional.length)} optional fields` : '',
    askChannel ? 'the channel for the verdict' : '',
  ].filter(Boolean);
  const fields = [`${countWord(required)} questions about the project and the team`, ...extras];
  // A serial comma: the first field already holds an "and".
  const listed = fields.length > 1 ? `${fields.slice(0, -1).join(', ')}, and ${fields.at(-1)}` : fields[0];
  return `${capitalise(listed ?? '')}. ${capitalise(countWord(questionsOnPage(2).length))} optional details follow. The verdict, its reasons and a plan are posted for everyone to see.`;
}

/**
 * One page of the decision modal. Page 1 asks the essentials (and which channel, when the modal was not opened
 * from one); page 2, pushed over it, the optional details, closing with Back. `values` pre-fill the inputs
 * (Adjust answers, page 2 after page 1).
 */
export function buildDecisionModal(args: {
  page: ModalPage;
  values: ModalValues;
  metadata: ModalCarry;
}): types.ModalView {
  const { page, values, metadata } = args;
  const byId = values as Record<string, unknown>;
  const askChannel = page === 1 && !metadata.channelId;
  const blocks: types.KnownBlock[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: introText(page, askChannel) }] },
    ...questionsOnPage(page).map((q) => inputBlock(q, byId[q.id])),
  ];
  if (askChannel) blocks.push(channelPicker(values.channelId));
  return {
    type: 'modal',
    callback_id: DECISION_MODAL_CALLBACK_ID,
    title: plainText(`Rust or Python? (${page}/2)`, SLACK_LIMITS.modalTitle),
    submit: plainText(page === 1 ? 'Next' : 'Decide', SLACK_LIMITS.modalButton),
    // Page 2 is pushed over page 1: Slack's close button then closes only page 2, back to page 1.
    close: plainText(page === 1 ? 'Cancel' : 'Back', SLACK_LIMITS.modalButton),
    private_metadata: encodeModalMetadata({ ...metadata, page }),
    blocks,
  };
}

/** A view already encoded as JSON text, ready for views.open's body. */
export interface EncodedModal {
  readonly json: string;
}

/** Stand-ins in the first page's template where each request's own values go. */
const METADATA_SLOT = '\u0000metadata\u0000';
const DESCRIPTION_SLOT = '\u0000description\u0000';

interface FirstPageTemplate {
  /** The JSON text around the metadata string and the description's `initial_value`. */
  readonly parts: readonly [string, string, string];
  readonly descriptionMaxLength: number;
}

function buildFirstPageTemplate(askChannel: boolean): FirstPageTemplate {
  const view = buildDecisionModal({ page: 1, values: {}, metadata: askChannel ? {} : { channelId: 'C0' } });
  view.private_metadata = METADATA_SLOT;
  const description = view.blocks.find(
    (b): b is types.InputBlock => b.type === 'input' && b.block_id === 'description',
  );
  const element = description?.element;
  if (element?.type !== 'plain_text_input' || element.max_length === undefined) {
    throw new Error('the first page of the decision modal has no description input');
  }
  // Last in the element, where buildDecisionModal puts initial_value.
  (element as unknown as Record<string, unknown>)[DESCRIPTION_SLOT] = 0;
  const json = JSON.stringify(view);
  const [head, rest, ...more] = json.split(JSON.stringify(METADATA_SLOT));
  const [middle, tail, ...after] = (rest ?? '').split(`,${JSON.stringify(DESCRIPTION_SLOT)}:0`);
  if (head === undefined || middle === undefined || tail === undefined || more.length + after.length > 0) {
    throw new Error('the first page template must hold the metadata, then the description, once each');
  }
  return { parts: [head, middle, tail], descriptionMaxLength: element.max_length };
}

const firstPageTemplates = new Map<boolean, FirstPageTemplate>();

/**
 * The first page as a slash command opens it, encoded as JSON text: the same view as
 * `buildDecisionModal({ page: 1, values: { description }, metadata })`, built once as a template that only the
 * metadata and the pre-filled description are put into (the channel picker is part of the template used when
 * the metadata names no channel). The command answers within Slack's 3 s; this keeps building the 5 KB view
 * off that path.
 */
export function encodeDecisionModalFirstPage(args: {
  description: string;
  metadata: ModalCarry;
}): EncodedModal {
  const askChannel = !args.metadata.channelId;
  let template = firstPageTemplates.get(askChannel);
  if (template === undefined) {
    template = buildFirstPageTemplate(askChannel);
    firstPageTemplates.set(askChannel, template);
  }
  const [head, middle, tail] = template.parts;
  const metadata = JSON.stringify(encodeModalMetadata({ ...args.metadata, page: 1 }));
  const description =
    args.description === ''
      ? ''
      : `,"initial_value":${JSON.stringify(truncate(args.description, template.descriptionMaxLength))}`;
  return { json: head + metadata + middle + description + tail };
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

/**
 * What is wrong with one answer, in the words the user saw under the field: option labels, never ids or
 * option values. Worked out from the question and the value given, so it does not depend on how the
 * engine words its own errors (those are for the CLI and scripts).
 */
function errorInLabelWords(q: Question, value: unknown): string {
  if (q.kind === 'text' && typeof value === 'string' && value.length > q.maxLength) {
    return `Please keep it to ${q.maxLength} characters or fewer: this is ${value.length}.`;
  }
  if (q.kind === 'multi' && Array.isArray(value) && q.maxItems !== undefined && value.length > q.maxItems) {
    const labels = q.options.filter((o) => value.includes(o.value)).map((o) => o.label);
    // Commas only: labels may hold "and" themselves ("Safety and correctness").
    return `Pick at most ${countWord(q.maxItems)} (you picked ${countWord(value.length)}: ${labels.join(', ')}).`;
  }
  if (value === undefined) return q.kind === 'text' ? 'Please fill this in.' : 'Please choose an answer.';
  return q.kind === 'text' ? 'Please write this as plain text.' : 'Please choose from the options shown.';
}

/**
 * The `response_action: errors` map for a submitted page: one message per input block of that page (block ids
 * are question ids), in the words of its labels; undefined when no error concerns this page.
 */
export function modalErrors(
  errors: readonly AnswerError[],
  values: ModalValues,
  page: ModalPage,
): Record<string, string> | undefined {
  const byId = values as Record<string, unknown>;
  const onPage = new Map(questionsOnPage(page).map((q) => [q.id, q]));
  const byBlock: Record<string, string> = {};
  for (const { question } of errors) {
    const q = onPage.get(question);
    if (q && byBlock[q.id] === undefined) byBlock[q.id] = errorInLabelWords(q, byId[q.id]);
  }
  return Object.keys(byBlock).length > 0 ? byBlock : undefined;
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
