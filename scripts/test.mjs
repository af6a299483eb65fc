#!/usr/bin/env node
// Runs every check in order and ends with one line summing all test suites:
//   N passed, N failed, N skipped
// Exits non-zero when a step fails, a test fails, or no test ran.
// `--unit` (pnpm test:unit) runs the unit tests only, with the same PostgreSQL; any further
// arguments go to Vitest (e.g. a path to filter on).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const unitOnly = process.argv.includes('--unit');
const vitestArgs = process.argv.slice(2).filter((arg) => arg !== '--unit');
const reports = new URL('../reports/', import.meta.url);
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

function run(title, command, args) {
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  if (status !== 0) console.error(`✖ ${title} failed (exit ${status})`);
  return status === 0;
}

function readJson(name) {
  try {
    return JSON.parse(readFileSync(new URL(name, reports), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Vitest's JSON reporter follows Jest's shape. */
function vitestCounts(report) {
  if (!report) return undefined;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0),
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function playwrightCounts(report) {
  if (!report) return undefined;
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats ?? {};
  return { passed: expected + flaky, failed: unexpected, skipped };
}

/**
 * The database suites need a real PostgreSQL server: `TEST_DATABASE_URL` when set, else a
 * throw-away cluster started here and stopped on exit. Neither available is a failure, not a skip.
 */
function testDatabase() {
  if (process.env.TEST_DATABASE_URL) return true;
  const script = fileURLToPath(new URL('./test-postgres.sh', import.meta.url));
  const started = spawnSync(script, ['start'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (started.status !== 0) {
    console.error(
      '✖ No PostgreSQL server for the database tests. Install the server binaries ' +
        '(Debian/Ubuntu: apt-get install postgresql) or set TEST_DATABASE_URL to a server you own.',
    );
    return false;
  }
  const folder = started.stdout.trim();
  process.env.TEST_DATABASE_URL = readFileSync(`${folder}/url`, 'utf8').trim();
  console.log(`\n▶ PostgreSQL for the tests: ${process.env.TEST_DATABASE_URL}`);
  process.on('exit', () => spawnSync(script, ['stop', folder], { stdio: 'inherit' }));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
  return true;
}

const total = { passed: 0, failed: 0, skipped: 0 };
const add = (counts) => {
  for (const key of Object.keys(total)) total[key] += counts?.[key] ?? 0;
};
let ok = true;

const gate = (title, command, args) => {
  if (ok && !run(title, command, args)) ok = false;
};

if (!testDatabase()) ok = false;
if (!unitOnly) {
  gate('typecheck', 'pnpm', ['-r', '--no-bail', 'typecheck']);
  gate('lint and format', 'pnpm', ['exec', 'biome', 'ci', '.']);
}
if (ok) {
  const unitOk = run('unit tests', 'pnpm', [
    'exec',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=reports/vitest.json',
    ...vitestArgs,
  ]);
  const unit = vitestCounts(readJson('vitest.json'));
  add(unit);
  if (!unitOk && !unit?.failed) total.failed += 1; // the run broke before reporting
  ok &&= unitOk;
}
if (!unitOnly) gate('production builds', 'pnpm', ['build']);
if (ok && !unitOnly) {
  const e2eOk = run('end-to-end tests', 'pnpm', ['--filter', '@partner/e2e', 'test']);
  const e2e = playwrightCounts(readJson('playwright.json'));
  add(e2e);
  if (!e2eOk && !e2e?.failed) total.failed += 1;
  ok &&= e2eOk;
}
if (!ok && total.failed === 0) total.failed = 1; // a gate failed: count it so the line says so

const ran = total.passed + total.failed;
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
if (!ok || total.failed > 0 || ran === 0) {
  if (ran === 0) console.error('No test ran.');
  process.exit(1);
}
