import type { AllMiddlewareArgs, GlobalShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { buildDecisionModal } from '../../blocks/index.ts';
import { openModal } from '../../deliver.ts';
import { describeIssues, globalShortcutPayload } from '../payloads.ts';

export const RUST_OR_PYTHON_SHORTCUT = 'rust_or_python';

/** The global shortcut "Rust or Python?": the modal with a channel picker, as no channel is implied. */
export async function rustOrPythonShortcut({
  ack,
  shortcut,
  client,
  logger,
}: AllMiddlewareArgs & SlackShortcutMiddlewareArgs<GlobalShortcut>): Promise<void> {
  await ack();
  const parsed = globalShortcutPayload.safeParse(shortcut);
  if (!parsed.success) {
    logger.error(`Malformed ${RUST_OR_PYTHON_SHORTCUT} shortcut payload: ${describeIssues(parsed.error)}`);
    return;
  }
  await openModal(
    { client, logger, userId: parsed.data.user.id, source: RUST_OR_PYTHON_SHORTCUT },
    parsed.data.trigger_id,
    buildDecisionModal({ page: 1, values: {}, metadata: {} }),
  );
}
