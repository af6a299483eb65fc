import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type JwksServer, startJwksServer } from '@partner/test-kit/jwks-server';
import { createSigningKey, type SigningKey, signStaffToken } from '@partner/test-kit/keys';
import { exportJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_KID, unsafeCharacters } from './support/unsafe-characters.ts';

const CLI_DIR = fileURLToPath(new URL('..', import.meta.url));
const CLI = fileURLToPath(new URL('../src/inspect-token.ts', import.meta.url));
const AUDIENCE = 'acme-scheduler';
/** A real process start (tsx compiles the CLI) takes a second or two on a busy machine. */
const SPAWN_TIMEOUT_MS = 30_000;

let key: SigningKey;
let otherKey: SigningKey;
let jwks: { url: string; file: string; server: JwksServer };
let tempDir: string;

beforeAll(async () => {
  [key, otherKey] = await Promise.all([createSigningKey('k1'), createSigningKey('k1')]);
  const server = await startJwksServer({ keys: [key.jwk] });
  tempDir = await mkdtemp(join(tmpdir(), 'inspect-token-'));
  const file = join(tempDir, 'jwks.json');
  await writeFile(file, JSON.stringify({ keys: [key.jwk] }));
  jwks = { url: server.url, file, server };
});

afterAll(async () => {
  await jwks.server.close();
  await rm(tempDir, { recursive: true, force: true });
});

