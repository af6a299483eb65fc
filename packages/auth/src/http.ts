import type { StaffClaims } from './claims.ts';
import { AuthError } from './errors.ts';
import type { Verifier, VerifyOptions } from './verifier.ts';

/** RFC 6750 section 2.1: the scheme (any case), one or more spaces, one b64token. */
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i;

/**
 * Reads `Authorization: Bearer <token>` from any Fetch-API request and verifies the token.
 * @throws AuthError `missing_token` (no header), `invalid_request` (not `Bearer <one token>`),
 * or whatever `verifier.verify` throws.
 */
export async function authenticate(
  request: Request,
  verifier: Verifier,
  options?: VerifyOptions,
): Promise<StaffClaims> {
  const header = request.headers.get('authorization');
  if (header === null || header.trim() === '') {
    throw new AuthError('missing_token', 'Send the token as "Authorization: Bearer <token>".');
  }
  const token = BEARER.exec(header.trim())?.[1];
  if (token === undefined) {
    throw new AuthError('invalid_request', 'The Authorization header must be "Bearer <token>".');
  }
  return verifier.verify(token, options);
}

/**
 * The HTTP answer for an authentication failure: the error's status, `WWW-Authenticate`,
 * `Cache-Control: no-store`, `Retry-After` on 503, and `{ error: { code, message, retryable } }`.
 */
export function toResponse(error: AuthError, init?: { headers?: HeadersInit }): Response {
  const headers = new Headers(init?.headers);
  headers.set('WWW-Authenticate', error.wwwAuthenticate);
  headers.set('Cache-Control', 'no-store');
  if (error.status === 503) headers.set('Retry-After', String(error.retryAfterSec ?? 1));
  return Response.json(
    { error: { code: error.code, message: error.message, retryable: error.retryable } },
    { status: error.status, headers },
  );
}
