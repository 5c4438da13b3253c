import { afterAll, describe, expect, it } from 'vitest';
import type { AppProcess } from '../../bench/app-process.ts';
import { FAKE_SLACK_IDS, type FakeSlack, startFakeSlack } from '../../src/playground/fake-slack/index.ts';
import { createRedactingLogger } from '../../src/slack/app.ts';
import { startChildApp } from '../helpers/child-app.ts';
import { WEB_MVP_ESSENTIALS } from '../helpers/sample-answers.ts';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/test-app.ts';

/**
 * LOG_LEVEL as an operator sets it: the app runs as its own process (`src/main.ts`) against the fake Slack,
 * and everything it prints is read back.
 */

const { alice: ALICE } = FAKE_SLACK_IDS.users;
const { general: GENERAL } = FAKE_SLACK_IDS.channels;
const COMMAND_TEXT = 'Quokka ledger migration for the R&D floor';
const DESCRIPTION = 'Zebra telemetry pipeline, 40k events per second, owned by the platform team';

const running: { fake: FakeSlack; app: AppProcess }[] = [];
afterAll(async () => {
  for (const { fake, app } of running) {
    await app.stop(1_000);
    await fake.close();
  }
});

async function startApp(logLevel: 'debug' | 'error'): Promise<{ fake: FakeSlack; app: AppProcess }> {
  const fake = await startFakeSlack({ signingSecret: TEST_SIGNING_SECRET });
  const app = await startChildApp(fake, { logLevel });
  running.push({ fake, app });
  return { fake, app };
}

/** A request no route answers: Bolt logs it at info ("Unhandled HTTP request (GET) made to /nowhere"). */
async function requestUnknownPath(app: AppProcess): Promise<void> {
  const response = await fetch(`${app.url}/nowhere`);
  await response.arrayBuffer();
}

describe('LOG_LEVEL', () => {
  it('error: info lines are not printed', async () => {
    const { app } = await startApp('error');
    await requestUnknownPath(app);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(app.output()).not.toMatch(/\[INFO\]/);
    expect(app.output()).not.toMatch(/Unhandled HTTP request/);
  });

  it('debug: a whole command → modal → verdict is logged, without tokens, secrets, response URLs or what the user typed', async () => {
    const { fake, app } = await startApp('debug');
    await requestUnknownPath(app);
    const since = Date.now();
    await fake.slashCommand({ userId: ALICE, channelId: GENERAL, text: COMMAND_TEXT });
    await fake.waitFor((c) => c.method === 'views.open' && c.ok && c.at >= since);
    await fake.submitView({ userId: ALICE, inputs: { ...WEB_MVP_ESSENTIALS, description: DESCRIPTION } });
    await fake.submitView({ userId: ALICE, inputs: { priorities: ['time-to-market'] } });
    const verdict = await fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.ok && c.args.thread_ts === undefined && c.at >= since,
    );
    expect(JSON.stringify(verdict.args)).toContain(DESCRIPTION);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const output = app.output();
    expect(output).toMatch(/Unhandled HTTP request \(GET\) made to \/nowhere/);
    expect(output).toMatch(/\[DEBUG\].*views\.open/);
    expect(output).toMatch(/\[DEBUG\].*chat\.postMessage/);
    for (const secret of [
      TEST_BOT_TOKEN,
      TEST_SIGNING_SECRET,
      `${fake.url}/response/`,
      COMMAND_TEXT,
      // Slack sends the command text entity-escaped, so the raw text above cannot appear; its words can.
      'Quokka ledger migration',
      DESCRIPTION,
      'Zebra telemetry',
    ]) {
      expect(output).not.toContain(secret);
    }
  });
});

describe('createRedactingLogger', () => {
  function logged(parts: unknown[], slackApiUrl?: string): string {
    const lines: string[] = [];
    const logger = createRedactingLogger('debug', ['s3cr3t-value'], (line) => lines.push(line), {
      ...(slackApiUrl === undefined ? {} : { slackApiUrl }),
    });
    logger.debug(...parts);
    return lines.join('\n');
  }

  it.each([
    ['plain', 'https://hooks.slack.com/commands/T0001/1234/abcdEFGH'],
    ['GovSlack', 'https://hooks.slack-gov.com/actions/T0001/1234/abcdEFGH'],
    ['JSON with escaped slashes', 'https:\\/\\/hooks.slack.com\\/commands\\/T0001\\/1234\\/abcdEFGH'],
    ['form-encoded', 'https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0001%2F1234%2FabcdEFGH'],
    ['upper-case host', 'HTTPS://HOOKS.SLACK.COM/commands/T0001/1234/abcdEFGH'],
  ])('removes a %s response URL wherever it appears', (_, url) => {
    const line = logged([`posting to ${url} now`]);
    expect(line).not.toContain('abcdEFGH');
    expect(line).not.toContain('T0001');
    expect(line).toContain('now');
  });

  it("removes response URLs on a Slack stand-in's host (SLACK_API_URL) but keeps its Web API URLs", () => {
    const line = logged(
      [
        'http request url: http://127.0.0.1:4567/api/chat.postMessage, reply to http://127.0.0.1:4567/response/r-42',
      ],
      'http://127.0.0.1:4567/api/',
    );
    expect(line).toContain('http://127.0.0.1:4567/api/chat.postMessage');
    expect(line).not.toContain('r-42');
  });

  it('keeps the ids of a JSON payload and drops the text in it', () => {
    const body = {
      channel: 'C0GENERAL',
      thread_ts: '1700000000.000100',
      text: 'Verdict for Zebra telemetry',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Zebra telemetry pipeline' } }],
      view: JSON.stringify({ type: 'modal', private_metadata: 'Zebra' }),
      user: { id: 'U0ALICE', name: 'alice' },
    };
    const line = logged([`http request body: ${JSON.stringify(body)}`]);
    expect(line).toContain('C0GENERAL');
    expect(line).toContain('1700000000.000100');
    expect(line).toContain('U0ALICE');
    expect(line).toContain('"section"');
    expect(line).not.toContain('Zebra');
    expect(line).not.toContain('alice');
  });

  it('still removes the secrets it is given and anything token-shaped', () => {
    const line = logged(['s3cr3t-value and xoxb-123-456-abcdef and xapp-1-A1-2-3abc']);
    expect(line).not.toContain('s3cr3t-value');
    expect(line).not.toContain('abcdef');
    expect(line).not.toContain('3abc');
  });
});
