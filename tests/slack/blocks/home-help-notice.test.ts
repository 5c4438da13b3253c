import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../../src/engine/questions.ts';
import { buildHelpMessage } from '../../../src/slack/blocks/help.ts';
import { buildHomeView } from '../../../src/slack/blocks/home.ts';
import { checkSurface } from '../../../src/slack/blocks/limits.ts';
import { buildNotice } from '../../../src/slack/blocks/notice.ts';
import { arbitraryDecisionRecord } from '../../helpers/arbitraries.ts';
import { arbitraryRecommendation, blockTexts, renderedStrings, sampleDecision } from './fixtures.ts';

describe('buildHomeView', () => {
  it('explains the bot and offers a Start a decision button', () => {
    const home = buildHomeView();
    expect(home.type).toBe('home');
    expect(JSON.stringify(home.blocks)).toContain(
      '"type":"button","action_id":"start_decision","style":"primary","text":{"type":"plain_text","text":"Start a decision"',
    );
    expect(renderedStrings(home.blocks).join('\n')).toMatch(/How it works/);
    expect(renderedStrings(home.blocks).join('\n')).not.toContain('Your decisions');
  });

  it('lists the viewer’s latest decisions above the Start a decision button', () => {
    const home = buildHomeView([
      sampleDecision({ number: 9, channelId: 'C0OTHER', status: 'accepted', acceptedBy: 'U0BOB' }),
      sampleDecision({ number: 7, status: 'superseded', supersededBy: 9 }),
    ]);
    const texts = blockTexts(home.blocks);
    const heading = texts.findIndex((t) => t.startsWith('*Your decisions*'));
    const start = home.blocks.findIndex((b) => JSON.stringify(b).includes('"action_id":"start_decision"'));
    const list = texts[heading] ?? '';
    expect(heading).toBeGreaterThan(-1);
    expect(home.blocks.findIndex((b) => JSON.stringify(b).includes('*Your decisions*'))).toBeLessThan(start);
    const line = (n: number) => list.split('\n').find((l) => l.startsWith(`*#${n}* · `)) ?? '';
    expect(line(9)).toMatch(
      /^\*#9\* · :crab: Rust · \d+% confidence · Accepted by <@U0BOB> · in <#C0OTHER> · <!date\^1709632800\^\{date_short\}\|2024-03-05> · <https:\/\/example-team\.slack\.com\/archives\/C0OTHER\/p1709632800000100\|view>$/,
    );
    expect(line(7)).toContain(' · Superseded by #9 · in <#C0DECIDE> · ');
    // A verdict the app could only show to the person who asked: no conversation, no link.
    const { message: _none, ...privateOnly } = sampleDecision({ number: 3 });
    const privateLine = buildHomeView([privateOnly])
      .blocks.map((b) => JSON.stringify(b))
      .join('');
    expect(privateLine).toContain(' · shown only to you · ');
    expect(privateLine).not.toContain('|view>');
    expect(list.indexOf('*#9*')).toBeLessThan(list.indexOf('*#7*'));
    // Home lists the viewer's own decisions: who asked goes without saying.
    expect(list).not.toContain('asked by');
  });

  it('says so when the viewer has no decisions yet, still above the button', () => {
    const home = buildHomeView([]);
    const empty = home.blocks.findIndex((b) => JSON.stringify(b).includes('*Your decisions*'));
    const start = home.blocks.findIndex((b) => JSON.stringify(b).includes('"action_id":"start_decision"'));
    expect(blockTexts([home.blocks[empty]])).toEqual([
      '*Your decisions*\nNone yet: the decisions you ask for will be listed here.',
    ]);
    expect(empty).toBeLessThan(start);
  });

  it('names a DM as such, and shows at most ten decisions', () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      sampleDecision({ number: 30 - i, channelId: 'D0DIRECT' }),
    );
    const text = blockTexts(buildHomeView(many).blocks).join('\n');
    expect(text.match(/^\*#\d+\* · /gm)).toHaveLength(10);
    expect(text).toContain(' · in a direct message · ');
    expect(text).not.toContain('<#D0DIRECT>');
  });

  it('stays within the limits of a Home view for any decisions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(arbitraryDecisionRecord(), arbitraryDecisionRecord(arbitraryRecommendation())), {
          maxLength: 14,
        }),
        (decisions) => {
          expect(checkSurface(buildHomeView(decisions))).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
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
