/**
 * Slack's Block Kit limits (docs.slack.dev/reference/block-kit/blocks and each block's and element's page,
 * docs.slack.dev/reference/views/modal-views) and one checker for them. The builders
 * truncate to stay inside these numbers; the tests and the fake Slack run `checkSurface` on what they build
 * or receive, so a surface Slack would reject fails here first.
 */

export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  /** views.* answer `view_too_large` above 250 kB of view JSON; counted as 250,000 bytes to be safe. */
  viewBytes: 250_000,
  /** Top-level `text`: Slack recommends at most 4,000 (chat.update rejects more); it truncates at 40,000. */
  messageText: 4000,
  /**
   * Characters of text across all blocks of one message. Slack's `msg_blocks_too_long` threshold is not
   * documented (messages of about 13.2k characters were rejected), so this budget is deliberately lower.
   */
  messageBlocksChars: 12_000,
  /** `markdown` blocks: 12,000 characters cumulative per payload. */
  markdownChars: 12_000,
  blockId: 255,
  actionId: 255,
  callbackId: 255,
  externalId: 255,
  textMin: 1,
  textObject: 3000,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  accessibilityLabel: 75,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  checkboxesOptions: 10,
  radioButtonsOptions: 10,
  selectOptions: 100,
  overflowOptions: 5,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputLength: 3000,
  imageAltText: 2000,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
} as const;

export type SlackLimit = keyof typeof SLACK_LIMITS;

/** Rules that are about shape rather than a number. */
export type StructuralRule =
  | 'required'
  | 'type'
  | 'unknown_block'
  | 'unknown_element'
  | 'duplicate_id'
  | 'initial_option'
  | 'range';

/**
 * The error Slack answers for a surface breaking this rule: chat.* answer `invalid_blocks` (or
 * `msg_blocks_too_long` / `msg_too_long`), views.* answer `view_too_large` for size and `invalid_arguments`
 * for everything else.
 */
export type SlackLimitError =
  | 'invalid_blocks'
  | 'msg_blocks_too_long'
  | 'msg_too_long'
  | 'no_text'
  | 'view_too_large'
  | 'invalid_arguments';

export interface LimitViolation {
  /** JSON path inside the surface, e.g. `blocks[3].fields[1].text`. */
  readonly path: string;
  readonly rule: SlackLimit | StructuralRule;
  /** The limit that was exceeded, for numeric rules. */
  readonly limit?: number;
  readonly actual?: number;
  readonly message: string;
  readonly slackError: SlackLimitError;
}

/** What `chat.postMessage` and friends take. */
export interface MessageSurface {
  readonly kind: 'message';
  readonly blocks?: readonly unknown[];
  readonly text?: string;
}

/** A view as `views.open` / `views.publish` take it (typed loosely so raw JSON can be checked too). */
export interface ViewSurface {
  readonly type: string;
  readonly blocks?: unknown;
}

export type Surface = MessageSurface | ViewSurface;

/** The ellipsis a truncated text ends with. */
export const ELLIPSIS = '…';

/**
 * Cuts `text` to at most `max` characters (UTF-16 code units, never fewer than Slack counts), ending with an
 * ellipsis when something was cut. Never splits a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (!Number.isInteger(max) || max < 1) {
    throw new RangeError(`truncate: max must be a positive integer, got ${max}`);
  }
  if (text.length <= max) return text;
  let cut = text.slice(0, max - ELLIPSIS.length);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}${ELLIPSIS}`;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Block types Slack knows; the ones the app builds are checked in detail, the rest generically. */
const OTHER_KNOWN_BLOCKS = new Set([
  'image',
  'rich_text',
  'video',
  'file',
  'table',
  'call',
  'alert',
  'card',
  'carousel',
  'container',
  'context_actions',
  'data_table',
  'task_card',
  'plan',
]);

const OTHER_KNOWN_ELEMENTS = new Set([
  'datepicker',
  'datetimepicker',
  'timepicker',
  'email_text_input',
  'url_text_input',
  'number_input',
  'file_input',
  'rich_text_input',
  'external_select',
  'multi_external_select',
  'users_select',
  'multi_users_select',
  'channels_select',
  'multi_channels_select',
  'multi_conversations_select',
  'workflow_button',
  'icon_button',
  'feedback_buttons',
]);

interface TextRule {
  readonly max: number;
  readonly rule: SlackLimit;
  readonly plainOnly?: boolean;
}

