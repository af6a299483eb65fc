import type { MockState } from '@intandem/mock-host/contract';
import type { FrameLocator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { API, APP, PLATFORM } from './support/urls.ts';

// getUser, getState and ChangeView end to end: the mock platform answers them from its state,
// the app inside the real iframe uses them for its language, direction and view, and never
// takes them for identity.

async function openPlatform(page: Page): Promise<FrameLocator> {
  await page.goto('/');
  const app = page.frameLocator('iframe[title="Partner app"]');
  await expect(app.getByTestId('staff-uid')).toBeVisible();
  return app;
}

/** A colleague of the signed-in staff member, in the same business. */
function colleagueOf(state: MockState) {
  const business = state.directory.find((b) => b.uid === state.business.uid);
  const colleague = business?.staff.find((s) => s.uid !== state.staff.uid);
  if (!colleague) throw new Error('the mock directory needs two staff members per business');
  return colleague;
}

test('getUser and getState reach the app: its language, brand host, view and life cycle', async ({
  page,
  platform,
}) => {
  await platform.update({ language: 'es', brandHost: 'crm.harbor-suite.example', view: 'my_view' });
  const app = await openPlatform(page);

  await expect(app.locator('html')).toHaveAttribute('lang', 'es');
  await expect(app.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(app.getByTestId('platform-language')).toHaveText('es');
  await expect(app.getByTestId('platform-brand-host')).toHaveText('crm.harbor-suite.example');
  await expect(app.getByTestId('platform-view')).toHaveText('My view');
  // demo:start
  await expect(app.getByRole('heading', { name: 'My notes' })).toBeVisible();
  // demo:end
  // getState again after ready(): the widget's life cycle as the platform tracks it.
  await expect(app.getByTestId('platform-host')).toHaveText('intandem-mock (page), ready');
  await expect(page.getByTestId('app-lifecycle')).toHaveText('loading → loaded → ready');
  await expect(page.getByRole('status')).toBeHidden();
  // Dates in the platform's language, through Intl.
  const expiry = app.getByTestId('token-expiry').locator('time');
  const [iso, shown] = [await expiry.getAttribute('datetime'), await expiry.textContent()];
  expect(shown).toBe(
    new Intl.DateTimeFormat('es', { timeStyle: 'medium' }).format(new Date(iso ?? '')),
  );
});

test('a language change in the dev panel reloads the app in that language', async ({ page }) => {
  const app = await openPlatform(page);
  await expect(app.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await expect(app.locator('html')).toHaveAttribute('lang', 'de');
  await expect(app.getByTestId('platform-language')).toHaveText('de');
  await expect(page.getByTestId('app-lifecycle')).toHaveText('loading → loaded → ready');
});

test('the view switch in the dev panel reaches the app live, and the panel shows the ack', async ({
  page,
}) => {
  const app = await openPlatform(page);
  await expect(app.getByTestId('platform-view')).toHaveText('Team');
  // demo:start
  await expect(app.getByRole('heading', { name: 'Business notes' })).toBeVisible();
  const mine = page.waitForRequest(
    (request) =>
      request.url().startsWith(`${API}/api/notes?`) &&
      new URL(request.url()).searchParams.get('author') === 'me' &&
      request.method() === 'GET',
  );
  // demo:end

  await page.getByRole('combobox', { name: 'View' }).selectOption('my_view');
  // demo:start
  await mine;
  await expect(app.getByRole('heading', { name: 'My notes' })).toBeVisible();
  // demo:end
  await expect(app.getByTestId('platform-view')).toHaveText('My view');
  await expect(page.getByTestId('view-ack')).toHaveText(
    'ChangeView to My view: acked, status true, data {"view":"my_view"}.',
  );
  // Switched live: the same app instance, no reload.
  await expect(page.getByTestId('app-lifecycle')).toHaveText('loading → loaded → ready');

  await page.getByRole('combobox', { name: 'View' }).selectOption('team');
  await expect(app.getByTestId('platform-view')).toHaveText('Team');
  // demo:start
  await expect(app.getByRole('heading', { name: 'Business notes' })).toBeVisible();
  // demo:end
  await expect(page.getByTestId('view-ack')).toHaveText(
    'ChangeView to Team: acked, status true, data {"view":"team"}.',
  );
});

// demo:start
test("my view lists the caller's own notes only; team lists the business's", async ({
  page,
  request,
  platform,
}) => {
  const state = await platform.state();
  const colleague = colleagueOf(state);
  const tag = crypto.randomUUID().slice(0, 8);
  const write = async (text: string) => {
    const created = await request.post(`${API}/api/notes`, {
      headers: { Authorization: `Bearer ${await platform.issueToken()}` },
      data: { text },
    });
    expect(created.status()).toBe(201);
  };
  await write(`Mine ${tag}`);
  await platform.update({ staffUid: colleague.uid });
  await write(`Theirs ${tag}`);
  await platform.update({ staffUid: state.staff.uid });

  const app = await openPlatform(page);
  const tagged = app.getByRole('list', { name: 'Notes' }).locator('li p', { hasText: tag });
  await expect(tagged).toHaveText([`Theirs ${tag}`, `Mine ${tag}`]);

  await page.getByRole('combobox', { name: 'View' }).selectOption('my_view');
  await expect(app.getByRole('heading', { name: 'My notes' })).toBeVisible();
  await expect(tagged).toHaveText([`Mine ${tag}`]);
  await expect(page.getByTestId('view-ack')).toContainText('acked, status true');

  await page.getByRole('combobox', { name: 'View' }).selectOption('team');
  await expect(tagged).toHaveText([`Theirs ${tag}`, `Mine ${tag}`]);
});
// demo:end

test('in Hebrew the app is right to left, and nothing overflows the frame sideways', async ({
  page,
  platform,
}) => {
  const state = await platform.state();
  // The banner (and, with the demo, a long unbroken note): the widest things the app shows.
  await platform.update({ language: 'he', actorUid: colleagueOf(state).uid });
  const app = await openPlatform(page);
  await expect(app.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(app.locator('html')).toHaveAttribute('lang', 'he');
  await expect(app.getByTestId('impersonation-banner')).toBeVisible();
  // demo:start
  const long = `${'שלום'.repeat(20)}-${'x'.repeat(120)}`;
  await app.getByLabel('New note').fill(long);
  await app.getByRole('button', { name: 'Add note' }).click();
  await expect(app.getByRole('list', { name: 'Notes' }).getByText(long)).toBeVisible();
  // demo:end

  const frame = page.frames().find((candidate) => candidate.url().startsWith(APP));
  if (!frame) throw new Error('the app frame is missing');
  const layout = await frame.evaluate(() => {
    const root = document.documentElement;
    const overflowing = [...document.querySelectorAll('body *')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        const clipped = element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1;
        const outside = box.width > 0 && (box.left < -1 || box.right > root.clientWidth + 1);
        return clipped || outside;
      })
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    // Where the heading's text sits in its column: at the right edge when laid out right to left.
    const text = document.createRange();
    text.selectNodeContents(document.querySelector('h1') as Element);
    const line = text.getBoundingClientRect();
    const column = (document.querySelector('main') as Element).getBoundingClientRect();
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      overflowing,
      gapRight: column.right - line.right,
      gapLeft: line.left - column.left,
    };
  });
  expect(layout.overflowing).toEqual([]);
  expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
  expect(layout.gapRight).toBeLessThan(40);
  expect(layout.gapLeft).toBeGreaterThan(layout.gapRight);
});

test('a lying getUser is reported, and the verified identity is what the app shows', async ({
  page,
  platform,
}) => {
  const state = await platform.state();
  const other = state.directory.find((b) => b.uid !== state.business.uid);
  const stranger = other?.staff[0];
  if (!other || !stranger) throw new Error('the mock directory needs two businesses');
  await platform.update({ userOverride: { staffUid: stranger.uid, businessUid: other.uid } });

  const apiUrls: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(API)) apiUrls.push(request.url());
  });
  const app = await openPlatform(page);
  await expect(app.getByTestId('staff-uid')).toHaveText(state.staff.uid);
  await expect(app.getByTestId('business-uid')).toHaveText(state.business.uid);
  const mismatch = app.getByTestId('identity-mismatch');
  await expect(mismatch).toContainText(
    `staff member: the page says ${stranger.uid}, the verified token says ${state.staff.uid}`,
  );
  await expect(mismatch).toContainText(
    `business: the page says ${other.uid}, the verified token says ${state.business.uid}`,
  );
  // demo:start
  await expect(app.getByRole('heading', { name: 'Business notes' })).toBeVisible();
  // demo:end
  // The page's word never went to the API.
  expect(apiUrls.length).toBeGreaterThan(0);
  for (const url of apiUrls) expect(url).not.toContain(stranger.uid);
});

