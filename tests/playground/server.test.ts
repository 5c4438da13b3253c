import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FAKE_SLACK_IDS,
  type Snapshot,
  type SnapshotMessage,
} from '../../src/playground/fake-slack/index.ts';
import { type Playground, startPlayground } from '../../src/playground/index.ts';
import { openSnapshotStream, type SnapshotStream } from './sse.ts';

const GENERAL = 'C0GENERAL';
const { alice: ALICE, bob: BOB, carol: CAROL } = FAKE_SLACK_IDS.users;

const topView = (s: Snapshot) => s.modalStack.at(-1);
const titleOf = (s: Snapshot) => (topView(s)?.view.title as { text?: string } | undefined)?.text ?? '';
const general = (s: Snapshot) => s.channels.find((c) => c.id === GENERAL);
const verdicts = (s: Snapshot): SnapshotMessage[] =>
  general(s)?.messages.filter((m) => m.user === s.bot.userId && m.replyCount > 0) ?? [];

describe('playground server', () => {
  let playground: Playground;
  let stream: SnapshotStream;

  /** POSTs a page action, as the default person or as `user` (`?user=`). */
  async function act(
    name: string,
    body: unknown,
    { contentType = 'application/json', user }: { contentType?: string; user?: string } = {},
  ) {
    const url = new URL(`/actions/${name}`, playground.url);
    if (user !== undefined) url.searchParams.set('user', user);
    const response = await fetch(url, {
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
    playground = await startPlayground({
      port: 0,
      logLevel: 'error',
      database: { kind: 'sqlite', path: ':memory:' },
    });
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

  it("opens a message's permalink in the page: it names the page's address, where it becomes the page's fragment", async () => {
    const slackApi = async (method: string, args: Record<string, string>) => {
      const response = await fetch(new URL(method, playground.fake.apiUrl), {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-server-test', 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      return (await response.json()) as { ok: boolean; permalink: string };
    };
    const follow = async (url: string) => {
      const response = await fetch(url, { redirect: 'manual' });
      expect(response.status).toBe(302);
      return new URL(response.headers.get('location') ?? '', url).href;
    };
    const parent = playground.fake.postAsPerson({ userId: 'U0BOB', channelId: GENERAL, text: 'a decision' });
    const reply = playground.fake.postAsPerson({
      userId: 'U0CAROL',
      channelId: GENERAL,
      text: 'its thread',
      threadTs: parent.ts,
    });

    const link = (await slackApi('chat.getPermalink', { channel: GENERAL, message_ts: parent.ts })).permalink;
    // Like a workspace's domain, the page's address outlives the fake's random port: saved links keep working.
    expect(new URL(link).origin).toBe(new URL(playground.url).origin);
    expect(await follow(link)).toBe(new URL(`/#channel=${GENERAL}&ts=${parent.ts}`, playground.url).href);
    // A link on the fake's own address (one made before the page started) is sent to the page.
    const onFake = new URL(new URL(link).pathname, playground.fake.url).href;
    expect(await follow(onFake)).toBe(new URL(new URL(link).pathname, playground.url).href);

    const replyLink = (await slackApi('chat.getPermalink', { channel: GENERAL, message_ts: reply.ts }))
      .permalink;
    expect(await follow(replyLink)).toBe(
      new URL(`/#channel=${GENERAL}&ts=${reply.ts}&thread=${parent.ts}`, playground.url).href,
    );

    // The page the fragment lands on is the playground page itself.
    const page = await fetch(new URL(`/#channel=${GENERAL}&ts=${parent.ts}`, playground.url));
    expect(page.headers.get('content-type')).toContain('text/html');

    for (const notALink of [
      '/archives/C0GENERAL/p12345',
      '/archives/C0GENERAL/pabc1234567',
      '/archives/general/p1700000000000100',
      '/archives/C0GENERAL/p1700000000000100/x',
    ]) {
      const response = await fetch(new URL(notALink, playground.url), { redirect: 'manual' });
      expect(response.status, notALink).toBe(404);
    }
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
      await act('message', 'channelId=C0GENERAL&text=x', {
        contentType: 'application/x-www-form-urlencoded',
      }),
    ).toMatchObject({
      status: 415,
    });
  });

  it('acts as the person each request names, and shows each person only their own modal', async () => {
    const bob = await openSnapshotStream(playground.url, BOB);
    try {
      expect((await bob.waitFor(() => true, "bob's first snapshot")).user).toEqual({ id: BOB, name: 'bob' });
      expect((await stream.waitFor(() => true, "alice's first snapshot")).user.id).toBe(ALICE);

      expect(await act('message', { channelId: GENERAL, text: '/rust-or-python' }, { user: BOB })).toEqual({
        status: 200,
        body: { ok: true },
      });
      const bobsModal = await bob.waitFor((s) => titleOf(s).includes('1/2'), "bob's modal is open");
      // Something both see, posted after bob's modal opened: alice's snapshot from then on has no modal.
      const marker = playground.fake.postAsPerson({
        userId: CAROL,
        channelId: GENERAL,
        text: 'after the modal',
      });
      const alicesView = await stream.waitFor(
        (s) => general(s)?.messages.some((m) => m.ts === marker.ts) === true,
        'alice sees the message posted after bob opened his modal',
      );
      expect(alicesView.modalStack).toEqual([]);

      expect(await act('close', { viewId: topView(bobsModal)?.id, all: true }, { user: BOB })).toEqual({
        status: 200,
        body: { ok: true },
      });
      await bob.waitFor((s) => s.modalStack.length === 0, "bob's modal is closed");
    } finally {
      bob.close();
    }
  });

  it('refuses a person the workspace does not have, naming them and who the page can be', async () => {
    const people = await fetch(new URL('/people.json', playground.url));
    expect(await people.json()).toEqual({
      people: [
        { id: ALICE, name: 'alice' },
        { id: BOB, name: 'bob' },
        { id: CAROL, name: 'carol' },
      ],
      defaultUserId: ALICE,
    });

    // The app's bot is in the workspace, but nobody can act as it.
    for (const who of ['U0DAVE', 'U0BOT', '']) {
      const events = await fetch(new URL(`/events?user=${who}`, playground.url));
      expect(events.status, who).toBe(400);
      const refusal = ((await events.json()) as { message: string }).message;
      expect(refusal).toContain(`has the id "${who}"`);
      expect(refusal).toContain('alice (U0ALICE), bob (U0BOB), carol (U0CAROL)');

      const action = await act('message', { channelId: GENERAL, text: '/rust-or-python' }, { user: who });
      expect(action).toEqual({ status: 400, body: { ok: false, message: refusal } });
    }
    // Nothing reached the app: nobody has a modal open.
    for (const person of [ALICE, BOB, CAROL]) {
      expect(playground.fake.snapshot(person).modalStack, person).toEqual([]);
    }
  });
});
