import type { CompactJWSToken } from '@intandem/sdk/protocol';
import { errors, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_MODES, VALID_MODE } from '../../src/page/token-modes.ts';
import { startMockHost, type TestHost } from '../helpers/mock-host.ts';

let host: TestHost;
beforeAll(async () => {
  host = await startMockHost();
});
afterAll(() => host.close());

/** How jose reports the failure behind each API error code the panel promises. */
const JOSE_FAILURE: Record<string, (error: unknown) => boolean> = {
  token_expired: (error) => error instanceof errors.JWTExpired,
  invalid_audience: (error) =>
    error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud',
  invalid_signature: (error) => error instanceof errors.JWSSignatureVerificationFailed,
  unknown_key: (error) => error instanceof errors.JWKSNoMatchingKey,
  unsupported_algorithm: (error) => error instanceof errors.JOSEAlgNotAllowed,
};

async function tokenFor(request: NonNullable<ReturnType<(typeof VALID_MODE)['request']>>) {
  const { status, body } = await host.request<CompactJWSToken>('POST', '/__mock/tokens', request);
  expect(status).toBe(200);
  return body.token;
}

describe('token modes of the dev panel', () => {
  it('start with valid tokens from the platform API', () => {
    expect(TOKEN_MODES[0]).toBe(VALID_MODE);
    expect(VALID_MODE.request(0)).toBeNull();
    expect(VALID_MODE.expectedCode).toBeNull();
  });

  it('have unique ids and labels', () => {
    expect(new Set(TOKEN_MODES.map((mode) => mode.id)).size).toBe(TOKEN_MODES.length);
    expect(new Set(TOKEN_MODES.map((mode) => mode.label)).size).toBe(TOKEN_MODES.length);
  });

  it.each(TOKEN_MODES.filter((mode) => mode !== VALID_MODE).map((mode) => [mode.label, mode]))(
    '%s makes a token a verifier refuses for the promised reason',
    async (_label, mode) => {
      const request = mode.request(Math.floor(host.clock.now / 1000));
      expect(request).not.toBeNull();
      const token = await tokenFor(request ?? {});
      const outcome = await jwtVerify(token, await host.keySet(), {
        issuer: 'intandem',
        audience: 'demo-app',
        algorithms: ['RS256'],
        currentDate: new Date(host.clock.now),
      }).then(
        () => 'verified',
        (error: unknown) => error,
      );
      const matches = JOSE_FAILURE[mode.expectedCode ?? ''];
      expect(matches, `no jose failure known for ${mode.expectedCode}`).toBeDefined();
      expect(matches?.(outcome)).toBe(true);
    },
  );
});
