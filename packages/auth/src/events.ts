import type { AuthErrorCode, JwksFailure } from './errors.ts';

/** Why the verifier fetched the key set. */
export type JwksFetchReason = 'initial' | 'expired' | 'unknown_kid';

/**
 * What the verifier reports through `onEvent`, for metrics and logs. No event carries a token.
 */
export type AuthEvent =
  /** A JWKS fetch finished and its key set is in use. */
  | {
      type: 'jwks_fetch';
      ok: true;
      reason: JwksFetchReason;
      durationMs: number;
      httpStatus: number;
      keyCount: number;
    }
  /** A JWKS fetch failed; cached keys (if any) stay in use within `maxStaleMs`. */
  | {
      type: 'jwks_fetch';
      ok: false;
      reason: JwksFetchReason;
      durationMs: number;
      httpStatus: number | undefined;
      failure: JwksFailure;
    }
  /** The token's `kid` was (hit) or was not (miss) in the cached key set. */
  | { type: 'jwks_cache'; hit: boolean; kid: string }
  /** Keys older than `cacheMaxAgeMs` were used because the endpoint is failing. */
  | { type: 'jwks_stale'; ageMs: number }
  /** The exact token was (hit) or was not (miss) in the verified-token cache. */
  | { type: 'token_cache'; hit: boolean }
  /** A token was accepted. */
  | { type: 'token_verified'; kid: string; cached: boolean }
  /** A request was rejected. */
  | { type: 'token_rejected'; code: AuthErrorCode }
  /** A `verify` call settled, accepted (`ok`) or not, after `durationMs` (for latency metrics). */
  | { type: 'verification'; ok: boolean; durationMs: number };

/** Receives every {@link AuthEvent}. It must not throw; if it does, the error is ignored. */
export type AuthEventListener = (event: AuthEvent) => void;

/** Wraps a listener so a faulty metrics hook can never fail a request. */
export function safeEmitter(
  listener: AuthEventListener | undefined,
): AuthEventListener | undefined {
  if (listener === undefined) return undefined;
  return (event) => {
    try {
      listener(event);
    } catch {
      // A broken metrics hook must not turn into a failed authentication.
    }
  };
}
