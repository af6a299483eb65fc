/**
 * The three production builds started as `pnpm start` does, on its ports (API_PORT, HOST_PORT,
 * APP_PORT), so nothing else, such as `pnpm dev` or the browser tests, may hold those meanwhile.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What `pnpm build` leaves behind, per app. */
const BUILD_OUTPUTS = [
  'apps/api/.next/BUILD_ID',
  'apps/iframe/dist/index.html',
  'apps/mock-host/dist/server/main.js',
];

/** Build outputs that are missing (`pnpm build` first). */
export function missingBuilds(): string[] {
  return BUILD_OUTPUTS.filter((path) => !existsSync(`${ROOT}${path}`));
}

interface RunningApps {
  stop(): Promise<void>;
}

/** Starts `scripts/dev.mjs --prod`, resolving once it says all three answer. */
export async function startProductionApps(): Promise<RunningApps> {
  const child: ChildProcess = spawn('node', ['scripts/dev.mjs', '--prod'], {
    cwd: ROOT,
    // The mock platform refuses production without this override, and would rate-limit the
    // bench's many page loads; the API gets its settings from dev.mjs, as in `pnpm start`.
    env: { ...process.env, MOCK_HOST_ALLOW_PRODUCTION: '1', TOKEN_RATE_LIMIT_PER_MIN: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  const ready = new Promise<void>((resolve) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('Ready.')) resolve();
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
  });
  const outcome = await Promise.race([ready.then(() => 'up' as const), exited]);
  if (outcome !== 'up')
    throw new Error(`the production apps did not start (${outcome}):\n${output}`);
  return {
    async stop() {
      // dev.mjs stops its three apps on SIGTERM.
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}
