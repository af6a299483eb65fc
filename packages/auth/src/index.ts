export { checkSubject, type PlatformClaims, type StaffClaims } from './claims.ts';
export {
  AUTH_ERROR_CODES,
  AUTH_REALM,
  AuthError,
  type AuthErrorCode,
  type AuthErrorOptions,
  type AuthErrorSpec,
  type BearerErrorCode,
  JWKS_FAILURES,
  type JwksFailure,
  JwksFetchError,
  VerifierOptionsError,
} from './errors.ts';
export type { AuthEvent, AuthEventListener, JwksFetchReason } from './events.ts';
export type { Explanation, StepResult } from './explain.ts';
export { authenticate, toResponse } from './http.ts';
export { type JsonWebKeySet, type JwksSnapshot, MIN_RSA_MODULUS_BITS } from './jwks/keys.ts';
export { type JwksProbe, type JwksProbeOptions, probeJwks } from './jwks/probe.ts';
export type { JwksState } from './jwks/remote.ts';
export { DEFAULTS, RSA_ALGORITHMS, type RsaAlgorithm, type VerifierOptions } from './options.ts';
export { type StepName, VERIFICATION_STEPS } from './steps.ts';
export { MAX_TOKEN_LENGTH } from './token.ts';
export { createVerifier, type Verifier, type VerifyOptions } from './verifier.ts';
