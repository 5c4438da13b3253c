import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_SLACK_IDS, type FakeSlack, startFakeSlack } from '../../src/playground/fake-slack/index.ts';
import { type PlaygroundServer, startPlaygroundServer } from '../../src/playground/server.ts';
import { findChromium, launchChromium } from './chromium.ts';

/** A directory holding an executable called `chromium`, and an empty one: PATHs with and without a browser. */
async function browserDirs(): Promise<{ dir: string; emptyDir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'chromium-finder-'));
  await writeFile(join(dir, 'chromium'), '#!/bin/sh\n');
  await chmod(join(dir, 'chromium'), 0o755);
  return { dir, emptyDir: await mkdtemp(join(tmpdir(), 'chromium-finder-empty-')) };
}

async function removeDirs(...dirs: string[]): Promise<void> {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
}

/**
 * Where the browser tests get Chromium: CHROMIUM_PATH, else a system Chromium or Chrome, else the one
 * shipped inside the @sparticuz/chromium dev dependency, so `npm test` needs no system package.
 */
describe('finding Chromium for the browser tests', () => {
  let dir: string;
  let emptyDir: string;

  beforeAll(async () => {
    ({ dir, emptyDir } = await browserDirs());
  });

  afterAll(() => removeDirs(dir, emptyDir));

  it('takes CHROMIUM_PATH first, and fails naming it when nothing runs there (no silent fallback)', async () => {
    const path = join(dir, 'chromium');
    expect(await findChromium({ CHROMIUM_PATH: path, PATH: emptyDir })).toEqual({
      path,
      source: 'CHROMIUM_PATH',
    });
    await expect(findChromium({ CHROMIUM_PATH: join(emptyDir, 'nothing'), PATH: dir })).rejects.toThrow(
      `CHROMIUM_PATH is set to ${join(emptyDir, 'nothing')}`,
    );
  });

  it('then a Chromium or Chrome on PATH', async () => {
    expect(await findChromium({ PATH: `${emptyDir}:${dir}` })).toEqual({
      path: join(dir, 'chromium'),
      source: 'system',
    });
  });

  it('refuses a CHROMIUM_SOURCE it does not know, saying which ones it takes', async () => {
    await expect(findChromium({ CHROMIUM_SOURCE: 'firefox', PATH: dir })).rejects.toThrow(
      'CHROMIUM_SOURCE must be "system" or "npm"',
    );
  });

  it('says how to get a browser when CHROMIUM_SOURCE=system finds none', async () => {
    await expect(findChromium({ CHROMIUM_SOURCE: 'system', PATH: emptyDir })).rejects.toThrow(
      /No Chromium or Chrome found on PATH.*apt-get install chromium/s,
    );
  });
});

// The npm package ships a Linux x64 build only; elsewhere the finder says so (tested above via system).
describe.runIf(process.platform === 'linux' && process.arch === 'x64')(
  'the Chromium inside @sparticuz/chromium (Linux x64)',
  () => {
    let fake: FakeSlack;
    let server: PlaygroundServer;
    let dir: string;
    let emptyDir: string;

    beforeAll(async () => {
      ({ dir, emptyDir } = await browserDirs());
      fake = await startFakeSlack({ signingSecret: 'chromium-finder-secret' });
      server = await startPlaygroundServer({ fake, userId: FAKE_SLACK_IDS.users.alice, port: 0 });
    });

    afterAll(async () => {
      await server?.close();
      await fake?.close();
      await removeDirs(dir, emptyDir);
    });

    it('is used when no system browser is on PATH, or when CHROMIUM_SOURCE=npm hides it', async () => {
      const fallback = await findChromium({ PATH: emptyDir });
      expect(fallback.source).toBe('npm');
      expect(await findChromium({ CHROMIUM_SOURCE: 'npm', PATH: dir })).toEqual(fallback);
    }, 60_000);

    it('runs headless and shows the playground page', async () => {
      const browser = await launchChromium({ CHROMIUM_SOURCE: 'npm', PATH: emptyDir });
      try {
        const page = await browser.newPage();
        await page.goto(server.url);
        await page.getByRole('heading', { name: '# general' }).waitFor({ timeout: 10_000 });
        // Text has width: the fonts shipped with the package are found even on a machine without any.
        const width = await page
          .getByRole('heading', { name: '# general' })
          .evaluate((element) => element.getBoundingClientRect().width);
        expect(width).toBeGreaterThan(20);
      } finally {
        await browser.close();
      }
    }, 60_000);
  },
);
