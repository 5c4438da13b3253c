import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { classifySlackError } from '../../src/slack/failures.ts';
import { openView, policyOf } from '../../src/slack/views-open.ts';

/**
 * The lean views.open against a tiny Slack stand-in whose every answer the test scripts: the request it
 * sends, how it reuses connections, and what it does when Slack fails, times out or rate-limits.
 */

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  socket: Socket;
}

type Answer = (res: ServerResponse, req: IncomingMessage) => void;

const ok: Answer = (res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ ok: true, view: { id: 'V0001' } }));
};

let server: Server;
let apiUrl: string;
let received: Received[] = [];
let answers: Answer[] = [];
const connections = new Set<Socket>();
let connectionCount = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        socket: req.socket,
      });
      (answers.shift() ?? ok)(res, req);
    });
  });
  server.on('connection', (socket) => {
    connectionCount += 1;
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});

afterEach(() => {
  received = [];
  answers = [];
});

afterAll(async () => {
  for (const socket of connections) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const TOKEN = 'xoxb-0000000000-1111111111-leanViewsOpenToken';
const VIEW = { type: 'modal', title: { type: 'plain_text', text: 'R&D "fast" 🦀' }, blocks: [] };

/** A client as app.ts builds Bolt's: the policy the lean call must keep, with short waits for the test. */
function client(options: { timeout?: number; retries?: number; teamId?: string } = {}) {
  return new webApi.WebClient(TOKEN, {
    slackApiUrl: apiUrl,
    timeout: options.timeout ?? 1_000,
    retryConfig: {
      retries: options.retries ?? 2,
      factor: 2,
      minTimeout: 20,
      maxTimeout: 40,
      randomize: false,
    },
    ...(options.teamId === undefined ? {} : { teamId: options.teamId }),
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

const status =
  (code: number, headers: Record<string, string> = {}): Answer =>
  (res) => {
    res.writeHead(code, { 'content-type': 'text/plain', ...headers });
    res.end('trouble');
  };
const dropConnection: Answer = (res) => res.socket?.destroy();
const hang: Answer = () => {};

describe('the request', () => {
  it('is a JSON body with the view as sent, the trigger_id, and the workspace token as a bearer token', async () => {
    await openView(client(), 'T-123.456', JSON.stringify(VIEW));
    const [request] = received;
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(request?.body ?? '')).toEqual({ trigger_id: 'T-123.456', view: VIEW });
    expect(Number(request?.headers['content-length'])).toBe(Buffer.byteLength(request?.body ?? ''));
  });

  it('carries team_id for a client of an org-wide install, as the WebClient adds it', async () => {
    await openView(client({ teamId: 'T0WORKSPACE' }), 'T-1', '{}');
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({
      trigger_id: 'T-1',
      team_id: 'T0WORKSPACE',
      view: {},
    });
  });

  it('takes the token of the client it is given: each workspace its own', async () => {
    const other = new webApi.WebClient('xoxb-2222-other-workspace', { slackApiUrl: apiUrl });
    await openView(other, 'T-2', '{}');
    expect(received[0]?.headers.authorization).toBe('Bearer xoxb-2222-other-workspace');
  });

  it('reuses one kept-alive connection for calls one after another', async () => {
    const before = connectionCount;
    for (let i = 0; i < 5; i += 1) await openView(client(), `T-${i}`, '{}');
    expect(new Set(received.map((r) => r.socket)).size).toBe(1);
    expect(connectionCount - before).toBeLessThanOrEqual(1);
  });

  it('arms no timer per call (no AbortSignal.timeout) and leaves none behind once answered', async () => {
    await openView(client(), 'T-warm', '{}');
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const perCall = vi.spyOn(AbortSignal, 'timeout');
    const pending = Promise.all([1, 2, 3, 4].map((i) => openView(client(), `T-${i}`, '{}')));
    // One shared deadline sweeper while calls are in flight, whatever their number.
    expect(timers()).toBe(before + 1);
    await pending;
    expect(perCall).not.toHaveBeenCalled();
    perCall.mockRestore();
    expect(timers()).toBe(before);
  });
});

describe('the same policy and the same errors as the Web API client', () => {
  it('retries a 5xx twice, then succeeds', async () => {
    answers = [status(503), status(500)];
    await openView(client(), 'T-1', '{}');
    expect(received).toHaveLength(3);
  });

  it('after three 5xx, throws a WebAPIHTTPError that deliver.ts reads as http_500', async () => {
    answers = [status(500), status(500), status(500)];
    const error = await failure(openView(client(), 'T-1', '{}'));
    expect(error).toBeInstanceOf(webApi.WebAPIHTTPError);
    expect(classifySlackError(error)).toEqual({ kind: 'transient', code: 'http_500' });
    expect(received).toHaveLength(3);
  });

  it('does not retry a 4xx other than 429: it will not heal', async () => {
    answers = [status(400)];
    const error = await failure(openView(client(), 'T-1', '{}'));
    expect(classifySlackError(error).code).toBe('http_400');
    expect(received).toHaveLength(1);
  });

  it('retries a dropped connection; when every attempt drops, a WebAPIRequestError (request_failed)', async () => {
    answers = [dropConnection];
    await openView(client(), 'T-1', '{}');
    expect(received).toHaveLength(2);
    received = [];
    answers = [dropConnection, dropConnection, dropConnection];
    const error = await failure(openView(client(), 'T-2', '{}'));
    expect(error).toBeInstanceOf(webApi.WebAPIRequestError);
    expect(classifySlackError(error)).toEqual({ kind: 'transient', code: 'request_failed' });
    expect(received).toHaveLength(3);
  });

  it('waits out a 429’s Retry-After, then tries again', async () => {
    answers = [status(429, { 'retry-after': '1' })];
    const started = performance.now();
    await openView(client(), 'T-1', '{}');
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(received).toHaveLength(2);
  });

  it('a 429 on every attempt ends as a rate limit (ratelimited)', async () => {
    answers = [status(429, { 'retry-after': '0' }), status(429, { 'retry-after': '0' })];
    const error = await failure(openView(client({ retries: 1 }), 'T-1', '{}'));
    expect(error).toBeInstanceOf(webApi.WebAPIRateLimitedError);
    expect(classifySlackError(error).code).toBe('ratelimited');
  });

  it('gives up on an attempt after the timeout, as request_timeout, and retries it', async () => {
    answers = [hang, hang];
    const started = performance.now();
    const error = await failure(openView(client({ timeout: 200, retries: 1 }), 'T-1', '{}'));
    const took = performance.now() - started;
    expect(error).toBeInstanceOf(webApi.WebAPIRequestError);
    expect(classifySlackError(error)).toEqual({ kind: 'transient', code: 'request_timeout' });
    expect(received).toHaveLength(2);
    // Two attempts of 200 ms and the 20 ms between them; deadlines are kept to 50 ms.
    expect(took).toBeGreaterThanOrEqual(400);
    expect(took).toBeLessThan(1_000);
  });

  it('Slack’s ok: false is a WebAPIPlatformError with its code, not retried', async () => {
    answers = [
      (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: 'expired_trigger_id' }));
      },
    ];
    const error = await failure(openView(client(), 'T-1', '{}'));
    expect(error).toBeInstanceOf(webApi.WebAPIPlatformError);
    expect(classifySlackError(error)).toEqual({ kind: 'trigger', code: 'expired_trigger_id' });
    expect(received).toHaveLength(1);
  });

  it('an ok: true that Slack does not put first is still read as success', async () => {
    answers = [
      (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ view: { id: 'V1' }, ok: true }));
      },
    ];
    await openView(client(), 'T-1', '{}');
  });
});

describe('policyOf', () => {
  it('reads the timeout and retries of the installed @slack/web-api’s WebClient (fields it keeps privately)', () => {
    expect(policyOf(client({ timeout: 1_234, retries: 2 }))).toEqual({
      timeoutMs: 1_234,
      retries: 2,
      minTimeoutMs: 20,
      maxTimeoutMs: 40,
      factor: 2,
    });
  });
});
