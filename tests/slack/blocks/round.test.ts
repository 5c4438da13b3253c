import type { ViewStateValue } from '@slack/bolt';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineViews, type TeamResult } from '../../../src/engine/combine.ts';
import { type Answers, QUESTIONS } from '../../../src/engine/questions.ts';
import {
  ADD_MY_VIEW_ACTION_ID,
  buildDecisionModal,
  buildRoundMessage,
  buildRoundParticipantsReply,
  buildRoundResultMessage,
  buildRoundResultReplies,
  buildThreadReplies,
  buildVerdictMessage,
  CLOSE_ROUND_ACTION_ID,
  checkSurface,
  DEFAULT_ROUND_DEADLINE,
  decodeModalMetadata,
  encodeModalMetadata,
  type ModalMetadata,
  questionsOnPage,
  ROUND_DEADLINE_BLOCK_ID,
  ROUND_DEADLINES,
  ROUND_MAX_PARTICIPANTS,
  ROUND_PARTICIPANTS_BLOCK_ID,
  type RoundMessageState,
  readDecisionModalPage,
  readRoundSettings,
  roundViewValues,
  SLACK_LIMITS,
} from '../../../src/slack/blocks/index.ts';
import { encodeDecisionModalFirstPage } from '../../../src/slack/blocks/modal.ts';
import { HOT_PATH_SERVICE, WEB_MVP_ESSENTIALS } from '../../helpers/sample-answers.ts';
import { blockTexts, HOSTILE, renderedStrings } from './fixtures.ts';

type View = ReturnType<typeof buildDecisionModal>;
type Json = Record<string, unknown>;
type StateValues = Record<string, Record<string, ViewStateValue>>;

function inputs(view: View): Json[] {
  return (view.blocks as unknown as Json[]).filter((b) => b.type === 'input');
}

function inputById(view: View, id: string): Json {
  const block = inputs(view).find((b) => b.block_id === id);
  if (!block) throw new Error(`no input ${id}`);
  return block;
}

function elementOf(view: View, id: string): Json {
  return inputById(view, id).element as Json;
}

function intro(view: View): string {
  const first = view.blocks[0] as unknown as { elements: { text: string }[] };
  return first.elements[0]?.text ?? '';
}

/** Everything a person reads in a message: its blocks' texts and its notification text. */
function shown(message: { text: string; blocks: unknown[] }): string {
  return [message.text, ...blockTexts(message.blocks)].join('\n');
}

