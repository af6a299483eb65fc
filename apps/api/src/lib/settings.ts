import { DEFAULTS as VERIFIER_DEFAULTS } from '@partner/auth';

/**
 * The API's settings, read from the environment and validated as a whole.
 *
 * With `NODE_ENV=development` or `test` (what `next dev` and vitest set) every variable has a
 * default that makes `pnpm dev` work against the local mock platform with no `.env` file. Any
 * other value, or none, is production (fail closed: a `staging` or `Production` deployment must
 * not trust the local mock platform): no development default applies, the three settings that
 * decide whom the API trusts must be given, and each must be safe.
 * `instrumentation.ts` runs this at process start, so a bad setting stops the server before it
 * answers anything, with one message naming every problem.
 */

export interface Settings {
  production: boolean;
  /** The platform's JWKS; production: https://api.vcita.biz/v3/apps/.well-known/jwks.json. */
  jwksUrl: string;
  /** The app's code name on the platform: the token's expected `aud`. */
  appCodeName: string;
  /** The token's expected `iss`. */
  issuer: string;
  /** Origins the iframe app is served from, normalised (`https://app.example.com`). */
  corsAllowedOrigins: readonly string[];
  /** Minimum gap between JWKS refetches on an unknown `kid`; unset keeps the verifier's 30 s. */
  jwksCooldownMs: number | undefined;
  /** How long a fetched key set counts as fresh; unset keeps the verifier's 10 min. */
  jwksCacheMaxAgeMs: number | undefined;
  database: {
    /** A PostgreSQL server (`postgres://…`); unset: embedded PGlite under `apps/api/.data/`. */
    url: string | undefined;
    /**
     * TLS to the server. `verify-full`: TLS with the certificate checked against the host name,
     * which production requires of a host off this machine (`url` then says
     * `sslmode=verify-full` too, for code that hands the URL on). `url`: as the URL's `sslmode`
     * says, none when it says nothing: development, a loopback host, or a production URL
     * accepted by `DATABASE_ALLOW_UNVERIFIED_TLS=1`.
     */
    tls: 'verify-full' | 'url';
    /**
     * Embedded PGlite's folder, relative to the API's folder (default `.data/pglite`), or
     * `memory://` for a database that lives and dies with the process. Unused with `url`.
     */
    embeddedDir: string;
    poolMax: number;
    statementTimeoutMs: number;
    /**
     * `DATABASE_MIGRATE`. `apply`: migrate at start (the user needs the migration user's
     * rights). `check`: change nothing and refuse to start while a migration is pending, so a
     * least-privilege runtime user can run the API (docs/DEPLOY.md). Default: `check` in
     * production with `DATABASE_URL` (the deploy step runs `db:migrate`), else `apply`.
     */
    migrate: 'apply' | 'check';
  };
  // demo:start
  /** Bound on notes per business, so one tenant cannot fill the database. */
  notesPerBusiness: number;
  // demo:end
}

/** Every problem found in the environment, in one error. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid API settings (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

export interface ReadSettings {
  settings: Settings;
  /** Accepted but worth a line in the start-up log (e.g. an opted-in plain-http JWKS). */
  warnings: string[];
  /** The variables that took their development default (none in production). */
  developmentDefaults: string[];
}

export const DEV_DEFAULTS = {
  INTANDEM_JWKS_URL: 'http://localhost:4000/v3/apps/.well-known/jwks.json',
  INTANDEM_APP_CODE_NAME: 'demo-app',
  CORS_ALLOWED_ORIGINS: 'http://127.0.0.1:5173',
  /** Rotating a key in the dev panel shows the new key within a second, not after 30 s. */
  INTANDEM_JWKS_COOLDOWN_MS: '1000',
} as const;

/** Embedded PGlite's data, relative to the API's folder (git-ignored). */
export const EMBEDDED_DIR = '.data/pglite';

/** In production a kid flood could otherwise make the API hammer the platform's JWKS. */
export const MIN_PRODUCTION_COOLDOWN_MS = 1000;

