/**
 * The app's installations as Slack keeps them: OAuth v2 (the consent step, one-time codes, oauth.v2.access),
 * the tokens each installation holds, and which workspace a Web API token speaks for.
 *
 * Sources: docs.slack.dev/reference/methods/oauth.v2.access (arguments, error codes, "redirect_uri ... is
 * required if your app passed it as a parameter to oauth/authorization"), docs.slack.dev/authentication/
 * using-token-rotation (access tokens expire every 12 hours; a refresh token is revoked once used),
 * @slack/oauth's InstallProvider (what an app sends and reads), and the error codes Slack answers for a bot
 * token of an uninstalled app (account_inactive, bolt-python#1029, node-slack-sdk#367). Org-wide installs:
 * api.slack.com/enterprise/apps/reference (oauth.v2.access with `team: null`, `enterprise`,
 * `is_enterprise_install: true`; events' `authorizations[].is_enterprise_install`) and changes-apis (an org
 * token acts in many workspaces; some methods then take `team_id`).
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { JsonObject } from './types.ts';
import { SlackApiError, type Workspace } from './workspace.ts';

/** The app's OAuth credentials and settings, as on its app configuration page. */
export interface OAuthAppConfig {
  clientId: string;
  clientSecret: string;
  /**
   * The app's Redirect URLs. An authorize URL's `redirect_uri` must be one of them exactly; without one, Slack
   * uses the first. Left out, the fake accepts any http(s) `redirect_uri` (real Slack needs them configured).
   */
  redirectUris?: readonly string[];
  /** The bot scopes the app may ask for; an authorize URL asking for others is refused. Any, if left out. */
  scopes?: readonly string[];
  /** Token rotation on: installs get `xoxe.xoxb-` tokens that expire after 12 hours, and a refresh token. */
  tokenRotation?: boolean;
}

/** Where the consent step sends the person's browser: back to the app, with a code or with `error`. */
export interface AuthorizeOutcome {
  /** The app's redirect URL with `code` and `state` (or `error=access_denied` and `state`). */
  location: string;
  /** The one-time code, absent when the person cancelled. */
  code?: string;
}

/** OAuth v2 codes live 10 minutes (RFC 6749 §4.1.2 recommends at most that; Slack's are short-lived). */
export const OAUTH_CODE_TTL_MS = 10 * 60 * 1000;
/** An access token under token rotation expires after 12 hours (docs.slack.dev, using token rotation). */
export const ROTATED_TOKEN_TTL_SECONDS = 12 * 60 * 60;

/**
 * Who a Web API token speaks for; `tokenRef` names the token without revealing it, for the call log. An
 * org-wide install's token speaks for every workspace of `enterpriseId`; `teamId` is then the workspace it was
 * installed from, which serves a call that names no workspace of the org.
 */
export interface TokenOwner {
  teamId: string;
  tokenRef: string;
  enterpriseId?: string;
}

interface TokenRecord {
  teamId: string;
  /** Set for an org-wide install's token. */
  enterpriseId?: string;
  ref: string;
  /** Milliseconds on the fake's clock; absent for a token that never expires. */
  expiresAt?: number;
  revoked: boolean;
}

interface CodeRecord {
  teamId: string;
  /** The org being installed org-wide, when the consent was for the whole org. */
  enterpriseId?: string;
  userId: string;
  clientId: string;
  scopes: string[];
  /** The redirect_uri the authorize URL named, which the exchange must repeat. */
  sentRedirectUri?: string;
  /** Where the browser went: the sent one, or the app's first Redirect URL. */
  redirectUri: string;
  issuedAt: number;
  used: boolean;
}

interface Installation {
  /** The workspace the installer was in; for an org-wide install, the one whose bot speaks for the org. */
  teamId: string;
  enterpriseId?: string;
  installerUserId: string;
  scopes: Set<string>;
  botToken: string;
}

