import { describe, expect, it } from 'vitest';
import { readSettings, SettingsError } from '../../src/lib/settings.ts';

const PRODUCTION = {
  NODE_ENV: 'production',
  INTANDEM_JWKS_URL: 'https://api.vcita.biz/v3/apps/.well-known/jwks.json',
  INTANDEM_APP_CODE_NAME: 'acme-scheduler',
  CORS_ALLOWED_ORIGINS: 'https://app.acme.example',
  DATABASE_URL: 'postgres://app@db.internal:5432/app',
};

/** What `next dev` sets; vitest sets `test`. Only these two get development defaults. */
const DEV = { NODE_ENV: 'development' };

/** The problems `readSettings` names for `env`; fails the test if it accepts it. */
function problems(env: Record<string, string>): readonly string[] {
  try {
    readSettings(env);
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  throw new Error('expected the settings to be refused');
}

describe('readSettings in development', () => {
  it('defaults to the local mock platform with no other variable, naming each default used', () => {
    expect(readSettings(DEV)).toEqual({
      settings: {
        production: false,
        jwksUrl: 'http://localhost:4000/v3/apps/.well-known/jwks.json',
        appCodeName: 'demo-app',
        issuer: 'intandem',
        corsAllowedOrigins: ['http://127.0.0.1:5173'],
        jwksCooldownMs: 1000,
        jwksCacheMaxAgeMs: undefined,
        database: {
          url: undefined,
          tls: 'url',
          embeddedDir: '.data/pglite',
          poolMax: 5,
          statementTimeoutMs: 5000,
          migrate: 'apply',
        },
        // demo:start
        notesPerBusiness: 200,
        // demo:end
      },
      warnings: [],
      developmentDefaults: [
        'INTANDEM_JWKS_URL',
        'INTANDEM_APP_CODE_NAME',
        'CORS_ALLOWED_ORIGINS',
        'INTANDEM_JWKS_COOLDOWN_MS',
      ],
    });
  });

  it('names only the defaults it used', () => {
    const env = { ...DEV, INTANDEM_JWKS_URL: 'https://jwks.example/jwks.json' };
    expect(readSettings(env).developmentDefaults).toEqual([
      'INTANDEM_APP_CODE_NAME',
      'CORS_ALLOWED_ORIGINS',
      'INTANDEM_JWKS_COOLDOWN_MS',
    ]);
  });

  it('treats blank values as unset', () => {
    const { settings } = readSettings({
      ...DEV,
      INTANDEM_APP_CODE_NAME: '  ',
      CORS_ALLOWED_ORIGINS: '',
    });
    expect([settings.appCodeName, settings.corsAllowedOrigins]).toEqual([
      'demo-app',
      ['http://127.0.0.1:5173'],
    ]);
  });

  it('reads a comma-separated origin list, normalised to origins', () => {
    const { settings } = readSettings({
      ...DEV,
      CORS_ALLOWED_ORIGINS: ' https://app.example.com/ , https://partner.example:8443 ',
    });
    expect(settings.corsAllowedOrigins).toEqual([
      'https://app.example.com',
      'https://partner.example:8443',
    ]);
  });

  it('reads tuning and database settings', () => {
    const { settings } = readSettings({
      ...DEV,
      INTANDEM_JWKS_COOLDOWN_MS: '0',
      INTANDEM_JWKS_CACHE_MAX_AGE_MS: '60000',
      DATABASE_URL: 'postgres://app@127.0.0.1:5432/app',
      DATABASE_POOL_MAX: '10',
      DATABASE_STATEMENT_TIMEOUT_MS: '2000',
      // demo:start
      NOTES_PER_BUSINESS: '50',
      // demo:end
    });
    expect(settings).toMatchObject({
      jwksCooldownMs: 0,
      jwksCacheMaxAgeMs: 60_000,
      database: {
        url: 'postgres://app@127.0.0.1:5432/app',
        embeddedDir: '.data/pglite',
        poolMax: 10,
        statementTimeoutMs: 2000,
      },
      // demo:start
      notesPerBusiness: 50,
      // demo:end
    });
  });

  it.each([
    [{ INTANDEM_JWKS_URL: 'notaurl' }, 'INTANDEM_JWKS_URL must be an absolute URL, got "notaurl".'],
    [
      { INTANDEM_JWKS_URL: 'http://jwks.example.com/jwks.json' },
      'INTANDEM_JWKS_URL must be https: plain http is accepted only for a loopback host.',
    ],
    [
      { INTANDEM_JWKS_URL: 'ftp://127.0.0.1/jwks' },
      'INTANDEM_JWKS_URL must be an https URL, got "ftp:".',
    ],
    [{ INTANDEM_APP_CODE_NAME: 'demo app' }, 'INTANDEM_APP_CODE_NAME must be letters, digits'],
    [
      { CORS_ALLOWED_ORIGINS: 'file:///tmp/x.html' },
      '"file:///tmp/x.html" is not an http(s) origin.',
    ],
    [{ CORS_ALLOWED_ORIGINS: 'https://app.example/path' }, 'must be an origin only'],
    [{ CORS_ALLOWED_ORIGINS: ' , ' }, 'CORS_ALLOWED_ORIGINS lists no origin.'],
    [{ INTANDEM_JWKS_COOLDOWN_MS: '-1' }, 'INTANDEM_JWKS_COOLDOWN_MS must be a whole number'],
    [
      { INTANDEM_JWKS_CACHE_MAX_AGE_MS: '1.5' },
      'INTANDEM_JWKS_CACHE_MAX_AGE_MS must be a whole number',
    ],
    [
      { DATABASE_URL: 'mysql://db/app' },
      'DATABASE_URL must be a postgres:// or postgresql:// URL.',
    ],
    [{ DATABASE_POOL_MAX: '0' }, 'DATABASE_POOL_MAX must be a whole number from 1 to 100'],
    [{ INTANDEM_ALLOW_HTTP_JWKS: 'yes' }, 'INTANDEM_ALLOW_HTTP_JWKS must be "1" or unset'],
  ])('refuses %o', (env, message) => {
    expect(problems({ ...DEV, ...env }).join('\n')).toContain(message);
  });
});

describe('which NODE_ENV gets development defaults (fail closed)', () => {
  it.each(['development', 'test'])('NODE_ENV=%s: the development defaults apply', (nodeEnv) => {
    const { settings } = readSettings({ NODE_ENV: nodeEnv });
    expect(settings).toMatchObject({ production: false, appCodeName: 'demo-app' });
  });

  it.each([
    ['staging', 'NODE_ENV is "staging"'],
    ['Production', 'NODE_ENV is "Production"'],
    ['prod', 'NODE_ENV is "prod"'],
    [' production', 'NODE_ENV is " production"'],
    ['', 'NODE_ENV is unset'],
    [undefined, 'NODE_ENV is unset'],
  ])('NODE_ENV %j is production: no default, each missing setting named', (nodeEnv, named) => {
    const env = nodeEnv === undefined ? {} : { NODE_ENV: nodeEnv };
    const because = `when ${named}: only development and test get development defaults.`;
    expect(problems(env)).toEqual([
      `INTANDEM_JWKS_URL is required ${because}`,
      `INTANDEM_APP_CODE_NAME is required ${because}`,
      `CORS_ALLOWED_ORIGINS is required ${because}`,
    ]);
  });

  it('a complete set under another NODE_ENV is held to production rules', () => {
    const { settings, developmentDefaults } = readSettings({ ...PRODUCTION, NODE_ENV: 'staging' });
    expect(settings).toMatchObject({ production: true, jwksCooldownMs: undefined });
    expect(developmentDefaults).toEqual([]);
    expect(
      problems({ ...PRODUCTION, NODE_ENV: 'staging', INTANDEM_JWKS_COOLDOWN_MS: '0' }),
    ).toEqual(['INTANDEM_JWKS_COOLDOWN_MS must be a whole number from 1000 to 3600000, got "0".']);
  });
});

describe('JWKS cache age against the refetch cooldown', () => {
  // Keys older than the cache age are stale, but cannot be refetched before the cooldown ends:
  // in between every request would be served stale keys and log jwks_stale.
  it('refuses a cache age below the cooldown, naming both', () => {
    const env = {
      ...PRODUCTION,
      INTANDEM_JWKS_COOLDOWN_MS: '60000',
      INTANDEM_JWKS_CACHE_MAX_AGE_MS: '59999',
    };
    expect(problems(env)).toEqual([
      'INTANDEM_JWKS_CACHE_MAX_AGE_MS (59999) must be at least INTANDEM_JWKS_COOLDOWN_MS (60000): ' +
        'keys older than the cache age cannot be refetched before the cooldown ends, so every ' +
        'request in between would use stale keys and log jwks_stale.',
    ]);
  });

  it("refuses a cache age below the verifier's 30 s default cooldown when none is set", () => {
    const env = { ...PRODUCTION, INTANDEM_JWKS_CACHE_MAX_AGE_MS: '10000' };
    expect(problems(env)).toEqual([
      expect.stringMatching(
        /^INTANDEM_JWKS_CACHE_MAX_AGE_MS \(10000\) must be at least INTANDEM_JWKS_COOLDOWN_MS \(unset: the verifier's 30000\): /,
      ),
    ]);
  });

  it('accepts a cache age equal to or above the cooldown', () => {
    const equal = { ...PRODUCTION, INTANDEM_JWKS_CACHE_MAX_AGE_MS: '30000' };
    expect(readSettings(equal).settings.jwksCacheMaxAgeMs).toBe(30_000);
    const above = {
      ...PRODUCTION,
      INTANDEM_JWKS_COOLDOWN_MS: '1000',
      INTANDEM_JWKS_CACHE_MAX_AGE_MS: '5000',
    };
    expect(readSettings(above).settings).toMatchObject({
      jwksCooldownMs: 1000,
      jwksCacheMaxAgeMs: 5000,
    });
  });

  it('holds development to the same rule, against the development default cooldown (1 s)', () => {
    expect(readSettings({ ...DEV, INTANDEM_JWKS_CACHE_MAX_AGE_MS: '1000' }).settings).toMatchObject(
      { jwksCooldownMs: 1000, jwksCacheMaxAgeMs: 1000 },
    );
    expect(
      problems({
        ...DEV,
        INTANDEM_JWKS_COOLDOWN_MS: '5000',
        INTANDEM_JWKS_CACHE_MAX_AGE_MS: '1000',
      }),
    ).toEqual([expect.stringContaining('INTANDEM_JWKS_COOLDOWN_MS (5000)')]);
  });
});

describe('DATABASE_URL transport security', () => {
  const database = (env: Record<string, string>) => readSettings(env).settings.database;
  const REMOTE = 'postgres://app:s3cret@db.internal:5432/app';

  it('in production, connects to a remote host with TLS and a verified certificate by default', () => {
    expect(database({ ...PRODUCTION, DATABASE_URL: REMOTE })).toMatchObject({
      tls: 'verify-full',
      // The URL says it too, for code that hands the URL on to postgres-js.
      url: `${REMOTE}?sslmode=verify-full`,
    });
    expect(database({ ...PRODUCTION, DATABASE_URL: `${REMOTE}?application_name=x` }).url).toBe(
      `${REMOTE}?application_name=x&sslmode=verify-full`,
    );
    expect(readSettings({ ...PRODUCTION, DATABASE_URL: REMOTE }).warnings).toEqual([]);
  });

  it('accepts a remote URL that asks for sslmode=verify-full itself, as it is', () => {
    const url = `${REMOTE}?sslmode=verify-full`;
    expect(database({ ...PRODUCTION, DATABASE_URL: url })).toMatchObject({
      tls: 'verify-full',
      url,
    });
  });

  it.each([
    'sslmode=require',
    'sslmode=prefer',
    'sslmode=allow',
    'sslmode=verify-ca',
    'sslmode=disable',
    'ssl=true',
  ])('in production, refuses a remote URL with %s, naming the way out', (query) => {
    expect(problems({ ...PRODUCTION, DATABASE_URL: `${REMOTE}?${query}` })).toEqual([
      `DATABASE_URL asks for ${query} on db.internal: production needs TLS with a verified ` +
        'certificate (sslmode=verify-full, or leave sslmode out); set ' +
        'DATABASE_ALLOW_UNVERIFIED_TLS=1 to accept it anyway.',
    ]);
  });

  it('with DATABASE_ALLOW_UNVERIFIED_TLS=1, accepts it as the URL says and warns, without the password', () => {
    const env = {
      ...PRODUCTION,
      DATABASE_URL: `${REMOTE}?sslmode=require`,
      DATABASE_ALLOW_UNVERIFIED_TLS: '1',
    };
    const { settings, warnings } = readSettings(env);
    expect(settings.database).toMatchObject({ tls: 'url', url: env.DATABASE_URL });
    expect(warnings).toEqual([
      'DATABASE_URL connects to db.internal with sslmode=require: the server certificate is not ' +
        'verified (or there is no TLS), accepted by DATABASE_ALLOW_UNVERIFIED_TLS=1.',
    ]);
    expect(warnings.join()).not.toContain('s3cret');
  });

  it('the opt-out does not weaken a URL that does not ask for less', () => {
    const env = { ...PRODUCTION, DATABASE_URL: REMOTE, DATABASE_ALLOW_UNVERIFIED_TLS: '1' };
    expect(readSettings(env)).toMatchObject({
      settings: { database: { tls: 'verify-full' } },
      warnings: [],
    });
  });

  it.each([
    'postgres://app@127.0.0.1:5432/app',
    'postgres://app@localhost:5432/app',
    'postgres://app@[::1]:5432/app',
  ])('in production, leaves a loopback URL as it is: %s', (url) => {
    expect(database({ ...PRODUCTION, DATABASE_URL: url })).toMatchObject({ tls: 'url', url });
  });

  it('in development, leaves a remote URL as it is', () => {
    expect(database({ ...DEV, DATABASE_URL: REMOTE })).toMatchObject({ tls: 'url', url: REMOTE });
  });

  it('refuses a DATABASE_ALLOW_UNVERIFIED_TLS other than 1', () => {
    expect(problems({ ...PRODUCTION, DATABASE_ALLOW_UNVERIFIED_TLS: 'yes' })).toEqual([
      'DATABASE_ALLOW_UNVERIFIED_TLS must be "1" or unset, got "yes".',
    ]);
  });
});

describe('readSettings in production', () => {
  it('accepts a complete, safe set, with no development default', () => {
    const { settings, warnings, developmentDefaults } = readSettings(PRODUCTION);
    expect(developmentDefaults).toEqual([]);
    expect(settings).toMatchObject({
      production: true,
      jwksUrl: PRODUCTION.INTANDEM_JWKS_URL,
      appCodeName: 'acme-scheduler',
      issuer: 'intandem',
      corsAllowedOrigins: ['https://app.acme.example'],
      // Unset: the verifier's production defaults (30 s, 10 min), not the dev 1 s.
      jwksCooldownMs: undefined,
      jwksCacheMaxAgeMs: undefined,
    });
    expect(warnings).toEqual([]);
  });

  it('runs on embedded PGlite without DATABASE_URL, with one warning that it suits one instance', () => {
    const { settings, warnings } = readSettings({ ...PRODUCTION, DATABASE_URL: '' });
    expect(settings.database).toMatchObject({ url: undefined, embeddedDir: '.data/pglite' });
    expect(warnings).toEqual([
      expect.stringMatching(/^DATABASE_URL is unset: .*embedded PGlite.*single instance only/),
    ]);
  });

  it('keeps embedded data where PGLITE_DATA_DIR says, or in memory', () => {
    const embeddedDir = (dir: string) =>
      readSettings({ ...PRODUCTION, DATABASE_URL: '', PGLITE_DATA_DIR: dir }).settings.database
        .embeddedDir;
    expect(embeddedDir('/srv/data')).toBe('/srv/data');
    expect(embeddedDir('memory://')).toBe('memory://');
  });

  it('with no settings at all, names each missing one in one error', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      'INTANDEM_JWKS_URL is required when NODE_ENV=production.',
      'INTANDEM_APP_CODE_NAME is required when NODE_ENV=production.',
      'CORS_ALLOWED_ORIGINS is required when NODE_ENV=production.',
    ]);
  });

  it('the error message lists every problem, one per line', () => {
    expect(() => readSettings({ NODE_ENV: 'production' })).toThrow(
      /Invalid API settings \(3\):\n {2}- INTANDEM_JWKS_URL is required/,
    );
  });

  it('refuses an empty code name', () => {
    expect(problems({ ...PRODUCTION, INTANDEM_APP_CODE_NAME: '' })).toEqual([
      'INTANDEM_APP_CODE_NAME is required when NODE_ENV=production.',
    ]);
  });

  it('refuses a plain-http JWKS on a public host, even with the opt-in', () => {
    const env = {
      ...PRODUCTION,
      INTANDEM_JWKS_URL: 'http://api.vcita.biz/v3/apps/.well-known/jwks.json',
      INTANDEM_ALLOW_HTTP_JWKS: '1',
    };
    expect(problems(env)).toEqual([
      'INTANDEM_JWKS_URL must be https: plain http is accepted only for a loopback host.',
    ]);
  });

  it('refuses a loopback http JWKS without INTANDEM_ALLOW_HTTP_JWKS=1', () => {
    const env = { ...PRODUCTION, INTANDEM_JWKS_URL: 'http://localhost:4000/jwks.json' };
    expect(problems(env)).toEqual([
      'INTANDEM_JWKS_URL is plain http: set INTANDEM_ALLOW_HTTP_JWKS=1 to accept it on a loopback host.',
    ]);
  });

  it.each([
    'http://localhost:4000/jwks.json',
    'http://127.0.0.1:4000/jwks.json',
    'http://[::1]:4000/jwks.json',
  ])('accepts the loopback http JWKS %s with the opt-in, and warns', (url) => {
    const { warnings } = readSettings({
      ...PRODUCTION,
      INTANDEM_JWKS_URL: url,
      INTANDEM_ALLOW_HTTP_JWKS: '1',
    });
    expect(warnings).toEqual([expect.stringContaining('INTANDEM_JWKS_URL is plain http')]);
  });

  it('refuses a JWKS cooldown under one second', () => {
    expect(problems({ ...PRODUCTION, INTANDEM_JWKS_COOLDOWN_MS: '999' })).toEqual([
      'INTANDEM_JWKS_COOLDOWN_MS must be a whole number from 1000 to 3600000, got "999".',
    ]);
    expect(
      readSettings({ ...PRODUCTION, INTANDEM_JWKS_COOLDOWN_MS: '1000' }).settings.jwksCooldownMs,
    ).toBe(1000);
  });

  it.each([
    ['file://', 'file:///srv/app/index.html', 'is not an http(s) origin'],
    ['null', 'null', 'is not an http(s) origin'],
    ['plain http on a public host', 'http://app.acme.example', 'must be https'],
  ])('refuses a %s CORS origin', (_name, origin, message) => {
    expect(
      problems({ ...PRODUCTION, CORS_ALLOWED_ORIGINS: `https://ok.example,${origin}` }),
    ).toEqual([expect.stringContaining(message)]);
  });

  it('accepts plain-http CORS origins on loopback hosts (the local production demo)', () => {
    const env = {
      ...PRODUCTION,
      CORS_ALLOWED_ORIGINS: 'http://127.0.0.1:5173,http://localhost:5173',
    };
    expect(readSettings(env).settings.corsAllowedOrigins).toEqual([
      'http://127.0.0.1:5173',
      'http://localhost:5173',
    ]);
  });
});

