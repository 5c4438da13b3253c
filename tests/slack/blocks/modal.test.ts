import type { types, ViewStateValue } from '@slack/bolt';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalAnswers, parseAnswers } from '../../../src/engine/index.ts';
import { type Answers, QUESTIONS } from '../../../src/engine/questions.ts';
import { checkSurface, SLACK_LIMITS } from '../../../src/slack/blocks/limits.ts';
import {
  buildDecisionModal,
  DECISION_MODAL_CALLBACK_ID,
  decodeModalMetadata,
  encodeModalMetadata,
  type ModalMetadata,
  type ModalPage,
  type ModalValues,
  modalErrors,
  readDecisionModalPage,
} from '../../../src/slack/blocks/modal.ts';
import { arbitraryAnswers } from '../../helpers/arbitraries.ts';
import { extremeRecommendation } from './fixtures.ts';

type View = ReturnType<typeof buildDecisionModal>;
type Json = Record<string, unknown>;

function inputs(view: View): Json[] {
  return (view.blocks as unknown as Json[]).filter((b) => b.type === 'input');
}

function inputById(view: View, id: string): Json {
  const block = inputs(view).find((b) => b.block_id === id);
  if (!block) throw new Error(`no input ${id}`);
  return block;
}

/** `view.state.values` as Slack sends it when the person submits the page without changing anything. */
function submittedUnchanged(view: View): Record<string, Record<string, ViewStateValue>> {
  const values: Record<string, Record<string, ViewStateValue>> = {};
  for (const block of inputs(view)) {
    const element = block.element as Json;
    const type = String(element.type);
    const state: ViewStateValue = { type };
    if (type === 'static_select' || type === 'radio_buttons') {
      state.selected_option = (element.initial_option as ViewStateValue['selected_option']) ?? null;
    } else if (type === 'multi_static_select' || type === 'checkboxes') {
      state.selected_options = (element.initial_options as ViewStateValue['selected_options']) ?? [];
    } else if (type === 'plain_text_input') {
      state.value = (element.initial_value as string | undefined) ?? null;
    } else if (type === 'conversations_select') {
      state.selected_conversation = (element.initial_conversation as string | undefined) ?? null;
    }
    values[String(block.block_id)] = { [String(element.action_id)]: state };
  }
  return values;
}

const pages: ModalPage[] = [1, 2];

describe('buildDecisionModal', () => {
  it('page 1 asks the required questions first, then the description, and which channel when opened from Home', () => {
    const view = buildDecisionModal({ page: 1, values: {}, metadata: {} });
    const required = QUESTIONS.filter((q) => q.required).map((q) => q.id);
    expect(inputs(view).map((b) => b.block_id)).toEqual([...required, 'description', 'channel']);
    expect(inputs(view).map((b) => b.optional)).toEqual([...required.map(() => undefined), true, undefined]);
    expect(view.callback_id).toBe(DECISION_MODAL_CALLBACK_ID);
    expect(view.submit?.text).toBe('Next');
    expect(inputById(view, 'description').element).toMatchObject({
      type: 'plain_text_input',
      action_id: 'description',
      multiline: true,
      max_length: 500,
    });
    expect(inputById(view, 'channel').element).toMatchObject({
      type: 'conversations_select',
      action_id: 'channel',
    });
  });

  it('does not ask for a channel when the modal was opened from one', () => {
    const view = buildDecisionModal({ page: 1, values: {}, metadata: { channelId: 'C123' } });
    expect(inputs(view).map((b) => b.block_id)).not.toContain('channel');
  });

  it('page 2 asks every optional detail, marked optional, and submits with "Decide"', () => {
    const view = buildDecisionModal({ page: 2, values: {}, metadata: { channelId: 'C1' } });
    const details = QUESTIONS.filter((q) => q.section === 'details');
    expect(inputs(view).map((b) => b.block_id)).toEqual(details.map((q) => q.id));
    expect(inputs(view).every((b) => b.optional === true)).toBe(true);
    expect(view.submit?.text).toBe('Decide');
    expect(inputById(view, 'priorities').element).toMatchObject({
      type: 'multi_static_select',
      max_selected_items: 2,
    });
  });

  it('uses each question’s label and help text, and its id for block and action ids', () => {
    for (const page of pages) {
      const view = buildDecisionModal({ page, values: {}, metadata: {} });
      for (const block of inputs(view).filter((b) => b.block_id !== 'channel')) {
        const q = QUESTIONS.find((x) => x.id === block.block_id);
        expect(block).toMatchObject({
          label: { text: q?.label },
          hint: { text: q?.help },
          element: { action_id: q?.id },
        });
      }
    }
  });

  it('pre-fills the answers it is given (Adjust answers) and the chosen channel', () => {
    const values = {
      workload: 'embedded',
      latency: 'strict',
      rustMentors: false,
      priorities: ['cost', 'safety'],
      description: 'A <b> & c',
      channelId: 'C9',
    } as const;
    const page1 = buildDecisionModal({
      page: 1,
      values: { ...values, priorities: [...values.priorities] },
      metadata: {},
    });
    expect(inputById(page1, 'workload').element).toMatchObject({ initial_option: { value: 'embedded' } });
    expect(inputById(page1, 'description').element).toMatchObject({ initial_value: 'A <b> & c' });
    expect(inputById(page1, 'channel').element).toMatchObject({ initial_conversation: 'C9' });
    const page2 = buildDecisionModal({
      page: 2,
      values: { ...values, priorities: [...values.priorities] },
      metadata: {},
    });
    expect(inputById(page2, 'rustMentors').element).toMatchObject({ initial_option: { value: 'no' } });
    expect((inputById(page2, 'priorities').element as Json).initial_options).toEqual([
      expect.objectContaining({ value: 'safety' }),
      expect.objectContaining({ value: 'cost' }),
    ]);
  });

  it('records which page it is in the metadata, with what the caller carries', () => {
    const carried = {
      channelId: 'C1',
      responseUrl: 'https://hooks.slack.com/commands/T1/2/abc',
      responseUrlExpiresAt: 1_700_000_000_000,
    };
    for (const page of pages) {
      const view = buildDecisionModal({ page, values: {}, metadata: carried });
      expect(decodeModalMetadata(view.private_metadata ?? '')).toEqual({ ...carried, page });
    }
  });

  it('cuts a pre-filled description longer than the field allows instead of failing at Slack', () => {
    const view = buildDecisionModal({ page: 1, values: { description: 'x'.repeat(900) }, metadata: {} });
    expect(((inputById(view, 'description').element as Json).initial_value as string).length).toBe(500);
    expect(checkSurface(view)).toEqual([]);
  });
});

