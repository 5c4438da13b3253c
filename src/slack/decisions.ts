import type { Context } from '@slack/bolt';
import { type DecisionRecordMeta, ENGINE_VERSION } from '../engine/index.ts';
import type { Recommendation } from '../engine/types.ts';
import { linkedDecisions, recordMetaOf } from '../store/record-meta.ts';
import type { DecisionRecord, Store, Workspace } from '../store/types.ts';
import {
  buildNotice,
  buildRoundResultMessage,
  buildThreadReplies,
  buildVerdictMessage,
  decisionStateOf,
  type SlackMessage,
  type VerdictRecordState,
} from './blocks/index.ts';
import { deliverRecommendation, type Landing, type RequestContext, tellUser } from './deliver.ts';
import { classifySlackError, logContext } from './failures.ts';
import { callWithBlockKit } from './posting.ts';

/**
 * A decision's life in Slack: saved, then posted; accepted; superseded by a new verdict. Every change is
 * saved in the store first and then shown, by posting or by updating the verdict message (chat.update).
 */

/** The workspace a request belongs to (Bolt's context); undefined when Slack did not say. */
export function workspaceOf(context: Pick<Context, 'teamId' | 'enterpriseId'>): Workspace | undefined {
  const teamId = context.teamId ?? context.enterpriseId;
  if (teamId === undefined) return undefined;
  return { teamId, ...(context.enterpriseId === undefined ? {} : { enterpriseId: context.enterpriseId }) };
}

/** A decision's state as its message shows it, with the permalinks of the decisions it links to. */
async function recordState(store: Store, record: DecisionRecord): Promise<VerdictRecordState> {
  const linked = await linkedDecisions(store, record);
  const supersedes = linked.supersedes?.message?.permalink;
  const supersededBy = linked.supersededBy?.message?.permalink;
  return decisionStateOf(record, {
    ...(supersedes === undefined ? {} : { supersedes }),
    ...(supersededBy === undefined ? {} : { supersededBy }),
  });
}

/** The verdict message of a stored decision, as it stands now (a team round's result as a round result). */
export async function decisionMessage(store: Store, record: DecisionRecord): Promise<SlackMessage> {
  const state = await recordState(store, record);
  if (record.team !== undefined) {
    return buildRoundResultMessage(record.recommendation, record.team.people, {
      organiserId: record.requesterId,
      record: state,
      participants: record.team.participants,
    });
  }
  return buildVerdictMessage(record.recommendation, { requesterId: record.requesterId, record: state });
}

/**
 * Shows a stored decision's current state on its message. False when there is no message to update (never
 * posted, or shown to one person only) or Slack refused; the caller tells the person who acted.
 */
export async function refreshDecisionMessage(
  ctx: RequestContext,
  store: Store,
  record: DecisionRecord,
): Promise<boolean> {
  const message = record.message;
  if (message === undefined) return false;
  try {
    // Read again just before showing it: another change (an accept, a supersede) may have been saved since.
    const current = (await store.getDecision(record, record.number)) ?? record;
    const { text, blocks } = await decisionMessage(store, current);
    await callWithBlockKit(ctx.client, 'chat.update', {
      channel: message.channelId,
      ts: message.messageTs,
      text,
      blocks,
    });
    return true;
  } catch (error) {
    ctx.logger.warn(
      `Could not update the message of decision #${record.number}`,
      logContext(ctx, 'chat.update', classifySlackError(error).code),
    );
    return false;
  }
}

/** The message's permalink, when Slack gives one (history and links work without it, only less well). */
async function permalinkOf(ctx: RequestContext, channel: string, ts: string): Promise<string | undefined> {
  try {
    const result = await ctx.client.chat.getPermalink({ channel, message_ts: ts });
    return typeof result.permalink === 'string' ? result.permalink : undefined;
  } catch (error) {
    ctx.logger.info(
      'No permalink for a posted verdict',
      logContext(ctx, 'chat.getPermalink', classifySlackError(error).code),
    );
    return undefined;
  }
}

export interface NewVerdict {
  readonly workspace: Workspace | undefined;
  readonly channelId: string;
  readonly requesterId: string;
  readonly recommendation: Recommendation;
  /** The verdict message Adjust answers was pressed on: the new decision supersedes its decision. */
  readonly replaces?: { readonly channel: string; readonly ts: string };
}

/**
 * Saves a new decision, posts its verdict (numbered) and thread, records where it landed, and, for Adjust
 * answers, supersedes the decision it replaces: both messages then link to each other. When the store fails,
 * the verdict is still delivered, unnumbered, and the person who asked is told it was not saved.
 */
