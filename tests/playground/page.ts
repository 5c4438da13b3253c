import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { type Playground, startPlayground } from '../../src/playground/index.ts';
import { launchChromium } from './chromium.ts';

/** How long a step may wait for the page: fail at the step that went wrong, well before the test's timeout. */
export const WAIT = { timeout: 10_000 };

/** Picks an answer by the question's label, whether the modal shows it as a select or as radio buttons. */
export async function choose(dialog: Locator, question: string, answer: string): Promise<void> {
  const field = dialog.getByLabel(question, { exact: true });
  if (await field.evaluate((element) => element.tagName === 'SELECT')) {
    await field.selectOption({ label: answer });
  } else {
    await field.getByLabel(answer, { exact: true }).check();
  }
}

/** Page 1's questions answered for a web MVP with interactive latency, by a team strong in Python, new to Rust. */
export async function answerWebMvp(dialog: Locator): Promise<void> {
  await choose(dialog, 'What are you building?', 'Web backend or API service');
  await choose(dialog, 'Which stage is the project at?', 'MVP: product in months');
  await choose(dialog, 'What latency does it need?', 'Interactive: p99 around 100 ms');
  await choose(dialog, "How strong is the team's Python?", 'Strong: ships production code in it');
  await choose(dialog, "How strong is the team's Rust?", 'None: nobody on the team has used it');
}

/** Types `text` (a slash command) in the composer and sends it. */
export async function sendFromComposer(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

/** A new tab of `browser` on `url`, its steps bounded by {@link WAIT}. */
export async function openPage(browser: Browser, url: string, options: BrowserContextOptions): Promise<Page> {
  const page = await browser.newPage(options);
  page.setDefaultTimeout(WAIT.timeout);
  await page.goto(url);
  return page;
}

/** The playground on an in-memory database, and Chromium with one desktop-sized tab open on it. */
export interface PlaygroundInChromium {
  browser: Browser;
  playground: Playground;
  page: Page;
  close(): Promise<void>;
}

export async function openPlaygroundInChromium(): Promise<PlaygroundInChromium> {
  const browser = await launchChromium();
  let playground: Playground | undefined;
  const close = async () => {
    await browser.close();
    await playground?.close();
  };
  try {
    playground = await startPlayground({
      port: 0,
      logLevel: 'error',
      database: { kind: 'sqlite', path: ':memory:' },
    });
    const page = await openPage(browser, playground.url, { viewport: { width: 1360, height: 860 } });
    return { browser, playground, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
