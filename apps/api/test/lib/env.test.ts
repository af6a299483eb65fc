import { afterEach, describe, expect, it, vi } from 'vitest';

async function loadEnv(values: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(values)) vi.stubEnv(name, value);
  return (await import('../../src/lib/env.ts')).env;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('env', () => {
  it('defaults to the local mock platform', async () => {
    const env = await loadEnv({
      INTANDEM_JWKS_URL: '',
      INTANDEM_APP_CODE_NAME: '',
      INTANDEM_ISSUER: '',
      CORS_ALLOWED_ORIGINS: '',
      INTANDEM_JWKS_COOLDOWN_MS: '',
    });
    expect(env).toEqual({
      jwksUrl: 'http://localhost:4000/v3/apps/.well-known/jwks.json',
      appCodeName: 'demo-app',
      issuer: 'intandem',
      corsAllowedOrigins: ['http://127.0.0.1:5173'],
      jwksCooldownMs: undefined,
      jwksCacheMaxAgeMs: undefined,
    });
  });

  it('reads a comma-separated origin list, normalised to origins', async () => {
    const env = await loadEnv({
      CORS_ALLOWED_ORIGINS: ' https://app.example.com/ , https://partner.example:8443/path ',
    });
    expect(env.corsAllowedOrigins).toEqual([
      'https://app.example.com',
      'https://partner.example:8443',
    ]);
  });

  it('reads optional verifier tuning', async () => {
    const env = await loadEnv({
      INTANDEM_JWKS_COOLDOWN_MS: '0',
      INTANDEM_JWKS_CACHE_MAX_AGE_MS: '60000',
    });
    expect([env.jwksCooldownMs, env.jwksCacheMaxAgeMs]).toEqual([0, 60_000]);
  });

  it.each([
    [{ INTANDEM_JWKS_URL: 'not a url' }, 'INTANDEM_JWKS_URL must be an absolute URL'],
    [{ INTANDEM_JWKS_COOLDOWN_MS: '-1' }, 'INTANDEM_JWKS_COOLDOWN_MS must be a whole number'],
    [
      { INTANDEM_JWKS_CACHE_MAX_AGE_MS: '1.5' },
      'INTANDEM_JWKS_CACHE_MAX_AGE_MS must be a whole number',
    ],
  ])('fails at start-up on a bad value: %o', async (values, message) => {
    await expect(loadEnv(values)).rejects.toThrow(message);
  });
});
