/**
 * Every error the mock host answers with, each with a stable `code` and HTTP status.
 * Routes throw these; the router turns them into the platform's error shape
 * `{ success: false, errors: [{ code, message }] }`.
 */
export class MockHostError extends Error {
  override name = 'MockHostError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. `Retry-After`. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** The body is not JSON. */
export class InvalidJsonError extends MockHostError {
  override name = 'InvalidJsonError';
  constructor() {
    super(400, 'invalid_json', 'The body is not valid JSON.');
  }
}

/** The body is JSON but not an object, or a field has the wrong type or value. */
export class InvalidBodyError extends MockHostError {
  override name = 'InvalidBodyError';
  constructor(message: string) {
    super(400, 'invalid_body', message);
  }
}

/** The body names a field this endpoint does not know (likely a typo). */
export class UnknownFieldError extends MockHostError {
  override name = 'UnknownFieldError';
  constructor(field: string, allowed: readonly string[]) {
    super(400, 'unknown_field', `Unknown field "${field}". Allowed: ${allowed.join(', ')}.`);
  }
}

export class BodyTooLargeError extends MockHostError {
  override name = 'BodyTooLargeError';
  constructor(limitBytes: number) {
    super(413, 'body_too_large', `The body is over ${limitBytes} bytes.`);
  }
}

/** The client hung up before its body arrived; nobody reads the answer, but it is not a bug. */
export class RequestAbortedError extends MockHostError {
  override name = 'RequestAbortedError';
  constructor() {
    super(400, 'request_aborted', 'The request body did not arrive completely.');
  }
}

export class UnknownBusinessError extends MockHostError {
  override name = 'UnknownBusinessError';
  constructor(uid: string) {
    super(400, 'unknown_business', `No business with uid "${uid}" in the directory.`);
  }
}

export class UnknownStaffError extends MockHostError {
  override name = 'UnknownStaffError';
  constructor(message: string) {
    super(400, 'unknown_staff', message);
  }
}

/** Impersonation must name another staff member of the same business. */
export class InvalidActorError extends MockHostError {
  override name = 'InvalidActorError';
  constructor(message: string) {
    super(400, 'invalid_actor', message);
  }
}

export class UnknownKeyError extends MockHostError {
  override name = 'UnknownKeyError';
  constructor(kid: string) {
    super(400, 'unknown_key', `No published key with kid "${kid}".`);
  }
}

/** Retiring the signing key would leave nothing to sign with; rotate first. */
export class ActiveKeyError extends MockHostError {
  override name = 'ActiveKeyError';
  constructor(kid: string) {
    super(
      409,
      'active_key',
      `Key "${kid}" is the active signing key. Rotate first (POST /__mock/keys/rotate), then retire it.`,
    );
  }
}

export class AppNotFoundError extends MockHostError {
  override name = 'AppNotFoundError';
  constructor(appCodeName: string) {
    super(404, 'app_not_found', `No app with code name "${appCodeName}".`);
  }
}

/** The platform's answer when one staff member asks for tokens too often. */
export class RateLimitedError extends MockHostError {
  override name = 'RateLimitedError';
  constructor(limitPerMin: number, retryAfterSec: number) {
    super(
      429,
      'rate_limited',
      `Too many token requests: at most ${limitPerMin} per minute per staff member. Retry in ${retryAfterSec} s.`,
      { 'retry-after': String(retryAfterSec) },
    );
  }
}

/** The JWKS outage switch is set to 'error'. */
export class JwksUnavailableError extends MockHostError {
  override name = 'JwksUnavailableError';
  constructor() {
    super(503, 'service_unavailable', 'The key set is unavailable (simulated outage).', {
      'retry-after': '5',
    });
  }
}

/** The `Host` header names something other than this machine (DNS rebinding). */
export class InvalidHostError extends MockHostError {
  override name = 'InvalidHostError';
  constructor(host: string) {
    super(
      403,
      'invalid_host',
      `Host "${host.slice(0, 100)}" is refused: the mock host answers only localhost, 127.0.0.0/8 and [::1].`,
    );
  }
}

/** A POST or PUT that is not `application/json`: what a cross-site form or fetch sends. */
export class UnsupportedMediaTypeError extends MockHostError {
  override name = 'UnsupportedMediaTypeError';
  constructor(type: string | undefined) {
    const sent = type === undefined ? 'no Content-Type' : `Content-Type "${type.slice(0, 100)}"`;
    super(
      415,
      'unsupported_media_type',
      `Send "Content-Type: application/json" (even with an empty body), not ${sent}.`,
    );
  }
}

export class RouteNotFoundError extends MockHostError {
  override name = 'RouteNotFoundError';
  constructor(method: string, path: string) {
    super(404, 'not_found', `No route for ${method} ${path}.`);
  }
}

export class MethodNotAllowedError extends MockHostError {
  override name = 'MethodNotAllowedError';
  constructor(method: string, path: string, allowed: readonly string[]) {
    super(405, 'method_not_allowed', `${method} is not allowed on ${path}.`, {
      allow: allowed.join(', '),
    });
  }
}

/** A setting in the environment is invalid; thrown at start, before listening. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly code = 'invalid_config';
}

/** A production start without the built host page (`pnpm build` first); thrown before listening. */
export class MissingBuildError extends Error {
  override name = 'MissingBuildError';
  readonly code = 'missing_build';
}
