import type { types, ViewStateValue } from '@slack/bolt';
import { z } from 'zod';
import { type AnswerError, answersSchema } from '../../engine/answers.ts';
import { type Answers, QUESTIONS, type Question } from '../../engine/questions.ts';
import { SLACK_LIMITS, truncate } from './limits.ts';
import { quote, userText } from './mrkdwn.ts';

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
  /**
   * The organiser's modal of a team round (`/rust-or-python team`): `true` on page 1, which then also asks who
   * should answer and until when; on page 2, what page 1 chose (`readRoundSettings`). A round neither replaces
   * a verdict nor is a teammate's view: not with `replaces` or `roundId`.
   */
  round?: true | RoundSettings;
  /**
   * A teammate's view for this round (`add_my_view`): page 1 shows the project and asks no description or
   * channel; submitting page 2 adds (or replaces) that person's view. Not with `replaces` or `round`.
   */
  roundId?: string;
}

/** Who should answer a team round and how long it stays open, as the organiser chose on page 1. */
export interface RoundSettings {
  /**
   * Slack user ids, at most `ROUND_MAX_PARTICIPANTS`, each once; empty: anyone in the channel may answer.
   */
  participants: string[];
  /** How long the round stays open, in milliseconds: one of `ROUND_DEADLINES`' values. */
  deadlineMs: number;
}

/** Block id and action id of the round's participants picker (page 1 of the organiser's modal). */
export const ROUND_PARTICIPANTS_BLOCK_ID = 'round_participants';
/** Block id and action id of the round's deadline select (page 1 of the organiser's modal). */
export const ROUND_DEADLINE_BLOCK_ID = 'round_deadline';

/** The deadlines a round offers, by option value: how long it stays open, in milliseconds. */
export const ROUND_DEADLINES = {
  '1h': 60 * 60 * 1000,
  '4h': 4 * 60 * 60 * 1000,
  '1d': 24 * 60 * 60 * 1000,
  '3d': 3 * 24 * 60 * 60 * 1000,
  '1w': 7 * 24 * 60 * 60 * 1000,
} as const;

export type RoundDeadline = keyof typeof ROUND_DEADLINES;

/** The deadline the select starts on. */
export const DEFAULT_ROUND_DEADLINE: RoundDeadline = '1d';

const ROUND_DEADLINE_LABELS: Readonly<Record<RoundDeadline, string>> = {
  '1h': 'In 1 hour',
  '4h': 'In 4 hours',
  '1d': 'In 1 day',
  '3d': 'In 3 days',
  '1w': 'In 1 week',
};

/**
 * The most people a round can name. The picker lets no more be chosen (`max_selected_items`), and the settings
 * travel in private_metadata to page 2, whose 3,000 characters also carry the page-1 answers (a 500-character
 * description), the channel and the response_url: 25 ids of up to 21 characters fit beside them.
 */
export const ROUND_MAX_PARTICIPANTS = 25;

/** A Slack user id as the participants picker gives it (U… or W…, at most 21 characters). */
const USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/** A round's id as the app makes it (a number, a UUID): letters, digits and `-_.:`, at most 64 characters. */
export const roundIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be a round id');

/** How a modal is used: a single decision, the organiser's round (`round`), or a teammate's view (`roundId`). */
type ModalMode = 'decision' | 'round' | 'view';

