import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startServer } from '@partner/test-kit/http';
import { JWKS_PATH, startJwksServer } from '@partner/test-kit/jwks-server';
import { refusedUrl } from '@partner/test-kit/ports';
import { PRODUCTION_ENV } from './support/api-server.ts';
import { expect, test } from './support/fixtures.ts';
import { API, APP, LOCAL_APPS, PLATFORM } from './support/urls.ts';

// `pnpm run doctor` as a real process against the suite's production apps (mock platform, API,
// iframe app), then against deliberately broken set-ups, each of which must show its ✗.

const TSX = fileURLToPath(new URL('../../packages/cli/node_modules/.bin/tsx', import.meta.url));
const DOCTOR = fileURLToPath(new URL('../../packages/cli/src/doctor.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const APP_HTML = fileURLToPath(new URL('../../apps/iframe/dist/index.html', import.meta.url));
const TARGETS = ['--api', API, '--app', APP, '--host-origin', PLATFORM];

interface DoctorRun {
  code: number | null;
  stdout: string;
  passed: string[];
  failed: string[];
}

/**
 * Runs the doctor with exactly `env` (plus PATH): nothing from the machine running the suite;
 * `stdin` is what a user would paste for `--token -`.
 */
function doctor(argv: string[], env: Record<string, string>, stdin = ''): Promise<DoctorRun> {
  const child = spawn(TSX, [DOCTOR, ...argv], {
    // Route files are named from where the doctor starts: the repository's root, as pnpm runs it.
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  child.stdin.end(stdin);
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => process.stderr.write(chunk));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      const lines = stdout.split('\n');
      resolve({
        code,
        stdout,
        passed: lines.filter((line) => line.startsWith('✓ ')),
        failed: lines.filter((line) => line.startsWith('✗ ')),
      });
    }),
  );
}

/** Servers a test started, closed after it. */
const closers: (() => Promise<void>)[] = [];
test.afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** The built iframe app served from another origin with `headers` (and no CSP unless given). */
async function serveApp(headers: Record<string, string> = {}): Promise<string> {
  const html = await readFile(APP_HTML);
  const server = await startServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', ...headers });
    response.end(html);
  });
  closers.push(server.close);
  return server.origin;
}

test.describe('pnpm run doctor against pnpm start', () => {
  test('production settings of the local demo: every check ✓, exit 0', async () => {
    const run = await doctor(TARGETS, PRODUCTION_ENV);
    expect(run.failed).toEqual([]);
    expect(run.passed.length).toBeGreaterThanOrEqual(13);
    expect(run.stdout).toContain('code name "demo-app" in the local production demo');
    expect(run.stdout).toContain('the local platform mints tokens for "demo-app"');
    expect(run.code).toBe(0);
  });

  test('--token - with a token the platform issued: ✓ token and the inspector report, exit 0', async ({
    platform,
  }) => {
    const token = await platform.issueToken();
    const run = await doctor([...TARGETS, '--token', '-'], PRODUCTION_ENV, token);
    expect(run.failed).toEqual([]);
    expect(run.passed).toContainEqual(
      expect.stringMatching(/^✓ token +the API would accept this token$/),
    );
    expect(run.stdout).toContain('signature');
    // The report is the inspector's: decoded claims, never the signature itself.
    expect(run.stdout).not.toContain(token.split('.')[2]);
    expect(run.code).toBe(0);
  });

  test('INTANDEM_TOKEN with an expired token: ✗ token with the code the API would answer, exit 1', async ({
    platform,
  }) => {
    const expired = await platform.mintToken({ ttlSec: -120 });
    const run = await doctor(TARGETS, { ...PRODUCTION_ENV, INTANDEM_TOKEN: expired });
    expect(run.failed).toEqual([
      expect.stringMatching(/^✗ token +the API would refuse this token: 401 token_expired → /),
    ]);
    expect(run.code).toBe(1);
  });

  test('no settings at all (the development defaults are the demo): every check ✓, exit 0', async () => {
    // NODE_ENV=development is what `pnpm run doctor` sets when it is unset.
    const run = await doctor([], { NODE_ENV: 'development' });
    expect(run.failed).toEqual([]);
    expect(run.code).toBe(0);
  });
});

