import { describe, expect, it } from 'vitest';
import { ActiveKeyError, UnknownKeyError } from '../../src/server/errors.ts';
import { KeyStore } from '../../src/server/keys.ts';

const modulusBytes = (n: unknown) => Buffer.from(String(n), 'base64url').length;

describe('KeyStore', () => {
  it('starts with one published RSA-2048 key and keeps its bad-token keys unpublished', async () => {
    const keys = await KeyStore.create();
    const { keys: published } = keys.jwks({ includeWeak: false });
    expect(published.map((key) => key.kid)).toEqual([keys.active.kid]);
    expect(modulusBytes(published[0]?.n)).toBe(256);
    expect(keys.forged.kid).not.toBe(keys.active.kid);
    expect(modulusBytes(keys.weak.publicJwk.n)).toBe(128);
    expect(keys.jwks({ includeWeak: true }).keys.map((key) => key.kid)).toEqual([
      keys.active.kid,
      keys.weak.kid,
    ]);
  });

  it('rotates to a new active key, retires old ones, and resets to the original alone', async () => {
    const keys = await KeyStore.create();
    const original = keys.active;
    const second = await keys.rotate();
    expect(keys.active).toBe(second);
    expect(keys.list().map(({ kid, active }) => ({ kid, active }))).toEqual([
      { kid: original.kid, active: false },
      { kid: second.kid, active: true },
    ]);

    expect(() => keys.retire(second.kid)).toThrow(ActiveKeyError);
    keys.retire(original.kid);
    expect(() => keys.find(original.kid)).toThrow(UnknownKeyError);
    expect(() => keys.retire(original.kid)).toThrow(UnknownKeyError);

    keys.reset();
    expect(keys.active).toBe(original);
    expect(keys.list()).toHaveLength(1);
  });
});