test('impersonation shows a banner naming whom the actor is acting as', async ({
  page,
  platform,
}) => {
  const state = await platform.state();
  const actor = colleagueOf(state);
  const app = await openPlatform(page);
  await expect(app.getByTestId('impersonation-banner')).toBeHidden();

  await page.getByRole('combobox', { name: 'Impersonated by' }).selectOption(actor.uid);
  await expect(app.getByTestId('impersonation-banner')).toContainText(
    `acting as ${state.staff.uid} (signed in as ${actor.uid})`,
  );
  await expect(app.getByTestId('identity-mismatch')).toBeHidden();
});

test('the app starts while the platform page is still loading, and what it says first is answered', async ({
  page,
  platform,
}) => {
  const state = await platform.state();
  // The frame's src is in the page's markup: hold the page's own script until the app has spoken.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(
    (url) => url.origin === PLATFORM && url.pathname.endsWith('.js'),
    async (route) => {
      await held;
      await route.continue();
    },
  );
  await page.goto('/', { waitUntil: 'commit' });
  // The page's inline keeper holds the app's init, posted before anything could answer it.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (window as { __mockEarlyMessages?: { events: unknown[] } }).__mockEarlyMessages?.events
            .length ?? 0,
      ),
    )
    .toBeGreaterThan(0);
  release();

  const app = page.frameLocator('iframe[title="Partner app"]');
  await expect(app.getByTestId('staff-uid')).toHaveText(state.staff.uid);
  await expect(page.getByTestId('app-lifecycle')).toHaveText('loading → loaded → ready');
  await expect(page.getByRole('status')).toBeHidden();
});