function modeOf(metadata: ModalCarry): ModalMode {
  if (metadata.roundId !== undefined) return 'view';
  return metadata.round === undefined ? 'decision' : 'round';
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

/** What a page shows as inputs: a teammate's view shows the organiser's description rather than asking it. */
function askedOnPage(page: ModalPage, mode: ModalMode): Question[] {
  const asked = questionsOnPage(page);
  return mode === 'view' ? asked.filter((q) => q.kind !== 'text') : asked;
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

function channelPicker(initialChannelId: string | undefined, round: boolean): types.InputBlock {
  return {
    type: 'input',
    block_id: CHANNEL_BLOCK_ID,
    label: plainText(round ? 'Post the round in' : 'Post the verdict in', SLACK_LIMITS.inputLabel),
    hint: plainText(
      round
        ? 'The round goes to this channel; when it closes, the team’s verdict takes its place, with the details in its thread. Invite the app to private channels first.'
        : 'The verdict goes to this channel, with the details in its thread. Invite the app to private channels first.',
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

function deadlineOption(deadline: RoundDeadline): types.PlainTextOption {
  return option(deadline, ROUND_DEADLINE_LABELS[deadline]);
}

/** The deadline whose length is `ms`, or the default. */
function deadlineOf(ms: number | undefined): RoundDeadline {
  const found = (Object.keys(ROUND_DEADLINES) as RoundDeadline[]).find((d) => ROUND_DEADLINES[d] === ms);
  return found ?? DEFAULT_ROUND_DEADLINE;
}

/** Who should answer and until when: the organiser's page 1, pre-filled from earlier settings if any. */
function roundInputs(settings: RoundSettings | undefined): types.InputBlock[] {
  const participants = settings?.participants.filter((id) => USER_ID.test(id)) ?? [];
  return [
    {
      type: 'input',
      block_id: ROUND_PARTICIPANTS_BLOCK_ID,
      optional: true,
      label: plainText('Who should answer?', SLACK_LIMITS.inputLabel),
      hint: plainText('Leave empty: anyone in the channel can add their view.', SLACK_LIMITS.inputHint),
      element: {
        type: 'multi_users_select',
        action_id: ROUND_PARTICIPANTS_BLOCK_ID,
        placeholder: plainText('Choose people', SLACK_LIMITS.placeholder),
        max_selected_items: ROUND_MAX_PARTICIPANTS,
        ...(participants.length > 0 ? { initial_users: participants.slice(0, ROUND_MAX_PARTICIPANTS) } : {}),
      },
    },
    {
      type: 'input',
      block_id: ROUND_DEADLINE_BLOCK_ID,
      label: plainText('Open until', SLACK_LIMITS.inputLabel),
      hint: plainText(
        'The round closes by itself then and the team’s verdict is posted. You can close it earlier.',
        SLACK_LIMITS.inputHint,
      ),
      element: {
        type: 'static_select',
        action_id: ROUND_DEADLINE_BLOCK_ID,
        options: (Object.keys(ROUND_DEADLINES) as RoundDeadline[]).map(deadlineOption),
        initial_option: deadlineOption(deadlineOf(settings?.deadlineMs)),
      },
    },
  ];
}

/** The project as the organiser described it, shown (not asked) on a teammate's page 1. */
function projectBlock(description: string | undefined): types.SectionBlock[] {
  const text = description?.trim() ?? '';
  if (text === '') return [];
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*Project*\n${quote(userText(text, 1500))}`, verbatim: true },
    },
  ];
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

const PAGE_TWO_INTRO =
  'All optional: skip anything you are unsure about, or pick “No answer” to take an answer back. Each answer you give sharpens the verdict. Back returns to the first page.';

/** What page 1 asks, as a sentence: "Five questions about the project and the team, …, and the channel …". */
function pageOneFields(asked: readonly Question[], more: readonly string[]): string {
  const required = asked.filter((q) => q.required).length;
  const optional = asked.filter((q) => !q.required);
  const extras = [
    optional.length === 1 ? `an optional ${(optional[0]?.label ?? '').toLowerCase()}` : '',
    optional.length > 1 ? `${countWord(optional.length)} optional fields` : '',
    ...more,
  ].filter(Boolean);
  const fields = [`${countWord(required)} questions about the project and the team`, ...extras];
  // A serial comma: the first field already holds an "and".
  const listed = fields.length > 1 ? `${fields.slice(0, -1).join(', ')}, and ${fields.at(-1)}` : fields[0];
  return capitalise(listed ?? '');
}

/** What a page asks, counted from the page itself, so the intro stays right when a question is added. */
function introText(page: ModalPage, askChannel: boolean): string {
  if (page === 2) return PAGE_TWO_INTRO;
  const fields = pageOneFields(questionsOnPage(1), [askChannel ? 'the channel for the verdict' : '']);
  return `${fields}. ${capitalise(countWord(questionsOnPage(2).length))} optional details follow. The verdict, its reasons and a plan are posted for everyone to see.`;
}

/** The intro of the organiser's modal and of a teammate's view, true to what each page asks and does. */
function roundIntroText(
  page: ModalPage,
  mode: 'round' | 'view',
  askChannel: boolean,
  values: ModalValues,
): string {
  const details = capitalise(countWord(questionsOnPage(2).length));
  if (mode === 'round') {
    if (page === 2) {
      return `${PAGE_TWO_INTRO} Start round posts the round in the channel; your teammates’ answers stay hidden until it closes.`;
    }
    const fields = pageOneFields(questionsOnPage(1), [
      'who should answer and until when',
      askChannel ? 'the channel for the round' : '',
    ]);
    return `${fields}. ${details} optional details follow. Your answers are the round’s first view, and your teammates’ forms start from your answers about the project (your priorities stay yours). What they submit stays hidden until the round closes; then the round’s message in the channel becomes the team’s verdict, with where the team disagrees in its thread.`;
  }
  const noPriorities = values.priorities === undefined || values.priorities.length === 0;
  if (page === 2) {
    return noPriorities
      ? `${PAGE_TWO_INTRO} The priorities are left for you to choose: they are your own judgement.`
      : PAGE_TWO_INTRO;
  }
  return `Your view in this team round. It starts from the organiser’s answers about the project, or from your own if you gave a view before: change anything you see differently. ${pageOneFields(askedOnPage(1, 'view'), [])} here; ${countWord(questionsOnPage(2).length)} optional details follow. Nobody sees your answers, the organiser included, until the round closes; adding your view again replaces it.`;
}

const MODAL_TITLES: Readonly<Record<ModalMode, string>> = {
  decision: 'Rust or Python?',
  round: 'Team round',
  view: 'Team round view',
};

const SUBMITS: Readonly<Record<ModalMode, string>> = {
  decision: 'Decide',
  round: 'Start round',
  view: 'Add my view',
};

/**
 * One page of the decision modal. Page 1 asks the essentials (and which channel, when the modal was not opened
 * from one); page 2, pushed over it, the optional details, closing with Back. `values` pre-fill the inputs
 * (Adjust answers, page 2 after page 1).
 *
 * Team rounds use the same modal. With `metadata.round` it is the organiser's ("Team round"): page 1 also asks
 * who should answer (`round_participants`) and until when (`round_deadline`, 1 day unless `round` holds
 * earlier settings), and page 2 submits as Start round. With `metadata.roundId` it is a teammate's view
 * ("Team round view"): page 1 shows the project (`values.description`) instead of asking it, never asks for
 * a channel, and page 2 submits as Add my view; pre-fill it with `roundViewValues(organiser's answers)`, or
 * with the person's own earlier view (the intro says it starts from one or the other).
 */
export function buildDecisionModal(args: {
  page: ModalPage;
  values: ModalValues;
  metadata: ModalCarry;
}): types.ModalView {
  const { page, values, metadata } = args;
  const byId = values as Record<string, unknown>;
  const mode = modeOf(metadata);
  const askChannel = page === 1 && !metadata.channelId && mode !== 'view';
  const intro =
    mode === 'decision' ? introText(page, askChannel) : roundIntroText(page, mode, askChannel, values);
  const blocks: types.KnownBlock[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: intro }] },
    ...(mode === 'view' && page === 1 ? projectBlock(values.description) : []),
    ...askedOnPage(page, mode).map((q) => inputBlock(q, byId[q.id])),
  ];
  if (mode === 'round' && page === 1) {
    blocks.push(...roundInputs(metadata.round === true ? undefined : metadata.round));
  }
  if (askChannel) blocks.push(channelPicker(values.channelId, mode === 'round'));
  return {
    type: 'modal',
    callback_id: DECISION_MODAL_CALLBACK_ID,
    title: plainText(`${MODAL_TITLES[mode]} (${page}/2)`, SLACK_LIMITS.modalTitle),
    submit: plainText(page === 1 ? 'Next' : SUBMITS[mode], SLACK_LIMITS.modalButton),
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

function buildFirstPageTemplate(askChannel: boolean, round: boolean): FirstPageTemplate {
  const view = buildDecisionModal({
    page: 1,
    values: {},
    metadata: { ...(askChannel ? {} : { channelId: 'C0' }), ...(round ? { round: true as const } : {}) },
  });
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

const firstPageTemplates = new Map<string, FirstPageTemplate>();

/**
 * The first page as a slash command opens it, encoded as JSON text: the same view as
 * `buildDecisionModal({ page: 1, values: { description }, metadata })`, built once as a template that only the
 * metadata and the pre-filled description are put into (the channel picker is part of the template used when
 * the metadata names no channel; `round: true`, `/rust-or-python team`, has templates of its own). The command
 * answers within Slack's 3 s; this keeps building the 5 KB view off that path. A teammate's view (`roundId`)
 * or a round page 1 pre-filled with settings is built in full.
 */
export function encodeDecisionModalFirstPage(args: {
  description: string;
  metadata: ModalCarry;
}): EncodedModal {
  const { round, roundId } = args.metadata;
  if (roundId !== undefined || (round !== undefined && round !== true)) {
    const values = args.description === '' ? {} : { description: args.description };
    return { json: JSON.stringify(buildDecisionModal({ page: 1, values, metadata: args.metadata })) };
  }
  const askChannel = !args.metadata.channelId;
  const key = `${askChannel}/${round === true}`;
  let template = firstPageTemplates.get(key);
  if (template === undefined) {
    template = buildFirstPageTemplate(askChannel, round === true);
    firstPageTemplates.set(key, template);
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
 * Who should answer and until when, from the organiser's submitted page 1 (`view.state.values`): the people
 * picked (user ids only, each once, at most `ROUND_MAX_PARTICIPANTS`; none: anyone may answer) and the
 * deadline's length (1 day when the select is missing or holds a value it never offered).
 */
export function readRoundSettings(stateValues: StateValues): RoundSettings {
  const picked =
    stateValues[ROUND_PARTICIPANTS_BLOCK_ID]?.[ROUND_PARTICIPANTS_BLOCK_ID]?.selected_users ?? [];
  const participants = [...new Set(picked.filter((id) => USER_ID.test(id)))].slice(0, ROUND_MAX_PARTICIPANTS);
  const value = stateValues[ROUND_DEADLINE_BLOCK_ID]?.[ROUND_DEADLINE_BLOCK_ID]?.selected_option?.value ?? '';
  const deadline = Object.hasOwn(ROUND_DEADLINES, value) ? (value as RoundDeadline) : DEFAULT_ROUND_DEADLINE;
  return { participants, deadlineMs: ROUND_DEADLINES[deadline] };
}

/**
 * What a teammate's view starts from (`add_my_view`): the organiser's answers about the project, with the
 * priorities left out, since they are each person's own judgement. The description stays, for the modal to
 * show: the team's description is the organiser's, so a view does not ask it.
 */
export function roundViewValues(organiserAnswers: Partial<Answers>): ModalValues {
  const { priorities: _judgement, ...facts } = organiserAnswers;
  return facts;
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

const roundSettingsSchema = z.strictObject({
  participants: z
    .array(z.string().regex(USER_ID, 'must be a Slack user id'))
    .max(ROUND_MAX_PARTICIPANTS)
    .refine((ids) => new Set(ids).size === ids.length, 'must name each person once'),
  deadlineMs: z
    .number()
    .refine((ms) => Object.values(ROUND_DEADLINES).some((d) => d === ms), 'must be one of ROUND_DEADLINES'),
});

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
    round: z.union([z.literal(true), roundSettingsSchema]).optional(),
    roundId: roundIdSchema.optional(),
  })
  .refine((m) => (m.responseUrl === undefined) === (m.responseUrlExpiresAt === undefined), {
    message: 'responseUrl and responseUrlExpiresAt go together',
    path: ['responseUrlExpiresAt'],
  })
  .refine((m) => [m.replaces, m.round, m.roundId].filter((v) => v !== undefined).length <= 1, {
    message: 'replaces, round and roundId exclude one another',
    path: ['round'],
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
