// @vitest-environment happy-dom

import { createClock } from '@partner/test-kit/clock';
import { describe, expect, it, vi } from 'vitest';
import { createAuthTokenCache } from '../../src/client/auth-token-cache.ts';
import { InvalidAuthResultError } from '../../src/client/errors.ts';
import { tokenSource } from './support/tokens.ts';

const REFRESH_MS = 30_000;
const TTL_MS = 300_000;

function setup() {
  const clock = createClock();
  const getAuth = tokenSource(clock.now, TTL_MS);
  const cache = createAuthTokenCache({
    getAuth,
    refreshBeforeExpiryMs: REFRESH_MS,
    now: clock.now,
  });
  return { clock, getAuth, cache };
}

describe('auth token cache', () => {
  it('shares one getAuth call between concurrent callers', async () => {
    const { getAuth, cache } = setup();
    const tokens = await Promise.all([cache.get(), cache.get(), cache.get(), cache.get()]);
    expect(getAuth).toHaveBeenCalledTimes(1);
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
  });

  it('reuses the token until 30 s before expiry, then asks again', async () => {
    const { clock, getAuth, cache } = setup();
    await cache.get();
    clock.advance(TTL_MS - REFRESH_MS - 1);
    await expect(cache.get()).resolves.toBe('token-1');
    expect(getAuth).toHaveBeenCalledTimes(1);
    clock.advance(1);
    await expect(cache.get()).resolves.toBe('token-2');
    expect(getAuth).toHaveBeenCalledTimes(2);
  });

  it('does not cache a failure', async () => {
    const { getAuth, cache } = setup();
    getAuth.mockRejectedValueOnce(new Error('rate limited'));
    const first = await Promise.allSettled([cache.get(), cache.get()]);
    expect(first.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(getAuth).toHaveBeenCalledTimes(1);
    await expect(cache.get()).resolves.toBe('token-1');
    expect(getAuth).toHaveBeenCalledTimes(2);
  });

  it('forgets only the token it is told to invalidate', async () => {
    const { getAuth, cache } = setup();
    await cache.get();
    cache.invalidate('some-older-token');
    await expect(cache.get()).resolves.toBe('token-1');
    cache.invalidate('token-1');
    cache.invalidate('token-1');
    await expect(Promise.all([cache.get(), cache.get()])).resolves.toEqual(['token-2', 'token-2']);
    expect(getAuth).toHaveBeenCalledTimes(2);
  });

  it('does not cache an answer requested before clear()', async () => {
    const { getAuth, cache } = setup();
    const before = cache.get();
    cache.clear();
    await expect(before).resolves.toBe('token-1');
    await expect(cache.get()).resolves.toBe('token-2');
    expect(getAuth).toHaveBeenCalledTimes(2);
  });

  it('uses but never reuses a token whose expiry it cannot read or that expires too soon', async () => {
    const { clock, getAuth, cache } = setup();
    getAuth.mockResolvedValueOnce({ token: 'odd', expiry_date: 'tomorrow-ish' });
    getAuth.mockResolvedValueOnce({
      token: 'short',
      expiry_date: new Date(clock.now() + REFRESH_MS).toISOString(),
    });
    await expect(cache.get()).resolves.toBe('odd');
    await expect(cache.get()).resolves.toBe('short');
    await expect(cache.get()).resolves.toBe('token-1');
    await expect(cache.get()).resolves.toBe('token-1');
    expect(getAuth).toHaveBeenCalledTimes(3);
  });

  it.each([
    ['null', null],
    ['no token', { expiry_date: '2030-01-01T00:00:00Z' }],
    ['an empty token', { token: '', expiry_date: '2030-01-01T00:00:00Z' }],
  ])('rejects %s from getAuth with InvalidAuthResultError', async (_, value) => {
    const getAuth = vi.fn(async () => value as never);
    const cache = createAuthTokenCache({
      getAuth,
      refreshBeforeExpiryMs: REFRESH_MS,
      now: Date.now,
    });
    await expect(cache.get()).rejects.toBeInstanceOf(InvalidAuthResultError);
  });
});
