import type { StaffClaims } from './claims.ts';

/** One verified token: its claims and the key that signed it. */
export interface CachedToken {
  readonly claims: StaffClaims;
  readonly kid: string;
  readonly alg: string;
}

/** A cache slot, linked from most to least recently used. */
interface Slot {
  readonly token: string;
  entry: CachedToken;
  newer: Slot | undefined;
  older: Slot | undefined;
}

/**
 * Verified tokens keyed by their exact string, least recently used out.
 *
 * Keying by the full string (never a hash prefix) means a token that differs in any character
 * is a miss and gets fully verified. Recency lives in a linked list beside the `Map`, not in
 * the `Map`'s insertion order: evicting through `map.keys().next()` would scan the holes that
 * earlier deletions leave at the front of V8's table, which at 10,000 entries costs more than
 * the rest of the cache put together.
 */
export class TokenCache {
  readonly #capacity: number;
  readonly #slots = new Map<string, Slot>();
  #newest: Slot | undefined;
  #oldest: Slot | undefined;

  /** @param capacity maximum entries; 0 keeps nothing. */
  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Number of cached tokens. */
  get size(): number {
    return this.#slots.size;
  }

  /** The entry for this exact token, marked as most recently used. */
  get(token: string): CachedToken | undefined {
    const slot = this.#slots.get(token);
    if (slot === undefined) return undefined;
    this.#unlink(slot);
    this.#pushNewest(slot);
    return slot.entry;
  }

  /** Whether this exact token is cached, without touching its recency. */
  has(token: string): boolean {
    return this.#slots.has(token);
  }

  /** Adds a verified token, evicting the least recently used one when full. */
  set(token: string, entry: CachedToken): void {
    if (this.#capacity === 0) return;
    const existing = this.#slots.get(token);
    if (existing !== undefined) {
      existing.entry = entry;
      this.#unlink(existing);
      this.#pushNewest(existing);
      return;
    }
    if (this.#slots.size >= this.#capacity && this.#oldest !== undefined) {
      this.#remove(this.#oldest);
    }
    const slot: Slot = { token, entry, newer: undefined, older: undefined };
    this.#slots.set(token, slot);
    this.#pushNewest(slot);
  }

  /** Forgets one token (it expired or failed a re-check). */
  delete(token: string): void {
    const slot = this.#slots.get(token);
    if (slot !== undefined) this.#remove(slot);
  }

  /** Drops every token signed by a key outside `kids`, after a key set refresh. */
  retainKids(kids: ReadonlySet<string>): void {
    for (const slot of this.#slots.values()) {
      if (!kids.has(slot.entry.kid)) this.#remove(slot);
    }
  }

  #remove(slot: Slot): void {
    this.#unlink(slot);
    this.#slots.delete(slot.token);
  }

  #unlink(slot: Slot): void {
    if (slot.newer === undefined) this.#newest = slot.older;
    else slot.newer.older = slot.older;
    if (slot.older === undefined) this.#oldest = slot.newer;
    else slot.older.newer = slot.newer;
    slot.newer = undefined;
    slot.older = undefined;
  }

  #pushNewest(slot: Slot): void {
    slot.older = this.#newest;
    if (this.#newest === undefined) this.#oldest = slot;
    else this.#newest.newer = slot;
    this.#newest = slot;
  }
}
