import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSlackDate, type MrkdwnNode, parseMrkdwn } from '../../src/playground/public/mrkdwn.js';

/** The text a reader sees, ignoring formatting. */
function visibleText(nodes: MrkdwnNode[]): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
        case 'code':
        case 'pre':
          return node.text;
        case 'user':
        case 'channel':
          return node.id;
        case 'broadcast':
          return node.name;
        case 'date':
          return node.fallback;
        default:
          return visibleText(node.children);
      }
    })
    .join('');
}

describe('parseMrkdwn', () => {
  it('reads bold, italic, strike and inline code', () => {
    expect(parseMrkdwn('*Rust* or _Python_ or ~both~ with `pyo3`')).toEqual([
      { type: 'bold', children: [{ type: 'text', text: 'Rust' }] },
      { type: 'text', text: ' or ' },
      { type: 'italic', children: [{ type: 'text', text: 'Python' }] },
      { type: 'text', text: ' or ' },
      { type: 'strike', children: [{ type: 'text', text: 'both' }] },
      { type: 'text', text: ' with ' },
      { type: 'code', text: 'pyo3' },
    ]);
  });

  it('nests styles and leaves markers inside words alone', () => {
    expect(parseMrkdwn('*_both_*')).toEqual([
      { type: 'bold', children: [{ type: 'italic', children: [{ type: 'text', text: 'both' }] }] },
    ]);
    expect(parseMrkdwn('snake_case_name and 2*3*4')).toEqual([
      { type: 'text', text: 'snake_case_name and 2*3*4' },
    ]);
  });

  it('reads code blocks literally and block quotes by line', () => {
    expect(parseMrkdwn('```\n*not bold* <@U1>\n```')).toEqual([{ type: 'pre', text: '*not bold* <@U1>' }]);
    expect(parseMrkdwn('> quoted *line*\nafter')).toEqual([
      {
        type: 'quote',
        children: [
          { type: 'text', text: 'quoted ' },
          { type: 'bold', children: [{ type: 'text', text: 'line' }] },
        ],
      },
      { type: 'text', text: 'after' },
    ]);
  });

  it('reads links, mentions and escaped entities', () => {
    expect(
      parseMrkdwn('<https://www.rust-lang.org|Rust &amp; friends> by <@U0ALICE> in <#C0GENERAL|general>'),
    ).toEqual([
      {
        type: 'link',
        url: 'https://www.rust-lang.org/',
        children: [{ type: 'text', text: 'Rust & friends' }],
      },
      { type: 'text', text: ' by ' },
      { type: 'user', id: 'U0ALICE', label: undefined },
      { type: 'text', text: ' in ' },
      { type: 'channel', id: 'C0GENERAL', label: 'general' },
    ]);
    expect(parseMrkdwn('a &lt;b&gt; &amp;amp; c')).toEqual([{ type: 'text', text: 'a <b> &amp; c' }]);
  });

  it('turns the shortcodes the app uses into emoji, outside code only', () => {
    expect(parseMrkdwn(':crab: Rust, `:snake:` and :not_an_emoji:')).toEqual([
      { type: 'text', text: '🦀 Rust, ' },
      { type: 'code', text: ':snake:' },
      { type: 'text', text: ' and :not_an_emoji:' },
    ]);
  });

  it('keeps links with unsafe schemes and raw HTML as plain text', () => {
    expect(parseMrkdwn('<javascript:alert(1)|click me>')).toEqual([
      { type: 'text', text: '<javascript:alert(1)|click me>' },
    ]);
    expect(parseMrkdwn('<img src=x onerror=alert(1)><script>alert(2)</script>')).toEqual([
      { type: 'text', text: '<img src=x onerror=alert(1)><script>alert(2)</script>' },
    ]);
  });

  it('never loses or invents visible text for text without markup characters', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/[*_~`<>&]|```/.test(s)),
        (text) => {
          expect(visibleText(parseMrkdwn(text))).toBe(text);
        },
      ),
    );
  });

  it('yields only safe links for any input', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const links: string[] = [];
        const walk = (nodes: MrkdwnNode[]) => {
          for (const node of nodes) {
            if (node.type === 'link') links.push(node.url);
            if (node.type === 'date' && node.url !== undefined) links.push(node.url);
            if ('children' in node) walk(node.children);
          }
        };
        walk(parseMrkdwn(text));
        for (const url of links) expect(url).toMatch(/^(https?|mailto):/);
      }),
    );
  });
});

