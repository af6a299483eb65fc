import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** `pnpm --silent <args>` at the repository's root, as a partner types it. */
function pnpm(args: string[]): Promise<{ code: number | null; stdout: string }> {
  const child = spawn('pnpm', ['--silent', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout })));
}

// The root scripts reach this package's tools; a nested `pnpm doctor` would run pnpm's own.
describe('the root package.json scripts', () => {
  it('pnpm run doctor runs this doctor', async () => {
    const { code, stdout } = await pnpm(['run', 'doctor', '--help']);
    expect(stdout).toMatch(/^Usage: pnpm run doctor /);
    expect(code).toBe(0);
  });

  it('pnpm inspect-token runs the inspector', async () => {
    const { code, stdout } = await pnpm(['inspect-token', '--help']);
    expect(stdout).toMatch(/^Usage: pnpm --silent inspect-token - /);
    expect(code).toBe(0);
  });
});
