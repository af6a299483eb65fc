import { AuthError, JwksFetchError } from '../errors.ts';
import type { AuthEventListener, JwksFetchReason } from '../events.ts';
import { fetchJwks } from './fetch.ts';
import { type JwksSnapshot, KeySet } from './keys.ts';

/** The JWKS cache as `verifier.jwksState()` reports it, e.g. for a health endpoint. */
export interface JwksState {
  /**
   * - `empty`: nothing fetched yet and no fetch has failed.
   * - `fresh`: the key set is younger than `cacheMaxAgeMs`.
   * - `stale`: older than `cacheMaxAgeMs`; the next verify refetches it, and while the endpoint
   *   fails it keeps verifying for up to `maxStaleMs` more.
   * - `failing`: the last fetch failed and no key set can be served (none, or past `maxStaleMs`).
   */
  status: 'empty' | 'fresh' | 'stale' | 'failing';
  /** `kid`s of the usable keys in the cached set. */
  keyIds: string[];
  /** When the cached set was fetched, ISO 8601; `null` when there is none. */
  fetchedAt: string | null;
  /** Why the last fetch failed; `null` once a fetch succeeds. */
  lastError: string | null;
}

/** Settings of {@link RemoteJwks}, from the verifier options. */
export interface RemoteJwksOptions {
  url: URL;
  fetch: typeof fetch;
  timeoutMs: number;
  maxBytes: number;
  cacheMaxAgeMs: number;
  cooldownMs: number;
  maxStaleMs: number;
  now: () => number;
  emit: AuthEventListener | undefined;
  /** Called whenever a fetched set replaces the cached one. */
  onReplaced: (set: KeySet) => void;
  initial: { set: KeySet; fetchedAt: number } | undefined;
}

/**
 * The remote key set: fetched on first use, refreshed when older than `cacheMaxAgeMs` or when a
 * token names an unknown `kid`, with at most one request in flight and at most one attempt per
 * `cooldownMs`. While the endpoint fails, the cached set keeps serving for up to `maxStaleMs`.
 */
export class RemoteJwks {
  readonly #options: RemoteJwksOptions;
  #current: { set: KeySet; fetchedAt: number } | null;
  #inflight: Promise<void> | null = null;
  #lastAttemptAt: number | null = null;
  #lastError: JwksFetchError | null = null;

  constructor(options: RemoteJwksOptions) {
    this.#options = options;
    this.#current = options.initial ?? null;
  }

  /** Synchronous check for the verified-token cache: is `kid` in a set that needs no refresh? */
  isFreshWith(kid: string): boolean {
    return this.#freshSet()?.has(kid) === true;
  }

  /**
   * The key for `kid` and `alg` when the set is fresh and the key already imported; otherwise
   * `undefined`, and the caller takes the asynchronous {@link keyFor}. Saves a few promise hops
   * on every new token.
   */
  readyKey(kid: string, alg: string): CryptoKey | undefined {
    const key = this.#freshSet()?.readyKey(kid, alg);
    if (key !== undefined) this.#options.emit?.({ type: 'jwks_cache', hit: true, kid });
    return key;
  }