/** The intro line at the top of a page. */
function intro(view: View): string {
  const first = (view.blocks as unknown as Json[])[0];
  return String(((first?.elements as Json[] | undefined)?.[0] as Json | undefined)?.text ?? '');
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

describe('a modal with a way back and answers that can be taken back', () => {
  it('page 2 closes with Back (Slack’s close button on a pushed view returns to the view under it)', () => {
    expect(buildDecisionModal({ page: 1, values: {}, metadata: {} }).close?.text).toBe('Cancel');
    const page2 = buildDecisionModal({ page: 2, values: {}, metadata: { channelId: 'C1' } });
    expect(page2.close?.text).toBe('Back');
    expect(page2.clear_on_close).not.toBe(true);
    expect(intro(page2)).toMatch(/Back/);
  });

  it('page 1’s intro counts the fields page 1 has, with and without the channel picker', () => {
    for (const metadata of [{}, { channelId: 'C1' }]) {
      const view = buildDecisionModal({ page: 1, values: {}, metadata });
      const fields = inputs(view).filter((b) => b.block_id !== 'channel');
      const required = fields.filter((b) => b.optional !== true).length;
      const optional = fields.length - required;
      const text = intro(view).toLowerCase();
      expect(text.startsWith(`${NUMBER_WORDS[required]} questions`), text).toBe(true);
      if (optional === 1) expect(text).toContain('an optional project description');
      expect(text.includes('channel')).toBe(inputs(view).some((b) => b.block_id === 'channel'));
    }
  });

  it('every optional single choice offers “No answer”, so a choice can be taken back, and reads it as no answer', () => {
    const optionalChoices = QUESTIONS.filter(
      (q) => !q.required && (q.kind === 'single' || q.kind === 'boolean'),
    );
    expect(optionalChoices.length).toBeGreaterThan(0);
    for (const page of pages) {
      const view = buildDecisionModal({ page, values: {}, metadata: {} });
      for (const q of optionalChoices.filter((x) => x.section === (page === 1 ? 'essentials' : 'details'))) {
        const element = inputById(view, q.id).element as Json;
        expect(element.type, q.id).toBe('static_select');
        const [first] = element.options as types.PlainTextOption[];
        expect(first?.text.text).toBe('No answer');
        const chosen: ViewStateValue = {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'No answer' }, value: first?.value ?? '' },
        };
        const read = readDecisionModalPage({ [q.id]: { [q.id]: chosen } }, page);
        expect(read).toEqual({});
      }
    }
    // "No answer" is no question's real option value.
    const values = QUESTIONS.flatMap((q) => ('options' in q ? q.options.map((o) => o.value) : []));
    const noAnswer = (
      (inputById(buildDecisionModal({ page: 2, values: {}, metadata: {} }), 'compute').element as Json)
        .options as Json[]
    )[0]?.value;
    expect(values).not.toContain(noAnswer);
  });

  it('says what each skill level means, in few words', () => {
    const view = buildDecisionModal({ page: 1, values: {}, metadata: {} });
    for (const id of ['pythonSkill', 'rustSkill']) {
      const labels = ((inputById(view, id).element as Json).options as { text: { text: string } }[]).map(
        (o) => o.text.text,
      );
      expect(labels.map((l) => l.split(':')[0])).toEqual(['None', 'Some', 'Strong']);
      for (const label of labels) expect(label, id).toMatch(/^(None|Some|Strong): \S.{5,40}$/);
    }
  });
});

