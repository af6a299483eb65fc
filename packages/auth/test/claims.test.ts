import { describe, expect, it } from 'vitest';
import { checkLifetime, toStaffClaims } from '../src/claims.ts';
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
    const claims = toStaffClaims({ ...payload, custom: { roles: ['a'] } }, rules, NOW_MS);
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

  it('checks the issuer before the audience and the audience before the subject', () => {
    const code = (overrides: Record<string, unknown>) => {
      try {
        toStaffClaims({ ...payload, ...overrides }, rules, NOW_MS);
      } catch (error) {
        expect(error).toBeInstanceOf(AuthError);
        return (error as AuthError).code;
      }
      return 'ok';
    };
    expect(code({ iss: 'x', aud: 'y', sub: '' })).toBe('invalid_issuer');
    expect(code({ aud: 'y', sub: '' })).toBe('invalid_audience');
    expect(code({ sub: '' })).toBe('invalid_subject');
    expect(code({ sub_type: 'staff' })).toBe('ok');
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

describe('time claim types', () => {
  const code = (overrides: Record<string, unknown>) => {
    try {
      toStaffClaims({ ...payload, ...overrides }, rules, NOW_MS);
    } catch (error) {
      return (error as AuthError).code;
    }
    return 'ok';
  };

  it.each([
    ['exp', 1e300],
    ['exp', NOW + 0.5],
    ['iat', Number.MAX_SAFE_INTEGER + 1],
    ['nbf', -(2 ** 60)],
    ['nbf', Number.NaN],
  ])('refuses %s = %d as malformed', (claim, value) => {
    expect(code({ [claim]: value })).toBe('malformed_token');
  });
});
