import type { Logger } from '@slack/bolt';
import type { TeamResult } from '../engine/combine.ts';
import { combineViews, ENGINE_VERSION } from '../engine/index.ts';
import type { Answers } from '../engine/questions.ts';
import {
  RoundDecidedError,
  type RoundRecord,
  type RoundView,
  type Store,
  type Workspace,
} from '../store/types.ts';
import {
  buildMrkdwnNotice,
  buildNotice,
  buildRoundMessage,
  buildRoundParticipantsReply,
  buildRoundResultReplies,
  mentionUser,
  type SlackMessage,
} from './blocks/index.ts';
import { decisionMessage } from './decisions.ts';
import { type RequestContext, reportFailure, tellUser } from './deliver.ts';
import { classifySlackError, logContext } from './failures.ts';
import { callWithBlockKit, postMessage } from './posting.ts';

/**
 * A team round's life in Slack: opened with the organiser's view, teammates' views added privately, closed
 * once (by the organiser or the deadline) into the team's verdict, which becomes a decision record. Every
 * change is saved in the store first, then shown on the round message.
 */

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An error's class and code only: a database error's detail can quote a row, answers included. */
export function errorName(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return `${error instanceof Error ? error.name : typeof error}${typeof code === 'string' ? ` (${code})` : ''}`;
}

/** The open round's message as it stands: who answered, never what. */
function openRoundMessage(round: RoundRecord, views: readonly RoundView[]): SlackMessage {
  return buildRoundMessage({
    roundId: round.id,
    organiserId: round.organiserId,
    ...(round.description === undefined ? {} : { description: round.description }),
    deadlineAt: round.deadlineAt,
    participants: round.participants,
    answeredBy: views.map((v) => v.person),
  });
}

export interface NewRoundRequest {
  readonly workspace: Workspace | undefined;
  readonly channelId: string;
  readonly organiserId: string;
  readonly answers: Answers;
  readonly participants: readonly string[];
  readonly deadlineMs: number;
  readonly now: Date;
}

/**
 * Opens a round: saved with the organiser's view, then posted in the channel; the people named are mentioned
 * once in its thread. When the channel will not take it, the organiser is told why and the round is closed
 * unannounced (nobody could add a view to it).
 */
export async function openRound(ctx: RequestContext, store: Store, request: NewRoundRequest): Promise<void> {
  const { workspace, channelId, organiserId, answers } = request;
  if (workspace === undefined) {
    await tellUser(
      ctx,
      buildNotice('Sorry, Slack did not say which workspace this is, so I cannot open a round.'),
    );
    return;
  }
  let round: RoundRecord | undefined;
  try {
    round = await store.createRound({
      ...workspace,
      channelId,
      organiserId,
      ...(answers.description === undefined ? {} : { description: answers.description }),
      // The organiser answers anyway: naming only themselves would shut everyone else out.
      participants: request.participants.filter((p) => p !== organiserId),
      deadlineAt: new Date(request.now.getTime() + request.deadlineMs),
      createdAt: request.now,
    });
    await store.saveView(workspace, round.id, organiserId, answers, request.now);
  } catch (error) {
    // Half-saved (the round without the organiser's view): closed, so nothing nudges anyone about it.
    if (round !== undefined) await store.claimClose(workspace, round.id, NOT_POSTED).catch(() => undefined);
    ctx.logger.error('Could not save a new round', { user: organiserId, error: errorText(error) });
    await tellUser(
      ctx,
      buildNotice('Sorry, I could not save the round, so it was not opened. Please try again in a moment.'),
    );
    return;
  }
  let posted: { channel: string; ts: string };
  try {
    posted = await postMessage(
      ctx,
      channelId,
      openRoundMessage(round, await store.listViews(round, round.id)),
    );
  } catch (error) {
    await store.claimClose(workspace, round.id, NOT_POSTED).catch(() => undefined);
    await reportFailure(ctx, 'chat.postMessage', error, 'post the round in that channel');
    return;
  }
  try {
    round = await store.markRoundPosted(workspace, round.id, {
      channelId: posted.channel,
      messageTs: posted.ts,
    });
  } catch (error) {
    ctx.logger.error('Could not save where a round was posted', {
      user: organiserId,
      error: errorText(error),
    });
    await tellUser(
      ctx,
      buildNotice(
        'The round is posted, but I could not save where, so its buttons will not find it. Please run /rust-or-python team again.',
      ),
    );
    return;
  }
  if (round.participants.length > 0) {
    try {
      await postMessage(ctx, posted.channel, buildRoundParticipantsReply(round.participants), posted.ts);
    } catch (error) {
      ctx.logger.warn(
        'Could not mention a round’s participants',
        logContext(ctx, 'chat.postMessage', classifySlackError(error).code),
      );
      await tellUser(
        ctx,
        buildNotice(
          'The round is open, but I could not mention the people you named in its thread: please tell them.',
        ),
      );
    }
  }
}

