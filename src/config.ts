import { resolve } from 'node:path';
import { z } from 'zod';
import type { DatabaseLocation } from './store/types.ts';

/**
 * The app's configuration, read from the environment once at start-up. Nothing else in the app reads
 * `process.env`: the parsed `Config` is passed in.
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

interface CommonConfig {
  /** Web API base URL with a trailing slash (Bolt's `clientOptions.slackApiUrl`); absent means Slack's. */
  readonly slackApiUrl?: string;
  readonly logLevel: LogLevelName;
  /** Where decisions are kept (DATABASE_URL); SQLite under data/ by default. */
  readonly database: DatabaseLocation;
}

export interface SocketModeConfig extends CommonConfig {
  readonly mode: 'socket';
  readonly botToken: string;
  readonly appToken: string;
}

export interface HttpModeConfig extends CommonConfig {
  readonly mode: 'http';
  readonly botToken: string;
  readonly signingSecret: string;
  /** 0 asks the OS for a free port. */
  readonly port: number;
}

export interface PlaygroundConfig extends CommonConfig {
  readonly mode: 'playground';
  readonly port: number;
}

/**
 * Distribution mode (issue 13): installed with "Add to Slack" in any number of workspaces over HTTP, each
 * workspace's bot token kept (encrypted) in the database rather than in the environment.
 */
export interface DistributionConfig extends CommonConfig {
  readonly mode: 'distribution';
  readonly clientId: string;
  readonly clientSecret: string;
  readonly signingSecret: string;
  /** Signs the OAuth state, so that any instance can verify a state another one issued. */
  readonly stateSecret: string;
  /** TOKEN_ENCRYPTION_KEY: 32 bytes for AES-256-GCM. */
  readonly tokenEncryptionKey: Buffer;
  /** Where "Add to Slack" sends people: Slack's authorize page unless SLACK_OAUTH_AUTHORIZE_URL says otherwise. */
  readonly authorizeUrl: string;
  /** 0 asks the OS for a free port. */
  readonly port: number;
}

export type Config = SocketModeConfig | HttpModeConfig | PlaygroundConfig | DistributionConfig;
export type SlackConfig = SocketModeConfig | HttpModeConfig | DistributionConfig;

/** Thrown with one message naming every bad variable; it never contains a variable's value. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      [
        'The configuration is not valid:',
        ...problems.map((p) => `  - ${p}`),
        '',
        'Set these in the environment or in .env (see .env.example). With no Slack variables at all,',
        '`npm start` runs the local playground instead.',
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}

const BOT_TOKEN_SHAPE =
  'should be the Bot User OAuth Token, starting with xoxb- (api.slack.com/apps → your app → OAuth & Permissions)';
const APP_TOKEN_SHAPE =
  'should be an app-level token with the connections:write scope, starting with xapp- (Basic Information → App-Level Tokens)';
const SIGNING_SECRET_SHAPE =
  'should be the 32-character hexadecimal Signing Secret (Basic Information → App Credentials)';
const CLIENT_ID_SHAPE =
  'should be the Client ID, digits, a dot and digits such as 1234567890.1234567890123 (Basic Information → App Credentials)';
const CLIENT_SECRET_SHAPE =
  'should be the 32-character hexadecimal Client Secret (Basic Information → App Credentials)';
const STATE_SECRET_SHAPE =
  'should be a random string of at least 32 characters, the same on every instance (it signs the OAuth state), such as the output of `openssl rand -hex 32`';
const TOKEN_KEY_SHAPE =
  'should be 64 hexadecimal characters (a 32-byte key), the same on every instance, such as the output of `openssl rand -hex 32`';

/** Slack's own page; GovSlack and tests set another with SLACK_OAUTH_AUTHORIZE_URL. */
export const DEFAULT_OAUTH_AUTHORIZE_URL = 'https://slack.com/oauth/v2/authorize';

/** Empty values count as unset: `.env` files often keep `NAME=` lines as placeholders. */
const optionalText = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string().trim().optional(),
);

