import { parseArgs } from 'node:util';
import {
  isLoopback,
  isProduction,
  readSettings,
  type Settings,
  SettingsError,
} from '@partner/api/settings';
import {
  TOKEN_VARIABLE,
  type TokenSource,
  tokenOnCommandLine,
  tokenSource,
} from '../token-input.ts';
import { UsageError } from '../usage-error.ts';

export const USAGE = `Usage: pnpm run doctor [--api URL] [--app URL] [--host-origin ORIGIN]... [--token -]

Checks a deployment: the API's settings (the variables and apps/api/.env files the API reads),
its JWKS, the API's CORS and 401 answers, and the iframe app's frame-ancestors.

  --api URL              the API (default: VITE_API_URL; outside production http://127.0.0.1:3000)
  --app URL              the iframe app (outside production default http://127.0.0.1:5173)
  --host-origin ORIGIN   a platform origin that embeds the app; repeat for several
                         (default: VITE_HOST_ORIGINS; outside production http://localhost:4000)
  --token -              also judge a real token against these settings, step by step, as
                         pnpm inspect-token does, read from standard input (paste it, then
                         Ctrl-D, or pipe it); without --token, the token in INTANDEM_TOKEN if set.
                         A token on the command line is refused: pnpm prints the command line.

Exit status: 0 every check passed, 1 a check failed, 2 usage error.`;

/** Where the app and the platform live when nothing says otherwise, outside production only. */
const DEV_TARGETS = {
  api: 'http://127.0.0.1:3000',
  app: 'http://127.0.0.1:5173',
  hostOrigins: 'http://localhost:4000',
} as const;

/** Everything the checks need, from the command line and the environment. */
export interface DoctorTargets {
  production: boolean;
  /** The API's settings, or the problems that make it refuse to start. */
  settings:
    | { ok: true; settings: Settings; warnings: string[] }
    | { ok: false; problems: string[] };
  /** The API's base URL, without a trailing slash. */
  apiUrl: string;
  /** The iframe app's URL and origin. */
  appUrl: string;
  appOrigin: string;
  /** The platform origins that must be able to embed the app. */
  hostOrigins: string[];
  /** `VITE_HOST_ORIGINS` as the app's build reads it; `undefined` when it is not given. */
  viteHostOrigins: string[] | undefined;
  /** Where to read a token to judge with the API's verifier (`--token -` or INTANDEM_TOKEN). */
  token: TokenSource | undefined;
}

type Env = Record<string, string | undefined>;

/** @throws UsageError for an unknown flag, a bad URL or, in production, an unnamed target. */
export function resolveTargets(argv: readonly string[], env: Env): DoctorTargets {
  let values: { api?: string; app?: string; 'host-origin'?: string[]; token?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: {
        api: { type: 'string' },
        app: { type: 'string' },
        'host-origin': { type: 'string', multiple: true },
        token: { type: 'string' },
      },
      strict: true,
      // Refused below, without repeating them: an argument may be a token.
      allowPositionals: true,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.token !== undefined && values.token !== '-') throw tokenOnCommandLine('--token -');
  if (positionals.length > 0) {
    throw new UsageError(
      `The doctor takes options only, no argument (not shown). A token goes to standard input with --token -, or in ${TOKEN_VARIABLE}.`,
    );
  }
  const production = isProduction(env);
  const fallback = (name: string, given: string | undefined, dev: string): string => {
    const value = given?.trim() || (production ? undefined : dev);
    if (value === undefined) {
      throw new UsageError(`In production nothing defaults: name ${name}.`);
    }
    return value;
  };

  const apiUrl = httpUrl(
    '--api',
    fallback(
      'the API with --api URL or VITE_API_URL',
      values.api ?? env.VITE_API_URL,
      DEV_TARGETS.api,
    ),
  );
  const appUrl = httpUrl(
    '--app',
    fallback('the iframe app with --app URL', values.app, DEV_TARGETS.app),
  );
  const viteHostOrigins = env.VITE_HOST_ORIGINS?.trim()
    ? originList('VITE_HOST_ORIGINS', env.VITE_HOST_ORIGINS.split(','))
    : production
      ? undefined
      : [DEV_TARGETS.hostOrigins];
  const hostOrigins =
    values['host-origin'] !== undefined
      ? originList('--host-origin', values['host-origin'])
      : viteHostOrigins;
  if (hostOrigins === undefined || hostOrigins.length === 0) {
    throw new UsageError(
      'In production nothing defaults: name the platform origins with --host-origin ORIGIN or VITE_HOST_ORIGINS.',
    );
  }
  return {
    production,
    settings: settingsOf(env),
    apiUrl: apiUrl.href.replace(/\/+$/, ''),
    appUrl: appUrl.href,
    appOrigin: appUrl.origin,
    hostOrigins,
    viteHostOrigins,
    token: tokenSource(values.token === '-', env),
  };
}

function settingsOf(env: Env): DoctorTargets['settings'] {
  try {
    return { ok: true, ...readSettings(env) };
  } catch (error) {
    if (error instanceof SettingsError) return { ok: false, problems: [...error.problems] };
    throw error;
  }
}

function httpUrl(name: string, raw: string): URL {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(`${name}: "${raw}" is not an http(s) URL.`);
  }
  return url;
}

function originList(name: string, entries: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const entry of entries.map((item) => item.trim()).filter(Boolean)) {
    const url = httpUrl(name, entry);
    if (url.pathname !== '/' || url.search || url.hash) {
      throw new UsageError(`${name}: "${entry}" must be an origin only (scheme, host and port).`);
    }
    origins.add(url.origin);
  }
  return [...origins];
}

/**
 * The local production demo (`pnpm start`): every part on this machine. There the demo's code
 * name is expected; anywhere else a production API must name its own.
 */
export function isLocalDeployment(targets: DoctorTargets, settings: Settings): boolean {
  const urls = [
    settings.jwksUrl,
    targets.apiUrl,
    targets.appUrl,
    ...targets.hostOrigins,
    ...settings.corsAllowedOrigins,
  ];
  return urls.every((url) => URL.canParse(url) && isLoopback(new URL(url).hostname));
}