class SurfaceChecker {
  readonly violations: LimitViolation[] = [];
  /** Characters of text in blocks (for the message budget). */
  textChars = 0;
  markdownChars = 0;
  hasInput = false;
  private readonly blockIds = new Set<string>();

  constructor(private readonly slackError: SlackLimitError) {}

  report(
    path: string,
    rule: LimitViolation['rule'],
    message: string,
    numbers: { limit?: number; actual?: number } = {},
    slackError: SlackLimitError = this.slackError,
  ): void {
    this.violations.push({ path, rule, message, slackError, ...numbers });
  }

  maxLength(
    path: string,
    value: unknown,
    rule: SlackLimit,
    options: { required?: boolean; slackError?: SlackLimitError } = {},
  ): void {
    if (value === undefined && !options.required) return;
    if (typeof value !== 'string') {
      this.report(path, value === undefined ? 'required' : 'type', `${path} must be a string`);
      return;
    }
    const limit = SLACK_LIMITS[rule];
    if (value.length > limit) {
      this.report(
        path,
        rule,
        `${path} is ${value.length} characters; the limit is ${limit}`,
        { limit, actual: value.length },
        options.slackError,
      );
    }
  }

  maxItems(path: string, value: unknown, rule: SlackLimit, min = 0): value is unknown[] {
    if (!Array.isArray(value)) {
      this.report(path, value === undefined ? 'required' : 'type', `${path} must be a list`);
      return false;
    }
    const limit = SLACK_LIMITS[rule];
    if (value.length > limit) {
      this.report(path, rule, `${path} has ${value.length} items; the limit is ${limit}`, {
        limit,
        actual: value.length,
      });
    }
    if (value.length < min) {
      this.report(path, 'range', `${path} needs at least ${min} item(s)`, {
        limit: min,
        actual: value.length,
      });
    }
    return true;
  }