/** A platform-shaped staff token for {@link AUDIENCE}; `claims` set to `undefined` are left out. */
function token(
  claims: Record<string, unknown> = {},
  options: { kid?: string; key?: SigningKey } = {},
): Promise<string> {
  return signStaffToken(
    options.key ?? key,
    { aud: AUDIENCE, directory_uid: undefined, ...claims },
    { header: { kid: options.kid ?? 'k1' } },
  );
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as its own process, as `pnpm inspect-token` does, with no inherited settings. */
function inspect(args: string[], stdin?: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      cwd: CLI_DIR,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

const against = (source: string) => ['--jwks', source, '--audience', AUDIENCE];
const signatureOf = (jwt: string) => jwt.split('.')[2] ?? '';

describe('pnpm inspect-token', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('accepts a good token (exit 0), step by step, against the JWKS URL', async () => {
    const good = await token({ actor_uid: 'support-7' });
    const before = jwks.server.requests;
    const run = await inspect(['-', ...against(jwks.url)], good);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const step of ['shape', 'alg', 'kid', 'key', 'signature', 'iss', 'aud', 'sub', 'time']) {
      expect(run.stdout).toMatch(new RegExp(`✓ ${step} `));
    }
    expect(run.stdout).toContain('IMPERSONATES "staff-1"');
    expect(run.stdout).toContain('The API would accept this token (200)');
    expect(run.stdout).not.toContain(signatureOf(good));
    // Only the key set was fetched, and the token went nowhere.
    const fetched = jwks.server.received.slice(before);
    expect(fetched.map((request) => request.url)).toEqual(['/v3/apps/.well-known/jwks.json']);
    expect(JSON.stringify(fetched)).not.toContain(signatureOf(good));
  });

  it.each<[string, () => Promise<string>, string, string]>([
    ['expired', () => token({ exp: Math.floor(Date.now() / 1000) - 60 }), 'token_expired', 'time'],
    ['for another app', () => token({ aud: 'other-app' }), 'invalid_audience', 'aud'],
    ['signed by an unknown kid', () => token({}, { kid: 'k9' }), 'unknown_key', 'key'],
    [
      'tampered',
      async () => {
        const [header, , signature] = (await token()).split('.');
        const forged = Buffer.from(JSON.stringify({ sub: 'admin' })).toString('base64url');
        return `${header}.${forged}.${signature}`;
      },
      'invalid_signature',
      'signature',
    ],
    [
      'signed by another key as k1',
      () => token({}, { key: otherKey }),
      'invalid_signature',
      'signature',
    ],
    [
      'valid for a day',
      () => token({ exp: Math.floor(Date.now() / 1000) + 86_400 }),
      'token_lifetime_too_long',
      'time',
    ],
  ])('refuses a token %s (exit 1) with the API’s code', async (_, make, code, step) => {
    const bad = await make();
    const run = await inspect(['-', ...against(jwks.url)], bad);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`✗ ${step} +${code}: `));
    expect(run.stdout).toMatch(new RegExp(`The API would answer 401 ${code}: `));
    expect(run.stdout).toMatch(/\nHint: \S/);
    expect(run.stdout).not.toContain(signatureOf(bad));
  });

  it('works offline from a JWKS file, without contacting the JWKS server', async () => {
    const before = jwks.server.requests;
    const good = await token();
    expect((await inspect(['-', ...against(jwks.file)], good)).code).toBe(0);
    const unknown = await inspect(['-', ...against(jwks.file)], await token({}, { kid: 'k9' }));
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain('401 unknown_key');
    expect(jwks.server.requests).toBe(before);
  });

  it('reads the token from standard input with "-"', async () => {
    const good = await token();
    const run = await inspect(['-', ...against(jwks.file)], `Bearer ${good}\n`);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(signatureOf(good));
  });

  it('reads the token from INTANDEM_TOKEN', async () => {
    const good = await token();
    const run = await inspect(against(jwks.file), undefined, { INTANDEM_TOKEN: good });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('The API would accept this token (200)');
  });

  it('refuses a token on the command line (exit 2) without printing it, saying how to pass it', async () => {
    const good = await token();
    for (const args of [[good], [...against(jwks.file), good], ['-', good]]) {
      const run = await inspect(args, good);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^inspect-token: .*standard input.*INTANDEM_TOKEN/s);
      for (const part of good.split('.')) expect(run.stderr).not.toContain(part);
    }
  });

  it('prints one JSON object with --json', async () => {
    const bad = await token({ aud: 'other-app', actor_uid: 'support-7' });
    const run = await inspect(['-', ...against(jwks.file), '--json'], bad);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain(signatureOf(bad));
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      ok: false,
      answer: { status: 401, code: 'invalid_audience', retryable: false },
      hint: expect.stringContaining('"other-app"'),
      header: { alg: 'RS256', kid: 'k1', typ: 'JWT' },
      claims: { sub: 'staff-1', aud: 'other-app' },
      times: { lifetimeSec: 300, expiresInSec: expect.any(Number) },
      impersonation: { actor: 'support-7', staff: 'staff-1' },
      key: { kid: 'k1', thumbprint: expect.any(String) },
      clockSkewSec: expect.any(Number),
      against: { jwks: jwks.file, audience: AUDIENCE, issuer: 'intandem' },
    });
    expect(report.steps.map((step: { step: string }) => step.step)).toEqual([
      'shape',
      'alg',
      'kid',
      'key',
      'signature',
      'iss',
      'aud',
      'sub',
      'time',
      'revocation',
    ]);
    expect(report.steps[6]).toEqual({
      step: 'aud',
      checked: true,
      ok: false,
      detail: 'The token is not for this app.',
      code: 'invalid_audience',
      status: 401,
    });
    expect(report.steps[7]).toEqual({ step: 'sub', checked: false });
  });

  it('escapes the control characters of a hostile kid, in text and in JSON', async () => {
    const hostile = await token({}, { kid: HOSTILE_KID });
    const text = await inspect(['-', ...against(jwks.file)], hostile);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('401 unknown_key');
    expect(unsafeCharacters(text.stdout)).toEqual([]);
    // Escaped visibly, not dropped: the reader sees that the kid is hostile.
    expect(text.stdout).toContain('\\u001b[2J\\u001b]52;c;cHduZWQ=\\u0007\\u009b32m');
    expect(text.stdout).toContain('\\u202edesrever');

    const json = await inspect(['-', ...against(jwks.file), '--json'], hostile);
    expect(json.code).toBe(1);
    expect(unsafeCharacters(json.stdout)).toEqual([]);
    // Still JSON, and the same value once parsed.
    const report = JSON.parse(json.stdout);
    expect(report.header.kid).toBe(HOSTILE_KID);
    expect(report.steps[2]).toMatchObject({ step: 'kid', ok: true });
  });

  /** A JWKS file of exactly `bytes` bytes: `document` as JSON, padded with spaces. */
  async function jwksFile(name: string, document: unknown, bytes?: number): Promise<string> {
    const json = JSON.stringify(document);
    const path = join(tempDir, name);
    await writeFile(path, bytes === undefined ? json : json.padEnd(bytes, ' '));
    return path;
  }

  it("reads a JWKS file up to the verifier's 64 KiB cap, and refuses one byte more (exit 2)", async () => {
    const good = await token();
    const atCap = await jwksFile('at-cap.json', { keys: [key.jwk] }, 64 * 1024);
    expect((await inspect(['-', ...against(atCap)], good)).code).toBe(0);
    const overCap = await jwksFile('over-cap.json', { keys: [key.jwk] }, 64 * 1024 + 1);
    const run = await inspect(['-', ...against(overCap)], good);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^inspect-token: The JWKS file .*over-cap\.json is larger than 65536 bytes, the verifier's cap/,
    );
  });

  it('stops reading an endless file at the cap (/dev/zero)', async () => {
    const run = await inspect(['-', ...against('/dev/zero')], await token());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('The JWKS file /dev/zero is larger than 65536 bytes');
  });

  it('warns when the JWKS file holds private key members, and still judges the token', async () => {
    const leaked = await jwksFile('private.json', {
      keys: [
        { ...(await exportJWK(key.privateKey)), kid: 'k1', alg: 'RS256', use: 'sig' },
        { kty: 'oct', k: 'c2VjcmV0', kid: 'hmac\x1b[2J' },
        { kty: 'RSA', n: key.jwk.n, e: key.jwk.e, kid: 'k2' },
      ],
    });
    const run = await inspect(['-', ...against(leaked), '--json'], await token());
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true });
    expect(run.stderr).toContain(
      'inspect-token: warning: the JWKS file holds private key material: key "k1" (d, p, q, dp, dq, qi), key "hmac\\u001b[2J" (k).',
    );
    expect(run.stderr).not.toContain('"k2"');
    expect(unsafeCharacters(run.stderr)).toEqual([]);
  });

  it.each([
    ['no token', []],
    ['an unknown option', ['-', '--audiance', AUDIENCE]],
    ['--jwks without a value', ['-', '--jwks']],
    ['a JWKS file that does not exist', ['-', '--jwks', 'no-such-file.json']],
  ])('answers a usage error (exit 2) for %s', async (_, args) => {
    const run = await inspect(args, 'a.b.c');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^inspect-token: .+\n\nUsage: pnpm --silent inspect-token - /);
  });

  it('answers a usage error for empty standard input', async () => {
    const run = await inspect(['-', ...against(jwks.file)], '\n');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('The token is empty.');
  });
});
