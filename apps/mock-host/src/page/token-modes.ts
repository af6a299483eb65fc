import type { MockTokenRequest } from '../shared/contract.ts';

/** The verifier's clock tolerance (`clockToleranceSec`, default 5 s). */
export const CLOCK_TOLERANCE_SEC = 5;
/** The verifier's longest accepted lifetime, `exp − iat` (`maxTokenLifetimeSec`, default 1 h). */
export const MAX_TOKEN_LIFETIME_SEC = 3600;

/** What the host hands the app on `getAuth`: valid tokens, or one kind of bad token. */
export interface TokenMode {
  id: string;
  /** The button's accessible name. */
  label: string;
  /** The API error code the app should show (all are 401s); null when the app should work. */
  expectedCode: string | null;
  /** The verification step the token tests, and why it passes or fails there. */
  step: string;
  /** The `/__mock/tokens` body; null means the platform's own token API. */
  request(nowSec: number): MockTokenRequest | null;
}

export const VALID_MODE: TokenMode = {
  id: 'valid',
  label: 'Valid tokens',
  expectedCode: null,
  step: 'every step: shape, alg, kid, key, signature, time claims, iss, aud, sub',
  request: () => null,
};

const SKEW_INSIDE_SEC = 3;
const SKEW_OUTSIDE_SEC = 30;
const LONG_LIFETIME_SEC = 2 * MAX_TOKEN_LIFETIME_SEC;

/** Issued `aheadSec` in the future, as by a platform whose clock runs ahead of the API's. */
const skewed = (nowSec: number, aheadSec: number): MockTokenRequest => ({
  claims: { iat: nowSec + aheadSec, nbf: nowSec + aheadSec },
});

export const TOKEN_MODES: readonly TokenMode[] = [
  VALID_MODE,
  {
    id: 'expired',
    label: 'Expired token',
    expectedCode: 'token_expired',
    step: `exp: passed 5 minutes ago, beyond the ${CLOCK_TOLERANCE_SEC} s clock tolerance`,
    // Issued 10 minutes ago with the usual lifetime: expired 5 minutes ago.
    request: (nowSec) => ({ claims: { iat: nowSec - 600 } }),
  },
  {
    id: 'wrong-audience',
    label: 'Wrong audience',
    expectedCode: 'invalid_audience',
    step: 'aud: "another-app" is not this app\'s code name',
    request: () => ({ claims: { aud: 'another-app' } }),
  },
  {
    id: 'wrong-issuer',
    label: 'Wrong issuer',
    expectedCode: 'invalid_issuer',
    step: 'iss: "another-issuer" is not "intandem"',
    request: () => ({ claims: { iss: 'another-issuer' } }),
  },
  {
    id: 'wrong-sub-type',
    label: 'Wrong sub_type',
    expectedCode: 'invalid_subject',
    step: 'sub_type: "client" is not "staff"',
    request: () => ({ claims: { sub_type: 'client' } }),
  },
  {
    id: 'tampered',
    label: 'Tampered token',
    expectedCode: 'invalid_signature',
    step: 'signature: the payload was changed after signing',
    request: () => ({ tamper: true }),
  },
  {
    id: 'unknown-kid',
    label: 'Unknown key id',
    expectedCode: 'unknown_key',
    step: 'key: no published key has this kid, even after refetching the JWKS',
    request: () => ({ header: { kid: crypto.randomUUID() } }),
  },
  {
    id: 'missing-kid',
    label: 'Missing kid',
    expectedCode: 'missing_kid',
    step: 'kid: the header names no key, so none is looked up',
    request: () => ({ header: { kid: null } }),
  },
  {
    id: 'hs256',
    label: 'HS256 token',
    expectedCode: 'unsupported_algorithm',
    step: 'alg: HS256 is not allowed (RS256 only), checked before any key is used',
    request: () => ({ signWith: 'hs256' }),
  },
  {
    id: 'skew-inside',
    label: `Clock ${SKEW_INSIDE_SEC} s ahead`,
    expectedCode: null,
    step: `iat / nbf: ${SKEW_INSIDE_SEC} s in the future, inside the ${CLOCK_TOLERANCE_SEC} s clock tolerance`,
    request: (nowSec) => skewed(nowSec, SKEW_INSIDE_SEC),
  },
  {
    id: 'skew-outside',
    label: `Clock ${SKEW_OUTSIDE_SEC} s ahead`,
    expectedCode: 'token_not_yet_valid',
    step: `iat / nbf: ${SKEW_OUTSIDE_SEC} s in the future, beyond the ${CLOCK_TOLERANCE_SEC} s clock tolerance`,
    request: (nowSec) => skewed(nowSec, SKEW_OUTSIDE_SEC),
  },
  {
    id: 'long-lifetime',
    label: 'Lifetime 2 h',
    expectedCode: 'token_lifetime_too_long',
    step: `lifetime: exp − iat is ${LONG_LIFETIME_SEC} s, over the ${MAX_TOKEN_LIFETIME_SEC} s maximum (the platform issues 300 s tokens)`,
    request: () => ({ ttlSec: LONG_LIFETIME_SEC }),
  },
];
