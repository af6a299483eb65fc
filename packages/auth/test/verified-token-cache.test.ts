import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StaffClaims } from '../src/claims.ts';
import { type CachedToken, VerifiedTokenCache } from '../src/verified-token-cache.ts';

const entry = (kid: string): CachedToken => ({
  claims: { sub: kid } as StaffClaims,
  kid,
  alg: 'RS256',
  keyId: `thumbprint-of-${kid}`,
});

describe('VerifiedTokenCache', () => {
  it('evicts the least recently used entry when full', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('t1', entry('a'));
    cache.set('t2', entry('a'));
    cache.get('t1');
    cache.set('t3', entry('a'));
    expect([cache.has('t1'), cache.has('t2'), cache.has('t3')]).toEqual([true, false, true]);
    expect(cache.size).toBe(2);
  });

  it('keys by the exact string', () => {
    const cache = new VerifiedTokenCache(10);
    cache.set('abc.def.ghi', entry('a'));
    expect(cache.get('abc.def.ghj')).toBeUndefined();
    expect(cache.get('abc.def.ghi')?.kid).toBe('a');
  });

  describe('a token that shares a cached token’s signature tail', () => {
    const signature = 's'.repeat(342);
    const cached = `header.payload.${signature}`;
    const forged = `header.PAYLOAD.${signature}`;

    it('is a miss, and leaves the cached entry and its recency alone', () => {
      const cache = new VerifiedTokenCache(2);
      cache.set(cached, entry('a'));
      cache.set('t2', entry('a'));
      expect(cache.get(forged)).toBeUndefined();
      expect(cache.has(forged)).toBe(false);
      cache.delete(forged);
      // Still the least recently used: the miss did not touch it.
      cache.set('t3', entry('a'));
      expect([cache.has(cached), cache.has('t2'), cache.has('t3')]).toEqual([false, true, true]);
    });

    it('replaces the other one when it is itself stored', () => {
      const cache = new VerifiedTokenCache(10);
      cache.set(cached, entry('a'));
      cache.set(forged, entry('b'));
      expect(cache.size).toBe(1);
      expect(cache.get(cached)).toBeUndefined();
      expect(cache.get(forged)?.kid).toBe('b');
    });
  });

  it('keeps nothing with capacity 0', () => {
    const cache = new VerifiedTokenCache(0);
    cache.set('t1', entry('a'));
    expect(cache.size).toBe(0);
  });

  it('re-setting a token does not evict another', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('t1', entry('a'));
    cache.set('t2', entry('a'));
    cache.set('t2', entry('b'));
    expect(cache.has('t1')).toBe(true);
    expect(cache.get('t2')?.kid).toBe('b');
  });

  it('drops tokens signed by keys outside a new key set', () => {
    const cache = new VerifiedTokenCache(10);
    cache.set('t1', entry('old'));
    cache.set('t2', entry('new'));
    cache.retainKids(new Set(['new']));
    expect([cache.has('t1'), cache.has('t2')]).toEqual([false, true]);
  });

  it('forgets a deleted token', () => {
    const cache = new VerifiedTokenCache(10);
    cache.set('t1', entry('a'));
    cache.delete('t1');
    expect(cache.get('t1')).toBeUndefined();
  });

  it('behaves like a reference LRU with one slot per signature tail, under any operations', () => {
    type Op =
      | { op: 'get' | 'set' | 'delete'; token: string; kid: string }
      | { op: 'retain'; kids: string[] };
    // Long tokens with shared signature tails alongside short ones, so index collisions happen.
    const tail = (c: string) => c.repeat(80);
    const tokens = ['t1', 't2', 't3', `a.${tail('x')}`, `b.${tail('x')}`, `a.${tail('y')}`];
    const token = fc.constantFrom(...tokens);
    const sameSlot = (a: string, b: string) => a.slice(-64) === b.slice(-64);
    const kid = fc.constantFrom('a', 'b', 'c');
    // Key-set refreshes are rare next to lookups; weighting keeps the cache busy enough to evict.
    const op: fc.Arbitrary<Op> = fc.oneof(
      {
        arbitrary: fc.record({ op: fc.constantFrom('get', 'set', 'delete'), token, kid }),
        weight: 12,
      },
      {
        arbitrary: fc.record({ op: fc.constant('retain'), kids: fc.subarray(['a', 'b', 'c']) }),
        weight: 1,
      },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(op, { minLength: 20, maxLength: 80 }),
        (capacity, ops) => {
          const cache = new VerifiedTokenCache(capacity);
          // Reference: most recently used last.
          let model: { token: string; kid: string }[] = [];
          for (const step of ops) {
            if (step.op === 'retain') {
              cache.retainKids(new Set(step.kids));
              model = model.filter((item) => step.kids.includes(item.kid));
              continue;
            }
            const index = model.findIndex((item) => item.token === step.token);
            const found = index === -1 ? undefined : model[index];
            if (step.op === 'get') {
              expect(cache.get(step.token)?.kid).toBe(found?.kid);
              if (found) model = [...model.filter((item) => item !== found), found];
            } else if (step.op === 'delete') {
              cache.delete(step.token);
              model = model.filter((item) => item !== found);
            } else {
              cache.set(step.token, entry(step.kid));
              // One slot per signature tail: storing a token takes over its tail's slot.
              const taken = model.find((item) => sameSlot(item.token, step.token));
              model = model.filter((item) => item !== taken);
              if (taken === undefined && model.length >= capacity) model = model.slice(1);
              model.push({ token: step.token, kid: step.kid });
            }
            expect(cache.size).toBe(model.length);
          }
          for (const candidate of tokens) {
            expect(cache.has(candidate)).toBe(model.some((item) => item.token === candidate));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