/** Code names are URL-safe identifiers on the platform. */
const CODE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

type Env = Record<string, string | undefined>;

/** The only NODE_ENV values that get development defaults: what `next dev` and vitest set. */
const DEVELOPMENT_NODE_ENVS: readonly (string | undefined)[] = ['development', 'test'];

/** Fail closed: anything but exactly `development` or `test`, unset included, is production. */
export function isProduction(env: Env = process.env): boolean {
  return !DEVELOPMENT_NODE_ENVS.includes(env.NODE_ENV);
}

/** Reads and validates every setting; throws one {@link SettingsError} listing all problems. */
export function readSettings(env: Env = process.env): ReadSettings {
  const production = isProduction(env);
  const problems: string[] = [];
  const warnings: string[] = [];
  const developmentDefaults: string[] = [];
  // A NODE_ENV other than `production` is production too: say why nothing defaulted.
  const nodeEnv = env.NODE_ENV ? `is ${JSON.stringify(env.NODE_ENV)}` : 'is unset';
  const requiredWhen =
    env.NODE_ENV === 'production'
      ? 'when NODE_ENV=production.'
      : `when NODE_ENV ${nodeEnv}: only development and test get development defaults.`;

  /** The trimmed value; outside production, the development default when unset or blank. */
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    if (raw) return raw;
    const fallback = production ? undefined : DEV_DEFAULTS[name as keyof typeof DEV_DEFAULTS];
    if (fallback !== undefined) developmentDefaults.push(name);
    return fallback;
  };
  const required = (name: string): string => {
    const raw = value(name);
    if (raw === undefined) problems.push(`${name} is required ${requiredWhen}`);
    return raw ?? '';
  };
  const integer = (name: string, bounds: { min: number; max: number }): number | undefined => {
    const raw = value(name);
    if (raw === undefined) return undefined;
    const parsed = Number(raw);
    if (!/^\d+$/.test(raw) || parsed < bounds.min || parsed > bounds.max) {
      problems.push(
        `${name} must be a whole number from ${bounds.min} to ${bounds.max}, got "${raw}".`,
      );
      return undefined;
    }
    return parsed;
  };

  const allowHttpJwks = readFlag(env, 'INTANDEM_ALLOW_HTTP_JWKS', problems);
  const jwksUrl = required('INTANDEM_JWKS_URL');
  if (jwksUrl) checkJwksUrl(jwksUrl, { production, allowHttpJwks }, problems, warnings);

  const appCodeName = required('INTANDEM_APP_CODE_NAME');
  if (appCodeName && !CODE_NAME.test(appCodeName)) {
    problems.push(
      `INTANDEM_APP_CODE_NAME must be letters, digits, "_", "." or "-" (1–100), got "${appCodeName}".`,
    );
  }

  const corsAllowedOrigins = readOrigins(required('CORS_ALLOWED_ORIGINS'), production, problems);

  const jwksCooldownMs = integer('INTANDEM_JWKS_COOLDOWN_MS', {
    min: production ? MIN_PRODUCTION_COOLDOWN_MS : 0,
    max: 3_600_000,
  });
  const jwksCacheMaxAgeMs = integer('INTANDEM_JWKS_CACHE_MAX_AGE_MS', {
    min: 1000,
    max: 86_400_000,
  });
  checkCacheAgeAgainstCooldown(jwksCacheMaxAgeMs, jwksCooldownMs, problems);

  const allowUnverifiedTls = readFlag(env, 'DATABASE_ALLOW_UNVERIFIED_TLS', problems);
  const databaseUrl = value('DATABASE_URL');
  let database: Pick<Settings['database'], 'url' | 'tls'> = { url: databaseUrl, tls: 'url' };
  if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL.');
  } else if (databaseUrl !== undefined && production) {
    database = readDatabaseTls(databaseUrl, allowUnverifiedTls, problems, warnings);
  }

  const migrate = readMigrateMode(env, production && databaseUrl !== undefined, problems);

  const embeddedDir = env.PGLITE_DATA_DIR?.trim() || EMBEDDED_DIR;
  if (production && databaseUrl === undefined) {
    warnings.push(
      `DATABASE_URL is unset: data is kept in embedded PGlite (${embeddedDir}), which suits a ` +
        'single instance only. Set DATABASE_URL to share a PostgreSQL server between instances.',
    );
  }

  const settings: Settings = {
    production,
    jwksUrl,
    appCodeName,
    // `intandem` is what the platform issues in every environment, not a development default.
    issuer: env.INTANDEM_ISSUER?.trim() || 'intandem',
    corsAllowedOrigins,
    jwksCooldownMs,
    jwksCacheMaxAgeMs,
    database: {
      ...database,
      embeddedDir,
      poolMax: integer('DATABASE_POOL_MAX', { min: 1, max: 100 }) ?? 5,
      statementTimeoutMs:
        integer('DATABASE_STATEMENT_TIMEOUT_MS', { min: 100, max: 600_000 }) ?? 5000,
      migrate,
    },
    // demo:start
    notesPerBusiness: integer('NOTES_PER_BUSINESS', { min: 1, max: 1_000_000 }) ?? 200,
    // demo:end
  };
  if (problems.length > 0) throw new SettingsError(problems);
  return { settings, warnings, developmentDefaults };
}