/** The buttons of a message, by action id. */
function buttons(message: { blocks: unknown[] }): Json[] {
  return (message.blocks as unknown as Json[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements as Json[])
    .filter((e) => e.type === 'button');
}

/** The organiser's answers: a Python web service with a CPU-bound hot path, a priority and a description. */
const ORGANISER: Answers = {
  ...HOT_PATH_SERVICE,
  ecosystems: ['web'],
  priorities: ['performance', 'safety'],
  rustMentors: true,
  description: HOSTILE,
};

/**
 * Three views of one project: Bob sees the time going to I/O (which decides the verdict: Python instead of
 * the hybrid), Carol sees no latency target and an MVP (which does not).
 */
function threeViews(): TeamResult {
  const a = HOT_PATH_SERVICE;
  return combineViews([
    { person: 'U0ALICE', answers: a },
    { person: 'U0BOB', answers: { ...a, compute: 'io-bound' } },
    { person: 'U0CAROL', answers: { ...a, latency: 'none', stage: 'mvp' } },
  ]);
}

const OPEN_ROUND: RoundMessageState = {
  roundId: '3f2c9a4e-0d7b-4c1e-9a55-1b2c3d4e5f60',
  organiserId: 'U0ALICE',
  description: HOSTILE,
  deadlineAt: new Date('2024-03-06T10:00:00Z'),
  participants: ['U0BOB', 'U0CAROL'],
  answeredBy: ['U0ALICE', 'U0BOB'],
};

describe('the organiser’s modal in round mode', () => {
  const page1 = buildDecisionModal({ page: 1, values: {}, metadata: { round: true } });

  it('asks who should answer and until when (1 day by default), after the questions, titled as a team round', () => {
    expect(page1.title.text).toBe('Team round (1/2)');
    const ids = inputs(page1).map((b) => b.block_id);
    expect(ids).toEqual([
      ...questionsOnPage(1).map((q) => q.id),
      ROUND_PARTICIPANTS_BLOCK_ID,
      ROUND_DEADLINE_BLOCK_ID,
      'channel',
    ]);
    expect(inputById(page1, 'round_participants')).toMatchObject({
      optional: true,
      label: { text: 'Who should answer?' },
      hint: { text: 'Leave empty: anyone in the channel can add their view.' },
      element: {
        type: 'multi_users_select',
        action_id: 'round_participants',
        max_selected_items: ROUND_MAX_PARTICIPANTS,
      },
    });
    const deadline = elementOf(page1, 'round_deadline');
    expect(deadline).toMatchObject({ type: 'static_select', action_id: 'round_deadline' });
    const options = deadline.options as { value: string; text: { text: string } }[];
    expect(options.map((o) => [o.value, o.text.text])).toEqual([
      ['1h', 'In 1 hour'],
      ['4h', 'In 4 hours'],
      ['1d', 'In 1 day'],
      ['3d', 'In 3 days'],
      ['1w', 'In 1 week'],
    ]);
    expect(deadline.initial_option).toEqual(options[2]);
    expect(DEFAULT_ROUND_DEADLINE).toBe('1d');
    expect(inputById(page1, 'round_deadline').optional).toBeUndefined();
    expect(checkSurface(page1)).toEqual([]);
  });

  it('says teammates’ answers stay hidden until the round closes, and what the channel is for', () => {
    expect(intro(page1)).toContain('who should answer and until when');
    expect(intro(page1)).toContain('hidden until the round closes');
    // The organiser's answers about the project are where teammates' forms start: the intro says so.
    expect(intro(page1)).toContain('forms start from your answers about the project');
    expect(intro(page1)).not.toContain('posted for everyone to see');
    expect(inputById(page1, 'channel').label).toMatchObject({ text: 'Post the round in' });
    const fromChannel = buildDecisionModal({
      page: 1,
      values: {},
      metadata: { round: true, channelId: 'C1' },
    });
    expect(inputs(fromChannel).map((b) => b.block_id)).not.toContain('channel');
    expect(intro(fromChannel)).not.toContain('channel for the round');
  });

  it('maps each deadline option to its length in milliseconds', () => {
    expect(ROUND_DEADLINES).toEqual({
      '1h': 3_600_000,
      '4h': 14_400_000,
      '1d': 86_400_000,
      '3d': 259_200_000,
      '1w': 604_800_000,
    });
  });

  it('page 2 asks only the details and starts the round; the settings travel in its metadata', () => {
    const settings = { participants: ['U0BOB'], deadlineMs: ROUND_DEADLINES['4h'] };
    const page2 = buildDecisionModal({ page: 2, values: {}, metadata: { round: settings, channelId: 'C1' } });
    expect(page2.title.text).toBe('Team round (2/2)');
    expect(page2.submit?.text).toBe('Start round');
    expect(inputs(page2).map((b) => b.block_id)).toEqual(questionsOnPage(2).map((q) => q.id));
    expect(decodeModalMetadata(page2.private_metadata ?? '').round).toEqual(settings);
    expect(checkSurface(page2)).toEqual([]);
  });

  it('page 1 built again from earlier settings shows them', () => {
    const again = buildDecisionModal({
      page: 1,
      values: {},
      metadata: { round: { participants: ['U0BOB', 'U0CAROL'], deadlineMs: ROUND_DEADLINES['1w'] } },
    });
    expect(elementOf(again, 'round_participants').initial_users).toEqual(['U0BOB', 'U0CAROL']);
    expect(elementOf(again, 'round_deadline').initial_option).toMatchObject({ value: '1w' });
  });

  it('the slash command’s encoded first page is the very view buildDecisionModal builds in round mode', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(''), fc.string({ unit: 'grapheme', maxLength: 600 })),
        fc.option(fc.stringMatching(/^C[A-Z0-9]{8,10}$/), { nil: undefined }),
        (description, channelId) => {
          const metadata = { round: true as const, ...(channelId === undefined ? {} : { channelId }) };
          const encoded = JSON.parse(encodeDecisionModalFirstPage({ description, metadata }).json);
          const values = description === '' ? {} : { description };
          expect(encoded).toEqual(buildDecisionModal({ page: 1, values, metadata }));
        },
      ),
      { numRuns: 100 },
    );
    const view = { roundId: 'r1', channelId: 'C1' };
    expect(JSON.parse(encodeDecisionModalFirstPage({ description: 'x', metadata: view }).json)).toEqual(
      buildDecisionModal({ page: 1, values: { description: 'x' }, metadata: view }),
    );
  });
});

