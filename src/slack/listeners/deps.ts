import type { Store } from '../../store/types.ts';

/** What listeners need besides Bolt's arguments. */
export interface ListenerDeps {
  /** The app's store, opened when the app starts (listeners only run after that). */
  readonly store: () => Store;
  /** The time now: the system's, or a test's clock (round deadlines). */
  readonly clock: () => Date;
}
