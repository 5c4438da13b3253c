import { afterAll, describe, expect, it } from 'vitest';
import { FAKE_SLACK_IDS } from '../../src/playground/fake-slack/index.ts';
import { WEB_MVP_ESSENTIALS } from '../helpers/sample-answers.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const { alice: ALICE } = FAKE_SLACK_IDS.users;
const { general: GENERAL } = FAKE_SLACK_IDS.channels;

describe('stopping', () => {
  let t: TestApp | undefined;
  afterAll(async () => {
    await t?.fakeSlack.close();
  });

  it('lets a verdict still being posted finish before stop() resolves, then refuses connections', async () => {
    t = await startTestApp();
    const { fakeSlack, slackApp, appUrl } = t;
    const mark = fakeSlack.calls.length;
    await fakeSlack.slashCommand({ userId: ALICE, channelId: GENERAL });
    await fakeSlack.waitFor((c) => fakeSlack.calls.indexOf(c) >= mark && c.method === 'views.open');
    await fakeSlack.submitView({
      userId: ALICE,
      inputs: WEB_MVP_ESSENTIALS,
    });
    // The first attempt is answered 503 without landing; the app looks for it, does not find it, and posts
    // again: stop() is called while that is still going on.
    fakeSlack.fail('chat.postMessage', { status: 503 });
    await fakeSlack.submitView({ userId: ALICE });
    await fakeSlack.waitFor((c) => fakeSlack.calls.indexOf(c) >= mark && c.error === 'http_503');
    await slackApp.stop();
    const posted = fakeSlack.calls
      .slice(mark)
      .filter((c) => c.method === 'chat.postMessage' && c.ok && c.args.channel === GENERAL);
    expect(posted.length).toBeGreaterThan(0);
    await expect(fetch(`${appUrl}/healthz`)).rejects.toThrow();
  });
});
