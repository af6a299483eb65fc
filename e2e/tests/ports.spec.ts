import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, localApps } from '@partner/test-kit/ports';
import { expect, test } from '@playwright/test';

// `pnpm dev` beside other services: the three apps on ports of their own (API_PORT, HOST_PORT,
// APP_PORT, none of them 3000, 4000 or 5173), finding each other, in a real browser. PORT in the
// shell is the API's port: an app that read it too would collide with the API and stop.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('pnpm dev on other ports: the platform embeds the app, which shows the verified staff member', async ({
  page,
}) => {
  // Three watch-mode servers start and compile on first request.
  test.setTimeout(240_000);
  const ports = { API_PORT: '', HOST_PORT: '', APP_PORT: '' };
  for (const name of Object.keys(ports) as (keyof typeof ports)[]) {
    ports[name] = String(await freePort());
  }
  const { origins } = localApps(ports);
  const dev = spawn(process.execPath, ['scripts/dev.mjs'], {
    cwd: ROOT,
    // The API keeps its data in memory: the developer's own .data folder stays untouched.
    env: { ...process.env, ...ports, PORT: ports.API_PORT, PGLITE_DATA_DIR: 'memory://' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => dev.once('close', resolve));
  const ready = new Promise<void>((resolve) => {
    dev.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (output.includes(`Ready. Open ${origins.host}`)) resolve();
    });
  });
  dev.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  try {
    const outcome = await Promise.race([ready.then(() => 'ready' as const), exited]);
    expect(outcome, `pnpm dev stopped before it was ready:\n${output}`).toBe('ready');

    await page.goto(origins.host);
    const app = page.frameLocator('iframe[title="Partner app"]');
    await expect(app.getByTestId('staff-uid')).toHaveText(/\S/, { timeout: 90_000 });
    await expect(app.getByRole('alert')).toHaveCount(0);
    expect(page.frames().some((frame) => frame.url().startsWith(origins.app))).toBe(true);
  } finally {
    // dev.mjs stops its three apps on SIGTERM.
    if (dev.pid !== undefined && dev.exitCode === null) process.kill(-dev.pid, 'SIGTERM');
    await exited;
  }
});