  text(path: string, value: unknown, rule: TextRule): void {
    if (!isObject(value)) {
      this.report(path, value === undefined ? 'required' : 'type', `${path} must be a text object`);
      return;
    }
    if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
      this.report(`${path}.type`, 'type', `${path}.type must be plain_text or mrkdwn`);
    } else if (rule.plainOnly && value.type !== 'plain_text') {
      this.report(`${path}.type`, 'type', `${path} must be plain_text`);
    }
    const text = value.text;
    if (typeof text !== 'string') {
      this.report(`${path}.text`, 'required', `${path}.text must be a string`);
      return;
    }
    this.textChars += text.length;
    if (text.length < SLACK_LIMITS.textMin) {
      this.report(`${path}.text`, 'textMin', `${path}.text must not be empty`, { limit: 1, actual: 0 });
    }
    const limit = Math.min(rule.max, SLACK_LIMITS.textObject);
    if (text.length > limit) {
      this.report(
        `${path}.text`,
        rule.rule,
        `${path}.text is ${text.length} characters; the limit is ${limit}`,
        {
          limit,
          actual: text.length,
        },
      );
    }
  }

  blockId(path: string, block: JsonObject): void {
    const id = block.block_id;
    if (id === undefined) return;
    this.maxLength(`${path}.block_id`, id, 'blockId');
    if (typeof id !== 'string') return;
    if (this.blockIds.has(id)) {
      this.report(`${path}.block_id`, 'duplicate_id', `block_id ${JSON.stringify(id)} is used twice`);
    }
    this.blockIds.add(id);
  }

  block(path: string, block: unknown): void {
    if (!isObject(block)) {
      this.report(path, 'type', `${path} must be a block object`);
      return;
    }
    this.blockId(path, block);
    const actionIds = new Set<string>();
    switch (block.type) {
      case 'header':
        this.text(`${path}.text`, block.text, {
          max: SLACK_LIMITS.headerText,
          rule: 'headerText',
          plainOnly: true,
        });
        return;
      case 'section':
        if (block.text === undefined && block.fields === undefined) {
          this.report(path, 'required', `${path} needs text or fields`);
        }
        if (block.text !== undefined) {
          this.text(`${path}.text`, block.text, { max: SLACK_LIMITS.sectionText, rule: 'sectionText' });
        }
        if (block.fields !== undefined && this.maxItems(`${path}.fields`, block.fields, 'sectionFields', 1)) {
          block.fields.forEach((field, i) => {
            this.text(`${path}.fields[${i}]`, field, {
              max: SLACK_LIMITS.sectionFieldText,
              rule: 'sectionFieldText',
            });
          });
        }
        if (block.accessory !== undefined) this.element(`${path}.accessory`, block.accessory, actionIds);
        return;
      case 'divider':
        return;
      case 'context':
        if (this.maxItems(`${path}.elements`, block.elements, 'contextElements', 1)) {
          block.elements.forEach((element, i) => {
            const at = `${path}.elements[${i}]`;
            if (isObject(element) && element.type === 'image') this.image(at, element);
            else this.text(at, element, { max: SLACK_LIMITS.textObject, rule: 'textObject' });
          });
        }
        return;
      case 'actions':
        if (this.maxItems(`${path}.elements`, block.elements, 'actionsElements', 1)) {
          block.elements.forEach((element, i) => {
            this.element(`${path}.elements[${i}]`, element, actionIds);
          });
        }
        return;
      case 'input':
        this.hasInput = true;
        this.text(`${path}.label`, block.label, {
          max: SLACK_LIMITS.inputLabel,
          rule: 'inputLabel',
          plainOnly: true,
        });
        if (block.hint !== undefined) {
          this.text(`${path}.hint`, block.hint, {
            max: SLACK_LIMITS.inputHint,
            rule: 'inputHint',
            plainOnly: true,
          });
        }
        this.element(`${path}.element`, block.element, actionIds);
        return;
      case 'markdown':
        if (typeof block.text !== 'string' || block.text.length < 1) {
          this.report(`${path}.text`, 'required', `${path}.text must be a non-empty string`);
          return;
        }
        this.markdownChars += block.text.length;
        this.textChars += block.text.length;
        return;
      default:
        if (typeof block.type === 'string' && OTHER_KNOWN_BLOCKS.has(block.type)) {
          this.nestedTexts(path, block);
          return;
        }
        this.report(
          `${path}.type`,
          'unknown_block',
          `${path} has an unknown block type ${JSON.stringify(block.type)}`,
        );
    }
  }

  /** Blocks the app does not build: still check every text object inside them. */
  nestedTexts(path: string, value: unknown): void {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        this.nestedTexts(`${path}[${i}]`, item);
      });
      return;
    }
    if (!isObject(value)) return;
    if (value.type === 'plain_text' || value.type === 'mrkdwn') {
      this.text(path, value, { max: SLACK_LIMITS.textObject, rule: 'textObject' });
      return;
    }
    for (const [key, child] of Object.entries(value)) this.nestedTexts(`${path}.${key}`, child);
  }

  image(path: string, image: JsonObject): void {
    this.maxLength(`${path}.alt_text`, image.alt_text, 'imageAltText', { required: true });
  }

  element(path: string, element: unknown, actionIds: Set<string>): void {
    if (!isObject(element)) {
      this.report(path, element === undefined ? 'required' : 'type', `${path} must be an element object`);
      return;
    }
    if (element.action_id !== undefined) {
      this.maxLength(`${path}.action_id`, element.action_id, 'actionId');
      if (typeof element.action_id === 'string') {
        if (actionIds.has(element.action_id)) {
          this.report(
            `${path}.action_id`,
            'duplicate_id',
            `action_id ${JSON.stringify(element.action_id)} is used twice in one block`,
          );
        }
        actionIds.add(element.action_id);
      }
    }
    if (element.placeholder !== undefined) {
      this.text(`${path}.placeholder`, element.placeholder, {
        max: SLACK_LIMITS.placeholder,
        rule: 'placeholder',
        plainOnly: true,
      });
    }
    switch (element.type) {
      case 'button':
        this.text(`${path}.text`, element.text, {
          max: SLACK_LIMITS.buttonText,
          rule: 'buttonText',
          plainOnly: true,
        });
        this.maxLength(`${path}.value`, element.value, 'buttonValue');
        if (typeof element.value === 'string') this.textChars += element.value.length;
        this.maxLength(`${path}.url`, element.url, 'buttonUrl');
        this.maxLength(`${path}.accessibility_label`, element.accessibility_label, 'accessibilityLabel');
        if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
          this.report(`${path}.style`, 'type', `${path}.style must be primary or danger`);
        }
        return;
      case 'static_select':
      case 'multi_static_select':
        this.choices(path, element, 'selectOptions', true);
        if (element.type === 'multi_static_select') this.maxSelected(path, element);
        return;
      case 'radio_buttons':
        this.choices(path, element, 'radioButtonsOptions', false);
        return;
      case 'checkboxes':
        this.choices(path, element, 'checkboxesOptions', false);
        return;
      case 'overflow':
        this.choices(path, element, 'overflowOptions', true);
        return;
      case 'plain_text_input':
        this.plainTextInput(path, element);
        return;
      case 'conversations_select':
        if (element.initial_conversation !== undefined && typeof element.initial_conversation !== 'string') {
          this.report(
            `${path}.initial_conversation`,
            'type',
            `${path}.initial_conversation must be a string`,
          );
        }
        return;
      case 'image':
        this.image(path, element);
        return;
      default:
        if (typeof element.type === 'string' && OTHER_KNOWN_ELEMENTS.has(element.type)) return;
        this.report(
          `${path}.type`,
          'unknown_element',
          `${path} has an unknown element type ${JSON.stringify(element.type)}`,
        );
    }
  }

  option(path: string, option: unknown, plainOnly: boolean): void {
    if (!isObject(option)) {
      this.report(path, 'type', `${path} must be an option object`);
      return;
    }
    this.text(`${path}.text`, option.text, { max: SLACK_LIMITS.optionText, rule: 'optionText', plainOnly });
    this.maxLength(`${path}.value`, option.value, 'optionValue', { required: true });
    if (option.description !== undefined) {
      this.text(`${path}.description`, option.description, {
        max: SLACK_LIMITS.optionDescription,
        rule: 'optionDescription',
        plainOnly,
      });
    }
  }

  choices(path: string, element: JsonObject, rule: SlackLimit, plainOnly: boolean): void {
    let offered: unknown[] = [];
    if (element.option_groups !== undefined && element.options === undefined) {
      if (this.maxItems(`${path}.option_groups`, element.option_groups, rule, 1)) {
        element.option_groups.forEach((group, g) => {
          const at = `${path}.option_groups[${g}]`;
          if (!isObject(group)) {
            this.report(at, 'type', `${at} must be an option group`);
            return;
          }
          this.text(`${at}.label`, group.label, {
            max: SLACK_LIMITS.optionText,
            rule: 'optionText',
            plainOnly: true,
          });
          if (this.maxItems(`${at}.options`, group.options, rule, 1)) {
            group.options.forEach((option, i) => {
              this.option(`${at}.options[${i}]`, option, true);
            });
            offered = offered.concat(group.options);
          }
        });
      }
    } else if (this.maxItems(`${path}.options`, element.options, rule, 1)) {
      element.options.forEach((option, i) => {
        this.option(`${path}.options[${i}]`, option, plainOnly);
      });
      offered = element.options;
    }
    // Slack rejects an initial option that is not exactly one of the options offered.
    const offeredJson = new Set(offered.map((option) => JSON.stringify(option)));
    const initial = [
      ...(element.initial_option !== undefined ? [['initial_option', element.initial_option] as const] : []),
      ...(Array.isArray(element.initial_options)
        ? element.initial_options.map((option, i) => [`initial_options[${i}]`, option] as const)
        : []),
    ];
    for (const [key, option] of initial) {
      if (!offeredJson.has(JSON.stringify(option))) {
        this.report(`${path}.${key}`, 'initial_option', `${path}.${key} is not one of the options offered`);
      }
    }
  }

  maxSelected(path: string, element: JsonObject): void {
    const max = element.max_selected_items;
    if (max === undefined) return;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) {
      this.report(
        `${path}.max_selected_items`,
        'range',
        `${path}.max_selected_items must be an integer of at least 1`,
      );
      return;
    }
    if (Array.isArray(element.initial_options) && element.initial_options.length > max) {
      this.report(
        `${path}.initial_options`,
        'range',
        `${path}.initial_options has ${element.initial_options.length} items; max_selected_items is ${max}`,
        { limit: max, actual: element.initial_options.length },
      );
    }
  }

  plainTextInput(path: string, element: JsonObject): void {
    const limit = SLACK_LIMITS.plainTextInputLength;
    const bound = (key: 'max_length' | 'min_length', min: number): number | undefined => {
      const value = element[key];
      if (value === undefined) return undefined;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > limit) {
        this.report(
          `${path}.${key}`,
          'plainTextInputLength',
          `${path}.${key} must be an integer from ${min} to ${limit}`,
          {
            limit,
            ...(typeof value === 'number' ? { actual: value } : {}),
          },
        );
        return undefined;
      }
      return value;
    };
    const max = bound('max_length', 1) ?? limit;
    const min = bound('min_length', 0) ?? 0;
    if (min > max) this.report(`${path}.min_length`, 'range', `${path}.min_length is above max_length`);
    const initial = element.initial_value;
    if (initial === undefined) return;
    if (typeof initial !== 'string') {
      this.report(`${path}.initial_value`, 'type', `${path}.initial_value must be a string`);
    } else if (initial.length > max) {
      this.report(
        `${path}.initial_value`,
        'range',
        `${path}.initial_value is longer than max_length ${max}`,
        {
          limit: max,
          actual: initial.length,
        },
      );
    }
  }

  blocks(blocks: unknown, rule: 'messageBlocks' | 'viewBlocks'): void {
    if (!this.maxItems('blocks', blocks, rule)) return;
    blocks.forEach((block, i) => {
      this.block(`blocks[${i}]`, block);
    });
  }
}

