import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/server/rate-limit.ts';

function limiter(limitPerMin: number) {
  const clock = { now: 1_000_000 };
  return { clock, limiter: new RateLimiter(limitPerMin, () => clock.now) };
}

describe('RateLimiter', () => {
  it('allows the limit within a minute, then refuses with the wait until a slot frees', () => {
    const { clock, limiter: rl } = limiter(2);
    expect(rl.take('a')).toEqual({ allowed: true });
    clock.now += 20_000;
    expect(rl.take('a')).toEqual({ allowed: true });
    clock.now += 10_000;
    // The first request leaves the window 30 s from now.
    expect(rl.take('a')).toEqual({ allowed: false, retryAfterSec: 30 });
  });

  it('slides: a slot frees exactly when the oldest request is a minute old', () => {
    const { clock, limiter: rl } = limiter(1);
    rl.take('a');
    clock.now += 59_999;
    expect(rl.take('a').allowed).toBe(false);
    clock.now += 1;
    expect(rl.take('a').allowed).toBe(true);
  });

  it('does not count refused requests', () => {
    const { clock, limiter: rl } = limiter(1);
    rl.take('a');
    for (let i = 0; i < 5; i++) rl.take('a');
    clock.now += 60_000;
    expect(rl.take('a').allowed).toBe(true);
  });

  it('keeps one budget per key', () => {
    const { limiter: rl } = limiter(1);
    expect(rl.take('a').allowed).toBe(true);
    expect(rl.take('b').allowed).toBe(true);
    expect(rl.take('a').allowed).toBe(false);
  });

  it('turns off at 0 and applies a lowered limit to past requests', () => {
    const { limiter: rl } = limiter(0);
    for (let i = 0; i < 50; i++) expect(rl.take('a').allowed).toBe(true);
    rl.limitPerMin = 3;
    expect(rl.take('a')).toEqual({ allowed: false, retryAfterSec: 60 });
  });

  it('forgets everything on clear()', () => {
    const { limiter: rl } = limiter(1);
    rl.take('a');
    rl.clear();
    expect(rl.take('a').allowed).toBe(true);
  });
});