describe('modalErrors', () => {
  it('words each problem with the labels the user saw, never ids or option values', () => {
    const errors = modalErrors(
      [
        {
          question: 'priorities',
          message: 'priorities: choose at most 2; allowed values: time-to-market, …',
        },
        { question: 'compute', message: 'compute is required; allowed values: io-bound, mixed, cpu-bound' },
      ],
      { priorities: ['time-to-market', 'performance', 'cost'] },
      2,
    );
    expect(errors).toEqual({
      priorities: 'Pick at most two (you picked three: Time to market, Performance, Running cost).',
      compute: 'Please choose an answer.',
    });
    expect(
      modalErrors(
        [{ question: 'description', message: 'description is too long' }],
        {
          description: 'x'.repeat(501),
        },
        1,
      ),
    ).toEqual({ description: 'Please keep it to 500 characters or fewer: this is 501.' });
  });

  it('keeps only errors about inputs on the submitted page, one per input', () => {
    expect(modalErrors([{ question: 'workload', message: 'workload is required' }], {}, 2)).toBeUndefined();
    expect(
      modalErrors(
        [
          { question: 'workload', message: 'a' },
          { question: 'workload', message: 'b' },
        ],
        {},
        1,
      ),
    ).toEqual({ workload: 'Please choose an answer.' });
  });

  it('for any wrong answers on either page: no question id or option value reaches the user', () => {
    const ids = QUESTIONS.map((q) => q.id);
    const values = QUESTIONS.flatMap((q) => ('options' in q ? q.options.map((o) => o.value) : []));
    // Ids and values no label uses as a word ("pythonSkill", "time-to-market"), and the engine's own phrasing.
    const internal = [...ids, ...values].filter((v) => /[A-Z-]/.test(v));
    const jargon = new RegExp(`${internal.join('|')}|allowed values|is required|must be`);
    fc.assert(
      fc.property(
        fc.constantFrom<ModalPage>(1, 2),
        fc.dictionary(
          fc.constantFrom(...ids),
          fc.oneof(fc.constantFrom(...values), fc.array(fc.constantFrom(...values)), fc.string()),
        ),
        (page, raw) => {
          const result = parseAnswers(raw);
          if (result.ok) return;
          for (const message of Object.values(modalErrors(result.errors, raw as ModalValues, page) ?? {})) {
            expect(message).not.toMatch(jargon);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('readDecisionModalPage', () => {
  it('gives back the answers the pages were filled with, for any answers', () => {
    fc.assert(
      fc.property(arbitraryAnswers(), fc.option(fc.constantFrom('C1', 'C0ABCDEF')), (answers, channel) => {
        const values = channel ? { ...answers, channelId: channel } : answers;
        const read = pages.map((page) =>
          readDecisionModalPage(submittedUnchanged(buildDecisionModal({ page, values, metadata: {} })), page),
        );
        const { channelId, ...merged } = { ...read[0], ...read[1] };
        const expected: Partial<Answers> = { ...canonicalAnswers(answers) };
        if (expected.description?.trim() === '') delete expected.description;
        if (expected.ecosystems?.length === 0) delete expected.ecosystems;
        if (expected.priorities?.length === 0) delete expected.priorities;
        expect(canonicalAnswers(merged as Answers)).toEqual(expected);
        expect(channelId).toBe(channel ?? undefined);
      }),
      { numRuns: 200 },
    );
  });

  it('omits empty inputs and passes too many priorities through for validation to report', () => {
    const read = readDecisionModalPage(
      {
        compute: { compute: { type: 'radio_buttons', selected_option: null } },
        description: { description: { type: 'plain_text_input', value: '   ' } },
        priorities: {
          priorities: {
            type: 'multi_static_select',
            selected_options: ['cost', 'safety', 'hiring', 'made-up'].map((value) => ({
              value,
              text: { type: 'plain_text', text: value },
            })),
          },
        },
      },
      2,
    );
    expect(read).toEqual({ priorities: ['cost', 'safety', 'hiring'] });
  });
});

describe('modal metadata', () => {
  const noInvisibleControls = (a: Partial<Answers>) => !/[^\P{Cc}\n\t]/u.test(a.description ?? '');

  it('decodes to what was encoded', () => {
    fc.assert(
      fc.property(
        arbitraryAnswers().filter(noInvisibleControls),
        fc.option(fc.constantFrom('C1', 'D0ABC')),
        fc.boolean(),
        fc.constantFrom<ModalPage>(1, 2),
        fc.option(
          fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((u) => u.length <= 500),
        ),
        (answers, channelId, replacing, page, responseUrl) => {
          const metadata: ModalMetadata = {
            page,
            answers,
            ...(channelId ? { channelId } : {}),
            ...(replacing ? { replaces: { channel: 'C1', ts: '1700000000.000100' } } : {}),
            ...(responseUrl ? { responseUrl, responseUrlExpiresAt: 1_700_000_000_000 } : {}),
          };
          const encoded = encodeModalMetadata(metadata);
          expect(encoded.length).toBeLessThanOrEqual(SLACK_LIMITS.privateMetadata);
          expect(decodeModalMetadata(encoded)).toEqual(metadata);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('fits 3,000 characters with every field at its longest', () => {
    const answers = { ...extremeRecommendation().answers, description: '"\\\n'.repeat(167).slice(0, 500) };
    const longUrl = 'https://hooks.slack.com/commands/';
    const metadata: ModalMetadata = {
      page: 2,
      channelId: `C${'9'.repeat(254)}`,
      replaces: { channel: `C${'9'.repeat(254)}`, ts: '9'.repeat(64) },
      answers,
      responseUrl: `${longUrl}${'~'.repeat(500 - longUrl.length)}`,
      responseUrlExpiresAt: Number.MAX_SAFE_INTEGER,
    };
    const encoded = encodeModalMetadata(metadata);
    expect(encoded.length).toBeLessThanOrEqual(SLACK_LIMITS.privateMetadata);
    expect(decodeModalMetadata(encoded)).toEqual(metadata);
  });

  it('drops invisible control characters from the description, which would otherwise blow the limit', () => {
    const answers = { ...extremeRecommendation().answers, description: `${'\u0001'.repeat(499)}x` };
    expect(decodeModalMetadata(encodeModalMetadata({ page: 1, answers })).answers?.description).toBe('x');
  });

  it('rejects an empty private_metadata: every modal this app builds has at least its page', () => {
    expect(() => decodeModalMetadata('')).toThrow(/empty/);
  });

  it('rejects a response_url that is not an http(s) URL it can carry, or comes without its expiry', () => {
    const expiresAt = { responseUrlExpiresAt: 1_700_000_000_000 };
    for (const responseUrl of [
      'not a url',
      'javascript:alert(1)',
      'https://hooks.slack.com/"x',
      `https://hooks.slack.com/${'a'.repeat(500)}`,
    ]) {
      expect(() => encodeModalMetadata({ page: 1, responseUrl, ...expiresAt })).toThrow(/responseUrl/);
    }
    expect(() => encodeModalMetadata({ page: 1, responseUrl: 'https://hooks.slack.com/c/1' })).toThrow(
      /responseUrlExpiresAt/,
    );
  });

  it('rejects metadata that is not ours, naming what is wrong', () => {
    expect(() => decodeModalMetadata('not json')).toThrow(/not JSON/);
    expect(() => decodeModalMetadata('{"page":1,"answers":{"latency":"fast"}}')).toThrow(/latency/);
    expect(() => decodeModalMetadata('{"page":1,"channel":"C1"}')).toThrow(/channel/);
    expect(() => decodeModalMetadata('{"channelId":"C1"}')).toThrow(/page/);
    expect(() => decodeModalMetadata('{"page":3}')).toThrow(/page/);
    expect(() => encodeModalMetadata({ page: 1, answers: { description: 'x'.repeat(501) } })).toThrow(
      /description/,
    );
  });
});
