import { createServer } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_SLACK_IDS, type FakeSlack, startFakeSlack } from '../../src/playground/fake-slack/index.ts';
import type { SlackMessage } from '../../src/slack/blocks/index.ts';
import type { ConversationKind } from '../../src/slack/conversation.ts';
import { deliverRecommendation, type RequestContext } from '../../src/slack/deliver.ts';
import { bindDelivery, createDelivery } from '../../src/slack/posting.ts';
import { quietLogger } from '../helpers/quiet-logger.ts';

/**
 * deliverRecommendation against the fake's Web API, with the context a listener builds: what the user is
 * told when the conversation is one the payload named (a group DM, a private channel), and the delivery
 * policy app.ts binds to its clients.
 */

// One person per test: each delivery spends that person's DM pace.
const { alice: ALICE, bob: BOB, carol: CAROL } = FAKE_SLACK_IDS.users;
const { general: GENERAL, secret: SECRET, groupDm: GROUP_DM, dm: PEOPLE_DM } = FAKE_SLACK_IDS.channels;
const TOKEN = 'xoxb-0000000000-1111111111-deliverTestToken';

const verdict: SlackMessage = {
  text: 'Verdict: Python',
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text: 'Verdict: Python' } },
    {
      type: 'actions',
      elements: [
        { type: 'button', action_id: 'adjust_answers', text: { type: 'plain_text', text: 'Adjust answers' } },
      ],
    },
  ],
};
const replies: SlackMessage[] = ['Why', 'Plan', 'Risks'].map((text) => ({
  text,
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
}));

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack({ signingSecret: 'deliver-test-secret' });
  // Commands are only prepared (for their response_urls), never sent.
  slack.setAppUrl('http://127.0.0.1:9/slack/events');
});
afterAll(async () => {
  await slack.close();
});

function context(userId: string, channelId: string, conversation?: ConversationKind): RequestContext {
  const command = slack.prepareSlashCommand({ userId, channelId });
  const responseUrl = new URLSearchParams(command.body).get('response_url') ?? undefined;
  return {
    client: new webApi.WebClient(TOKEN, { slackApiUrl: slack.apiUrl, logger: quietLogger }),
    logger: quietLogger,
    userId,
    channelId,
    source: 'decision_modal',
    ...(conversation === undefined ? {} : { conversation }),
    ...(responseUrl === undefined ? {} : { responseUrl }),
  };
}

function lastEphemeral(userId: string, channelId: string): string | undefined {
  return slack
    .snapshot(userId)
    .channels.find((c) => c.id === channelId)
    ?.ephemerals.at(-1)?.text;
}

describe('what the user is told, in words for the conversation the payload named', () => {
  it('a group DM: the app is not part of it, and nothing about /invite', async () => {
    await deliverRecommendation(context(CAROL, GROUP_DM, 'mpim'), GROUP_DM, verdict, replies);
    const told = lastEphemeral(CAROL, GROUP_DM);
    expect(told).toMatch(/in that group DM because I am not part of it/);
    expect(told).not.toMatch(/invite/i);
  });

  it('a private channel: invite the app with /invite', async () => {
    await deliverRecommendation(context(ALICE, SECRET, 'private_channel'), SECRET, verdict, replies);
    expect(lastEphemeral(ALICE, SECRET)).toMatch(/not a member there; invite me with \/invite/);
  });

  it('a 1:1 DM, told by its D id alone: nothing about /invite', async () => {
    await deliverRecommendation(context(BOB, PEOPLE_DM), PEOPLE_DM, verdict, replies);
    const told = lastEphemeral(BOB, PEOPLE_DM);
    expect(told).toMatch(/in that direct message because I am not part of conversations between people/);
    expect(told).not.toMatch(/invite/i);
  });
});

describe('the delivery policy app.ts binds to the clients of its requests', () => {
  it('its post timeout decides how soon a post that landed but hung is found, and not posted again', async () => {
    const ctx = context(ALICE, GENERAL);
    bindDelivery(ctx.client, createDelivery({ timeoutMs: 200, retryDelaysMs: [50, 50], channelPace: null }));
    const since = slack.messages(GENERAL).length;
    slack.failAfterLanding('chat.postMessage', { hang: true });
    const started = Date.now();
    await deliverRecommendation(ctx, GENERAL, verdict, replies);
    expect(Date.now() - started).toBeLessThan(2_000);
    const posted = slack.messages(GENERAL).slice(since);
    expect(posted.map((m) => m.text)).toEqual(['Verdict: Python']);
    expect(posted[0]?.replies.map((r) => r.text)).toEqual(['Why', 'Plan', 'Risks']);
  });
});

describe('retries that cannot post twice', () => {
  it('a refused connection (Slack not reachable yet) is retried, and the verdict is posted once', async () => {
    // A port nothing listens on, until the stand-in starts there between two attempts.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const ctx: RequestContext = {
      client: new webApi.WebClient(TOKEN, {
        slackApiUrl: `http://127.0.0.1:${port}/api/`,
        logger: quietLogger,
      }),
      logger: quietLogger,
      userId: ALICE,
      channelId: GENERAL,
      source: 'decision_modal',
    };
    bindDelivery(ctx.client, createDelivery({ retryDelaysMs: [400, 400], channelPace: null }));
    const delivering = deliverRecommendation(ctx, GENERAL, verdict, replies);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const late = await startFakeSlack({ signingSecret: 'late-secret', port });
    try {
      await delivering;
      const posted = late.messages(GENERAL);
      expect(posted.map((m) => m.text)).toEqual(['Verdict: Python']);
      expect(posted[0]?.replies).toHaveLength(3);
    } finally {
      await late.close();
    }
  });
});
