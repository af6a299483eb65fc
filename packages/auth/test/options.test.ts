import { describe, expect, it } from 'vitest';
import { VerifierOptionsError } from '../src/errors.ts';
import { DEFAULTS, resolveOptions, type VerifierOptions } from '../src/options.ts';

const base: VerifierOptions = {
  jwksUrl: 'https://api.vcita.biz/v3/apps/.well-known/jwks.json',
  audience: 'demo-app',
};

function invalid(options: Record<string, unknown>): string {
  try {
    resolveOptions({ ...base, ...options } as VerifierOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(VerifierOptionsError);
    return (error as Error).message;
  }
  throw new Error('expected the options to be rejected');
}

describe('resolveOptions', () => {
  it('applies the documented defaults', () => {
    const resolved = resolveOptions(base);
    expect(resolved).toMatchObject({
      issuer: 'intandem',
      clockToleranceSec: 5,
      maxTokenAgeSec: undefined,
      maxTokenLifetimeSec: 3600,
      cacheMaxAgeMs: 600_000,
      cooldownMs: 30_000,
      timeoutMs: 5_000,
      maxJwksBytes: 65_536,
      maxStaleMs: 3_600_000,
      tokenCacheSize: 10_000,
    });
    expect([...resolved.algorithms]).toEqual(['RS256']);
    expect(resolved.jwksUrl.href).toBe(base.jwksUrl);
    expect(DEFAULTS.algorithms).toEqual(['RS256']);
  });

  it('accepts a URL object and plain http on localhost for development', () => {
    expect(
      resolveOptions({ ...base, jwksUrl: new URL('http://localhost:4000/jwks.json') }).jwksUrl.host,
    ).toBe('localhost:4000');
    expect(resolveOptions({ ...base, jwksUrl: 'http://127.0.0.1:9/jwks.json' }).jwksUrl.port).toBe(
      '9',
    );
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a missing jwksUrl', { jwksUrl: undefined }, /"jwksUrl" must be a string or URL/],
    ['a relative jwksUrl', { jwksUrl: '/jwks.json' }, /"jwksUrl" must be an absolute URL/],
    [
      'plain http to a remote host',
      { jwksUrl: 'http://api.vcita.biz/jwks.json' },
      /must use https/,
    ],
    ['another scheme', { jwksUrl: 'file:///etc/jwks.json' }, /must use https/],
    ['credentials in jwksUrl', { jwksUrl: 'https://u:p@api.vcita.biz/jwks.json' }, /credentials/],
    ['a missing audience', { audience: undefined }, /"audience" must be a non-empty string/],
    ['a blank audience', { audience: '  ' }, /"audience"/],
    ['an empty issuer', { issuer: '' }, /"issuer"/],
    ['an empty algorithm list', { algorithms: [] }, /"algorithms" must be a non-empty array/],
    ['a symmetric algorithm', { algorithms: ['HS256'] }, /"algorithms" may contain only RS256/],
    ['alg none', { algorithms: ['RS256', 'none'] }, /got none/],
    [
      'a negative clock tolerance',
      { clockToleranceSec: -1 },
      /"clockToleranceSec" must be an integer from 0 to 300/,
    ],
    ['a fractional timeout', { timeoutMs: 1.5 }, /"timeoutMs"/],
    ['a zero timeout', { timeoutMs: 0 }, /"timeoutMs"/],
    ['a string cache size', { tokenCacheSize: '100' }, /"tokenCacheSize"/],
    ['a tiny JWKS cap', { maxJwksBytes: 10 }, /"maxJwksBytes"/],
    ['NaN max age', { cacheMaxAgeMs: Number.NaN }, /"cacheMaxAgeMs"/],
    ['a zero maxTokenAgeSec', { maxTokenAgeSec: 0 }, /"maxTokenAgeSec"/],
    [
      'a zero maxTokenLifetimeSec',
      { maxTokenLifetimeSec: 0 },
      /"maxTokenLifetimeSec" must be an integer from 1 to 31536000/,
    ],
    ['a lifetime cap over a year', { maxTokenLifetimeSec: 31_536_001 }, /"maxTokenLifetimeSec"/],
    ['a fractional lifetime cap', { maxTokenLifetimeSec: 300.5 }, /"maxTokenLifetimeSec"/],
    ['a negative cooldown', { cooldownMs: -5 }, /"cooldownMs"/],
    ['infinite staleness', { maxStaleMs: Number.POSITIVE_INFINITY }, /"maxStaleMs"/],
    ['a non-function isRevoked', { isRevoked: true }, /"isRevoked" must be a function/],
    ['a non-function fetch', { fetch: 'fetch' }, /"fetch" must be a function/],
    ['a non-function clock', { now: 0 }, /"now" must be a function/],
    ['a non-function onEvent', { onEvent: {} }, /"onEvent" must be a function/],
    ['a misspelt option', { audiance: 'demo-app' }, /Unknown option "audiance"/],
  ])('rejects %s with a message naming the option', (_, options, message) => {
    expect(invalid(options)).toMatch(message);
  });

  it('rejects a missing options object', () => {
    expect(() => resolveOptions(undefined as unknown as VerifierOptions)).toThrow(
      /needs an options object/,
    );
  });

  it('prefixes every message with createVerifier', () => {
    expect(invalid({ audience: '' })).toMatch(/^createVerifier: /);
  });
});