describe('readRoundSettings', () => {
  const state = (users: string[] | undefined, deadline: string | undefined): StateValues => ({
    ...(users === undefined
      ? {}
      : {
          round_participants: {
            round_participants: { type: 'multi_users_select', selected_users: users },
          },
        }),
    ...(deadline === undefined
      ? {}
      : {
          round_deadline: {
            round_deadline: {
              type: 'static_select',
              selected_option: { text: { type: 'plain_text', text: deadline }, value: deadline },
            },
          },
        }),
  });

  it('reads back who was picked and the deadline chosen, for every option', () => {
    for (const [value, ms] of Object.entries(ROUND_DEADLINES)) {
      expect(readRoundSettings(state(['U0BOB', 'W0CAROL'], value))).toEqual({
        participants: ['U0BOB', 'W0CAROL'],
        deadlineMs: ms,
      });
    }
  });

  it('reads the page as Slack submits it unchanged: nobody named, 1 day', () => {
    expect(readRoundSettings(state([], '1d'))).toEqual({ participants: [], deadlineMs: 86_400_000 });
    expect(readRoundSettings({})).toEqual({ participants: [], deadlineMs: 86_400_000 });
    expect(readRoundSettings(state(undefined, '2y'))).toEqual({ participants: [], deadlineMs: 86_400_000 });
  });

  it('keeps user ids only, each once, at most ROUND_MAX_PARTICIPANTS', () => {
    const many = Array.from({ length: 40 }, (_, i) => `U0PERSON${String(i).padStart(2, '0')}`);
    const read = readRoundSettings(state(['U0BOB', 'U0BOB', '<!channel>', 'C0CHANNEL', ...many], '1h'));
    expect(read.participants[0]).toBe('U0BOB');
    expect(read.participants).toHaveLength(ROUND_MAX_PARTICIPANTS);
    expect(new Set(read.participants).size).toBe(ROUND_MAX_PARTICIPANTS);
    expect(read.participants).not.toContain('<!channel>');
    expect(read.participants).not.toContain('C0CHANNEL');
  });

  it('the questions of page 1 read as before, the round inputs aside', () => {
    const stateValues: StateValues = {
      ...state(['U0BOB'], '3d'),
      workload: {
        workload: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'x' }, value: 'web-backend' },
        },
      },
    };
    expect(readDecisionModalPage(stateValues, 1)).toEqual({ workload: 'web-backend' });
  });
});

