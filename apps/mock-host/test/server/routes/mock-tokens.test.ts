import type { CompactJWSToken } from '@intandem/sdk/protocol';
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { describe, expect, it } from 'vitest';
import type { MockState, MockTokenRequest } from '../../../src/shared/contract.ts';
import { type TestHost, useMockHost } from '../../helpers/mock-host.ts';

let host: TestHost;
useMockHost((started) => {
  host = started;
});

async function mint(request: MockTokenRequest): Promise<CompactJWSToken> {
  const { status, body } = await host.request<CompactJWSToken>('POST', '/__mock/tokens', request);
  expect(status).toBe(200);
  return body;
}

async function verify(token: string, keySet?: JWTVerifyGetKey) {
  return jwtVerify(token, keySet ?? (await host.keySet()), {
    issuer: 'intandem',
    audience: 'demo-app',
    algorithms: ['RS256'],
    currentDate: new Date(host.clock.now),
  });
}

const nowSec = () => Math.floor(host.clock.now / 1000);

describe('POST /__mock/tokens overrides', () => {
  it('with no body, mints a valid token like the platform API', async () => {
    const entity = await mint({});
    const { payload } = await verify(entity.token);
    expect(payload).toMatchObject({ sub: 'stf_a1b2c3d4', sub_type: 'staff', iat: nowSec() });
    expect(entity.uid).toBe(payload.jti);
  });

  it('merges claim overrides and removes claims set to null', async () => {
    const { token } = await mint({ claims: { business_uid: 'biz_other', jti: null, extra: 42 } });
    const { payload } = await verify(token);
    expect(payload.business_uid).toBe('biz_other');
    expect(payload.extra).toBe(42);
    expect(payload).not.toHaveProperty('jti');
  });

  it('makes an expired token when iat is in the past (exp follows iat)', async () => {
    const entity = await mint({ claims: { iat: nowSec() - 600 } });
    const payload = decodeJwt(entity.token);
    expect(payload.exp).toBe(nowSec() - 300);
    expect(Date.parse(entity.expiry_date)).toBeLessThan(host.clock.now);
    await expect(verify(entity.token)).rejects.toBeInstanceOf(errors.JWTExpired);
  });

  it('uses ttlSec for exp - iat, negative included', async () => {
    const long = decodeJwt((await mint({ ttlSec: 3600 })).token);
    expect((long.exp ?? 0) - (long.iat ?? 0)).toBe(3600);
    const { token } = await mint({ ttlSec: -1 });
    await expect(verify(token)).rejects.toBeInstanceOf(errors.JWTExpired);
  });

  it('makes a wrong-audience token', async () => {
    const { token } = await mint({ claims: { aud: 'another-app' } });
    await expect(verify(token)).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'aud',
    });
  });

  it('overrides header parameters, e.g. an unknown kid', async () => {
    const kid = crypto.randomUUID();
    const { token } = await mint({ header: { kid, typ: 'at+jwt' } });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid, typ: 'at+jwt' });
    await expect(verify(token)).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
  });

  it.each([
    ['active', undefined],
    ['forged', 'forged'],
    ['hs256', 'hs256'],
    ['none', 'none'],
    ['weak', 'weak'],
  ] as const)(
    'removes header parameters set to null (kid), signing with %s',
    async (_name, signWith) => {
      const { token } = await mint({ header: { kid: null }, ...(signWith ? { signWith } : {}) });
      const header = decodeProtectedHeader(token);
      expect(header).not.toHaveProperty('kid');
      expect(header.typ).toBe('JWT');
    },
  );

  it('uses the current staff member and impersonation', async () => {
    await host.request<MockState>('PUT', '/__mock/state', {
      staffUid: 'stf_a1b2c3d4',
      actorUid: 'stf_e5f6g7h8',
    });
    const { payload } = await verify((await mint({})).token);
    expect(payload).toMatchObject({ sub: 'stf_a1b2c3d4', actor_uid: 'stf_e5f6g7h8' });
  });

  it('is not rate limited (it exists for tests)', async () => {
    await host.request('PUT', '/__mock/state', { tokenRateLimitPerMin: 1 });
    await host.platformToken();
    await expect(mint({})).resolves.toHaveProperty('token');
  });
});

