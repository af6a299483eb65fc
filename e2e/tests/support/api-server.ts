import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '@partner/test-kit/ports';
import { APP, LOCAL_APPS } from './urls.ts';

const API_DIR = fileURLToPath(new URL('../../../apps/api/', import.meta.url));
const NEXT_BIN = fileURLToPath(
  new URL('../../../apps/api/node_modules/next/dist/bin/next', import.meta.url),
);

/** A complete, safe production environment that trusts the mock platform of the suite. */
export const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  INTANDEM_JWKS_URL: LOCAL_APPS.jwksUrl,
  INTANDEM_ALLOW_HTTP_JWKS: '1',
  INTANDEM_APP_CODE_NAME: 'demo-app',
  CORS_ALLOWED_ORIGINS: APP,
};

/** One more API process from the production build, on its own port, with its own environment. */
export interface ApiProcess {
  url: string;
  /** The `next start` server process itself (its memory is this process's). */
  pid: number;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
}

/** How a process that should not have started ended. */
interface ApiExit {
  code: number | null;
  output: string;
}

/**
 * Starts `next start` for apps/api (built by `pnpm build`) with exactly `env` (plus PATH), and
 * resolves once it answers `/api/health`, or rejects with its output if it exits first.
 */
export async function startApi(env: Record<string, string>): Promise<ApiProcess> {
  const { child, port, output, exited } = await spawnApi(env);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const answered = (async () => {
    for (;;) {
      try {
        if ((await fetch(`${url}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const outcome = await Promise.race([answered.then(() => 'up' as const), exited]);
  if (outcome !== 'up') {
    throw new Error(`the API exited (${outcome.code}) before answering:\n${outcome.output}`);
  }
  if (child.pid === undefined) throw new Error('no pid');
  return { url, pid: child.pid, output, stop };
}

/** Starts `next start` with `env` and waits for it to exit by itself (it must not start). */
export async function apiExit(env: Record<string, string>, timeoutMs = 20_000): Promise<ApiExit> {
  const { child, exited } = await spawnApi(env);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

async function spawnApi(env: Record<string, string>) {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [NEXT_BIN, 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    {
      cwd: API_DIR,
      // Each process gets its own in-memory database unless the test names one: two processes
      // must never share an embedded PGlite folder.
      env: { PATH: process.env.PATH ?? '', PGLITE_DATA_DIR: 'memory://', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const exited = new Promise<ApiExit>((resolve) =>
    child.once('close', (code) => resolve({ code, output: text })),
  );
  return { child, port, output: () => text, exited };
}

/** Resident memory of a process in MiB, from /proc. */
export async function residentMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  if (!Number.isFinite(kib)) throw new Error(`no VmRSS for ${pid}`);
  return kib / 1024;
}
