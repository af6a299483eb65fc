/**
 * Calls route handlers in-process, as Next would: a real JWKS server on 127.0.0.1 with a test
 * key, tokens signed by it, the process's settings pointed at them, and a fresh in-memory PGlite
 * (or, with `TEST_DATABASE_URL` and `engine: 'server'`, a throw-away database on that server).
 * No build, no browser: a route suite runs in seconds.
 */

import { startJwksServer } from '@partner/test-kit/jwks-server';
import { createSigningKey, type SigningKey, signStaffToken } from '@partner/test-kit/keys';

import { vi } from 'vitest';
import type { NextRouteContext, RouteExports } from '../../src/lib/route.ts';
import { createServerDatabase } from '../db/support/server-database.ts';

/** The code name the harness's tokens are issued for. */
const APP = 'route-test-app';
/** The iframe origin the harness's API grants. */
export const ORIGIN = 'http://app.route-test.example';

interface CallOptions {
  method?: string;
  /** A token, or claims to sign one with (over the defaults: staff-1 of biz-1); `null`: none. */
  token?: string | Record<string, unknown> | null | undefined;
  /** Sent as JSON unless a string. */
  body?: unknown;
  params?: Record<string, string | string[]>;
  origin?: string | null;
  headers?: Record<string, string>;
}

export interface RouteHarness {
  key: SigningKey;
  /** A token for staff-1 of biz-1, with claim overrides. */
  token(claims?: Record<string, unknown>): Promise<string>;
  /** Calls the route's handler for `options.method` (GET unless given) at `path`. */
  call(route: RouteExports, path: string, options?: CallOptions): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Starts the harness; call it in `beforeAll` before the first request (the process reads its
 * settings once) and `close` in `afterAll`.
 */
export async function startRouteHarness(
  options: { engine?: 'embedded' | 'server' } = {},
): Promise<RouteHarness> {
  const key = await createSigningKey();
  const jwks = await startJwksServer({ keys: [key.jwk] });
  const server = options.engine === 'server' ? await createServerDatabase() : undefined;
  forgetProcessSingletons();
  vi.stubEnv('NODE_ENV', 'test');
  vi.stubEnv('INTANDEM_JWKS_URL', jwks.url);
  vi.stubEnv('INTANDEM_APP_CODE_NAME', APP);
  vi.stubEnv('CORS_ALLOWED_ORIGINS', ORIGIN);
  vi.stubEnv('PGLITE_DATA_DIR', 'memory://');
  vi.stubEnv('DATABASE_URL', server?.url ?? '');
  const token = (claims: Record<string, unknown> = {}) =>
    signStaffToken(key, { aud: APP, ...claims });

  return {
    key,
    token,
    async call(route, path, call = {}) {
      const method = (call.method ?? 'GET') as keyof RouteExports;
      const headers = new Headers(call.headers);
      if (call.origin !== null) headers.set('origin', call.origin ?? ORIGIN);
      const bearer =
        call.token === null
          ? undefined
          : typeof call.token === 'string'
            ? call.token
            : await token(call.token);
      if (bearer !== undefined) headers.set('authorization', `Bearer ${bearer}`);
      let body: string | undefined;
      if (call.body !== undefined) {
        body = typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
        headers.set('content-type', 'application/json');
      }
      const request = new Request(new URL(path, 'http://127.0.0.1:3000'), {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      const context: NextRouteContext = { params: Promise.resolve(call.params ?? {}) };
      return route[method](request, context);
    },
    async close() {
      const database = singletons().get('database') as Promise<{ close(): Promise<void> }>;
      await database?.then((opened) => opened.close()).catch(() => {});
      forgetProcessSingletons();
      vi.unstubAllEnvs();
      await jwks.close();
      await server?.drop();
    },
  };
}

function singletons(): Map<string, unknown> {
  const registry = globalThis as { __partnerSingletons?: Map<string, unknown> };
  registry.__partnerSingletons ??= new Map();
  return registry.__partnerSingletons;
}

/** The verifier and database of an earlier harness (or file) must not serve this one. */
function forgetProcessSingletons(): void {
  singletons().clear();
}
