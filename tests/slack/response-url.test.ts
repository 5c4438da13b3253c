import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSlackResponseUrl, postToResponseUrl } from '../../src/slack/listeners/response-url.ts';

/** A local HTTP server that counts what reaches it and answers with `answer`. */
async function countingServer(
  answer: (res: import('node:http').ServerResponse) => void,
): Promise<{ url: string; hits: () => number; server: Server }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits += 1;
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits: () => hits, server };
}

describe('which response_urls the app may post to', () => {
  it.each([
    'https://hooks.slack.com/commands/T0001/1234/abcdef',
    'https://hooks.slack.com/actions/T0001/1234/abcdef',
    'https://hooks.slack-gov.com/commands/T0001/1234/abcdef',
  ])("Slack's own hooks host: %s", (url) => {
    expect(isSlackResponseUrl(url, undefined)).toBe(true);
  });

  it.each([
    ['plain http', 'http://hooks.slack.com/commands/T0001/1234/abcdef'],
    ['another port', 'https://hooks.slack.com:8443/commands/T0001/1234/abcdef'],
    ['a look-alike host', 'https://hooks.slack.com.evil.example/commands/T0001'],
    ['Slack in the path only', 'https://evil.example/hooks.slack.com/commands/T0001'],
    ['credentials before the host', 'https://hooks.slack.com@evil.example/commands/T0001'],
    ['an internal address', 'http://169.254.169.254/latest/meta-data/'],
    ['not a URL', 'hooks.slack.com/commands/T0001'],
  ])('not %s', (_what, url) => {
    expect(isSlackResponseUrl(url, undefined)).toBe(false);
  });

  it("a Slack stand-in's own origin, only when SLACK_API_URL points at it", () => {
    const standIn = 'http://127.0.0.1:4000/api/';
    expect(isSlackResponseUrl('http://127.0.0.1:4000/response/abc', standIn)).toBe(true);
    expect(isSlackResponseUrl('http://127.0.0.1:4001/response/abc', standIn)).toBe(false);
    expect(isSlackResponseUrl('http://localhost:4000/response/abc', standIn)).toBe(false);
    expect(isSlackResponseUrl('http://127.0.0.1:4000/response/abc', undefined)).toBe(false);
    // Slack's own API URL makes slack.com no response_url host.
    expect(isSlackResponseUrl('https://slack.com/response/abc', 'https://slack.com/api/')).toBe(false);
  });
});

describe('posting to a response_url', () => {
  const servers: Server[] = [];
  let elsewhere: Awaited<ReturnType<typeof countingServer>>;
  let redirecting: Awaited<ReturnType<typeof countingServer>>;
  beforeAll(async () => {
    elsewhere = await countingServer((res) => {
      res.writeHead(200);
      res.end('ok');
    });
    redirecting = await countingServer((res) => {
      res.writeHead(302, { location: `${elsewhere.url}/stolen` });
      res.end();
    });
    servers.push(elsewhere.server, redirecting.server);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('refuses a host that is not Slack’s without sending anything', async () => {
    const before = elsewhere.hits();
    await expect(
      postToResponseUrl(`${elsewhere.url}/hook`, { text: 'x' }, { slackApiUrl: undefined, timeoutMs: 1_000 }),
    ).rejects.toThrow(/outside Slack/);
    expect(elsewhere.hits()).toBe(before);
  });

  it('does not follow a redirect, even from an allowed host', async () => {
    const before = elsewhere.hits();
    await expect(
      postToResponseUrl(
        `${redirecting.url}/response/abc`,
        { text: 'x' },
        { slackApiUrl: `${redirecting.url}/api/`, timeoutMs: 1_000 },
      ),
    ).rejects.toThrow();
    expect(redirecting.hits()).toBe(1);
    expect(elsewhere.hits()).toBe(before);
  });
});
