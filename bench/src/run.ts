/**
 * `pnpm bench`: the whole system measured, each figure against a baseline taken in the same run.
 * Needs the production builds (`pnpm build` first). Writes bench/results.json,
 * docs/BENCHMARKS.md and docs/benchmarks.svg. Benchmarks report; they never fail a build.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { initialJs } from '@partner/e2e/bundle';
import { startJwksServer } from '@partner/test-kit/jwks-server';
import { createSigningKey } from '@partner/test-kit/keys';
import { benchApi, benchOnDatabase, NEW_TOKENS_NEEDED, type Row } from './api.ts';
import { baselineOf, currentCommit, saveBaseline } from './baseline.ts';
import { benchFaults, prepareStorm } from './faults.ts';
import { benchIdentity } from './identity.ts';
import { signTokens, staffMembers } from './platform.ts';
import { type Measurements, machine, writeReport } from './report.ts';
import { missingBuilds, startProductionApps } from './servers.ts';
import { benchVerifier } from './verifier.ts';

const IDENTITY_LOADS = 20;
/** Every measurement of the last run (reports/ is not committed). */
const MEASUREMENTS = new URL('../../reports/bench-measurements.json', import.meta.url);
const STEPS = 7;
const started = performance.now();
const commit = currentCommit();

function step(n: number, title: string): (line: string) => void {
  const stamp = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;
  console.log(`${stamp()}  [${n}/${STEPS}] ${title}`);
  return (line) => console.log(`${stamp()}        ${line}`);
}

// `--report-only` renders the docs again from the last run's measurements (to change wording);
// `--save-identity-baseline` first keeps that run's time to identity as the "before" column.
const saveIdentityBaseline = process.argv.includes('--save-identity-baseline');
if (process.argv.includes('--report-only') || saveIdentityBaseline) {
  const last = JSON.parse(await readFile(MEASUREMENTS, 'utf8')) as Measurements;
  if (saveIdentityBaseline) {
    await saveBaseline(baselineOf(last.identity, last.date, last.commit ?? 'unknown'));
    console.log(`Kept the run of ${last.date} (${last.commit ?? 'unknown'}) as the baseline.`);
  }
  const written = await writeReport(last);
  console.table(written.table);
  console.log(`Wrote ${written.files.join(', ')} from ${fileURLToPath(MEASUREMENTS)}.`);
  process.exit(0);
}

const missing = missingBuilds();
if (missing.length > 0) {
  console.error(
    `pnpm bench measures the production builds: run \`pnpm build\` first (missing: ${missing.join(', ')}).`,
  );
  process.exit(1);
}

let log = step(1, 'keys, JWKS server, tokens');
const keys = [await createSigningKey(), await createSigningKey()];
const jwks = await startJwksServer({ keys: keys.map((key) => key.jwk) });
const staff = staffMembers(12, 3);
log(`signing ${NEW_TOKENS_NEEDED} tokens for 12 staff members in 3 businesses, with 2 keys`);
const tokens = await signTokens(NEW_TOKENS_NEEDED, keys, staff);
const stormApi = await prepareStorm(jwks, tokens[0] ?? '');

try {
  log = step(2, 'API throughput through next start (autocannon, 10 connections)');
  const api = await benchApi({ jwks, keys, log }, staff, tokens);

  let postgres: Row[] | undefined;
  const databaseUrl = process.env.DATABASE_URL;
  log = step(3, 'the database on PostgreSQL (DATABASE_URL)');
  if (databaseUrl) postgres = await benchOnDatabase({ jwks, keys, log }, databaseUrl);
  else log('skipped: DATABASE_URL is not set (the database rows above ran on the embedded one)');

  log = step(4, 'storms and faults through the running API');
  const faults = await benchFaults({ jwks, keys, staff, tokens, log }, stormApi);

  log = step(5, 'iframe bundle');
  const bundle = await initialJs();
  log(`${bundle.gzipKb} KB gzip of initial JS`);

  log = step(6, `time to identity in Chromium (${IDENTITY_LOADS} fresh contexts)`);
  const apps = await startProductionApps();
  let identity: Measurements['identity'];
  try {
    identity = await benchIdentity(IDENTITY_LOADS, log);
  } finally {
    await apps.stop();
  }

  log = step(7, 'the verifier (packages/auth bench)');
  const verifier = await benchVerifier(log);

  const measurements: Measurements = {
    date: new Date().toISOString(),
    commit,
    machine: machine(),
    seconds: (performance.now() - started) / 1000,
    api,
    postgres,
    faults,
    bundle,
    identity,
    verifier,
  };
  await mkdir(new URL('.', MEASUREMENTS), { recursive: true });
  await writeFile(MEASUREMENTS, `${JSON.stringify(measurements, null, 2)}\n`);
  const written = await writeReport(measurements);
  console.log('');
  console.table(written.table);
  console.log(`Wrote ${written.files.join(', ')} in ${written.seconds} s.`);
} finally {
  // Stopped by the storm step already, unless an earlier step failed.
  await stormApi.api.stop();
  await jwks.close();
}
