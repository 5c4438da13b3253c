import { mkdir } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Playground } from '../../src/playground/index.ts';
import {
  answerWebMvp,
  choose,
  openPage,
  openPlaygroundInChromium,
  type PlaygroundInChromium,
  sendFromComposer,
  WAIT,
} from './page.ts';

const SCREENSHOT = new URL('../../docs/screenshots/team-round.png', import.meta.url);

/** The answer a question shows as chosen, as the person reads it ('' when none is). */
async function chosen(dialog: Locator, question: string): Promise<string> {
  const field = dialog.getByLabel(question, { exact: true });
  return field.evaluate((element) => {
    if (element instanceof HTMLSelectElement)
      return element.value === '' ? '' : (element.selectedOptions[0]?.text ?? '');
    const checked = element.querySelector('input:checked');
    return checked ? (element.querySelector(`label[for="${checked.id}"]`)?.textContent ?? '') : '';
  });
}

/** Switches the page to another of the workspace's people with the header's switcher. */
async function actAs(page: Page, name: string): Promise<void> {
  await page.getByLabel('You are', { exact: true }).selectOption({ label: name });
  // The new person's snapshot has arrived once the status line no longer says it is connecting.
  await page
    .getByRole('status')
    .filter({ hasText: /Connecting as/ })
    .waitFor({ state: 'detached', ...WAIT });
}

/** Whom the page says it is acting as (once the page has read who is in the workspace). */
async function actingAs(page: Page): Promise<string> {
  return (await page.getByLabel('You are', { exact: true }).locator('option:checked').textContent()) ?? '';
}

const timelineOf = (page: Page) => page.getByRole('log', { name: 'Messages' });
/** The round message in #general: open (its count) or closed (the team's verdict). */
const roundMessageOf = (page: Page) =>
  timelineOf(page)
    .getByRole('article')
    .filter({ hasText: /Team round: Rust or Python\?|Team verdict from/ });
/** What only this person sees in #general, from the app. */
const privateNotesOf = (page: Page) =>
  timelineOf(page).getByRole('article').filter({ hasText: 'Only visible to you' });

/** A teammate presses Add my view, checks the form starts from the organiser's answers, changes latency. */
async function addMyView(page: Page, latency: string): Promise<void> {
  await roundMessageOf(page).getByRole('button', { name: 'Add my view' }).click();
  const page1 = page.getByRole('dialog', { name: 'Team round view (1/2)' });
  await page1.waitFor(WAIT);
  // The organiser's answers about the project, ready to keep or change.
  expect(await chosen(page1, 'What are you building?')).toBe('Web backend or API service');
  expect(await chosen(page1, 'Which stage is the project at?')).toBe('MVP: product in months');
  expect(await chosen(page1, 'What latency does it need?')).toBe('Interactive: p99 around 100 ms');
  expect(await page1.getByText('Orders API for the shop').count()).toBe(1);
  await choose(page1, 'What latency does it need?', latency);
  await page1.getByRole('button', { name: 'Next' }).click();
  const page2 = page.getByRole('dialog', { name: 'Team round view (2/2)' });
  await page2.waitFor(WAIT);
  await page2.getByRole('button', { name: 'Add my view' }).click();
  await page2.waitFor({ state: 'hidden', ...WAIT });
  await privateNotesOf(page).filter({ hasText: 'Your view is in' }).waitFor(WAIT);
}

/**
 * A team round with three people in one browser tab that switches between them (and a second tab that stays
 * bob's), as someone trying the app alone would run it: alice opens it naming bob and carol, each adds a
 * view, carol may not close it, alice does, and the round message becomes the team's verdict.
 */