/** What an install or refresh hands the app. */
export interface Grant extends Installation {
  refreshToken?: string;
  /** Seconds until `botToken` expires, under token rotation. */
  expiresIn?: number;
}

const TOKEN_PATTERN = /^xox[bpa]-/;

/** Where an org-wide install is kept: apart from workspace installs (team ids start with T, orgs' with E). */
function orgKey(enterpriseId: string): string {
  return `enterprise:${enterpriseId}`;
}

function randomDigits(length: number): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < length) digits += String(randomInt(0, 10));
  return digits;
}

function splitScopes(value: string | null): string[] {
  return (value ?? '')
    .split(/[,\s]+/)
    .map((scope) => scope.trim())
    .filter((scope) => scope !== '');
}

export class AppAuth {
  private config: OAuthAppConfig | undefined;
  private readonly tokens = new Map<string, TokenRecord>();
  /** Refresh token -> team; a used one is deleted (Slack revokes a refresh token once it is exchanged). */
  private readonly refreshTokens = new Map<string, string>();
  private readonly codes = new Map<string, CodeRecord>();
  private readonly installations = new Map<string, Installation>();
  private readonly issued = new Map<string, number>();
  /** Whether the seeded workspace's unregistered tokens still work (until its app is uninstalled). */
  private defaultInstalled = true;

  /**
   * @param strictTokens true: only tokens this fake issued work; false: any `xox[bpa]-` token it does not
   *   know speaks for the seeded workspace; undefined: the latter until the first token is issued.
   */
  constructor(
    private readonly clock: () => number,
    private readonly strictTokens: boolean | undefined,
    private readonly defaultTeamId: string,
  ) {}

