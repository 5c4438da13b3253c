/**
 * After a press is handled, how long a repeat still counts as the same press. A double click's second press
 * can land before the modal the first one opened is on screen: Slack shows it a moment after `views.open`
 * returns. Past this, the person has seen the modal, and pressing again is a new request.
 */
export const REPEAT_PRESS_GRACE_MS = 1_000;

/**
 * Presses of one button, by one person, on one message, so that a double press has a single effect. Each
 * press brings its own trigger_id, and both `views.open` calls succeed: Slack's `views.open` does not know a
 * modal is already open, and what the client then shows is not defined (a second form, or the first one
 * replaced while being filled in; submitting two forms would post two verdicts).
 *
 * The memory is this process's: with several app instances behind one Request URL, two presses that reach
 * different instances both proceed. Sharing it needs a shared store (a unique key per button, person, message
 * and moment).
 */
export class RepeatPresses {
  /** Per press key: when it stops counting as a repeat (Infinity while its press is being handled). */
  private readonly busyUntil = new Map<string, number>();

  constructor(private readonly graceMs: number = REPEAT_PRESS_GRACE_MS) {}

  /**
   * Handles the press unless the same one is being handled or just was; true when it was handled here.
   * `key` names the button, the person and the message.
   */
  async once(key: string, handle: () => Promise<void>): Promise<boolean> {
    const now = Date.now();
    for (const [seen, until] of this.busyUntil) if (until <= now) this.busyUntil.delete(seen);
    if (this.busyUntil.has(key)) return false;
    this.busyUntil.set(key, Number.POSITIVE_INFINITY);
    try {
      await handle();
    } finally {
      this.busyUntil.set(key, Date.now() + this.graceMs);
    }
    return true;
  }
}