/**
 * Fail closed: a production server database is only checked unless `apply` is asked for, so the
 * API never needs the rights to change the schema, and never serves one older than its code.
 */
function readMigrateMode(
  env: Env,
  productionServer: boolean,
  problems: string[],
): Settings['database']['migrate'] {
  const raw = env.DATABASE_MIGRATE?.trim() ?? '';
  if (raw === 'apply' || raw === 'check') return raw;
  if (raw !== '') problems.push(`DATABASE_MIGRATE must be "apply" or "check", got "${raw}".`);
  return productionServer ? 'check' : 'apply';
}

function readFlag(env: Env, name: string, problems: string[]): boolean {
  const raw = env[name]?.trim() ?? '';
  if (raw === '' || raw === '0') return false;
  if (raw === '1') return true;
  problems.push(`${name} must be "1" or unset, got "${raw}".`);
  return false;
}

function checkJwksUrl(
  raw: string,
  { production, allowHttpJwks }: { production: boolean; allowHttpJwks: boolean },
  problems: string[],
  warnings: string[],
): void {
  const name = 'INTANDEM_JWKS_URL';
  if (!URL.canParse(raw)) {
    problems.push(`${name} must be an absolute URL, got "${raw}".`);
    return;
  }
  const url = new URL(raw);
  if (url.username || url.password) problems.push(`${name} must not carry credentials.`);
  if (url.protocol === 'https:') return;
  if (url.protocol !== 'http:') {
    problems.push(`${name} must be an https URL, got "${url.protocol}".`);
  } else if (!isLoopback(url.hostname)) {
    problems.push(`${name} must be https: plain http is accepted only for a loopback host.`);
  } else if (production && !allowHttpJwks) {
    problems.push(
      `${name} is plain http: set INTANDEM_ALLOW_HTTP_JWKS=1 to accept it on a loopback host.`,
    );
  } else if (production) {
    warnings.push(`${name} is plain http (${url.host}), accepted by INTANDEM_ALLOW_HTTP_JWKS=1.`);
  }
}

/**
 * A key set older than the cache age is stale, but the verifier refetches it at most once per
 * cooldown: a cache age below the cooldown serves stale keys, logging `jwks_stale`, on every
 * request in between.
 */
function checkCacheAgeAgainstCooldown(
  cacheMaxAgeMs: number | undefined,
  cooldownMs: number | undefined,
  problems: string[],
): void {
  if (cacheMaxAgeMs === undefined) return;
  const effective = cooldownMs ?? VERIFIER_DEFAULTS.cooldownMs;
  if (cacheMaxAgeMs >= effective) return;
  const cooldown = cooldownMs === undefined ? `unset: the verifier's ${effective}` : effective;
  problems.push(
    `INTANDEM_JWKS_CACHE_MAX_AGE_MS (${cacheMaxAgeMs}) must be at least INTANDEM_JWKS_COOLDOWN_MS (${cooldown}): ` +
      'keys older than the cache age cannot be refetched before the cooldown ends, so every ' +
      'request in between would use stale keys and log jwks_stale.',
  );
}

