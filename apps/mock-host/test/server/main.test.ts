import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How long a refused start may take before the test counts it as started and kills it. */
const EXIT_DEADLINE_MS = 10_000;

/** Runs the server's entry point as a real process until it exits on its own (or is killed). */
function runServer(env: NodeJS.ProcessEnv): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: PACKAGE_DIR,
      // Only what the test sets: the runner's own NODE_ENV or MOCK_HOST_* must not leak in.
      env: { PATH: process.env.PATH, HOSTNAME_BIND: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    // A server that starts instead of refusing must not outlive the test.
    const deadline = setTimeout(() => child.kill('SIGKILL'), EXIT_DEADLINE_MS);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the server process', () => {
  it('refuses to start with NODE_ENV=production and no override, naming the override', async () => {
    const { code, stdout, stderr } = await runServer({ NODE_ENV: 'production', PORT: '0' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('NODE_ENV=production');
    expect(stderr).toContain('MOCK_HOST_ALLOW_PRODUCTION=1');
  }, 20_000);

  it('also refuses an override other than exactly "1"', async () => {
    const { code, stderr } = await runServer({
      NODE_ENV: 'production',
      MOCK_HOST_ALLOW_PRODUCTION: 'true',
      PORT: '0',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('MOCK_HOST_ALLOW_PRODUCTION=1');
  }, 20_000);

  it('refuses to listen on a non-loopback address', async () => {
    const { code, stdout, stderr } = await runServer({ HOSTNAME_BIND: '0.0.0.0', PORT: '0' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('HOSTNAME_BIND must be a loopback host');
  }, 20_000);
});
