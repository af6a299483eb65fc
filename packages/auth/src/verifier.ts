import { type ClaimRules, checkLifetime, checkSubject, type StaffClaims } from './claims.ts';
import { JwksFetchError, VerifierOptionsError } from './errors.ts';
import { safeEmitter } from './events.ts';
import { type Explanation, explainToken } from './explain.ts';
import { type JwksSnapshot, KeySet } from './jwks/keys.ts';
import { type JwksState, RemoteJwks } from './jwks/remote.ts';
import { resolveOptions, type VerifierOptions } from './options.ts';
import { asAuthError, checkRevocation, createSteps, type Progress } from './steps.ts';
import { createHeaderReader, MAX_TOKEN_LENGTH } from './token.ts';
import { type CachedToken, VerifiedTokenCache } from './verified-token-cache.ts';

/** Per-call options of `verifier.verify`. */
export interface VerifyOptions {
  /** The staff uid the resource belongs to: a token for anyone else fails with `subject_mismatch`. */
  subject?: string;
}

/** Verifies platform staff tokens. Create one per process and reuse it: it owns the caches. */
export interface Verifier {
  /**
   * Verifies a compact RS256 JWT and returns its claims.
   * @throws AuthError, and nothing else, for every failure.
   */
  verify(token: string, options?: VerifyOptions): Promise<StaffClaims>;
  /**
   * Runs the same steps as `verify` on a token and reports each one, for diagnostics: never
   * throws for a bad token, reads and fills no token cache, emits no token events (JWKS
   * fetches still happen and report as usual).
   */
  explain(token: string, options?: VerifyOptions): Promise<Explanation>;
  /** The JWKS cache state, for a health endpoint. */
  jwksState(): JwksState;
  /**
   * Fetches the key set if none is servable (never more often than the cooldown allows), then
   * answers the state: a readiness probe's question "could a token be verified now?".
   */
  ensureJwks(): Promise<JwksState>;
  /** The cached key set with its fetch time, to seed another instance (`initialJwks`); `null` before the first fetch. */
  exportJwks(): JwksSnapshot | null;
}

/**
 * Creates a verifier. Checks every option now, so a misconfiguration fails at start-up.
 * @throws VerifierOptionsError for invalid options.
 */
export function createVerifier(options: VerifierOptions): Verifier {
  const settings = resolveOptions(options);
  const { now, isRevoked, algorithms, clockToleranceSec } = settings;
  const emit = safeEmitter(settings.onEvent);
  const rules: ClaimRules = {
    audience: settings.audience,
    issuer: settings.issuer,
    clockToleranceSec,
    maxTokenAgeSec: settings.maxTokenAgeSec,
    maxTokenLifetimeSec: settings.maxTokenLifetimeSec,
  };
  const tokens = new VerifiedTokenCache(settings.tokenCacheSize);
  const jwks = new RemoteJwks({
    url: settings.jwksUrl,
    fetch: settings.fetch,
    timeoutMs: settings.timeoutMs,
    maxBytes: settings.maxJwksBytes,
    cacheMaxAgeMs: settings.cacheMaxAgeMs,
    cooldownMs: settings.cooldownMs,
    maxStaleMs: settings.maxStaleMs,
    now,
    emit,
    // A key the platform no longer publishes must stop verifying, cached tokens included.
    onReplaced: (set) => tokens.retainKids(new Set(set.usableKids)),
    initial: seed(settings.initialJwks, now),
  });
  // The one sequence of checks behind both `verify` and `explain`.
  const steps = createSteps({
    readHeader: createHeaderReader(algorithms),
    jwks,
    rules,
    now,
    isRevoked,
  });

  /**
   * Re-checks a cached token: the very key that verified it is still published under its `kid`,
   * and time and revocation still pass.
   */
  async function fromCache(token: string, cached: CachedToken): Promise<StaffClaims | undefined> {
    // A string compare on the hit path; the thumbprints were computed when the keys were imported.
    if (jwks.freshKeyId(cached.kid) !== cached.keyId) {
      // The set is due (refreshed now), the key not yet imported from a new set, or `kid` now
      // names another key. Retired keys throw here; a replaced one sends the token to a full check.
      const key = await jwks.keyFor(cached.kid, cached.alg);
      if (key.id !== cached.keyId || !tokens.has(token)) {
        tokens.delete(token);
        return undefined;
      }
    }
    try {
      checkLifetime(cached.claims, rules, now());
      if (isRevoked !== undefined) await checkRevocation(cached.claims, isRevoked);
    } catch (error) {
      tokens.delete(token);
      throw error;
    }
    emit?.({ type: 'token_cache', hit: true });
    emit?.({ type: 'token_verified', kid: cached.kid, cached: true });
    return cached.claims;
  }

  async function verifyUncached(token: string): Promise<StaffClaims> {
    const progress: Progress = { token };
    for (const step of steps) {
      const pending = step.run(progress);
      if (pending !== undefined) await pending;
    }
    const { claims, header, key } = progress as Required<Progress>;
    tokens.set(token, { claims, kid: header.kid, alg: header.alg, keyId: key.id });
    emit?.({ type: 'token_verified', kid: header.kid, cached: false });
    return claims;
  }

  return {
    async verify(token, verifyOptions) {
      const started = emit === undefined ? 0 : performance.now();
      let ok = false;
      try {
        // Length first: hashing an arbitrarily long string for the lookup would be free work for an attacker.
        const cached =
          typeof token === 'string' && token.length <= MAX_TOKEN_LENGTH
            ? tokens.get(token)
            : undefined;
        let claims = cached === undefined ? undefined : await fromCache(token, cached);
        if (claims === undefined) {
          emit?.({ type: 'token_cache', hit: false });
          claims = await verifyUncached(token);
        }
        const subject = verifyOptions?.subject;
        if (subject !== undefined) checkSubject(claims, subject);
        ok = true;
        return claims;
      } catch (error) {
        const failure = asAuthError(error);
        emit?.({ type: 'token_rejected', code: failure.code });
        throw failure;
      } finally {
        emit?.({ type: 'verification', ok, durationMs: performance.now() - started });
      }
    },
    explain: (token, explainOptions) =>
      explainToken(token, explainOptions?.subject, steps, {
        rules,
        now,
        revocationConfigured: isRevoked !== undefined,
      }),
    jwksState: () => jwks.state(),
    ensureJwks: () => jwks.ensure(),
    exportJwks: () => jwks.export(),
  };
}

/** Validates `initialJwks`; a corrupt snapshot fails loudly at start-up rather than per request. */
function seed(
  snapshot: JwksSnapshot | undefined,
  now: () => number,
): { set: KeySet; fetchedAt: number } | undefined {
  if (snapshot === undefined) return undefined;
  const fetchedAt = Date.parse(String((snapshot as Partial<JwksSnapshot> | null)?.fetchedAt));
  if (!Number.isFinite(fetchedAt)) {
    throw new VerifierOptionsError('createVerifier: "initialJwks.fetchedAt" must be an ISO date.');
  }
  try {
    // A snapshot from the future (clock skew between instances) must not extend its own life.
    return { set: KeySet.parse(snapshot.jwks), fetchedAt: Math.min(fetchedAt, now()) };
  } catch (cause) {
    if (!(cause instanceof JwksFetchError)) throw cause;
    throw new VerifierOptionsError(
      'createVerifier: "initialJwks.jwks" must be a key set with a usable RSA signing key.',
      { cause },
    );
  }
}