describe('the modal metadata of a round', () => {
  const longestAnswers = (): Answers => {
    const longest: Record<string, unknown> = {};
    for (const q of QUESTIONS) {
      if (q.kind === 'single') {
        longest[q.id] = [...q.options].sort((x, y) => y.value.length - x.value.length)[0]?.value;
      } else if (q.kind === 'multi') {
        const values = [...q.options].sort((x, y) => y.value.length - x.value.length).map((o) => o.value);
        longest[q.id] = values.slice(0, 'maxItems' in q ? q.maxItems : values.length);
      } else if (q.kind === 'boolean') longest[q.id] = false;
      else longest[q.id] = '"'.repeat(q.maxLength);
    }
    return longest as Answers;
  };
  const fullest = {
    channelId: 'C'.repeat(255),
    answers: longestAnswers(),
    responseUrl: `https://${'a'.repeat(492)}`,
    responseUrlExpiresAt: Number.MAX_SAFE_INTEGER,
  };

  it('round trips: round mode, its settings, a teammate’s view', () => {
    const cases: ModalMetadata[] = [
      { page: 1, round: true },
      { page: 2, channelId: 'C1', round: { participants: ['U0BOB'], deadlineMs: ROUND_DEADLINES['3d'] } },
      { page: 1, roundId: '3f2c9a4e-0d7b-4c1e-9a55-1b2c3d4e5f60', answers: roundViewValues(ORGANISER) },
    ];
    for (const metadata of cases)
      expect(decodeModalMetadata(encodeModalMetadata(metadata))).toEqual(metadata);
  });

  it('the fullest metadata a round carries fits Slack’s 3,000 characters', () => {
    const ids = Array.from({ length: ROUND_MAX_PARTICIPANTS }, (_, i) => `U${String(i).padStart(20, '0')}`);
    const organiser = encodeModalMetadata({
      page: 2,
      ...fullest,
      round: { participants: ids, deadlineMs: ROUND_DEADLINES['1w'] },
    });
    const teammate = encodeModalMetadata({ page: 1, ...fullest, roundId: 'r'.repeat(64) });
    expect(organiser.length).toBeLessThanOrEqual(SLACK_LIMITS.privateMetadata);
    expect(teammate.length).toBeLessThanOrEqual(SLACK_LIMITS.privateMetadata);
  });

  it('refuses what a round never carries', () => {
    const bad: ModalMetadata[] = [
      { page: 1, round: true, roundId: 'r1' },
      { page: 1, round: true, replaces: { channel: 'C1', ts: '1.2' } },
      { page: 1, roundId: 'r1', replaces: { channel: 'C1', ts: '1.2' } },
      { page: 2, round: { participants: [], deadlineMs: 1234 } },
      { page: 2, round: { participants: ['<!channel>'], deadlineMs: ROUND_DEADLINES['1h'] } },
      { page: 2, round: { participants: ['U0BOB', 'U0BOB'], deadlineMs: ROUND_DEADLINES['1h'] } },
      {
        page: 2,
        round: {
          participants: Array.from({ length: ROUND_MAX_PARTICIPANTS + 1 }, (_, i) => `U0P${i}`),
          deadlineMs: ROUND_DEADLINES['1h'],
        },
      },
      { page: 1, roundId: 'a round' },
      { page: 1, roundId: 'r'.repeat(65) },
    ];
    for (const metadata of bad)
      expect(() => encodeModalMetadata(metadata), JSON.stringify(metadata)).toThrow();
  });
});

describe('a teammate’s view (add_my_view)', () => {
  const values = roundViewValues(ORGANISER);
  const roundId = '3f2c9a4e-0d7b-4c1e-9a55-1b2c3d4e5f60';
  const page1 = buildDecisionModal({ page: 1, values, metadata: { roundId, answers: values } });
  const page2 = buildDecisionModal({ page: 2, values, metadata: { roundId, answers: values } });

  it('roundViewValues leaves the priorities empty and keeps every fact about the project', () => {
    expect(values.priorities).toBeUndefined();
    const { priorities: _, ...facts } = ORGANISER;
    expect(values).toEqual(facts);
    expect(ORGANISER.priorities).toEqual(['performance', 'safety']);
  });

  it('page 1 is pre-filled with the organiser’s answers, shows the project escaped and asks neither it nor a channel', () => {
    expect(page1.title.text).toBe('Team round view (1/2)');
    expect(inputs(page1).map((b) => b.block_id)).toEqual(
      questionsOnPage(1)
        .filter((q) => q.id !== 'description')
        .map((q) => q.id),
    );
    expect(elementOf(page1, 'workload').initial_option).toMatchObject({ value: 'web-backend' });
    expect(elementOf(page1, 'latency').initial_option).toMatchObject({ value: 'interactive' });
    const project = blockTexts(page1.blocks).find((t) => t.startsWith('*Project*')) ?? '';
    expect(project).toContain('&lt;!channel&gt;');
    expect(project).not.toContain('<!channel>');
    expect(intro(page1)).toContain('organiser’s answers');
    expect(intro(page1)).toContain('until the round closes');
    expect(checkSurface(page1)).toEqual([]);
  });

  it('page 2 keeps the organiser’s details but leaves the priorities for the person, and says so', () => {
    expect(page2.submit?.text).toBe('Add my view');
    expect(elementOf(page2, 'ecosystems').initial_options).toEqual([
      expect.objectContaining({ value: 'web' }),
    ]);
    expect(elementOf(page2, 'rustMentors').initial_option).toMatchObject({ value: 'yes' });
    expect(elementOf(page2, 'priorities').initial_options).toBeUndefined();
    expect(intro(page2)).toContain('priorities are left for you to choose');
    // Built with the organiser's priorities, the page fills them in and does not claim they were left out.
    const withPriorities = buildDecisionModal({ page: 2, values: ORGANISER, metadata: { roundId } });
    expect(elementOf(withPriorities, 'priorities').initial_options).toHaveLength(2);
    expect(intro(withPriorities)).not.toContain('priorities');
    expect(checkSurface(page2)).toEqual([]);
  });

  it('the round id travels in the metadata', () => {
    expect(decodeModalMetadata(page1.private_metadata ?? '').roundId).toBe(roundId);
    expect(decodeModalMetadata(page2.private_metadata ?? '').roundId).toBe(roundId);
  });
});

