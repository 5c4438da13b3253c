import type { types } from '@slack/bolt';
import type { Disagreement, PersonVerdict, TeamResult } from '../../engine/combine.ts';
import type { Recommendation, Verdict } from '../../engine/types.ts';
import {
  contextBlock,
  headerBlock,
  packLines,
  plainText,
  type SlackMessage,
  sectionBlock,
  verbatimSectionBlock,
} from './compose.ts';
import { SLACK_LIMITS, truncate } from './limits.ts';
import { roundIdSchema } from './modal.ts';
import { bold, escapeMrkdwn, italic, mentionUser, quote, truncateMrkdwn, userText } from './mrkdwn.ts';
import { buildThreadReplies } from './thread.ts';
import { buildVerdictMessage, clampScore, type VerdictRecordState } from './verdict.ts';

/** The round message's button that opens the modal for a teammate's view; its value is the round id. */
export const ADD_MY_VIEW_ACTION_ID = 'add_my_view';
/** The round message's button that closes the round (the organiser's only); its value is the round id. */
export const CLOSE_ROUND_ACTION_ID = 'close_round';

/** An open team round, as its message shows it. */
export interface RoundMessageState {
  readonly roundId: string;
  readonly organiserId: string;
  readonly description?: string;
  readonly deadlineAt: Date;
  /** The Slack user ids named to answer; empty: anyone in the channel. */
  readonly participants: readonly string[];
  /** Who has given a view, in the order they first gave it (the organiser's is the first view). */
  readonly answeredBy: readonly string[];
}

/** Options of the round result message. */
export interface RoundResultOptions {
  readonly organiserId: string;
  /** The decision record made from the result, as `buildVerdictMessage` takes it. */
  readonly record?: VerdictRecordState;
  /** The people named to answer; those among them who gave no view are listed. Empty or absent: anyone. */
  readonly participants?: readonly string[];
  /** Display names by person, for people who are not Slack user ids (shown escaped instead of a mention). */
  readonly names?: Readonly<Record<string, string>>;
}

/** People listed by name in one line at most; the rest are counted ("and 3 more"). */
const LISTED_PEOPLE = 20;
/** Characters of displayed text a reply may hold (under Slack's message budget, with room for the title). */
const REPLY_BUDGET = SLACK_LIMITS.messageBlocksChars - 1000;
/** Blocks a reply may hold (Slack allows 50). */
const REPLY_BLOCKS = 40;
/** Characters of mentions the participants reply holds at most. */
const MENTION_CHARS = 8000;

/** A person as the messages name them: a mention for a user id, else their name or what was given, escaped. */
function personLabel(person: string, names?: Readonly<Record<string, string>>): string {
  const name = names !== undefined && Object.hasOwn(names, person) ? names[person] : undefined;
  if (name !== undefined && name.trim() !== '') return escapeMrkdwn(truncate(name.trim(), 80));
  return mentionUser(truncate(person, 40));
}

