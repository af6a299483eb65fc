/**
 * Every error this package throws, each a named class with a stable `code` from one catalogue.
 */

/** RFC 6750 section 3.1 error codes used in `WWW-Authenticate`. */
export type BearerErrorCode = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/** How one authentication failure maps onto HTTP. */
export interface AuthErrorSpec {
  /** HTTP status of the answer. */
  readonly status: 400 | 401 | 403 | 503;
  /** Would the client succeed by retrying once with a freshly issued token? */
  readonly retryable: boolean;
  /**
   * The RFC 6750 `error` attribute; `null` when the request carried no token (RFC 6750
   * section 3.1 says to send no error code then) or when the failure is not the token's fault.
   */
  readonly bearerError: BearerErrorCode | null;
}

/**
 * The catalogue of authentication failures: code → HTTP status, retry hint and RFC 6750 error.
 * Codes are stable API: clients, logs and metrics may switch on them.
 */
export const AUTH_ERROR_CODES = {
  /** No `Authorization` header. */
  missing_token: { status: 401, retryable: true, bearerError: null },
  /** `Authorization` is present but not `Bearer <one token>`. */
  invalid_request: { status: 400, retryable: false, bearerError: 'invalid_request' },
  /** Not a compact JWS with a JSON object payload, bad encoding, over 16 KiB, or bad claim types. */
  malformed_token: { status: 401, retryable: false, bearerError: 'invalid_token' },
  /** Header `alg` missing or outside the `algorithms` allowlist (or the key's own `alg`). */
  unsupported_algorithm: { status: 401, retryable: false, bearerError: 'invalid_token' },
  /** Header `kid` missing, empty or not a string. */
  missing_kid: { status: 401, retryable: false, bearerError: 'invalid_token' },
  /** No usable published key has the token's `kid` (also after a refetch). */
  unknown_key: { status: 401, retryable: true, bearerError: 'invalid_token' },
  /** The signature does not match the published key. */
  invalid_signature: { status: 401, retryable: false, bearerError: 'invalid_token' },
  /** `exp` has passed (beyond the clock tolerance). */
  token_expired: { status: 401, retryable: true, bearerError: 'invalid_token' },
  /** `nbf` or `iat` lies in the future (beyond the clock tolerance). */
  token_not_yet_valid: { status: 401, retryable: false, bearerError: 'invalid_token' },
  /** `iat` is older than `maxTokenAgeSec`. */
  token_too_old: { status: 401, retryable: true, bearerError: 'invalid_token' },
  /** `exp − iat` is longer than `maxTokenLifetimeSec`. */
  token_lifetime_too_long: { status: 401, retryable: false, bearerError: 'invalid_token' },
  /** `aud` is missing, not a single string, or not this app. */
  invalid_audience: { status: 401, retryable: false, bearerError: 'invalid_token' },
  /** `iss` is missing or not the expected issuer. */
  invalid_issuer: { status: 401, retryable: false, bearerError: 'invalid_token' },
  /** `sub` missing or not a non-empty string, or `sub_type` present and not `staff`. */
  invalid_subject: { status: 401, retryable: false, bearerError: 'invalid_token' },
  /** A valid token for another staff member than the resource requires. */
  subject_mismatch: { status: 403, retryable: false, bearerError: 'insufficient_scope' },
  /** `isRevoked` said yes. */
  token_revoked: { status: 401, retryable: false, bearerError: 'invalid_token' },
  /** `isRevoked` threw: fail closed, but say it is temporary. */
  revocation_unavailable: { status: 503, retryable: false, bearerError: null },
  /** The key set cannot be fetched and no usable cached copy exists. */
  jwks_unavailable: { status: 503, retryable: false, bearerError: null },
} as const satisfies Record<string, AuthErrorSpec>;

/** A stable authentication failure code; see {@link AUTH_ERROR_CODES}. */
export type AuthErrorCode = keyof typeof AUTH_ERROR_CODES;

/** The realm named in every `WWW-Authenticate` challenge. */
export const AUTH_REALM = 'intandem';

/** Options of {@link AuthError} beyond code and message. */
export interface AuthErrorOptions {
  /** The underlying error, for logs. Never exposed in HTTP answers. */
  cause?: unknown;
  /** Seconds the client should wait before retrying (503 only). */
  retryAfterSec?: number;
}

/**
 * The only error `verify`, `authenticate` and `withAuth` throw for authentication reasons.
 * Its message is safe to show to clients: it never contains the token.
 */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  /** Stable machine-readable code. */
  readonly code: AuthErrorCode;
  /** HTTP status to answer with. */
  readonly status: AuthErrorSpec['status'];
  /** Would retrying once with a fresh token help? */
  readonly retryable: boolean;
  /** For 503 answers: seconds before a retry can succeed. */
  readonly retryAfterSec: number | undefined;

  constructor(code: AuthErrorCode, message: string, options: AuthErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const spec: AuthErrorSpec = AUTH_ERROR_CODES[code];
    this.code = code;
    this.status = spec.status;
    this.retryable = spec.retryable;
    this.retryAfterSec = options.retryAfterSec;
  }

  /** The RFC 6750 `WWW-Authenticate` challenge for this failure. */
  get wwwAuthenticate(): string {
    const { bearerError } = AUTH_ERROR_CODES[this.code];
    if (bearerError === null) return `Bearer realm="${AUTH_REALM}"`;
    return `Bearer realm="${AUTH_REALM}", error="${bearerError}", error_description="${quotable(this.message)}"`;
  }
}

/** RFC 6750 allows only %x20-21 / %x23-5B / %x5D-7E inside error_description. */
function quotable(text: string): string {
  return text.replace(/"/g, "'").replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '?');
}

/** Why one JWKS fetch failed; each reason is a distinct event and error message. */
export const JWKS_FAILURES = {
  timeout: 'did not answer in time',
  network: 'could not be reached',
  redirect: 'answered with a redirect, which is not followed',
  http_status: 'answered with an HTTP status other than 200',
  too_large: 'sent a body larger than maxJwksBytes',
  not_json: 'sent a body that is not JSON',
  invalid_set: 'sent no usable RSA signing key',
} as const;

/** A stable JWKS fetch failure reason; see {@link JWKS_FAILURES}. */
export type JwksFailure = keyof typeof JWKS_FAILURES;

/** One failed JWKS fetch. It reaches callers only as the `cause` of a `jwks_unavailable` AuthError. */
export class JwksFetchError extends Error {
  override readonly name = 'JwksFetchError';
  /** Stable reason code. */
  readonly reason: JwksFailure;
  /** The HTTP status, when the endpoint answered. */
  readonly httpStatus: number | undefined;

  constructor(reason: JwksFailure, options: { httpStatus?: number; cause?: unknown } = {}) {
    const status = options.httpStatus === undefined ? '' : ` (HTTP ${options.httpStatus})`;
    super(
      `The JWKS endpoint ${JWKS_FAILURES[reason]}${status}.`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.reason = reason;
    this.httpStatus = options.httpStatus;
  }
}

/** Thrown by `createVerifier` for invalid options, so a misconfiguration fails at start-up. */
export class VerifierOptionsError extends TypeError {
  override readonly name = 'VerifierOptionsError';
  /** Stable code for every options error. */
  readonly code = 'invalid_verifier_options';
}
