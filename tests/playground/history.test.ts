import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FAKE_SLACK_IDS } from '../../src/playground/fake-slack/index.ts';
import { type Playground, startPlayground } from '../../src/playground/index.ts';
import { isVerdictPost, renderedText, waitForCall } from '../helpers/app-calls.ts';
import { WEB_MVP_ESSENTIALS } from '../helpers/sample-answers.ts';

/** The playground keeps its decisions in a database file: closed and started again, it still has them. */

const { alice: ALICE } = FAKE_SLACK_IDS.users;
const { general: GENERAL } = FAKE_SLACK_IDS.channels;

const dir = mkdtempSync(join(tmpdir(), 'rop-playground-'));
const path = join(dir, 'playground.sqlite');
let playground: Playground | undefined;

afterEach(async () => {
  await playground?.close();
  playground = undefined;
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function start(): Promise<Playground> {
  return startPlayground({ port: 0, logLevel: 'error', database: { kind: 'sqlite', path } });
}

/** The decision lines of `/rust-or-python history` in #general, as the one who asked reads them. */
async function historyLines(p: Playground): Promise<string[]> {
  const result = await p.fake.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'history' });
  expect(result).toMatchObject({ status: 200, body: { response_type: 'ephemeral' } });
  return renderedText((result.body as { blocks?: unknown[] }).blocks ?? [])
    .flatMap((text) => text.split('\n'))
    .filter((line) => /^\*#\d+\*/.test(line) || /No decisions/.test(line));
}

describe('the playground keeps its history across restarts', () => {
  it('a decision made before a restart is listed after it, and numbering carries on', async () => {
    playground = await start();
    const first = playground;
    expect(await historyLines(first)).toEqual([expect.stringMatching(/No decisions in this channel yet/)]);

    const mark = first.fake.calls.length;
    await first.fake.slashCommand({ userId: ALICE, channelId: GENERAL });
    await waitForCall(first.fake, mark, (c) => c.method === 'views.open' && c.ok);
    await first.fake.submitView({ userId: ALICE, inputs: WEB_MVP_ESSENTIALS });
    await first.fake.submitView({ userId: ALICE });
    const verdict = await waitForCall(first.fake, mark, isVerdictPost(GENERAL));
    const ts = (verdict.response as { ts?: string } | undefined)?.ts;
    await waitForCall(first.fake, mark, (c) => c.method === 'chat.getPermalink' && c.args.message_ts === ts);
    expect(await historyLines(first)).toEqual([expect.stringMatching(/^\*#1\* · .* · Proposed · /)]);
    await first.close();
    playground = undefined;

    // A new playground: a new fake Slack (its channels empty), the same database file.
    playground = await start();
    const lines = await historyLines(playground);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\*#1\* · /);
    expect(lines[0]).toContain(`asked by <@${ALICE}>`);

    const again = playground.fake.calls.length;
    await playground.fake.slashCommand({ userId: ALICE, channelId: GENERAL });
    await waitForCall(playground.fake, again, (c) => c.method === 'views.open' && c.ok);
    await playground.fake.submitView({ userId: ALICE, inputs: WEB_MVP_ESSENTIALS });
    await playground.fake.submitView({ userId: ALICE });
    const second = await waitForCall(playground.fake, again, isVerdictPost(GENERAL));
    expect(renderedText(second.args.blocks).join('\n')).toMatch(/Decision #2\b/);
  });
});
