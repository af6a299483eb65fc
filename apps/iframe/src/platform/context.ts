/**
 * What the platform says about where the app runs (`getUser`, `getState`, ChangeView), kept
 * outside React so the entry can start it before the UI has loaded. Context for the UI only:
 * who the caller is comes from `/api/me`, which verifies the token.
 */
import type { PlatformState, PlatformUser, View } from '@intandem/sdk';

export interface PlatformContext {
  /** `getUser()`'s answer; null until it arrives, or when it failed. */
  user: PlatformUser | null;
  /** `getState()`'s answer; null until it arrives, or when it failed. */
  state: PlatformState | null;
  /** The view to show: `getState().view`, then each ChangeView. */
  view: View;
  /** Why `getUser()` or `getState()` gave nothing, when one failed. */
  error: Error | null;
}

export interface ContextStore {
  get(): PlatformContext;
  subscribe(onChange: () => void): () => void;
  update(change: Partial<PlatformContext>): void;
}

export const INITIAL_CONTEXT: PlatformContext = {
  user: null,
  state: null,
  view: 'team',
  error: null,
};

/** A store for `useSyncExternalStore`: each update is a new snapshot object. */
export function createContextStore(initial: PlatformContext = INITIAL_CONTEXT): ContextStore {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    update(change) {
      current = { ...current, ...change };
      for (const listener of [...listeners]) listener();
    },
  };
}

/** The app's one store. */
export const platformContext = createContextStore();
