import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Store } from '../../../store/types.ts';
import {
  ADD_MY_VIEW_ACTION_ID,
  buildDecisionModal,
  buildNotice,
  CLOSE_ROUND_ACTION_ID,
  roundViewValues,
} from '../../blocks/index.ts';
import { workspaceOf } from '../../decisions.ts';
import { openModal, tellUser } from '../../deliver.ts';
import { closeRoundByHand, errorName, mayAnswer } from '../../rounds.ts';
import type { ListenerDeps } from '../deps.ts';
import { carryResponseUrl } from '../response-url.ts';
import { ackClick, handleOncePerPress } from './context.ts';
import type { RepeatPresses } from './repeat-presses.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

/** Acks and reads a click on a round's button: its context and the round id the button carries. */
async function readRoundClick(args: Args, actionId: string) {
  const read = await ackClick(args, actionId);
  if (read === undefined) return undefined;
  const { click, ctx } = read;
  const roundId = click.actions[0]?.value;
  if (roundId === undefined || roundId === '') {
    await tellUser(ctx, buildNotice('Sorry, I could not tell which round that button is for.'));
    return undefined;
  }
  return { click, ctx, roundId, workspace: workspaceOf(args.context) };
}

/**
 * "Add my view": the modal for whoever pressed it, pre-filled with their earlier view, or else with the
 * organiser's answers about the project (priorities left empty: they are each person's own). Refused, privately,
 * to someone the organiser did not name, and once the round has closed.
 */
export function addMyView(presses: RepeatPresses, { store }: ListenerDeps) {
  return async function addMyViewClick(args: Args): Promise<void> {
    const read = await readRoundClick(args, ADD_MY_VIEW_ACTION_ID);
    if (read === undefined) return;
    const { ctx, roundId } = read;
    await handleOncePerPress(presses, ctx, roundId, () =>
      openViewForm(store(), read).catch(async (error: unknown) => {
        args.logger.error('Could not open the form for a view', {
          user: ctx.userId,
          error: errorName(error),
        });
        await tellUser(
          ctx,
          buildNotice('Sorry, I could not read that round just now. Please press Add my view again.'),
        );
      }),
    );
  };
}

async function openViewForm(
  store: Store,
  { click, ctx, roundId, workspace }: NonNullable<Awaited<ReturnType<typeof readRoundClick>>>,
): Promise<void> {
  const receivedAt = Date.now();
  const round = workspace === undefined ? undefined : await store.getRound(workspace, roundId);
  if (round === undefined) {
    await tellUser(ctx, buildNotice('I have no record of that round.'));
    return;
  }
  if (round.closedAt !== undefined) {
    await tellUser(ctx, buildNotice('This round has closed: the team’s verdict is on the round message.'));
    return;
  }
  if (!mayAnswer(round, ctx.userId)) {
    await tellUser(
      ctx,
      buildNotice('This round is for the people its organiser named, so it does not take a view from you.'),
    );
    return;
  }
  const views = await store.listViews(round, round.id);
  const own = views.find((v) => v.person === ctx.userId);
  const organiser = views.find((v) => v.person === round.organiserId);
  const values = own?.answers ?? roundViewValues(organiser?.answers ?? {});
  // Page 2 starts from the same answers: they travel with the modal (without the description, shown only).
  const { description: _shown, ...carried } = values;
  await openModal(
    ctx,
    click.trigger_id,
    buildDecisionModal({
      page: 1,
      values: {
        ...values,
        ...(round.description === undefined ? {} : { description: round.description }),
      },
      metadata: {
        channelId: round.message?.channelId ?? round.channelId,
        roundId: round.id,
        answers: carried,
        ...carryResponseUrl(click.response_url, receivedAt),
      },
    }),
    { doing: 'open the form for your view', retry: 'Please press Add my view again.' },
  );
}

/** "Close round": the organiser's only; the team's verdict then takes the round message's place. */
export function closeRoundButton({ store, clock }: ListenerDeps) {
  return async function closeRoundClick(args: Args): Promise<void> {
    const read = await readRoundClick(args, CLOSE_ROUND_ACTION_ID);
    if (read === undefined) return;
    try {
      await closeRoundByHand(read.ctx, store(), read.workspace, read.roundId, clock());
    } catch (error) {
      args.logger.error('Could not close a round', { user: read.ctx.userId, error: errorName(error) });
      await tellUser(
        read.ctx,
        buildNotice('Sorry, I could not close the round just now. Please try again in a moment.'),
      );
    }
  };
}
