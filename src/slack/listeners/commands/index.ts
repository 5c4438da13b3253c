import type { App } from '@slack/bolt';
import { RUST_OR_PYTHON_COMMAND, rustOrPythonCommand } from './rust-or-python.ts';

export function register(app: App): void {
  app.command(RUST_OR_PYTHON_COMMAND, rustOrPythonCommand);
}
