import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readSettings, type Settings } from '@partner/api/settings';
import { afterEach, describe, expect, it } from 'vitest';
import { checkApi, FOREIGN_ORIGIN } from '../src/doctor/api.ts';
import { checkApp, frameAncestors } from '../src/doctor/app.ts';
import type { CheckResult } from '../src/doctor/check.ts';
import { checkAudience, checkOrigins } from '../src/doctor/consistency.ts';
import { checkJwks, clockSkew } from '../src/doctor/jwks.ts';
import {
  type DoctorTargets,
  isLocalDeployment,
  resolveTargets,
  UsageError,
} from '../src/doctor/options.ts';
import { startApiStandIn, startAppServer, startServer } from './support/http-server.ts';
import { createSigningKey, deadUrl, startJwksServer } from './support/jwks-server.ts';

const PLATFORM = 'https://app.intandem.example';
const APP = 'https://notes.acme.example';

/** Servers a test started, closed after it. */
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});
async function started<T extends { close(): Promise<void> }>(server: Promise<T>): Promise<T> {
  const ready = await server;
  open.push(ready);
  return ready;
}

const failed = (results: CheckResult[]) => results.filter((result) => !result.ok);

function settingsFor(env: Record<string, string>): Settings {
  return readSettings(env).settings;
}

function targetsFor(argv: string[], env: Record<string, string>): DoctorTargets {
  return resolveTargets(argv, env);
}

describe('resolveTargets', () => {
  it('outside production defaults to the local apps and platform', () => {
    const targets = targetsFor([], {});
    expect(targets).toMatchObject({
      production: false,
      apiUrl: 'http://127.0.0.1:3000',
      appOrigin: 'http://127.0.0.1:5173',
      hostOrigins: ['http://localhost:4000'],
      viteHostOrigins: ['http://localhost:4000'],
      settings: { ok: true },
    });
  });

  it('takes flags over the VITE_* variables; --host-origin repeats', () => {
    const targets = targetsFor(
      ['--api', 'https://api.acme.example/', '--app', `${APP}/index.html`],
      {
        VITE_API_URL: 'http://ignored.example',
        VITE_HOST_ORIGINS: `${PLATFORM}, https://b.example`,
      },
    );
    expect(targets.apiUrl).toBe('https://api.acme.example');
    expect(targets.appOrigin).toBe(APP);
    expect(targets.hostOrigins).toEqual([PLATFORM, 'https://b.example']);
    const flagged = targetsFor(
      ['--host-origin', PLATFORM, '--host-origin', 'https://c.example'],
      {},
    );
    expect(flagged.hostOrigins).toEqual([PLATFORM, 'https://c.example']);
  });

  it('in production names no default: each target must be given', () => {
    const env = { NODE_ENV: 'production' };
    expect(() => targetsFor([], env)).toThrow(/--api URL or VITE_API_URL/);
    expect(() => targetsFor(['--api', 'https://api.acme.example'], env)).toThrow(/--app URL/);
    expect(() => targetsFor(['--api', 'https://api.acme.example', '--app', APP], env)).toThrow(
      /--host-origin ORIGIN or VITE_HOST_ORIGINS/,
    );
  });

  it('refuses unknown flags, positionals and URLs that are not http(s) origins', () => {
    for (const argv of [
      ['--bogus'],
      ['extra'],
      ['--api', 'ftp://x.example'],
      ['--host-origin', 'https://x.example/path'],
    ]) {
      expect(() => targetsFor(argv, {}), argv.join(' ')).toThrow(UsageError);
    }
  });

  it("keeps the API's own verdict on its settings, problems included", () => {
    const targets = targetsFor(
      ['--api', 'https://a.example', '--app', APP, '--host-origin', PLATFORM],
      {
        NODE_ENV: 'production',
      },
    );
    expect(targets.settings.ok).toBe(false);
    expect(!targets.settings.ok && targets.settings.problems).toContain(
      'INTANDEM_JWKS_URL is required when NODE_ENV=production.',
    );
  });
});

