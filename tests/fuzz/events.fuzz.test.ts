import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_SLACK_IDS, signSlackRequest } from '../../src/playground/fake-slack/index.ts';
import { startTestApp, TEST_SIGNING_SECRET, type TestApp } from '../helpers/test-app.ts';

/**
 * Malformed requests to /slack/events, all correctly signed so they get past the signature check and reach
 * Bolt's parsing and our listeners: random bytes, wrong content types, Slack-shaped payloads with fields
 * missing or of the wrong type, absurd lengths, deep nesting, unicode. Each must be answered with a 4xx or
 * a handled 2xx; nothing may crash the process or leak an unhandled rejection; /healthz stays 200.
 *
 * Payloads that no listener acks are answered by Bolt after its 3 s unhandled-request timeout (404), so the
 * requests go in concurrent batches: 4 batches of 500 = 2,000 requests in about 20 s.
 */

const BATCH = 500;
const BATCHES = 4;

interface FuzzRequest {
  label: string;
  contentType: string | undefined;
  body: Uint8Array;
}

const { alice: ALICE } = FAKE_SLACK_IDS.users;
const { general: GENERAL } = FAKE_SLACK_IDS.channels;

const utf8 = (text: string) => new TextEncoder().encode(text);
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** Anything at all in a JSON position: wrong types, unicode, and now and then something huge. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 50 }) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(100_000)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000 }).map((depth) => deepArray(depth)) },
);

function deepArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

/** A Slack-shaped object where each field is either plausible or junk, or left out. */
function shaped(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(fields).map(([key, plausible]) => [
    key,
    fc.option(fc.oneof(plausible, junk), { nil: undefined }),
  ]);
  return fc.record(Object.fromEntries(entries)) as fc.Arbitrary<Record<string, unknown>>;
}

const user = shaped({ id: fc.constant(ALICE), name: fc.constant('alice'), team_id: fc.constant('T1') });
const view = shaped({
  id: fc.constant('V1'),
  callback_id: fc.constantFrom('decision_modal', 'other'),
  private_metadata: fc.oneof(fc.constant('{"channelId":"C1"}'), fc.string()),
  hash: fc.string(),
  state: shaped({
    values: fc.dictionary(
      fc.constantFrom('workload', 'stage', 'latency', 'priorities', 'description'),
      fc.dictionary(fc.string({ maxLength: 12 }), junk, { maxKeys: 2 }),
      { maxKeys: 5 },
    ),
  }),
  blocks: fc.array(junk, { maxLength: 3 }),
});
const action = shaped({
  action_id: fc.constantFrom('adjust_answers', 'decision_record', 'start_decision', 'nope'),
  value: fc.oneof(fc.constant('{"workload":"web-backend"}'), fc.string({ unit: 'grapheme' })),
  type: fc.constant('button'),
});
const interaction = shaped({
  type: fc.constantFrom('view_submission', 'view_closed', 'block_actions', 'shortcut', 'block_suggestion'),
  user,
  team: shaped({ id: fc.constant('T1') }),
  api_app_id: fc.constant('A1'),
  trigger_id: fc.string({ maxLength: 20 }),
  callback_id: fc.constantFrom('rust_or_python', 'other'),
  view,
  actions: fc.array(action, { maxLength: 2 }),
  channel: shaped({ id: fc.constant(GENERAL) }),
  container: shaped({ type: fc.constant('message'), message_ts: fc.constant('1.2') }),
  message: shaped({ ts: fc.constant('1.2'), text: fc.string() }),
});
const eventCallback = shaped({
  type: fc.constantFrom('event_callback', 'url_verification', 'app_rate_limited'),
  challenge: fc.string(),
  team_id: fc.constant('T1'),
  api_app_id: fc.constant('A1'),
}).chain((envelope) =>
  fc
    .record({
      type: fc.oneof(fc.constantFrom('app_home_opened', 'message', 'app_mention'), junk),
      user: fc.oneof(fc.constant(ALICE), junk),
      tab: fc.oneof(fc.constantFrom('home', 'messages'), junk),
      channel: fc.oneof(fc.constant(GENERAL), junk),
    })
    .map((event) => ({ ...envelope, event })),
);

const slashCommandFields = fc.record({
  command: fc.constantFrom('/rust-or-python', '/other', ''),
  text: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.constant('y'.repeat(100_000))),
  user_id: fc.constantFrom(ALICE, '', 'U_NOBODY'),
  channel_id: fc.constantFrom(GENERAL, '', 'C_NOWHERE'),
  trigger_id: fc.string({ maxLength: 20 }),
  // Never a reachable host: an invalid URL, or the app's own loopback fake with a made-up path.
  response_url: fc.constantFrom('', 'not a url', 'http://127.0.0.1:9/response/0'),
  team_id: fc.constant('T1'),
});

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const contentType = fc.constantFrom(
  FORM,
  JSON_TYPE,
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded; charset=utf-8',
  undefined,
);

