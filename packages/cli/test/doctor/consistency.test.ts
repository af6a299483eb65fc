import { readSettings, type Settings } from '@partner/api/settings';
import { startServer } from '@partner/test-kit/http';
import { JWKS_PATH } from '@partner/test-kit/jwks-server';
import { refusedUrl } from '@partner/test-kit/ports';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/doctor/check.ts';
import { checkAudience, checkOrigins } from '../../src/doctor/consistency.ts';
import { type DoctorTargets, isLocalDeployment, resolveTargets } from '../../src/doctor/options.ts';
import { closeServersAfterEach } from '../support/http-server.ts';
import { unsafeCharacters } from '../support/unsafe-characters.ts';

const PLATFORM = 'https://app.intandem.example';
const APP = 'https://notes.acme.example';

const started = closeServersAfterEach();
const failed = (results: CheckResult[]) => results.filter((result) => !result.ok);

function settingsFor(env: Record<string, string>): Settings {
  return readSettings({ NODE_ENV: 'development', ...env }).settings;
}

function targetsFor(argv: string[], env: Record<string, string>): DoctorTargets {
  return resolveTargets(argv, { NODE_ENV: 'development', ...env });
}

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
      INTANDEM_JWKS_URL: await refusedUrl(JWKS_PATH),
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

  it("escapes the local platform's answer: a code name cannot write to the terminal or add a line", async () => {
    const hostile = '\x1b]52;c;cHduZWQ=\x07\n✓ consistency  all good\x9b2J';
    const platform = await started(
      startServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ appCodeName: hostile }));
      }),
    );
    const env = { INTANDEM_JWKS_URL: `${platform.origin}/v3/apps/.well-known/jwks.json` };
    const [problem] = failed(await checkAudience(targetsFor([], env), settingsFor(env)));
    expect(problem?.summary).toContain(
      'mints tokens for "\\u001b]52;c;cHduZWQ=\\u0007\\n✓ consistency  all good\\u009b2J"',
    );
    expect(unsafeCharacters(problem?.summary ?? '')).toEqual([]);
    expect(problem?.summary).not.toContain('\n');
  });
});
