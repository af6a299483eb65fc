/**
 * Browser helpers for the iframe app. They depend only on a `getAuth()` function, so they
 * work with the platform's SDK and with the local stand-in alike.
 */
import { type AuthFetch, createAuthFetch } from './auth-fetch.ts';
import { createAuthTokenCache, type GetAuth } from './auth-token-cache.ts';
import { createFetcher, type Fetcher } from './fetcher.ts';

export type { AuthFetch } from './auth-fetch.ts';
export type { AuthToken, GetAuth } from './auth-token-cache.ts';
export {
  ApiError,
  type ApiErrorFields,
  CLIENT_ERROR_CODES,
  InvalidAuthResultError,
} from './errors.ts';
export type { Fetcher } from './fetcher.ts';

export interface AuthClientOptions {
  /** The SDK's `getAuth`. */
  getAuth: GetAuth;
  /** Base URL of the partner API, e.g. `https://api.example.com`; paths are appended to it. */
  baseUrl?: string;
  /** Stop reusing a token this long before its `expiry_date`. Default 30 s. */
  refreshBeforeExpiryMs?: number;
  /** Clock in epoch ms, for tests. Default `Date.now`. */
  now?: () => number;
}

export interface AuthClient {
  /** A token valid for at least `refreshBeforeExpiryMs`; concurrent callers share one `getAuth()`. */
  getToken(): Promise<string>;
  /**
   * `fetch(baseUrl + path)` with `Authorization: Bearer …`. On a 401 whose JSON body has
   * `error.retryable === true` it drops the token and retries once; a `ReadableStream`
   * body cannot be sent twice, so such a request is not retried. Rejects with
   * `ApiError` `network_error` when no answer arrives, or with what `getAuth` rejected with.
   */
  authFetch: AuthFetch;
  /** For SWR: parsed JSON, `null` for 204/205, or an `ApiError`. */
  fetcher: Fetcher;
  /** Forgets the cached token, e.g. when the signed-in staff member changes. */
  clear(): void;
}

export const DEFAULT_REFRESH_BEFORE_EXPIRY_MS = 30_000;

export function createAuthClient(options: AuthClientOptions): AuthClient {
  const refreshBeforeExpiryMs = options.refreshBeforeExpiryMs ?? DEFAULT_REFRESH_BEFORE_EXPIRY_MS;
  if (!Number.isFinite(refreshBeforeExpiryMs) || refreshBeforeExpiryMs < 0) {
    throw new RangeError('refreshBeforeExpiryMs must be a non-negative number of milliseconds.');
  }
  const tokens = createAuthTokenCache({
    getAuth: options.getAuth,
    refreshBeforeExpiryMs,
    now: options.now ?? Date.now,
  });
  const authFetch = createAuthFetch(tokens, (options.baseUrl ?? '').replace(/\/+$/, ''));
  return {
    getToken: () => tokens.get(),
    authFetch,
    fetcher: createFetcher(authFetch),
    clear: () => tokens.clear(),
  };
}
