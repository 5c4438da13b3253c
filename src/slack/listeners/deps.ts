import type { Store } from '../../store/types.ts';

/** What listeners need besides Bolt's arguments. */
export interface ListenerDeps {
  /** The app's store, opened when the app starts (listeners only run after that). */
  readonly store: () => Store;
}
