import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { DecisionRecord } from '../../../store/types.ts';
import { buildHomeView } from '../../blocks/index.ts';
import { workspaceOf } from '../../decisions.ts';
import { publishHome } from '../../deliver.ts';
import type { ListenerDeps } from '../deps.ts';
import { appHomeOpenedEvent, describeIssues } from '../payloads.ts';

/** How many of a person's own decisions the Home tab lists. */
export const HOME_DECISIONS = 10;

/**
 * Publishes the Home tab each time a user opens it: the decisions they asked for (theirs only, so nothing
 * from a channel they cannot see), above the Start button.
 */
export function appHomeOpened({ store }: ListenerDeps) {
  return (args: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>) =>
    publishHomeTab(args, store);
}

async function publishHomeTab(
  { event, client, context, logger }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>,
  store: ListenerDeps['store'],
): Promise<void> {
  const parsed = appHomeOpenedEvent.safeParse(event);
  if (!parsed.success) {
    logger.error(`Malformed app_home_opened event: ${describeIssues(parsed.error)}`);
    return;
  }
  // The Messages tab fires this event too; only the Home tab shows our view.
  if (parsed.data.tab !== 'home') return;
  const userId = parsed.data.user;
  const workspace = workspaceOf(context);
  let decisions: DecisionRecord[] | undefined;
  try {
    decisions =
      workspace === undefined ? [] : await store().listByRequester(workspace, userId, HOME_DECISIONS);
  } catch (error) {
    // The tab still opens, with its Start button; the list is left out rather than shown empty.
    logger.error('Could not read the decisions for the Home tab', {
      user: userId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
  await publishHome({ client, logger, userId, source: 'app_home_opened' }, buildHomeView(decisions));
}
