import type { VerifierOptions } from '@partner/auth';
import type { Settings } from './settings.ts';

/**
 * The verifier options the API derives from its settings. The server and `pnpm inspect-token`
 * both build their verifier from this, so the inspector judges a token as the API does.
 */
export function verifierOptions(
  settings: Pick<
    Settings,
    'jwksUrl' | 'appCodeName' | 'issuer' | 'jwksCooldownMs' | 'jwksCacheMaxAgeMs'
  >,
): VerifierOptions {
  const { jwksUrl, appCodeName, issuer, jwksCooldownMs, jwksCacheMaxAgeMs } = settings;
  return {
    jwksUrl,
    audience: appCodeName,
    issuer,
    ...(jwksCooldownMs === undefined ? {} : { cooldownMs: jwksCooldownMs }),
    ...(jwksCacheMaxAgeMs === undefined ? {} : { cacheMaxAgeMs: jwksCacheMaxAgeMs }),
  };
}
