import type { MockTokenRequest } from '../shared/contract.ts';

/** What the host hands the app on `getAuth`: valid tokens, or one kind of bad token. */
export interface TokenMode {
  id: string;
  /** The button's accessible name. */
  label: string;
  /** The API error code the app should show; null when the app should work normally. */
  expectedCode: string | null;
  /** The `/__mock/tokens` body; null means the platform's own token API. */
  request(nowSec: number): MockTokenRequest | null;
}

export const VALID_MODE: TokenMode = {
  id: 'valid',
  label: 'Valid tokens',
  expectedCode: null,
  request: () => null,
};

export const TOKEN_MODES: readonly TokenMode[] = [
  VALID_MODE,
  {
    id: 'expired',
    label: 'Expired token',
    expectedCode: 'token_expired',
    // Issued 10 minutes ago with the usual lifetime: expired 5 minutes ago.
    request: (nowSec) => ({ claims: { iat: nowSec - 600 } }),
  },
  {
    id: 'wrong-audience',
    label: 'Wrong audience',
    expectedCode: 'invalid_audience',
    request: () => ({ claims: { aud: 'another-app' } }),
  },
  {
    id: 'tampered',
    label: 'Tampered token',
    expectedCode: 'invalid_signature',
    request: () => ({ tamper: true }),
  },
  {
    id: 'unknown-kid',
    label: 'Unknown key id',
    expectedCode: 'unknown_key',
    request: () => ({ header: { kid: crypto.randomUUID() } }),
  },
  {
    id: 'hs256',
    label: 'HS256 token',
    expectedCode: 'unsupported_algorithm',
    request: () => ({ signWith: 'hs256' }),
  },
];
