import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { FAKE_SLACK_IDS, type FakeSlack } from './fake-slack/index.ts';
import type { Dispatch } from './fake-slack/types.ts';

/** The one slash command the app answers; anything else typed with a slash is explained, not sent. */
export const PLAYGROUND_COMMAND = '/rust-or-python';

const PUBLIC_DIR = new URL('./public/', import.meta.url);
/** The manifest the app is installed from: what Slack's client offers people comes from it. */
const MANIFEST = new URL('../../manifests/manifest.json', import.meta.url);
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/**
 * No inline script and nothing from other origins: even if some message text reached the DOM as HTML,
 * the browser would refuse to run it.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const MAX_ACTION_BYTES = 256 * 1024;
const HEARTBEAT_MS = 15_000;

/** The fake workspace's people, whom the page can act as (several tabs as several people at once). */
const PLAYGROUND_PEOPLE: readonly { id: string; name: string }[] = Object.entries(FAKE_SLACK_IDS.users).map(
  ([name, id]) => ({ id, name }),
);

const peopleList = PLAYGROUND_PEOPLE.map((p) => `${p.name} (${p.id})`).join(', ');
/** The `user` query parameter of /events and /actions/*: who is acting; the default person when absent. */
const personSchema = z.enum(PLAYGROUND_PEOPLE.map((p) => p.id) as [string, ...string[]], {
  error: (issue) =>
    `No one in the playground's workspace has the id ${JSON.stringify(String(issue.input).slice(0, 40))}; the page can act as ${peopleList}.`,
});

/** What the page gets from /people.json: whom it can act as, and whom it acts as unless told otherwise. */
interface PlaygroundPeople {
  people: { id: string; name: string }[];
  defaultUserId: string;
}

const inputValue = z.union([z.string(), z.array(z.string()), z.boolean(), z.null()]);
const ACTIONS = {
  message: z.object({ channelId: z.string().min(1), text: z.string().min(1).max(4000) }),
  submit: z.object({ viewId: z.string().min(1), inputs: z.record(z.string(), inputValue) }),
  close: z.object({ viewId: z.string().min(1), all: z.boolean().optional() }),
  click: z.object({
    actionId: z.string().min(1),
    channelId: z.string().min(1).optional(),
    messageTs: z.string().min(1).optional(),
    viewId: z.string().min(1).optional(),
  }),
  home: z.object({}),
  shortcut: z.object({ callbackId: z.string().min(1) }),
} as const;
type ActionName = keyof typeof ACTIONS;

/** What the page gets back: whether the app took it, and a sentence to show when there is one. */
interface ActionResult {
  ok: boolean;
  message?: string;
  notice?: string;
}

const manifestSchema = z.object({
  features: z.object({
    app_home: z
      .object({
        messages_tab_enabled: z.boolean().optional(),
        messages_tab_read_only_enabled: z.boolean().optional(),
      })
      .optional(),
    shortcuts: z
      .array(
        z.object({ name: z.string(), type: z.string(), callback_id: z.string(), description: z.string() }),
      )
      .optional(),
  }),
});

/** What Slack's client shows of the app's manifest, served to the page as /app.json. */
export interface ClientAppConfig {
  /** Global shortcuts, in the composer's shortcuts menu. */
  shortcuts: { name: string; callbackId: string; description: string }[];
  /** The App Home's Messages tab: shown at all, and whether people may write in it. */
  messagesTab: { enabled: boolean; readOnly: boolean };
}

/**
 * A permalink's path, as Slack shapes it: `/archives/C…/p` and the message ts without its dot (six digits of
 * microseconds); `?thread_ts=…` when the message is a thread reply.
 */
const PERMALINK_PATH = /^\/archives\/([A-Z0-9]{1,32})\/p(\d{1,12})(\d{6})$/;
const TS = /^\d{1,12}\.\d{6}$/;

