/** bench/results.json, docs/BENCHMARKS.md and docs/benchmarks.svg, from one run's measurements. */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { INITIAL_JS_BUDGET_KB, type InitialJs } from '@partner/e2e/bundle';
import { ROUND_SEC, type Row } from './api.ts';
import { type IdentityBaseline, readBaseline } from './baseline.ts';
import { chartSvg } from './chart.ts';
import type { FaultResults } from './faults.ts';
import { type IdentityResults, STEPS } from './identity.ts';
import { round } from './stats.ts';
import type { VerifierResults } from './verifier.ts';

const ROOT = new URL('../../', import.meta.url);
const IDENTITY_TARGET_MS = 250;

export interface Measurements {
  date: string;
  /** The measured commit (short hash); runs before it was recorded lack it. */
  commit?: string;
  machine: ReturnType<typeof machine>;
  seconds: number;
  api: Row[];
  postgres: Row[] | undefined;
  faults: FaultResults;
  bundle: InitialJs;
  identity: IdentityResults;
  verifier: VerifierResults;
}

interface Figure {
  key: string;
  figure: string;
  value: number;
  unit: string;
  baseline: string;
  target: string;
  met: boolean | undefined;
  command: string;
}

function row(rows: Row[], name: string): Row {
  const found = rows.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no ${name} row`);
  return found;
}

const rps = (r: Row) => `${r.requestsPerSec.toLocaleString('en-US')} req/s`;

function figures(m: Measurements): Figure[] {
  const health = row(m.api, 'health');
  const base = `/api/health ${rps(health)}`;
  const api = (key: string, name: string, figure: string, min?: number): Figure => {
    const r = row(m.api, name);
    return {
      key,
      figure: `${figure}: ${rps(r)}, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, non-2xx ${r.non2xx}`,
      value: r.ratio ?? Number.NaN,
      unit: '×',
      baseline: base,
      target: min === undefined ? 'reported' : `≥ ${min}×`,
      met: min === undefined ? undefined : (r.ratio ?? 0) >= min,
      command: 'pnpm bench (step 2)',
    };
  };
  const meNew = row(m.api, 'me_new_tokens');
  const { storm, rotation, outage } = m.faults;
  const { identity } = m;
  const list: Figure[] = [
    api('api_me_same_token_ratio', 'me_same_token', '`GET /api/me`, one reused token', 0.95),
    api('api_me_new_tokens_ratio', 'me_new_tokens', '`GET /api/me`, a new token per request', 0.85),
    api(
      'api_cors_ratio',
      'cors_preflight',
      'CORS preflight `OPTIONS /api/me` (the CORS layer alone)',
      0.9,
    ),
    {
      key: 'api_p99_ms',
      figure: '`GET /api/me` with new tokens, 99th percentile latency (10 connections)',
      value: meNew.p99Ms,
      unit: 'ms',
      baseline: `/api/health p99 ${health.p99Ms} ms`,
      target: 'reported',
      met: undefined,
      command: 'pnpm bench (step 2)',
    },
    api('api_ready_ratio', 'ready', '`GET /api/ready` (key set and one database round trip)'),
    // demo:start
    api('notes_list_ratio', 'notes_list', '`GET /api/notes?limit=20`, 20 notes, reused token'),
    api('notes_create_ratio', 'notes_create', '`POST /api/notes`, 64 businesses'),
    // demo:end
    {
      key: 'kid_storm_jwks_requests',
      figure: `${storm.requests} concurrent requests with unknown kids: JWKS requests (${storm.unauthorized} answered 401, ${storm.other} otherwise)`,
      value: storm.jwksRequests,
      unit: '',
      baseline: 'one refetch per cooldown (30 s)',
      target: '1, all 401',
      met: storm.jwksRequests === 1 && storm.other === 0,
      command: 'pnpm bench (step 4)',
    },
    {
      key: 'rotation_failed_requests',
      figure: `key rotation under load: failed of ${rotation.requests} requests (JWKS refetches: ${rotation.jwksRefetches})`,
      value: rotation.failed,
      unit: '',
      baseline: '—',
      target: '0',
      met: rotation.failed === 0,
      command: 'pnpm bench (step 4)',
    },
    {
      key: 'outage_failed_requests',
      figure: `JWKS answering 503 for ${(outage.downForMs / 1000).toFixed(1)} s under load, keys past their 1 s freshness: failed of ${outage.requests} (JWKS attempts: ${outage.jwksAttempts})`,
      value: outage.failed,
      unit: '',
      baseline: '—',
      target: '0',
      met: outage.failed === 0,
      command: 'pnpm bench (step 4)',
    },
    {
      key: 'time_to_identity_ms_median',
      figure: `host page opened → staff uid rendered in the app, ${identity.loads} fresh contexts (range ${identity.minMs}–${identity.maxMs})`,
      value: identity.medianMs,
      unit: 'ms',
      baseline: `host page received at ${Math.round(identity.steps.host_document)} ms`,
      target: `≤ ${IDENTITY_TARGET_MS} ms`,
      met: identity.medianMs <= IDENTITY_TARGET_MS,
      command: 'pnpm bench (step 6)',
    },
    {
      key: 'time_to_identity_ms_p90',
      figure: 'the same, 90th percentile',
      value: identity.p90Ms,
      unit: 'ms',
      baseline: '—',
      target: 'reported',
      met: undefined,
      command: 'pnpm bench (step 6)',
    },
    {
      key: 'preflights_per_load',
      figure: "CORS preflights per load (from the app frame's DevTools network events)",
      value: identity.preflightsPerLoad,
      unit: '',
      baseline: '—',
      target: 'reported',
      met: undefined,
      command: 'pnpm bench (step 6)',
    },
    {
      key: 'iframe_initial_js_gzip_kb',
      figure: `iframe start-up JS, gzip (entry and the chunks it loads at once: ${m.bundle.files.length} files)`,
      value: m.bundle.gzipKb,
      unit: 'KB',
      baseline: '—',
      target: `≤ ${INITIAL_JS_BUDGET_KB} KB (test: e2e/tests/bundle.spec.ts)`,
      met: m.bundle.gzipKb <= INITIAL_JS_BUDGET_KB,
      command: 'pnpm bench (step 5); pnpm test:e2e',
    },
  ];
  if (m.postgres) {
    const pgHealth = row(m.postgres, 'health');
    const rows: (readonly [string, string, string])[] = [
      ['api_ready_ratio_postgres', 'ready_postgres', '`GET /api/ready` on PostgreSQL'],
      // demo:start
      ['notes_list_ratio_postgres', 'notes_postgres_list', '`GET /api/notes` on PostgreSQL'],
      ['notes_create_ratio_postgres', 'notes_postgres_create', '`POST /api/notes` on PostgreSQL'],
      // demo:end
    ];
    for (const [key, name, figure] of rows) {
      const r = row(m.postgres, name);
      list.push({
        key,
        figure: `${figure}: ${rps(r)}, p99 ${r.p99Ms} ms, non-2xx ${r.non2xx}`,
        value: r.ratio ?? Number.NaN,
        unit: '×',
        baseline: `/api/health ${rps(pgHealth)} (same API)`,
        target: 'reported',
        met: undefined,
        command: 'DATABASE_URL=… pnpm bench (step 3)',
      });
    }
  }
  return list;
}

export function machine() {
  return {
    cores: availableParallelism(),
    memory_gib: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    load_average_1m: round(loadavg()[0] ?? 0),
  };
}

const status = (met: boolean | undefined) =>
  met === undefined ? '—' : met ? '**met**' : '**not met**';

function markdown(
  m: Measurements,
  list: Figure[],
  meta: ReturnType<typeof machine>,
  date: string,
  seconds: number,
  before: IdentityBaseline | undefined,
): string {
  const { identity } = m;
  const figureRows = list.map(
    (f) =>
      `| \`${f.key}\` | ${f.figure} | **${f.value}${f.unit ? ` ${f.unit}` : ''}** | ${f.baseline} | ${f.target} | ${status(f.met)} | ${f.command} |`,
  );
  const apiRows = [...m.api, ...(m.postgres ?? [])].map(
    (r) =>
      `| ${r.name} | ${r.requestsPerSec} | ${r.ratio === undefined ? 'baseline' : `${r.ratio}×`} | ${r.p50Ms} | ${r.p99Ms} | ${r.non2xx} | ${r.errors} | ${r.requests} |`,
  );
  let previous = 0;
  const ms = (value: number | undefined) =>
    value === undefined || Number.isNaN(value) ? '—' : String(Math.round(value));
  const stepRows = STEPS.map(([step, label]) => {
    const at = identity.steps[step];
    const was = before ? ` ${ms(before.steps[step])} |` : '';
    // A step that starts before the latest one above it runs beside it, not after it.
    const since = at < previous ? 'in parallel' : `+${ms(at - previous)}`;
    const line = `| ${label} |${was} ${ms(at)} | ${since} |`;
    if (!Number.isNaN(at)) previous = Math.max(previous, at);
    return line;
  });
  const stepHeader = before
    ? `| step | before: ${before.commit}, ${before.date.slice(0, 10)} | this run | since the step before |
| --- | --- | --- | --- |`
    : `| step | ms from opening the host page | since the step before |
| --- | --- | --- |`;
  const beforeLine = before
    ? `Before: median ${before.medianMs} ms (p90 ${before.p90Ms} ms) over ${before.loads} loads of commit
\`${before.commit}\`, kept in [\`bench/identity-baseline.json\`](../bench/identity-baseline.json)
(\`pnpm bench -- --save-identity-baseline\` keeps the last run as the baseline). This run: median
${identity.medianMs} ms (p90 ${identity.p90Ms} ms)${m.commit ? ` at \`${m.commit}\`` : ''}. Times in ms from opening the host page; a
step missing from a run shows —.