describe('buildRoundMessage (an open round)', () => {
  const message = buildRoundMessage(OPEN_ROUND);
  const text = shown(message);

  it('shows the header, the organiser, the deadline as a Slack date and who answered, counted', () => {
    expect(blockTexts(message.blocks)[0]).toBe('Team round: Rust or Python?');
    expect(text).toContain('Organised by <@U0ALICE>');
    expect(text).toContain(
      'Open until <!date^1709719200^{date_short_pretty} at {time}|2024-03-06 10:00 UTC>',
    );
    // The organiser and the two named.
    expect(text).toContain('*2 of 3 answered*: <@U0ALICE> and <@U0BOB>');
    expect(text).toContain('the 2 people named in the thread');
    expect(text).not.toContain('<@U0CAROL>');
    expect(message.text).toContain('2 of 3 answered');
    expect(checkSurface({ kind: 'message', ...message })).toEqual([]);
  });

  it('names the first 20 who answered and counts the rest', () => {
    const many = Array.from({ length: 30 }, (_, i) => `U0P${String(i).padStart(4, '0')}`);
    const crowded = shown(buildRoundMessage({ ...OPEN_ROUND, participants: [], answeredBy: many }));
    expect(crowded).toContain('*30 answered*: <@U0P0000>, ');
    expect(crowded).toContain('<@U0P0019> and 10 more');
    expect(crowded).not.toContain('<@U0P0020>');
  });

  it('counts without a total when anyone in the channel may answer', () => {
    const open = buildRoundMessage({ ...OPEN_ROUND, participants: [], answeredBy: ['U0ALICE', 'U0ERIN'] });
    expect(shown(open)).toContain('*2 answered*: <@U0ALICE> and <@U0ERIN>');
    expect(shown(open)).toContain('Open to anyone in the channel');
    expect(shown(open)).not.toMatch(/of \d+ answered/);
  });

  it('escapes the project description and quotes it verbatim, as the verdict message does', () => {
    const project = (message.blocks as unknown as Json[]).find((b) =>
      String((b.text as Json | undefined)?.text ?? '').startsWith('*Project*'),
    );
    expect(project?.text).toMatchObject({
      verbatim: true,
      text: '*Project*\n>Ship it &lt;!channel&gt; cc &lt;@U123&gt; see &lt;https://evil.example|click here&gt; &amp; more &gt; less',
    });
    for (const s of renderedStrings(message)) expect(s).not.toContain('<!channel>');
  });

  it('never shows what anyone answered, even when handed answers', () => {
    const withAnswers = { ...OPEN_ROUND, answers: { latency: 'strict' }, views: [ORGANISER] };
    const leaked = shown(buildRoundMessage(withAnswers as RoundMessageState));
    for (const word of ['Strict', 'strict', 'Interactive', 'interactive', 'Web backend', 'Performance']) {
      expect(leaked).not.toContain(word);
    }
    expect(leaked).toBe(text);
  });

  it('has Add my view (primary) and Close round, both carrying the round id', () => {
    expect(buttons(message).map((b) => [b.action_id, b.value, b.style])).toEqual([
      [ADD_MY_VIEW_ACTION_ID, OPEN_ROUND.roundId, 'primary'],
      [CLOSE_ROUND_ACTION_ID, OPEN_ROUND.roundId, undefined],
    ]);
    expect(ADD_MY_VIEW_ACTION_ID).toBe('add_my_view');
    expect(CLOSE_ROUND_ACTION_ID).toBe('close_round');
  });

  it('leaves the deadline out rather than show a date that is not one, and refuses an id that is not a round id', () => {
    const undated = shown(buildRoundMessage({ ...OPEN_ROUND, deadlineAt: new Date(Number.NaN) }));
    expect(undated).not.toContain('Open until');
    expect(() => buildRoundMessage({ ...OPEN_ROUND, roundId: 'a round' })).toThrow(RangeError);
  });
});