/** Where a permalink opens in the page: a fragment naming the conversation, the message and its thread. */
function permalinkTarget(url: URL): string | undefined {
  const match = PERMALINK_PATH.exec(url.pathname);
  if (!match) return undefined;
  const [, channel = '', seconds = '', micros = ''] = match;
  const target = new URLSearchParams({ channel, ts: `${seconds}.${micros}` });
  const threadTs = url.searchParams.get('thread_ts');
  if (threadTs !== null && TS.test(threadTs)) target.set('thread', threadTs);
  return `/#${target}`;
}

async function readClientAppConfig(): Promise<ClientAppConfig> {
  const { features } = manifestSchema.parse(JSON.parse(await readFile(MANIFEST, 'utf8')));
  return {
    shortcuts: (features.shortcuts ?? [])
      .filter((shortcut) => shortcut.type === 'global')
      .map((shortcut) => ({
        name: shortcut.name,
        callbackId: shortcut.callback_id,
        description: shortcut.description,
      })),
    messagesTab: {
      enabled: features.app_home?.messages_tab_enabled === true,
      readOnly: features.app_home?.messages_tab_read_only_enabled === true,
    },
  };
}

export interface PlaygroundServerOptions {
  fake: FakeSlack;
  /** Whom the page acts as when a request names nobody (`?user=`): one of PLAYGROUND_PEOPLE. */
  userId: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
}

export interface PlaygroundServer {
  url: string;
  close(): Promise<void>;
}

