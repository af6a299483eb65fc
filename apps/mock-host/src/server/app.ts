import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PlatformErrorBody } from '../shared/contract.ts';
import type { MockHostConfig } from './config.ts';
import { MethodNotAllowedError, MockHostError, RouteNotFoundError } from './errors.ts';
import { sendJson } from './http.ts';
import { KeyStore } from './keys.ts';
import { type Clock, RateLimiter } from './rate-limit.ts';
import { checkHost, checkJsonRequest } from './request-guard.ts';
import { mockKeyRoutes } from './routes/mock-keys.ts';
import { mockStateRoutes } from './routes/mock-state.ts';
import { mockTokenRoutes } from './routes/mock-tokens.ts';
import { platformRoutes } from './routes/platform.ts';
import type { Route } from './routes/route.ts';
import { HostState } from './state.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
/** Serves the host page and its assets; returns false when it has nothing for the path. */
export type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

interface MockHostOptions {
  page?: PageHandler;
  /** Milliseconds since the epoch; tests inject a clock for token times and rate limits. */
  now?: Clock;
}

export interface MockHost {
  handler: Handler;
  state: HostState;
}

/**
 * The host page stands in for the platform's top-level shell, and its dev panel mints tokens and
 * rotates keys on a click: no site may frame it (clickjacking). The legacy header is for
 * browsers without CSP frame-ancestors.
 */
const PAGE_HEADERS = {
  'Content-Security-Policy': "frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
} as const;

const ROUTES: readonly Route[] = [
  ...platformRoutes,
  ...mockTokenRoutes,
  ...mockKeyRoutes,
  ...mockStateRoutes,
];

export async function createMockHost(
  config: MockHostConfig,
  options: MockHostOptions = {},
): Promise<MockHost> {
  const now = options.now ?? Date.now;
  const state = new HostState(
    config,
    await KeyStore.create(),
    new RateLimiter(config.tokenRateLimitPerMin, now),
  );
  const { page } = options;

  const handler: Handler = async (req, res) => {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    try {
      checkHost(req.headers);
      const atPath = ROUTES.filter((route) => route.path === path);
      const route = atPath.find((candidate) => candidate.method === method);
      if (route) {
        if (route.method !== 'GET') checkJsonRequest(req.headers);
        return await route.handle({ req, res, state, config, now });
      }
      if (atPath.length > 0) {
        throw new MethodNotAllowedError(
          method,
          path,
          atPath.map((candidate) => candidate.method),
        );
      }
      if (page && (method === 'GET' || method === 'HEAD')) {
        // Set before the page handler runs: sirv and Vite merge them into their own headers.
        for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
        if (await page(req, res)) return;
      }
      throw new RouteNotFoundError(method, path);
    } catch (error) {
      // Nothing more can be said once an answer started or the client left.
      if (res.headersSent || res.destroyed) return void res.end();
      if (error instanceof MockHostError) {
        const body: PlatformErrorBody = {
          success: false,
          errors: [{ code: error.code, message: error.message }],
        };
        return sendJson(res, error.status, body, error.headers);
      }
      // A bug, not bad input: log it without request data (bodies may carry tokens).
      console.error('mock-host: unexpected error', error instanceof Error ? error.stack : error);
      const body: PlatformErrorBody = {
        success: false,
        errors: [{ code: 'internal', message: 'Unexpected error in the mock host.' }],
      };
      sendJson(res, 500, body);
    }
  };

  return { handler, state };
}
