import type { StaffClaims } from './claims.ts';

/** One verified token: its claims and the key that signed it. */
export interface CachedToken {
  readonly claims: StaffClaims;
  readonly kid: string;
  readonly alg: string;
}

/**
 * Verified tokens keyed by their exact string, least recently used out.
 *
 * A plain `Map` is enough: it iterates in insertion order, so re-inserting on a hit makes the
 * first key the least recently used one. Keying by the full string (never a hash prefix) means
 * a token that differs in any character is a miss and gets fully verified.
 */
export class TokenCache {
  readonly #capacity: number;
  readonly #entries = new Map<string, CachedToken>();

  /** @param capacity maximum entries; 0 keeps nothing. */
  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Number of cached tokens. */
  get size(): number {
    return this.#entries.size;
  }

  /** The entry for this exact token, marked as most recently used. */
  get(token: string): CachedToken | undefined {
    const entry = this.#entries.get(token);
    if (entry !== undefined) {
      this.#entries.delete(token);
      this.#entries.set(token, entry);
    }
    return entry;
  }

  /** Whether this exact token is cached, without touching its recency. */
  has(token: string): boolean {
    return this.#entries.has(token);
  }

  /** Adds a verified token, evicting the least recently used one when full. */
  set(token: string, entry: CachedToken): void {
    if (this.#capacity === 0) return;
    this.#entries.delete(token);
    if (this.#entries.size >= this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    this.#entries.set(token, entry);
  }

  /** Forgets one token (it expired or failed a re-check). */
  delete(token: string): void {
    this.#entries.delete(token);
  }

  /** Drops every token signed by a key outside `kids`, after a key set refresh. */
  retainKids(kids: ReadonlySet<string>): void {
    for (const [token, entry] of this.#entries) {
      if (!kids.has(entry.kid)) this.#entries.delete(token);
    }
  }
}
