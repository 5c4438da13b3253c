import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_SLACK_IDS, type FakeSlack, startFakeSlack } from '../../../src/playground/fake-slack/index.ts';

/**
 * The fake takes Web API calls with a JSON body as Slack does (the app's views.open sends one): the view as
 * an object, the token only from the Authorization header, never from inside the JSON
 * (docs.slack.dev/changelog/2017-10-keeping-up-with-the-jsons).
 */

const { users } = FAKE_SLACK_IDS;
const TOKEN = 'xoxb-fake-slack-json-token';
const VIEW = {
  type: 'modal',
  callback_id: 'json_modal',
  title: { type: 'plain_text', text: 'JSON body' },
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Hello' } }],
};

let slack: FakeSlack;

beforeAll(async () => {
  slack = await startFakeSlack({ signingSecret: 'json-body-secret' });
});

afterAll(async () => {
  await slack.close();
});

async function viewsOpen(headers: Record<string, string>, body: string) {
  const response = await fetch(`${slack.apiUrl}views.open`, { method: 'POST', headers, body });
  return (await response.json()) as {
    ok: boolean;
    error?: string;
    view?: { id: string; callback_id: string };
  };
}

describe('a JSON-bodied views.open', () => {
  it('opens the modal given as an object, with the bearer token in the header', async () => {
    const answer = await viewsOpen(
      { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${TOKEN}` },
      JSON.stringify({ trigger_id: slack.issueTriggerId(users.alice), view: VIEW }),
    );
    expect(answer).toMatchObject({ ok: true, view: { callback_id: 'json_modal' } });
    expect(slack.snapshot(users.alice).modalStack.at(-1)?.view.callback_id).toBe('json_modal');
  });

  it('is not_authed when the token is inside the JSON body: Slack reads it only from the header', async () => {
    const answer = await viewsOpen(
      { 'content-type': 'application/json' },
      JSON.stringify({ token: TOKEN, trigger_id: slack.issueTriggerId(users.bob), view: VIEW }),
    );
    expect(answer).toEqual({ ok: false, error: 'not_authed' });
  });

  it('still takes a token argument in a form body', async () => {
    const form = new URLSearchParams({
      token: TOKEN,
      trigger_id: slack.issueTriggerId(users.bob),
      view: JSON.stringify(VIEW),
    });
    const answer = await viewsOpen({ 'content-type': 'application/x-www-form-urlencoded' }, form.toString());
    expect(answer.ok).toBe(true);
  });
});