describe('checkJwks', () => {
  async function jwksSettings(options: Parameters<typeof startJwksServer>[1] = {}) {
    const key = await createSigningKey();
    const server = await started(startJwksServer([key.jwk], options));
    return settingsFor({ INTANDEM_JWKS_URL: server.url });
  }

  it('passes a reachable set with an RS256 key and an honest clock', async () => {
    const results = await checkJwks(await jwksSettings());
    expect(failed(results)).toEqual([]);
    expect(results.map((result) => result.summary).join('\n')).toMatch(
      /plain http on this machine[\s\S]*1 usable RS256 key, under the 64 KiB cap[\s\S]*clock skew 0 s/,
    );
  });

  it('fails when the JWKS is down (a dead port), naming the variable to check', async () => {
    const settings = settingsFor({ INTANDEM_JWKS_URL: await deadUrl() });
    const [problem, ...others] = failed(await checkJwks(settings));
    expect(others).toEqual([]);
    expect(problem?.summary).toBe('The JWKS endpoint could not be reached.');
    expect(problem?.fix).toMatch(/INTANDEM_JWKS_URL/);
  });

  it("fails when the answer's Date header is 10 minutes off, either way", async () => {
    const ahead = failed(await checkJwks(await jwksSettings({ dateOffsetMs: 10 * 60_000 })));
    expect(ahead).toHaveLength(1);
    expect(ahead[0]?.summary).toMatch(/clock is 600 s ahead of this machine's \(tolerance 5 s\)/);
    expect(ahead[0]?.fix).toMatch(/NTP/);
    const behind = failed(await checkJwks(await jwksSettings({ dateOffsetMs: -10 * 60_000 })));
    expect(behind[0]?.summary).toMatch(/clock is 600 s behind/);
  });

  it('fails a set without a usable RS256 key', async () => {
    const key = await createSigningKey();
    const server = await started(
      startJwksServer([], { body: { keys: [{ ...key.jwk, alg: 'PS256' }] } }),
    );
    const [problem] = failed(await checkJwks(settingsFor({ INTANDEM_JWKS_URL: server.url })));
    expect(problem?.summary).toMatch(/no usable RSA signing key/);
  });
});

describe('clockSkew', () => {
  const at = (serverDate: number | undefined, sentAt: number, receivedAt: number) =>
    clockSkew({ serverDate, sentAt, receivedAt });

  it('allows for the Date header rounding down to the second', () => {
    // Stamped at 999 ms past the second, received at once: 1 s apart on paper, no skew in fact.
    expect(at(10_000, 10_999, 10_999).ok).toBe(true);
    // The skew lies in [date − received, date + 1 s − sent]; only a whole interval past 5 s fails.
    expect(at(15_000, 10_000, 10_000).ok).toBe(true);
    expect(at(15_001, 10_000, 10_000).ok).toBe(false);
    expect(at(4_000, 10_000, 10_000).ok).toBe(true);
    expect(at(3_999, 10_000, 10_000).ok).toBe(false);
  });

  it('passes, and says so, when there is no Date header to measure', () => {
    expect(at(undefined, 0, 1)).toMatchObject({ ok: true, summary: /not measurable/ });
  });
});

describe('checkApp', () => {
  it('passes an app whose frame-ancestors lists each platform origin', async () => {
    const app = await started(
      startAppServer({
        'content-security-policy': `default-src 'self'; frame-ancestors ${PLATFORM}`,
      }),
    );
    const { results, frameAncestors: sources } = await checkApp(`${app.origin}/`, [PLATFORM]);
    expect(failed(results)).toEqual([]);
    expect(sources).toEqual([PLATFORM]);
  });

  it('fails an app served without frame-ancestors (clickjacking)', async () => {
    const app = await started(startAppServer({ 'x-content-type-options': 'nosniff' }));
    const { results, frameAncestors: sources } = await checkApp(app.origin, [PLATFORM]);
    const [problem] = failed(results);
    expect(problem?.summary).toMatch(/no CSP frame-ancestors/);
    expect(problem?.fix).toContain(`frame-ancestors ${PLATFORM}`);
    expect(sources).toBeUndefined();
  });

  it('fails a wildcard and a missing platform origin', async () => {
    const wildcard = await started(
      startAppServer({
        'content-security-policy': `frame-ancestors ${PLATFORM} https://*.example`,
      }),
    );
    expect(failed((await checkApp(wildcard.origin, [PLATFORM])).results)[0]?.summary).toMatch(
      /allows any site of https:\/\/\*\.example/,
    );
    const other = await started(
      startAppServer({ 'content-security-policy': "frame-ancestors 'self'" }),
    );
    expect(failed((await checkApp(other.origin, [PLATFORM])).results)[0]?.summary).toBe(
      `frame-ancestors lacks ${PLATFORM}: the platform cannot show the app`,
    );
  });

  it('fails an app that does not answer', async () => {
    const url = await deadUrl('/');
    expect(failed((await checkApp(url, [PLATFORM])).results)[0]?.summary).toBe(
      `${url} not reachable`,
    );
  });
});

describe('frameAncestors', () => {
  it('reads the directive from any of several policies, normalising origins', () => {
    expect(
      frameAncestors(`default-src 'self', frame-ancestors 'self' ${PLATFORM}/ https:`, APP),
    ).toEqual([APP, PLATFORM, 'https:']);
    expect(frameAncestors("default-src 'self'", APP)).toBeUndefined();
    expect(frameAncestors(null, APP)).toBeUndefined();
  });
});

describe('checkApi', () => {
  it('passes an API that grants CORS to the iframe origin only and answers 401', async () => {
    const api = await started(startApiStandIn({ allowedOrigins: [APP] }));
    const results = await checkApi(api.origin, [APP]);
    expect(failed(results)).toEqual([]);
    expect(results).toHaveLength(4);
  });

  it('fails the preflight of an origin the API does not list, and one that grants every origin', async () => {
    const strict = await started(startApiStandIn({ allowedOrigins: ['https://other.example'] }));
    const [missing] = failed(await checkApi(strict.origin, [APP]));
    expect(missing).toMatchObject({ summary: `CORS preflight from ${APP} is refused` });
    expect(missing?.fix).toContain(`add ${APP} to the API's CORS_ALLOWED_ORIGINS`);

    const open = await started(startApiStandIn({ allowedOrigins: [], reflectAnyOrigin: true }));
    expect(failed(await checkApi(open.origin, [APP]))[0]?.summary).toContain(
      `foreign origin (${FOREIGN_ORIGIN}) is allowed`,
    );
  });

  it('reports a 503 readiness and an API that is not there', async () => {
    const api = await started(startApiStandIn({ allowedOrigins: [APP], readyStatus: 503 }));
    expect(failed(await checkApi(api.origin, [APP]))[0]?.summary).toMatch(/503: not ready/);
    const dead = new URL(await deadUrl('/')).origin;
    expect(await checkApi(dead, [APP])).toEqual([
      expect.objectContaining({ ok: false, summary: `${dead} not reachable` }),
    ]);
  });
});

describe('consistency', () => {
  const production = {
    NODE_ENV: 'production',
    INTANDEM_JWKS_URL: 'https://api.vcita.biz/v3/apps/.well-known/jwks.json',
    INTANDEM_APP_CODE_NAME: 'acme-notes',
    CORS_ALLOWED_ORIGINS: APP,
  };
  const flags = ['--api', 'https://api.acme.example', '--app', APP, '--host-origin', PLATFORM];

  it("fails when the app's origin is missing from CORS_ALLOWED_ORIGINS", () => {
    const env = { ...production, CORS_ALLOWED_ORIGINS: 'https://old.acme.example' };
    const [problem] = failed(checkOrigins(targetsFor(flags, env), settingsFor(env), [PLATFORM]));
    expect(problem?.summary).toContain(`${APP} is not in CORS_ALLOWED_ORIGINS`);
  });

  it('fails when frame-ancestors and VITE_HOST_ORIGINS differ', () => {
    const env = { ...production, VITE_HOST_ORIGINS: PLATFORM };
    const targets = targetsFor(flags, env);
    expect(failed(checkOrigins(targets, settingsFor(env), [PLATFORM]))).toEqual([]);
    const [problem] = failed(
      checkOrigins(targets, settingsFor(env), [PLATFORM, 'https://evil.example']),
    );
    expect(problem?.summary).toBe(
      'frame-ancestors differs from VITE_HOST_ORIGINS: also allows https://evil.example',
    );
  });

  it("fails the demo's code name in production, except in the local demo where all is loopback", async () => {
    const env = { ...production, INTANDEM_APP_CODE_NAME: 'demo-app' };
    const [problem] = failed(await checkAudience(targetsFor(flags, env), settingsFor(env)));
    expect(problem?.summary).toContain(`the demo's "demo-app" in production`);

    const demo = {
      NODE_ENV: 'production',
      INTANDEM_JWKS_URL: await deadUrl(),
      INTANDEM_ALLOW_HTTP_JWKS: '1',
      INTANDEM_APP_CODE_NAME: 'demo-app',
      CORS_ALLOWED_ORIGINS: 'http://127.0.0.1:5173',
    };
    const local = targetsFor(
      [
        '--api',
        'http://127.0.0.1:3000',
        '--app',
        'http://127.0.0.1:5173',
        '--host-origin',
        'http://localhost:4000',
      ],
      demo,
    );
    expect(isLocalDeployment(local, settingsFor(demo))).toBe(true);
    expect(failed(await checkAudience(local, settingsFor(demo)))).toEqual([]);
  });

  it('fails when the local platform mints tokens for another code name (wrong audience)', async () => {
    const platform = await started(
      startServer((request, response) => {
        if (request.url !== '/__mock/state') return void response.writeHead(404).end();
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ appCodeName: 'demo-app' }));
      }),
    );
    const env = {
      INTANDEM_JWKS_URL: `${platform.origin}/v3/apps/.well-known/jwks.json`,
      INTANDEM_APP_CODE_NAME: 'acme-notes',
    };
    const [problem] = failed(await checkAudience(targetsFor([], env), settingsFor(env)));
    expect(problem?.summary).toContain(
      'the local platform mints tokens for "demo-app" but INTANDEM_APP_CODE_NAME is "acme-notes"',
    );
    const same = { ...env, INTANDEM_APP_CODE_NAME: 'demo-app' };
    expect(failed(await checkAudience(targetsFor([], same), settingsFor(same)))).toEqual([]);
  });
});

