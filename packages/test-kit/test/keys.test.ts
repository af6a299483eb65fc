import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { AUDIENCE, createSigningKey, nowSec, signStaffToken } from '../src/keys.ts';

describe('createSigningKey', () => {
  it('makes an RS256 key published as the platform does, with a UUID kid unless named', async () => {
    const key = await createSigningKey();
    expect(key.kid).toMatch(/^[0-9a-f-]{36}$/);
    expect(key.jwk).toMatchObject({ kty: 'RSA', kid: key.kid, alg: 'RS256', use: 'sig' });
    expect(key.jwk).not.toHaveProperty('d');
    expect((await createSigningKey('key-a')).kid).toBe('key-a');
  });
});

describe('signStaffToken', () => {
  it('signs a staff token that verifies against the key, with the platform claims', async () => {
    const key = await createSigningKey();
    const token = await signStaffToken(key);
    const { payload, protectedHeader } = await jwtVerify(
      token,
      createLocalJWKSet({ keys: [key.jwk] }),
      { issuer: 'intandem', audience: AUDIENCE },
    );
    expect(protectedHeader).toEqual({ alg: 'RS256', kid: key.kid, typ: 'JWT' });
    expect(payload).toMatchObject({ sub: 'staff-1', sub_type: 'staff', business_uid: 'biz-1' });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300);
  });

  it('merges claims, drops those set to undefined, and takes the time and header given', async () => {
    const key = await createSigningKey();
    const token = await signStaffToken(
      key,
      { aud: 'other-app', actor_uid: undefined },
      { now: 1_000, header: { kid: 'elsewhere' } },
    );
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
    expect(payload).toMatchObject({ aud: 'other-app', iat: 1_000, exp: 1_300 });
    expect(payload).not.toHaveProperty('actor_uid');
    expect(decodeProtectedHeader(token).kid).toBe('elsewhere');
  });
});

describe('nowSec', () => {
  it('counts whole seconds, as JWT claims do', () => {
    expect(nowSec(1_999)).toBe(1);
    expect(Math.abs(nowSec() - Date.now() / 1000)).toBeLessThan(1);
  });
});