`
    : '';
  const verifierRows = m.verifier.targets.map(
    (t) => `| ${t.name} | ${t.ratio}× | ≥ ${t.min}× | ${status(t.met)} |`,
  );
  return `# Benchmarks

Generated by \`pnpm bench\` (after \`pnpm build\`) on ${date}: ${meta.cores} cores (${meta.cpu}),
${meta.memory_gib} GiB, Node ${meta.node}, 1-minute load average ${meta.load_average_1m} at the end.
The whole run took ${Math.round(seconds)} s. Raw figures: [\`bench/results.json\`](../bench/results.json).
\`pnpm bench -- --report-only\` renders this page again from the last run's measurements.

Every API figure is a ratio to a baseline measured in the same run, in interleaved rounds (each
scenario once per round, in a new random order; one warm-up round unreported; the median of the
per-round ratios), so a slow spell on a shared machine lands on both sides. Absolute requests/s
say more about the machine than about the code: \`next start\` itself is the ceiling.

![Time to identity waterfall and API ratios](benchmarks.svg)

## Figures

| key | what | measured | baseline | target | | command |
| --- | --- | --- | --- | --- | --- | --- |
${figureRows.join('\n')}

## API rows

\`next start\` from the production build, on 127.0.0.1, with the production settings of the
browser tests pointed at the bench's own JWKS server (two RS256 keys, tokens for 12 staff
members in 3 businesses). autocannon, 10 connections, 6 rounds; every scenario runs
${ROUND_SEC} s per round, the new-token row included (each of its requests carries a token the
API has never seen, signed beforehand, enough for any rate \`next start\` reaches here).

| scenario | req/s | ratio | p50 ms | p99 ms | non-2xx | errors | requests |
| --- | --- | --- | --- | --- | --- | --- | --- |
${apiRows.join('\n')}

- \`me_missing_token\` answers 401 by design (its non-2xx count is every request): our code's
  cost before any verification, the second baseline for \`/api/me\`.
- \`cors_preflight\` is the CORS layer alone: since CORS moved from \`proxy.ts\` into each route
  (\`withCors\`, an \`OPTIONS\` export), a route without CORS, like \`/api/health\`, runs none of it,
  and a route with it pays for a few header writes. The preflight route handler is the whole of
  it, compared here with the bare liveness route.
- \`ready\` (and the demo's notes rows) ran on the API's embedded database${m.postgres ? "; the `*_postgres*` rows on the PostgreSQL server of `DATABASE_URL`, against that API's own `/api/health`" : ' (set `DATABASE_URL` to add rows against a PostgreSQL server)'}.

## Storms and faults

- **Unknown-kid storm**: an API with production defaults (30 s refetch cooldown) whose key set
  is loaded and whose cooldown has passed gets ${m.faults.storm.requests} concurrent \`/api/me\`
  requests, each with its own random kid that no published key has.
- **Rotation** (refetch cooldown 1 s, the shortest production accepts, as in the browser
  tests): new tokens for 4 s; half-way, the JWKS server publishes a third key and the tokens
  switch to it, as the platform rotates (publish, then sign).
- **Outage** (cooldown 1 s, keys fresh for 1 s): new tokens for 4 s; after 1 s the JWKS server
  answers 503 to everything. The verifier retries once per cooldown and keeps verifying with its
  cached keys (\`maxStaleMs\`, 1 h by default).

## Time to identity

Chromium (\`/usr/bin/chromium\`, the browser tests' flags) on the three production builds on
their usual ports, started as \`pnpm start\` does, one unreported warm-up load, then
${identity.loads} loads each in a fresh browser context. Steps come from the two documents'
navigation timing and the performance marks of the app (\`apps/iframe/src/timing.ts\`) and of the
host page (\`apps/mock-host/src/page/timing.ts\`); medians per step:

${beforeLine}${stepHeader}
${stepRows.join('\n')}

Samples (ms): ${identity.samples.join(', ')}.

## The verifier

\`pnpm --filter @partner/auth bench\` (details in
[packages/auth/README.md](../packages/auth/README.md#benchmark)); ${m.verifier.uniqueOpsPerSec.toLocaleString('en-US')}
new tokens/s verified in one process.

| comparison | ratio | target | |
| --- | --- | --- | --- |
${verifierRows.join('\n')}
${notes(m)}`;
}