export async function postNewDecision(
  ctx: RequestContext,
  store: Store,
  verdict: NewVerdict,
): Promise<Landing> {
  const { workspace, channelId, requesterId, recommendation } = verdict;
  const replies = buildThreadReplies(recommendation);
  let record: DecisionRecord | undefined;
  let replaced: DecisionRecord | undefined;
  try {
    if (workspace === undefined) throw new Error('The request named no workspace');
    const pressed =
      verdict.replaces === undefined
        ? undefined
        : await store.findByMessage(workspace, verdict.replaces.channel, verdict.replaces.ts);
    // Only a decision in the same conversation is superseded: its readers are the ones who see the new one.
    // (store.supersede follows the chain when the one pressed was superseded already.)
    replaced = pressed?.message?.channelId === channelId ? pressed : undefined;
    record = await store.createDecision({
      ...workspace,
      channelId,
      requesterId,
      answers: recommendation.answers,
      recommendation,
      engineVersion: ENGINE_VERSION,
    });
  } catch (error) {
    ctx.logger.error('Could not save a decision; posting its verdict unnumbered', {
      ...logContext(ctx, 'store.createDecision', 'store_failed'),
      error: error instanceof Error ? error.message : String(error),
    });
    const landing = await deliverRecommendation(
      ctx,
      channelId,
      buildVerdictMessage(recommendation, { requesterId }),
      replies,
    );
    if (landing.kind !== 'nowhere') {
      await tellUser(
        ctx,
        buildNotice(
          'I could not save this decision, so it has no number, cannot be accepted and will not appear in /rust-or-python history. The verdict itself is complete.',
        ),
      );
    }
    return landing;
  }

  // "Supersedes #M" is shown once it is saved, after the verdict lands beside #M (recordLanding).
  const message = await decisionMessage(store, record);
  const saved = record;
  // Recorded as soon as the verdict lands, before its thread: a quick Accept or Adjust finds it stored.
  return deliverRecommendation(ctx, channelId, message, replies, (landing) =>
    recordLanding(ctx, store, saved, landing, replaced),
  );
}

/** After delivery: where the verdict is, and the supersede it completes when it landed in the channel. */
async function recordLanding(
  ctx: RequestContext,
  store: Store,
  record: DecisionRecord,
  landing: Landing,
  replaced: DecisionRecord | undefined,
): Promise<void> {
  try {
    if (landing.kind === 'nowhere') {
      await store.discardDecision(record, record.number);
      return;
    }
    if (landing.kind === 'ephemeral') return;
    const { channel, ts } = landing.posted;
    // Saved before anything else, so a quick Accept or Adjust on the message finds its decision.
    let posted = await store.markPosted(record, record.number, { channelId: channel, messageTs: ts });
    const permalink = await permalinkOf(ctx, channel, ts);
    if (permalink !== undefined) {
      posted = await store.markPosted(record, record.number, {
        channelId: channel,
        messageTs: ts,
        permalink,
      });
    }
    // Sent privately, the new verdict is not beside the old one, which stands.
    if (replaced === undefined || landing.kind !== 'channel') return;
    const outcome = await store.supersede(record, replaced.number, posted.number);
    if (outcome.outcome !== 'superseded') return;
    // Saved: now both messages say so, each linking to the other.
    await refreshDecisionMessage(ctx, store, outcome.old);
    await refreshDecisionMessage(ctx, store, outcome.current);
  } catch (error) {
    ctx.logger.error(`Could not record where decision #${record.number} was posted`, {
      ...logContext(ctx, 'store.markPosted', 'store_failed'),
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/**
 * The stored decision a verdict message shows, with its record's metadata; undefined when none is stored (a
 * verdict from before decisions were kept) or the store cannot be read (logged; the caller recomputes).
 */
export async function recordOfMessage(
  ctx: RequestContext,
  store: Store,
  context: Pick<Context, 'teamId' | 'enterpriseId'>,
  channelId: string,
  messageTs: string,
): Promise<{ record: DecisionRecord; meta: DecisionRecordMeta } | undefined> {
  const workspace = workspaceOf(context);
  if (workspace === undefined) return undefined;
  try {
    const record = await store.findByMessage(workspace, channelId, messageTs);
    return record === undefined ? undefined : { record, meta: await recordMetaOf(store, record) };
  } catch (error) {
    ctx.logger.error('Could not read a stored decision; showing the record recomputed from its answers', {
      user: ctx.userId,
      error: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}
