import { createSigningKey, type SigningKey } from '@partner/test-kit/keys';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AuthError, JwksFetchError } from '../../src/errors.ts';
import { KeySet } from '../../src/jwks/keys.ts';
import { readPlatformJwks, weakSigningKey } from '../support/raw-tokens.ts';
import { rejection } from '../support/reject.ts';

let good: SigningKey;
let weak: SigningKey;
let ecJwk: JWK;

beforeAll(async () => {
  [good, weak] = await Promise.all([createSigningKey('good'), weakSigningKey('weak')]);
  ecJwk = { ...(await exportJWK((await generateKeyPair('ES256')).publicKey)), kid: 'ec' };
});

function keyError(set: KeySet, kid: string, alg = 'RS256'): Promise<AuthError> {
  return rejection(set.keyFor(kid, alg));
}

describe('KeySet.parse', () => {
  it("imports all three of the platform's published keys", async () => {
    const platform = readPlatformJwks();
    const set = KeySet.parse(platform);
    expect(set.usableCount).toBe(3);
    // The identity is known once a key is imported, not before.
    expect(set.keyId(set.usableKids[0] ?? '')).toBeUndefined();
    expect(set.usableKids).toEqual(platform.keys.map((key) => key.kid));
    for (const kid of set.usableKids) {
      const { key, id } = await set.keyFor(kid, 'RS256');
      expect(key.type).toBe('public');
      expect(key.algorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5' });
      expect(id).toBe(await calculateJwkThumbprint(platform.keys.find((k) => k.kid === kid) ?? {}));
      expect(set.keyId(kid)).toBe(id);
    }
  });

  it.each([
    ['not an object', 'keys'],
    ['no keys member', { other: [] }],
    ['keys not an array', { keys: {} }],
    ['no keys at all', { keys: [] }],
  ])('rejects a document with %s as an invalid set', (_, document) => {
    expect(() => KeySet.parse(document)).toThrow(JwksFetchError);
    try {
      KeySet.parse(document);
    } catch (error) {
      expect((error as JwksFetchError).reason).toBe('invalid_set');
    }
  });

  it('rejects a set whose only keys are for encryption', () => {
    const enc = { ...good.jwk, use: 'enc' };
    expect(() => KeySet.parse({ keys: [enc] })).toThrow(/no usable RSA signing key/);
  });

  it('imports a key that declares no alg and no use', async () => {
    const { alg: _alg, use: _use, ...bare } = good.jwk;
    const set = KeySet.parse({ keys: [bare] });
    expect((await set.keyFor('good', 'RS256')).key.type).toBe('public');
  });

  it('ignores members that are not objects or have no kid, and keeps the rest', () => {
    const { kid: _kid, ...noKid } = good.jwk;
    const set = KeySet.parse({ keys: [null, 'x', noKid, good.jwk] });
    expect(set.usableKids).toEqual(['good']);
  });

  it.each<[string, (jwk: JWK) => JWK, RegExp]>([
    ['an encryption key', (jwk) => ({ ...jwk, use: 'enc' }), /not for signatures/],
    ['key_ops without verify', (jwk) => ({ ...jwk, key_ops: ['encrypt'] }), /key_ops/],
    ['a non-RSA algorithm', (jwk) => ({ ...jwk, alg: 'RSA-OAEP' }), /another algorithm/],
    ['no modulus', ({ n: _n, ...jwk }) => jwk, /modulus or exponent/],
    ['a modulus that is not base64url', (jwk) => ({ ...jwk, n: '***' }), /shorter than 2048/],
  ])('marks %s as unusable, naming why', async (_, change, why) => {
    const set = KeySet.parse({ keys: [good.jwk, { ...change({ ...good.jwk }), kid: 'odd' }] });
    expect(set.has('odd')).toBe(true);
    expect(set.usableKids).toEqual(['good']);
    const error = await keyError(set, 'odd');
    expect(error.code).toBe('unknown_key');
    expect(error.message).toMatch(why);
  });

  it('refuses an RSA modulus shorter than 2048 bits', async () => {
    const set = KeySet.parse({ keys: [good.jwk, weak.jwk] });
    const error = await keyError(set, 'weak');
    expect(error.code).toBe('unknown_key');
    expect(error.message).toMatch(/shorter than 2048 bits/);
  });

  it('refuses a non-RSA key', async () => {
    const set = KeySet.parse({ keys: [good.jwk, ecJwk] });
    expect((await keyError(set, 'ec')).message).toMatch(/not an RSA key/);
  });

  it('treats a kid listed twice as unusable instead of guessing', async () => {
    const other = await createSigningKey('good');
    const set = KeySet.parse({ keys: [good.jwk, other.jwk, { ...good.jwk, kid: 'spare' }] });
    expect(set.usableKids).toEqual(['spare']);
    const error = await keyError(set, 'good');
    expect(error.code).toBe('unknown_key');
    expect(error.message).toMatch(/more than once/);
  });

  it("refuses a token alg other than the key's own alg", async () => {
    const set = KeySet.parse({ keys: [good.jwk] });
    const error = await keyError(set, 'good', 'PS256');
    expect(error.code).toBe('unsupported_algorithm');
  });

  it('says unknown_key for a kid the set does not name', async () => {
    const set = KeySet.parse({ keys: [good.jwk] });
    expect(set.has('nope')).toBe(false);
    expect((await keyError(set, 'nope')).code).toBe('unknown_key');
  });

  it('imports only public members even when a private exponent is published by mistake', async () => {
    const privateJwk = { ...(await exportJWK(good.privateKey)), kid: 'leaky', alg: 'RS256' };
    const set = KeySet.parse({ keys: [privateJwk] });
    expect((await set.keyFor('leaky', 'RS256')).key.type).toBe('public');
  });

  it('imports each key once per algorithm', async () => {
    const set = KeySet.parse({ keys: [good.jwk] });
    expect(await set.keyFor('good', 'RS256')).toBe(await set.keyFor('good', 'RS256'));
  });

  it('keeps the published document for export', () => {
    const document = { keys: [good.jwk, ecJwk] };
    expect(KeySet.parse(document).source).toEqual(document);
  });
});
