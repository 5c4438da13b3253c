import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildDecisionModal,
  decodeModalMetadata,
  encodeDecisionModalFirstPage,
  type ModalCarry,
} from '../../../src/slack/blocks/modal.ts';

/** What a slash command carries into the first page: maybe a channel, maybe a response_url. */
const arbitraryCarry: fc.Arbitrary<ModalCarry> = fc
  .record(
    {
      channelId: fc.stringMatching(/^[CDG][A-Z0-9]{8,10}$/),
      responseUrl: fc.constant('https://hooks.slack.com/commands/T0001/1234/abcdEFGH'),
      responseUrlExpiresAt: fc.integer({ min: 1, max: 2 ** 42 }),
    },
    { requiredKeys: [] },
  )
  .map((carry) => {
    // Both or neither, as the metadata schema asks.
    if (carry.responseUrl === undefined || carry.responseUrlExpiresAt === undefined) {
      const { responseUrl: _url, responseUrlExpiresAt: _at, ...rest } = carry;
      return rest;
    }
    return carry;
  });

/** Descriptions as people type them: any text, quotes, backslashes, emoji, longer than the field allows. */
const arbitraryDescription = fc.oneof(
  fc.constant(''),
  fc.string({ unit: 'grapheme', maxLength: 600 }),
  fc.constantFrom('R&D "fast" \\ <tool>', '🦀 vs 🐍', 'line one\nline two'),
);

describe('the first page as a slash command opens it (a JSON template)', () => {
  it('is the very view buildDecisionModal builds, for any description and metadata, with and without the channel picker', () => {
    fc.assert(
      fc.property(arbitraryDescription, arbitraryCarry, (description, metadata) => {
        const encoded = encodeDecisionModalFirstPage({ description, metadata });
        const built = buildDecisionModal({
          page: 1,
          values: description === '' ? {} : { description },
          metadata,
        });
        expect(JSON.parse(encoded.json)).toEqual(built);
        expect(decodeModalMetadata(JSON.parse(encoded.json).private_metadata)).toEqual({
          ...metadata,
          page: 1,
        });
      }),
      { numRuns: 300 },
    );
  });

  it('shows the channel picker only when the metadata names no channel (a DM or group DM)', () => {
    const fromDm = JSON.parse(encodeDecisionModalFirstPage({ description: '', metadata: {} }).json);
    const fromChannel = JSON.parse(
      encodeDecisionModalFirstPage({ description: '', metadata: { channelId: 'C0GENERAL' } }).json,
    );
    const blockIds = (view: { blocks: { block_id?: string }[] }) => view.blocks.map((b) => b.block_id);
    expect(blockIds(fromDm)).toContain('channel');
    expect(blockIds(fromChannel)).not.toContain('channel');
  });
});

describe('bytes that give the user nothing', () => {
  const pages = [
    buildDecisionModal({ page: 1, values: {}, metadata: {} }),
    buildDecisionModal({ page: 2, values: {}, metadata: { channelId: 'C0GENERAL' } }),
  ];

  it('no text of the modal uses an :emoji: code, so plain_text keeps Slack’s default and omits `emoji`', () => {
    for (const view of pages) {
      const json = JSON.stringify(view);
      expect(json).not.toContain('"emoji"');
      const texts = [...json.matchAll(/"text":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? '');
      expect(texts.length).toBeGreaterThan(10);
      for (const text of texts) expect(text).not.toMatch(/:[a-z0-9_+-]+:/);
    }
  });

  it('required inputs carry no `optional: false` (Slack’s default); optional ones say `optional: true`', () => {
    for (const view of pages) {
      const inputs = view.blocks.filter((b) => b.type === 'input');
      expect(inputs.some((b) => 'optional' in b && b.optional === false)).toBe(false);
    }
    const page2Inputs = pages[1]?.blocks.filter((b) => b.type === 'input') ?? [];
    expect(page2Inputs.every((b) => 'optional' in b && b.optional === true)).toBe(true);
  });
});
