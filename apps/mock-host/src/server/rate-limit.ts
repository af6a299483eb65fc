export type Clock = () => number;

type RateDecision = { allowed: true } | { allowed: false; retryAfterSec: number };

const WINDOW_MS = 60_000;

/**
 * Sliding one-minute window per key (the staff member's uid): a request is allowed when
 * fewer than `limitPerMin` requests were allowed in the last 60 s. Refused requests do not
 * count, so a client that backs off for `Retry-After` seconds gets through.
 */
export class RateLimiter {
  readonly #now: Clock;
  readonly #granted = new Map<string, number[]>();
  #limitPerMin: number;

  constructor(limitPerMin: number, now: Clock = Date.now) {
    this.#limitPerMin = limitPerMin;
    this.#now = now;
  }

  get limitPerMin(): number {
    return this.#limitPerMin;
  }

  /** 0 turns the limit off. Past requests keep counting against a new limit. */
  set limitPerMin(value: number) {
    this.#limitPerMin = value;
  }

  take(key: string): RateDecision {
    const now = this.#now();
    const recent = (this.#granted.get(key) ?? []).filter((at) => at > now - WINDOW_MS);
    // Requests are counted even with the limit off, so a limit set later sees them.
    if (this.#limitPerMin > 0 && recent.length >= this.#limitPerMin) {
      this.#granted.set(key, recent);
      // The oldest counted request leaves the window first; recent is non-empty here.
      const oldest = recent[recent.length - this.#limitPerMin] ?? now;
      return {
        allowed: false,
        retryAfterSec: Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)),
      };
    }
    recent.push(now);
    this.#granted.set(key, recent);
    return { allowed: true };
  }

  clear(): void {
    this.#granted.clear();
  }
}