/** What the numbers mean, above all where a target is not met; kept with the generator. */
function notes(m: Measurements): string {
  const { steps, medianMs } = m.identity;
  const hostPart = Math.round(steps.iframe_navigation);
  const appPart = Math.round(steps.identity - steps.iframe_navigation);
  const span = (from: number, to: number) => Math.max(0, Math.round(to - from));
  return `
## Reading the results

- **Time to identity** (median ${medianMs} ms; target ${IDENTITY_TARGET_MS} ms). ${hostPart} ms pass
  before the app's frame starts navigating: the platform's side (the host page's document; the
  frame's \`src\` is in its markup, so the frame starts while the host's own script still loads)
  and the browser starting a renderer process for the cross-site frame. The app's own part, from
  its navigation to the uid on screen, is ${appPart} ms: its document
  (${span(steps.iframe_navigation, steps.iframe_document)} ms), its entry script and the chunks it
  imports, fetched and compiled in a fresh renderer while the host page compiles its own script on
  the same 2 cores (${span(steps.iframe_document, steps.app_script)} ms, the longest step), the
  SDK handshake (${span(steps.app_script, steps.sdk_init)} ms), the token
  (${span(steps.sdk_init, steps.token)} ms: the host page asks the platform's server to sign one
  and posts it as soon as it holds it), \`/api/me\` (${span(steps.token, steps.me)} ms: a CORS
  preflight, then the verified request) and the identity painted with the DOM alone
  (${span(steps.me, steps.identity)} ms; React mounts after it).
- **What was changed for it.** The app's entry (\`apps/iframe/src/main.tsx\`) no longer waits for
  React: it starts the handshake and the first \`/api/me\` at once while the UI chunk (React,
  SWR, the app), preloaded from \`index.html\`, downloads and compiles; SWR reuses that request.
  Measured A/B on this machine on 2026-12-01, the two builds alternating, 20 fresh-context loads each: median
  939 → 865 ms with the split alone, then 699 → 674 ms with the preload added (the machine's load
  moved between the two pairs; compare within a pair). The entry's script ran 50–110 ms earlier.
  Then the mock platform stopped adding delays a partner cannot remove: it frames the app from
  its markup instead of after fetching its state, and posts the token as soon as it holds it
  (the "before" column).
- **Why ${IDENTITY_TARGET_MS} ms is not met here, and what would meet it.** No step idles on another
  that it could overlap any more: the token needs the handshake, \`/api/me\` needs the token, and
  the first paint needs only the answer. What remains is CPU on 2 cores: a fresh browser context
  pays a new renderer process and a cold compile of the start-up chunks on every load (the UI
  chunk, preloaded, compiles beside the entry), while the host page compiles its own script; and
  the platform's part, which the real platform, not this starter, controls. A warm, reused browser
  context or more cores shorten exactly these steps; a fresh context per load on 2 cores, as measured here, is
  the worst case. \`pnpm bench\` reports both parts so the difference shows.
- **Preflights** (${m.identity.preflightsPerLoad} per load): \`/api/me\` and the next route the app calls
  each need one, because the \`Authorization\` header makes every call non-simple and a preflight is cached
  per URL. Only the first is on the way to identity, and \`Access-Control-Max-Age: 600\` spares
  them on later loads in the same browser; a fresh context always pays. Avoiding them would mean
  sending the token outside \`Authorization\`, which the contract (RFC 6750 bearer tokens) keeps.
- **CORS** (\`api_cors_ratio\` ${ratio(m, 'cors_preflight')}×). There is no layer in front of every
  route any more (the \`proxy.ts\` that cost ~25%): a route without CORS runs none of it, and the
  preflight handler, the CORS layer alone, answers at least as fast as the bare route (its 204
  has no body).
- **\`/api/me\`** (${ratio(m, 'me_same_token')}× with a reused token, ${ratio(m, 'me_new_tokens')}× with new
  tokens; targets 0.95× and 0.85×). Per request that is ${extraMs(m, 'me_same_token')} ms and
  ${extraMs(m, 'me_new_tokens')} ms more than \`/api/health\` (${perRequestMs(m)} ms a request). Two things make
  the ratio lower than the issue's 0.99×/0.95×: the baseline got faster (the proxy's cost was
  in both sides of the old ratio and is gone), and the load generator shares this machine's 2
  cores with \`next start\`. The \`me_missing_token\` row separates our code's fixed cost from
  the verifier's: a request refused before any verification (the wrappers, a JSON error, the
  CORS and \`WWW-Authenticate\` headers) runs ${ratio(m, 'me_missing_token')}× the baseline, and the
  reused-token row runs ${round(ratio(m, 'me_same_token') / ratio(m, 'me_missing_token'))}× of that:
  a verified-token cache hit costs about a microsecond (the verifier's repeated-token row), so
  where that second figure is near 1, the gap is Next answering a route that does more than return a constant (the preflight
  row, a 204 without a body at ${ratio(m, 'cors_preflight')}×, shows how much the answer alone
  weighs). A new token adds
  one RSA verification (${round(1000 / m.verifier.uniqueOpsPerSec, 2)} ms of CPU at the verifier bench's
  ${m.verifier.uniqueOpsPerSec.toLocaleString('en-US')}/s); the rest of the measured gap is likely
  waiting: jose verifies on libuv's thread pool, which on 2 cores shared with the load generator
  and other work waits for a core. This run does not break that down further. What would meet the targets as stated: the load generator on other
  cores than the server (then the verification runs beside Next rather than in its place), or
  targets restated as milliseconds per request rather than a ratio to a route that does nothing.
- **Noise.** On 2 cores shared by the server, the load generator and the browser, requests/s
  move by tens of percent from one second to the next. Interleaving keeps the ratios usable,
  but differences of a few hundredths are not findings, and a ratio above 1 means "no cost
  measurable", not that a route outruns the bare one.
`;
}

