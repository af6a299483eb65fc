/**
 * Storms and faults through a running API (`next start`), against the bench's JWKS server:
 * a flood of unknown `kid`s, a key rotation under load, the JWKS endpoint down under load.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ApiProcess, startApi } from '@partner/e2e/api-server';
import type { JwksServer } from '@partner/test-kit/jwks-server';
import { createSigningKey, type SigningKey } from '@partner/test-kit/keys';
import { APP_ORIGIN, benchApiEnv } from './api.ts';
import { load } from './load.ts';
import { type Staff, signTokens } from './platform.ts';

/** Rotation and outage: the shortest cooldown production accepts, as the browser tests use. */
const COOLDOWN_MS = 1000;
const STORM_REQUESTS = 1000;
const LOAD_SEC = 4;

export interface FaultResults {
  storm: { requests: number; jwksRequests: number; unauthorized: number; other: number };
  rotation: { requests: number; failed: number; jwksRefetches: number };
  outage: { requests: number; failed: number; jwksAttempts: number; downForMs: number };
}

interface FaultInput {
  jwks: JwksServer;
  keys: readonly SigningKey[];
  staff: readonly Staff[];
  /** Valid tokens this API has never seen (signed with `keys`). */
  tokens: readonly string[];
  log: (line: string) => void;
}

/** Cycles through `tokens`; a token seen again is a verifier cache hit, so pools are large. */
function cycle(tokens: readonly string[]): () => string {
  let next = 0;
  return () => `Bearer ${tokens[next++ % tokens.length] ?? ''}`;
}

/** A GET /api/me that proves the key set is loaded. */
async function expectOk(url: string, token: string): Promise<void> {
  const response = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`warm-up /api/me answered ${response.status}`);
}

/** The verifier's default refetch cooldown, which the kid-storm API keeps (production as shipped). */
const DEFAULT_COOLDOWN_MS = 30_000;

interface StormApi {
  api: ApiProcess;
  warmedAt: number;
}

/**
 * Starts the kid-storm API with production defaults and loads its key set; by the time the storm
 * runs (after the throughput step) its refetch cooldown has passed, so the storm's unknown kids
 * may cause exactly one refetch.
 */
export async function prepareStorm(jwks: JwksServer, token: string): Promise<StormApi> {
  const api = await startApi(benchApiEnv(jwks));
  await expectOk(api.url, token);
  return { api, warmedAt: performance.now() };
}

async function runStorm(
  { api, warmedAt }: StormApi,
  jwks: JwksServer,
  staff: readonly Staff[],
  log: (line: string) => void,
): Promise<FaultResults['storm']> {
  try {
    log(`kid storm: ${STORM_REQUESTS} concurrent requests, each with its own unpublished kid`);
    // One unpublished key, a different random kid on every token (a flood of made-up kids).
    const stranger = await createSigningKey();
    const strangers = Array.from({ length: STORM_REQUESTS }, () => ({
      ...stranger,
      kid: randomUUID(),
    }));
    const stormTokens = await signTokens(STORM_REQUESTS, strangers, staff);
    await sleep(Math.max(0, warmedAt + DEFAULT_COOLDOWN_MS + 100 - performance.now()));
    const before = jwks.requests;
    const failures = new Set<string>();
    const statuses = await Promise.all(
      stormTokens.map(async (token) => {
        try {
          const response = await fetch(`${api.url}/api/me`, {
            headers: { authorization: `Bearer ${token}`, origin: APP_ORIGIN },
          });
          await response.arrayBuffer();
          return response.status;
        } catch (error) {
          failures.add(String((error as { cause?: { code?: string } }).cause?.code ?? error));
          return 0;
        }
      }),
    );
    if (failures.size > 0) {
      log(`requests without an answer (${[...failures].join(', ')}); the API said:`);
      log(api.output().split('\n').slice(-5).join('\n'));
    }
    return {
      requests: STORM_REQUESTS,
      jwksRequests: jwks.requests - before,
      unauthorized: statuses.filter((status) => status === 401).length,
      other: statuses.filter((status) => status !== 401).length,
    };
  } finally {
    await api.stop();
  }
}

export async function benchFaults(input: FaultInput, stormApi: StormApi): Promise<FaultResults> {
  const { jwks, keys, staff, tokens, log } = input;
  const half = Math.floor(tokens.length / 2);
  const [first = '', ...rest] = tokens;
  const publish = (published: readonly SigningKey[]) =>
    jwks.setKeys(published.map((key) => key.jwk));
  publish(keys);
  const storm = await runStorm(stormApi, jwks, staff, log);
  const api = await startApi(benchApiEnv(jwks, { INTANDEM_JWKS_COOLDOWN_MS: String(COOLDOWN_MS) }));
  let rotation: FaultResults['rotation'];
  try {
    await expectOk(api.url, first);
    log(`rotation: ${LOAD_SEC} s of new tokens; a new key is published and used half-way`);
    const next = await createSigningKey();
    const rotated = await signTokens(600, [next], staff);
    await sleep(COOLDOWN_MS + 100);
    const before = jwks.requests;
    let current = cycle(rest.slice(0, half));
    const after = cycle(rotated);
    const switching = sleep((LOAD_SEC * 1000) / 2).then(() => {
      // The platform's order: publish the new key, then sign with it.
      publish([...keys, next]);
      current = after;
    });
    const result = await load({
      url: `${api.url}/api/me`,
      headers: { origin: APP_ORIGIN },
      authorization: () => current(),
      durationSec: LOAD_SEC,
    });
    await switching;
    rotation = {
      requests: result.requests,
      failed: result.non2xx + result.errors,
      jwksRefetches: jwks.requests - before,
    };
  } finally {
    await api.stop();
    publish(keys);
  }

  log(`outage: ${LOAD_SEC} s of new tokens; the JWKS answers 503 after the first second`);
  // Keys count as fresh for 1 s only, so the outage outlasts them and cached keys serve stale.
  const outageApi = await startApi(
    benchApiEnv(jwks, {
      INTANDEM_JWKS_COOLDOWN_MS: String(COOLDOWN_MS),
      INTANDEM_JWKS_CACHE_MAX_AGE_MS: '1000',
    }),
  );
  let outage: FaultResults['outage'];
  try {
    await expectOk(outageApi.url, first);
    const pool = cycle(rest.slice(half));
    let downAt = 0;
    let before = 0;
    const goingDown = sleep(1000).then(() => {
      before = jwks.requests;
      jwks.setFault({ kind: 'status', status: 503, body: 'down' });
      downAt = performance.now();
    });
    const result = await load({
      url: `${outageApi.url}/api/me`,
      headers: { origin: APP_ORIGIN },
      authorization: pool,
      durationSec: LOAD_SEC,
    });
    await goingDown;
    outage = {
      requests: result.requests,
      failed: result.non2xx + result.errors,
      jwksAttempts: jwks.requests - before,
      downForMs: Math.round(performance.now() - downAt),
    };
  } finally {
    jwks.setFault(null);
    await outageApi.stop();
  }
  return { storm, rotation, outage };
}
