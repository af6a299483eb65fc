import { type AuthEvent, createVerifier, type Verifier } from '@partner/auth';
import { createAuthMetrics } from './metrics.ts';
import { settings } from './settings.ts';
import { processSingleton } from './singleton.ts';
import { verifierOptions } from './verifier-options.ts';

/**
 * One verifier per server process: it owns the JWKS cache and the verified-token cache. Created
 * on first use, not at import, because `next build` imports route modules without settings.
 */
function processVerifier(): Verifier {
  return processSingleton('verifier', () => {
    // Created here, at the first request, so a meter provider set up in instrumentation.ts applies.
    let created: Verifier | undefined;
    const authMetrics = createAuthMetrics(() => created?.jwksState());
    created = createVerifier({
      ...verifierOptions(settings()),
      onEvent: (event) => {
        logAuthEvent(event);
        authMetrics.record(event);
      },
    });
    return created;
  });
}

/** The process verifier, for `withAuth(verifier, …)` at module level. */
export const verifier: Verifier = {
  verify: (token, options) => processVerifier().verify(token, options),
  explain: (token, options) => processVerifier().explain(token, options),
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
