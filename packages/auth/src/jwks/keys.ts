import { base64url, calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import { AuthError, JwksFetchError } from '../errors.ts';
import { RSA_ALGORITHMS } from '../options.ts';

/** A JSON Web Key Set as published: `{ keys: [...] }`. */
export interface JsonWebKeySet {
  keys: JWK[];
}

/** A key set saved with `verifier.exportJwks()`, to seed another verifier (`initialJwks`). */
export interface JwksSnapshot {
  /** The key set exactly as the endpoint published it. */
  jwks: JsonWebKeySet;
  /** When it was fetched, ISO 8601. Its age counts against `cacheMaxAgeMs` and `maxStaleMs`. */
  fetchedAt: string;
}

/** Smallest RSA modulus accepted, per NIST SP 800-57 and RFC 7518 section 3.3. */
export const MIN_RSA_MODULUS_BITS = 2048;

/** An imported public key and its identity. */
export interface VerificationKey {
  /** The key, imported for one token `alg`. */
  readonly key: CryptoKey;
  /**
   * The key's RFC 7638 thumbprint: what the verified-token cache ties a token to, so a different
   * key published later under the same `kid` never vouches for tokens the old one verified.
   */
  readonly id: string;
}

type KeyEntry =
  | {
      usable: true;
      n: string;
      e: string;
      alg: string | undefined;
      /** The thumbprint, once the first import has computed it. */
      id: string | undefined;
      /** Imports started, per token alg. */
      imported: Map<string, Promise<VerificationKey>>;
      /** Imports finished, per token alg, for the synchronous fast path. */
      ready: Map<string, VerificationKey>;
    }
  | { usable: false; why: string };

/** The signing keys of one fetched JWKS, indexed by `kid`. Immutable once parsed. */
export class KeySet {
  /** The set as published, for export. */
  readonly source: JsonWebKeySet;
  /** Number of keys that can verify tokens. */
  readonly usableCount: number;
  readonly #byKid: ReadonlyMap<string, KeyEntry>;

  private constructor(source: JsonWebKeySet, byKid: Map<string, KeyEntry>) {
    this.source = source;
    this.#byKid = byKid;
    this.usableCount = [...byKid.values()].filter((entry) => entry.usable).length;
  }

  /**
   * Reads a JWKS document. Keys that cannot verify RS* tokens (wrong type or use, short modulus,
   * duplicate `kid`) are kept as unusable so a token naming them fails clearly without a refetch.
   * @throws JwksFetchError `invalid_set` when the document is not a key set or has no usable key.
   */
  static parse(document: unknown): KeySet {
    if (!isObject(document) || !Array.isArray(document.keys)) {
      throw new JwksFetchError('invalid_set');
    }
    const byKid = new Map<string, KeyEntry>();
    for (const jwk of document.keys as unknown[]) {
      if (!isObject(jwk) || typeof jwk.kid !== 'string' || jwk.kid === '') continue;
      const entry: KeyEntry = byKid.has(jwk.kid)
        ? { usable: false, why: 'is listed more than once in the key set' }
        : judge(jwk);
      byKid.set(jwk.kid, entry);
    }
    const set = new KeySet({ keys: document.keys as JWK[] }, byKid);
    if (set.usableCount === 0) throw new JwksFetchError('invalid_set');
    return set;
  }

  /** The `kid`s of the keys that can verify tokens. */
  get usableKids(): string[] {
    return [...this.#byKid].filter(([, entry]) => entry.usable).map(([kid]) => kid);
  }

  /** Whether the set names this `kid` at all (usable or not). */
  has(kid: string): boolean {
    return this.#byKid.has(kid);
  }

  /**
   * The verification key for `kid` and the token's `alg`, imported once and reused.
   * @throws AuthError `unknown_key` or `unsupported_algorithm`.
   */
  keyFor(kid: string, alg: string): Promise<VerificationKey> {
    const entry = this.#byKid.get(kid);
    if (entry === undefined) {
      return Promise.reject(new AuthError('unknown_key', "No published key has the token's kid."));
    }
    if (!entry.usable) {
      return Promise.reject(
        new AuthError('unknown_key', `The published key named by the token ${entry.why}.`),
      );
    }
    if (entry.alg !== undefined && entry.alg !== alg) {
      return Promise.reject(
        new AuthError(
          'unsupported_algorithm',
          `The token's key is published for ${entry.alg} only.`,
        ),
      );
    }
    let key = entry.imported.get(alg);
    if (key === undefined) {
      // Only the public members: a private "d" published by mistake must not become a signing key.
      const publicJwk = { kty: 'RSA', n: entry.n, e: entry.e };
      key = Promise.all([importJWK(publicJwk, alg), calculateJwkThumbprint(publicJwk)]).then(
        ([imported, id]) => {
          const ready: VerificationKey = { key: imported as CryptoKey, id };
          entry.id = id;
          entry.ready.set(alg, ready);
          return ready;
        },
        (cause: unknown) => {
          throw new AuthError('unknown_key', 'The published key could not be imported.', { cause });
        },
      );
      entry.imported.set(alg, key);
    }
    return key;
  }

  /** The key for `kid` and `alg` if it is already imported: the synchronous fast path. */
  readyKey(kid: string, alg: string): VerificationKey | undefined {
    const entry = this.#byKid.get(kid);
    return entry?.usable === true ? entry.ready.get(alg) : undefined;
  }

  /** The thumbprint of the key published as `kid`, once it has been imported. */
  keyId(kid: string): string | undefined {
    const entry = this.#byKid.get(kid);
    return entry?.usable === true ? entry.id : undefined;
  }
}

function judge(jwk: Record<string, unknown>): KeyEntry {
  if (jwk.kty !== 'RSA') return { usable: false, why: 'is not an RSA key' };
  if (jwk.use !== undefined && jwk.use !== 'sig') {
    return { usable: false, why: 'is not for signatures (use)' };
  }
  if (
    jwk.key_ops !== undefined &&
    !(Array.isArray(jwk.key_ops) && (jwk.key_ops as unknown[]).includes('verify'))
  ) {
    return { usable: false, why: 'does not allow verification (key_ops)' };
  }
  if (jwk.alg !== undefined && !(RSA_ALGORITHMS as readonly unknown[]).includes(jwk.alg)) {
    return { usable: false, why: 'is for another algorithm' };
  }
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') {
    return { usable: false, why: 'lacks its modulus or exponent' };
  }
  const bits = modulusBits(jwk.n);
  if (bits < MIN_RSA_MODULUS_BITS) {
    return { usable: false, why: `has a modulus shorter than ${MIN_RSA_MODULUS_BITS} bits` };
  }
  return {
    usable: true,
    n: jwk.n,
    e: jwk.e,
    alg: typeof jwk.alg === 'string' ? jwk.alg : undefined,
    id: undefined,
    imported: new Map(),
    ready: new Map(),
  };
}

/** Bit length of a base64url big-endian modulus; 0 when it does not decode. */
function modulusBits(n: string): number {
  let bytes: Uint8Array;
  try {
    bytes = base64url.decode(n);
  } catch {
    return 0;
  }
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start += 1;
  const first = bytes[start];
  if (first === undefined) return 0;
  return (bytes.length - start - 1) * 8 + (32 - Math.clz32(first));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
