import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const BOT = 'xoxb-1111-2222-abcdefSECRETbot';
const APP = 'xapp-1-A111-2222-abcdefSECRETapp';
const SIGNING = '0123456789abcdef0123456789abcdef';

function errorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe('loadConfig', () => {
  it('picks Socket Mode with a bot token and an app token', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP })).toEqual({
      mode: 'socket',
      botToken: BOT,
      appToken: APP,
      logLevel: 'info',
    });
  });

  it('picks HTTP mode with a bot token and a signing secret, on PORT or 3000', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING })).toMatchObject({
      mode: 'http',
      port: 3000,
      signingSecret: SIGNING,
    });
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING, PORT: '0' })).toMatchObject({
      mode: 'http',
      port: 0,
    });
  });

  it('runs the playground when no Slack credentials are set, treating empty values as unset', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '  ', PORT: '4000' })).toEqual({
      mode: 'playground',
      port: 4000,
      logLevel: 'info',
    });
  });

  it('forces the playground with the option even when Slack variables are set (or malformed)', () => {
    const config = loadConfig(
      { SLACK_BOT_TOKEN: 'nonsense', SLACK_APP_TOKEN: APP },
      { forcePlayground: true },
    );
    expect(config.mode).toBe('playground');
  });

  it('normalises SLACK_API_URL with a trailing slash and reads LOG_LEVEL', () => {
    expect(
      loadConfig({
        SLACK_BOT_TOKEN: BOT,
        SLACK_APP_TOKEN: APP,
        SLACK_API_URL: 'http://127.0.0.1:9999/api',
        LOG_LEVEL: 'DEBUG',
      }),
    ).toMatchObject({ slackApiUrl: 'http://127.0.0.1:9999/api/', logLevel: 'debug' });
  });

  it('names each malformed variable and its expected shape in one message, without echoing values', () => {
    const badBot = 'xoxp-user-token-SECRET1';
    const badApp = 'not-an-app-token-SECRET2';
    const error = errorOf({
      SLACK_BOT_TOKEN: badBot,
      SLACK_APP_TOKEN: badApp,
      PORT: '70000',
      SLACK_API_URL: 'ftp://SECRET3.example',
      LOG_LEVEL: 'loud',
    });
    expect(error.problems).toHaveLength(5);
    expect(error.message).toMatch(/SLACK_BOT_TOKEN .*xoxb-/);
    expect(error.message).toMatch(/SLACK_APP_TOKEN .*xapp-/);
    expect(error.message).toMatch(/PORT .*0 to 65535/);
    expect(error.message).toMatch(/SLACK_API_URL .*http/);
    expect(error.message).toMatch(/LOG_LEVEL .*debug, info, warn, error/);
    for (const secret of [badBot, badApp, 'SECRET3', 'loud']) expect(error.message).not.toContain(secret);
  });

  it('rejects a malformed signing secret without printing it', () => {
    const error = errorOf({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'short-secret-value' });
    expect(error.message).toMatch(/SLACK_SIGNING_SECRET .*32-character/);
    expect(error.message).not.toContain('short-secret-value');
    expect(error.message).not.toContain(BOT);
  });

  it('says what is missing from a partial set', () => {
    expect(errorOf({ SLACK_BOT_TOKEN: BOT }).message).toMatch(/SLACK_APP_TOKEN .*or SLACK_SIGNING_SECRET/);
    expect(errorOf({ SLACK_APP_TOKEN: APP }).message).toMatch(/SLACK_BOT_TOKEN is missing.*xoxb-/);
    expect(errorOf({ SLACK_SIGNING_SECRET: SIGNING }).message).toMatch(/SLACK_BOT_TOKEN is missing/);
  });
});
