import { type AuthEvent, createVerifier, type Verifier } from '@partner/auth';
import { settings } from './settings.ts';
import { processSingleton } from './singleton.ts';

/**
 * One verifier per server process: it owns the JWKS cache and the verified-token cache. Created
 * on first use, not at import, because `next build` imports route modules without settings.
 */
function processVerifier(): Verifier {
  return processSingleton('verifier', () => {
    const { jwksUrl, appCodeName, issuer, jwksCooldownMs, jwksCacheMaxAgeMs } = settings();
    return createVerifier({
      jwksUrl,
      audience: appCodeName,
      issuer,
      ...(jwksCooldownMs === undefined ? {} : { cooldownMs: jwksCooldownMs }),
      ...(jwksCacheMaxAgeMs === undefined ? {} : { cacheMaxAgeMs: jwksCacheMaxAgeMs }),
      onEvent: logAuthEvent,
    });
  });
}

/** The process verifier, for `withAuth(verifier, …)` at module level. */
export const verifier: Verifier = {
  verify: (token, options) => processVerifier().verify(token, options),
  jwksState: () => processVerifier().jwksState(),
  ensureJwks: () => processVerifier().ensureJwks(),
  exportJwks: () => processVerifier().exportJwks(),
};

/**
 * One JSON line per JWKS fetch, stale serve and rejection: enough to alert on, never a token.
 * Cache hits and successful verifications are too frequent to log; count them in metrics instead.
 */
function logAuthEvent(event: AuthEvent): void {
  if (event.type === 'jwks_fetch' || event.type === 'jwks_stale') {
    const level = event.type === 'jwks_fetch' && event.ok ? 'info' : 'warn';
    console[level](JSON.stringify({ at: new Date().toISOString(), source: 'auth', ...event }));
  } else if (event.type === 'token_rejected') {
    console.info(JSON.stringify({ at: new Date().toISOString(), source: 'auth', ...event }));
  }
}
