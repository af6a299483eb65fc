import { expect, test } from '@playwright/test';
import { INITIAL_JS_BUDGET_KB, initialJs } from './support/bundle.ts';

// The app loads inside the platform on every open: what it downloads before it can start is
// paid each time. `pnpm bench` reports the same figure.
test(`the iframe app's initial JS is at most ${INITIAL_JS_BUDGET_KB} KB gzip`, async () => {
  const { gzipKb, files } = await initialJs();
  expect(files.length).toBeGreaterThan(0);
  expect(
    gzipKb,
    files.map((file) => `${file.path}: ${file.gzipBytes} B`).join(', '),
  ).toBeLessThanOrEqual(INITIAL_JS_BUDGET_KB);
});
