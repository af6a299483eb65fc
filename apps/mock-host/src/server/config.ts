import { ConfigError } from './errors.ts';
import { isLoopbackHost } from './loopback.ts';

/** Settings read from the environment; the defaults make `pnpm dev` work with no `.env`. */
export interface MockHostConfig {
  /** 0 picks a free port. */
  port: number;
  /** Host name the server listens on and the platform's origin uses; always loopback. */
  hostname: string;
  /** Where the partner app (the iframe) is served. */
  appUrl: string;
  /** The app's code name: the token's `aud`. */
  appCodeName: string;
  /** The widget uid the host holds for the app; the SDK's `init` must match it. */
  widgetUid: string;
  /** Token lifetime in seconds. */
  tokenTtlSec: number;
  /** Tokens per staff member per minute before a 429; 0 turns the limit off. */
  tokenRateLimitPerMin: number;
}

/** The API's verifier refuses longer lifetimes (`maxTokenLifetimeSec`): the platform issues 300 s. */
const MAX_TTL_SEC = 60 * 60;
/** Code names and widget uids are URL-safe identifiers on the platform. */
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** The one value of `MOCK_HOST_ALLOW_PRODUCTION` that lets the mock run as a production build. */
const ALLOW_PRODUCTION = { name: 'MOCK_HOST_ALLOW_PRODUCTION', value: '1' } as const;

/**
 * Fail closed, as the API does: only `development` and `test` (what the `dev` script and vitest
 * set) are not production; `staging`, `Production` or no NODE_ENV at all are.
 */
export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV !== 'development' && env.NODE_ENV !== 'test';
}

/**
 * Reads and validates the environment; throws one `ConfigError` listing every problem.
 * In production it refuses outright unless explicitly overridden: the mock signs tokens for
 * whoever asks, so it must never end up deployed as if it were a real service.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): MockHostConfig {
  if (isProduction(env) && env[ALLOW_PRODUCTION.name] !== ALLOW_PRODUCTION.value) {
    const nodeEnv =
      env.NODE_ENV === 'production'
        ? 'NODE_ENV=production'
        : `${env.NODE_ENV ? `NODE_ENV=${JSON.stringify(env.NODE_ENV)}` : 'NODE_ENV unset'}, which counts as production`;
    throw new ConfigError(
      `mock-host: refusing to start with ${nodeEnv}: it mints tokens for anyone who asks and must never be deployed. For the local production demo only, set ${ALLOW_PRODUCTION.name}=${ALLOW_PRODUCTION.value}.`,
    );
  }
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}".`);
      return fallback;
    }
    return value;
  };
  const identifier = (name: string, fallback: string): string => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!IDENTIFIER.test(raw)) {
      problems.push(`${name} must be letters, digits, "_", "." or "-" (1–100), got "${raw}".`);
      return fallback;
    }
    return raw;
  };

  const config: MockHostConfig = {
    port: int('PORT', 4000, 0, 65535),
    hostname: readBindHost(env.HOSTNAME_BIND, problems),
    appUrl: readAppUrl(env.APP_URL, problems),
    appCodeName: identifier('APP_CODE_NAME', 'demo-app'),
    widgetUid: identifier('WIDGET_UID', 'demo-widget'),
    tokenTtlSec: int('TOKEN_TTL_SEC', 300, 1, MAX_TTL_SEC),
    tokenRateLimitPerMin: int('TOKEN_RATE_LIMIT_PER_MIN', 10, 0, 100_000),
  };
  if (problems.length > 0) {
    throw new ConfigError(`Invalid mock-host configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}

/** The mock answers anyone who can reach it, so only this machine may. */
function readBindHost(raw: string | undefined, problems: string[]): string {
  const fallback = 'localhost';
  if (raw === undefined || raw === '') return fallback;
  if (isLoopbackHost(raw)) return raw;
  problems.push(
    `HOSTNAME_BIND must be a loopback host (localhost, 127.0.0.0/8 or ::1), got "${raw}".`,
  );
  return fallback;
}

function readAppUrl(raw: string | undefined, problems: string[]): string {
  const fallback = 'http://127.0.0.1:5173/';
  if (raw === undefined || raw === '') return fallback;
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
  } catch {
    // reported below
  }
  problems.push(`APP_URL must be an http(s) URL, got "${raw}".`);
  return fallback;
}