  configure(config: OAuthAppConfig): void {
    if (config.clientId === '' || config.clientSecret === '') {
      throw new Error('configureOAuth: clientId and clientSecret must not be empty');
    }
    for (const uri of config.redirectUris ?? []) {
      if (!/^https?:\/\//.test(uri)) throw new Error(`configureOAuth: ${uri} is not an absolute http(s) URL`);
    }
    this.config = { ...config };
  }

  /** The workspace a Web API token speaks for, or the error Slack answers for it. */
  owner(token: string | undefined): TokenOwner {
    if (token === undefined || token === '') throw new SlackApiError('not_authed');
    const record = this.tokens.get(token);
    if (record) {
      // A bot token of an app no longer installed: account_inactive, as Slack answers after an uninstall.
      if (record.revoked) throw new SlackApiError('account_inactive');
      if (record.expiresAt !== undefined && this.clock() >= record.expiresAt) {
        throw new SlackApiError('token_expired');
      }
      return {
        teamId: record.teamId,
        tokenRef: record.ref,
        ...(record.enterpriseId === undefined ? {} : { enterpriseId: record.enterpriseId }),
      };
    }
    const strict = this.strictTokens ?? this.tokens.size > 0;
    if (strict || !TOKEN_PATTERN.test(token)) throw new SlackApiError('invalid_auth');
    if (!this.defaultInstalled) throw new SlackApiError('account_inactive');
    return { teamId: this.defaultTeamId, tokenRef: 'unregistered' };
  }

  isInstalled(teamId: string): boolean {
    return this.installations.has(teamId) || (teamId === this.defaultTeamId && this.defaultInstalled);
  }

  /** Whether the app is installed org-wide in this Enterprise Grid org. */
  isOrgInstalled(enterpriseId: string | undefined): boolean {
    return enterpriseId !== undefined && this.installations.has(orgKey(enterpriseId));
  }

  /**
   * The consent step: the person approves (or cancels) the install that `url` (an app's authorize URL) asks
   * for. Throws where Slack shows an error page instead of redirecting: no OAuth configured, an unknown
   * client_id, a redirect_uri that is not one of the app's, no scopes, scopes the app does not have.
   */
  authorize(url: URL, ws: Workspace, userId: string, deny: boolean, orgWide = false): AuthorizeOutcome {
    const config = this.config;
    if (config === undefined) throw new Error('fake Slack: call configureOAuth first');
    if (!url.pathname.endsWith('/oauth/v2/authorize')) {
      throw new Error(`fake Slack: ${url.pathname} is not /oauth/v2/authorize (OAuth v2)`);
    }
    const params = url.searchParams;
    if (params.get('client_id') !== config.clientId) throw new Error('fake Slack: invalid client_id');
    const sentRedirectUri = params.get('redirect_uri') ?? undefined;
    const redirectUri = this.redirectFor(sentRedirectUri);
    const scopes = splitScopes(params.get('scope'));
    if (splitScopes(params.get('user_scope')).length > 0) {
      throw new Error('fake Slack: issues bot tokens only; user_scope is not supported');
    }
    if (scopes.length === 0) throw new Error('fake Slack: no scope in the authorize URL (no_scopes)');
    const unknown = config.scopes === undefined ? [] : scopes.filter((s) => !config.scopes?.includes(s));
    if (unknown.length > 0) throw new Error(`fake Slack: invalid_scope: ${unknown.join(',')}`);
    const team = params.get('team');
    if (team !== null && team !== ws.team.id) {
      throw new Error(`fake Slack: the authorize URL asks for team ${team}, not ${ws.team.id}`);
    }
    const person = ws.userOrThrow(userId);
    if (person.isBot) throw new Error(`fake Slack: ${userId} is a bot and cannot install apps`);
    const enterpriseId = ws.team.enterpriseId;
    if (orgWide && enterpriseId === undefined) {
      throw new Error(
        `fake Slack: ${ws.team.id} is in no Enterprise Grid org; there is no org to install in`,
      );
    }

    const location = new URL(redirectUri);
    const state = params.get('state');
    if (deny) {
      location.searchParams.set('error', 'access_denied');
      if (state !== null) location.searchParams.set('state', state);
      return { location: location.href };
    }
    const code = `${randomDigits(10)}.${randomDigits(13)}.${randomBytes(32).toString('hex')}`;
    this.codes.set(code, {
      teamId: ws.team.id,
      ...(orgWide && enterpriseId !== undefined ? { enterpriseId } : {}),
      userId: person.id,
      clientId: config.clientId,
      scopes,
      ...(sentRedirectUri === undefined ? {} : { sentRedirectUri }),
      redirectUri,
      issuedAt: this.clock(),
      used: false,
    });
    location.searchParams.set('code', code);
    if (state !== null) location.searchParams.set('state', state);
    return { location: location.href, code };
  }

  private redirectFor(sent: string | undefined): string {
    const configured = this.config?.redirectUris ?? [];
    if (sent === undefined) {
      const first = configured[0];
      if (first === undefined) throw new Error('fake Slack: no redirect_uri and no Redirect URL configured');
      return first;
    }
    if (configured.length > 0 ? !configured.includes(sent) : !/^https?:\/\//.test(sent)) {
      throw new Error(`fake Slack: redirect_uri did not match any configured URIs. Passed URI: ${sent}`);
    }
    return sent;
  }

  /**
   * oauth.v2.access: a code (or, under token rotation, a refresh token) for the installation's bot token.
   * Credentials come from HTTP Basic auth or the `client_id`/`client_secret` arguments; they are checked
   * before the code, so a request with a wrong secret does not use up the code.
   */
  exchange(
    args: JsonObject,
    basic: { id: string; secret: string } | undefined,
    workspace: (teamId: string) => Workspace,
  ): JsonObject {
    const config = this.config;
    const clientId = basic?.id ?? (typeof args.client_id === 'string' ? args.client_id : '');
    const clientSecret = basic?.secret ?? (typeof args.client_secret === 'string' ? args.client_secret : '');
    if (config === undefined || clientId !== config.clientId) throw new SlackApiError('invalid_client_id');
    if (clientSecret !== config.clientSecret) throw new SlackApiError('bad_client_secret');
    const grantType =
      typeof args.grant_type === 'string' && args.grant_type !== '' ? args.grant_type : 'authorization_code';
    if (grantType === 'refresh_token') return this.refresh(args, workspace);
    if (grantType !== 'authorization_code') throw new SlackApiError('invalid_grant_type');

    const code = typeof args.code === 'string' ? this.codes.get(args.code) : undefined;
    if (code === undefined || code.clientId !== config.clientId) throw new SlackApiError('invalid_code');
    // Slack documents no separate code for an expired one; invalid_code is what a stale code gets.
    if (this.clock() - code.issuedAt > OAUTH_CODE_TTL_MS) throw new SlackApiError('invalid_code');
    // Undocumented but real: a second exchange of one code answers code_already_used (omniauth-slack#54).
    if (code.used) throw new SlackApiError('code_already_used');
    const redirectUri =
      typeof args.redirect_uri === 'string' && args.redirect_uri !== '' ? args.redirect_uri : undefined;
    const redirectOk =
      code.sentRedirectUri === undefined
        ? redirectUri === undefined || redirectUri === code.redirectUri
        : redirectUri === code.sentRedirectUri;
    if (!redirectOk) throw new SlackApiError('bad_redirect_uri');
    code.used = true;

    const installed = workspace(code.teamId);
    const grant =
      code.enterpriseId === undefined
        ? this.install(installed, code.userId, code.scopes)
        : this.install(installed, code.userId, code.scopes, undefined, true);
    return this.accessResponse(installed, grant);
  }

  /**
   * Installs (or re-installs, adding scopes) the app in a workspace. A re-install keeps the bot token it
   * has (an assumption: Slack documents none); with token rotation every install gets a fresh access token
   * and refresh token. `token` registers a given bot token instead, as for an app installed from its
   * settings page with the token pasted into its configuration.
   */
  install(
    ws: Workspace,
    installerUserId: string,
    scopes: readonly string[],
    token?: string,
    orgWide = false,
  ): Grant {
    const teamId = ws.team.id;
    const enterpriseId = orgWide ? ws.team.enterpriseId : undefined;
    if (orgWide && enterpriseId === undefined) throw new Error(`fake Slack: ${teamId} is in no org`);
    // An org-wide install is the org's, whichever workspace the admin installed it from.
    const key = enterpriseId === undefined ? teamId : orgKey(enterpriseId);
    const org = enterpriseId === undefined ? {} : { enterpriseId };
    const existing = this.installations.get(key);
    const granted = new Set([...(existing?.scopes ?? []), ...scopes]);
    const rotation = this.config?.tokenRotation === true && token === undefined;
    if (token !== undefined && this.tokens.has(token))
      throw new Error('fake Slack: that token is already issued');
    if (existing !== undefined && !rotation && token === undefined) {
      existing.scopes = granted;
      return { ...existing };
    }
    const botToken =
      token ??
      (rotation
        ? `xoxe.xoxb-1-${randomBytes(48).toString('base64url')}`
        : `xoxb-${randomDigits(13)}-${randomDigits(13)}-${randomBytes(18).toString('base64url')}`);
    const installation = { teamId, ...org, installerUserId, scopes: granted, botToken };
    this.installations.set(key, installation);
    if (key === this.defaultTeamId) this.defaultInstalled = true;
    this.issueToken(installation, botToken, rotation ? ROTATED_TOKEN_TTL_SECONDS : undefined);
    if (!rotation) return { ...installation };
    const refreshToken = `xoxe-1-${randomBytes(48).toString('base64url')}`;
    this.refreshTokens.set(refreshToken, key);
    return { ...installation, refreshToken, expiresIn: ROTATED_TOKEN_TTL_SECONDS };
  }

  /** Registers a bot token; its ref counts tokens per workspace, or per org for an org-wide install. */
  private issueToken(
    installation: { teamId: string; enterpriseId?: string },
    token: string,
    expiresInSeconds: number | undefined,
  ): void {
    const { teamId, enterpriseId } = installation;
    const owner = enterpriseId ?? teamId;
    const n = (this.issued.get(owner) ?? 0) + 1;
    this.issued.set(owner, n);
    this.tokens.set(token, {
      teamId,
      ...(enterpriseId === undefined ? {} : { enterpriseId }),
      ref: `${owner}:bot:${n}`,
      revoked: false,
      ...(expiresInSeconds === undefined ? {} : { expiresAt: this.clock() + expiresInSeconds * 1000 }),
    });
  }

  /** grant_type=refresh_token: a new access token and refresh token; the refresh token used is spent. */
  private refresh(args: JsonObject, workspace: (teamId: string) => Workspace): JsonObject {
    const refreshToken = typeof args.refresh_token === 'string' ? args.refresh_token : '';
    const key = this.refreshTokens.get(refreshToken);
    const installation = key === undefined ? undefined : this.installations.get(key);
    if (key === undefined || installation === undefined) throw new SlackApiError('invalid_refresh_token');
    this.refreshTokens.delete(refreshToken);
    const botToken = `xoxe.xoxb-1-${randomBytes(48).toString('base64url')}`;
    const nextRefreshToken = `xoxe-1-${randomBytes(48).toString('base64url')}`;
    // The previous access token keeps working until it expires (an assumption: Slack does not say).
    this.issueToken(installation, botToken, ROTATED_TOKEN_TTL_SECONDS);
    this.refreshTokens.set(nextRefreshToken, key);
    installation.botToken = botToken;
    return this.accessResponse(workspace(installation.teamId), {
      ...installation,
      refreshToken: nextRefreshToken,
      expiresIn: ROTATED_TOKEN_TTL_SECONDS,
    });
  }

  /**
   * oauth.v2.access's answer: the fields @slack/oauth's InstallProvider reads. An org-wide install answers
   * `team: null`, the org in `enterprise` and `is_enterprise_install: true` (docs.slack.dev, "Organization-
   * wide apps" reference: the sample oauth.v2.access response).
   */
  private accessResponse(ws: Workspace, grant: Grant): JsonObject {
    const { enterpriseId, enterpriseName } = ws.team;
    const orgWide = grant.enterpriseId !== undefined;
    return {
      app_id: ws.bot.appId,
      authed_user: { id: grant.installerUserId },
      scope: [...grant.scopes].join(','),
      token_type: 'bot',
      access_token: grant.botToken,
      bot_user_id: ws.bot.userId,
      ...(grant.refreshToken === undefined
        ? {}
        : { refresh_token: grant.refreshToken, expires_in: grant.expiresIn }),
      team: orgWide ? null : { id: ws.team.id, name: ws.team.name },
      enterprise: enterpriseId === undefined ? null : { id: enterpriseId, name: enterpriseName ?? '' },
      is_enterprise_install: orgWide,
    };
  }

  /**
   * Removes the app from a workspace: its tokens stop working; the refresh tokens too. An org-wide install is
   * not removed this way (the fake has no org-wide uninstall): a workspace the org's install alone covers is
   * "not installed" here.
   */
  uninstall(teamId: string): void {
    if (!this.isInstalled(teamId)) throw new Error(`fake Slack: the app is not installed in ${teamId}`);
    this.installations.delete(teamId);
    if (teamId === this.defaultTeamId) this.defaultInstalled = false;
    // An org-wide install's tokens are the org's: removing the app from one workspace leaves them be.
    for (const record of this.tokens.values()) {
      if (record.teamId === teamId && record.enterpriseId === undefined) record.revoked = true;
    }
    for (const [token, team] of this.refreshTokens) if (team === teamId) this.refreshTokens.delete(token);
  }
}