/**
 * Date tokens: `<!date^timestamp^format^optional link|fallback>`, shown in the reader's time zone. Token meanings
 * from Slack's SDK typings (@slack/types, RichTextDate.format), which the mrkdwn date token shares.
 */
describe('date tokens', () => {
  // 2023-11-14 22:13:20 UTC, a Tuesday.
  const AT = 1_700_000_000;
  const UTC = { timeZone: 'UTC', now: Date.UTC(2023, 10, 20, 12) };

  it('reads a date token as a date, not as a mention', () => {
    expect(
      parseMrkdwn('Posted <!date^1700000000^{date_short_pretty} at {time}|2023-11-14 22:13 UTC>.'),
    ).toEqual([
      { type: 'text', text: 'Posted ' },
      {
        type: 'date',
        timestamp: AT,
        format: '{date_short_pretty} at {time}',
        fallback: '2023-11-14 22:13 UTC',
      },
      { type: 'text', text: '.' },
    ]);
  });

  it('keeps its optional link only when it is safe to follow', () => {
    expect(parseMrkdwn('<!date^1700000000^{date_num}^https://example.com/a|then>')).toEqual([
      { type: 'date', timestamp: AT, format: '{date_num}', url: 'https://example.com/a', fallback: 'then' },
    ]);
    expect(parseMrkdwn('<!date^1700000000^{date_num}^javascript:alert(1)|then>')).toEqual([
      { type: 'date', timestamp: AT, format: '{date_num}', fallback: 'then' },
    ]);
  });

  it('formats every documented token', () => {
    const cases: [string, string][] = [
      ['{date_num}', '2023-11-14'],
      ['{date_slash}', '14/11/2023'],
      ['{date_long}', 'Tuesday, November 14th, 2023'],
      ['{date_long_full}', 'November 14, 2023'],
      ['{date}', 'November 14'],
      ['{date_short}', 'Nov 14, 2023'],
      ['{date_pretty}', 'November 14'],
      ['{date_short_pretty}', 'Nov 14, 2023'],
      ['{date_long_pretty}', 'Tuesday, November 14th, 2023'],
      ['{day_divider_pretty}', 'Tuesday, November 14th'],
      ['{time}', '10:13 PM'],
      ['{time_secs}', '10:13:20 PM'],
      ['{ago}', '5 days ago'],
      ['Posted {date_short} at {time}', 'Posted Nov 14, 2023 at 10:13 PM'],
    ];
    for (const [format, shown] of cases)
      expect(formatSlackDate(AT, format, 'fallback', UTC), format).toBe(shown);
  });

  it("says today, yesterday or tomorrow for the pretty tokens, in the reader's time zone", () => {
    const sameDay = { timeZone: 'UTC', now: Date.UTC(2023, 10, 14, 23, 59) };
    expect(formatSlackDate(AT, '{date_pretty} at {time}', '', sameDay)).toBe('today at 10:13 PM');
    expect(
      formatSlackDate(AT, '{date_short_pretty}', '', { ...sameDay, now: Date.UTC(2023, 10, 15, 8) }),
    ).toBe('yesterday');
    expect(
      formatSlackDate(AT, '{date_long_pretty}', '', { ...sameDay, now: Date.UTC(2023, 10, 13, 8) }),
    ).toBe('tomorrow');
    // 22:13 UTC is already the 15th in Tokyo.
    expect(formatSlackDate(AT, '{date_num} {time}', '', { timeZone: 'Asia/Tokyo', now: 0 })).toBe(
      '2023-11-15 7:13 AM',
    );
  });

  it('shows the fallback text for a token it does not know or a timestamp it cannot read', () => {
    expect(formatSlackDate(AT, '{member_local_time}', 'the fallback', UTC)).toBe('the fallback');
    expect(formatSlackDate(Number.NaN, '{date_num}', 'the fallback', UTC)).toBe('the fallback');
    expect(parseMrkdwn('<!date^soon^{date_num}|next week>')).toEqual([
      { type: 'date', timestamp: Number.NaN, format: '{date_num}', fallback: 'next week' },
    ]);
  });

  it('keeps other special mentions as mentions', () => {
    expect(parseMrkdwn('<!here> <!subteam^S0TEAM|@platform>')).toEqual([
      { type: 'broadcast', name: 'here' },
      { type: 'text', text: ' ' },
      { type: 'broadcast', name: '@platform' },
    ]);
  });
});
