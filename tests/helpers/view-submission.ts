import { FAKE_SLACK_IDS, slackRequestHeaders } from '../../src/playground/fake-slack/index.ts';
import { TEST_SIGNING_SECRET } from './test-app.ts';

/**
 * A decision modal's view_submission sent straight to the app, signed as Slack would: for a page whose
 * metadata a test writes itself (where the modal came from, its response_url), or a payload Slack's own
 * client would not produce.
 */
export async function submitDecisionView(
  appUrl: string,
  userId: string,
  privateMetadata: string,
  values: Record<string, unknown> = {},
): Promise<{ status: number; body: string }> {
  const payload = {
    type: 'view_submission',
    user: { id: userId },
    team: { id: FAKE_SLACK_IDS.team },
    api_app_id: FAKE_SLACK_IDS.appId,
    trigger_id: '1.2.3',
    view: {
      id: 'V_RAW',
      callback_id: 'decision_modal',
      private_metadata: privateMetadata,
      state: { values },
    },
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const response = await fetch(`${appUrl}/slack/events`, {
    method: 'POST',
    headers: slackRequestHeaders(TEST_SIGNING_SECRET, body, 'application/x-www-form-urlencoded'),
    body,
  });
  return { status: response.status, body: await response.text() };
}
