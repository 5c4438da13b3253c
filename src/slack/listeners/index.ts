import type { App } from '@slack/bolt';
import { register as registerActions } from './actions/index.ts';
import { register as registerCommands } from './commands/index.ts';
import type { ListenerDeps } from './deps.ts';
import { register as registerEvents } from './events/index.ts';
import { register as registerShortcuts } from './shortcuts/index.ts';
import { register as registerViews } from './views/index.ts';

/** Every listener the app has; the manifest test derives what the manifests must declare from this. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);
  registerViews(app, deps);
  registerActions(app, deps);
  registerEvents(app, deps);
  registerShortcuts(app);
}
