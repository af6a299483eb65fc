import type { CompactJWSToken } from '@intandem/sdk/protocol';
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLOCK_TOLERANCE_SEC,
  MAX_TOKEN_LIFETIME_SEC,
  TOKEN_MODES,
  type TokenMode,
  VALID_MODE,
} from '../../src/page/token-modes.ts';
import type { MockTokenRequest } from '../../src/shared/contract.ts';
import { startMockHost, type TestHost } from '../helpers/mock-host.ts';

let host: TestHost;
beforeAll(async () => {
  host = await startMockHost();
});
afterAll(() => host.close());

type Outcome = 'verified' | unknown;

/**
 * How a plain jose verification (same options as the API's verifier) fails for each code the
 * panel promises, or, for the checks jose leaves to the verifier, what the token must hold.
 */
const FAILURE: Record<string, (token: string, outcome: Outcome) => boolean> = {
  token_expired: (_token, outcome) => outcome instanceof errors.JWTExpired,
  token_not_yet_valid: (_token, outcome) =>
    outcome instanceof errors.JWTClaimValidationFailed && outcome.claim === 'nbf',
  invalid_audience: (_token, outcome) =>
    outcome instanceof errors.JWTClaimValidationFailed && outcome.claim === 'aud',
  invalid_issuer: (_token, outcome) =>
    outcome instanceof errors.JWTClaimValidationFailed && outcome.claim === 'iss',
  invalid_signature: (_token, outcome) => outcome instanceof errors.JWSSignatureVerificationFailed,
  unknown_key: (_token, outcome) => outcome instanceof errors.JWKSNoMatchingKey,
  unsupported_algorithm: (_token, outcome) => outcome instanceof errors.JOSEAlgNotAllowed,
  // jose picks the only key of a one-key set even without a kid; the verifier requires one.
  missing_kid: (token) => !('kid' in decodeProtectedHeader(token)),
  invalid_subject: (token, outcome) =>
    outcome === 'verified' && decodeJwt(token).sub_type !== 'staff',
  token_lifetime_too_long: (token, outcome) => {
    const { exp = 0, iat = 0 } = decodeJwt(token);
    return outcome === 'verified' && exp - iat > MAX_TOKEN_LIFETIME_SEC;
  },
};

async function tokenFor(request: MockTokenRequest): Promise<string> {
  const { status, body } = await host.request<CompactJWSToken>('POST', '/__mock/tokens', request);
  expect(status).toBe(200);
  return body.token;
}

async function outcomeOf(mode: TokenMode): Promise<{ token: string; outcome: Outcome }> {
  const request = mode.request(Math.floor(host.clock.now / 1000));
  const token = request === null ? (await host.platformToken()).token : await tokenFor(request);
  const outcome = await jwtVerify(token, await host.keySet(), {
    issuer: 'intandem',
    audience: 'demo-app',
    algorithms: ['RS256'],
    clockTolerance: CLOCK_TOLERANCE_SEC,
    currentDate: new Date(host.clock.now),
  }).then(
    () => 'verified' as const,
    (error: unknown) => error,
  );
  return { token, outcome };
}

describe('token modes of the dev panel', () => {
  it('start with valid tokens from the platform API', () => {
    expect(TOKEN_MODES[0]).toBe(VALID_MODE);
    expect(VALID_MODE.request(0)).toBeNull();
    expect(VALID_MODE.expectedCode).toBeNull();
  });

  it('have unique ids, labels and steps', () => {
    for (const field of ['id', 'label', 'step'] as const) {
      expect(new Set(TOKEN_MODES.map((mode) => mode[field])).size).toBe(TOKEN_MODES.length);
    }
  });

  it('have labels no other label contains, so each button is found by its name alone', () => {
    for (const mode of TOKEN_MODES) {
      const others = TOKEN_MODES.filter((other) => other !== mode);
      expect(
        others.some((other) => other.label.toLowerCase().includes(mode.label.toLowerCase())),
      ).toBe(false);
    }
  });

  it.each(
    TOKEN_MODES.filter((mode) => mode.expectedCode === null).map((mode) => [mode.label, mode]),
  )('%s makes tokens that verify', async (_label, mode) => {
    expect((await outcomeOf(mode)).outcome).toBe('verified');
  });

  it.each(
    TOKEN_MODES.filter((mode) => mode.expectedCode !== null).map((mode) => [mode.label, mode]),
  )('%s makes a token refused for the promised reason', async (_label, mode) => {
    const { token, outcome } = await outcomeOf(mode);
    const matches = FAILURE[mode.expectedCode ?? ''];
    expect(matches, `no check known for ${mode.expectedCode}`).toBeDefined();
    expect(matches?.(token, outcome)).toBe(true);
  });
});
