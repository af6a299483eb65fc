import type { StaffClaims } from './claims.ts';
import { VerifierOptionsError } from './errors.ts';
import type { AuthEventListener } from './events.ts';
import type { JwksSnapshot } from './jwks/keys.ts';

/** RSA signature algorithms this verifier can check (the platform signs with RS256). */
export const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const;

/** One of {@link RSA_ALGORITHMS}. */
export type RsaAlgorithm = (typeof RSA_ALGORITHMS)[number];

/** Options of `createVerifier`. Only `jwksUrl` and `audience` are required. */
export interface VerifierOptions {
  /** The platform's JWKS URL. `https:` (plain `http:` only for loopback hosts, in development). */
  jwksUrl: string | URL;
  /** This app's code name: the token's `aud` must be exactly this string. */
  audience: string;
  /** Expected `iss`. Default `'intandem'`. */
  issuer?: string;
  /** Accepted header `alg` values. Default `['RS256']`, the only one the platform uses. */
  algorithms?: readonly RsaAlgorithm[];
  /** Allowed clock skew for `exp`, `nbf` and `iat`, in seconds. Default 5. */
  clockToleranceSec?: number;
  /** Reject tokens whose `iat` is older than this, in seconds. Default: no limit (`exp` bounds them). */
  maxTokenAgeSec?: number;
  /** Reject tokens whose lifetime (`exp − iat`) is longer than this, in seconds. Default 3600. */
  maxTokenLifetimeSec?: number;
  /** How long a fetched key set counts as fresh, in ms. Default 600 000 (10 min). */
  cacheMaxAgeMs?: number;
  /** Minimum gap between JWKS fetch attempts (kid misses, retries after a failure), in ms. Default 30 000. */
  cooldownMs?: number;
  /** Abort a JWKS fetch (headers and body) after this many ms. Default 5 000. */
  timeoutMs?: number;
  /** Largest JWKS body accepted, counted while streaming, in bytes. Default 65 536. */
  maxJwksBytes?: number;
  /** How long past `cacheMaxAgeMs` cached keys keep verifying while the endpoint fails, in ms. Default 3 600 000 (1 h). */
  maxStaleMs?: number;
  /** Verified tokens kept in memory (least recently used out); 0 turns the cache off. Default 10 000. */
  tokenCacheSize?: number;
  /** Return true to reject a verified token (e.g. by `jti`). Runs on every request, cached or not. */
  isRevoked?: (claims: StaffClaims) => boolean | Promise<boolean>;
  /** The fetch implementation for the JWKS. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Clock in epoch milliseconds. Default `Date.now`. Inject one in tests. */
  now?: () => number;
  /** Metrics and logging hook; see `AuthEvent`. */
  onEvent?: AuthEventListener;
  /** A key set saved with `verifier.exportJwks()`, so a cold start need not fetch it. */
  initialJwks?: JwksSnapshot;
}

/** Options after defaults and validation. */
interface ResolvedOptions {
  jwksUrl: URL;
  audience: string;
  issuer: string;
  algorithms: ReadonlySet<string>;
  clockToleranceSec: number;
  maxTokenAgeSec: number | undefined;
  maxTokenLifetimeSec: number;
  cacheMaxAgeMs: number;
  cooldownMs: number;
  timeoutMs: number;
  maxJwksBytes: number;
  maxStaleMs: number;
  tokenCacheSize: number;
  isRevoked: VerifierOptions['isRevoked'];
  fetch: typeof fetch;
  now: () => number;
  onEvent: AuthEventListener | undefined;
  initialJwks: JwksSnapshot | undefined;
}

/** The defaults; the README explains each. */
export const DEFAULTS = {
  issuer: 'intandem',
  algorithms: ['RS256'],
  clockToleranceSec: 5,
  maxTokenLifetimeSec: 3600,
  cacheMaxAgeMs: 10 * 60_000,
  cooldownMs: 30_000,
  timeoutMs: 5_000,
  maxJwksBytes: 64 * 1024,
  maxStaleMs: 60 * 60_000,
  tokenCacheSize: 10_000,
} as const;

const KNOWN_OPTIONS = new Set<string>([
  'jwksUrl',
  'audience',
  'issuer',
  'algorithms',
  'clockToleranceSec',
  'maxTokenAgeSec',
  'maxTokenLifetimeSec',
  'cacheMaxAgeMs',
  'cooldownMs',
  'timeoutMs',
  'maxJwksBytes',
  'maxStaleMs',
  'tokenCacheSize',
  'isRevoked',
  'fetch',
  'now',
  'onEvent',
  'initialJwks',
]);

