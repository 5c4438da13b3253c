import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A local stand-in for Slack's Socket Mode side, after node-slack-sdk's socket-mode integration tests
 * (packages/socket-mode/test/integrations/integration.test.js): a Web API answering auth.test,
 * apps.connections.open (handing out a ws:// URL on the same server) and recording every other call, plus a
 * WebSocket endpoint that says hello, sends envelopes and collects the acks.
 *
 * Like Slack, it also ends connections: a `disconnect` message, then the socket closed if the app does not
 * close it itself, and apps.connections.open can fail for a while (Slack answers 5xx while it is degraded).
 */

export interface RecordedCall {
  method: string;
  args: Record<string, string>;
  authorization: string | undefined;
  /** The HTTP status the server answered with. */
  status: number;
}

/**
 * Why Slack ends a Socket Mode connection (https://docs.slack.dev/apis/events-api/using-socket-mode):
 * `warning` about 10 s before a connection is recycled, `refresh_requested` when Slack wants a new one now,
 * `too_many_websockets` past the 10 connections an app may hold, `link_disabled` when Socket Mode has been
 * turned off in the app's settings.
 */
export type DisconnectReason = 'warning' | 'refresh_requested' | 'too_many_websockets' | 'link_disabled';

export interface SocketModeSlack {
  apiUrl: string;
  calls: RecordedCall[];
  /** Resolves when the app has opened its first WebSocket and received `hello`. */
  connected: Promise<void>;
  /** How many WebSockets the app has opened so far. */
  readonly connectionCount: number;
  /** Resolves when the app has opened its `count`-th WebSocket (1 is the first); rejects after `timeoutMs`. */
  waitForConnection(count: number, timeoutMs?: number): Promise<void>;
  /** Sends one envelope on the newest connection and resolves with the app's ack (`{ envelope_id, payload? }`). */
  sendEnvelope(type: 'slash_commands' | 'interactive' | 'events_api', payload: unknown): Promise<unknown>;
  /**
   * Sends a `disconnect` on the newest connection, shaped like python-slack-sdk's fixture
   * (tests/slack_sdk/socket_mode/mock_socket_mode_server.py). Resolves when that connection has closed:
   * by the app, or by the server `closeAfterMs` later, as Slack closes it whether or not the app does.
   */
  sendDisconnect(reason: DisconnectReason, closeAfterMs?: number): Promise<void>;
  /** The next apps.connections.open, and every one in the `forMs` after it, answers HTTP `status`. */
  failConnectionsOpen(forMs: number, status?: number): void;
  /** Resolves when the app closes its first WebSocket. */
  disconnected: Promise<void>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const APP_ID = 'A_SOCKET';

export async function startSocketModeSlack(): Promise<SocketModeSlack> {
  const calls: RecordedCall[] = [];
  let outage: { forMs: number; status: number; since?: number } | undefined;
  const failingConnectionsOpen = (): number | undefined => {
    if (outage === undefined) return undefined;
    outage.since ??= Date.now();
    if (Date.now() - outage.since <= outage.forMs) return outage.status;
    outage = undefined;
    return undefined;
  };

  const server = createServer(async (req, res) => {
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    const raw = await readBody(req);
    // Slack takes a JSON body as well as a form (the app's views.open sends JSON); recorded as a form would
    // carry them, objects (a view) as JSON text.
    const args: Record<string, string> = (req.headers['content-type'] ?? '').startsWith('application/json')
      ? Object.fromEntries(
          Object.entries(JSON.parse(raw) as Record<string, unknown>).map(([name, value]) => [
            name,
            typeof value === 'string' ? value : JSON.stringify(value),
          ]),
        )
      : Object.fromEntries(new URLSearchParams(raw));
    const failure = method === 'apps.connections.open' ? failingConnectionsOpen() : undefined;
    calls.push({ method, args, authorization: req.headers.authorization, status: failure ?? 200 });
    if (failure !== undefined) {
      res.writeHead(failure, { 'content-type': 'text/plain' });
      res.end('upstream unavailable');
      return;
    }
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

  const sockets: WebSocket[] = [];
  const connectionWaiters = new Set<() => void>();
  let envelopeCount = 0;
  let firstConnection: (ws: WebSocket) => void = () => {};
  const first = new Promise<WebSocket>((resolve) => {
    firstConnection = resolve;
  });
  wss.on('connection', (ws) => {
    sockets.push(ws);
    // As a python-slack-sdk hello fixture, with this server's numbers.
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'local', build_number: 1, approximate_connection_time: 3600 },
        connection_info: { app_id: APP_ID },
      }),
    );
    if (sockets.length === 1) firstConnection(ws);
    for (const wake of connectionWaiters) wake();
  });

  const newest = async (): Promise<WebSocket> => {
    await first;
    const ws = sockets.at(-1);
    if (ws === undefined) throw new Error('no Socket Mode connection');
    return ws;
  };

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    connected: first.then(() => undefined),
    get connectionCount() {
      return sockets.length;
    },
    waitForConnection(count, timeoutMs = 20_000) {
      return new Promise<void>((resolve, reject) => {
        const wake = () => {
          if (sockets.length < count) return;
          clearTimeout(timer);
          connectionWaiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(() => {
          connectionWaiters.delete(wake);
          reject(
            new Error(`the app opened ${sockets.length} connection(s), not ${count}, in ${timeoutMs} ms`),
          );
        }, timeoutMs);
        connectionWaiters.add(wake);
        wake();
      });
    },
    disconnected: first.then((ws) => once(ws, 'close').then(() => undefined)),
    async sendEnvelope(type, payload) {
      const ws = await newest();
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
    async sendDisconnect(reason, closeAfterMs = 1_000) {
      const ws = await newest();
      const closed = once(ws, 'close').then(() => undefined);
      ws.send(
        JSON.stringify({
          type: 'disconnect',
          reason,
          num_connections: 1,
          debug_info: { host: 'local' },
          connection_info: { app_id: APP_ID },
        }),
      );
      const timer = setTimeout(() => ws.close(1000), closeAfterMs);
      await closed;
      clearTimeout(timer);
    },
    failConnectionsOpen(forMs, status = 503) {
      outage = { forMs, status };
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
