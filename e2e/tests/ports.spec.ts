import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { startDev } from './support/dev-server.ts';

// `pnpm dev` beside other services: the three apps on ports of their own (API_PORT, HOST_PORT,
// APP_PORT, none of them 3000, 4000 or 5173), finding each other, in a real browser. PORT in the
// shell is the API's port: an app that read it too would collide with the API and stop.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('pnpm dev on other ports: the platform embeds the app, which shows the verified staff member', async ({
  page,
}) => {
  // Three watch-mode servers start and compile on first request.
  test.setTimeout(240_000);
  const dev = await startDev(ROOT);
  try {
    await dev.ready;
    const { origins } = dev;
    await page.goto(origins.host);
    const app = page.frameLocator('iframe[title="Partner app"]');
    await expect(app.getByTestId('staff-uid')).toHaveText(/\S/, { timeout: 90_000 });
    await expect(app.getByRole('alert')).toHaveCount(0);
    expect(page.frames().some((frame) => frame.url().startsWith(origins.app))).toBe(true);
  } finally {
    await dev.stop();
  }
});
