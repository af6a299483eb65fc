/**
 * The app's build-time settings (`VITE_*`), validated together as the API validates its own
 * (apps/api/src/lib/settings.ts). Vite inlines them into the public bundle, so a wrong value
 * ships to every browser: `vite.config.ts` reads them here and fails the command on a problem.
 *
 * A production build (`vite build`, in any mode but `development` or `test`: fail closed) takes
 * no default: each variable must be given and safe. The dev server, `vite preview` and the tests
 * fall back to the local mock platform's values, so `pnpm dev` needs no `.env` file.
 */

/** The settings, in the form the app reads them from `import.meta.env`. */
export interface AppEnv {
  /** Your API's base URL, normalised (`https://api.example.com`). */
  VITE_API_URL: string;
  /** The platform's origins, normalised and comma-separated. */
  VITE_HOST_ORIGINS: string;
  VITE_WIDGET_UID: string;
}

/** The local mock platform's values: `pnpm dev` on the default ports. */
export const DEV_DEFAULTS: AppEnv = {
  VITE_API_URL: 'http://127.0.0.1:3000',
  VITE_HOST_ORIGINS: 'http://localhost:4000',
  VITE_WIDGET_UID: 'demo-widget',
};

/** Every problem found, in one error: the build stops once, naming each bad variable. */
export class AppEnvError extends Error {
  override readonly name = 'AppEnvError';
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid iframe app settings (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

/** Vite modes that are development: every other mode of `vite build` is production. */
const DEVELOPMENT_MODES: readonly string[] = ['development', 'test'];

/** Whether this Vite command produces a production build, which gets no default. */
export function isProductionBuild(command: 'build' | 'serve', mode: string): boolean {
  return command === 'build' && !DEVELOPMENT_MODES.includes(mode);
}

/** Widget uids are URL-safe identifiers on the platform (the mock host checks `WIDGET_UID` so). */
const WIDGET_UID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/**
 * Reads and validates the three settings from `vars` (Vite's `loadEnv`: the shell over the
 * `.env` files). Outside production a blank variable takes its development default.
 * @throws AppEnvError listing every problem.
 */
export function readAppEnv(
  vars: Record<string, string | undefined>,
  { production }: { production: boolean },
): AppEnv {
  const problems: string[] = [];
  const value = (name: keyof AppEnv): string | undefined => {
    const raw = vars[name]?.trim();
    if (raw) return raw;
    if (!production) return DEV_DEFAULTS[name];
    problems.push(`${name} is required for a production build.`);
    return undefined;
  };

  // One variable after another, so the problems come in the order of the variables.
  const apiUrl = value('VITE_API_URL');
  const VITE_API_URL = apiUrl === undefined ? '' : readApiUrl(apiUrl, production, problems);
  const hostOrigins = value('VITE_HOST_ORIGINS');
  const VITE_HOST_ORIGINS =
    hostOrigins === undefined ? '' : readHostOrigins(hostOrigins, production, problems);
  const VITE_WIDGET_UID = value('VITE_WIDGET_UID') ?? '';
  if (VITE_WIDGET_UID && !WIDGET_UID.test(VITE_WIDGET_UID)) {
    problems.push(
      `VITE_WIDGET_UID must be letters, digits, "_", "." or "-" (1–100), got "${VITE_WIDGET_UID}".`,
    );
  }
  if (problems.length > 0) throw new AppEnvError(problems);
  return { VITE_API_URL, VITE_HOST_ORIGINS, VITE_WIDGET_UID };
}

/** An absolute http(s) URL with no credentials, query or fragment; a path prefix is allowed. */
function readApiUrl(raw: string, production: boolean, problems: string[]): string {
  const name = 'VITE_API_URL';
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    problems.push(`${name} must be an absolute http(s) URL, got "${raw}".`);
  } else if (url.username || url.password || url.search || url.hash) {
    problems.push(`${name} must be a base URL, without credentials, query or fragment.`);
  } else if (production && url.protocol === 'http:' && !isLoopback(url.hostname)) {
    problems.push(`${name} must be https (plain http only for a loopback host), got "${raw}".`);
  } else {
    // The auth client appends paths to it: no trailing slash.
    return url.href.replace(/\/+$/, '');
  }
  return '';
}

/** The SDK posts only to these origins and the served pages let only them frame the app. */
function readHostOrigins(raw: string, production: boolean, problems: string[]): string {
  const name = 'VITE_HOST_ORIGINS';
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) problems.push(`${name} lists no origin.`);
  const origins: string[] = [];
  for (const entry of entries) {
    const url = URL.canParse(entry) ? new URL(entry) : undefined;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      problems.push(`${name}: "${entry}" is not an http(s) origin.`);
    } else if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
      problems.push(`${name}: "${entry}" must be an origin only (scheme, host and port).`);
    } else if (url.hostname.includes('*')) {
      // frame-ancestors would read it as a wildcard: every subdomain could frame the app.
      problems.push(`${name}: "${entry}" must name one host, not a wildcard.`);
    } else if (production && url.protocol === 'http:' && !isLoopback(url.hostname)) {
      problems.push(`${name}: "${entry}" must be https (plain http only for a loopback host).`);
    } else {
      origins.push(url.origin);
    }
  }
  return origins.join(',');
}

/** Loopback names as the API's settings accept them: localhost, 127.0.0.0/8 and [::1]. */
function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}