function checkMessage(message: MessageSurface): LimitViolation[] {
  const checker = new SurfaceChecker('invalid_blocks');
  if (message.blocks !== undefined) checker.blocks(message.blocks, 'messageBlocks');
  const hasBlocks = Array.isArray(message.blocks) && message.blocks.length > 0;
  if (message.text === undefined || message.text === '') {
    if (!hasBlocks) checker.report('text', 'required', 'a message needs text or blocks', {}, 'no_text');
  } else {
    checker.maxLength('text', message.text, 'messageText', { slackError: 'msg_too_long' });
  }
  if (checker.markdownChars > SLACK_LIMITS.markdownChars) {
    checker.report(
      'blocks',
      'markdownChars',
      `markdown blocks hold ${checker.markdownChars} characters in all`,
      {
        limit: SLACK_LIMITS.markdownChars,
        actual: checker.markdownChars,
      },
    );
  }
  if (checker.textChars > SLACK_LIMITS.messageBlocksChars) {
    checker.report(
      'blocks',
      'messageBlocksChars',
      `blocks hold ${checker.textChars} characters in all; the budget is ${SLACK_LIMITS.messageBlocksChars}`,
      { limit: SLACK_LIMITS.messageBlocksChars, actual: checker.textChars },
      'msg_blocks_too_long',
    );
  }
  return checker.violations;
}