const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.record({
    label: fc.constant('random bytes'),
    contentType,
    body: fc.uint8Array({ maxLength: 2_000 }),
  }),
  fc.record({
    label: fc.constant('interaction payload'),
    contentType: fc.constantFrom(FORM, FORM, JSON_TYPE, 'text/plain'),
    body: interaction.map((payload) => utf8(form({ payload: JSON.stringify(payload) }))),
  }),
  fc.record({
    label: fc.constant('payload that is not JSON'),
    contentType: fc.constant(FORM),
    body: fc.string({ unit: 'binary', maxLength: 300 }).map((payload) => utf8(form({ payload }))),
  }),
  fc.record({
    label: fc.constant('events API JSON'),
    contentType: fc.constantFrom(JSON_TYPE, JSON_TYPE, FORM),
    body: eventCallback.map((body) => utf8(JSON.stringify(body))),
  }),
  fc.record({
    label: fc.constant('slash command fields'),
    contentType: fc.constantFrom(FORM, FORM, JSON_TYPE),
    body: slashCommandFields.map((fields) => utf8(form(fields))),
  }),
  fc.record({
    label: fc.constant('deeply nested JSON'),
    contentType: fc.constantFrom(JSON_TYPE, FORM),
    body: fc
      .integer({ min: 100, max: 50_000 })
      .map((depth) => utf8(`${'{"a":['.repeat(depth)}${']}'.repeat(depth)}`)),
  }),
);

/** Signed like Slack signs: over the body as text, which is how Bolt reads it back for verification. */
function sign(body: Uint8Array, type: string | undefined): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const text = Buffer.from(body).toString('utf8');
  return {
    ...(type === undefined ? {} : { 'content-type': type }),
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signSlackRequest(TEST_SIGNING_SECRET, text, timestamp),
  };
}

async function send(request: FuzzRequest): Promise<number> {
  const response = await fetch(`${t.appUrl}/slack/events`, {
    method: 'POST',
    headers: sign(request.body, request.contentType),
    body: Buffer.from(request.body),
  });
  await response.arrayBuffer();
  return response.status;
}

const isHandled = (status: number) => (status >= 200 && status < 300) || (status >= 400 && status < 500);

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
let t: TestApp;

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  t = await startTestApp({ fakeSlackOptions: { maxRecordedCalls: 2_000 } });
});
afterAll(async () => {
  await t?.close();
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
});

describe('fuzzing POST /slack/events with signed, malformed requests', () => {
  it(`${BATCH * BATCHES} requests: each gets a 4xx or a handled 2xx, nothing crashes, /healthz stays 200`, async () => {
    const statuses = new Map<number, number>();
    const outcome = await fc.check(
      fc.asyncProperty(fc.array(fuzzRequest, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const answers = await Promise.all(
          batch.map(async (request) => ({ request, status: await send(request) })),
        );
        for (const { status } of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1);
        const bad = answers.find(({ status }) => !isHandled(status));
        if (bad) {
          const preview = new TextDecoder().decode(bad.request.body.slice(0, 300));
          throw new Error(`${bad.request.label} (${bad.request.contentType}) got ${bad.status}: ${preview}`);
        }
        expect(unhandled).toEqual([]);
        expect((await fetch(`${t.appUrl}/healthz`)).status).toBe(200);
      }),
      // A failure names the offending request; shrinking 500-request batches would take minutes.
      { numRuns: BATCHES, endOnFailure: true },
    );
    if (outcome.failed) throw new Error(`seed ${outcome.seed}: ${String(outcome.errorInstance)}`);
    // The run must have exercised both outcomes, or the generators have drifted away from the app.
    const accepted = [...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
    const rejected = [...statuses].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0);
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
    // Bolt's own listener matchers throw on some shapes (`'action_id' in "x"`) and app.error logs it; our
    // listeners validate their input, so no stack may run through our code other than app.ts's in-flight
    // tracking middleware, which every listener passes through.
    const fromOurCode = t.logs
      .filter((line) => line.includes('Unhandled error in a listener'))
      .filter((line) => line.replaceAll('/src/slack/app.ts', '').includes('/src/'));
    expect(fromOurCode).toEqual([]);
  }, 120_000);

  // Found by this fuzzing: Bolt reads the envelope (`event.type`, `event.channel`, `team`, `user`...) before
  // any middleware runs, so a signed body of the right type with fields of the wrong shape throws inside Bolt,
  // and Bolt's default processEventErrorHandler answered 500. createSlackApp's receiver answers 400.
  it('an events envelope Bolt cannot read gets a 400 and a warning; other wrong shapes never a 500', async () => {
    const logMark = t.logs.length;
    const post = async (fields: string) => {
      const body = utf8(`{"type":"event_callback","team_id":"T1","api_app_id":"A1",${fields}}`);
      const response = await fetch(`${t.appUrl}/slack/events`, {
        method: 'POST',
        headers: sign(body, JSON_TYPE),
        body: Buffer.from(body),
      });
      return { status: response.status, text: await response.text() };
    };
    const unreadable = ['"event":"x"', '"event":null', '"event":{"type":"message","channel":5}'];
    for (const fields of unreadable) {
      expect(await post(fields), fields).toEqual({ status: 400, text: 'malformed request' });
    }
    // Bolt reads past these without throwing; they must still be handled, not a 500.
    const oddButReadable = [
      '"event":{"type":true}',
      '"event":{"type":"app_home_opened","user":"U1"},"team":7',
    ];
    for (const fields of oddButReadable) {
      const { status } = await post(fields);
      expect(isHandled(status), `${fields}: ${status}`).toBe(true);
    }
    const warnings = t.logs.slice(logMark).filter((line) => line.includes('malformed body (400)'));
    expect(warnings.length).toBe(unreadable.length);
    expect(warnings.every((line) => line.startsWith('[WARN]'))).toBe(true);
    expect(warnings.join('\n')).not.toContain(TEST_SIGNING_SECRET);
    expect((await fetch(`${t.appUrl}/healthz`)).status).toBe(200);
  });
});
