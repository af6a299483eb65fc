import { MARKS } from '@partner/iframe/timing';
import { INITIAL_JS_BUDGET_KB, initialJs } from './support/bundle.ts';
import { expect, test } from './support/fixtures.ts';
import { API, APP } from './support/urls.ts';

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

// The budget counts what the manifest says is start-up JS; this checks the browser agrees, so a
// chunk the start needs cannot hide among the lazy ones, and the feature panels really wait.
test('the browser fetches exactly the budgeted JS before the identity shows, and the feature panels after', async ({
  page,
}) => {
  const { files, lazy } = await initialJs();
  await page.goto('/');
  const app = page.frameLocator('iframe[title="Partner app"]');
  await expect(app.getByTestId('staff-uid')).toBeVisible();
  // demo:start
  await expect(app.getByRole('heading', { name: 'Business notes' })).toBeVisible();
  // demo:end

  const frame = page.frames().find((candidate) => candidate.url().startsWith(APP));
  if (!frame) throw new Error('the app frame is missing');
  const { identityAt, scripts } = await frame.evaluate((mark) => {
    const [identity] = performance.getEntriesByName(mark);
    return {
      identityAt: identity?.startTime ?? Number.NaN,
      scripts: performance
        .getEntriesByType('resource')
        .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
        .map((entry) => ({ path: new URL(entry.name).pathname.slice(1), at: entry.startTime })),
    };
  }, MARKS.identity);
  expect(identityAt).toBeGreaterThan(0);

  const before = new Set(scripts.filter((script) => script.at < identityAt).map((s) => s.path));
  expect([...before].sort()).toEqual(files.map((file) => file.path).sort());
  const lazyPaths = new Set(lazy.map((file) => file.path));
  for (const script of scripts.filter(({ path }) => lazyPaths.has(path))) {
    expect(script.at, script.path).toBeGreaterThanOrEqual(identityAt);
  }
  // demo:start
  const notes = lazy.find((file) => /\/Notes-[\w-]+\.js$/.test(file.path));
  if (!notes) throw new Error(`no lazy Notes chunk among ${lazy.map((file) => file.path)}`);
  expect(scripts.some((script) => script.path === notes.path)).toBe(true);
  // demo:end
});

// Its first API call (a preflight, then GET /api/me) then finds the connection open. Anonymous,
// as those requests are: a credentialed preconnect would open a connection they cannot use.
test("the app's page opens its connection to the API before any script asks", async ({
  request,
}) => {
  const html = await (await request.get(`${APP}/`)).text();
  expect(html).toContain(`<link rel="preconnect" href="${API}" crossorigin>`);
});
