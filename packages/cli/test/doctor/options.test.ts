import { describe, expect, it } from 'vitest';
import { resolveTargets } from '../../src/doctor/options.ts';
import { UsageError } from '../../src/usage-error.ts';

const PLATFORM = 'https://app.intandem.example';
const APP = 'https://notes.acme.example';
/** Development defaults need NODE_ENV development or test, as the doctor's script sets when unset. */
const DEV = { NODE_ENV: 'development' };

describe('resolveTargets', () => {
  it('outside production defaults to the local apps and platform', () => {
    const targets = resolveTargets([], DEV);
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
    const targets = resolveTargets(
      ['--api', 'https://api.acme.example/', '--app', `${APP}/index.html`],
      {
        ...DEV,
        VITE_API_URL: 'http://ignored.example',
        VITE_HOST_ORIGINS: `${PLATFORM}, https://b.example`,
      },
    );
    expect(targets.apiUrl).toBe('https://api.acme.example');
    expect(targets.appOrigin).toBe(APP);
    expect(targets.hostOrigins).toEqual([PLATFORM, 'https://b.example']);
    const flagged = resolveTargets(
      ['--host-origin', PLATFORM, '--host-origin', 'https://c.example'],
      DEV,
    );
    expect(flagged.hostOrigins).toEqual([PLATFORM, 'https://c.example']);
  });

  it('in production names no default: each target must be given', () => {
    const env = { NODE_ENV: 'production' };
    expect(() => resolveTargets([], env)).toThrow(/--api URL or VITE_API_URL/);
    expect(() => resolveTargets(['--api', 'https://api.acme.example'], env)).toThrow(/--app URL/);
    expect(() => resolveTargets(['--api', 'https://api.acme.example', '--app', APP], env)).toThrow(
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
      expect(() => resolveTargets(argv, DEV), argv.join(' ')).toThrow(UsageError);
    }
  });

  it("keeps the API's own verdict on its settings, problems included", () => {
    const targets = resolveTargets(
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

  it('reads a token from standard input with --token -, or INTANDEM_TOKEN; never from the command line', () => {
    expect(resolveTargets(['--token', '-'], DEV).token).toBe('stdin');
    expect(resolveTargets([], { ...DEV, INTANDEM_TOKEN: 'a.b.c' }).token).toBe('env');
    expect(resolveTargets([], DEV).token).toBeUndefined();
    for (const argv of [['--token', 'secret.token.here'], ['secret.token.here']]) {
      expect(() => resolveTargets(argv, DEV)).toThrow(UsageError);
      expect(() => resolveTargets(argv, DEV)).not.toThrow(/secret/);
    }
  });
});
