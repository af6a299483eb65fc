import { startServer } from '@partner/test-kit/http';
import { afterEach } from 'vitest';

/** The iframe app's build served with `headers` (a CSP, or none). */
export function startAppServer(headers: Record<string, string>) {
  return startServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', ...headers });
    response.end('<!doctype html><div id="root"></div>');
  });
}

/**
 * An API that answers what the doctor probes the way `apps/api` does: readiness, a CORS preflight
 * on every path for `allowedOrigins` (or, when `reflectAnyOrigin`, for everyone), 401 without a
 * token. A path in `preflights` gets those headers instead: `{}` is Next's own answer for a
 * route without an OPTIONS export.
 */
export function startApiStandIn(options: {
  allowedOrigins: readonly string[];
  reflectAnyOrigin?: boolean;
  readyStatus?: number;
  preflights?: Record<string, Record<string, string>>;
}) {
  return startServer((request, response) => {
    const origin = request.headers.origin;
    const allowed =
      typeof origin === 'string' &&
      (options.reflectAnyOrigin === true || options.allowedOrigins.includes(origin));
    const cors: Record<string, string> = allowed
      ? { 'access-control-allow-origin': origin, vary: 'Origin' }
      : { vary: 'Origin' };
    if (request.url === '/api/ready' && request.method === 'GET') {
      response.writeHead(options.readyStatus ?? 200).end();
    } else if (request.method === 'OPTIONS') {
      const own = options.preflights?.[request.url ?? ''];
      const grant = allowed
        ? {
            'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
            'access-control-allow-headers': 'Authorization, Content-Type',
          }
        : {};
      const headers = own ?? { ...cors, ...grant };
      response.writeHead(204, { allow: 'GET, HEAD, OPTIONS', ...headers }).end();
    } else if (request.url === '/api/me') {
      response
        .writeHead(401, {
          ...cors,
          'www-authenticate': 'Bearer realm="api"',
          'content-type': 'application/json',
        })
        .end('{"error":{"code":"missing_token","message":"No token."}}');
    } else {
      response.writeHead(404).end();
    }
  });
}

/**
 * For a test file whose tests start servers: returns `started`, which awaits a server and has it
 * closed after the test that started it.
 */
export function closeServersAfterEach() {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });
  return async function started<T extends { close(): Promise<void> }>(
    server: Promise<T>,
  ): Promise<T> {
    const ready = await server;
    open.push(ready);
    return ready;
  };
}