/** Closed by the app itself because the round never reached its channel (not by a person or the deadline). */
const NOT_POSTED = 'not-posted';

/** How many times a count is sent again when views came in while it was on its way. */
const COUNT_UPDATES = 3;

/**
 * Shows the round's current state on its message (the count of views while open). The last count wins: a
 * count that went out while another view came in (a rate-limited update, another instance's) is followed by
 * the newer one, read after it landed.
 */
async function refreshOpenRound(ctx: RequestContext, store: Store, round: RoundRecord): Promise<void> {
  const message = round.message;
  if (message === undefined) return;
  try {
    let shown = -1;
    for (let attempt = 0; attempt < COUNT_UPDATES; attempt += 1) {
      // Read again just before: a close (and its result on this message) must not be overwritten by a count.
      const current = await store.getRound(round, round.id);
      if (current === undefined || current.closedAt !== undefined) break;
      const views = await store.listViews(current, current.id);
      // Views only grow while a round is open (a replacement keeps the count): the same count is the same text.
      if (views.length === shown) break;
      const { text, blocks } = openRoundMessage(current, views);
      await callWithBlockKit(ctx.client, 'chat.update', {
        channel: message.channelId,
        ts: message.messageTs,
        text,
        blocks,
      });
      shown = views.length;
    }
  } catch (error) {
    ctx.logger.warn(
      'Could not update a round message',
      logContext(ctx, 'chat.update', classifySlackError(error).code),
    );
  }
  // Closed while the count went out: show the result again, in case the count landed over it.
  const after = await store.getRound(round, round.id).catch(() => undefined);
  if (after?.closedAt !== undefined && after.decisionNumber !== undefined) {
    await finishRound(ctx, store, after).catch(() => undefined);
  }
}

/** Whether `userId` may give a view: anyone when nobody was named, else the people named and the organiser. */
export function mayAnswer(round: RoundRecord, userId: string): boolean {
  return (
    round.participants.length === 0 || round.organiserId === userId || round.participants.includes(userId)
  );
}

/** Saves a teammate's view (replacing their earlier one), updates the count, and tells them privately. */
export async function addView(
  ctx: RequestContext,
  store: Store,
  workspace: Workspace | undefined,
  roundId: string,
  answers: Answers,
  now: Date,
): Promise<void> {
  const round = workspace === undefined ? undefined : await store.getRound(workspace, roundId);
  if (workspace === undefined || round === undefined) {
    await tellUser(ctx, buildNotice('I have no record of that round, so your view was not saved.'));
    return;
  }
  if (!mayAnswer(round, ctx.userId)) {
    await tellUser(
      ctx,
      buildNotice('This round is for the people its organiser named, so your view was not saved.'),
    );
    return;
  }
  // The organiser's description is the team's: a view does not carry its own.
  const { description: _own, ...facts } = answers;
  const outcome = await store.saveView(workspace, roundId, ctx.userId, facts as Answers, now);
  if (outcome.outcome === 'closed') {
    await tellUser(
      ctx,
      buildNotice(
        'This round has closed, so your view was not added. The team’s verdict is on the round message.',
      ),
    );
    return;
  }
  if (outcome.outcome === 'not-found') {
    await tellUser(ctx, buildNotice('I have no record of that round, so your view was not saved.'));
    return;
  }
  await refreshOpenRound(ctx, store, outcome.round);
  await tellUser(
    ctx,
    buildNotice(
      outcome.outcome === 'replaced'
        ? 'Your view replaces the one you gave before. Answers stay hidden until the round closes.'
        : 'Your view is in. Answers stay hidden from everyone, the organiser included, until the round closes.',
    ),
  );
}

/**
 * Closes a round exactly once (the store's claim), then shows the team's verdict (`finishRound`). `closedBy`:
 * the organiser's id, or 'deadline'. Returns false when someone (or another instance) closed it first.
 */
export async function closeRound(
  ctx: RequestContext,
  store: Store,
  round: RoundRecord,
  closedBy: string,
  now: Date,
): Promise<boolean> {
  const claim = await store.claimClose(round, round.id, closedBy, now);
  if (claim.outcome !== 'claimed') return false;
  try {
    await finishRound(ctx, store, claim.round);
  } catch (error) {
    // Closed all the same: the round clock shows the result once the store answers again.
    ctx.logger.error('Could not show a closed round’s result', { error: errorName(error) });
    await tellUser(
      ctx,
      buildNotice(
        'The round is closed, but I could not show the team’s verdict just now; I will try again every minute until it is on the round message.',
      ),
    );
  }
  return true;
}

