import path from 'node:path';
import { localApps } from '@partner/test-kit/ports';
import { expect, type Response, test } from '@playwright/test';
import { initialJs } from './support/bundle.ts';
import { type DevServer, startDev } from './support/dev-server.ts';
import {
  type CommandResult,
  copyRepository,
  type RepositoryCopy,
} from './support/repository-copy.ts';

// docs/add-a-feature.md followed to the letter, as a partner would, on a copy of the repository:
// its code blocks written where their markers say and its commands run, in its order, by
// scripts/docs-examples.mjs, while `pnpm dev` keeps running. The feature must then work in the
// browser without a restart, the tree must pass typecheck, lint and the example's test, and the
// app's start-up JS must not grow by the feature.

/** Fails with the command's output (its end: what went wrong is last). */
function expectSuccess(what: string, result: CommandResult) {
  expect(result.code, `${what} failed:\n${result.output.slice(-12_000)}`).toBe(0);
}

/** The iframe app's production build in `copy`, with the settings `pnpm build` gives it. */
async function buildIframe(copy: RepositoryCopy) {
  const { PORT: _port, ...urls } = localApps({}).env.iframe;
  const env = { ...urls, VITE_WIDGET_UID: 'demo-widget', NODE_ENV: 'production' };
  expectSuccess(
    'the iframe build',
    await copy.run('pnpm', ['--filter', '@partner/iframe', 'build'], env),
  );
  return initialJs(path.join(copy.root, 'apps', 'iframe', 'dist', '/'));
}

test('following docs/add-a-feature.md gives a working feature under pnpm dev, and a green tree', async ({
  page,
  request,
}) => {
  // Three watch-mode servers compile on first request, then the whole tree is checked.
  test.setTimeout(900_000);
  const copy = await copyRepository();
  let dev: DevServer | undefined;
  try {
    const before = await buildIframe(copy);

    dev = await startDev(copy.root);
    await dev.ready;
    const { origins } = dev;

    expectSuccess(
      'following the guide',
      await copy.run('node', ['scripts/docs-examples.mjs', 'docs/add-a-feature.md']),
    );

    // No restart: the new route, migration and panel are picked up by the running servers.
    const reminders = (method: string) => (response: Response) =>
      response.url() === `${origins.api}/api/reminders` && response.request().method() === method;
    const listed = page.waitForResponse(reminders('GET'), { timeout: 240_000 });
    await page.goto(origins.host);
    const app = page.frameLocator('iframe[title="Partner app"]');
    await expect(app.getByRole('heading', { name: 'My reminders' })).toBeVisible({
      timeout: 240_000,
    });
    const list = await listed;
    expect(list.status(), dev.output()).toBe(200);
    expect(list.headers()['access-control-allow-origin']).toBe(origins.app);

    await app.getByLabel('Reminder', { exact: true }).fill('Call the supplier');
    await app.getByLabel('Due', { exact: true }).fill('2030-01-01T09:00');
    const added = page.waitForResponse(reminders('POST'));
    await app.getByRole('button', { name: 'Add reminder' }).click();
    const created = await added;
    expect(created.status(), dev.output()).toBe(201);
    expect(created.headers()['access-control-allow-origin']).toBe(origins.app);
    await expect(app.getByRole('list', { name: 'Reminders' }).getByRole('listitem')).toHaveText([
      /^Call the supplier, /,
    ]);
    await expect(app.getByRole('alert')).toHaveCount(0);

    const preflight = await request.fetch(`${origins.api}/api/reminders`, {
      method: 'OPTIONS',
      headers: {
        Origin: origins.app,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });
    expect(preflight.status()).toBe(204);
    expect(preflight.headers()['access-control-allow-origin']).toBe(origins.app);
    const granted = preflight.headers()['access-control-allow-methods']?.split(',');
    // The route's methods, and OPTIONS, which the preflight itself is.
    expect(new Set(granted?.map((method) => method.trim()))).toEqual(
      new Set(['GET', 'POST', 'OPTIONS']),
    );

    await dev.stop();
    expectSuccess('pnpm typecheck', await copy.run('pnpm', ['typecheck']));
    expectSuccess('pnpm lint', await copy.run('pnpm', ['lint']));
    expectSuccess(
      "the example's route test",
      await copy.run('pnpm', [
        '--filter',
        '@partner/api',
        'exec',
        'vitest',
        'run',
        'test/app/api/reminders',
      ]),
    );

    // The panel is a chunk of its own, loaded after the identity: start-up JS barely moves.
    const after = await buildIframe(copy);
    expect(after.gzipBytes - before.gzipBytes).toBeLessThan(1024);
    expect(after.lazy.map((file) => file.path)).toContainEqual(
      expect.stringMatching(/\/Reminders-[\w-]+\.js$/),
    );
  } finally {
    await dev?.stop();
    await copy.remove();
  }
});