  #freshSet(): KeySet | undefined {
    const current = this.#current;
    if (
      current === null ||
      this.#options.now() - current.fetchedAt >= this.#options.cacheMaxAgeMs
    ) {
      return undefined;
    }
    return current.set;
  }

  /**
   * The key to verify a token with `kid` and `alg`, fetching the set when needed.
   * @throws AuthError `unknown_key`, `unsupported_algorithm` or `jwks_unavailable`.
   */
  async keyFor(kid: string, alg: string): Promise<CryptoKey> {
    const set = await this.#servableSet();
    const { emit } = this.#options;
    if (set.has(kid)) {
      emit?.({ type: 'jwks_cache', hit: true, kid });
      return set.keyFor(kid, alg);
    }
    emit?.({ type: 'jwks_cache', hit: false, kid });
    // A new kid usually means the platform rotated keys: refetch, but never more than once per
    // cooldown, so a flood of made-up kids cannot turn into a flood of requests.
    if (this.#mayFetch()) {
      await this.#refresh('unknown_kid');
      const refreshed = this.#current?.set;
      if (refreshed?.has(kid)) return refreshed.keyFor(kid, alg);
    }
    if (this.#lastError !== null) throw this.#unavailable();
    throw new AuthError('unknown_key', "No published key has the token's kid.");
  }

  /** The cache state for health checks. */
  state(): JwksState {
    const current = this.#current;
    const lastError = this.#lastError?.message ?? null;
    const age =
      current === null ? Number.POSITIVE_INFINITY : this.#options.now() - current.fetchedAt;
    const servable = age < this.#options.cacheMaxAgeMs + this.#options.maxStaleMs;
    let status: JwksState['status'];
    if (lastError !== null && !servable) status = 'failing';
    else if (current === null) status = 'empty';
    else status = age < this.#options.cacheMaxAgeMs ? 'fresh' : 'stale';
    return {
      status,
      keyIds: current?.set.usableKids ?? [],
      fetchedAt: current === null ? null : new Date(current.fetchedAt).toISOString(),
      lastError,
    };
  }

  /** Fetches the key set when none is servable (within the cooldown), then reports the state. */
  async ensure(): Promise<JwksState> {
    try {
      await this.#servableSet();
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
    }
    return this.state();
  }

  /** The cached set and its fetch time, for `initialJwks`; `null` before the first fetch. */
  export(): JwksSnapshot | null {
    const current = this.#current;
    if (current === null) return null;
    return {
      jwks: structuredClone(current.set.source),
      fetchedAt: new Date(current.fetchedAt).toISOString(),
    };
  }

  /** A set that may verify now: fresh, refreshed, or stale within the bound. */
  async #servableSet(): Promise<KeySet> {
    const { cacheMaxAgeMs, maxStaleMs, now, emit } = this.#options;
    const before = this.#current;
    if (before !== null && now() - before.fetchedAt < cacheMaxAgeMs) return before.set;
    if (this.#mayFetch()) await this.#refresh(before === null ? 'initial' : 'expired');
    const current = this.#current;
    if (current !== null) {
      const age = now() - current.fetchedAt;
      if (age < cacheMaxAgeMs) return current.set;
      if (age < cacheMaxAgeMs + maxStaleMs) {
        emit?.({ type: 'jwks_stale', ageMs: age });
        return current.set;
      }
    }
    throw this.#unavailable();
  }

  #mayFetch(): boolean {
    const last = this.#lastAttemptAt;
    return (
      this.#inflight !== null ||
      last === null ||
      this.#options.now() - last >= this.#options.cooldownMs
    );
  }

  /** Single flight: every caller during a fetch shares it. Never rejects. */
  #refresh(reason: JwksFetchReason): Promise<void> {
    if (this.#inflight !== null) return this.#inflight;
    this.#lastAttemptAt = this.#options.now();
    const run = this.#load(reason).finally(() => {
      this.#inflight = null;
    });
    this.#inflight = run;
    return run;
  }

  async #load(reason: JwksFetchReason): Promise<void> {
    const { url, fetch, timeoutMs, maxBytes, now, emit, onReplaced } = this.#options;
    const started = performance.now();
    let httpStatus: number | undefined;
    try {
      const fetched = await fetchJwks(url, { fetch, timeoutMs, maxBytes });
      httpStatus = fetched.httpStatus;
      const set = KeySet.parse(fetched.document);
      this.#current = { set, fetchedAt: now() };
      this.#lastError = null;
      emit?.({
        type: 'jwks_fetch',
        ok: true,
        reason,
        durationMs: performance.now() - started,
        httpStatus,
        keyCount: set.usableCount,
      });
      onReplaced(set);
    } catch (error) {
      const failure =
        error instanceof JwksFetchError ? error : new JwksFetchError('network', { cause: error });
      this.#lastError = failure;
      emit?.({
        type: 'jwks_fetch',
        ok: false,
        reason,
        durationMs: performance.now() - started,
        httpStatus: failure.httpStatus ?? httpStatus,
        failure: failure.reason,
      });
    }
  }

  #unavailable(): AuthError {
    const last = this.#lastAttemptAt ?? this.#options.now();
    const waitMs = Math.max(0, last + this.#options.cooldownMs - this.#options.now());
    const detail = this.#lastError === null ? '' : ` ${this.#lastError.message}`;
    return new AuthError(
      'jwks_unavailable',
      `The platform's signing keys are unavailable.${detail}`,
      {
        cause: this.#lastError ?? undefined,
        retryAfterSec: Math.max(1, Math.ceil(waitMs / 1000)),
      },
    );
  }
}
