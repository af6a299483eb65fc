import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { JWKS_PATH, startJwksServer } from '@partner/test-kit/jwks-server';
import { createSigningKey, signStaffToken } from '@partner/test-kit/keys';
import { refusedUrl } from '@partner/test-kit/ports';
import { describe, expect, it } from 'vitest';
import { closeServersAfterEach, startApiStandIn, startAppServer } from './support/http-server.ts';
import { HOSTILE_KID, unsafeCharacters } from './support/unsafe-characters.ts';

const started = closeServersAfterEach();

describe('pnpm doctor as a process', () => {
  const cli = fileURLToPath(new URL('../src/doctor.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

  function run(argv: string[], env: Record<string, string>, stdin = '') {
    const child = spawn(tsx, [cli, ...argv], {
      // Route files are named from where the doctor starts: the repository's root, as pnpm runs it.
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      // Only what the test names: no NODE_ENV or settings from the machine running the tests.
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdin.end(stdin);
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      child.on('close', (code) => resolve({ code, stdout, stderr })),
    );
  }

  async function healthyDeployment() {
    const key = await createSigningKey();
    const jwks = await started(startJwksServer({ keys: [key.jwk] }));
    const app = await started(
      startAppServer({ 'content-security-policy': 'frame-ancestors http://localhost:4000' }),
    );
    const api = await started(startApiStandIn({ allowedOrigins: [app.origin] }));
    const env = { INTANDEM_JWKS_URL: jwks.url, CORS_ALLOWED_ORIGINS: app.origin };
    return { key, argv: ['--api', api.origin, '--app', app.origin], env };
  }

  it('prints one ✓ line per check and exits 0 when all pass', async () => {
    const { argv, env } = await healthyDeployment();
    const { code, stdout } = await run(argv, env);
    const checks = stdout.split('\n').filter((line) => /^[✓✗] /.test(line));
    expect(checks.length).toBeGreaterThanOrEqual(12);
    expect(checks.filter((line) => line.startsWith('✗'))).toEqual([]);
    expect(stdout).toMatch(/All \d+ checks passed\./);
    expect(code).toBe(0);
  });

  it('exits 1 with the ✗ and its fix when the JWKS is down', async () => {
    const { argv, env } = await healthyDeployment();
    const { code, stdout } = await run(argv, {
      ...env,
      INTANDEM_JWKS_URL: await refusedUrl(JWKS_PATH),
    });
    const crosses = stdout.split('\n').filter((line) => line.startsWith('✗'));
    expect(crosses).toEqual([
      expect.stringMatching(/^✗ JWKS +The JWKS endpoint could not be reached\. → /),
    ]);
    expect(code).toBe(1);
  });

  it("exits 1 naming the API's route file whose preflight lacks the grant", async () => {
    const { argv, env } = await healthyDeployment();
    const app = argv[3] ?? '';
    const api = await started(
      startApiStandIn({ allowedOrigins: [app], preflights: { '/api/health': {} } }),
    );
    const { code, stdout } = await run(['--api', api.origin, '--app', app], env);
    const crosses = stdout.split('\n').filter((line) => line.startsWith('✗'));
    expect(crosses).toEqual([
      expect.stringMatching(
        /^✗ API +CORS preflight of apps\/api\/src\/app\/api\/health\/route\.ts \(OPTIONS \/api\/health\) from http:\/\/127\.0\.0\.1:\d+ lacks Access-Control-Allow-Origin, GET in Access-Control-Allow-Methods, Authorization in Access-Control-Allow-Headers/,
      ),
    ]);
    expect(code).toBe(1);
  });

  it('exits 1 naming each invalid setting the API would refuse to start with', async () => {
    const { argv, env } = await healthyDeployment();
    const { code, stdout } = await run([...argv, '--host-origin', 'http://localhost:4000'], {
      ...env,
      NODE_ENV: 'production',
    });
    expect(stdout).toContain('✗ settings');
    expect(stdout).toContain('INTANDEM_APP_CODE_NAME is required when NODE_ENV=production.');
    expect(code).toBe(1);
  });

  it('--token -: escapes the control characters of a hostile kid in the report', async () => {
    const { key, argv, env } = await healthyDeployment();
    const hostile = await signStaffToken(key, {}, { header: { kid: HOSTILE_KID } });
    const { code, stdout } = await run([...argv, '--token', '-'], env, hostile);
    expect(stdout).toMatch(/^✗ token +the API would refuse this token: 401 unknown_key → /m);
    expect(unsafeCharacters(stdout)).toEqual([]);
    expect(stdout).toContain('\\u001b[2J\\u001b]52;c;cHduZWQ=\\u0007\\u009b32m');
    expect(code).toBe(1);
  });

  it('judges the token in INTANDEM_TOKEN', async () => {
    const { key, argv, env } = await healthyDeployment();
    const good = await signStaffToken(key);
    const { code, stdout } = await run(argv, { ...env, INTANDEM_TOKEN: good });
    expect(stdout).toMatch(/^✓ token +the API would accept this token$/m);
    expect(code).toBe(0);
  });

  it('refuses a token on the command line (exit 2) without printing it, saying how to pass it', async () => {
    const { key, argv, env } = await healthyDeployment();
    const good = await signStaffToken(key);
    for (const extra of [['--token', good], [`--token=${good}`], [good]]) {
      const { code, stdout, stderr } = await run([...argv, ...extra], env);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^doctor: .*--token -.*INTANDEM_TOKEN/s);
      for (const part of good.split('.')) expect(stderr).not.toContain(part);
    }
  });

  it('never prints the credentials of a URL', async () => {
    const { argv, env } = await healthyDeployment();
    const api = argv[1] ?? '';
    const withCredentials = api.replace('http://', 'http://partner:s3cret@');
    const { stdout } = await run(['--api', withCredentials, ...argv.slice(2)], env);
    expect(stdout).toContain(`API ${api.replace('http://', 'http://***@')}`);
    expect(stdout).not.toContain('s3cret');
    const refused = await run(['--api', 'ftp://partner:s3cret@api.example'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('"ftp://***@api.example"');
    expect(refused.stderr).not.toContain('s3cret');
  });

  it('exits 2 with the usage on a bad command line', async () => {
    const { code, stderr, stdout } = await run(['--bogus'], {});
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--bogus'");
    expect(stderr).toContain('Usage: pnpm run doctor');
    expect(stdout).toBe('');
  });
});
