import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How long a refused start may take before the test counts it as started and kills it. */
const EXIT_DEADLINE_MS = 10_000;

/** The server's entry point as a real process, with only the environment the test sets. */
function spawnServer(env: NodeJS.ProcessEnv) {
  return spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: PACKAGE_DIR,
    // The runner's own NODE_ENV or MOCK_HOST_* must not leak in.
    env: { PATH: process.env.PATH, HOSTNAME_BIND: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the server until it exits on its own (or is killed at the deadline). */
function runServer(env: NodeJS.ProcessEnv): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawnServer(env);
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

  it('fails closed: refuses to start with NODE_ENV unset or staging, as production', async () => {
    for (const env of [{}, { NODE_ENV: 'staging' }]) {
      const { code, stdout, stderr } = await runServer({ ...env, PORT: '0' });
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain('which counts as production');
      expect(stderr).toContain('MOCK_HOST_ALLOW_PRODUCTION=1');
    }
  }, 30_000);

  it('also refuses an override other than exactly "1"', async () => {
    const { code, stderr } = await runServer({
      NODE_ENV: 'production',
      MOCK_HOST_ALLOW_PRODUCTION: 'true',
      PORT: '0',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('MOCK_HOST_ALLOW_PRODUCTION=1');
  }, 20_000);

  it('with the override, gets past the refusal to serving the built page (none from source)', async () => {
    // Run from source there is no dist/public: the start stops there, saying what to do.
    const { code, stdout, stderr } = await runServer({
      NODE_ENV: 'production',
      MOCK_HOST_ALLOW_PRODUCTION: '1',
      PORT: '0',
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).not.toContain('MOCK_HOST_ALLOW_PRODUCTION');
    expect(stderr).toContain('no built host page');
    expect(stderr).toContain('pnpm build');
    expect(stderr.trim().split('\n')).toHaveLength(1);
  }, 20_000);

  it('refuses to listen on a non-loopback address', async () => {
    const { code, stdout, stderr } = await runServer({
      NODE_ENV: 'development',
      HOSTNAME_BIND: '0.0.0.0',
      PORT: '0',
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('HOSTNAME_BIND must be a loopback host');
  }, 20_000);
});

describe('the development server', () => {
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child?.exitCode !== null) return;
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });

  /** Starts it on a free port and resolves with its URL once it says it listens. */
  function startDev(): Promise<string> {
    // NODE_ENV as the `dev` script sets it: unset would count as production.
    const started = spawnServer({ NODE_ENV: 'development', PORT: '0' });
    child = started;
    return new Promise((resolve, reject) => {
      let output = '';
      started.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        const url = /simulated at (http:\/\/\S+)/.exec(output)?.[1];
        if (url) resolve(url);
      });
      started.on('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
  }

  it('serves hot reload on its own loopback server, not on a socket of its own', async () => {
    const base = await startDev();
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(base);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/@vite/client');
    // The page Vite serves may be framed by no site, as the built one.
    expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');

    // The WebSocket handshake Vite's client makes, sent to the mock's own port.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/`, {
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': Buffer.from('0123456789abcdef').toString('base64'),
          'sec-websocket-protocol': 'vite-hmr',
        },
      });
      req.on('upgrade', (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(101);
  }, 30_000);
});
