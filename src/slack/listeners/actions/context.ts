import type { AllMiddlewareArgs } from '@slack/bolt';
import type { z } from 'zod';
import type { RequestContext } from '../../deliver.ts';
import type { blockActionPayload } from '../payloads.ts';

/** The delivery context of a button click: who clicked, where, and the response_url when Slack gave one. */
export function clickContext(
  { client, logger }: Pick<AllMiddlewareArgs, 'client' | 'logger'>,
  click: z.infer<typeof blockActionPayload>,
  source: string,
): RequestContext {
  return {
    client,
    logger,
    userId: click.user.id,
    source,
    ...(click.channel === undefined ? {} : { channelId: click.channel.id }),
    ...(click.response_url === undefined ? {} : { responseUrl: click.response_url }),
  };
}
