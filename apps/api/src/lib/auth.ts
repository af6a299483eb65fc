import { type AuthEvent, createVerifier } from '@partner/auth';
import { env } from './env.ts';
import { processSingleton } from './singleton.ts';

/** One verifier per server process: it owns the JWKS cache and the verified-token cache. */
export const verifier = processSingleton('verifier', () =>
  createVerifier({
    jwksUrl: env.jwksUrl,
    audience: env.appCodeName,
    issuer: env.issuer,
    ...(env.jwksCooldownMs === undefined ? {} : { cooldownMs: env.jwksCooldownMs }),
    ...(env.jwksCacheMaxAgeMs === undefined ? {} : { cacheMaxAgeMs: env.jwksCacheMaxAgeMs }),
    onEvent: logAuthEvent,
  }),
);

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