describe('POST /__mock/tokens signWith', () => {
  it("'active' signs with the active published key", async () => {
    const { token } = await mint({ signWith: 'active' });
    const jwks = await host.jwks();
    expect(decodeProtectedHeader(token).kid).toBe(jwks.keys[0]?.kid);
    await expect(verify(token)).resolves.toHaveProperty('payload');
  });

  it('{ kid } signs with that published key, e.g. the previous one after a rotation', async () => {
    const oldKid = (await host.jwks()).keys[0]?.kid ?? '';
    await host.request('POST', '/__mock/keys/rotate', {});
    const { token } = await mint({ signWith: { kid: oldKid } });
    expect(decodeProtectedHeader(token).kid).toBe(oldKid);
    await expect(verify(token)).resolves.toHaveProperty('payload');
  });

  it("'forged' signs with an unpublished key under the active kid: bad signature", async () => {
    const { token } = await mint({ signWith: 'forged' });
    expect(decodeProtectedHeader(token).kid).toBe((await host.jwks()).keys[0]?.kid);
    await expect(verify(token)).rejects.toBeInstanceOf(errors.JWSSignatureVerificationFailed);
  });

  it("'hs256' signs with the public key PEM as HMAC secret: refused by an RS256 allowlist", async () => {
    const { token } = await mint({ signWith: 'hs256' });
    expect(decodeProtectedHeader(token).alg).toBe('HS256');
    await expect(verify(token)).rejects.toBeInstanceOf(errors.JOSEAlgNotAllowed);
    // It really is the confusion attack: the PEM verifies it as an HMAC key.
    const pem = new TextEncoder().encode(host.state.keys.active.publicPem);
    await expect(jwtVerify(token, pem, { algorithms: ['HS256'] })).resolves.toHaveProperty(
      'payload',
    );
  });

  it("'none' makes an unsigned token", async () => {
    const { token } = await mint({ signWith: 'none' });
    expect(decodeProtectedHeader(token).alg).toBe('none');
    expect(token.endsWith('.')).toBe(true);
    await expect(verify(token)).rejects.toBeInstanceOf(errors.JOSEAlgNotAllowed);
  });

  it("'weak' signs with an RSA-1024 key, published only when asked, and jose refuses it", async () => {
    const { token } = await mint({ signWith: 'weak' });
    const kid = decodeProtectedHeader(token).kid;
    expect((await host.jwks()).keys.map((key) => key.kid)).not.toContain(kid);
    await expect(verify(token)).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);

    await host.request('PUT', '/__mock/state', { weakKeyPublished: true });
    const jwks = await host.jwks();
    const weak = jwks.keys.find((key) => key.kid === kid);
    expect(Buffer.from(String(weak?.n), 'base64url')).toHaveLength(128);
    await expect(verify(token, createLocalJWKSet(jwks))).rejects.toThrow(/2048 bits/);
  });

  it('tamper: true extends exp after signing: the signature no longer matches', async () => {
    const entity = await mint({ tamper: true });
    const payload = decodeJwt(entity.token);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300 + 3600);
    await expect(verify(entity.token)).rejects.toBeInstanceOf(
      errors.JWSSignatureVerificationFailed,
    );
  });

  it('tamper: { claims } rewrites those claims after signing', async () => {
    const { token } = await mint({ tamper: { sub: 'stf_j2k4m6n8' } });
    expect(decodeJwt(token).sub).toBe('stf_j2k4m6n8');
    await expect(verify(token)).rejects.toBeInstanceOf(errors.JWSSignatureVerificationFailed);
  });
});

describe('POST /__mock/tokens bad bodies', () => {
  it.each([
    ['an unknown field', { signwith: 'none' }, 'unknown_field'],
    ['claims that are not an object', { claims: ['sub'] }, 'invalid_body'],
    ['a header that is not an object', { header: 'kid' }, 'invalid_body'],
    ['header.alg', { header: { alg: 'HS256' } }, 'invalid_body'],
    ['a fractional ttlSec', { ttlSec: 1.5 }, 'invalid_body'],
    ['a string ttlSec', { ttlSec: '300' }, 'invalid_body'],
    ['an unknown signWith', { signWith: 'rsa-512' }, 'invalid_body'],
    ['signWith with extra fields', { signWith: { kid: 'x', alg: 'none' } }, 'invalid_body'],
    ['an unknown signWith kid', { signWith: { kid: 'no-such-kid' } }, 'unknown_key'],
    ['a numeric tamper', { tamper: 1 }, 'invalid_body'],
    ['a header jose cannot sign', { header: { crit: ['exp'] } }, 'invalid_body'],
  ])('answers 400 for %s', async (_name, body, code) => {
    const answer = await host.request('POST', '/__mock/tokens', body);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]?.code).toBe(code);
    expect(answer.body.errors[0]?.message.length).toBeGreaterThan(10);
  });

  it('keeps a usable expiry_date when exp is overridden with a non-time', async () => {
    const entity = await mint({ claims: { exp: 'soon' } });
    expect(Number.isNaN(Date.parse(entity.expiry_date))).toBe(false);
    expect(decodeJwt(entity.token).exp).toBe('soon');
  });
});
