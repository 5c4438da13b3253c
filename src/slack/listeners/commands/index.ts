import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';
import { RUST_OR_PYTHON_COMMAND, rustOrPythonCommand } from './rust-or-python.ts';

export function register(app: App, deps: ListenerDeps): void {
  app.command(RUST_OR_PYTHON_COMMAND, rustOrPythonCommand(deps));
}
