import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, createVerifier } from '../src/index.ts';
import {
  AUDIENCE,
  createSigningKey,
  type SigningKey,
  signStaffToken,
  startJwksServer,
} from './support/jwks-server.ts';

let key: SigningKey;
let server: Awaited<ReturnType<typeof startJwksServer>>;

beforeAll(async () => {
  key = await createSigningKey();
  server = await startJwksServer({ keys: [key.jwk] });
});
afterAll(() => server.close());

function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected the token to be rejected');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(AuthError);
      return error as AuthError;
    },
  );
}

describe('createVerifier', () => {
  it('verifies a token against a JWKS served over HTTP', async () => {
    const verifier = createVerifier({ jwksUrl: server.url, audience: AUDIENCE });
    const claims = await verifier.verify(await signStaffToken(key, { business_uid: 'biz-7' }));
    expect(claims.sub).toBe('staff-1');
    expect(claims.business_uid).toBe('biz-7');
    expect(server.requests).toBeGreaterThan(0);
  });

  it('rejects a token whose payload was tampered with', async () => {
    const verifier = createVerifier({ jwksUrl: server.url, audience: AUDIENCE });
    const [header, , signature] = (await signStaffToken(key)).split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: 'admin', aud: AUDIENCE, iss: 'intandem', iat: 1, exp: 9e9 }),
    ).toString('base64url');
    const error = await rejection(verifier.verify(`${header}.${forged}.${signature}`));
    expect(error.code).toBe('invalid_signature');
  });

  it('rejects a token for another app', async () => {
    const verifier = createVerifier({ jwksUrl: server.url, audience: AUDIENCE });
    const error = await rejection(verifier.verify(await signStaffToken(key, { aud: 'other' })));
    expect(error.code).toBe('invalid_audience');
  });
});
