import { test as base } from '@playwright/test';
import { Platform } from './platform.ts';

export { expect } from '@playwright/test';

/**
 * Playwright's `test` with `platform`: the mock platform, reset before every test of a file that
 * uses this `test` (whether or not the test asks for it) and again after it, so a test never
 * inherits another's staff member, keys, outage or rate limit, in this file or the next.
 */
export const test = base.extend<{ platform: Platform }>({
  platform: [
    async ({ request }, use) => {
      const platform = new Platform(request);
      await platform.reset();
      await use(platform);
      await platform.reset();
    },
    { auto: true },
  ],
});
