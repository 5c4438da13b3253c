import { describe, expect, it } from 'vitest';
import { checkSurface, SLACK_LIMITS } from '../../../src/slack/blocks/limits.ts';

const plain = (text: string) => ({ type: 'plain_text', text });
const md = (text: string) => ({ type: 'mrkdwn', text });
const option = (value: string, text = value) => ({ text: plain(text), value });

function validModal(blocks: unknown[] = []) {
  return {
    type: 'modal',
    title: plain('Rust or Python?'),
    submit: plain('Next'),
    close: plain('Cancel'),
    private_metadata: '{}',
    blocks,
  };
}

function rulesOf(surface: Parameters<typeof checkSurface>[0]) {
  return checkSurface(surface).map((v) => `${v.path} ${v.rule}`);
}

describe('checkSurface on messages', () => {
  it('accepts a message that follows the rules', () => {
    const message = {
      kind: 'message' as const,
      text: 'Verdict: Rust',
      blocks: [
        { type: 'header', text: plain('Rust') },
        { type: 'section', text: md('*Why*'), fields: [md('a'), md('b')] },
        { type: 'divider' },
        { type: 'context', elements: [md('Asked by <@U1>')] },
        { type: 'actions', elements: [{ type: 'button', action_id: 'go', text: plain('Go'), value: 'v' }] },
      ],
    };
    expect(checkSurface(message)).toEqual([]);
  });

  it('reports each broken limit with its path, the limit and what Slack would answer', () => {
    const violations = checkSurface({
      kind: 'message',
      text: 'x',
      blocks: [
        { type: 'header', text: plain('h'.repeat(151)) },
        { type: 'section', text: md('s'.repeat(3001)) },
        { type: 'section', fields: Array.from({ length: 11 }, () => md('f')) },
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'a', text: plain('b'.repeat(76)), value: 'v'.repeat(2001) },
          ],
        },
      ],
    });
    expect(violations).toContainEqual(
      expect.objectContaining({
        path: 'blocks[0].text.text',
        rule: 'headerText',
        limit: 150,
        actual: 151,
        slackError: 'invalid_blocks',
      }),
    );
    expect(violations.map((v) => `${v.path} ${v.rule}`)).toEqual(
      expect.arrayContaining([
        'blocks[1].text.text sectionText',
        'blocks[2].fields sectionFields',
        'blocks[3].elements[0].text.text buttonText',
        'blocks[3].elements[0].value buttonValue',
      ]),
    );
  });

  it('counts blocks, empty text, markdown in a header and unknown block types', () => {
    const tooMany = Array.from({ length: SLACK_LIMITS.messageBlocks + 1 }, () => ({ type: 'divider' }));
    expect(rulesOf({ kind: 'message', text: 'x', blocks: tooMany })).toContain('blocks messageBlocks');
    expect(
      rulesOf({
        kind: 'message',
        text: 'x',
        blocks: [{ type: 'section', text: md('') }, { type: 'header', text: md('*h*') }, { type: 'sectoin' }],
      }),
    ).toEqual(['blocks[0].text.text textMin', 'blocks[1].text.type type', 'blocks[2].type unknown_block']);
  });

  it('answers msg_blocks_too_long past the characters budget, though every block is within its own limit', () => {
    const blocks = Array.from({ length: 5 }, () => ({ type: 'section', text: md('x'.repeat(2900)) }));
    const violations = checkSurface({ kind: 'message', text: 'x', blocks });
    expect(violations).toEqual([
      expect.objectContaining({ rule: 'messageBlocksChars', slackError: 'msg_blocks_too_long' }),
    ]);
  });

  it('wants text or blocks, and top-level text within 4,000 characters', () => {
    expect(checkSurface({ kind: 'message', text: '' })).toEqual([
      expect.objectContaining({ slackError: 'no_text' }),
    ]);
    expect(checkSurface({ kind: 'message', text: 't'.repeat(4001) })).toEqual([
      expect.objectContaining({ rule: 'messageText', slackError: 'msg_too_long' }),
    ]);
  });

  it('reports duplicate block ids and duplicate action ids within a block', () => {
    const button = { type: 'button', action_id: 'same', text: plain('b') };
    expect(
      rulesOf({
        kind: 'message',
        text: 'x',
        blocks: [
          { type: 'divider', block_id: 'a' },
          { type: 'actions', block_id: 'a', elements: [button, button] },
        ],
      }),
    ).toEqual(['blocks[1].block_id duplicate_id', 'blocks[1].elements[1].action_id duplicate_id']);
  });

  it('checks text objects inside block types it does not build', () => {
    expect(
      rulesOf({
        kind: 'message',
        text: 'x',
        blocks: [{ type: 'image', alt_text: 'a', title: plain('t'.repeat(3001)) }],
      }),
    ).toEqual(['blocks[0].title.text textObject']);
  });
});