describe('a team round in the playground, acting as three people', () => {
  let opened: PlaygroundInChromium | undefined;
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  let bobsTab: Page;

  beforeAll(async () => {
    opened = await openPlaygroundInChromium();
    ({ browser, playground, page } = opened);
  });

  afterAll(() => opened?.close());

  it('runs from /rust-or-python team to the team verdict, each person seeing only their own notes', async () => {
    expect(await actingAs(page)).toBe('alice');
    await sendFromComposer(page, '/rust-or-python team Orders API for the shop');

    const page1 = page.getByRole('dialog', { name: 'Team round (1/2)' });
    await page1.waitFor(WAIT);
    await answerWebMvp(page1);
    // Who should answer: the workspace's people to pick from; until when: 1 day unless changed.
    const who = page1.getByRole('group', { name: 'Who should answer?' });
    expect(
      await who
        .getByRole('checkbox')
        .evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).labels?.[0]?.textContent)),
    ).toEqual(['alice', 'bob', 'carol']);
    await who.getByLabel('bob', { exact: true }).check();
    await who.getByLabel('carol', { exact: true }).check();
    const until = page1.getByLabel('Open until', { exact: true });
    expect(await until.locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['In 1 hour', 'In 4 hours', 'In 1 day', 'In 3 days', 'In 1 week']),
    );
    expect(await chosen(page1, 'Open until')).toBe('In 1 day');
    await choose(page1, 'Open until', 'In 3 days');
    await page1.getByRole('button', { name: 'Next' }).click();

    const page2 = page.getByRole('dialog', { name: 'Team round (2/2)' });
    await page2.waitFor(WAIT);
    await choose(page2, 'Where does the time go?', 'I/O-bound: waiting on network, disk, databases');
    await page2.getByRole('button', { name: 'Start round' }).click();
    await page2.waitFor({ state: 'hidden', ...WAIT });

    const round = roundMessageOf(page);
    await round.getByText('1 of 3 answered').waitFor(WAIT);
    expect(await round.getByRole('button', { name: 'Add my view' }).count()).toBe(1);
    expect(await round.getByRole('button', { name: 'Close round' }).count()).toBe(1);

    // A second tab, opened as bob from the address: it follows the same round live.
    bobsTab = await openPage(browser, new URL('/#as=bob', playground.url).href, {
      viewport: { width: 1100, height: 800 },
    });
    expect(await actingAs(bobsTab)).toBe('bob');
    await roundMessageOf(bobsTab).getByText('1 of 3 answered').waitFor(WAIT);

    // bob, in the first tab: his own form, starting from alice's answers; his note is his alone.
    await actAs(page, 'bob');
    expect(new URL(page.url()).hash).toBe('#as=bob');
    await addMyView(page, 'Strict: p99 under 10 ms');
    await roundMessageOf(page).getByText('2 of 3 answered').waitFor(WAIT);

    await actAs(page, 'carol');
    expect(await privateNotesOf(page).count()).toBe(0);
    await addMyView(page, 'Interactive: p99 around 100 ms');
    await roundMessageOf(page).getByText('3 of 3 answered').waitFor(WAIT);
    // bob's tab saw it happen, without a reload, and shows only what bob was told.
    await roundMessageOf(bobsTab).getByText('3 of 3 answered').waitFor(WAIT);
    expect(await privateNotesOf(bobsTab).allTextContents()).toEqual([
      expect.stringContaining('Your view is in'),
    ]);

    // carol asks to close: Slack asks first; "Not yet" sends nothing, "Close round" is refused to her.
    const close = roundMessageOf(page).getByRole('button', { name: 'Close round' });
    await close.click();
    let confirm = page.getByRole('dialog', { name: 'Close the round?' });
    await confirm.waitFor(WAIT);
    expect(await confirm.getByText(/Only the organiser can close it/).count()).toBe(1);
    expect(await confirm.getByRole('button').allTextContents()).toEqual(['Not yet', 'Close round']);
    await confirm.getByRole('button', { name: 'Not yet' }).click();
    await confirm.waitFor({ state: 'detached', ...WAIT });
    await close.click();
    confirm = page.getByRole('dialog', { name: 'Close the round?' });
    await confirm.getByRole('button', { name: 'Close round' }).click();
    const refusals = privateNotesOf(page).filter({
      hasText: 'Only the organiser, @alice, can close this round.',
    });
    await refusals.waitFor(WAIT);
    expect(await refusals.count()).toBe(1);
    expect(await roundMessageOf(page).getByText('3 of 3 answered').count()).toBe(1);

    // alice closes it: the round message becomes the team's verdict, the details in its thread.
    await actAs(page, 'alice');
    expect(await privateNotesOf(page).count()).toBe(0);
    await roundMessageOf(page).getByRole('button', { name: 'Close round' }).click();
    await page
      .getByRole('dialog', { name: 'Close the round?' })
      .getByRole('button', { name: 'Close round' })
      .click();
    const verdict = roundMessageOf(page);
    await verdict.getByText(/Team verdict from 3 views/).waitFor(WAIT);
    expect(await verdict.getByRole('button', { name: 'Add my view' }).count()).toBe(0);
    expect(await verdict.getByRole('button', { name: 'Close round' }).count()).toBe(0);
    await roundMessageOf(bobsTab)
      .getByText(/Team verdict from 3 views/)
      .waitFor(WAIT);

    await verdict.getByRole('button', { name: /\d+ repl(y|ies)/ }).click();
    const thread = page.getByRole('complementary', { name: 'Thread' });
    const disagreements = thread
      .getByRole('article')
      .filter({ has: page.getByText('Where the team disagrees', { exact: true }) });
    await disagreements.waitFor(WAIT);
    // bob alone said strict: the thread gives the spread, and that the verdict does not hang on it.
    const said = (await disagreements.textContent()) ?? '';
    expect(said).toContain('Latency: 2 × Interactive: p99 around 100 ms, 1 × Strict: p99 under 10 ms');
    expect(said).toContain('The verdict is the same whichever of these is true.');
    await thread.getByText('Each person’s verdict beside the team’s', { exact: true }).waitFor(WAIT);

    // Frame the screenshot: the team's verdict, and the thread from where the team disagrees.
    await verdict.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await disagreements.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.mouse.move(0, 0);
    await mkdir(new URL('.', SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT.pathname });

    // A reload keeps whom each tab acts as.
    await bobsTab.reload();
    expect(await actingAs(bobsTab)).toBe('bob');
    await roundMessageOf(bobsTab)
      .getByText(/Team verdict from 3 views/)
      .waitFor(WAIT);
  }, 90_000);
});
