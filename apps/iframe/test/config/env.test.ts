import { describe, expect, it } from 'vitest';
import { AppEnvError, DEV_DEFAULTS, isProductionBuild, readAppEnv } from '../../config/env.ts';

const production = { production: true };
const development = { production: false };

const deployed = {
  VITE_API_URL: 'https://api.partner.example',
  VITE_HOST_ORIGINS: 'https://app.intandem.example',
  VITE_WIDGET_UID: 'widget-9',
};

/** The problems `readAppEnv` throws for `vars`; fails the test when it throws nothing. */
function problemsOf(vars: Record<string, string | undefined>, options = production): string[] {
  try {
    readAppEnv(vars, options);
  } catch (error) {
    expect(error).toBeInstanceOf(AppEnvError);
    return [...(error as AppEnvError).problems];
  }
  throw new Error('readAppEnv accepted the settings');
}

describe('isProductionBuild', () => {
  it('is every build but a development or test one, and never the dev server or preview', () => {
    expect(isProductionBuild('build', 'production')).toBe(true);
    expect(isProductionBuild('build', 'staging')).toBe(true);
    expect(isProductionBuild('build', 'development')).toBe(false);
    expect(isProductionBuild('build', 'test')).toBe(false);
    expect(isProductionBuild('serve', 'production')).toBe(false);
  });
});

describe('readAppEnv outside a production build', () => {
  it('gives the local mock platform when nothing is set, or only blanks', () => {
    expect(readAppEnv({}, development)).toEqual(DEV_DEFAULTS);
    expect(readAppEnv({ VITE_API_URL: ' ', VITE_HOST_ORIGINS: '' }, development)).toEqual(
      DEV_DEFAULTS,
    );
  });

  it('still refuses a value that is not what it names', () => {
    expect(problemsOf({ VITE_HOST_ORIGINS: 'http://localhost:4000/app' }, development)).toEqual([
      'VITE_HOST_ORIGINS: "http://localhost:4000/app" must be an origin only (scheme, host and port).',
    ]);
  });
});

describe('readAppEnv for a production build', () => {
  it('names each missing variable, with no default', () => {
    expect(problemsOf({})).toEqual([
      'VITE_API_URL is required for a production build.',
      'VITE_HOST_ORIGINS is required for a production build.',
      'VITE_WIDGET_UID is required for a production build.',
    ]);
    expect(problemsOf({ ...deployed, VITE_WIDGET_UID: '  ' })).toEqual([
      'VITE_WIDGET_UID is required for a production build.',
    ]);
  });

  it('takes https values, normalised: trimmed, no trailing slash, bare origins', () => {
    expect(
      readAppEnv(
        {
          VITE_API_URL: ' https://api.partner.example/v1/ ',
          VITE_HOST_ORIGINS: 'https://APP.intandem.example:443, ,https://b.example:8443,',
          VITE_WIDGET_UID: ' widget-9 ',
        },
        production,
      ),
    ).toEqual({
      VITE_API_URL: 'https://api.partner.example/v1',
      VITE_HOST_ORIGINS: 'https://app.intandem.example,https://b.example:8443',
      VITE_WIDGET_UID: 'widget-9',
    });
  });

  it.each(['http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:3000'])(
    'accepts plain http on the loopback host of %s',
    (url) => {
      const origin = url.replace(':3000', ':4000');
      expect(
        readAppEnv({ ...deployed, VITE_API_URL: url, VITE_HOST_ORIGINS: origin }, production),
      ).toMatchObject({ VITE_API_URL: url, VITE_HOST_ORIGINS: origin });
    },
  );

  it('refuses plain http anywhere else, naming each variable', () => {
    expect(
      problemsOf({
        ...deployed,
        VITE_API_URL: 'http://api.partner.example',
        VITE_HOST_ORIGINS: 'https://app.intandem.example,http://127.0.0.1.example',
      }),
    ).toEqual([
      'VITE_API_URL must be https (plain http only for a loopback host), got "http://api.partner.example".',
      'VITE_HOST_ORIGINS: "http://127.0.0.1.example" must be https (plain http only for a loopback host).',
    ]);
  });

  it.each([
    ['not a URL', 'api.partner.example', 'must be an absolute http(s) URL'],
    ['another scheme', 'ftp://api.partner.example', 'must be an absolute http(s) URL'],
    ['credentials', 'https://user:secret@api.partner.example', 'must be a base URL'],
    ['a query', 'https://api.partner.example/?v=1', 'must be a base URL'],
    ['a fragment', 'https://api.partner.example/#top', 'must be a base URL'],
  ])('refuses an API URL with %s', (_, url, problem) => {
    const problems = problemsOf({ ...deployed, VITE_API_URL: url });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`VITE_API_URL ${problem}`);
  });

  it.each([
    ['a path', 'https://app.intandem.example/apps', 'must be an origin only'],
    ['a query', 'https://app.intandem.example?x=1', 'must be an origin only'],
    ['a wildcard', 'https://*.intandem.example', 'must name one host, not a wildcard'],
    ['another scheme', 'file:///etc', 'is not an http(s) origin'],
  ])('refuses a host origin with %s', (_, origin, problem) => {
    expect(problemsOf({ ...deployed, VITE_HOST_ORIGINS: origin })).toEqual([
      expect.stringContaining(`VITE_HOST_ORIGINS: "${origin}" ${problem}`),
    ]);
  });

  it('refuses a host origin list with no origin in it', () => {
    expect(problemsOf({ ...deployed, VITE_HOST_ORIGINS: ' , ' })).toEqual([
      'VITE_HOST_ORIGINS lists no origin.',
    ]);
  });

  it('refuses a widget uid that is not a platform identifier', () => {
    expect(problemsOf({ ...deployed, VITE_WIDGET_UID: 'widget 9' })).toEqual([
      'VITE_WIDGET_UID must be letters, digits, "_", "." or "-" (1–100), got "widget 9".',
    ]);
  });

  it('says how many problems there are, one per line', () => {
    expect(() => readAppEnv({ VITE_API_URL: 'http://api.partner.example' }, production)).toThrow(
      /^Invalid iframe app settings \(3\):\n {2}- VITE_API_URL must be https/,
    );
  });
});
