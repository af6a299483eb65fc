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
