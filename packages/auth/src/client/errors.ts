/** Stable codes of the errors the browser helpers raise themselves. */
export const CLIENT_ERROR_CODES = {
  /** A non-2xx answer without the API's `{ error: { code } }` body. */
  httpError: 'http_error',
  /** A 2xx answer whose body is not JSON. */
  invalidResponse: 'invalid_response',
  /** The request never got an answer (offline, DNS, CORS refusal). */
  networkError: 'network_error',
  /** `getAuth()` resolved with something that is not a token. */
  invalidAuthResult: 'invalid_auth_result',
} as const;

export interface ApiErrorFields {
  /** The HTTP status; 0 when there was no answer. */
  status: number;
  /** The API's `error.code`, or one of `CLIENT_ERROR_CODES`. */
  code: string;
  /** Whether the API said a fresh token could help. */
  retryable: boolean;
  message: string;
}

/** Thrown by `fetcher` for any failed request, with the API's error code. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly retryable: boolean;
  constructor(fields: ApiErrorFields, options?: ErrorOptions) {
    super(fields.message, options);
    this.status = fields.status;
    this.code = fields.code;
    this.retryable = fields.retryable;
  }
}

/** `getAuth()` resolved without a usable `token` string. */
export class InvalidAuthResultError extends Error {
  override name = 'InvalidAuthResultError';
  readonly code = CLIENT_ERROR_CODES.invalidAuthResult;
  constructor() {
    super('getAuth() did not return a token.');
  }
}
