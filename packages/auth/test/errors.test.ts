import { describe, expect, it } from 'vitest';
import {
  AUTH_ERROR_CODES,
  AuthError,
  type AuthErrorCode,
  JWKS_FAILURES,
  type JwksFailure,
  JwksFetchError,
  VerifierOptionsError,
} from '../src/errors.ts';

const codes = Object.keys(AUTH_ERROR_CODES) as AuthErrorCode[];

describe('AUTH_ERROR_CODES', () => {
  it('lists every code the issue requires', () => {
    expect(codes).toEqual(
      expect.arrayContaining([
        'missing_token',
        'invalid_request',
        'malformed_token',
        'unsupported_algorithm',
        'missing_kid',
        'unknown_key',
        'invalid_signature',
        'token_expired',
        'token_not_yet_valid',
        'token_too_old',
        'token_lifetime_too_long',
        'invalid_audience',
        'invalid_issuer',
        'invalid_subject',
        'subject_mismatch',
        'token_revoked',
        'jwks_unavailable',
      ]),
    );
  });

  it.each(codes)('%s: the error carries its catalogue status and retry hint', (code) => {
    const error = new AuthError(code, 'Something failed.');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AuthError');
    expect(error.code).toBe(code);
    expect(error.status).toBe(AUTH_ERROR_CODES[code].status);
    expect(error.retryable).toBe(AUTH_ERROR_CODES[code].retryable);
  });

  it('maps onto HTTP as RFC 6750 expects', () => {
    const status = (code: AuthErrorCode) => AUTH_ERROR_CODES[code].status;
    expect(status('invalid_request')).toBe(400);
    expect(status('subject_mismatch')).toBe(403);
    expect(status('jwks_unavailable')).toBe(503);
    expect(status('token_expired')).toBe(401);
    expect(codes.filter((code) => status(code) === 401).length).toBe(14);
  });

  it('marks as retryable exactly the failures a fresh token can fix', () => {
    expect(codes.filter((code) => AUTH_ERROR_CODES[code].retryable).sort()).toEqual([
      'missing_token',
      'token_expired',
      'token_too_old',
      'unknown_key',
    ]);
  });
});

describe('AuthError.wwwAuthenticate', () => {
  it('has no error code when the request had no token', () => {
    expect(new AuthError('missing_token', 'No token.').wwwAuthenticate).toBe(
      'Bearer realm="intandem"',
    );
  });

  it('says invalid_request for a malformed header', () => {
    expect(new AuthError('invalid_request', 'Bad header.').wwwAuthenticate).toBe(
      'Bearer realm="intandem", error="invalid_request", error_description="Bad header."',
    );
  });

  it('says invalid_token for a bad token and insufficient_scope for another staff member', () => {
    expect(new AuthError('token_expired', 'Expired.').wwwAuthenticate).toContain(
      'error="invalid_token"',
    );
    expect(new AuthError('subject_mismatch', 'Other.').wwwAuthenticate).toContain(
      'error="insufficient_scope"',
    );
  });

  it('keeps error_description within the characters RFC 6750 allows', () => {
    const header = new AuthError('malformed_token', 'The "kid" is \\ odd\n—really').wwwAuthenticate;
    const description = /error_description="(.*)"$/.exec(header)?.[1] ?? '';
    expect(description).toBe("The 'kid' is ? odd??really");
    expect(description).toMatch(/^[\x20\x21\x23-\x5b\x5d-\x7e]*$/);
  });

  it('names no error for a 503: the token was not judged', () => {
    const error = new AuthError('jwks_unavailable', 'Down.', { retryAfterSec: 30 });
    expect(error.wwwAuthenticate).toBe('Bearer realm="intandem"');
    expect(error.retryAfterSec).toBe(30);
  });
});

describe('JwksFetchError', () => {
  it.each(Object.keys(JWKS_FAILURES) as JwksFailure[])('%s has its own message', (reason) => {
    const error = new JwksFetchError(reason, { httpStatus: 502 });
    expect(error.reason).toBe(reason);
    expect(error.message).toBe(`The JWKS endpoint ${JWKS_FAILURES[reason]} (HTTP 502).`);
  });

  it('messages are distinct per reason', () => {
    const messages = Object.values(JWKS_FAILURES);
    expect(new Set(messages).size).toBe(messages.length);
  });
});

describe('VerifierOptionsError', () => {
  it('is a TypeError with a stable code', () => {
    const error = new VerifierOptionsError('bad');
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('invalid_verifier_options');
  });
});