describe('buildRoundParticipantsReply', () => {
  it('mentions each person named once', () => {
    const reply = buildRoundParticipantsReply(['U0BOB', 'U0CAROL', 'U0BOB']);
    const text = blockTexts(reply.blocks).join('\n');
    expect(text.match(/<@U0BOB>/g)).toHaveLength(1);
    expect(text).toContain('<@U0CAROL>');
    expect(text).toContain('Add my view');
    expect(checkSurface({ kind: 'message', ...reply })).toEqual([]);
  });

  it('with nobody named, says anyone in the channel can answer', () => {
    expect(shown(buildRoundParticipantsReply([]))).toContain('Anyone in the channel can add their view');
  });
});

/** Who gave the views, in the order they were combined. */
const people = (result: TeamResult) => result.perPerson.map((p) => p.person);

describe('buildRoundResultMessage', () => {
  const result = threeViews();
  const record = { number: 12, status: 'proposed' as const };

  it('is the verdict message of the team’s recommendation, with a line saying how many views it rests on', () => {
    const message = buildRoundResultMessage(result.recommendation, people(result), {
      organiserId: 'U0ALICE',
      record,
      participants: ['U0BOB', 'U0CAROL', 'U0DAVE'],
    });
    const verdict = buildVerdictMessage(result.recommendation, { requesterId: 'U0ALICE', record });
    const added = message.blocks.filter(
      (b) => !verdict.blocks.some((v) => JSON.stringify(v) === JSON.stringify(b)),
    );
    expect(message.blocks).toHaveLength(verdict.blocks.length + 1);
    expect(added).toHaveLength(1);
    expect(blockTexts(added)).toEqual([
      '*Team verdict from 3 views*: <@U0ALICE>, <@U0BOB> and <@U0CAROL> · Not answered: <@U0DAVE> · Where the team disagrees, and each person’s own verdict: in the thread.',
    ]);
    expect(message.text).toMatch(/^Team verdict from 3 views\. Decision #12 \(proposed\): /);
    expect(buttons(message).map((b) => b.action_id)).toEqual([
      'accept_decision',
      'adjust_answers',
      'decision_record',
    ]);
    expect(checkSurface({ kind: 'message', ...message })).toEqual([]);
  });

  it('a round with one view says it is that person’s own verdict', () => {
    const one = combineViews([{ person: 'U0ALICE', answers: ORGANISER }]);
    const message = buildRoundResultMessage(one.recommendation, people(one), { organiserId: 'U0ALICE' });
    expect(shown(message)).toContain('*A round with one view*: this is <@U0ALICE>’s own verdict.');
    expect(shown(message)).not.toContain('Team verdict from');
    expect(message.text).toMatch(/^A team round with one view\./);
  });
});

describe('buildRoundResultReplies', () => {
  const result = threeViews();
  const replies = buildRoundResultReplies(result);
  const texts = replies.map((r) => blockTexts(r.blocks).join('\n'));

  it('starts with the team recommendation, as a single verdict’s thread', () => {
    expect(replies.slice(0, 3)).toEqual(buildThreadReplies(result.recommendation));
  });

  it('shows where the team disagrees: each spread, the deciding one first, and whether each decides', () => {
    const disagrees = texts.find((t) => t.startsWith('*Where the team disagrees*')) ?? '';
    expect(disagrees).toContain('The views differ on 3 questions; one decides the verdict: settle it first.');
    const compute = disagrees.indexOf(
      '*Where the time goes*: 2 × CPU-bound: computation is the bottleneck; 1 × I/O-bound: waiting on network, disk, databases',
    );
    const latency = disagrees.indexOf(
      '*Latency*: 2 × Interactive: p99 around 100 ms, 1 × No latency target\n_The verdict is the same whichever of these is true._',
    );
    expect(compute).toBeGreaterThan(0);
    expect(latency).toBeGreaterThan(compute);
    expect(disagrees).toContain(
      ':warning: This disagreement decides the verdict: settle it first (profile a realistic run',
    );
  });

  it('shows each person’s own verdict beside the team’s', () => {
    const people = texts.find((t) => t.startsWith('*Each person’s verdict beside the team’s*')) ?? '';
    expect(people).toContain('*The team*: Hybrid (82%)');
    expect(people).toContain('• <@U0ALICE>: Hybrid (82%)');
    expect(people).toContain('• <@U0BOB>: Python (86%) _(not the team’s verdict)_');
    expect(people).toContain('• <@U0CAROL>: Hybrid (74%)');
  });

  it('words a close call as a lean, and uses names given for people who are no user ids', () => {
    const closeCall: TeamResult = {
      ...result,
      perPerson: [
        { person: 'alice <&>', verdict: 'python', closeCall: true, confidence: 55 },
        ...result.perPerson,
      ],
    };
    const text = buildRoundResultReplies(closeCall, { 'alice <&>': 'Alice <admin>' })
      .map((r) => blockTexts(r.blocks).join('\n'))
      .join('\n');
    expect(text).toContain('• Alice &lt;admin&gt;: close call, leaning Python (55%)');
  });

  it('says when the team agrees on every answer, and how the views were combined', () => {
    const agreed = combineViews([
      { person: 'U0ALICE', answers: { ...WEB_MVP_ESSENTIALS } },
      { person: 'U0BOB', answers: { ...WEB_MVP_ESSENTIALS } },
    ]);
    const agreeText = buildRoundResultReplies(agreed)
      .map((r) => blockTexts(r.blocks).join('\n'))
      .join('\n');
    expect(agreeText).toContain('The team agrees on every answer.');
    const split = combineViews([
      { person: 'U0ALICE', answers: { ...WEB_MVP_ESSENTIALS } },
      { person: 'U0BOB', answers: { ...WEB_MVP_ESSENTIALS, rustSkill: 'strong' } },
    ]);
    const splitText = buildRoundResultReplies(split)
      .map((r) => blockTexts(r.blocks).join('\n'))
      .join('\n');
    expect(splitText).toContain('none of these differences changes the verdict');
    expect(splitText).toContain('*How the views were combined*');
    expect(splitText).toContain('Rust skill: the two middle answers of 2 views are');
  });

  it('a round with one view says there is nothing to compare, after the recommendation', () => {
    const one = combineViews([{ person: 'U0ALICE', answers: ORGANISER }]);
    const oneReplies = buildRoundResultReplies(one);
    expect(oneReplies).toHaveLength(4);
    expect(oneReplies.slice(0, 3)).toEqual(buildThreadReplies(one.recommendation));
    expect(shown(oneReplies[3] ?? { text: '', blocks: [] })).toContain(
      'Only one view was given in this round, so there is nothing to compare: the verdict is <@U0ALICE>’s own',
    );
  });

  it('spreads a large team over several replies, each within Slack’s limits, everyone named once', () => {
    const people = Array.from({ length: 400 }, (_, i) => `U0P${String(i).padStart(4, '0')}`);
    const big: TeamResult = {
      ...result,
      views: people.length,
      perPerson: people.map((person, i) => ({
        person,
        verdict: i % 3 === 0 ? 'rust' : 'python',
        closeCall: i % 2 === 0,
        confidence: 50 + (i % 50),
      })),
    };
    const bigReplies = buildRoundResultReplies(big);
    const perPerson = bigReplies.filter((r) =>
      blockTexts(r.blocks)[0]?.startsWith('*Each person’s verdict beside the team’s'),
    );
    expect(perPerson.length).toBeGreaterThan(1);
    expect(blockTexts(perPerson[1]?.blocks ?? [])[0]).toBe(
      '*Each person’s verdict beside the team’s (continued)*',
    );
    for (const reply of bigReplies) expect(checkSurface({ kind: 'message', ...reply })).toEqual([]);
    const all = perPerson.map((r) => blockTexts(r.blocks).join('\n')).join('\n');
    for (const person of people) expect(all.split(`<@${person}>`)).toHaveLength(2);
  });
});