const envSchema = z.object({
  SLACK_BOT_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^xoxb-[A-Za-z0-9-]+$/, BOT_TOKEN_SHAPE)
      .optional(),
  ),
  SLACK_APP_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^xapp-[A-Za-z0-9-]+$/, APP_TOKEN_SHAPE)
      .optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9a-fA-F]{32}$/, SIGNING_SECRET_SHAPE)
      .optional(),
  ),
  SLACK_CLIENT_ID: optionalText.pipe(
    z
      .string()
      .regex(/^\d+\.\d+$/, CLIENT_ID_SHAPE)
      .optional(),
  ),
  SLACK_CLIENT_SECRET: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9a-fA-F]{32}$/, CLIENT_SECRET_SHAPE)
      .optional(),
  ),
  SLACK_STATE_SECRET: optionalText.pipe(z.string().min(32, STATE_SECRET_SHAPE).optional()),
  TOKEN_ENCRYPTION_KEY: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, TOKEN_KEY_SHAPE)
      .transform((hex) => Buffer.from(hex, 'hex'))
      .optional(),
  ),
  SLACK_OAUTH_AUTHORIZE_URL: optionalText.pipe(
    z
      .url({
        protocol: /^https?$/,
        error: `should be an http(s) URL of Slack's OAuth authorize page, such as ${DEFAULT_OAUTH_AUTHORIZE_URL}`,
      })
      .optional(),
  ),
  PORT: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, 'should be a port number from 0 to 65535 (0 picks a free port)')
      .transform(Number)
      .refine((n) => n <= 65_535, 'should be a port number from 0 to 65535 (0 picks a free port)')
      .optional(),
  ),
  SLACK_API_URL: optionalText.pipe(
    z
      .url({
        protocol: /^https?$/,
        error: 'should be an http(s) URL of a Slack-compatible Web API, such as https://slack.com/api/',
      })
      .transform((url) => (url.endsWith('/') ? url : `${url}/`))
      .optional(),
  ),
  LOG_LEVEL: optionalText.pipe(
    z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(z.enum(LOG_LEVELS, { error: `should be one of ${LOG_LEVELS.join(', ')}` }))
      .optional(),
  ),
});

export const DEFAULT_PORT = 3000;

/** The database when DATABASE_URL is unset, under the working directory (git-ignored). */
export const DEFAULT_SQLITE_PATH = 'data/rust-or-python.sqlite';

const DATABASE_URL_SHAPE = `should be sqlite:PATH or file:PATH (SQLite; sqlite::memory: for a database that ends with the process), or postgres://USER:PASSWORD@HOST:PORT/DATABASE (PostgreSQL); unset, it is SQLite in ${DEFAULT_SQLITE_PATH}`;

/**
 * DATABASE_URL as a database location, or undefined when it is none of the accepted forms. Relative SQLite
 * paths are taken from `cwd`.
 */
