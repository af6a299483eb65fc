import { createVerifier } from '@partner/auth';
import { env } from './env.ts';

/** One verifier per server process: it owns the JWKS cache. */
export const verifier = createVerifier({
  jwksUrl: env.jwksUrl,
  audience: env.appCodeName,
  issuer: env.issuer,
});
