import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A local stand-in for Slack's Socket Mode side, after node-slack-sdk's socket-mode integration tests: a Web
 * API answering auth.test, apps.connections.open (handing out a ws:// URL on the same server) and recording
 * every other call, plus a WebSocket endpoint that says hello, sends envelopes and collects the acks.
 */

export interface RecordedCall {
  method: string;
  args: Record<string, string>;
  authorization: string | undefined;
}

export interface SocketModeSlack {
  apiUrl: string;
  calls: RecordedCall[];
  /** Resolves when the app has opened the WebSocket and received `hello`. */
  connected: Promise<void>;
  /** Sends one envelope and resolves with the app's ack message (`{ envelope_id, payload? }`). */
  sendEnvelope(type: 'slash_commands' | 'interactive' | 'events_api', payload: unknown): Promise<unknown>;
  /** Resolves when the app closes its WebSocket. */
  disconnected: Promise<void>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSocketModeSlack(): Promise<SocketModeSlack> {
  const calls: RecordedCall[] = [];
  const server = createServer(async (req, res) => {
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    const args = Object.fromEntries(new URLSearchParams(await readBody(req)));
    calls.push({ method, args, authorization: req.headers.authorization });
    const { port } = server.address() as AddressInfo;
    const answers: Record<string, object> = {
      'auth.test': { user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T_SOCKET' },
      'apps.connections.open': { url: `ws://127.0.0.1:${port}/link/?ticket=local-ticket` },
      'views.open': { view: { id: 'V_SOCKET' } },
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, ...answers[method] }));
  });
  const wss = new WebSocketServer({ server, path: '/link/' });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  let socket: WebSocket | undefined;
  let envelopeCount = 0;
  const connection = new Promise<WebSocket>((resolve) => {
    wss.on('connection', (ws) => {
      socket = ws;
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'local', approximate_connection_time: 3600 },
          connection_info: { app_id: 'A_SOCKET' },
        }),
      );
      resolve(ws);
    });
  });

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    connected: connection.then(() => undefined),
    disconnected: connection.then((ws) => once(ws, 'close').then(() => undefined)),
    async sendEnvelope(type, payload) {
      const ws = await connection;
      envelopeCount += 1;
      const envelopeId = `envelope-${envelopeCount}`;
      const ack = new Promise<unknown>((resolve) => {
        const onMessage = (data: Buffer) => {
          const message = JSON.parse(data.toString('utf8')) as { envelope_id?: string };
          if (message.envelope_id !== envelopeId) return;
          ws.off('message', onMessage);
          resolve(message);
        };
        ws.on('message', onMessage);
      });
      ws.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: true }));
      return ack;
    },
    async close() {
      socket?.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
