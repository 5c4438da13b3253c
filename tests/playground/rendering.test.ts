import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_SLACK_IDS, type FakeSlack, startFakeSlack } from '../../src/playground/fake-slack/index.ts';
import { type PlaygroundServer, startPlaygroundServer } from '../../src/playground/server.ts';
import { launchChromium } from './chromium.ts';

const { general } = FAKE_SLACK_IDS.channels;
const { alice } = FAKE_SLACK_IDS.users;

/**
 * The page's renderer in a real browser, fed by the fake Slack's Web API as the app would feed it
 * (no app needed): hostile text stays text, Block Kit and mrkdwn become the right elements.
 */
describe('playground page rendering', () => {
  let fake: FakeSlack;
  let server: PlaygroundServer;
  let browser: Browser;
  let page: Page;

  async function post(method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
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
    const json = (await response.json()) as Record<string, unknown>;
    expect(json, `${method} failed: ${JSON.stringify(json)}`).toMatchObject({ ok: true });
    return json;
  }

  /** A modal view as an app builds one. */
  const modalView = (title: string, blocks: unknown[], buttons: { submit?: string; close: string }) => ({
    type: 'modal',
    title: { type: 'plain_text', text: title },
    ...(buttons.submit === undefined ? {} : { submit: { type: 'plain_text', text: buttons.submit } }),
    close: { type: 'plain_text', text: buttons.close },
    blocks,
  });

  /** Opens a modal for alice through the Web API, as an app answering her click would. */
  async function openModal(blocks: unknown[]): Promise<Locator> {
    await post('views.open', {
      trigger_id: fake.issueTriggerId(alice),
      view: modalView('Test form', blocks, { submit: 'Save', close: 'Cancel' }),
    });
    const dialog = page.getByRole('dialog', { name: 'Test form' });
    await dialog.waitFor({ timeout: 10_000 });
    return dialog;
  }

  const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });

  beforeAll(async () => {
    fake = await startFakeSlack({ signingSecret: 'rendering-test-secret' });
    // These tests post many messages to one channel in a burst; Slack's per-channel rate is not their subject.
    fake.setChannelPostLimit(null);
    server = await startPlaygroundServer({ fake, userId: FAKE_SLACK_IDS.users.alice, port: 0 });
    browser = await launchChromium();
    // Dates show in the reader's time zone: pin one so the test reads the same everywhere.
    page = await browser.newPage({ timezoneId: 'UTC', locale: 'en-US' });
    page.setDefaultTimeout(10_000);
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
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: '<!date^soon^{date_num}|&lt;img src=z onerror="window.pwned=5"&gt;>',
          },
        },
      ],
    });
    const timeline = page.getByRole('log', { name: 'Messages' });
    await expect.poll(() => timeline.textContent()).toContain('<script>window.pwned=2</script>');
    expect(await timeline.textContent()).toContain('<img src=x onerror="window.pwned=1">');
    expect(await timeline.textContent()).toContain('<b>');
    // A date token's fallback text is text too.
    expect(await timeline.textContent()).toContain('<img src=z onerror="window.pwned=5">');
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

  it('asks before a button with a confirm object, as Slack does, and sends the click only on yes', async () => {
    const hostile = '<img src=x onerror="window.pwned=6">';
    await post('chat.postMessage', {
      channel: general,
      text: 'A round',
      blocks: [
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'close_round',
              value: 'r1',
              text: { type: 'plain_text', text: 'Close round' },
              confirm: {
                title: { type: 'plain_text', text: 'Close the round?' },
                text: { type: 'plain_text', text: `Nobody can add a view after. ${hostile}` },
                confirm: { type: 'plain_text', text: 'Close it' },
                deny: { type: 'plain_text', text: 'Not yet' },
                style: 'danger',
              },
            },
          ],
        },
      ],
    });
    const clicks: string[] = [];
    const onRequest = (request: { url(): string; postData(): string | null }) => {
      if (new URL(request.url()).pathname === '/actions/click') clicks.push(request.postData() ?? '');
    };
    page.on('request', onRequest);
    try {
      const button = page.getByRole('article').filter({ hasText: 'Close round' }).getByRole('button', {
        name: 'Close round',
      });
      await button.click();
      const confirm = page.getByRole('dialog', { name: 'Close the round?' });
      await confirm.waitFor({ timeout: 10_000 });
      expect(await confirm.textContent()).toContain(`Nobody can add a view after. ${hostile}`);
      expect(await confirm.locator('img').count()).toBe(0);
      expect(await confirm.getByRole('button').allTextContents()).toEqual(['Not yet', 'Close it']);
      // The safe answer has the focus, so Enter on a stray key press does not close anything.
      expect(
        await confirm.getByRole('button', { name: 'Not yet' }).evaluate((b) => b === document.activeElement),
      ).toBe(true);
      expect(await confirm.getByRole('button', { name: 'Close it' }).getAttribute('class')).toContain(
        'danger',
      );

      await confirm.getByRole('button', { name: 'Not yet' }).click();
      await confirm.waitFor({ state: 'detached', timeout: 10_000 });
      await button.click();
      await confirm.waitFor({ timeout: 10_000 });
      await page.keyboard.press('Escape');
      await confirm.waitFor({ state: 'detached', timeout: 10_000 });
      expect(clicks).toEqual([]);

      await button.click();
      const sent = page.waitForRequest((request) => new URL(request.url()).pathname === '/actions/click');
      await confirm.getByRole('button', { name: 'Close it' }).click();
      await sent;
      await confirm.waitFor({ state: 'detached', timeout: 10_000 });
      expect(clicks.map((body) => JSON.parse(body))).toEqual([
        expect.objectContaining({ actionId: 'close_round', value: 'r1', channelId: general }),
      ]);
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    } finally {
      page.off('request', onRequest);
    }
  });

  it('serves the page with a policy that forbids inline scripts', async () => {
    const response = await fetch(server.url);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe-inline');
  });

  it("shows a date token as a date in the reader's time zone, not as a mention", async () => {
    await post('chat.postMessage', {
      channel: general,
      text: 'Replaces the verdict posted <!date^1700000000^{date_num} at {time}|2023-11-14 22:13 UTC>.',
    });
    const message = page.getByRole('article').filter({ hasText: 'Replaces the verdict posted' });
    await expect.poll(() => message.count()).toBe(1);
    expect(await message.locator('.message-text').textContent()).toBe(
      'Replaces the verdict posted 2023-11-14 at 10:13 PM.',
    );
    expect(await message.locator('.mention').count()).toBe(0);
    expect(await message.locator('time[datetime="2023-11-14T22:13:20.000Z"]').count()).toBe(1);
  });

  it('gives score bars a text alternative, so a screen reader does not read block characters', async () => {
    await post('chat.postMessage', {
      channel: general,
      text: 'scores',
      blocks: [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: '`Rust   ████████████░░░░░░░░  60`\n`Python ████░░░░░░░░░░░░░░░░  20`',
          },
        },
      ],
    });
    const message = page.getByRole('article').filter({ hasText: 'Rust' }).filter({ hasText: '60' });
    await expect.poll(() => message.count()).toBe(1);
    expect(await message.getByRole('img', { name: '60% filled' }).count()).toBe(1);
    expect(await message.getByRole('img', { name: '20% filled' }).count()).toBe(1);
    const spoken = await message.ariaSnapshot();
    expect(spoken).not.toMatch(/[█░]/);
    expect(spoken).toContain('Rust');
  });

  it("shows the bot's direct messages in the app's Messages tab, with an unread count until read", async () => {
    // The app reaches a person privately by posting to their user id (Slack opens the DM).
    await post('chat.postMessage', { channel: alice, text: 'Here is your verdict, just for you.' });
    const app = page
      .getByRole('navigation', { name: 'Workspace' })
      .getByRole('button', { name: /rust-or-python/ });
    await expect.poll(() => app.getAttribute('aria-label')).toBe('rust-or-python, 1 unread message');

    await app.click();
    await page.getByRole('tab', { name: 'Messages' }).click();
    const messages = page.getByRole('tabpanel', { name: 'Messages' });
    expect(
      await messages.getByRole('article').filter({ hasText: 'Here is your verdict, just for you.' }).count(),
    ).toBe(1);
    // The manifest makes the Messages tab read-only: Slack shows why there is no composer.
    expect(await messages.getByText('Sending messages to this app has been turned off.').isVisible()).toBe(
      true,
    );
    expect(await page.getByRole('textbox', { name: 'Message' }).isVisible()).toBe(false);
    await expect.poll(() => app.getAttribute('aria-label')).toBe('rust-or-python');

    await page.getByRole('tab', { name: 'Home' }).click();
    expect(await page.getByRole('tabpanel', { name: 'Home' }).isVisible()).toBe(true);
    expect(await page.getByText('Sending messages to this app has been turned off.').isVisible()).toBe(false);
  });

  it('marks an archived channel as archived, and offers no composer there', async () => {
    const nav = page.getByRole('navigation', { name: 'Workspace' });
    const channel = nav.getByRole('button', { name: 'old-projects (archived)' });
    expect(await channel.isVisible()).toBe(true);
    await channel.click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('# old-projects (archived)');
    expect(await page.getByText('This channel has been archived: no one can post in it.').isVisible()).toBe(
      true,
    );
    expect(await page.getByRole('textbox', { name: 'Message' }).isVisible()).toBe(false);
    await nav.getByRole('button', { name: '# general', exact: true }).click();
    expect(await page.getByRole('textbox', { name: 'Message' }).isVisible()).toBe(true);
  });

  it('marks a read-only channel as read-only (conversations.info is_read_only)', async () => {
    // The page shows what the snapshot says about the fake's announcement channel.
    const snapshot = fake.snapshot(alice);
    const channels = snapshot.channels.map((c) =>
      c.id === FAKE_SLACK_IDS.channels.announcements ? { ...c, isReadOnly: true } : c,
    );
    const context = await browser.newContext();
    try {
      await context.route('**/events', (route) =>
        route.fulfill({
          status: 200,
          headers: { 'content-type': 'text/event-stream' },
          body: `data: ${JSON.stringify({ ...snapshot, channels })}\n\n`,
        }),
      );
      const readOnlyPage = await context.newPage();
      readOnlyPage.setDefaultTimeout(10_000);
      await readOnlyPage.goto(server.url);
      await readOnlyPage
        .getByRole('navigation', { name: 'Workspace' })
        .getByRole('button', { name: '# announcements (read-only)' })
        .click();
      expect(await readOnlyPage.getByRole('heading', { level: 1 }).textContent()).toBe(
        '# announcements (read-only)',
      );
      expect(
        await readOnlyPage.getByText('Only some members can post in this read-only channel.').isVisible(),
      ).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('lists DMs and group DMs with people under Direct messages, named after the others in them', async () => {
    // Slack's client opens a people-only conversation when someone starts one: here, a command typed there
    // (prepared, never sent: no app runs in these tests).
    fake.setAppUrl('http://127.0.0.1:9/slack/events');
    fake.prepareSlashCommand({ userId: alice, channelId: FAKE_SLACK_IDS.channels.dm });
    fake.prepareSlashCommand({ userId: alice, channelId: FAKE_SLACK_IDS.channels.groupDm });
    const nav = page.getByRole('navigation', { name: 'Workspace' });
    await nav.getByRole('heading', { name: 'Direct messages' }).waitFor();
    expect(await nav.getByRole('button', { name: 'bob, carol', exact: true }).count()).toBe(1);
    await nav.getByRole('button', { name: 'bob', exact: true }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('bob');
    expect(await page.getByRole('textbox', { name: 'Message' }).getAttribute('placeholder')).toBe(
      'Message bob — try /rust-or-python',
    );
    await nav.getByRole('button', { name: '# general', exact: true }).click();
  });

  it('marks required fields, announces errors and moves focus to the first one', async () => {
    const dialog = await openModal([
      {
        type: 'input',
        block_id: 'name',
        label: { type: 'plain_text', text: 'Name' },
        element: { type: 'plain_text_input', action_id: 'name' },
      },
      {
        type: 'input',
        block_id: 'size',
        label: { type: 'plain_text', text: 'Size' },
        element: { type: 'radio_buttons', action_id: 'size', options: [option('Small'), option('Large')] },
      },
      {
        type: 'input',
        block_id: 'note',
        optional: true,
        label: { type: 'plain_text', text: 'Note' },
        element: { type: 'plain_text_input', action_id: 'note' },
      },
    ]);
    expect(await dialog.getByRole('textbox', { name: 'Name' }).getAttribute('aria-required')).toBe('true');
    expect(await dialog.getByRole('radiogroup', { name: 'Size' }).getAttribute('aria-required')).toBe('true');
    expect(await dialog.getByRole('textbox', { name: 'Note' }).getAttribute('aria-required')).toBeNull();

    await dialog.getByRole('textbox', { name: 'Note' }).focus();
    await dialog.getByRole('button', { name: 'Save' }).click();
    const alert = dialog.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toBe(
        '2 fields need attention. Name: Please complete this required field. Size: Please complete this required field.',
      );
    expect(
      await dialog.getByRole('textbox', { name: 'Name' }).evaluate((el) => el === document.activeElement),
    ).toBe(true);
    // A message landing meanwhile (a new snapshot) leaves the errors where they are.
    await post('chat.postMessage', { channel: general, text: 'Meanwhile, in #general' });
    await page
      .getByRole('article')
      .filter({ hasText: 'Meanwhile, in #general' })
      .waitFor({ state: 'attached' });
    expect(await dialog.getByText('Please complete this required field.', { exact: true }).count()).toBe(2);
    // Fixing the first moves focus to the next error on the next try.
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Ada');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => alert.textContent())
      .toBe('1 field needs attention. Size: Please complete this required field.');
    expect(
      await dialog
        .getByRole('radiogroup', { name: 'Size' })
        .evaluate((el) => el.contains(document.activeElement)),
    ).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('lets a multi-select take no more than max_selected_items, as Slack does', async () => {
    const dialog = await openModal([
      {
        type: 'input',
        block_id: 'priorities',
        optional: true,
        label: { type: 'plain_text', text: 'Priorities' },
        element: {
          type: 'multi_static_select',
          action_id: 'priorities',
          max_selected_items: 2,
          options: ['Speed', 'Safety', 'Cost', 'Hiring'].map(option),
        },
      },
    ]);
    const field = dialog.getByRole('group', { name: 'Priorities' });
    await field.getByRole('checkbox', { name: 'Speed' }).check();
    await field.getByRole('checkbox', { name: 'Safety' }).check();
    expect(await field.getByRole('checkbox', { name: 'Cost' }).isDisabled()).toBe(true);
    expect(await field.getByRole('checkbox', { name: 'Hiring' }).isDisabled()).toBe(true);
    expect(await field.getByText('2 of 2 chosen').isVisible()).toBe(true);
    await field.getByRole('checkbox', { name: 'Speed' }).uncheck();
    expect(await field.getByRole('checkbox', { name: 'Cost' }).isEnabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it("shows Slack's back arrow on a pushed view, which returns to the view below", async () => {
    const first = await openModal([{ type: 'section', text: { type: 'mrkdwn', text: 'The first page' } }]);
    expect(await first.getByRole('button', { name: 'Back' }).count()).toBe(0);
    await post('views.push', {
      trigger_id: fake.issueTriggerId(alice),
      view: modalView(
        'Second page',
        [{ type: 'section', text: { type: 'mrkdwn', text: 'The second page' } }],
        {
          close: 'Back',
        },
      ),
    });
    const second = page.getByRole('dialog', { name: 'Second page' });
    await second.waitFor({ timeout: 10_000 });
    // The arrow in the title bar, not only the view's own close button.
    await second.locator('.modal-header').getByRole('button', { name: 'Back', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Test form' })
      .getByText('The first page')
      .waitFor({ timeout: 10_000 });
    await page
      .getByRole('dialog', { name: 'Test form' })
      .getByRole('button', { name: 'Close dialog' })
      .click();
    await page.getByRole('dialog').waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('shows a clearly visible focus ring on whatever the keyboard reaches', async () => {
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.focus();
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return {
        text: document.activeElement?.textContent,
        style: style.outlineStyle,
        width: style.outlineWidth,
      };
    });
    expect(ring).toEqual({ text: 'Send', style: 'solid', width: '3px' });
    // The composer's own text box draws no outline: its frame shows the focus instead.
    await composer.focus();
    const frame = await page.locator('#composer').evaluate((form) => ({
      style: getComputedStyle(form).outlineStyle,
      width: getComputedStyle(form).outlineWidth,
    }));
    expect(frame).toEqual({ style: 'solid', width: '3px' });
  });
});
