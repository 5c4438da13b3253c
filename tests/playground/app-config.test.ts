import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_SLACK_IDS, type FakeSlack, startFakeSlack } from '../../src/playground/fake-slack/index.ts';
import { type PlaygroundServer, startPlaygroundServer } from '../../src/playground/server.ts';

const manifest = JSON.parse(
  await readFile(new URL('../../manifests/manifest.json', import.meta.url), 'utf8'),
);

/** What the page offers comes from the manifest the app is installed from, as in Slack's client. */
describe('the playground page and the app manifest', () => {
  let fake: FakeSlack;
  let server: PlaygroundServer;

  beforeAll(async () => {
    fake = await startFakeSlack({ signingSecret: 'app-config-secret' });
    server = await startPlaygroundServer({ fake, userId: FAKE_SLACK_IDS.users.alice, port: 0 });
  });

  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  it("serves the manifest's global shortcuts and its Messages tab settings", async () => {
    const response = await fetch(new URL('/app.json', server.url));
    expect(response.status).toBe(200);
    const shortcut = manifest.features.shortcuts.find((s: { type: string }) => s.type === 'global');
    expect(await response.json()).toEqual({
      shortcuts: [
        { name: shortcut.name, callbackId: shortcut.callback_id, description: shortcut.description },
      ],
      messagesTab: {
        enabled: manifest.features.app_home.messages_tab_enabled,
        readOnly: manifest.features.app_home.messages_tab_read_only_enabled,
      },
    });
  });

  it('refuses a shortcut the manifest does not declare, saying so', async () => {
    const response = await fetch(new URL('/actions/shortcut', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ callbackId: 'not_in_the_manifest' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      ok: false,
      message: 'The manifest has no global shortcut "not_in_the_manifest".',
    });
    expect(fake.calls).toEqual([]);
  });
});