/**
 * How long after its close a round's result may still be on its way: only later is a missing result taken for a
 * failed finish and finished again (by the clock, or by the organiser pressing Close again).
 */
const FINISH_GRACE_MS = 60_000;

/**
 * Takes up a closed round whose result is not shown yet, `FINISH_GRACE_MS` after its close (or after the last
 * instance that took it up), and finishes it; of instances trying at once, one does. False: nothing to finish.
 */
async function finishAgain(
  ctx: RequestContext,
  store: Store,
  round: RoundRecord,
  now: Date,
): Promise<boolean> {
  const claimed = await store.claimFinish(round, round.id, new Date(now.getTime() - FINISH_GRACE_MS), now);
  if (claimed === undefined) return false;
  await finishRound(ctx, store, claimed);
  return true;
}

/** chat.update's answers for a round message that can never show the result (deleted, archived, not ours). */
const ROUND_MESSAGE_GONE = new Set([
  'message_not_found',
  'channel_not_found',
  'is_archived',
  'cant_update_message',
  'edit_window_closed',
]);

/**
 * The round's views combined, the organiser's first (it breaks ties), each with the organiser's description,
 * and who gave them in that order; undefined when nobody did.
 */
async function combinedViews(
  store: Store,
  round: RoundRecord,
): Promise<{ result: TeamResult; people: string[] } | undefined> {
  const views = await store.listViews(round, round.id);
  if (views.length === 0) return undefined;
  const ordered = [
    ...views.filter((v) => v.person === round.organiserId),
    ...views.filter((v) => v.person !== round.organiserId),
  ].map((v) => ({
    person: v.person,
    answers: (round.description === undefined
      ? v.answers
      : { ...v.answers, description: round.description }) as Answers,
  }));
  return { result: combineViews(ordered), people: ordered.map((v) => v.person) };
}

/**
 * Turns a closed round's message into the team's verdict, saved first as a decision record (once: a finish that
 * failed half-way is taken up again where it stopped), with the details in its thread the first time the
 * message shows it. Shown again as it stands (accepted, say) when called on a finished round.
 */
export async function finishRound(ctx: RequestContext, store: Store, closed: RoundRecord): Promise<void> {
  const message = closed.message;
  if (message === undefined || closed.closedBy === NOT_POSTED) return;
  let decision =
    closed.decisionNumber === undefined ? undefined : await store.getDecision(closed, closed.decisionNumber);
  // Combined only where it is needed: to save the decision, and for the thread (a result shown again over a
  // count that landed on it needs neither).
  let team: { result: TeamResult; people: string[] } | undefined;
  if (decision === undefined) {
    team = await combinedViews(store, closed);
    if (team === undefined) return;
    try {
      decision = await store.createDecision({
        ...closed,
        channelId: message.channelId,
        requesterId: closed.organiserId,
        answers: team.result.answers,
        recommendation: team.result.recommendation,
        engineVersion: ENGINE_VERSION,
        message,
        team: { roundId: closed.id, people: team.people, participants: closed.participants },
      });
    } catch (error) {
      // Another instance saved the result first: it shows it.
      if (error instanceof RoundDecidedError) return;
      throw error;
    }
  }
  const shown = await decisionMessage(store, decision);
  try {
    await callWithBlockKit(ctx.client, 'chat.update', {
      channel: message.channelId,
      ts: message.messageTs,
      text: shown.text,
      blocks: shown.blocks,
    });
  } catch (error) {
    const { code } = classifySlackError(error);
    ctx.logger.warn('Could not show a round’s result', logContext(ctx, 'chat.update', code));
    if (ROUND_MESSAGE_GONE.has(code)) {
      // Slack will never take it there: given up once, rather than tried (and told) every minute.
      if (await store.markRoundFinished(closed, closed.id)) {
        await tellUser(
          ctx,
          buildNotice(
            `Sorry, I could not show the team’s verdict on the round message: Slack answered "${code}", so it cannot be shown there. The verdict is saved as Decision #${decision.number}.`,
          ),
        );
      }
      return;
    }
    // Not for the person to retry: the round clock shows it again a minute on (`finishAgain`).
    await tellUser(
      ctx,
      buildNotice(
        `Sorry, I could not show the team’s verdict on the round message: Slack answered "${code}". I will try again in a minute.`,
      ),
    );
    return;
  }
  // The details go in its thread once, after the message first shows the result.
  if (!(await store.markRoundFinished(closed, closed.id))) return;
  team ??= await combinedViews(store, closed);
  if (team === undefined) return;
  try {
    for (const reply of buildRoundResultReplies(team.result)) {
      await postMessage(ctx, message.channelId, reply, message.messageTs);
    }
  } catch (error) {
    await reportFailure(ctx, 'chat.postMessage', error, 'add the team’s details to the round’s thread');
  }
}

