import type { Store } from '../../../store/types.ts';

/**
 * After a press is handled, how long a repeat still counts as the same press. A double click's second press
 * can land before the modal the first one opened is on screen: Slack shows it a moment after `views.open`
 * returns. Past this, the person has seen the modal, and pressing again is a new request.
 */
export const REPEAT_PRESS_GRACE_MS = 1_000;

/** How long a press counts as being handled at most (a handler that died holds its button no longer). */
const HANDLING_MS = 30_000;

/**
 * Presses of one button, by one person, in one place, so that a double press has a single effect. Each press
 * brings its own trigger_id, and both `views.open` calls succeed: Slack's `views.open` does not know a modal
 * is already open, and what the client then shows is not defined (a second form, or the first one replaced
 * while being filled in; submitting two forms would post two verdicts).
 *
 * The claims are in the store, so that with several app instances behind one Request URL the two presses of a
 * double click have one effect whichever instances they reach.
 */
export class RepeatPresses {
  constructor(
    private readonly store: () => Store,
    private readonly graceMs: number = REPEAT_PRESS_GRACE_MS,
  ) {}

  /**
   * Handles the press unless the same one is being handled or just was; true when it was handled here.
   * `key` names the button, the person and the place. When the store cannot say, the press is handled: a
   * rare double effect is better than a press that does nothing.
   */
  async once(key: string, handle: () => Promise<void>): Promise<boolean> {
    const now = Date.now();
    const claimed = await this.store()
      .claimPress(key, new Date(now), new Date(now + HANDLING_MS))
      .catch(() => true);
    if (!claimed) return false;
    try {
      await handle();
    } finally {
      await this.store()
        .extendPress(key, new Date(Date.now() + this.graceMs))
        .catch(() => undefined);
    }
    return true;
  }
}
