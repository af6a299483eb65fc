import { InvalidOptionsError } from './errors.ts';

export interface InitOptions {
  /**
   * Origins the platform may be served from, e.g. `['https://app.example.com']`. Required:
   * there is no default (see the README). Exact origins only: no `'*'`, no path.
   */
  hostOrigins?: readonly string[];
  /** The widget's uid as registered on the platform; the host refuses a mismatch. */
  widgetUid?: string;
  /** How long to wait for each host answer, in ms. Default 5000. */
  timeoutMs?: number;
}

export interface ResolvedOptions {
  hostOrigins: readonly string[];
  widgetUid: string | undefined;
  timeoutMs: number;
}

const DEFAULT_TIMEOUT_MS = 5000;
// setTimeout fires at once for larger delays.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** True for a serialized http(s) origin such as `https://app.example.com:8443`. */
function isOrigin(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

export function resolveOptions(options: InitOptions): ResolvedOptions {
  // Plain JavaScript callers may pass anything.
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionsError('init() takes an options object.');
  }
  const { hostOrigins, widgetUid, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  if (!Array.isArray(hostOrigins) || hostOrigins.length === 0) {
    throw new InvalidOptionsError(
      'init() needs hostOrigins: the exact origins the platform is served from.',
    );
  }
  const invalid = hostOrigins.find((origin) => !isOrigin(origin));
  if (invalid !== undefined) {
    throw new InvalidOptionsError(
      `hostOrigins must hold exact http(s) origins like "https://app.example.com"; got ${JSON.stringify(invalid)}.`,
    );
  }
  if (widgetUid !== undefined && (typeof widgetUid !== 'string' || widgetUid === '')) {
    throw new InvalidOptionsError('widgetUid must be a non-empty string when given.');
  }
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new InvalidOptionsError(
      `timeoutMs must be a positive number of milliseconds up to ${MAX_TIMEOUT_MS}.`,
    );
  }
  return { hostOrigins: [...hostOrigins], widgetUid, timeoutMs };
}