describe('DATABASE_MIGRATE', () => {
  const migrate = (env: Record<string, string>) => readSettings(env).settings.database.migrate;

  it('applies migrations at start in development and test, embedded or on a server', () => {
    expect(migrate(DEV)).toBe('apply');
    expect(migrate({ NODE_ENV: 'test', DATABASE_URL: 'postgres://app@127.0.0.1/app' })).toBe(
      'apply',
    );
  });

  it('in production on a server, only checks: the deploy step migrates as the migration user', () => {
    expect(migrate(PRODUCTION)).toBe('check');
  });

  it('in production on embedded PGlite, applies them: nothing else could', () => {
    expect(migrate({ ...PRODUCTION, DATABASE_URL: '' })).toBe('apply');
  });

  it('takes apply or check when set, in any environment', () => {
    expect(migrate({ ...PRODUCTION, DATABASE_MIGRATE: 'apply' })).toBe('apply');
    expect(migrate({ ...DEV, DATABASE_MIGRATE: 'check' })).toBe('check');
    expect(migrate({ ...PRODUCTION, DATABASE_URL: '', DATABASE_MIGRATE: ' check ' })).toBe('check');
  });

  it('refuses any other value, naming both', () => {
    expect(problems({ ...PRODUCTION, DATABASE_MIGRATE: 'yes' })).toEqual([
      'DATABASE_MIGRATE must be "apply" or "check", got "yes".',
    ]);
  });
});