export function parseDatabaseUrl(value: string | undefined, cwd: string): DatabaseLocation | undefined {
  const text = value?.trim() ?? '';
  if (text === '') return { kind: 'sqlite', path: resolve(cwd, DEFAULT_SQLITE_PATH) };
  const sqlite = /^(?:sqlite|file):(?:\/\/)?(.+)$/i.exec(text);
  if (sqlite) {
    const path = sqlite[1] as string;
    return { kind: 'sqlite', path: path === ':memory:' ? path : resolve(cwd, path) };
  }
  if (/^postgres(?:ql)?:\/\//i.test(text)) {
    try {
      const url = new URL(text);
      return url.hostname === '' ? undefined : { kind: 'postgres', url: text };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The variables only distribution mode reads; any of them set (without SLACK_BOT_TOKEN) asks for that mode. */
const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
/** What distribution mode needs, with the shape each should have. */
const DISTRIBUTION_NEEDS = {
  SLACK_CLIENT_ID: CLIENT_ID_SHAPE,
  SLACK_CLIENT_SECRET: CLIENT_SECRET_SHAPE,
  SLACK_SIGNING_SECRET: SIGNING_SECRET_SHAPE,
  SLACK_STATE_SECRET: STATE_SECRET_SHAPE,
  TOKEN_ENCRYPTION_KEY: TOKEN_KEY_SHAPE,
} as const;

export interface LoadConfigOptions {
  /** `--playground` on the command line: run the local playground even when Slack variables are set. */
  readonly forcePlayground?: boolean;
  /** Where a relative SQLite path (and the default database) is taken from; the process's by default. */
  readonly cwd?: string;
}

/** Parses the environment into a `Config`, or throws a `ConfigError` naming every problem. */
export function loadConfig(env: NodeJS.ProcessEnv, options: LoadConfigOptions = {}): Config {
  const source = options.forcePlayground
    ? {
        ...env,
        SLACK_BOT_TOKEN: undefined,
        SLACK_APP_TOKEN: undefined,
        SLACK_SIGNING_SECRET: undefined,
        SLACK_CLIENT_ID: undefined,
        SLACK_CLIENT_SECRET: undefined,
        SLACK_STATE_SECRET: undefined,
        TOKEN_ENCRYPTION_KEY: undefined,
        SLACK_OAUTH_AUTHORIZE_URL: undefined,
      }
    : env;
  const parsed = envSchema.safeParse(source);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);

  const present = (name: string) => (source[name] ?? '').trim() !== '';
  const hasBot = present('SLACK_BOT_TOKEN');
  const hasApp = present('SLACK_APP_TOKEN');
  const hasSecret = present('SLACK_SIGNING_SECRET');
  const oauthSet = OAUTH_VARIABLES.filter(present);
  const distributing = oauthSet.length > 0;
  if (distributing && hasBot) {
    problems.push(
      `SLACK_BOT_TOKEN is set together with ${oauthSet.join(', ')}: a distributed app gets a bot token from each workspace's installation, so unset SLACK_BOT_TOKEN to distribute the app, or unset ${oauthSet.join(', ')} to run it in one workspace`,
    );
  } else if (distributing) {
    for (const [name, shape] of Object.entries(DISTRIBUTION_NEEDS)) {
      if (!present(name)) {
        problems.push(
          `${name} is missing: distributing the app (${OAUTH_VARIABLES.join(', ')}) needs it; it ${shape}`,
        );
      }
    }
    if (hasApp) {
      problems.push(
        'SLACK_APP_TOKEN is set, but a distributed app receives Slack requests over HTTP, not Socket Mode: unset it',
      );
    }
  } else if (!hasBot && (hasApp || hasSecret)) {
    problems.push(
      `SLACK_BOT_TOKEN is missing: it is needed with ${hasApp ? 'SLACK_APP_TOKEN' : 'SLACK_SIGNING_SECRET'}; it ${BOT_TOKEN_SHAPE}`,
    );
  } else if (hasBot && !hasApp && !hasSecret) {
    problems.push(
      'SLACK_BOT_TOKEN is set but the app cannot receive anything from Slack: also set SLACK_APP_TOKEN (xapp-…, Socket Mode, no public URL needed) or SLACK_SIGNING_SECRET (HTTP mode on PORT)',
    );
  }
  const database = parseDatabaseUrl(source.DATABASE_URL, options.cwd ?? process.cwd());
  if (database === undefined) problems.push(`DATABASE_URL ${DATABASE_URL_SHAPE}`);
  if (!parsed.success || problems.length > 0 || database === undefined) throw new ConfigError(problems);

  const {
    SLACK_BOT_TOKEN: botToken,
    SLACK_APP_TOKEN: appToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_CLIENT_ID: clientId,
    SLACK_CLIENT_SECRET: clientSecret,
    SLACK_STATE_SECRET: stateSecret,
    TOKEN_ENCRYPTION_KEY: tokenEncryptionKey,
  } = parsed.data;
  const common = {
    logLevel: parsed.data.LOG_LEVEL ?? 'info',
    database,
    ...(parsed.data.SLACK_API_URL === undefined ? {} : { slackApiUrl: parsed.data.SLACK_API_URL }),
  } as const;
  const port = parsed.data.PORT ?? DEFAULT_PORT;

  if (
    clientId !== undefined &&
    clientSecret !== undefined &&
    signingSecret !== undefined &&
    stateSecret !== undefined &&
    tokenEncryptionKey !== undefined
  ) {
    return {
      mode: 'distribution',
      clientId,
      clientSecret,
      signingSecret,
      stateSecret,
      tokenEncryptionKey,
      authorizeUrl: parsed.data.SLACK_OAUTH_AUTHORIZE_URL ?? DEFAULT_OAUTH_AUTHORIZE_URL,
      port,
      ...common,
    };
  }
  // Both present: Socket Mode wins, as it needs no public URL (the signing secret is simply unused).
  if (botToken !== undefined && appToken !== undefined) {
    return { mode: 'socket', botToken, appToken, ...common };
  }
  if (botToken !== undefined && signingSecret !== undefined) {
    return { mode: 'http', botToken, signingSecret, port, ...common };
  }
  // The checks above leave only one case here: no Slack credentials at all.
  return { mode: 'playground', port, ...common };
}
