/**
 * Every error the API answers besides authentication's own (`AUTH_ERROR_CODES` in
 * `@partner/auth`): one catalogue, code → status and the sentence a client may show. Codes are
 * stable API: the iframe app, logs and metrics switch on them. Routes raise them with
 * `throw new ApiError(code)`; the route helper turns them into `{ error: { code, message } }`.
 */

/** How one API error maps onto HTTP. */
interface ApiErrorSpec {
  readonly status: 400 | 403 | 404 | 405 | 408 | 409 | 413 | 500 | 503;
  /** The default message; safe to show, never names tenant data. */
  readonly message: string;
}

export const API_ERROR_CODES = {
  /** The JSON body is missing, not an object, or a field fails its schema (the message names it). */
  invalid_body: { status: 400, message: 'The request body is not valid.' },
  /** A query parameter fails its schema (the message names it). */
  invalid_query: { status: 400, message: 'The query is not valid.' },
  /** The token's business or staff id cannot scope data (too long, or control characters). */
  invalid_claims: { status: 403, message: "The token's business or staff id is not usable." },
  /** The route keeps data per business and the token names none. */
  no_business: { status: 403, message: 'The token names no business.' },
  /** The row belongs to another staff member of the business. */
  not_author: { status: 403, message: 'Only its author may change this.' },
  /** No such route, or no such row in this business (the two are not told apart on purpose). */
  not_found: { status: 404, message: 'Not found.' },
  /** The route exists but does not answer this method; `Allow` lists those it does. */
  method_not_allowed: { status: 405, message: 'This route does not answer that method.' },
  /** The body did not arrive within the deadline. */
  body_timeout: { status: 408, message: 'The request body took too long to arrive.' },
  /** The business holds the most rows a table allows it. */
  limit_reached: {
    status: 409,
    message: 'This business has reached its limit; delete some first.',
  },
  /** The body is larger than the API accepts (declared or streamed). */
  body_too_large: { status: 413, message: 'The request body is too large.' },
  /** Anything unexpected: the log has the details under the request id; the answer has none. */
  internal_error: { status: 500, message: 'Something went wrong on our side.' },
  /** The database cannot be reached or timed out; `Retry-After` says when to try again. */
  db_unavailable: { status: 503, message: 'The database is not available; try again shortly.' },
} as const satisfies Record<string, ApiErrorSpec>;

/** A stable API error code; see {@link API_ERROR_CODES}. */
export type ApiErrorCode = keyof typeof API_ERROR_CODES;

/** Options of {@link ApiError} beyond its code. */
interface ApiErrorOptions {
  /** Replaces the catalogue's sentence; must never contain tenant data or a token. */
  message?: string;
  /** Extra response headers (`Allow`, `Retry-After`). */
  headers?: Record<string, string>;
  /** The underlying error, for logs only. */
  cause?: unknown;
}

/** An error whose answer the catalogue defines. Throw it from a route's handler. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly status: ApiErrorSpec['status'];
  readonly headers: Readonly<Record<string, string>>;
  constructor(code: ApiErrorCode, options: ApiErrorOptions = {}) {
    super(options.message ?? API_ERROR_CODES[code].message, { cause: options.cause });
    this.code = code;
    this.status = API_ERROR_CODES[code].status;
    this.headers = options.headers ?? {};
  }
}

/** The body every error answer has, authentication's included. */
export interface ErrorBody {
  error: { code: string; message: string };
}
