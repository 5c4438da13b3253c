import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppProcess } from '../../bench/app-process.ts';
import { runBurstLoad } from '../../bench/load-client.ts';
import { FAKE_SLACK_IDS, type FakeSlack, startFakeSlack } from '../../src/playground/fake-slack/index.ts';
import { startChildApp } from '../helpers/child-app.ts';
import { TEST_SIGNING_SECRET } from '../helpers/test-app.ts';

/**
 * A burst like a whole channel trying the bot at once: 2,000 signed slash commands, 32 at a time, each with
 * its own live trigger_id. Slack shows the user an error when the ack takes over 3 s.
 */
const COMMANDS = 2_000;
const CONCURRENCY = 32;
const SLACK_ACK_DEADLINE_MS = 3_000;
const USERS = Object.values(FAKE_SLACK_IDS.users);

interface Sent {
  triggerId: string;
  status: number;
  elapsedMs: number;
}

/** The app runs as its own process in HTTP mode with its production settings, as it would in a deployment. */
let fakeSlack: FakeSlack;
let app: AppProcess;
beforeAll(async () => {
  fakeSlack = await startFakeSlack({ signingSecret: TEST_SIGNING_SECRET, maxRecordedCalls: 10_000 });
  app = await startChildApp(fakeSlack, { logLevel: 'warn' });
});
afterAll(async () => {
  await app?.stop();
  await fakeSlack?.close();
});

async function sendOne(index: number): Promise<Sent> {
  const userId = USERS[index % USERS.length] ?? FAKE_SLACK_IDS.users.alice;
  const request = fakeSlack.prepareSlashCommand({ userId, channelId: FAKE_SLACK_IDS.channels.general });
  const triggerId = new URLSearchParams(request.body).get('trigger_id') ?? '';
  const started = performance.now();
  const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
  await response.arrayBuffer();
  return { triggerId, status: response.status, elapsedMs: performance.now() - started };
}

/** A bounded promise pool: CONCURRENCY workers take the next index until all are sent. */
async function sendAll(): Promise<Sent[]> {
  const results: Sent[] = [];
  let next = 0;
  const worker = async () => {
    while (next < COMMANDS) {
      const index = next;
      next += 1;
      results.push(await sendOne(index));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}

describe(`${COMMANDS} slash commands at concurrency ${CONCURRENCY}`, () => {
  it('acks every one with 200 within 3 s, opens exactly one modal per command, and stays healthy', async () => {
    const sent = await sendAll();

    expect(sent).toHaveLength(COMMANDS);
    const notOk = sent.filter((s) => s.status !== 200);
    expect(notOk, `non-200 acks: ${JSON.stringify(notOk.slice(0, 5))}`).toEqual([]);
    const slowest = Math.max(...sent.map((s) => s.elapsedMs));
    expect(slowest).toBeLessThan(SLACK_ACK_DEADLINE_MS);

    const triggers = new Set(sent.map((s) => s.triggerId));
    expect(triggers.size).toBe(COMMANDS);
    // views.open follows the ack, so the last few can still be on their way.
    const deadline = Date.now() + 5_000;
    const opensByTrigger = new Map<string, number>();
    const countOpens = () => {
      opensByTrigger.clear();
      for (const call of fakeSlack.calls) {
        const trigger = call.args.trigger_id;
        if (call.method !== 'views.open' || typeof trigger !== 'string' || !triggers.has(trigger)) continue;
        opensByTrigger.set(trigger, (opensByTrigger.get(trigger) ?? 0) + 1);
      }
    };
    countOpens();
    while (opensByTrigger.size < COMMANDS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      countOpens();
    }
    const missing = [...triggers].filter((id) => !opensByTrigger.has(id));
    const repeated = [...opensByTrigger].filter(([, n]) => n !== 1);
    expect(missing, 'commands without a views.open').toEqual([]);
    expect(repeated, 'trigger_ids opened more than once').toEqual([]);
    // Every modal actually opened: none of the trigger_ids had expired by the time the app used it.
    const failedOpens = fakeSlack.calls.filter((c) => c.method === 'views.open' && !c.ok);
    expect(failedOpens.map((c) => c.error)).toEqual([]);

    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
  }, 60_000);

  it("answers a channel trying it at once (the benchmark's bursts): every command acked, every modal opened", async () => {
    const bursts = await runBurstLoad({
      fakeSlack,
      targets: { app: app.eventsUrl },
      burstSize: 16,
      bursts: 3,
    });
    expect(bursts.app.commands).toBe(48);
    expect(bursts.app.failures).toBe(0);
    expect(bursts.app.ackMaxMs).toBeLessThan(SLACK_ACK_DEADLINE_MS);
    expect(bursts.app.viewsOpenP99Ms).toBeLessThan(SLACK_ACK_DEADLINE_MS);
  }, 30_000);
});
