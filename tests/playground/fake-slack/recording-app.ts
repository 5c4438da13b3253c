import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySlackRequest } from '@slack/bolt';

/** A request the fake sent, its signature checked, its body decoded (JSON, or a form with a JSON `payload`). */
export interface Received {
  headers: IncomingHttpHeaders;
  /** A slash command's fields, an interaction's payload, or an event envelope. */
  body: Record<string, unknown>;
}

export interface RecordingApp {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/**
 * Stands in for an app at the HTTP level: answers 200 to every request whose Slack signature verifies (401
 * otherwise) and keeps what came, so tests read the payloads exactly as sent.
 */
export async function startRecordingApp(signingSecret: string): Promise<RecordingApp> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      try {
        verifySlackRequest({
          signingSecret,
          body: raw,
          headers: {
            'x-slack-signature': String(req.headers['x-slack-signature']),
            'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
          },
        });
      } catch {
        res.writeHead(401).end();
        return;
      }
      const form = new URLSearchParams(raw);
      const payload = form.get('payload');
      const body =
        req.headers['content-type'] === 'application/json'
          ? (JSON.parse(raw) as Record<string, unknown>)
          : payload !== null
            ? (JSON.parse(payload) as Record<string, unknown>)
            : Object.fromEntries(form);
      received.push({ headers: req.headers, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    received,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
