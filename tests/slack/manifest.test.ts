import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { REDIRECT_PATH, registerInstallListeners } from '../../src/slack/distribution.ts';
import { registerListeners } from '../../src/slack/listeners/index.ts';

interface Manifest {
  features: {
    slash_commands?: { command: string; url?: string }[];
    shortcuts?: { callback_id: string; type: string }[];
    app_home?: { home_tab_enabled?: boolean };
  };
  oauth_config: { redirect_urls?: string[]; scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions?: { bot_events?: string[]; request_url?: string };
    interactivity?: { is_enabled?: boolean; request_url?: string };
    socket_mode_enabled?: boolean;
  };
}

function readManifest(name: string): Manifest {
  return JSON.parse(readFileSync(`manifests/${name}`, 'utf8'));
}

/** One workspace, with a bot token from the environment: Socket Mode and HTTP mode. */
const SINGLE_WORKSPACE_MANIFESTS: Record<string, Manifest> = {
  'manifest.json': readManifest('manifest.json'),
  'manifest.http.json': readManifest('manifest.http.json'),
};
/** "Add to Slack" in any workspace (distribution mode). */
const DISTRIBUTION_MANIFEST = 'manifest.distribution.json';
const MANIFESTS: Record<string, Manifest> = {
  ...SINGLE_WORKSPACE_MANIFESTS,
  [DISTRIBUTION_MANIFEST]: readManifest(DISTRIBUTION_MANIFEST),
};

/** A stand-in for Bolt's App recording what is registered on it, with the same registration methods. */
function recordingApp() {
  const found = {
    commands: [] as string[],
    shortcuts: [] as unknown[],
    events: [] as string[],
    actions: [] as string[],
    views: [] as string[],
  };
  const recorder = {
    command: (name: string) => found.commands.push(name),
    shortcut: (constraint: unknown) => found.shortcuts.push(constraint),
    event: (name: string) => found.events.push(name),
    action: (id: string) => found.actions.push(id),
    view: (id: string) => found.views.push(id),
  };
  return { found, app: recorder as unknown as App };
}

const noStore = () => {
  throw new Error('no store while listing listeners');
};

/** What registerListeners asks Bolt for: the listeners of every mode. */
function registrations() {
  const { found, app } = recordingApp();
  registerListeners(app, { store: noStore, clock: () => new Date() });
  return found;
}

/** The events registerInstallListeners handles: distribution mode only (uninstalls). */
function installEvents(): string[] {
  const { found, app } = recordingApp();
  registerInstallListeners(app, { store: noStore });
  return found.events;
}

