import { describe, expect, it } from 'vitest';
import type { StaffClaims } from '../src/claims.ts';
import { type CachedToken, TokenCache } from '../src/token-cache.ts';

const entry = (kid: string): CachedToken => ({
  claims: { sub: kid } as StaffClaims,
  kid,
  alg: 'RS256',
});

describe('TokenCache', () => {
  it('evicts the least recently used entry when full', () => {
    const cache = new TokenCache(2);
    cache.set('t1', entry('a'));
    cache.set('t2', entry('a'));
    cache.get('t1');
    cache.set('t3', entry('a'));
    expect([cache.has('t1'), cache.has('t2'), cache.has('t3')]).toEqual([true, false, true]);
    expect(cache.size).toBe(2);
  });

  it('keys by the exact string', () => {
    const cache = new TokenCache(10);
    cache.set('abc.def.ghi', entry('a'));
    expect(cache.get('abc.def.ghj')).toBeUndefined();
    expect(cache.get('abc.def.ghi')?.kid).toBe('a');
  });

  it('keeps nothing with capacity 0', () => {
    const cache = new TokenCache(0);
    cache.set('t1', entry('a'));
    expect(cache.size).toBe(0);
  });

  it('re-setting a token does not evict another', () => {
    const cache = new TokenCache(2);
    cache.set('t1', entry('a'));
    cache.set('t2', entry('a'));
    cache.set('t2', entry('b'));
    expect(cache.has('t1')).toBe(true);
    expect(cache.get('t2')?.kid).toBe('b');
  });

  it('drops tokens signed by keys outside a new key set', () => {
    const cache = new TokenCache(10);
    cache.set('t1', entry('old'));
    cache.set('t2', entry('new'));
    cache.retainKids(new Set(['new']));
    expect([cache.has('t1'), cache.has('t2')]).toEqual([false, true]);
  });

  it('forgets a deleted token', () => {
    const cache = new TokenCache(10);
    cache.set('t1', entry('a'));
    cache.delete('t1');
    expect(cache.get('t1')).toBeUndefined();
  });
});