function readOrigins(raw: string, production: boolean, problems: string[]): string[] {
  const name = 'CORS_ALLOWED_ORIGINS';
  const entries = raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (raw && entries.length === 0) problems.push(`${name} lists no origin.`);
  const origins: string[] = [];
  for (const entry of entries) {
    const url = URL.canParse(entry) ? new URL(entry) : undefined;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      // file:, data: and friends become the opaque "null" origin, which any sandboxed page sends.
      problems.push(`${name}: "${entry}" is not an http(s) origin.`);
    } else if (url.pathname !== '/' || url.search || url.hash || url.username) {
      problems.push(`${name}: "${entry}" must be an origin only (scheme, host and port).`);
    } else if (production && url.protocol === 'http:' && !isLoopback(url.hostname)) {
      problems.push(`${name}: "${entry}" must be https (plain http only for loopback hosts).`);
    } else {
      origins.push(url.origin);
    }
  }
  return origins;
}

/**
 * Production's transport rule for a database server off this machine: postgres-js uses no TLS
 * unless told, and `sslmode=require` (or prefer, allow) does not check the certificate, so a
 * network attacker could read or change every query, credentials included. Such a host gets
 * `verify-full` unless the URL asks for less and `DATABASE_ALLOW_UNVERIFIED_TLS=1` accepts it.
 */
function readDatabaseTls(
  raw: string,
  allowUnverified: boolean,
  problems: string[],
  warnings: string[],
): Pick<Settings['database'], 'url' | 'tls'> {
  const url = new URL(raw);
  const host = url.hostname.toLowerCase();
  if (host !== '' && isLoopback(host)) return { url: raw, tls: 'url' };
  // postgres-js reads `sslmode`, else `ssl`, from the URL.
  const asked = ['sslmode', 'ssl']
    .filter((name) => url.searchParams.has(name))
    .map((name) => `${name}=${url.searchParams.get(name)}`)[0];
  if (asked === undefined) {
    const hash = raw.includes('#') ? raw.indexOf('#') : raw.length;
    const base = raw.slice(0, hash);
    const query = `${base.includes('?') ? '&' : '?'}sslmode=verify-full`;
    return { url: `${base}${query}${raw.slice(hash)}`, tls: 'verify-full' };
  }
  if (asked === 'sslmode=verify-full') return { url: raw, tls: 'verify-full' };
  if (!allowUnverified) {
    problems.push(
      `DATABASE_URL asks for ${asked} on ${host}: production needs TLS with a verified ` +
        'certificate (sslmode=verify-full, or leave sslmode out); set ' +
        'DATABASE_ALLOW_UNVERIFIED_TLS=1 to accept it anyway.',
    );
  } else {
    warnings.push(
      `DATABASE_URL connects to ${host} with ${asked}: the server certificate is not verified ` +
        '(or there is no TLS), accepted by DATABASE_ALLOW_UNVERIFIED_TLS=1.',
    );
  }
  return { url: raw, tls: 'url' };
}

function isPostgresUrl(raw: string): boolean {
  return URL.canParse(raw) && ['postgres:', 'postgresql:'].includes(new URL(raw).protocol);
}

/** localhost, 127.0.0.0/8 and [::1]: only this machine can answer there. */
export function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

/**
 * This process's settings, read once. `instrumentation.ts` has already stopped the server on a
 * bad setting, so route code may call this freely; it is a function so that `next build`, which
 * loads route modules with no production settings, never reads them.
 */
let cached: Settings | undefined;
export function settings(): Settings {
  cached ??= readSettings().settings;
  return cached;
}