/** Bot scopes each Web API method needs (docs.slack.dev/reference/methods, each method's page). */
const SCOPES_FOR_METHOD: Record<string, readonly string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  // No scope: any message in a conversation the app can see (docs.slack.dev/reference/methods/chat.getPermalink).
  'chat.getPermalink': [],
  // channels:join rather than chat:write.public: joining makes the bot a member, so the thread replies, the
  // landed-post check (conversations.history needs membership) and later updates of the message all work in
  // the channel; chat:write.public would post without those, and save only a join notice and one call.
  'conversations.join': ['channels:join'],
  'conversations.open': ['im:write'],
  // Looking for a post that may have landed before posting again (posting.ts), in each kind of conversation
  // the bot posts in; group DMs are left out: the bot never posts in one it is not part of.
  'conversations.history': ['channels:history', 'groups:history', 'im:history'],
  'conversations.replies': ['channels:history', 'groups:history', 'im:history'],
  'views.open': [],
  'views.update': [],
  'views.push': [],
  'views.publish': [],
  'auth.test': [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Every Web API method the app's Slack code calls: `client.<family>.<method>(`, the methods named in the
 * calls that send Block Kit as JSON text (`callWithBlockKit(client, '<family>.<method>'`), and the one the
 * lean views.open builds its URL for (`new URL('<family>.<method>', client.slackApiUrl)`).
 */
function webApiMethodsCalled(): string[] {
  const methods = new Set<string>();
  for (const file of sourceFiles('src/slack')) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/\bclient\.([a-z]+)\.([a-zA-Z]+)\(/g)) {
      methods.add(`${match[1]}.${match[2]}`);
    }
    for (const match of source.matchAll(/\bcallWithBlockKit\(\s*[\w.]+,\s*'([a-z]+\.[a-zA-Z]+)'/g)) {
      methods.add(match[1] ?? '');
    }
    // The lean client (views-open.ts) builds the method's URL on the Web API base itself.
    for (const match of source.matchAll(/\bnew URL\(\s*'([a-z]+\.[a-zA-Z]+)',\s*client\.slackApiUrl/g)) {
      methods.add(match[1] ?? '');
    }
  }
  return [...methods].sort();
}

describe('the manifests declare everything the code handles and calls', () => {
  const found = registrations();
  const uninstallEvents = installEvents();
  /** The bot events each manifest must subscribe to: what its mode handles, and nothing Slack would send unheard. */
  const eventsOf = (name: string) =>
    name === DISTRIBUTION_MANIFEST ? [...found.events, ...uninstallEvents] : found.events;

  it('finds the listeners and Web API calls it checks (so the checks below cannot pass vacuously)', () => {
    expect(found.commands.length).toBeGreaterThan(0);
    expect(found.events.length).toBeGreaterThan(0);
    expect(found.shortcuts.length).toBeGreaterThan(0);
    expect(found.actions.length + found.views.length).toBeGreaterThan(0);
    expect(webApiMethodsCalled()).toContain('chat.postMessage');
    expect(webApiMethodsCalled()).toContain('views.open');
    expect(uninstallEvents).toEqual(expect.arrayContaining(['app_uninstalled', 'tokens_revoked']));
  });

  for (const [name, manifest] of Object.entries(MANIFESTS)) {
    describe(name, () => {
      it('lists every slash command the code registers', () => {
        const declared = (manifest.features.slash_commands ?? []).map((c) => c.command);
        for (const command of found.commands) expect(declared).toContain(command);
      });

      it('lists every shortcut the code registers, with the same type', () => {
        const declared = (manifest.features.shortcuts ?? []).map((s) => ({
          callback_id: s.callback_id,
          type: s.type === 'global' ? 'shortcut' : 'message_action',
        }));
        for (const constraint of found.shortcuts) expect(declared).toContainEqual(constraint);
      });

      it('subscribes to exactly the events its mode handles, with the home tab on for app_home_opened', () => {
        const declared = manifest.settings.event_subscriptions?.bot_events ?? [];
        expect([...declared].sort()).toEqual([...new Set(eventsOf(name))].sort());
        if (found.events.includes('app_home_opened'))
          expect(manifest.features.app_home?.home_tab_enabled).toBe(true);
      });

      it('enables interactivity for the actions and view callbacks the code handles', () => {
        expect(manifest.settings.interactivity?.is_enabled).toBe(true);
      });

      it('grants a scope for every Web API method the code calls, and no scope the code does not need', () => {
        const granted = manifest.oauth_config.scopes.bot;
        const needed = new Set<string>(
          found.commands.length + found.shortcuts.length > 0 ? ['commands'] : [],
        );
        for (const method of webApiMethodsCalled()) {
          const scopes = SCOPES_FOR_METHOD[method];
          expect(scopes, `add the scopes ${method} needs to SCOPES_FOR_METHOD`).toBeDefined();
          for (const scope of scopes ?? []) needed.add(scope);
        }
        expect([...granted].sort()).toEqual([...needed].sort());
      });

      it('asks for no user token (the app acts as its bot only, and keeps no user tokens)', () => {
        expect(manifest.oauth_config.scopes.user ?? []).toEqual([]);
      });
    });
  }

  describe('the single-workspace manifests', () => {
    for (const [name, manifest] of Object.entries(SINGLE_WORKSPACE_MANIFESTS)) {
      it(`${name} subscribes to no uninstall event (only distribution mode handles them)`, () => {
        const declared = manifest.settings.event_subscriptions?.bot_events ?? [];
        for (const event of uninstallEvents) expect(declared).not.toContain(event);
      });
    }
  });

  describe(`${DISTRIBUTION_MANIFEST} (distribution mode)`, () => {
    const manifest = MANIFESTS[DISTRIBUTION_MANIFEST] as Manifest;

    it("sends Slack's OAuth redirect to the app's redirect route, over https", () => {
      const redirects = manifest.oauth_config.redirect_urls ?? [];
      expect(redirects.length).toBeGreaterThan(0);
      for (const redirect of redirects) {
        const url = new URL(redirect);
        expect(url.protocol).toBe('https:');
        expect(url.pathname).toBe(REDIRECT_PATH);
      }
    });

    it('receives everything over HTTP at the host of its redirect URL, not over Socket Mode', () => {
      expect(manifest.settings.socket_mode_enabled).toBe(false);
      const host = new URL(manifest.oauth_config.redirect_urls?.[0] ?? '').host;
      const requestUrls = [
        ...(manifest.features.slash_commands ?? []).map((c) => c.url),
        manifest.settings.event_subscriptions?.request_url,
        manifest.settings.interactivity?.request_url,
      ];
      for (const requestUrl of requestUrls) {
        expect(requestUrl).toBeDefined();
        const url = new URL(requestUrl ?? '');
        expect(`${url.protocol}//${url.host}${url.pathname}`).toBe(`https://${host}/slack/events`);
      }
    });
  });
});
