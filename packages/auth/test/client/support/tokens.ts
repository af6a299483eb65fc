import { vi } from 'vitest';
import type { AuthToken } from '../../../src/client/index.ts';

/** A getAuth spy that hands out token-1, token-2, … each valid for `ttlMs` from `now()`. */
export function tokenSource(now: () => number, ttlMs = 300_000) {
  let issued = 0;
  return vi.fn(async (): Promise<AuthToken> => {
    issued += 1;
    return { token: `token-${issued}`, expiry_date: new Date(now() + ttlMs).toISOString() };
  });
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2030, 0, 1)) {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
  };
}
