import { describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../../src/engine/questions.ts';
import { buildHelpMessage } from '../../../src/slack/blocks/help.ts';
import { buildHomeView } from '../../../src/slack/blocks/home.ts';
import { checkSurface } from '../../../src/slack/blocks/limits.ts';
import { buildNotice } from '../../../src/slack/blocks/notice.ts';
import { renderedStrings } from './fixtures.ts';

describe('buildHomeView', () => {
  it('explains the bot and offers a Start a decision button', () => {
    const home = buildHomeView();
    expect(home.type).toBe('home');
    expect(JSON.stringify(home.blocks)).toContain(
      '"type":"button","action_id":"start_decision","style":"primary","text":{"type":"plain_text","text":"Start a decision"',
    );
    expect(renderedStrings(home.blocks).join('\n')).toMatch(/How it works/);
  });
});

describe('buildHelpMessage', () => {
  it('lists every question with why it is asked, required ones first', () => {
    const help = buildHelpMessage();
    const text = renderedStrings(help.blocks).join('\n');
    for (const q of QUESTIONS) expect(text).toContain(`*${q.label.replace(/&/g, '&amp;')}* ${q.help}`);
    const firstOptional = QUESTIONS.find((q) => !q.required);
    const lastRequired = QUESTIONS.filter((q) => q.required).at(-1);
    expect(text.indexOf(lastRequired?.label ?? '?')).toBeLessThan(text.indexOf(firstOptional?.label ?? '?'));
    expect(help.text).toContain('/rust-or-python');
  });
});

describe('buildNotice', () => {
  it('shows the notice escaped, in blocks and in the notification text', () => {
    const notice = buildNotice('I could not post in <#C1|secret> & so sent it to you instead.');
    expect(notice.text).toBe('I could not post in &lt;#C1|secret&gt; &amp; so sent it to you instead.');
    expect(notice.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: notice.text } }]);
  });

  it('never builds an empty message, and cuts a huge one to fit', () => {
    expect(buildNotice('  ').text).toBe('Something went wrong.');
    const huge = buildNotice('<'.repeat(10_000));
    expect(checkSurface({ kind: 'message', ...huge })).toEqual([]);
  });
});