function checkView(view: ViewSurface): LimitViolation[] {
  const checker = new SurfaceChecker('invalid_arguments');
  const raw = view as unknown as JsonObject;
  if (view.type !== 'modal' && view.type !== 'home') {
    checker.report('type', 'type', `view type must be modal or home, got ${JSON.stringify(view.type)}`);
  }
  checker.blocks(view.blocks, 'viewBlocks');
  checker.maxLength('private_metadata', raw.private_metadata, 'privateMetadata');
  checker.maxLength('callback_id', raw.callback_id, 'callbackId');
  checker.maxLength('external_id', raw.external_id, 'externalId');
  if (view.type === 'modal') {
    const button = { max: SLACK_LIMITS.modalButton, rule: 'modalButton', plainOnly: true } as const;
    checker.text('title', raw.title, { max: SLACK_LIMITS.modalTitle, rule: 'modalTitle', plainOnly: true });
    if (raw.close !== undefined) checker.text('close', raw.close, button);
    if (raw.submit !== undefined) checker.text('submit', raw.submit, button);
    else if (checker.hasInput)
      checker.report('submit', 'required', 'a modal with input blocks needs a submit button');
  }
  const bytes = Buffer.byteLength(JSON.stringify(view), 'utf8');
  if (bytes > SLACK_LIMITS.viewBytes) {
    checker.report(
      '',
      'viewBytes',
      `the view is ${bytes} bytes; the limit is ${SLACK_LIMITS.viewBytes}`,
      { limit: SLACK_LIMITS.viewBytes, actual: bytes },
      'view_too_large',
    );
  }
  return checker.violations;
}

/**
 * Every way `surface` breaks Slack's Block Kit limits, each with its path, the limit and the error Slack would
 * answer. An empty list means Slack accepts it (as far as the documented limits go).
 */
export function checkSurface(surface: Surface): LimitViolation[] {
  return 'kind' in surface && surface.kind === 'message'
    ? checkMessage(surface as MessageSurface)
    : checkView(surface as ViewSurface);
}
