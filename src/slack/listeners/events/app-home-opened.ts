import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { buildHomeView } from '../../blocks/index.ts';
import { publishHome } from '../../deliver.ts';
import { appHomeOpenedEvent, describeIssues } from '../payloads.ts';

/** Publishes the Home tab each time a user opens it (the view is static, so this is cheap). */
export async function appHomeOpened({
  event,
  client,
  logger,
}: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> {
  const parsed = appHomeOpenedEvent.safeParse(event);
  if (!parsed.success) {
    logger.error(`Malformed app_home_opened event: ${describeIssues(parsed.error)}`);
    return;
  }
  // The Messages tab fires this event too; only the Home tab shows our view.
  if (parsed.data.tab !== 'home') return;
  await publishHome({ client, logger, userId: parsed.data.user, source: 'app_home_opened' }, buildHomeView());
}