function describeDispatch(dispatch: Dispatch): ActionResult {
  if (dispatch.outcome === 'timed_out') {
    return {
      ok: false,
      message: 'The app did not answer within 3 seconds; Slack would show "operation_timeout".',
    };
  }
  if (dispatch.outcome === 'answered' && (dispatch.status < 200 || dispatch.status >= 300)) {
    return { ok: false, message: `The app answered HTTP ${dispatch.status}; Slack would show an error.` };
  }
  return { ok: true };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_ACTION_BYTES) throw new RequestError(413, 'The request body is larger than 256 KB.');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new RequestError(400, 'The request body is not valid JSON.');
  }
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Serves the page, its live snapshot (server-sent events) and the page's actions. */
export async function startPlaygroundServer(options: PlaygroundServerOptions): Promise<PlaygroundServer> {
  const { fake } = options;
  const defaultUserId = personSchema.parse(options.userId);
  /** The acting person a request names in `?user=`, else the default one; anyone else is refused. */
  const actingPerson = (url: URL): string => {
    const named = url.searchParams.get('user');
    if (named === null) return defaultUserId;
    const parsed = personSchema.safeParse(named);
    if (!parsed.success) throw new RequestError(400, parsed.error.issues[0]?.message ?? 'Unknown person.');
    return parsed.data;
  };
  const assets = new Set(
    (await readdir(PUBLIC_DIR)).filter((name) =>
      Object.keys(CONTENT_TYPES).some((ext) => name.endsWith(ext)),
    ),
  );
  /** Each open stream and the person it shows: everyone sees their own modals, ephemerals and DMs. */
  const streams = new Map<ServerResponse, string>();
  const appConfig = await readClientAppConfig();
  const people: PlaygroundPeople = { people: [...PLAYGROUND_PEOPLE], defaultUserId };

  const snapshotEvent = (userId: string) => `data: ${JSON.stringify(fake.snapshot(userId))}\n\n`;
  // Several state changes in one tick (post + thread replies) become one event.
  let pending = false;
  const stopWatching = fake.onChange(() => {
    if (pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      const events = new Map<string, string>();
      for (const [stream, userId] of streams) {
        let event = events.get(userId);
        if (event === undefined) {
          event = snapshotEvent(userId);
          events.set(userId, event);
        }
        stream.write(event);
      }
    });
  });
  const heartbeat = setInterval(() => {
    for (const stream of streams.keys()) stream.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  async function runAction(name: ActionName, body: unknown, userId: string): Promise<ActionResult> {
    const parsed = ACTIONS[name].safeParse(body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
      throw new RequestError(400, `The ${name} action is not valid: ${problems.join('; ')}`);
    }
    const data = parsed.data;
    switch (name) {
      case 'message': {
        const { channelId, text } = data as z.infer<typeof ACTIONS.message>;
        const [command = '', ...rest] = text.split(/\s+/);
        if (command !== PLAYGROUND_COMMAND) {
          const what = text.startsWith('/')
            ? `${command} is not a command here`
            : 'Plain messages go nowhere here';
          return {
            ok: true,
            notice: `${what}: the playground sends only ${PLAYGROUND_COMMAND} [text] to the app.`,
          };
        }
        return describeDispatch(await fake.slashCommand({ userId, channelId, text: rest.join(' ') }));
      }
      case 'submit': {
        const { viewId, inputs } = data as z.infer<typeof ACTIONS.submit>;
        const dispatch = await fake.submitView({ userId, viewId, inputs });
        if (dispatch.outcome === 'not_sent') {
          return {
            ok: false,
            message: 'Some required fields are empty, so Slack would not send the form yet.',
          };
        }
        return describeDispatch(dispatch);
      }
      case 'close': {
        const { viewId, all } = data as z.infer<typeof ACTIONS.close>;
        return describeDispatch(
          await fake.closeView({ userId, viewId, ...(all === undefined ? {} : { all }) }),
        );
      }
      case 'click': {
        const click = data as z.infer<typeof ACTIONS.click>;
        return describeDispatch(await fake.clickButton({ userId, ...click }));
      }
      case 'home':
        return describeDispatch(await fake.openHome(userId));
      case 'shortcut': {
        const { callbackId } = data as z.infer<typeof ACTIONS.shortcut>;
        // Slack's client only offers the shortcuts the manifest declares.
        if (!appConfig.shortcuts.some((shortcut) => shortcut.callbackId === callbackId)) {
          throw new RequestError(400, `The manifest has no global shortcut "${callbackId}".`);
        }
        return describeDispatch(await fake.globalShortcut({ userId, callbackId }));
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://playground.invalid');
    const path = url.pathname;
    if (req.method === 'GET' && path === '/events') {
      const userId = actingPerson(url);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(snapshotEvent(userId));
      streams.set(res, userId);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (req.method === 'GET' && path === '/app.json') {
      sendJson(res, 200, appConfig);
      return;
    }
    if (req.method === 'GET' && path === '/people.json') {
      sendJson(res, 200, people);
      return;
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && path.startsWith('/archives/')) {
      const target = permalinkTarget(url);
      if (target === undefined) throw new RequestError(404, `${path} is not a message's permalink.`);
      res.writeHead(302, { ...SECURITY_HEADERS, location: target });
      res.end();
      return;
    }
    if (req.method === 'POST' && path.startsWith('/actions/')) {
      const name = path.slice('/actions/'.length);
      if (!Object.hasOwn(ACTIONS, name)) throw new RequestError(404, `There is no action called "${name}".`);
      const userId = actingPerson(url);
      // JSON only: a cross-site HTML form cannot send it without a CORS preflight, which we never allow.
      if (!req.headers['content-type']?.startsWith('application/json')) {
        throw new RequestError(415, 'Actions take a JSON body (content-type: application/json).');
      }
      const result = await runAction(name as ActionName, await readJson(req), userId);
      sendJson(res, 200, result);
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const asset = path === '/' ? 'index.html' : path.slice(1);
      if (assets.has(asset)) {
        const ext = asset.slice(asset.lastIndexOf('.'));
        const body = await readFile(new URL(asset, PUBLIC_DIR));
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
          'cache-control': 'no-cache',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
    }
    throw new RequestError(404, `Nothing at ${req.method} ${path}.`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.end();
        return;
      }
      const status = error instanceof RequestError ? error.status : 500;
      const message = error instanceof Error ? error.message : 'Something went wrong in the playground.';
      sendJson(res, status, { ok: false, message });
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}/`;
  // The fake's permalinks, opened in a browser, come here.
  fake.setClientUrl(url);

  return {
    url,
    async close() {
      if (fake.clientUrl === url) fake.setClientUrl('');
      stopWatching();
      clearInterval(heartbeat);
      for (const stream of streams.keys()) stream.end();
      streams.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
