import { settings } from './settings.ts';

/**
 * CORS for the iframe app's origins (`CORS_ALLOWED_ORIGINS`), applied by the route helper to
 * every answer rather than by a `proxy.ts`: a proxy makes Next buffer every request body (up to
 * 10 MB) before any handler runs, which costs throughput on every request.
 */

let allowed: ReadonlySet<string> | undefined;
function allowedOrigin(request: Request): string | undefined {
  allowed ??= new Set(settings().corsAllowedOrigins);
  const origin = request.headers.get('origin');
  return origin !== null && allowed.has(origin) ? origin : undefined;
}

/** Adds the grant for an allowed `Origin` to an answer; other origins get nothing. */
export function addCors(request: Request, response: Response): Response {
  // Responses made by Response.json() or new Response() have mutable headers.
  response.headers.append('Vary', 'Origin');
  const origin = allowedOrigin(request);
  if (origin) {
    response.headers.set('Access-Control-Allow-Origin', origin);
    response.headers.set(
      'Access-Control-Expose-Headers',
      'WWW-Authenticate, Retry-After, Allow, X-Request-Id',
    );
  }
  return response;
}

/**
 * The preflight answer: an allowed origin may send `Authorization` and JSON bodies with exactly
 * the route's `methods`.
 */
export function preflight(request: Request, methods: readonly string[]): Response {
  const headers = new Headers({ Vary: 'Origin' });
  const origin = allowedOrigin(request);
  if (origin) {
    headers.set('Access-Control-Allow-Origin', origin);
    headers.set('Access-Control-Allow-Methods', methods.join(', '));
    headers.set('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    headers.set('Access-Control-Max-Age', '600');
  }
  return new Response(null, { status: 204, headers });
}
