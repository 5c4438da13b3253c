import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { parseAnswers, recommend } from '../../../engine/index.ts';
import type { Answers } from '../../../engine/questions.ts';
import {
  buildDecisionModal,
  buildNotice,
  DECISION_MODAL_CALLBACK_ID,
  decodeModalMetadata,
  modalErrors,
  questionsOnPage,
  readDecisionModalPage,
  readRoundSettings,
} from '../../blocks/index.ts';
import { postNewDecision, workspaceOf } from '../../decisions.ts';
import { type RequestContext, tellUser } from '../../deliver.ts';
import { addView, errorName, openRound } from '../../rounds.ts';
import type { ListenerDeps } from '../deps.ts';
import { describeIssues, viewSubmissionPayload } from '../payloads.ts';
import { carriedResponseUrl } from '../response-url.ts';

const PAGE_ONE_IDS: ReadonlySet<string> = new Set(questionsOnPage(1).map((q) => q.id));

/** Only the answers that page 1 asks, so answers carried from an earlier verdict do not shadow page 1. */
function pageOneAnswers(answers: Partial<Answers>): Partial<Answers> {
  return Object.fromEntries(
    Object.entries(answers).filter(([id]) => PAGE_ONE_IDS.has(id)),
  ) as Partial<Answers>;
}

/**
 * The decision modal's Next (page 1) and Decide (page 2). Page 1 is validated and page 2 pushed over it,
 * carrying its answers in private_metadata, so Slack's Back returns to page 1 as the user left it. Page 2 is
 * validated, the whole modal closes (`clear`: an empty ack would only close page 2), and the verdict is saved as a
 * new decision and posted.
 */
export function decisionModalSubmission(deps: ListenerDeps) {
  return (args: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>) => submitDecision(args, deps);
}

async function submitDecision(
  { ack, body, client, context, logger }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>,
  { store, clock }: ListenerDeps,
): Promise<void> {
  const parsed = viewSubmissionPayload.safeParse(body);
  if (!parsed.success) {
    logger.error(`Malformed ${DECISION_MODAL_CALLBACK_ID} submission: ${describeIssues(parsed.error)}`);
    await ack({ response_action: 'clear' });
    return;
  }
  const { user, view } = parsed.data;
  const stateValues = view.state.values as Parameters<typeof readDecisionModalPage>[0];
  let metadata: ReturnType<typeof decodeModalMetadata>;
  try {
    metadata = decodeModalMetadata(view.private_metadata);
  } catch (error) {
    // We wrote this metadata; failing to read it is our bug, and the user can only start again.
    logger.error(`Unreadable ${DECISION_MODAL_CALLBACK_ID} metadata: ${(error as Error).message}`, {
      user: user.id,
    });
    await ack({ response_action: 'clear' });
    await tellUser(
      { client, logger, userId: user.id, source: DECISION_MODAL_CALLBACK_ID },
      buildNotice('Sorry, I lost track of that form. Please run /rust-or-python again.'),
    );
    return;
  }

  const { page } = metadata;
  const { channelId: pickedChannel, ...read } = readDecisionModalPage(stateValues, page);
  if (page === 1) {
    const answers = pageOneAnswers(read);
    const result = parseAnswers(answers);
    const errors = result.ok ? undefined : modalErrors(result.errors, answers, 1);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    const channelId = metadata.channelId ?? pickedChannel;
    await ack({
      response_action: 'push',
      view: buildDecisionModal({
        page: 2,
        // Answers carried from an earlier verdict (Adjust answers) pre-fill page 2.
        values: { ...metadata.answers, ...answers },
        metadata: {
          ...(channelId === undefined ? {} : { channelId }),
          ...(metadata.replaces === undefined ? {} : { replaces: metadata.replaces }),
          // A round's organiser chose on page 1 who answers and until when; a teammate's view names its round.
          ...(metadata.round === undefined ? {} : { round: readRoundSettings(stateValues) }),
          ...(metadata.roundId === undefined ? {} : { roundId: metadata.roundId }),
          answers,
          ...carriedResponseUrl(metadata),
        },
      }),
    });
    return;
  }

  const ctx: RequestContext = {
    client,
    logger,
    userId: user.id,
    source: DECISION_MODAL_CALLBACK_ID,
    ...(metadata.channelId === undefined ? {} : { channelId: metadata.channelId }),
    ...carriedResponseUrl(metadata),
  };
  const result = parseAnswers({ ...pageOneAnswers(metadata.answers ?? {}), ...read });
  if (!result.ok) {
    const errors = modalErrors(result.errors, read, 2);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    // Page 1's answers were validated before page 2 opened; reaching here means the metadata is stale.
    logger.error('Page 2 submitted with invalid page-1 answers', { user: user.id, errors: result.errors });
    await ack({ response_action: 'clear' });
    await tellUser(
      ctx,
      buildNotice('Sorry, some answers from the first page were lost. Please run /rust-or-python again.'),
    );
    return;
  }
  await ack({ response_action: 'clear' });
  const workspace = workspaceOf(context);
  if (metadata.roundId !== undefined) {
    const roundId = metadata.roundId;
    await addView(ctx, store(), workspace, roundId, result.answers, clock()).catch(async (error: unknown) => {
      logger.error('Could not save a view', { user: user.id, error: errorName(error) });
      await tellUser(
        ctx,
        buildNotice('Sorry, I could not save your view just now. Please press Add my view again.'),
      );
    });
    return;
  }
  if (metadata.channelId === undefined) {
    logger.error('Decision submitted without a channel', { user: user.id });
    await tellUser(
      ctx,
      buildNotice('Sorry, I did not get a channel to post in. Please run /rust-or-python again.'),
    );
    return;
  }
  if (metadata.round !== undefined && metadata.round !== true) {
    await openRound(ctx, store(), {
      workspace,
      channelId: metadata.channelId,
      organiserId: user.id,
      answers: result.answers,
      participants: metadata.round.participants,
      deadlineMs: metadata.round.deadlineMs,
      now: clock(),
    });
    return;
  }
  await postNewDecision(ctx, store(), {
    workspace,
    channelId: metadata.channelId,
    requesterId: user.id,
    recommendation: recommend(result.answers),
    ...(metadata.replaces === undefined ? {} : { replaces: metadata.replaces }),
  });
}