function ratio(m: Measurements, name: string): number {
  return row(m.api, name).ratio ?? Number.NaN;
}

/** The baseline's time per request, from its median requests/s. */
function perRequestMs(m: Measurements): number {
  return round(1000 / row(m.api, 'health').requestsPerSec, 2);
}

/** What a row adds per request to the baseline, from its ratio. */
function extraMs(m: Measurements, name: string): number {
  const base = 1000 / row(m.api, 'health').requestsPerSec;
  return round(base / ratio(m, name) - base, 2);
}

export async function writeReport(m: Measurements) {
  const { date, machine: meta, seconds } = m;
  const list = figures(m);
  const before = await readBaseline();
  const results = {
    ...Object.fromEntries(list.map((f) => [f.key, f.value])),
    machine: meta,
    date,
    targets_met: Object.fromEntries(
      list.filter((f) => f.met !== undefined).map((f) => [f.key, f.met]),
    ),
    api_rows: [...m.api, ...(m.postgres ?? [])],
    faults: m.faults,
    time_to_identity_steps_ms: m.identity.steps,
    time_to_identity_samples_ms: m.identity.samples,
    ...(before
      ? {
          time_to_identity_before: {
            commit: before.commit,
            date: before.date,
            median_ms: before.medianMs,
            p90_ms: before.p90Ms,
            steps_ms: before.steps,
          },
        }
      : {}),
    verifier_targets: m.verifier.targets,
    duration_sec: Math.round(seconds),
  };
  const files = ['bench/results.json', 'docs/BENCHMARKS.md', 'docs/benchmarks.svg'];
  const health = row(m.api, 'health');
  const chart = chartSvg({
    steps: m.identity.steps,
    identityMedianMs: m.identity.medianMs,
    identityTargetMs: IDENTITY_TARGET_MS,
    ratios: [
      {
        label: 'GET /api/me, reused token',
        ratio: row(m.api, 'me_same_token').ratio ?? 0,
        target: 0.95,
      },
      {
        label: 'GET /api/me, new tokens',
        ratio: row(m.api, 'me_new_tokens').ratio ?? 0,
        target: 0.85,
      },
      { label: 'CORS preflight', ratio: row(m.api, 'cors_preflight').ratio ?? 0, target: 0.9 },
      // demo:start
      { label: 'GET /api/notes', ratio: row(m.api, 'notes_list').ratio ?? 0 },
      { label: 'POST /api/notes', ratio: row(m.api, 'notes_create').ratio ?? 0 },
      // demo:end
    ],
    caption: `pnpm bench, ${date.slice(0, 10)}, ${meta.cores} cores, Node ${meta.node}; /api/health ${health.requestsPerSec} req/s = 1×`,
  });
  await writeFile(new URL('bench/results.json', ROOT), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(
    new URL('docs/BENCHMARKS.md', ROOT),
    markdown(m, list, meta, date, seconds, before),
  );
  await writeFile(new URL('docs/benchmarks.svg', ROOT), chart);
  // In the repository's own format, so committing a run's files keeps `biome ci` green.
  const formatted = [...files.slice(0, 2), ...(before ? ['bench/identity-baseline.json'] : [])];
  execFileSync('pnpm', ['exec', 'biome', 'format', '--write', ...formatted], {
    cwd: fileURLToPath(ROOT),
    stdio: 'ignore',
  });
  return {
    files,
    seconds: Math.round(seconds),
    table: [
      ...list.map((f) => ({
        figure: f.key,
        value: f.value,
        target: f.target,
        met: status(f.met).replace(/\*/g, ''),
      })),
      // The verifier's own targets, restated beside the system's.
      ...m.verifier.targets.map((t) => ({
        figure: `verifier: ${t.name}`,
        value: t.ratio,
        target: `≥ ${t.min}×`,
        met: status(t.met).replace(/\*/g, ''),
      })),
    ],
  };
}
