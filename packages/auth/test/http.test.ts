import { describe, expect, it } from 'vitest';
import { AuthError, authenticate, toResponse } from '../src/index.ts';
import { useVerifierFixture } from './support/jwks-fixture.ts';
import { rejection } from './support/reject.ts';

// A verifier trusting a local JWKS server, and a valid staff token it accepts.
const fixture = useVerifierFixture();

const request = (authorization?: string) =>
  new Request(
    'http://127.0.0.1/api/me',
    authorization === undefined ? {} : { headers: { authorization } },
  );

describe('authenticate', () => {
  it('verifies a Bearer token from the Authorization header', async () => {
    expect((await authenticate(request(`Bearer ${fixture.token}`), fixture.verifier)).sub).toBe(
      'staff-1',
    );
  });

  it('accepts the scheme in any case and extra spaces', async () => {
    expect((await authenticate(request(`bearer   ${fixture.token}`), fixture.verifier)).sub).toBe(
      'staff-1',
    );
  });

  it('passes the subject option through', async () => {
    const error = await rejection(
      authenticate(request(`Bearer ${fixture.token}`), fixture.verifier, { subject: 'x' }),
    );
    expect(error.code).toBe('subject_mismatch');
  });

  it.each([undefined, '', '   '])('says missing_token for the header %j', async (header) => {
    expect((await rejection(authenticate(request(header), fixture.verifier))).code).toBe(
      'missing_token',
    );
  });

  it.each([
    ['Basic dXNlcjpwYXNz'],
    ['Bearer'],
    ['Bearer '],
    ['Token abc.def.ghi'],
    ['Bearer a.b.c d.e.f'],
    ['Bearer a.b.c, Bearer d.e.f'],
    ['Bearer "a.b.c"'],
  ])('says invalid_request for %j', async (header) => {
    const error = await rejection(authenticate(request(header), fixture.verifier));
    expect(error.code).toBe('invalid_request');
    expect(error.status).toBe(400);
  });

  it('says malformed_token for a well-formed header carrying junk', async () => {
    expect((await rejection(authenticate(request('Bearer abc'), fixture.verifier))).code).toBe(
      'malformed_token',
    );
  });
});

describe('toResponse', () => {
  it('answers 401 with the challenge, no-store and the JSON body', async () => {
    const response = toResponse(new AuthError('token_expired', 'The token has expired.'));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="intandem", error="invalid_token", error_description="The token has expired."',
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('retry-after')).toBeNull();
    expect(await response.json()).toEqual({
      error: { code: 'token_expired', message: 'The token has expired.', retryable: true },
    });
  });

  it('answers missing_token with a bare realm challenge', () => {
    const response = toResponse(new AuthError('missing_token', 'Send a token.'));
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="intandem"');
  });

  it('answers 400 invalid_request with error="invalid_request"', () => {
    const response = toResponse(new AuthError('invalid_request', 'Bad header.'));
    expect(response.status).toBe(400);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_request"');
  });

  it('adds Retry-After to a 503', () => {
    const response = toResponse(new AuthError('jwks_unavailable', 'Down.', { retryAfterSec: 17 }));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('17');
  });

  it('keeps headers passed by the caller', () => {
    const response = toResponse(new AuthError('token_expired', 'x'), {
      headers: { 'access-control-allow-origin': 'http://127.0.0.1:5173' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
  });
});
