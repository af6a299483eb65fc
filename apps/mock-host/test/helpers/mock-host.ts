import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CompactJWSToken } from '@intandem/sdk/protocol';
import { createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createMockHost } from '../../src/server/app.ts';
import { readConfig } from '../../src/server/config.ts';
import type { HostState } from '../../src/server/state.ts';
import type { PlatformErrorBody } from '../../src/shared/contract.ts';

interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestHost {
  base: string;
  state: HostState;
  /** The injected clock, in ms; tests move it forward instead of waiting. */
  clock: { now: number };
  /** `T` is what the test expects the body to be; assertions check it. */
  request<T = PlatformErrorBody>(method: string, path: string, body?: unknown): Promise<Answer<T>>;
  jwks(): Promise<JSONWebKeySet>;
  keySet(): Promise<ReturnType<typeof createLocalJWKSet>>;
  platformToken(): Promise<CompactJWSToken>;
  close(): Promise<void>;
}

/** A real mock host on an ephemeral 127.0.0.1 port, with an injected clock. */
export async function startMockHost(env: NodeJS.ProcessEnv = {}): Promise<TestHost> {
  const config = readConfig({ NODE_ENV: 'test', TOKEN_TTL_SEC: '300', ...env });
  const clock = { now: Date.now() };
  const { handler, state } = await createMockHost(config, { now: () => clock.now });
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const host: TestHost = {
    base,
    state,
    clock,
    async request<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined
          ? {}
          : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      return {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as T,
      };
    },
    async jwks() {
      return (await host.request<JSONWebKeySet>('GET', '/v3/apps/.well-known/jwks.json')).body;
    },
    async keySet() {
      return createLocalJWKSet(await host.jwks());
    },
    async platformToken() {
      const { status, body } = await host.request<{ data: CompactJWSToken }>(
        'POST',
        '/v3/apps/compact_jws_tokens',
        { app_code_name: config.appCodeName },
      );
      if (status !== 200) throw new Error(`token API answered ${status}: ${JSON.stringify(body)}`);
      return body.data;
    },
    close() {
      // Requests held open by the 'hang' outage would keep close() waiting.
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return host;
}

/**
 * One mock host for a test file: started before the first test, reset to its start state
 * after each (tests stay independent), closed after the last. `use` receives the host.
 */
export function useMockHost(use: (host: TestHost) => void, env: NodeJS.ProcessEnv = {}): void {
  let host: TestHost | undefined;
  beforeAll(async () => {
    host = await startMockHost(env);
    use(host);
  });
  afterEach(async () => {
    await host?.request('POST', '/__mock/reset', {});
  });
  afterAll(() => host?.close());
}
