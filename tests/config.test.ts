import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_OAUTH_AUTHORIZE_URL, loadConfig } from '../src/config.ts';

const BOT = 'xoxb-1111-2222-abcdefSECRETbot';
const APP = 'xapp-1-A111-2222-abcdefSECRETapp';
const SIGNING = '0123456789abcdef0123456789abcdef';
const CLIENT_ID = '1234567890.9876543210123';
const CLIENT_SECRET = 'fedcba9876543210fedcba9876543210';
const STATE_SECRET = 'state-secret-that-is-long-enough-SECRETstate';
const KEY_HEX = 'a1'.repeat(32);
/** Everything distribution mode needs. */
const DISTRIBUTION = {
  SLACK_CLIENT_ID: CLIENT_ID,
  SLACK_CLIENT_SECRET: CLIENT_SECRET,
  SLACK_SIGNING_SECRET: SIGNING,
  SLACK_STATE_SECRET: STATE_SECRET,
  TOKEN_ENCRYPTION_KEY: KEY_HEX,
};

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
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }, { cwd: '/srv/app' })).toEqual({
      mode: 'socket',
      botToken: BOT,
      appToken: APP,
      logLevel: 'info',
      database: { kind: 'sqlite', path: '/srv/app/data/rust-or-python.sqlite' },
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
    expect(
      loadConfig({ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '  ', PORT: '4000' }, { cwd: '/srv/app' }),
    ).toEqual({
      mode: 'playground',
      port: 4000,
      logLevel: 'info',
      database: { kind: 'sqlite', path: '/srv/app/data/rust-or-python.sqlite' },
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

  describe('DATABASE_URL', () => {
    const database = (value: string | undefined) =>
      loadConfig({ DATABASE_URL: value }, { cwd: '/srv/app' }).database;

    it('is SQLite under data/ in the working directory when unset or empty', () => {
      const expected = { kind: 'sqlite', path: '/srv/app/data/rust-or-python.sqlite' };
      expect(database(undefined)).toEqual(expected);
      expect(database('  ')).toEqual(expected);
    });

    it('takes sqlite:PATH and file:PATH, relative to the working directory, and sqlite::memory:', () => {
      expect(database('sqlite:var/db.sqlite')).toEqual({ kind: 'sqlite', path: '/srv/app/var/db.sqlite' });
      expect(database('file:/tmp/x.db')).toEqual({ kind: 'sqlite', path: '/tmp/x.db' });
      expect(database('sqlite:///tmp/y.db')).toEqual({ kind: 'sqlite', path: '/tmp/y.db' });
      expect(database('sqlite::memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
    });

    it('takes postgres:// and postgresql:// URLs as they are', () => {
      const url = 'postgresql://app:pw@db.internal:5433/decisions?sslmode=require';
      expect(database(url)).toEqual({ kind: 'postgres', url });
      expect(database('postgres://db/x')).toEqual({ kind: 'postgres', url: 'postgres://db/x' });
    });

    it('rejects anything else naming DATABASE_URL and the accepted forms, never the value', () => {
      expect(errorOf({ DATABASE_URL: 'postgres://' }).message).toContain('DATABASE_URL');
      for (const bad of ['mysql://root:hunter2@db/x', 'hunter2', 'http://db/x']) {
        const error = errorOf({ DATABASE_URL: bad });
        expect(error.message).toContain('DATABASE_URL');
        expect(error.message).toContain('sqlite:PATH');
        expect(error.message).toContain('postgres://');
        expect(error.message).not.toContain('hunter2');
        expect(error.message).not.toContain(bad);
      }
    });
  });

  describe('distribution mode', () => {
    it('is picked by the client id, client secret, signing secret and state secret without a bot token', () => {
      expect(loadConfig(DISTRIBUTION, { cwd: '/srv/app' })).toEqual({
        mode: 'distribution',
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        signingSecret: SIGNING,
        stateSecret: STATE_SECRET,
        tokenEncryptionKey: Buffer.alloc(32, 0xa1),
        authorizeUrl: 'https://slack.com/oauth/v2/authorize',
        port: 3000,
        logLevel: 'info',
        database: { kind: 'sqlite', path: '/srv/app/data/rust-or-python.sqlite' },
      });
      expect(DEFAULT_OAUTH_AUTHORIZE_URL).toBe('https://slack.com/oauth/v2/authorize');
    });

    it('takes PORT, SLACK_API_URL, DATABASE_URL and another authorize page', () => {
      expect(
        loadConfig({
          ...DISTRIBUTION,
          PORT: '0',
          SLACK_API_URL: 'http://127.0.0.1:9999/api',
          DATABASE_URL: 'postgres://db.internal/decisions',
          SLACK_OAUTH_AUTHORIZE_URL: 'http://127.0.0.1:9999/oauth/v2/authorize',
        }),
      ).toMatchObject({
        mode: 'distribution',
        port: 0,
        slackApiUrl: 'http://127.0.0.1:9999/api/',
        database: { kind: 'postgres', url: 'postgres://db.internal/decisions' },
        authorizeUrl: 'http://127.0.0.1:9999/oauth/v2/authorize',
      });
    });

    it('names each missing variable with its shape when only part of it is set', () => {
      const error = errorOf({ SLACK_CLIENT_ID: CLIENT_ID });
      expect(error.problems).toHaveLength(4);
      expect(error.message).toMatch(/SLACK_CLIENT_SECRET is missing.*32-character/);
      expect(error.message).toMatch(/SLACK_SIGNING_SECRET is missing.*Signing Secret/);
      expect(error.message).toMatch(/SLACK_STATE_SECRET is missing.*at least 32 characters/);
      expect(error.message).toMatch(/TOKEN_ENCRYPTION_KEY is missing.*64 hexadecimal.*openssl rand -hex 32/);
      expect(error.message).not.toContain(CLIENT_ID);
      const { TOKEN_ENCRYPTION_KEY: _, ...withoutKey } = DISTRIBUTION;
      expect(errorOf(withoutKey).problems).toEqual([
        expect.stringMatching(/^TOKEN_ENCRYPTION_KEY is missing/),
      ]);
    });

    it('names each malformed value without printing any', () => {
      const badClientSecret = 'fedcba9876543210fedcba98765432SC';
      const values = {
        SLACK_CLIENT_ID: 'client-SECRET1',
        SLACK_CLIENT_SECRET: badClientSecret,
        SLACK_SIGNING_SECRET: SIGNING,
        SLACK_STATE_SECRET: 'short-SECRET2',
        TOKEN_ENCRYPTION_KEY: `${'ab'.repeat(31)}SECRET3`,
        SLACK_OAUTH_AUTHORIZE_URL: 'ftp://SECRET4.example/authorize',
      };
      const error = errorOf(values);
      expect(error.problems).toHaveLength(5);
      expect(error.message).toMatch(/SLACK_CLIENT_ID .*1234567890\.1234567890123/);
      expect(error.message).toMatch(/SLACK_CLIENT_SECRET .*32-character hexadecimal Client Secret/);
      expect(error.message).toMatch(/SLACK_STATE_SECRET .*at least 32 characters/);
      expect(error.message).toMatch(/TOKEN_ENCRYPTION_KEY .*64 hexadecimal characters/);
      expect(error.message).toMatch(/SLACK_OAUTH_AUTHORIZE_URL .*http\(s\) URL/);
      for (const secret of ['SECRET1', 'SECRET2', 'SECRET3', 'SECRET4', badClientSecret]) {
        expect(error.message).not.toContain(secret);
      }
    });

    it('refuses a key of the wrong length (a 16-byte key is not AES-256)', () => {
      expect(errorOf({ ...DISTRIBUTION, TOKEN_ENCRYPTION_KEY: 'ab'.repeat(16) }).problems).toEqual([
        expect.stringMatching(/^TOKEN_ENCRYPTION_KEY should be 64 hexadecimal characters/),
      ]);
    });

    it('refuses a bot token next to the OAuth variables, naming both sides', () => {
      const error = errorOf({ ...DISTRIBUTION, SLACK_BOT_TOKEN: BOT });
      expect(error.problems).toHaveLength(1);
      expect(error.message).toMatch(
        /SLACK_BOT_TOKEN is set together with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET/,
      );
      expect(error.message).not.toContain(BOT);
    });

    it('refuses an app token: a distributed app is reached over HTTP', () => {
      expect(errorOf({ ...DISTRIBUTION, SLACK_APP_TOKEN: APP }).message).toMatch(
        /SLACK_APP_TOKEN is set, but a distributed app .* not Socket Mode/,
      );
    });

    it('leaves the other modes as they were when only the key or the authorize page is set', () => {
      const extras = { TOKEN_ENCRYPTION_KEY: KEY_HEX, SLACK_OAUTH_AUTHORIZE_URL: 'https://example.com/a' };
      expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, ...extras }).mode).toBe('socket');
      expect(loadConfig(extras).mode).toBe('playground');
    });

    it('gives way to the playground when forced, even with malformed OAuth values', () => {
      const config = loadConfig(
        { ...DISTRIBUTION, TOKEN_ENCRYPTION_KEY: 'nonsense', SLACK_STATE_SECRET: 'x' },
        { forcePlayground: true },
      );
      expect(config.mode).toBe('playground');
    });
  });
});
