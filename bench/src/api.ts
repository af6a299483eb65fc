/**
 * Requests/s through `next start`, each authenticated route as a ratio to `/api/health` (a route
 * that runs nothing of ours) measured in the same rounds: scenarios interleave, in a new random
 * order every round, so a slow spell on the shared machine lands on both sides of a ratio.
 */
import { type ApiProcess, PRODUCTION_ENV, startApi } from '@partner/e2e/api-server';
import type { JwksServer } from '@partner/test-kit/jwks-server';
import type { SigningKey } from '@partner/test-kit/keys';
import { type LoadResult, type LoadSpec, load } from './load.ts';
import { AUDIENCE, type Staff, signToken, tokenPool } from './platform.ts';
import { median, round, shuffled } from './stats.ts';

export const APP_ORIGIN = PRODUCTION_ENV.CORS_ALLOWED_ORIGINS;
const ROUNDS = 6;
/** Every scenario runs this long in every round, the new-token one included. */
export const ROUND_SEC = 2;
/**
 * A rate above any that one `next start` process serves: the new-token row gets this many
 * never-seen tokens per second of its rounds, so it never runs out.
 */
const MAX_REQUESTS_PER_SEC = 3000;

export function benchApiEnv(jwks: JwksServer, extra: Record<string, string> = {}) {
  return {
    ...PRODUCTION_ENV,
    INTANDEM_JWKS_URL: jwks.url,
    INTANDEM_APP_CODE_NAME: AUDIENCE,
    ...extra,
  };
}

export interface Row {
  name: string;
  /** What it is compared with (its `baseline` row), or undefined for the baseline itself. */
  baseline?: string;
  requestsPerSec: number;
  /** Median over rounds of this row's requests/s ÷ the baseline's in the same round. */
  ratio?: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  requests: number;
}

interface Scenario {
  name: string;
  baseline?: string;
  spec: () => LoadSpec;
}

/** Runs every scenario once per round (plus one unreported warm-up round) and reduces them. */
async function interleaved(scenarios: Scenario[], rounds: number, log: (line: string) => void) {
  const runs: Record<string, LoadResult[]> = Object.fromEntries(scenarios.map((s) => [s.name, []]));
  for (let r = 0; r <= rounds; r += 1) {
    log(r === 0 ? 'warm-up round' : `round ${r}/${rounds}`);
    for (const scenario of shuffled(scenarios)) {
      const result = await load(scenario.spec());
      if (r > 0) runs[scenario.name]?.push(result);
    }
  }
  return scenarios.map((scenario): Row => {
    const mine = runs[scenario.name] ?? [];
    const theirs = scenario.baseline === undefined ? undefined : runs[scenario.baseline];
    const sum = (pick: (result: LoadResult) => number) =>
      mine.reduce((total, result) => total + pick(result), 0);
    return {
      name: scenario.name,
      ...(scenario.baseline === undefined ? {} : { baseline: scenario.baseline }),
      requestsPerSec: median(mine.map((result) => result.requestsPerSec)),
      ...(theirs === undefined
        ? {}
        : {
            ratio: round(
              median(
                mine.map(
                  (result, i) => result.requestsPerSec / (theirs[i]?.requestsPerSec ?? Number.NaN),
                ),
              ),
            ),
          }),
      p50Ms: median(mine.map((result) => result.p50Ms)),
      p99Ms: median(mine.map((result) => result.p99Ms)),
      non2xx: sum((result) => result.non2xx),
      errors: sum((result) => result.errors),
      requests: sum((result) => result.requests),
    };
  });
}

interface ApiBenchInput {
  jwks: JwksServer;
  keys: readonly SigningKey[];
  log: (line: string) => void;
}

/** Never-seen tokens the new-token row may need: one per request, warm-up round included. */
export const NEW_TOKENS_NEEDED = MAX_REQUESTS_PER_SEC * ROUND_SEC * (ROUNDS + 1);

/** `/api/me` (one reused token, new tokens), the CORS layer, readiness, and the demo's routes. */
export async function benchApi(
  { jwks, keys, log }: ApiBenchInput,
  staff: readonly Staff[],
  tokens: readonly string[],
): Promise<Row[]> {
  const fresh = tokenPool(tokens);
  const api = await startApi(benchApiEnv(jwks));
  try {
    const scenarios = [
      ...(await authScenarios(api, keys, staff, fresh)),
      readyScenario(api, 'ready'),
    ];
    // demo:start
    scenarios.push(...(await notesScenarios(api, keys, 'notes')));
    // demo:end
    return await interleaved(scenarios, ROUNDS, log);
  } finally {
    await api.stop();
  }
}

