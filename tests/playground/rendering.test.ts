import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_SLACK_IDS, type FakeSlack, startFakeSlack } from '../../src/playground/fake-slack/index.ts';
import { type PlaygroundServer, startPlaygroundServer } from '../../src/playground/server.ts';
import { launchChromium } from './chromium.ts';

const { general } = FAKE_SLACK_IDS.channels;

/**
 * The page's renderer in a real browser, fed by the fake Slack's Web API as the app would feed it
 * (no app needed): hostile text stays text, Block Kit and mrkdwn become the right elements.
 */
describe('playground page rendering', () => {
  let fake: FakeSlack;
  let server: PlaygroundServer;
  let browser: Browser;
  let page: Page;

  async function post(method: string, args: Record<string, unknown>): Promise<void> {
    const body = new URLSearchParams(
      Object.entries(args).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
    const response = await fetch(`${fake.apiUrl}${method}`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer xoxb-rendering-test',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
    });
    const json = (await response.json()) as { ok: boolean };
    expect(json, `${method} failed: ${JSON.stringify(json)}`).toMatchObject({ ok: true });
  }

  beforeAll(async () => {
    fake = await startFakeSlack({ signingSecret: 'rendering-test-secret' });
    server = await startPlaygroundServer({ fake, userId: FAKE_SLACK_IDS.users.alice, port: 0 });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fake?.close();
  });

  it('shows HTML in message text as text: no element is created and no script runs', async () => {
    const hostile = '<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> &lt;b&gt;';
    await post('chat.postMessage', {
      channel: general,
      text: hostile,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `*bold* ${hostile}` } },
        { type: 'header', text: { type: 'plain_text', text: '<img src=y onerror="window.pwned=3">' } },
        { type: 'section', text: { type: 'mrkdwn', text: '<javascript:window.pwned=4|click me>' } },
      ],
    });
    const timeline = page.getByRole('log', { name: 'Messages' });
    await expect.poll(() => timeline.textContent()).toContain('<script>window.pwned=2</script>');
    expect(await timeline.textContent()).toContain('<img src=x onerror="window.pwned=1">');
    expect(await timeline.textContent()).toContain('<b>');
    expect(
      await timeline.getByRole('heading', { name: '<img src=y onerror="window.pwned=3">' }).count(),
    ).toBe(1);
    expect(await page.locator('#timeline img, #timeline script, #timeline b').count()).toBe(0);
    expect(await timeline.getByRole('link').count()).toBe(0);
    expect(await timeline.locator('strong').first().textContent()).toBe('bold');
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  });

  it('renders the Block Kit the app uses, and a block it does not know as a visible placeholder', async () => {
    await post('chat.postMessage', {
      channel: general,
      text: 'fallback',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Verdict: Rust' } },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: '_Why:_ ~GC pauses~ `no_std` <https://www.rust-lang.org|Rust site> <@U0ALICE>',
          },
          fields: [
            { type: 'mrkdwn', text: '*Rust*\n72' },
            { type: 'mrkdwn', text: '*Python*\n41' },
          ],
        },
        { type: 'divider' },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'context line' }] },
        { type: 'section', text: { type: 'mrkdwn', text: '```let x = 1;```\n> a quote' } },
        { type: 'table', rows: [] },
        {
          type: 'actions',
          elements: [{ type: 'button', action_id: 'noop', text: { type: 'plain_text', text: 'Press me' } }],
        },
      ],
    });
    const message = page.getByRole('article').filter({ hasText: 'Verdict: Rust' });
    await expect.poll(() => message.count()).toBe(1);
    expect(await message.getByRole('heading', { name: 'Verdict: Rust' }).count()).toBe(1);
    expect(await message.locator('em').textContent()).toBe('Why:');
    expect(await message.locator('del').textContent()).toBe('GC pauses');
    expect(await message.locator('code').textContent()).toBe('no_std');
    expect(await message.getByRole('link', { name: 'Rust site' }).getAttribute('href')).toBe(
      'https://www.rust-lang.org/',
    );
    expect(await message.locator('.mention').textContent()).toBe('@alice');
    expect(await message.locator('.field').count()).toBe(2);
    expect(await message.locator('hr').count()).toBe(1);
    expect(await message.locator('pre').textContent()).toBe('let x = 1;');
    expect(await message.locator('blockquote').textContent()).toBe('a quote');
    expect(await message.getByText('Unsupported block: table').isVisible()).toBe(true);
    expect(await message.getByRole('button', { name: 'Press me' }).isVisible()).toBe(true);
  });

  it('marks ephemeral messages as visible only to the person', async () => {
    await post('chat.postEphemeral', {
      channel: general,
      user: FAKE_SLACK_IDS.users.alice,
      text: 'Just for you',
    });
    const message = page.getByRole('article').filter({ hasText: 'Just for you' });
    await expect.poll(() => message.count()).toBe(1);
    expect(await message.getByText('Only visible to you').isVisible()).toBe(true);
  });

  it('serves the page with a policy that forbids inline scripts', async () => {
    const response = await fetch(server.url);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe-inline');
  });
});
