import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Snapshot, SnapshotMessage } from '../../src/playground/fake-slack/index.ts';
import { type Playground, startPlayground } from '../../src/playground/index.ts';
import { openSnapshotStream, type SnapshotStream } from './sse.ts';

const GENERAL = 'C0GENERAL';

const topView = (s: Snapshot) => s.modalStack.at(-1);
const titleOf = (s: Snapshot) => (topView(s)?.view.title as { text?: string } | undefined)?.text ?? '';
const general = (s: Snapshot) => s.channels.find((c) => c.id === GENERAL);
const verdicts = (s: Snapshot): SnapshotMessage[] =>
  general(s)?.messages.filter((m) => m.user === s.bot.userId && m.replyCount > 0) ?? [];

describe('playground server', () => {
  let playground: Playground;
  let stream: SnapshotStream;

  async function act(name: string, body: unknown, contentType = 'application/json') {
    const response = await fetch(new URL(`/actions/${name}`, playground.url), {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { ok: boolean; message?: string; notice?: string },
    };
  }

  beforeAll(async () => {
    playground = await startPlayground({ port: 0, logLevel: 'error' });
  });

  beforeEach(async () => {
    stream?.close();
    stream = await openSnapshotStream(playground.url);
  });

  afterAll(async () => {
    stream?.close();
    await playground?.close();
  });

  it('serves the page and its scripts under a policy that forbids inline scripts', async () => {
    const page = await fetch(playground.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await page.text()).toContain('aria-label="Message"');
    const script = await fetch(new URL('/app.js', playground.url));
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(new URL('/../package.json', playground.url))).status).toBe(404);
    expect((await fetch(new URL('/mrkdwn.d.ts', playground.url))).status).toBe(404);
  });

  it('goes from the slash command through both modal pages to the verdict and its thread', async () => {
    const initial = await stream.waitFor(() => true, 'any snapshot arrived');
    expect(initial.user.id).toBe('U0ALICE');
    const before = verdicts(initial).length;

    expect(await act('message', { channelId: GENERAL, text: '/rust-or-python' })).toEqual({
      status: 200,
      body: { ok: true },
    });
    const page1 = await stream.waitFor((s) => titleOf(s).includes('1/2'), 'page 1 of the modal is open');
    const page1View = topView(page1);
    expect(page1View?.view.blocks).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'input', block_id: 'workload' })]),
    );

    const essentials = await act('submit', {
      viewId: page1View?.id,
      inputs: {
        workload: 'web-backend',
        stage: 'mvp',
        latency: 'interactive',
        pythonSkill: 'strong',
        rustSkill: 'none',
        description: 'An API for <our> team & friends',
      },
    });
    expect(essentials).toEqual({ status: 200, body: { ok: true } });
    const page2 = await stream.waitFor((s) => titleOf(s).includes('2/2'), 'page 2 of the modal is open');

    expect(await act('submit', { viewId: topView(page2)?.id, inputs: { compute: 'io-bound' } })).toEqual({
      status: 200,
      body: { ok: true },
    });
    const done = await stream.waitFor(
      (s) => s.modalStack.length === 0 && verdicts(s).length > before,
      'the modal is closed and a verdict with a thread is in #general',
    );
    const verdict = verdicts(done).at(-1);
    expect(verdict?.text).toMatch(/Python/);
    expect(verdict?.replies.length).toBe(verdict?.replyCount);
    expect(JSON.stringify(verdict?.blocks)).toContain('adjust_answers');
  });

  it('refuses a page with required answers missing, like Slack clients do, and sends nothing to the app', async () => {
    await act('message', { channelId: GENERAL, text: '/rust-or-python' });
    const open = await stream.waitFor((s) => titleOf(s).includes('1/2'), 'page 1 of the modal is open');
    const result = await act('submit', { viewId: topView(open)?.id, inputs: { workload: 'embedded' } });
    expect(result.body.ok).toBe(false);
    expect(result.body.message).toMatch(/required/);
    expect(await act('close', { viewId: topView(open)?.id, all: true })).toEqual({
      status: 200,
      body: { ok: true },
    });
    await stream.waitFor((s) => s.modalStack.length === 0, 'the modal is closed');
  });

  it('explains what it does with text other than the command', async () => {
    const plain = await act('message', { channelId: GENERAL, text: 'hello there' });
    expect(plain.body).toMatchObject({ ok: true, notice: expect.stringContaining('/rust-or-python') });
    const other = await act('message', { channelId: GENERAL, text: '/giphy cats' });
    expect(other.body.notice).toContain('/giphy is not a command here');
  });

  it('rejects malformed actions with a message naming the problem', async () => {
    expect(await act('launch-rockets', {})).toMatchObject({
      status: 404,
      body: { message: expect.stringContaining('launch-rockets') },
    });
    expect(await act('message', '{not json')).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('JSON') },
    });
    expect(await act('message', { channelId: GENERAL })).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('text') },
    });
    expect(
      await act('message', 'channelId=C0GENERAL&text=x', 'application/x-www-form-urlencoded'),
    ).toMatchObject({
      status: 415,
    });
  });
});
