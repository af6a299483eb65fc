import { spawn } from 'node:child_process';
import { freePort, type LocalApps, localApps } from '@partner/test-kit/ports';

/** `pnpm dev` (scripts/dev.mjs) on ports of its own. */
export interface DevServer {
  origins: LocalApps['origins'];
  /** Resolves once it prints "Ready. Open …"; rejects with its output if it exits before. */
  ready: Promise<void>;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Stops it and its three apps (dev.mjs stops them on SIGTERM), and waits until it exits. */
  stop(): Promise<void>;
}

/**
 * Starts scripts/dev.mjs in the repository at `root`, the three apps on free ports (API_PORT,
 * HOST_PORT, APP_PORT; PORT is the API's, as a shell would have it) and the API's data in memory,
 * so the developer's own .data folder and a DATABASE_URL from the shell stay out of it.
 */
export async function startDev(root: string): Promise<DevServer> {
  const ports = { API_PORT: '', HOST_PORT: '', APP_PORT: '' };
  for (const name of Object.keys(ports) as (keyof typeof ports)[]) {
    ports[name] = String(await freePort());
  }
  const { origins } = localApps(ports);
  const dev = spawn(process.execPath, ['scripts/dev.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      ...ports,
      PORT: ports.API_PORT,
      PGLITE_DATA_DIR: 'memory://',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so one signal reaches it wherever it is.
    detached: true,
  });
  let output = '';
  const exited = new Promise<void>((resolve) => dev.once('close', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    dev.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (output.includes(`Ready. Open ${origins.host}`)) resolve();
    });
    void exited.then(() => reject(new Error(`pnpm dev stopped before it was ready:\n${output}`)));
  });
  // A rejection nobody awaits (it exited after being ready) is not an error of the test's.
  ready.catch(() => {});
  dev.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  return {
    origins,
    ready,
    output: () => output,
    async stop() {
      if (dev.pid !== undefined && dev.exitCode === null && dev.signalCode === null) {
        try {
          process.kill(-dev.pid, 'SIGTERM');
        } catch {
          // The group is gone already: it exited on its own.
        }
      }
      await exited;
    },
  };
}
