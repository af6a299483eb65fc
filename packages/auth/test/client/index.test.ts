// @vitest-environment happy-dom

import { createClock } from '@partner/test-kit/clock';
import { describe, expect, it } from 'vitest';
import { createAuthClient } from '../../src/client/index.ts';
import { tokenSource } from './support/tokens.ts';

describe('createAuthClient', () => {
  it('dedupes concurrent getToken calls to one getAuth', async () => {
    const clock = createClock();
    const getAuth = tokenSource(clock.now);
    const client = createAuthClient({ getAuth, now: clock.now });
    await expect(Promise.all([client.getToken(), client.getToken()])).resolves.toEqual([
      'token-1',
      'token-1',
    ]);
    expect(getAuth).toHaveBeenCalledTimes(1);
  });

  it('refreshes 30 s before expiry by default and honours refreshBeforeExpiryMs', async () => {
    const clock = createClock();
    const byDefault = createAuthClient({ getAuth: tokenSource(clock.now, 60_000), now: clock.now });
    const early = createAuthClient({
      getAuth: tokenSource(clock.now, 60_000),
      refreshBeforeExpiryMs: 50_000,
      now: clock.now,
    });
    await byDefault.getToken();
    await early.getToken();
    clock.advance(10_000);
    await expect(byDefault.getToken()).resolves.toBe('token-1');
    await expect(early.getToken()).resolves.toBe('token-2');
    clock.advance(20_000);
    await expect(byDefault.getToken()).resolves.toBe('token-2');
  });

  it('asks for a new token after clear()', async () => {
    const clock = createClock();
    const client = createAuthClient({ getAuth: tokenSource(clock.now), now: clock.now });
    await client.getToken();
    client.clear();
    await expect(client.getToken()).resolves.toBe('token-2');
  });

  it('keeps the token out of web storage and cookies', async () => {
    const clock = createClock();
    const client = createAuthClient({ getAuth: tokenSource(clock.now), now: clock.now });
    await client.getToken();
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    expect(document.cookie).toBe('');
  });

  it.each([-1, Number.NaN])('rejects refreshBeforeExpiryMs %s', (value) => {
    expect(() =>
      createAuthClient({ getAuth: tokenSource(Date.now), refreshBeforeExpiryMs: value }),
    ).toThrow(RangeError);
  });
});
