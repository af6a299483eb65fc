import { describe, expect, it } from 'vitest';
import {
  checkAudience,
  checkIssuer,
  checkLifetime,
  checkSubjectClaims,
  checkTimeClaims,
  toStaffClaims,
} from '../src/claims.ts';
import { AuthError } from '../src/errors.ts';

const NOW_MS = 1_800_000_000_000;
const NOW = NOW_MS / 1000;
const rules = {
  audience: 'demo-app',
  issuer: 'intandem',
  clockToleranceSec: 5,
  maxTokenAgeSec: undefined,
  maxTokenLifetimeSec: 3600,
};
const payload = { iss: 'intandem', aud: 'demo-app', sub: 'staff-1', iat: NOW, exp: NOW + 300 };

function lifetimeCode(claims: { exp: number; iat: number; nbf?: number }, maxTokenAgeSec?: number) {
  try {
    checkLifetime(
      claims,
      { clockToleranceSec: 5, maxTokenAgeSec, maxTokenLifetimeSec: 3600 },
      NOW_MS,
    );
  } catch (error) {
    return (error as AuthError).code;
  }
  return 'ok';
}

describe('toStaffClaims', () => {
  it('derives helpers and keeps unknown claims, deeply frozen', () => {
    const claims = toStaffClaims({ ...payload, custom: { roles: ['a'] } });
    expect(claims).toMatchObject({
      businessUid: null,
      directoryUid: null,
      actor: { uid: 'staff-1', type: 'staff' },
      impersonated: false,
      custom: { roles: ['a'] },
    });
    expect(Object.isFrozen(claims)).toBe(true);
    expect(Object.isFrozen(claims.actor)).toBe(true);
    expect(Object.isFrozen(claims.custom)).toBe(true);
    expect(Object.isFrozen((claims.custom as { roles: string[] }).roles)).toBe(true);
  });
});

/** The code a check throws for `payload` with `overrides`, or 'ok'. */
function codeOf(check: (claims: typeof payload) => void, overrides: Record<string, unknown>) {
  try {
    check({ ...payload, ...overrides });
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    return (error as AuthError).code;
  }
  return 'ok';
}

describe('claim checks', () => {
  it('checkIssuer wants exactly the issuer', () => {
    const check = (claims: typeof payload) => checkIssuer(claims, 'intandem');
    expect(codeOf(check, {})).toBe('ok');
    expect(codeOf(check, { iss: 'Intandem' })).toBe('invalid_issuer');
    expect(codeOf(check, { iss: undefined })).toBe('invalid_issuer');
  });

  it('checkAudience wants this app as one string', () => {
    const check = (claims: typeof payload) => checkAudience(claims, 'demo-app');
    expect(codeOf(check, {})).toBe('ok');
    expect(codeOf(check, { aud: ['demo-app'] })).toBe('invalid_audience');
    expect(codeOf(check, { aud: 'other' })).toBe('invalid_audience');
  });

  it('checkSubjectClaims wants a staff sub and string identity claims', () => {
    expect(codeOf(checkSubjectClaims, { sub_type: 'staff' })).toBe('ok');
    expect(codeOf(checkSubjectClaims, { sub: '' })).toBe('invalid_subject');
    expect(codeOf(checkSubjectClaims, { sub_type: 'client' })).toBe('invalid_subject');
    expect(codeOf(checkSubjectClaims, { actor_uid: 1 })).toBe('malformed_token');
  });
});

describe('checkLifetime', () => {
  it('counts whole seconds with the clock tolerance, like jose', () => {
    expect(lifetimeCode({ iat: NOW, exp: NOW - 4 })).toBe('ok');
    expect(lifetimeCode({ iat: NOW, exp: NOW - 5 })).toBe('token_expired');
    expect(lifetimeCode({ iat: NOW, exp: NOW + 60, nbf: NOW + 5 })).toBe('ok');
    expect(lifetimeCode({ iat: NOW, exp: NOW + 60, nbf: NOW + 6 })).toBe('token_not_yet_valid');
    expect(lifetimeCode({ iat: NOW + 5, exp: NOW + 60 })).toBe('ok');
    expect(lifetimeCode({ iat: NOW + 6, exp: NOW + 60 })).toBe('token_not_yet_valid');
  });

  it('applies maxTokenAgeSec with the tolerance', () => {
    expect(lifetimeCode({ iat: NOW - 305, exp: NOW + 60 }, 300)).toBe('ok');
    expect(lifetimeCode({ iat: NOW - 306, exp: NOW + 60 }, 300)).toBe('token_too_old');
    expect(lifetimeCode({ iat: NOW - 3_000, exp: NOW + 60 })).toBe('ok');
  });

  it('caps exp − iat at maxTokenLifetimeSec, even for a token that is otherwise current', () => {
    expect(lifetimeCode({ iat: NOW, exp: NOW + 3600 })).toBe('ok');
    expect(lifetimeCode({ iat: NOW, exp: NOW + 3601 })).toBe('token_lifetime_too_long');
    expect(lifetimeCode({ iat: NOW - 7200, exp: NOW - 3000 })).toBe('token_lifetime_too_long');
  });
});

describe('checkTimeClaims', () => {
  const check = (claims: typeof payload) => checkTimeClaims(claims, rules, NOW_MS);

  it('wants exp and iat, then applies checkLifetime', () => {
    expect(codeOf(check, {})).toBe('ok');
    expect(codeOf(check, { exp: undefined })).toBe('malformed_token');
    expect(codeOf(check, { iat: undefined })).toBe('malformed_token');
    expect(codeOf(check, { exp: NOW - 60 })).toBe('token_expired');
  });

  it.each([
    ['exp', 1e300],
    ['exp', NOW + 0.5],
    ['iat', Number.MAX_SAFE_INTEGER + 1],
    ['nbf', -(2 ** 60)],
    ['nbf', Number.NaN],
  ])('refuses %s = %d as malformed', (claim, value) => {
    expect(codeOf(check, { [claim]: value })).toBe('malformed_token');
  });
});
