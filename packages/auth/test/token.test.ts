import { describe, expect, it } from 'vitest';
import { AuthError } from '../src/errors.ts';
import { MAX_TOKEN_LENGTH, readHeader } from '../src/token.ts';

const RS256 = new Set(['RS256']);
const enc = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (header: unknown, signature = 'c2ln') =>
  `${enc(header)}.${enc({ sub: 'x' })}.${signature}`;

function code(input: unknown): string {
  try {
    readHeader(input, RS256);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    return (error as AuthError).code;
  }
  return 'accepted';
}

describe('readHeader', () => {
  it('returns alg and kid of a well-formed token', () => {
    expect(readHeader(token({ alg: 'RS256', kid: 'k1' }), RS256)).toEqual({
      alg: 'RS256',
      kid: 'k1',
    });
  });

  it('accepts exactly MAX_TOKEN_LENGTH characters and not one more', () => {
    const head = token({ alg: 'RS256', kid: 'k1' }, '');
    const padded = (length: number) => `${head}${'A'.repeat(length - head.length)}`;
    expect(code(padded(MAX_TOKEN_LENGTH))).toBe('accepted');
    expect(code(padded(MAX_TOKEN_LENGTH + 1))).toBe('malformed_token');
  });

  it.each([
    ['canonical, 2 spare chars', 'QQ', 'accepted'],
    ['non-canonical, 2 spare chars', 'QR', 'malformed_token'],
    ['canonical, 3 spare chars', 'QUE', 'accepted'],
    ['non-canonical, 3 spare chars', 'QUF', 'malformed_token'],
    ['impossible length (4n + 1)', 'QUFBQ', 'malformed_token'],
  ])('base64url signature: %s', (_, signature, expected) => {
    expect(code(token({ alg: 'RS256', kid: 'k1' }, signature))).toBe(expected);
  });

  it('checks alg before kid, and both before anything else', () => {
    expect(code(token({ kid: 'k1' }))).toBe('unsupported_algorithm');
    expect(code(token({ alg: 'RS384', kid: 'k1' }))).toBe('unsupported_algorithm');
    expect(code(token({ alg: 'RS256' }))).toBe('missing_kid');
  });

  it('reads the allowlist it is given', () => {
    expect(readHeader(token({ alg: 'PS256', kid: 'k1' }), new Set(['PS256']))).toEqual({
      alg: 'PS256',
      kid: 'k1',
    });
  });

  it('rejects a header that decodes but is not JSON', () => {
    expect(code(`${Buffer.from('{alg').toString('base64url')}.e30.c2ln`)).toBe('malformed_token');
  });
});