/**
 * The database's rows against an API on `DATABASE_URL`, with that API's own baseline: the
 * readiness probe's round trip (the platform's), and the demo's routes while it is in.
 */
export async function benchOnDatabase(input: ApiBenchInput, databaseUrl: string): Promise<Row[]> {
  // The bench's database is its own: the API migrates it at start (production only checks).
  const api = await startApi(
    benchApiEnv(input.jwks, { DATABASE_URL: databaseUrl, DATABASE_MIGRATE: 'apply' }),
  );
  try {
    const scenarios: Scenario[] = [
      { name: 'health', spec: () => ({ url: `${api.url}/api/health`, durationSec: ROUND_SEC }) },
      readyScenario(api, 'ready_postgres'),
    ];
    // demo:start
    scenarios.push(...(await notesScenarios(api, input.keys, 'notes_postgres')));
    // demo:end
    return await interleaved(scenarios, ROUNDS, input.log);
  } finally {
    await api.stop();
  }
}

/** `GET /api/ready`: the key set's state and one database round trip, through the route helper. */
function readyScenario(api: ApiProcess, name: string): Scenario {
  return {
    name,
    baseline: 'health',
    spec: () => ({ url: `${api.url}/api/ready`, durationSec: ROUND_SEC }),
  };
}

async function authScenarios(
  api: ApiProcess,
  keys: readonly SigningKey[],
  staff: readonly Staff[],
  fresh: () => string,
): Promise<Scenario[]> {
  const same = `Bearer ${await signToken(keys[0] as SigningKey, staff[0] as Staff)}`;
  const me = `${api.url}/api/me`;
  return [
    { name: 'health', spec: () => ({ url: `${api.url}/api/health`, durationSec: ROUND_SEC }) },
    {
      // The preflight the browser sends before the app's first API call: the CORS layer
      // answering alone, in a route handler like the baseline's.
      name: 'cors_preflight',
      baseline: 'health',
      spec: () => ({
        url: me,
        method: 'OPTIONS',
        headers: {
          origin: APP_ORIGIN,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
        durationSec: ROUND_SEC,
      }),
    },
    {
      // A request our code refuses at once (no Authorization header: 401 \`missing_token\`):
      // what any route of ours costs before the verifier runs, to tell the two apart.
      name: 'me_missing_token',
      baseline: 'health',
      spec: () => ({ url: me, headers: { origin: APP_ORIGIN }, durationSec: ROUND_SEC }),
    },
    {
      name: 'me_same_token',
      baseline: 'health',
      spec: () => ({
        url: me,
        headers: { authorization: same, origin: APP_ORIGIN },
        durationSec: ROUND_SEC,
      }),
    },
    {
      name: 'me_new_tokens',
      baseline: 'health',
      spec: () => ({
        url: me,
        headers: { origin: APP_ORIGIN },
        authorization: fresh,
        durationSec: ROUND_SEC,
      }),
    },
  ];
}

// demo:start
/**
 * Notes list (one reused token, a business with a few notes) and create (64 businesses, so a
 * per-business cap is never reached within the run).
 */
async function notesScenarios(
  api: ApiProcess,
  keys: readonly SigningKey[],
  prefix: string,
): Promise<Scenario[]> {
  // Imported here so that removing the demo leaves no unused import.
  const { staffMembers } = await import('./platform.ts');
  const key = keys[0] as SigningKey;
  const [reader] = staffMembers(1, 1);
  const readerAuth = `Bearer ${await signToken(key, reader as Staff)}`;
  for (let i = 0; i < 20; i += 1) {
    const response = await fetch(`${api.url}/api/notes`, {
      method: 'POST',
      headers: { authorization: readerAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ text: `seeded note ${i}` }),
    });
    if (response.status !== 201) throw new Error(`seeding notes answered ${response.status}`);
  }
  const writers = await Promise.all(
    staffMembers(64, 64).map(async (member) => `Bearer ${await signToken(key, member)}`),
  );
  let next = 0;
  return [
    {
      name: `${prefix}_list`,
      baseline: 'health',
      spec: () => ({
        url: `${api.url}/api/notes?limit=20`,
        headers: { authorization: readerAuth, origin: APP_ORIGIN },
        durationSec: ROUND_SEC,
      }),
    },
    {
      name: `${prefix}_create`,
      baseline: 'health',
      spec: () => ({
        url: `${api.url}/api/notes`,
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: APP_ORIGIN },
        body: JSON.stringify({ text: 'A note written under load.' }),
        authorization: () => writers[next++ % writers.length] ?? '',
        durationSec: ROUND_SEC,
      }),
    },
  ];
}
// demo:end
