import type { StaffClaims } from './claims.ts';

/** One verified token: its claims and the key that signed it. */
export interface CachedToken {
  readonly claims: StaffClaims;
  readonly kid: string;
  readonly alg: string;
  /** The thumbprint of the key that verified it: the entry is good only while `kid` names it. */
  readonly keyId: string;
}

/** A cache slot, linked from most to least recently used. */
interface Slot {
  token: string;
  entry: CachedToken;
  newer: Slot | undefined;
  older: Slot | undefined;
}

/**
 * How many trailing characters of a token index its slot: the end of its signature, some 380
 * bits chosen by the signer, so two verified tokens never share them by chance.
 */
const INDEX_LENGTH = 64;

/**
 * Verified tokens matched by their exact string, least recently used out.
 *
 * Every request brings the token as a new string, and a `Map` lookup hashes all of it, which for
 * a token of several hundred characters costs more than the rest of a cache hit. So slots are
 * indexed by the signature's tail, and a lookup then compares the whole string: a token that
 * differs in any character, such as a forgery that reuses a cached token's signature, is a miss
 * and gets fully verified, and it cannot displace the entry it imitates (only verified tokens are
 * stored).
 *
 * Recency lives in a linked list beside the `Map`, not in the `Map`'s insertion order: evicting
 * through `map.keys().next()` would scan the holes that earlier deletions leave at the front of
 * V8's table, which at 10,000 entries costs more than the rest of the cache put together.
 */
export class VerifiedTokenCache {
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
    const slot = this.#find(token);
    if (slot === undefined) return undefined;
    this.#unlink(slot);
    this.#pushNewest(slot);
    return slot.entry;
  }

  /** Whether this exact token is cached, without touching its recency. */
  has(token: string): boolean {
    return this.#find(token) !== undefined;
  }

  /** Adds a verified token, evicting the least recently used one when full. */
  set(token: string, entry: CachedToken): void {
    if (this.#capacity === 0) return;
    const key = indexKey(token);
    const existing = this.#slots.get(key);
    if (existing !== undefined) {
      // The same token again, or (never seen in practice) another one with the same tail.
      existing.token = token;
      existing.entry = entry;
      this.#unlink(existing);
      this.#pushNewest(existing);
      return;
    }
    if (this.#slots.size >= this.#capacity && this.#oldest !== undefined) {
      this.#remove(this.#oldest);
    }
    const slot: Slot = { token, entry, newer: undefined, older: undefined };
    this.#slots.set(key, slot);
    this.#pushNewest(slot);
  }

  /** Forgets one token (it expired or failed a re-check). */
  delete(token: string): void {
    const slot = this.#find(token);
    if (slot !== undefined) this.#remove(slot);
  }

  /** Drops every token signed by a key outside `kids`, after a key set refresh. */
  retainKids(kids: ReadonlySet<string>): void {
    for (const slot of this.#slots.values()) {
      if (!kids.has(slot.entry.kid)) this.#remove(slot);
    }
  }

  #find(token: string): Slot | undefined {
    const slot = this.#slots.get(indexKey(token));
    return slot?.token === token ? slot : undefined;
  }

  #remove(slot: Slot): void {
    this.#unlink(slot);
    this.#slots.delete(indexKey(slot.token));
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

function indexKey(token: string): string {
  return token.slice(-INDEX_LENGTH);
}
