import type { AddressInfo } from 'node:net';
import { App, LogLevel, type types } from '@slack/bolt';
import { buildDecisionModal } from '../src/slack/blocks/index.ts';

/**
 * The baseline for the ack-path benchmark: a bare Bolt app with the same Bolt version, the same
 * HTTPReceiver and the same Web API client settings as ours, whose command handler acks and opens a
 * one-field modal. Whatever our app costs on top of this is what the benchmark reports.
 * A bench harness, not part of the app: it reads its own environment.
 */

const token = process.env.SLACK_BOT_TOKEN;
const signingSecret = process.env.SLACK_SIGNING_SECRET;
const slackApiUrl = process.env.SLACK_API_URL;
if (token === undefined || signingSecret === undefined || slackApiUrl === undefined) {
  console.error('baseline-app needs SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_API_URL');
  process.exit(1);
}

let ready = false;
const app = new App({
  token,
  signingSecret,
  logLevel: LogLevel.WARN,
  clientOptions: { slackApiUrl, timeout: 3_000 },
  deferInitialization: true,
  customRoutes: [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' });
        res.end(ready ? 'ok' : 'not ready');
      },
    },
  ],
});

const ONE_FIELD_MODAL: types.ModalView = {
  type: 'modal',
  callback_id: 'baseline_modal',
  title: { type: 'plain_text', text: 'Baseline' },
  submit: { type: 'plain_text', text: 'Submit' },
  blocks: [
    {
      type: 'input',
      block_id: 'description',
      label: { type: 'plain_text', text: 'Description' },
      element: { type: 'plain_text_input', action_id: 'description' },
    },
  ],
};
const view =
  process.env.BASELINE_MODAL === 'decision'
    ? buildDecisionModal({ page: 1, values: {}, metadata: { channelId: 'C_BASELINE' } })
    : ONE_FIELD_MODAL;

/**
 * Our decision modal goes pre-encoded as JSON text, the cheapest way through Bolt's client: given the view as
 * an object, @slack/web-api first deep-copies it through its `redact()` for a debug line (about 10% more CPU
 * per command at concurrency 16). The one-field modal goes as an object, as a bare Bolt app would send it.
 */
const encodedView = process.env.BASELINE_MODAL === 'decision' ? JSON.stringify(view) : undefined;

app.command('/rust-or-python', async ({ ack, body, client }) => {
  await ack();
  if (encodedView === undefined) await client.views.open({ trigger_id: body.trigger_id, view });
  else await client.apiCall('views.open', { trigger_id: body.trigger_id, view: encodedView });
});

await app.init();
const server = await app.start(Number(process.env.PORT ?? 0));
ready = true;
console.log(`baseline listening on port ${(server.address() as AddressInfo).port}`);

process.once('SIGTERM', () => {
  app.stop().then(() => process.exit(0));
});