describe('pnpm doctor as a process', () => {
  const cli = fileURLToPath(new URL('../src/doctor.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

  function run(argv: string[], env: Record<string, string>) {
    const child = spawn(tsx, [cli, ...argv], {
      // Only what the test names: no NODE_ENV or settings from the machine running the tests.
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      child.on('close', (code) => resolve({ code, stdout, stderr })),
    );
  }

  async function healthyDeployment() {
    const key = await createSigningKey();
    const jwks = await started(startJwksServer([key.jwk]));
    const app = await started(
      startAppServer({ 'content-security-policy': 'frame-ancestors http://localhost:4000' }),
    );
    const api = await started(startApiStandIn({ allowedOrigins: [app.origin] }));
    const env = { INTANDEM_JWKS_URL: jwks.url, CORS_ALLOWED_ORIGINS: app.origin };
    return { argv: ['--api', api.origin, '--app', app.origin], env };
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
    const { code, stdout } = await run(argv, { ...env, INTANDEM_JWKS_URL: await deadUrl() });
    const crosses = stdout.split('\n').filter((line) => line.startsWith('✗'));
    expect(crosses).toEqual([
      expect.stringMatching(/^✗ JWKS +The JWKS endpoint could not be reached\. → /),
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

  it('exits 2 with the usage on a bad command line', async () => {
    const { code, stderr, stdout } = await run(['--bogus'], {});
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--bogus'");
    expect(stderr).toContain('Usage: pnpm run doctor');
    expect(stdout).toBe('');
  });
});
