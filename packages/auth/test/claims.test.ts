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
};
const payload = { iss: 'intandem', aud: 'demo-app', sub: 'staff-1', iat: NOW, exp: NOW + 300 };

function lifetimeCode(claims: { exp: number; iat: number; nbf?: number }, maxTokenAgeSec?: number) {
  try {
    checkLifetime(claims, { clockToleranceSec: 5, maxTokenAgeSec }, NOW_MS);
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
    expect(lifetimeCode({ iat: NOW - 10_000, exp: NOW + 60 })).toBe('ok');
  });
});
