import { AuthError } from './errors.ts';
import type { StaffClaims, Verifier } from './verifier.ts';

const REALM = 'intandem';

/** Reads `Authorization: Bearer <token>` from any Fetch-API request and verifies it. */
export async function authenticate(request: Request, verifier: Verifier): Promise<StaffClaims> {
  const header = request.headers.get('authorization');
  if (header === null || header.trim() === '') {
    throw new AuthError('missing_token', 'Send the token as "Authorization: Bearer <token>".');
  }
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim());
  if (!match?.[1]) {
    throw new AuthError('invalid_request', 'The Authorization header must be "Bearer <token>".');
  }
  return verifier.verify(match[1]);
}

/** The RFC 6750 answer for an authentication failure. */
export function toResponse(error: AuthError, init?: { headers?: HeadersInit }): Response {
  const headers = new Headers(init?.headers);
  headers.set('WWW-Authenticate', wwwAuthenticate(error));
  headers.set('Cache-Control', 'no-store');
  return Response.json(
    { error: { code: error.code, message: error.message } },
    { status: error.status, headers },
  );
}

function wwwAuthenticate(error: AuthError): string {
  if (error.code === 'missing_token') return `Bearer realm="${REALM}"`;
  const kind = error.status === 400 ? 'invalid_request' : 'invalid_token';
  return `Bearer realm="${REALM}", error="${kind}", error_description="${error.message.replace(/"/g, "'")}"`;
}
