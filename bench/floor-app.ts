import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { encodeDecisionModalFirstPage } from '../src/slack/blocks/modal.ts';
import { openView } from '../src/slack/views-open.ts';

/**
 * The floor for the ack-path benchmark: no framework, a raw `node:http` server that verifies Slack's signature
 * (HMAC-SHA256 of `v0:timestamp:body`, five minutes of skew either way), acks, and opens the same first page as
 * our app, built from the same template and sent through the same lean views.open. What our app costs on top
 * of this is Bolt and our listener; what this costs is the least any app doing the same work could cost here.
 * A bench harness, not part of the app: it reads its own environment.
 */

const token = process.env.SLACK_BOT_TOKEN;
const signingSecret = process.env.SLACK_SIGNING_SECRET;
const slackApiUrl = process.env.SLACK_API_URL;
if (token === undefined || signingSecret === undefined || slackApiUrl === undefined) {
  console.error('floor-app needs SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_API_URL');
  process.exit(1);
}

// Only its token, API URL and policy are used (by openView); it makes no call itself.
const client = new webApi.WebClient(token, {
  slackApiUrl,
  timeout: 3_000,
  retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 1_000, randomize: false },
});

const MAX_SKEW_SECONDS = 5 * 60;
const BODY_LIMIT_BYTES = 1024 * 1024;

function signedBody(req: IncomingMessage, body: Buffer): boolean {
  const timestamp = req.headers['x-slack-request-timestamp'];
  const signature = req.headers['x-slack-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return false;
  const expected = Buffer.from(
    `v0=${createHmac('sha256', signingSecret ?? '')
      .update(`v0:${timestamp}:`)
      .update(body)
      .digest('hex')}`,
  );
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

let ready = false;
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' });
    res.end(ready ? 'ok' : 'not ready');
    return;
  }
  if (req.method !== 'POST' || req.url !== '/slack/events') {
    res.writeHead(404);
    res.end();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > BODY_LIMIT_BYTES) req.destroy();
    else chunks.push(chunk);
  });
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (!signedBody(req, body)) {
      res.writeHead(401);
      res.end();
      return;
    }
    const command = new URLSearchParams(body.toString('utf8'));
    res.writeHead(200);
    res.end();
    const view = encodeDecisionModalFirstPage({
      description: command.get('text') ?? '',
      metadata: { channelId: command.get('channel_id') ?? 'C_FLOOR' },
    });
    openView(client, command.get('trigger_id') ?? '', view.json).catch((error: unknown) => {
      console.error('views.open failed:', error instanceof Error ? error.message : error);
    });
  });
});

server.listen(Number(process.env.PORT ?? 0), () => {
  ready = true;
  console.log(`floor listening on port ${(server.address() as AddressInfo).port}`);
});

process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
});