describe('checkSurface on views', () => {
  it('accepts a modal with the inputs the app uses', () => {
    const options = [option('a'), option('b')];
    const modal = validModal([
      {
        type: 'input',
        block_id: 'q1',
        label: plain('Q1'),
        element: { type: 'static_select', action_id: 'q1', options, initial_option: option('b') },
      },
      {
        type: 'input',
        block_id: 'q2',
        label: plain('Q2'),
        element: { type: 'radio_buttons', action_id: 'q2', options },
      },
      {
        type: 'input',
        block_id: 'q3',
        label: plain('Q3'),
        element: { type: 'checkboxes', action_id: 'q3', options, initial_options: [option('a')] },
      },
      {
        type: 'input',
        block_id: 'q4',
        label: plain('Q4'),
        element: { type: 'multi_static_select', action_id: 'q4', options, max_selected_items: 2 },
      },
      {
        type: 'input',
        block_id: 'q5',
        label: plain('Q5'),
        hint: plain('h'),
        element: {
          type: 'plain_text_input',
          action_id: 'q5',
          multiline: true,
          max_length: 500,
          initial_value: 'hi',
        },
      },
      {
        type: 'input',
        block_id: 'channel',
        label: plain('Where'),
        element: { type: 'conversations_select', action_id: 'channel' },
      },
    ]);
    expect(checkSurface(modal)).toEqual([]);
  });

  it('reports what Slack rejects in modals', () => {
    const options = [option('a'), option('b')];
    const modal = {
      ...validModal([
        {
          type: 'input',
          block_id: 'q1',
          label: plain('Q1'),
          element: { type: 'static_select', action_id: 'q1', options, initial_option: option('c') },
        },
        {
          type: 'input',
          block_id: 'q2',
          label: plain('Q2'),
          element: {
            type: 'radio_buttons',
            action_id: 'q2',
            options: Array.from({ length: 11 }, (_, i) => option(`o${i}`)),
          },
        },
        {
          type: 'input',
          block_id: 'q3',
          label: plain('Q3'),
          element: {
            type: 'multi_static_select',
            action_id: 'q3',
            options,
            max_selected_items: 1,
            initial_options: options,
          },
        },
        {
          type: 'input',
          block_id: 'q4',
          label: plain('Q4'),
          element: { type: 'plain_text_input', action_id: 'q4', max_length: 3001 },
        },
        {
          type: 'input',
          block_id: 'q5',
          label: plain('Q5'),
          element: {
            type: 'static_select',
            action_id: 'q5',
            options: [{ text: plain('t'.repeat(76)), value: 'v'.repeat(151) }],
          },
        },
      ]),
      title: plain('A title longer than twenty-four'),
      private_metadata: 'm'.repeat(3001),
      submit: undefined,
    };
    const violations = rulesOf(modal);
    expect(violations).toEqual(
      expect.arrayContaining([
        'blocks[0].element.initial_option initial_option',
        'blocks[1].element.options radioButtonsOptions',
        'blocks[2].element.initial_options range',
        'blocks[3].element.max_length plainTextInputLength',
        'blocks[4].element.options[0].text.text optionText',
        'blocks[4].element.options[0].value optionValue',
        'title.text modalTitle',
        'private_metadata privateMetadata',
        'submit required',
      ]),
    );
  });

  it('answers view_too_large past 250 kB, and counts up to 100 blocks', () => {
    const blocks = Array.from({ length: 101 }, () => ({ type: 'section', text: md('x'.repeat(2900)) }));
    const violations = checkSurface({ type: 'home', blocks });
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'viewBlocks', slackError: 'invalid_arguments' }),
        expect.objectContaining({ rule: 'viewBytes', slackError: 'view_too_large' }),
      ]),
    );
  });

  it('rejects a view type it does not know', () => {
    expect(rulesOf({ type: 'modl', blocks: [] })).toEqual(['type type']);
  });
});