/** Upper bound of `maxTokenLifetimeSec`: one year. */
const MAX_TOKEN_LIFETIME_SEC = 365 * 86_400;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Applies defaults and rejects anything that would misbehave later, with a message naming the option. */
export function resolveOptions(options: VerifierOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    fail('createVerifier needs an options object with at least jwksUrl and audience.');
  }
  for (const name of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(name)) fail(`Unknown option "${name}".`);
  }
  const customFetch = optionalFunction(options, 'fetch');
  if (customFetch === undefined && typeof globalThis.fetch !== 'function') {
    fail('No global fetch: pass the "fetch" option.');
  }
  // Called as a plain function: some runtimes reject fetch invoked with another `this`.
  const fetchImpl: typeof fetch = customFetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    jwksUrl: jwksUrl(options.jwksUrl),
    audience: nonEmptyString(options, 'audience', undefined),
    issuer: nonEmptyString(options, 'issuer', DEFAULTS.issuer),
    algorithms: algorithms(options.algorithms),
    clockToleranceSec: number(options, 'clockToleranceSec', DEFAULTS.clockToleranceSec, 0, 300),
    maxTokenAgeSec:
      options.maxTokenAgeSec === undefined
        ? undefined
        : number(options, 'maxTokenAgeSec', undefined, 1, Number.MAX_SAFE_INTEGER),
    // At most a year: with `iat` not in the future, every accepted `exp` is then a valid Date.
    maxTokenLifetimeSec: number(
      options,
      'maxTokenLifetimeSec',
      DEFAULTS.maxTokenLifetimeSec,
      1,
      MAX_TOKEN_LIFETIME_SEC,
    ),
    cacheMaxAgeMs: number(options, 'cacheMaxAgeMs', DEFAULTS.cacheMaxAgeMs, 1, 7 * 86_400_000),
    cooldownMs: number(options, 'cooldownMs', DEFAULTS.cooldownMs, 0, 86_400_000),
    timeoutMs: number(options, 'timeoutMs', DEFAULTS.timeoutMs, 1, 60_000),
    maxJwksBytes: number(options, 'maxJwksBytes', DEFAULTS.maxJwksBytes, 256, 16 * 1024 * 1024),
    maxStaleMs: number(options, 'maxStaleMs', DEFAULTS.maxStaleMs, 0, 7 * 86_400_000),
    tokenCacheSize: number(options, 'tokenCacheSize', DEFAULTS.tokenCacheSize, 0, 10_000_000),
    isRevoked: optionalFunction(options, 'isRevoked'),
    fetch: fetchImpl,
    now: optionalFunction(options, 'now') ?? Date.now,
    onEvent: optionalFunction(options, 'onEvent'),
    initialJwks: options.initialJwks,
  };
}

function fail(message: string): never {
  throw new VerifierOptionsError(`createVerifier: ${message}`);
}

function jwksUrl(value: unknown): URL {
  if (typeof value !== 'string' && !(value instanceof URL)) {
    fail('"jwksUrl" must be a string or URL.');
  }
  let url: URL;
  try {
    url = new URL(value instanceof URL ? value.href : value);
  } catch {
    return fail('"jwksUrl" must be an absolute URL.');
  }
  // Plain http lets anyone on the path swap the keys; allow it only on this machine.
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
  ) {
    fail('"jwksUrl" must use https: (http: is allowed only for localhost).');
  }
  if (url.username !== '' || url.password !== '') fail('"jwksUrl" must not contain credentials.');
  return url;
}

function nonEmptyString(
  options: VerifierOptions,
  name: 'audience' | 'issuer',
  fallback: string | undefined,
): string {
  const value: unknown = options[name] ?? fallback;
  if (typeof value !== 'string' || value.trim() === '') {
    fail(`"${name}" must be a non-empty string.`);
  }
  return value;
}

type NumericOption =
  | 'clockToleranceSec'
  | 'maxTokenAgeSec'
  | 'maxTokenLifetimeSec'
  | 'cacheMaxAgeMs'
  | 'cooldownMs'
  | 'timeoutMs'
  | 'maxJwksBytes'
  | 'maxStaleMs'
  | 'tokenCacheSize';

function number(
  options: VerifierOptions,
  name: NumericOption,
  fallback: number | undefined,
  min: number,
  max: number,
): number {
  const value: unknown = options[name] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`"${name}" must be an integer from ${min} to ${max}.`);
  }
  return value;
}

function algorithms(value: readonly string[] | undefined): ReadonlySet<string> {
  const list: unknown = value ?? DEFAULTS.algorithms;
  if (!Array.isArray(list) || list.length === 0) {
    fail('"algorithms" must be a non-empty array.');
  }
  for (const alg of list) {
    if (!(RSA_ALGORITHMS as readonly unknown[]).includes(alg)) {
      fail(`"algorithms" may contain only ${RSA_ALGORITHMS.join(', ')}; got ${String(alg)}.`);
    }
  }
  return new Set(list as string[]);
}

function optionalFunction<Name extends 'fetch' | 'now' | 'onEvent' | 'isRevoked'>(
  options: VerifierOptions,
  name: Name,
): VerifierOptions[Name] | undefined {
  const value = options[name];
  if (value !== undefined && typeof value !== 'function') fail(`"${name}" must be a function.`);
  return value;
}