/** "@a, @b and @c", the first `LISTED_PEOPLE` by name and the others counted. Escaped mrkdwn. */
function peopleList(people: readonly string[], names?: Readonly<Record<string, string>>): string {
  const shown = people.slice(0, LISTED_PEOPLE).map((p) => personLabel(p, names));
  const more = people.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length < 2 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A date and time as a Slack date token ("Tuesday, March 5th at 10:00 AM" in the reader's time zone), with
 * the UTC time as its fallback text; undefined for a date that is not a real one between 1970 and 9999.
 */
export function slackDateTime(date: Date): string | undefined {
  const ms = date.getTime();
  if (!Number.isFinite(ms) || ms < 0 || ms >= Date.UTC(10000, 0, 1)) return undefined;
  const iso = new Date(ms).toISOString();
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} at {time}|${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC>`;
}

function checkRoundId(roundId: string): string {
  if (!roundIdSchema.safeParse(roundId).success) {
    throw new RangeError(`not a round id: ${JSON.stringify(roundId.slice(0, 80))}`);
  }
  return roundId;
}

/** The project as the verdict message shows it: quoted, escaped, verbatim so nothing in it links or pings. */
function projectBlocks(description: string | undefined): types.KnownBlock[] {
  const text = description?.trim() ?? '';
  return text === '' ? [] : [verbatimSectionBlock(`${bold('Project')}\n${quote(userText(text, 1500))}`)];
}

/**
 * The message of an open team round: the project, who organised it, until when it is open, how many have
 * answered and who (never what), who may answer, and the buttons Add my view (`add_my_view`) and Close round
 * (`close_round`), both carrying the round id. The organiser counts among those asked: their answers are the
 * round's first view. Named participants are not mentioned here (every update would show the list again):
 * the thread names them once (`buildRoundParticipantsReply`).
 */
export function buildRoundMessage(state: RoundMessageState): SlackMessage {
  const roundId = checkRoundId(state.roundId);
  const answered = unique(state.answeredBy);
  const named = unique(state.participants).filter((p) => p !== state.organiserId);
  const asked = named.length === 0 ? undefined : named.length + 1;
  const count =
    asked !== undefined && answered.length <= asked
      ? `${answered.length} of ${asked} answered`
      : `${answered.length} answered`;
  const who = answered.length === 0 ? bold('No views yet') : `${bold(count)}: ${peopleList(answered)}`;
  const deadline = slackDateTime(state.deadlineAt);
  const organiser = mentionUser(truncate(state.organiserId, 40));
  const openTo =
    named.length === 0
      ? 'Open to anyone in the channel'
      : `For ${organiser} and the ${plural(named.length, 'person', 'people')} named in the thread`;
  const blocks: types.KnownBlock[] = [
    headerBlock('Team round: Rust or Python?'),
    ...projectBlocks(state.description),
    sectionBlock(who),
    contextBlock(
      [`Organised by ${organiser}`, deadline === undefined ? '' : `Open until ${deadline}`, openTo]
        .filter(Boolean)
        .join(' · '),
    ),
    contextBlock(
      'A teammate’s form starts from the organiser’s answers about the project (not their priorities); what each teammate submits stays hidden from everyone, the organiser included, until the round closes. Adding your view again replaces it. When the round closes (the organiser can close it early), this message becomes the team’s verdict, with where the team disagrees in its thread.',
    ),
    {
      type: 'actions',
      block_id: 'round_actions',
      elements: [
        {
          type: 'button',
          action_id: ADD_MY_VIEW_ACTION_ID,
          style: 'primary',
          text: plainText('Add my view', SLACK_LIMITS.buttonText),
          value: roundId,
        },
        {
          type: 'button',
          action_id: CLOSE_ROUND_ACTION_ID,
          text: plainText('Close round', SLACK_LIMITS.buttonText),
          value: roundId,
          confirm: {
            title: plainText('Close the round?', 100),
            text: plainText(
              'Only the organiser can close it. The team’s verdict is worked out from the views given so far, and nobody can add a view after.',
              300,
            ),
            confirm: plainText('Close round', 30),
            deny: plainText('Not yet', 30),
          },
        },
      ],
    },
  ];
  const description = state.description?.trim().replace(/\s+/g, ' ') ?? '';
  const summary = [
    `Team round: Rust or Python? ${answered.length === 0 ? 'No views yet.' : `${count}.`}`,
    deadline === undefined
      ? ''
      : `Open until ${state.deadlineAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    description === '' ? '' : `Project: ${description}`,
  ]
    .filter(Boolean)
    .join(' ');
  return { text: userText(summary, 300), blocks };
}

/**
 * The thread message naming who is asked to answer, posted once under the round message (the mentions
 * notify them). With nobody named, it says anyone in the channel can answer.
 */
export function buildRoundParticipantsReply(participants: readonly string[]): SlackMessage {
  const people = unique(participants);
  const how =
    'Press Add my view on the round message. Your answers stay hidden from everyone, the organiser included, until the round closes.';
  if (people.length === 0) {
    return {
      text: 'Anyone in the channel can add their view to this round.',
      blocks: [sectionBlock(`Anyone in the channel can add their view to this round. ${how}`)],
    };
  }
  // Ten mentions a line; past a few thousand characters (only ids that are no real ids are that long) the
  // rest are counted, so the reply stays within one message.
  const mentions = people.map((p) => mentionUser(truncate(p, 40)));
  const lines: string[] = [];
  let chars = 0;
  let shown = 0;
  while (shown < mentions.length && chars < MENTION_CHARS) {
    const line = mentions.slice(shown, shown + 10).join(' ');
    lines.push(line);
    chars += line.length;
    shown += 10;
  }
  const more = mentions.length - Math.min(shown, mentions.length);
  if (more > 0) lines.push(`and ${plural(more, 'other person', 'other people')}, not mentioned here`);
  const blocks: types.KnownBlock[] = packLines([`${bold('Asked to add their view')}:`, ...lines]).map(
    sectionBlock,
  );
  blocks.push(contextBlock(how));
  return {
    text: truncateMrkdwn(
      `Asked to add their view to this round: ${plural(people.length, 'person', 'people')}.`,
      300,
    ),
    blocks,
  };
}

/** The line the round result adds to the verdict message: how many views it rests on, and whose. */
function teamLine(people: readonly string[], options: RoundResultOptions): string {
  if (people.length === 1) {
    const only = people[0];
    return only === undefined
      ? `${bold('A round with one view')}: this is that person’s own verdict.`
      : `${bold('A round with one view')}: this is ${personLabel(only, options.names)}’s own verdict.`;
  }
  const missing = unique(options.participants ?? []).filter(
    (p) => p !== options.organiserId && !people.includes(p),
  );
  return [
    `${bold(`Team verdict from ${people.length} views`)}: ${peopleList(people, options.names)}`,
    missing.length === 0 ? '' : `Not answered: ${peopleList(missing, options.names)}`,
    'Where the team disagrees, and each person’s own verdict: in the thread.',
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * A closed round's message: the team's verdict (`recommendation`, made from the views of `people`, the
 * organiser first) laid out as any verdict message (`buildVerdictMessage`, with the decision record's Accept,
 * Adjust answers and Decision record buttons), "Asked by" the organiser, and a line saying how many views it
 * rests on and whose ("Team verdict from 3 views: @a, @b and @c"), or that a round with one view is that
 * person's own verdict. The same message whenever the decision changes (accepted, superseded).
 */
export function buildRoundResultMessage(
  recommendation: Recommendation,
  people: readonly string[],
  options: RoundResultOptions,
): SlackMessage {
  const message = buildVerdictMessage(recommendation, {
    requesterId: options.organiserId,
    ...(options.record === undefined ? {} : { record: options.record }),
  });
  const line = contextBlock(teamLine(people, options));
  // Right under the record line (the first context): who asked, then whose views it rests on.
  const at = message.blocks.findIndex((b) => b.type === 'context');
  const blocks = [...message.blocks];
  blocks.splice(at < 0 ? 1 : at + 1, 0, line);
  const views =
    people.length === 1 ? 'A team round with one view.' : `Team verdict from ${people.length} views.`;
  return { text: truncateMrkdwn(`${views} ${message.text}`, 400), blocks };
}

/**
 * One topic in as many thread replies as it needs: its title, then sections of already escaped mrkdwn, a new
 * reply ("(continued)") whenever the next section would break Slack's limits for one message.
 */
function splitTopic(title: string, sections: readonly string[], summary: string): SlackMessage[] {
  const replies: SlackMessage[] = [];
  const text = truncateMrkdwn(escapeMrkdwn(`${title}: ${summary}`), 300);
  let blocks: types.KnownBlock[] = [];
  let chars = 0;
  const start = (heading: string) => {
    blocks = [sectionBlock(bold(escapeMrkdwn(heading)))];
    chars = heading.length + 2;
  };
  start(title);
  for (const section of sections) {
    if (section === '') continue;
    const block = sectionBlock(section);
    const size = block.text?.text.length ?? 0;
    if (blocks.length > 1 && (blocks.length + 1 > REPLY_BLOCKS || chars + size > REPLY_BUDGET)) {
      replies.push({ text, blocks });
      start(`${title} (continued)`);
    }
    blocks.push(block);
    chars += size;
  }
  replies.push({ text, blocks });
  return replies;
}

/** A disagreement as the thread shows it: the spread, then whether it decides the verdict. */
function disagreementText(d: Disagreement): string {
  const lead = `${d.name}: `;
  const spread = d.spread.startsWith(lead) ? d.spread.slice(lead.length) : d.spread;
  const spreadLine = `${bold(escapeMrkdwn(d.name))}: ${escapeMrkdwn(spread)}`;
  const verdictLine = d.decides ? `:warning: ${escapeMrkdwn(d.text)}` : italic(escapeMrkdwn(d.text));
  return `${spreadLine}\n${verdictLine}`;
}

function disagreementsReplies(result: TeamResult): SlackMessage[] {
  const title = 'Where the team disagrees';
  const deciding = result.disagreements.filter((d) => d.decides).length;
  const total = result.disagreements.length;
  const opening =
    total === 0
      ? 'The team agrees on every answer.'
      : deciding === 0
        ? `The views differ on ${plural(total, 'question', 'questions')}, and none of these differences changes the verdict.`
        : `The views differ on ${plural(total, 'question', 'questions')}; ${deciding === 1 ? 'one decides' : `${deciding} decide`} the verdict: settle ${deciding === 1 ? 'it' : 'those'} first.`;
  const notes =
    result.notes.length > 0
      ? packLines([bold('How the views were combined'), ...result.notes.map((n) => `• ${escapeMrkdwn(n)}`)])
      : [];
  return splitTopic(
    title,
    [escapeMrkdwn(opening), ...result.disagreements.map(disagreementText), ...notes],
    opening,
  );
}

/** Verdicts short enough to sit before a percentage: "Hybrid (82%)". */
const SHORT_VERDICTS: Readonly<Record<Verdict, string>> = {
  rust: 'Rust',
  python: 'Python',
  hybrid: 'Hybrid',
};
const SHORT_LEANS: Readonly<Record<Verdict, string>> = { rust: 'Rust', python: 'Python', hybrid: 'a hybrid' };

/** "Rust (72%)", or for a close call a lean: "close call, leaning Python (55%)". */
function verdictWords(p: Pick<PersonVerdict, 'verdict' | 'closeCall' | 'confidence'>): string {
  const verdict = p.closeCall ? `close call, leaning ${SHORT_LEANS[p.verdict]}` : SHORT_VERDICTS[p.verdict];
  return `${verdict} (${clampScore(p.confidence)}%)`;
}

function perPersonReplies(result: TeamResult, names?: Readonly<Record<string, string>>): SlackMessage[] {
  const team = result.recommendation;
  const differ = result.perPerson.filter((p) => p.verdict !== team.verdict).length;
  const lines = result.perPerson.map(
    (p) =>
      `• ${personLabel(p.person, names)}: ${escapeMrkdwn(verdictWords(p))}${p.verdict === team.verdict ? '' : ` ${italic('(not the team’s verdict)')}`}`,
  );
  const head = [
    `${bold('The team')}: ${escapeMrkdwn(verdictWords(team))}`,
    italic(
      'Each person’s verdict on their own answers alone, with its confidence; the team’s rests on the combined answers.',
    ),
  ].join('\n');
  const summary =
    differ === 0
      ? `all ${result.perPerson.length} views give the team’s verdict on their own`
      : `${differ} of ${result.perPerson.length} views ${differ === 1 ? 'gives' : 'give'} another verdict on their own`;
  return splitTopic('Each person’s verdict beside the team’s', [head, ...packLines(lines)], summary);
}

/**
 * The thread under a closed round's message: the team recommendation (`buildThreadReplies`: why, the plan,
 * the risks and what would change it), then where the team disagrees (each disagreement's spread and whether
 * it decides the verdict, deciding ones first, then how the views were combined where a rule did more than
 * take what everyone said), then each person's own verdict beside the team's. A round with one view has
 * nothing to compare: one reply says so instead of the last two. Topics too long for one message continue in
 * the next, so every reply stays within Slack's limits.
 */
export function buildRoundResultReplies(
  result: TeamResult,
  names?: Readonly<Record<string, string>>,
): SlackMessage[] {
  const replies = buildThreadReplies(result.recommendation);
  if (result.views === 1) {
    const only = result.perPerson[0]?.person;
    const whose = only === undefined ? 'that person' : personLabel(only, names);
    const text = `Only one view was given in this round, so there is nothing to compare: the verdict is ${whose}’s own, as a single verdict would be.`;
    return [...replies, { text: truncateMrkdwn(text, 300), blocks: [sectionBlock(text)] }];
  }
  return [...replies, ...disagreementsReplies(result), ...perPersonReplies(result, names)];
}
