import type { App } from '@slack/bolt';
import { register as registerActions } from './actions/index.ts';
import { register as registerCommands } from './commands/index.ts';
import { register as registerEvents } from './events/index.ts';
import { register as registerShortcuts } from './shortcuts/index.ts';
import { register as registerViews } from './views/index.ts';

/** Every listener the app has; the manifest test derives what the manifests must declare from this. */
export function registerListeners(app: App): void {
  registerCommands(app);
  registerViews(app);
  registerActions(app);
  registerEvents(app);
  registerShortcuts(app);
}
