import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/server/config.ts';
import { ConfigError } from '../../src/server/errors.ts';

/** What the `dev` script sets; vitest sets `test`. Any other NODE_ENV is production. */
const DEV = { NODE_ENV: 'development' };

describe('readConfig', () => {
  it('has defaults that make `pnpm dev` work with no .env', () => {
    expect(readConfig(DEV)).toEqual({
      port: 4000,
      hostname: 'localhost',
      appUrl: 'http://127.0.0.1:5173/',
      appCodeName: 'demo-app',
      widgetUid: 'demo-widget',
      tokenTtlSec: 300,
      tokenRateLimitPerMin: 10,
    });
  });

  it('reads every variable', () => {
    expect(
      readConfig({
        ...DEV,
        PORT: '4100',
        HOSTNAME_BIND: '127.0.0.1',
        APP_URL: 'http://127.0.0.1:5273',
        APP_CODE_NAME: 'my-app',
        WIDGET_UID: 'widget_42',
        TOKEN_TTL_SEC: '60',
        TOKEN_RATE_LIMIT_PER_MIN: '0',
      }),
    ).toEqual({
      port: 4100,
      hostname: '127.0.0.1',
      appUrl: 'http://127.0.0.1:5273/',
      appCodeName: 'my-app',
      widgetUid: 'widget_42',
      tokenTtlSec: 60,
      tokenRateLimitPerMin: 0,
    });
  });

  it('caps TOKEN_TTL_SEC at the 3600 s lifetime the API accepts', () => {
    expect(readConfig({ ...DEV, TOKEN_TTL_SEC: '3600' }).tokenTtlSec).toBe(3600);
    expect(() => readConfig({ ...DEV, TOKEN_TTL_SEC: '3601' })).toThrow(
      'TOKEN_TTL_SEC must be an integer from 1 to 3600, got "3601".',
    );
  });

  it('lists every invalid variable in one ConfigError', () => {
    const read = () =>
      readConfig({
        ...DEV,
        PORT: '80a',
        APP_URL: 'ftp://example.test',
        APP_CODE_NAME: 'has spaces',
        TOKEN_TTL_SEC: '0',
        TOKEN_RATE_LIMIT_PER_MIN: '-1',
      });
    expect(read).toThrow(ConfigError);
    try {
      read();
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      for (const name of [
        'PORT',
        'APP_URL',
        'APP_CODE_NAME',
        'TOKEN_TTL_SEC',
        'TOKEN_RATE_LIMIT_PER_MIN',
      ]) {
        expect(message).toContain(name);
      }
      expect(message).not.toContain('WIDGET_UID');
    }
  });

  it('refuses NODE_ENV=production unless MOCK_HOST_ALLOW_PRODUCTION is exactly 1', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(
      /NODE_ENV=production.*MOCK_HOST_ALLOW_PRODUCTION=1/,
    );
    for (const value of ['', '0', 'true', 'yes', ' 1']) {
      expect(() =>
        readConfig({ NODE_ENV: 'production', MOCK_HOST_ALLOW_PRODUCTION: value }),
      ).toThrow(ConfigError);
    }
    expect(readConfig({ NODE_ENV: 'production', MOCK_HOST_ALLOW_PRODUCTION: '1' }).port).toBe(4000);
    // Outside production the override is irrelevant.
    expect(readConfig({ NODE_ENV: 'development' }).port).toBe(4000);
    expect(readConfig({ NODE_ENV: 'test' }).port).toBe(4000);
  });

  it.each([
    ['staging', 'NODE_ENV="staging"'],
    ['Production', 'NODE_ENV="Production"'],
    [' production', 'NODE_ENV=" production"'],
    ['', 'NODE_ENV unset'],
    [undefined, 'NODE_ENV unset'],
  ])(
    'fails closed: NODE_ENV %j counts as production and is refused without the override',
    (nodeEnv, named) => {
      const env = nodeEnv === undefined ? {} : { NODE_ENV: nodeEnv };
      expect(() => readConfig(env)).toThrow(ConfigError);
      expect(() => readConfig(env)).toThrow(
        `mock-host: refusing to start with ${named}, which counts as production`,
      );
      expect(readConfig({ ...env, MOCK_HOST_ALLOW_PRODUCTION: '1' }).port).toBe(4000);
    },
  );

  it.each(['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '::1'])(
    'binds to the loopback name %s',
    (name) => {
      expect(readConfig({ ...DEV, HOSTNAME_BIND: name }).hostname).toBe(name);
    },
  );

  it.each(['0.0.0.0', '::', '192.168.1.20', '10.0.0.1', 'example.test', '128.0.0.1', '::2'])(
    'refuses to bind to %s, which is not loopback',
    (name) => {
      expect(() => readConfig({ ...DEV, HOSTNAME_BIND: name })).toThrow(
        /HOSTNAME_BIND must be a loopback host/,
      );
    },
  );

  it('refuses an APP_URL that is not a URL', () => {
    expect(() => readConfig({ ...DEV, APP_URL: 'not a url' })).toThrow(
      /APP_URL must be an http\(s\) URL/,
    );
  });
});
