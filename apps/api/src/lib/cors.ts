import { settings } from './settings.ts';

/**
 * CORS for the iframe app's origins (`CORS_ALLOWED_ORIGINS`), applied by each route rather than
 * by a `proxy.ts`: a proxy makes Next buffer every request body (up to 10 MB) before any
 * handler runs, and cost about a quarter of each request's throughput.
 */

type Handler<Ctx> = (request: Request, context: Ctx) => Response | Promise<Response>;

let allowed: ReadonlySet<string> | undefined;
function isAllowed(origin: string | null): origin is string {
  allowed ??= new Set(settings().corsAllowedOrigins);
  return origin !== null && allowed.has(origin);
}

/** Adds the CORS grant for an allowed `Origin` to every answer of `handler`. */
export function withCors<Ctx>(
  handler: Handler<Ctx>,
): (request: Request, context: Ctx) => Promise<Response> {
  return async (request, context) => {
    const response = await handler(request, context);
    const origin = request.headers.get('origin');
    // Responses made by Response.json() or new Response() have mutable headers.
    response.headers.append('Vary', 'Origin');
    if (isAllowed(origin)) {
      response.headers.set('Access-Control-Allow-Origin', origin);
      response.headers.set('Access-Control-Expose-Headers', 'WWW-Authenticate, Retry-After');
    }
    return response;
  };
}

/** The preflight answer: allowed origins may send `Authorization` and JSON bodies. */
export function preflight(request: Request): Response {
  const origin = request.headers.get('origin');
  const headers = new Headers({ Vary: 'Origin' });
  if (isAllowed(origin)) {
    headers.set('Access-Control-Allow-Origin', origin);
    headers.set('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
    headers.set('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    headers.set('Access-Control-Max-Age', '600');
  }
  return new Response(null, { status: 204, headers });
}
