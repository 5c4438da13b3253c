import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ELLIPSIS, truncate } from '../../../src/slack/blocks/limits.ts';
import { escapeMrkdwn, mentionUser, truncateMrkdwn, userText } from '../../../src/slack/blocks/mrkdwn.ts';

describe('escapeMrkdwn', () => {
  it('escapes the three control characters so mentions and links stay literal text', () => {
    expect(escapeMrkdwn('<!channel> <@U123> <https://evil|click> & co')).toBe(
      '&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|click&gt; &amp; co',
    );
  });

  it('leaves everything else alone (Slack decodes only &amp; &lt; &gt;)', () => {
    expect(escapeMrkdwn(`"quotes" 'apos' *bold* _it_ é 🦀`)).toBe(`"quotes" 'apos' *bold* _it_ é 🦀`);
  });

  it('never leaves a raw < or > behind', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(escapeMrkdwn(text)).not.toMatch(/[<>]/);
      }),
    );
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text to the limit with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('a'.repeat(20), 10)).toBe(`${'a'.repeat(9)}${ELLIPSIS}`);
  });

  it('does not split an emoji in half', () => {
    const cut = truncate('ab🦀🦀🦀', 4);
    expect(cut).toBe(`ab${ELLIPSIS}`);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('rejects a limit that is not a positive integer, naming it', () => {
    expect(() => truncate('x', 0)).toThrow(/max must be a positive integer, got 0/);
  });

  it('always fits the limit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.integer({ min: 1, max: 200 }),
        (text, max) => {
          expect(truncate(text, max).length).toBeLessThanOrEqual(max);
        },
      ),
    );
  });
});

describe('truncateMrkdwn', () => {
  it('does not cut an entity in half', () => {
    const escaped = escapeMrkdwn('ab&&&&');
    for (let max = 3; max < escaped.length; max++) {
      expect(truncateMrkdwn(escaped, max)).toMatch(/^ab(&amp;)*…$/);
    }
  });

  it('userText escapes before it truncates', () => {
    expect(userText('<@U1> hello', 100)).toBe('&lt;@U1&gt; hello');
    expect(userText('<'.repeat(100), 10).length).toBeLessThanOrEqual(10);
  });
});

describe('mentionUser', () => {
  it('mentions real user ids and escapes anything else', () => {
    expect(mentionUser('U0123ABC')).toBe('<@U0123ABC>');
    expect(mentionUser('U1> <!channel')).toBe('U1&gt; &lt;!channel');
  });
});
