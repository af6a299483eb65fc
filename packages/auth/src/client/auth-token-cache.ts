/**
 * Keeps the current token in memory only (never storage, cookies or URLs) and makes
 * concurrent callers share one `getAuth()` call.
 */
import { InvalidAuthResultError } from './errors.ts';

export interface AuthToken {
  token: string;
  /** ISO 8601 expiry, as the platform returns it. */
  expiry_date: string;
}

export type GetAuth = () => Promise<AuthToken>;

interface AuthTokenCacheOptions {
  getAuth: GetAuth;
  /** Stop reusing a token this long before its expiry. */
  refreshBeforeExpiryMs: number;
  now: () => number;
}

export interface AuthTokenCache {
  /** A token valid for at least `refreshBeforeExpiryMs`, from memory or a fresh `getAuth()`. */
  get(): Promise<string>;
  /** Forgets `token` if it is still the cached one, e.g. after the API rejected it. */
  invalidate(token: string): void;
  /** Forgets everything, including a `getAuth()` still in flight. */
  clear(): void;
}

interface Cached {
  token: string;
  /** Epoch ms after which the token is no longer reused. */
  reuseUntil: number;
}

export function createAuthTokenCache(options: AuthTokenCacheOptions): AuthTokenCache {
  let cached: Cached | undefined;
  let pending: Promise<string> | undefined;
  // Bumped by clear(), so an answer requested before it is not cached after it.
  let generation = 0;

  async function fetchToken(requestedIn: number): Promise<string> {
    const auth: unknown = await options.getAuth();
    if (
      typeof auth !== 'object' ||
      auth === null ||
      !('token' in auth) ||
      typeof auth.token !== 'string' ||
      auth.token === ''
    ) {
      throw new InvalidAuthResultError();
    }
    const expiry = 'expiry_date' in auth ? Date.parse(String(auth.expiry_date)) : Number.NaN;
    const reuseUntil = expiry - options.refreshBeforeExpiryMs;
    // A token with an unreadable or too-near expiry is used for this call but never reused.
    if (requestedIn === generation && reuseUntil > options.now()) {
      cached = { token: auth.token, reuseUntil };
    }
    return auth.token;
  }

  return {
    get() {
      if (cached && cached.reuseUntil > options.now()) return Promise.resolve(cached.token);
      cached = undefined;
      if (!pending) {
        const request = fetchToken(generation).finally(() => {
          // A failure is not cached: the next call asks again.
          if (pending === request) pending = undefined;
        });
        pending = request;
      }
      return pending;
    },

    invalidate(token) {
      // Concurrent requests rejected with the same token then share a single refresh.
      if (cached?.token === token) cached = undefined;
    },

    clear() {
      generation += 1;
      cached = undefined;
      pending = undefined;
    },
  };
}
