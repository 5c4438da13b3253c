import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPEAT_PRESS_GRACE_MS } from '../../src/slack/listeners/actions/repeat-presses.ts';
import {
  answerWebMvp,
  choose,
  openPlaygroundInChromium,
  type PlaygroundInChromium,
  sendFromComposer,
  WAIT,
} from './page.ts';

const SCREENSHOT = new URL('../../docs/screenshots/playground.png', import.meta.url);
const PHONE_SCREENSHOT = new URL('../../docs/screenshots/playground-phone.png', import.meta.url);
const PHONE = { width: 375, height: 812 };

async function openChannel(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('button', { name, exact: true })
    .click();
}

/** The whole flow a person goes through, in Chromium, driven by roles and labels only. */
describe('playground in a browser', () => {
  let opened: PlaygroundInChromium | undefined;
  let page: Page;

  beforeAll(async () => {
    opened = await openPlaygroundInChromium();
    page = opened.page;
  });

  afterAll(() => opened?.close());

  it('runs the command, fills the modal, shows the verdict and its thread, and adjusts the answers', async () => {
    const timeline = page.getByRole('log', { name: 'Messages' });
    await sendFromComposer(page, '/rust-or-python');

    const page1 = page.getByRole('dialog', { name: 'Rust or Python? (1/2)' });
    await page1.waitFor(WAIT);
    await answerWebMvp(page1);
    await page1.getByLabel('Project description').fill('Orders API for the <shop> & its partners');
    await page1.getByRole('button', { name: 'Next' }).click();

    const page2 = page.getByRole('dialog', { name: 'Rust or Python? (2/2)' });
    await page2.waitFor(WAIT);
    await choose(page2, 'Where does the time go?', 'I/O-bound: waiting on network, disk, databases');
    await page2.getByRole('button', { name: 'Decide' }).click();
    await page2.waitFor({ state: 'hidden', ...WAIT });

    const firstVerdict = timeline
      .getByRole('article')
      .filter({ has: page.getByRole('heading', { name: /Python/ }) });
    await firstVerdict.waitFor(WAIT);
    expect(await firstVerdict.getByText('Orders API for the <shop> & its partners').count()).toBe(1);

    await firstVerdict.getByRole('button', { name: /\d+ repl(y|ies)/ }).click();
    const thread = page.getByRole('complementary', { name: 'Thread' });
    await thread.waitFor(WAIT);
    expect(await thread.getByRole('article').count()).toBeGreaterThan(1);
    // Frame the screenshot: the verdict from its header, and the thread from its first reply.
    await firstVerdict.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await thread
      .getByText(/^\d+ repl(y|ies)$/)
      .evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.mouse.move(0, 0);
    await mkdir(new URL('.', SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT.pathname });

    await firstVerdict.getByRole('button', { name: 'Adjust answers' }).click();
    const adjust = page.getByRole('dialog', { name: 'Rust or Python? (1/2)' });
    await adjust.waitFor(WAIT);
    // The modal comes back with the earlier answers filled in; change only what is being built.
    expect(await adjust.getByLabel('Project description').inputValue()).toBe(
      'Orders API for the <shop> & its partners',
    );
    await choose(adjust, 'What are you building?', 'Embedded or firmware (microcontrollers, devices)');
    await adjust.getByRole('button', { name: 'Next' }).click();
    const adjust2 = page.getByRole('dialog', { name: 'Rust or Python? (2/2)' });
    await adjust2.waitFor(WAIT);
    await adjust2.getByRole('button', { name: 'Decide' }).click();
    await adjust2.waitFor({ state: 'hidden', ...WAIT });

    const newVerdict = timeline
      .getByRole('article')
      .filter({ has: page.getByRole('heading', { name: /Rust/ }) });
    await newVerdict.waitFor(WAIT);
    // The new decision supersedes the first, and the first says so and can no longer be accepted or adjusted.
    const firstNumber = /Decision #(\d+)/.exec((await firstVerdict.textContent()) ?? '')?.[1];
    expect(await newVerdict.getByText(/Decision #\d+/).count()).toBe(1);
    await newVerdict.getByRole('link', { name: `#${firstNumber}` }).waitFor(WAIT);
    await firstVerdict.getByText(/Superseded by/).waitFor(WAIT);
    expect(await firstVerdict.getByRole('button', { name: 'Adjust answers' }).count()).toBe(0);
    expect(await firstVerdict.getByRole('button', { name: 'Accept' }).count()).toBe(0);

    // Accept: the message shows who accepted it, and the button goes.
    await newVerdict.getByRole('button', { name: 'Accept', exact: true }).click();
    await newVerdict.getByText(/Accepted by/).waitFor(WAIT);
    expect(await newVerdict.getByRole('button', { name: 'Accept', exact: true }).count()).toBe(0);

    // The decision record opens whole in a window with only a Close button; pressing again posts nothing.
    const messages = await timeline.getByRole('article').count();
    for (const press of [1, 2]) {
      // A press within the grace after the last one is a double click, which the app drops; a person who
      // read the record and closed it presses again later than that.
      if (press === 2) await page.waitForTimeout(REPEAT_PRESS_GRACE_MS);
      await newVerdict.getByRole('button', { name: 'Decision record' }).click();
      const record = page.getByRole('dialog', { name: 'Decision record' });
      await record.waitFor(WAIT);
      expect(await record.getByText('Decision Outcome', { exact: true }).count(), `press ${press}`).toBe(1);
      expect(await record.getByRole('button').allTextContents()).toEqual(['×', 'Close']);
      await record.getByRole('button', { name: 'Close', exact: true }).click();
      await record.waitFor({ state: 'hidden', ...WAIT });
    }
    expect(await timeline.getByRole('article').count()).toBe(messages);
  }, 60_000);

  it('opens the App Home, whose button starts a decision in the modal', async () => {
    await page
      .getByRole('navigation', { name: 'Workspace' })
      .getByRole('button', { name: 'rust-or-python' })
      .click();
    const home = page.getByRole('region', { name: 'App Home' });
    await home.getByRole('button', { name: 'Start a decision' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rust or Python? (1/2)' });
    await dialog.waitFor(WAIT);
    // Opened outside a channel, the modal asks where to post, offering the person's channels.
    await choose(dialog, 'Post the verdict in', '#random');
    expect(await dialog.locator('[aria-required="true"]').count()).toBeGreaterThanOrEqual(5);
    await dialog.getByRole('button', { name: 'Next' }).click();
    expect(await dialog.getByText('Please complete this required field.', { exact: true }).count()).toBe(5);
    // Said out loud, and the keyboard lands on the first field to fix.
    expect(await dialog.getByRole('alert').textContent()).toMatch(/^5 fields need attention\. /);
    const firstError = dialog.locator('[aria-invalid="true"]').first();
    expect(await firstError.evaluate((field) => field.contains(document.activeElement))).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden', ...WAIT });
  });

  it("runs the manifest's global shortcut from the composer's shortcuts menu", async () => {
    await openChannel(page, '# general');
    const shortcuts = page.getByRole('button', { name: 'Shortcuts' });
    await shortcuts.click();
    expect(await shortcuts.getAttribute('aria-expanded')).toBe('true');
    await page
      .getByRole('menu', { name: 'Shortcuts' })
      .getByRole('menuitem', { name: /Rust or Python\?/ })
      .click();
    // A global shortcut implies no channel, so the modal asks where to post.
    const dialog = page.getByRole('dialog', { name: /Rust or Python\?/ });
    await dialog.waitFor(WAIT);
    expect(await dialog.getByLabel('Post the verdict in', { exact: true }).count()).toBe(1);
    expect(await shortcuts.getAttribute('aria-expanded')).toBe('false');
    await dialog.getByRole('button', { name: 'Close dialog' }).click();
    await dialog.waitFor({ state: 'hidden', ...WAIT });
  });

  it('fits a narrow window and a phone 375 px wide: the channel, the verdict, its thread and the modal', async () => {
    await openChannel(page, '# general');
    const timeline = page.getByRole('log', { name: 'Messages' });
    const verdict = timeline
      .getByRole('article')
      .filter({ has: page.getByRole('heading', { name: /Rust/ }) })
      .last();
    const thread = page.getByRole('complementary', { name: 'Thread' });

    // 800 px: the thread slides over the channel instead of squeezing it.
    await page.setViewportSize({ width: 800, height: 700 });
    await verdict.getByRole('button', { name: /\d+ repl(y|ies)/ }).click();
    await thread.waitFor(WAIT);
    expect((await timeline.boundingBox())?.width).toBeGreaterThanOrEqual(800 - 240 - 1);
    const threadBox = await thread.boundingBox();
    expect(threadBox && threadBox.x + threadBox.width).toBeLessThanOrEqual(800);
    await thread.getByRole('button', { name: 'Close thread' }).click();
    await thread.waitFor({ state: 'hidden', ...WAIT });

    await page.setViewportSize(PHONE);
    await verdict.scrollIntoViewIfNeeded();

    // Nothing runs off the side of the screen, and the conversation gets its whole width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect((await timeline.boundingBox())?.width).toBeGreaterThanOrEqual(PHONE.width - 1);
    const rightmost = await timeline
      .locator('article *')
      .evaluateAll((nodes) => Math.max(...nodes.map((node) => node.getBoundingClientRect().right)));
    expect(rightmost).toBeLessThanOrEqual(PHONE.width);
    const composer = await page.getByRole('textbox', { name: 'Message' }).boundingBox();
    expect(composer && composer.x >= 0 && composer.x + composer.width <= PHONE.width).toBe(true);
    expect(composer && composer.y + composer.height <= PHONE.height).toBe(true);

    await verdict.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: PHONE_SCREENSHOT.pathname });

    // The thread takes the whole screen, and closes back to the channel.
    await verdict.getByRole('button', { name: /\d+ repl(y|ies)/ }).click();
    await thread.waitFor(WAIT);
    expect(await thread.boundingBox()).toMatchObject({ x: 0, width: PHONE.width });
    await thread.getByRole('button', { name: 'Close thread' }).click();
    await thread.waitFor({ state: 'hidden', ...WAIT });

    // The modal fits too, every field within the screen.
    await sendFromComposer(page, '/rust-or-python');
    const dialog = page.getByRole('dialog', { name: /Rust or Python\?/ });
    await dialog.waitFor(WAIT);
    const fields = await dialog
      .locator('.input-block')
      .evaluateAll((blocks) => blocks.map((block) => block.getBoundingClientRect().right));
    expect(fields.length).toBeGreaterThan(0);
    expect(Math.max(...fields)).toBeLessThanOrEqual(PHONE.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await dialog.getByRole('button', { name: 'Close dialog' }).click();
    await dialog.waitFor({ state: 'hidden', ...WAIT });
  }, 60_000);
});