/** The organiser's Close round; anyone else is told only the organiser can close it. */
export async function closeRoundByHand(
  ctx: RequestContext,
  store: Store,
  workspace: Workspace | undefined,
  roundId: string,
  now: Date,
): Promise<void> {
  const round = workspace === undefined ? undefined : await store.getRound(workspace, roundId);
  if (round === undefined) {
    await tellUser(ctx, buildNotice('I have no record of that round.'));
    return;
  }
  if (round.organiserId !== ctx.userId) {
    await tellUser(
      ctx,
      buildMrkdwnNotice(`Only the organiser, ${mentionUser(round.organiserId)}, can close this round.`),
    );
    return;
  }
  if (await closeRound(ctx, store, round, ctx.userId, now)) return;
  // Closed, but its result never got shown (a failure after the close): show it now.
  if (!(await finishAgain(ctx, store, round, now))) {
    await tellUser(ctx, buildNotice('This round was already closed.'));
  }
}

/**
 * One pass of the round clock: closes every round whose deadline has passed (including any that passed while
 * the app was down), shows results that failed to show, and nudges, once, the named people who have not
 * answered halfway to the deadline. `contextFor` gives the delivery context for a round (its workspace's
 * client), or undefined when the app is no longer installed in that workspace: its rounds are then retired
 * without a word (closed unposted, given up, not nudged), so that they do not hold up everyone else's.
 */
export async function roundClockTick(
  store: Store,
  now: Date,
  contextFor: (round: RoundRecord) => Promise<RequestContext | undefined>,
  logger: Logger,
): Promise<void> {
  const each = async (
    rounds: readonly RoundRecord[],
    what: string,
    act: (ctx: RequestContext, round: RoundRecord) => Promise<unknown>,
    retire: (round: RoundRecord) => Promise<unknown>,
  ) => {
    for (const round of rounds) {
      try {
        const ctx = await contextFor(round);
        if (ctx === undefined) {
          logger.info(
            `Retired a round of workspace ${round.teamId}, where the app is not installed (${what})`,
          );
          await retire(round);
        } else await act(ctx, round);
      } catch (error) {
        logger.error(`The round clock could not ${what}`, { error: errorName(error) });
      }
    }
  };
  await each(
    await store.dueRounds(now, 20),
    'close a round at its deadline',
    (ctx, round) => closeRound(ctx, store, round, 'deadline', now),
    (round) => store.claimClose(round, round.id, NOT_POSTED, now),
  );
  await each(
    await store.unfinishedRounds(new Date(now.getTime() - FINISH_GRACE_MS), 20),
    'finish a closed round',
    (ctx, round) => finishAgain(ctx, store, round, now),
    (round) => store.markRoundFinished(round, round.id, now),
  );
  await each(
    await store.roundsToNudge(now, 20),
    'nudge a round’s participants',
    (ctx, round) => nudge(ctx, store, round, now),
    (round) => store.markNudged(round, round.id, now),
  );
}

/** Nudges, once, the named people who have not answered yet. */
async function nudge(ctx: RequestContext, store: Store, round: RoundRecord, now: Date): Promise<void> {
  if (!(await store.markNudged(round, round.id, now))) return;
  const answered = new Set((await store.listViews(round, round.id)).map((v) => v.person));
  for (const person of round.participants.filter((p) => !answered.has(p))) {
    await postMessage({ ...ctx, userId: person }, person, nudgeMessage(round)).catch((error: unknown) => {
      ctx.logger.info(
        'Could not nudge a participant',
        logContext(ctx, 'chat.postMessage', classifySlackError(error).code),
      );
    });
  }
}

function nudgeMessage(round: RoundRecord): SlackMessage {
  const where = round.message === undefined ? `<#${round.channelId}>` : `<#${round.message.channelId}>`;
  return buildMrkdwnNotice(
    `${mentionUser(round.organiserId)} asked for your view in a Rust-or-Python team round in ${where}; it is halfway to its deadline. Press *Add my view* on the round message to give it.`,
  );
}
