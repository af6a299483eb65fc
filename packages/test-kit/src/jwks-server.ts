/**
 * A real JWKS endpoint on 127.0.0.1 at the platform's path, whose key set, clock and failures a
 * test or the bench controls, counting the requests it gets.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { JWK } from 'jose';
import { startServer } from './http.ts';

/** Where the platform publishes its keys. */
export const JWKS_PATH = '/v3/apps/.well-known/jwks.json';

/** How the server answers instead of serving the key set, until `setFault(null)`. */
export type Fault =
  /** An outage: `status` (e.g. 503) with a short text body. */
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'body'; body: string | Uint8Array; contentType: string }
  /** Never answers (the connection stays open until the server closes). */
  | { kind: 'hang' }
  | { kind: 'redirect'; location: string }
  /** Streams `chunks` chunks of `chunkBytes` bytes, `intervalMs` apart, with no Content-Length. */
  | { kind: 'drip'; chunkBytes: number; chunks: number; intervalMs: number };

export interface JwksServerOptions {
  /** The keys published at start (default none). */
  keys?: readonly JWK[];
  /** A whole document served instead of `{ keys }`, e.g. a malformed one. */
  body?: unknown;
  /**
   * The server's clock in ms, stamped in every answer's `Date` header (default this machine's):
   * `() => Date.now() + 600_000` is a platform 10 minutes fast, a constant pins the header.
   */
  now?: () => number;
  /** Every answer held back this long, in ms: a network between the API and the platform. */
  delayMs?: number;
}

export interface JwksServer {
  /** The JWKS URL: `http://127.0.0.1:<port>/v3/apps/.well-known/jwks.json`. */
  url: string;
  origin: string;
  /** Requests received since start, answered or not. */
  readonly requests: number;
  /** Each of those requests' path and headers, in arrival order. */
  readonly received: readonly { url: string; headers: IncomingHttpHeaders }[];
  /** Publishes these keys from now on (a rotation adds one, a retirement drops one). */
  setKeys(keys: readonly JWK[]): void;
  /** Serves this document from now on instead of `{ keys }`. */
  setBody(document: unknown): void;
  setFault(fault: Fault | null): void;
  /** Queues answers until `release()`, so a test can pile up concurrent callers. */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

export async function startJwksServer(options: JwksServerOptions = {}): Promise<JwksServer> {
  let document: unknown = options.body ?? { keys: options.keys ?? [] };
  let fault: Fault | null = null;
  const received: { url: string; headers: IncomingHttpHeaders }[] = [];
  let held: (() => void)[] | null = null;
  const dateHeader = (): Record<string, string> =>
    options.now ? { date: new Date(options.now()).toUTCString() } : {};

  function answer(request: IncomingMessage, response: ServerResponse) {
    const current = fault;
    if (request.url !== JWKS_PATH) {
      response.writeHead(404, dateHeader()).end();
      return;
    }
    if (current === null) {
      response.writeHead(200, { 'content-type': 'application/json', ...dateHeader() });
      response.end(JSON.stringify(document));
      return;
    }
    switch (current.kind) {
      case 'status':
        response.writeHead(current.status, { 'content-type': 'text/plain', ...dateHeader() });
        response.end(current.body ?? 'error');
        return;
      case 'body':
        response.writeHead(200, { 'content-type': current.contentType, ...dateHeader() });
        response.end(current.body);
        return;
      case 'hang':
        return;
      case 'redirect':
        response.writeHead(302, { location: current.location, ...dateHeader() }).end();
        return;
      case 'drip': {
        response.writeHead(200, { 'content-type': 'application/json', ...dateHeader() });
        let sent = 0;
        const timer = setInterval(() => {
          if (sent === current.chunks || response.destroyed) {
            clearInterval(timer);
            response.end();
            return;
          }
          sent += 1;
          response.write('['.repeat(current.chunkBytes));
        }, current.intervalMs);
        request.on('close', () => clearInterval(timer));
        return;
      }
    }
  }

  const delayed = (request: IncomingMessage, response: ServerResponse) => {
    if (options.delayMs) setTimeout(() => answer(request, response), options.delayMs);
    else answer(request, response);
  };

  const server = await startServer((request, response) => {
    received.push({ url: request.url ?? '', headers: request.headers });
    if (held !== null) held.push(() => delayed(request, response));
    else delayed(request, response);
  });
  return {
    url: `${server.origin}${JWKS_PATH}`,
    origin: server.origin,
    get requests() {
      return received.length;
    },
    received,
    setKeys(keys) {
      document = { keys };
    },
    setBody(next) {
      document = next;
    },
    setFault(next) {
      fault = next;
    },
    hold() {
      held = [];
    },
    release() {
      const queued = held ?? [];
      held = null;
      for (const send of queued) send();
    },
    close: server.close,
  };
}
