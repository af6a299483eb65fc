/** Every way a request can fail authentication, with its HTTP status. */
export const AUTH_ERROR_CODES = {
  missing_token: 401,
  invalid_request: 400,
  malformed_token: 401,
  unsupported_algorithm: 401,
  missing_kid: 401,
  unknown_key: 401,
  invalid_signature: 401,
  token_expired: 401,
  invalid_audience: 401,
  invalid_issuer: 401,
  invalid_subject: 401,
  jwks_unavailable: 503,
} as const;

export type AuthErrorCode = keyof typeof AUTH_ERROR_CODES;

/** The only error the verifier throws. Its message never contains the token. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  readonly code: AuthErrorCode;
  readonly status: number;

  constructor(code: AuthErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.status = AUTH_ERROR_CODES[code];
  }
}
