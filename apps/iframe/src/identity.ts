/**
 * The verified identity: the one `GET /api/me` of this app instance, which the entry starts
 * before React has loaded. No React here (the entry imports it) and no data library: the
 * start-up JS has a budget, and one request needs no cache. Its outcome can be read at once,
 * so a UI that mounts after the answer shows the identity in its first render.
 */
import type { Me } from './api.ts';

export interface Identity {
  me: Me | undefined;
  error: Error | undefined;
}

export interface IdentityResource {
  get(): Identity;
  subscribe(onChange: () => void): () => void;
  /** Resolves once the request has settled, either way. */
  settled: Promise<void>;
}

const PENDING: Identity = { me: undefined, error: undefined };

export function identityFrom(request: Promise<Me>): IdentityResource {
  let current = PENDING;
  const listeners = new Set<() => void>();
  const settle = (next: Identity) => {
    current = next;
    for (const listener of [...listeners]) listener();
  };
  const settled = request.then(
    (me) => settle({ me, error: undefined }),
    (error: unknown) =>
      settle({ me: undefined, error: error instanceof Error ? error : new Error(String(error)) }),
  );
  return {
    get: () => current,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    settled,
  };
}
