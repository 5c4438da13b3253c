import type { App } from '@slack/bolt';
import { RUST_OR_PYTHON_SHORTCUT, rustOrPythonShortcut } from './rust-or-python-shortcut.ts';

export function register(app: App): void {
  app.shortcut({ callback_id: RUST_OR_PYTHON_SHORTCUT, type: 'shortcut' }, rustOrPythonShortcut);
}
