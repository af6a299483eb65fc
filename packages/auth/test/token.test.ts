import { describe, expect, it } from 'vitest';
import { AuthError } from '../src/errors.ts';
import { createHeaderReader, MAX_TOKEN_LENGTH } from '../src/token.ts';

const RS256 = new Set(['RS256']);
const enc = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (header: unknown, signature = 'c2ln') =>
  `${enc(header)}.${enc({ sub: 'x' })}.${signature}`;

function code(input: unknown): string {
  try {
    createHeaderReader(RS256)(input);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    return (error as AuthError).code;
  }
  return 'accepted';
}

describe('createHeaderReader', () => {
  it('returns alg and kid of a well-formed token', () => {
    expect(createHeaderReader(RS256)(token({ alg: 'RS256', kid: 'k1' }))).toEqual({
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
    expect(createHeaderReader(new Set(['PS256']))(token({ alg: 'PS256', kid: 'k1' }))).toEqual({
      alg: 'PS256',
      kid: 'k1',
    });
  });

  it('remembers accepted headers but still checks the shape of every token', () => {
    const read = createHeaderReader(RS256);
    const good = token({ alg: 'RS256', kid: 'k1' }, 'QQ');
    expect(read(good)).toBe(read(good));
    expect(() => read(`${good}.extra`)).toThrow(AuthError);
    expect(() => read(`${good.slice(0, -1)}R`)).toThrow(/compact JWS/);
  });

  it('forgets remembered headers when full instead of growing', () => {
    const read = createHeaderReader(RS256);
    const first = read(token({ alg: 'RS256', kid: 'k0' }));
    for (let i = 1; i <= 64; i += 1) read(token({ alg: 'RS256', kid: `k${i}` }));
    expect(read(token({ alg: 'RS256', kid: 'k0' }))).not.toBe(first);
    expect(read(token({ alg: 'RS256', kid: 'k0' }))).toEqual(first);
  });

  it('rejects a header that decodes but is not JSON', () => {
    expect(code(`${Buffer.from('{alg').toString('base64url')}.e30.c2ln`)).toBe('malformed_token');
  });
});