test.describe('broken set-ups: each shows its ✗ and exits 1', () => {
  test('wrong audience: the API expects another code name than the platform mints', async () => {
    const run = await doctor(TARGETS, { ...PRODUCTION_ENV, INTANDEM_APP_CODE_NAME: 'acme-notes' });
    expect(run.failed).toEqual([
      expect.stringMatching(
        /^✗ consistency +the local platform mints tokens for "demo-app" but INTANDEM_APP_CODE_NAME is "acme-notes".* → /,
      ),
    ]);
    expect(run.code).toBe(1);
  });

  test('iframe origin missing from CORS: the app served from an origin the API does not list', async () => {
    const app = await serveApp({ 'content-security-policy': `frame-ancestors ${PLATFORM}` });
    const run = await doctor(
      ['--api', API, '--app', app, '--host-origin', PLATFORM],
      PRODUCTION_ENV,
    );
    expect(run.failed).toEqual([
      expect.stringMatching(
        new RegExp(
          `^✗ API +CORS preflight from ${app} is refused → add ${app} to the API's CORS_ALLOWED_ORIGINS`,
        ),
      ),
      expect.stringMatching(
        new RegExp(`^✗ consistency +the app's origin ${app} is not in CORS_ALLOWED_ORIGINS`),
      ),
    ]);
    expect(run.code).toBe(1);
  });

  test('no frame-ancestors: the app served without the header', async () => {
    const app = await serveApp();
    const env = { ...PRODUCTION_ENV, CORS_ALLOWED_ORIGINS: `${APP},${app}` };
    const run = await doctor(['--api', API, '--app', app, '--host-origin', PLATFORM], env);
    expect(run.failed).toContainEqual(
      expect.stringMatching(
        /^✗ app +no CSP frame-ancestors: any site can frame the app \(clickjacking\) → /,
      ),
    );
    expect(run.failed).toContainEqual(
      expect.stringMatching(/^✗ consistency +the app sends no frame-ancestors/),
    );
    expect(run.code).toBe(1);
  });

  test('JWKS down: nothing listens at INTANDEM_JWKS_URL', async () => {
    const jwks = await refusedUrl(JWKS_PATH);
    const run = await doctor(TARGETS, { ...PRODUCTION_ENV, INTANDEM_JWKS_URL: jwks });
    expect(run.failed).toEqual([
      expect.stringMatching(
        /^✗ JWKS +The JWKS endpoint could not be reached\. → check INTANDEM_JWKS_URL/,
      ),
    ]);
    expect(run.code).toBe(1);
  });

  test('clock skew: a JWKS server whose Date header is 10 minutes off', async () => {
    // The platform's own keys, served with a clock 10 minutes fast.
    const keys = await (await fetch(LOCAL_APPS.jwksUrl)).json();
    const jwks = await startJwksServer({ body: keys, now: () => Date.now() + 10 * 60_000 });
    closers.push(jwks.close);
    const run = await doctor(TARGETS, { ...PRODUCTION_ENV, INTANDEM_JWKS_URL: jwks.url });
    expect(run.failed).toEqual([
      expect.stringMatching(
        /^✗ JWKS +the platform's clock is \d+ s ahead of this machine's \(tolerance 5 s\) → sync/,
      ),
    ]);
    // The doctor estimates the skew from a Date header of one-second resolution, stamped between
    // sending and receiving: within 0.5 s plus half the round trip of the 600 s set here, not
    // always exactly 600, which a one-second rounding can miss. The unit tests inject the clock.
    const estimate = Number(/clock is (\d+) s ahead/.exec(run.failed[0] ?? '')?.[1]);
    expect(estimate).toBeGreaterThanOrEqual(595);
    expect(estimate).toBeLessThanOrEqual(605);
    expect(run.code).toBe(1);
  });
});
