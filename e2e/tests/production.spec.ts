import { refusedUrl } from '@partner/test-kit/ports';
import { apiExit, PRODUCTION_ENV, startApi } from './support/api-server.ts';
import { expect, test } from './support/fixtures.ts';

// The API's production build started as its own process, with the environment a deployment
// would give it: settings checked at start and readiness. The mock platform of the suite
// (webServer) issues the tokens.

test.describe('settings are checked when the process starts', () => {
  const refused: { name: string; env: Record<string, string>; message: string }[] = [
    {
      name: 'no settings at all',
      env: { NODE_ENV: 'production' },
      message: 'INTANDEM_JWKS_URL is required when NODE_ENV=production.',
    },
    {
      name: 'an http JWKS on a public host',
      env: {
        ...PRODUCTION_ENV,
        INTANDEM_JWKS_URL: 'http://api.vcita.biz/v3/apps/.well-known/jwks.json',
      },
      message: 'INTANDEM_JWKS_URL must be https',
    },
    {
      name: 'an empty code name',
      env: { ...PRODUCTION_ENV, INTANDEM_APP_CODE_NAME: '' },
      message: 'INTANDEM_APP_CODE_NAME is required when NODE_ENV=production.',
    },
    {
      name: 'an http://localhost JWKS without the opt-in',
      env: { ...PRODUCTION_ENV, INTANDEM_ALLOW_HTTP_JWKS: '' },
      message: 'set INTANDEM_ALLOW_HTTP_JWKS=1',
    },
    {
      name: 'a file:// CORS origin',
      env: { ...PRODUCTION_ENV, CORS_ALLOWED_ORIGINS: 'file:///srv/app/index.html' },
      message: 'is not an http(s) origin',
    },
    {
      name: 'a value that is not a URL',
      env: { ...PRODUCTION_ENV, INTANDEM_JWKS_URL: 'notaurl' },
      message: 'INTANDEM_JWKS_URL must be an absolute URL, got "notaurl".',
    },
    {
      name: 'a JWKS cooldown under one second',
      env: { ...PRODUCTION_ENV, INTANDEM_JWKS_COOLDOWN_MS: '0' },
      message: 'INTANDEM_JWKS_COOLDOWN_MS must be a whole number from 1000',
    },
  ];
  for (const { name, env, message } of refused) {
    test(`production with ${name}: the process exits non-zero, naming the problem`, async () => {
      const { code, output } = await apiExit(env);
      expect(code).not.toBe(0);
      expect(output).toContain('Invalid API settings');
      expect(output).toContain(message);
    });
  }

  // Fail closed: development defaults need NODE_ENV=development or test (what `next dev` and
  // vitest set); any other value, or none (`next start` then sets production), is production.
  for (const nodeEnv of ['staging', 'Production', undefined]) {
    test(`NODE_ENV ${nodeEnv ?? 'unset'} and no settings: no development default, the process exits naming each missing one`, async () => {
      const { code, output } = await apiExit(nodeEnv === undefined ? {} : { NODE_ENV: nodeEnv });
      expect(code).toBe(1);
      expect(output).toContain('Invalid API settings (3)');
      for (const name of ['INTANDEM_JWKS_URL', 'INTANDEM_APP_CODE_NAME', 'CORS_ALLOWED_ORIGINS']) {
        expect(output).toContain(`${name} is required when NODE_ENV`);
      }
      expect(output).not.toContain('development defaults in use');
    });
  }

  test('NODE_ENV=test and no settings: the development defaults apply, and the log names them', async ({
    request,
    platform,
  }) => {
    // The defaults trust the local mock platform, which is the suite's.
    const api = await startApi({ NODE_ENV: 'test' });
    try {
      const token = await platform.issueToken();
      const me = await request.get(`${api.url}/api/me`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(me.status()).toBe(200);
      expect(api.output()).toContain(
        'api: development defaults in use: INTANDEM_JWKS_URL, INTANDEM_APP_CODE_NAME, CORS_ALLOWED_ORIGINS, INTANDEM_JWKS_COOLDOWN_MS',
      );
    } finally {
      await api.stop();
    }
  });

  test('production with a complete, safe set: starts, verifies and answers', async ({
    request,
    platform,
  }) => {
    const api = await startApi(PRODUCTION_ENV);
    try {
      const token = await platform.issueToken();
      const me = await request.get(`${api.url}/api/me`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(me.status()).toBe(200);
      expect(api.output()).toContain('INTANDEM_JWKS_URL is plain http');
    } finally {
      await api.stop();
    }
  });
});

test('readiness answers 503 when no key set can be had; liveness stays 200', async ({
  request,
}) => {
  const api = await startApi({
    ...PRODUCTION_ENV,
    // Nothing listens there: every JWKS fetch is refused.
    INTANDEM_JWKS_URL: await refusedUrl('/jwks.json'),
  });
  try {
    const ready = await request.get(`${api.url}/api/ready`);
    expect(ready.status()).toBe(503);
    // Which check failed, and nothing about why: the reason goes to the log.
    expect(await ready.json()).toEqual({
      status: 'unavailable',
      checks: { jwks: 'failing', database: 'ok' },
    });
    expect(api.output()).toContain('"source":"ready"');
    expect((await request.get(`${api.url}/api/health`)).status()).toBe(200);
  } finally {
    await api.stop();
  }
});
