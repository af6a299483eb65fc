import { type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';
import { type ClaimRules, checkLifetime, type StaffClaims, toStaffClaims } from './claims.ts';
import { AuthError, JwksFetchError, VerifierOptionsError } from './errors.ts';
import { safeEmitter } from './events.ts';
import { type JwksSnapshot, KeySet } from './jwks/keys.ts';
import { type JwksState, RemoteJwks } from './jwks/remote.ts';
import { resolveOptions, type VerifierOptions } from './options.ts';
import { createHeaderReader, MAX_TOKEN_LENGTH } from './token.ts';
import { type CachedToken, TokenCache } from './token-cache.ts';

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
  };
  const readHeader = createHeaderReader(algorithms);
  const tokens = new TokenCache(settings.tokenCacheSize);
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

  /** Re-checks a cached token: the key is still published, and time, revocation still pass. */
  async function fromCache(token: string, cached: CachedToken): Promise<StaffClaims | undefined> {
    if (!jwks.isFreshWith(cached.kid)) {
      // Refreshes the key set if due; drops this entry if its key was retired.
      await jwks.keyFor(cached.kid, cached.alg);
      if (!tokens.has(token)) return undefined;
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
    const { alg, kid } = readHeader(token);
    const key = jwks.readyKey(kid, alg) ?? (await jwks.keyFor(kid, alg));
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: [alg],
        clockTolerance: clockToleranceSec,
        currentDate: new Date(now()),
      }));
    } catch (cause) {
      throw fromJose(cause);
    }
    const claims = toStaffClaims(payload, rules, now());
    if (isRevoked !== undefined) await checkRevocation(claims, isRevoked);
    tokens.set(token, { claims, kid, alg });
    emit?.({ type: 'token_verified', kid, cached: false });
    return claims;
  }

  async function checkRevocation(
    claims: StaffClaims,
    revocationCheck: NonNullable<VerifierOptions['isRevoked']>,
  ): Promise<void> {
    let revoked: unknown;
    try {
      revoked = await revocationCheck(claims);
    } catch (cause) {
      throw new AuthError('revocation_unavailable', 'Token revocation could not be checked.', {
        cause,
        retryAfterSec: 1,
      });
    }
    // Fail closed: only an explicit `false` lets the token through.
    if (revoked !== false) throw new AuthError('token_revoked', 'The token has been revoked.');
  }

  return {
    async verify(token, verifyOptions) {
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
        if (subject !== undefined && claims.sub !== subject) {
          throw new AuthError('subject_mismatch', 'The token belongs to another staff member.');
        }
        return claims;
      } catch (error) {
        const failure =
          error instanceof AuthError
            ? error
            : new AuthError('malformed_token', 'The token could not be verified.', {
                cause: error,
              });
        emit?.({ type: 'token_rejected', code: failure.code });
        throw failure;
      }
    },
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

/** Maps jose's errors onto the catalogue; anything unexpected fails closed as malformed. */
function fromJose(cause: unknown): AuthError {
  if (cause instanceof joseErrors.JWSSignatureVerificationFailed) {
    return new AuthError('invalid_signature', 'The token signature is invalid.', { cause });
  }
  if (cause instanceof joseErrors.JWTExpired) {
    return new AuthError('token_expired', 'The token has expired.', { cause });
  }
  if (cause instanceof joseErrors.JWTClaimValidationFailed) {
    if (cause.claim === 'nbf' && cause.reason === 'check_failed') {
      return new AuthError('token_not_yet_valid', 'The token is not valid yet (nbf).', { cause });
    }
    return new AuthError('malformed_token', `The token's "${cause.claim}" claim is invalid.`, {
      cause,
    });
  }
  if (cause instanceof joseErrors.JOSEAlgNotAllowed) {
    return new AuthError('unsupported_algorithm', 'The token algorithm is not allowed.', { cause });
  }
  if (cause instanceof joseErrors.JOSENotSupported) {
    return new AuthError('malformed_token', 'The token uses an unsupported JWS feature.', {
      cause,
    });
  }
  return new AuthError('malformed_token', 'The token is malformed.', { cause });
}
