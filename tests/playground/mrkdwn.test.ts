import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MrkdwnNode, parseMrkdwn } from '../../src/playground/public/mrkdwn.js';

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
            if ('children' in node) walk(node.children);
          }
        };
        walk(parseMrkdwn(text));
        for (const url of links) expect(url).toMatch(/^(https?|mailto):/);
      }),
    );
  });
});
