import { startServer } from '@partner/test-kit/http';
import type { Page } from '@playwright/test';
import { decodeProtectedHeader } from 'jose';
import { expect, test } from './support/fixtures.ts';
import { API, APP, PLATFORM } from './support/urls.ts';

// The whole flow in Chromium: the mock platform on localhost embeds the app from 127.0.0.1
// (another site), the SDK gets a token over postMessage, and the API verifies it.

const appFrame = (page: Page) => page.frameLocator('iframe[title="Partner app"]');

async function openPlatform(page: Page) {
  await page.goto('/');
  return appFrame(page);
}

test('the app inside the platform shows the staff member the API verified', async ({
  page,
  platform,
}) => {
  const state = await platform.state();
  const app = await openPlatform(page);
  await expect(app.getByTestId('staff-uid')).toHaveText(state.staff.uid);
  await expect(app.getByTestId('business-uid')).toHaveText(state.business.uid);
  // The app called ready(), so the platform removed its loader.
  await expect(page.getByRole('status')).toBeHidden();
});

test('the token never appears in a URL, in storage or in cookies', async ({ page }) => {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  const tokenResponse = page.waitForResponse('**/v3/apps/compact_jws_tokens');
  const app = await openPlatform(page);
  const { data } = await (await tokenResponse).json();
  await expect(app.getByTestId('staff-uid')).toBeVisible();

  expect(data.token.split('.')).toHaveLength(3);
  expect(urls).toContain(`${API}/api/me`);
  for (const url of urls) expect(url).not.toContain(data.token);
  const frame = page.frames().find((f) => f.url().startsWith(APP));
  if (!frame) throw new Error('the app frame is missing');
  // Chromium denies storage to this cross-site frame (third-party storage blocking), so read
  // what is readable in the frame, and everything the browser context holds.
  const inFrame = await frame.evaluate(() => {
    const read = (get: () => unknown) => {
      try {
        return get();
      } catch {
        return null;
      }
    };
    return JSON.stringify([
      read(() => ({ ...localStorage })),
      read(() => ({ ...sessionStorage })),
      read(() => document.cookie),
    ]);
  });
  expect(inFrame).not.toContain(data.token);
  const everything = await page.context().storageState();
  expect(JSON.stringify(everything)).not.toContain(data.token);
});

test.describe('dev panel: bad tokens show the error the API returns', () => {
  const presets = [
    ['Expired token', 'token_expired'],
    ['Wrong audience', 'invalid_audience'],
    ['Tampered token', 'invalid_signature'],
    ['Unknown key id', 'unknown_key'],
    ['HS256 token', 'unsupported_algorithm'],
  ] as const;
  for (const [button, code] of presets) {
    test(`${button} → ${code}`, async ({ page }) => {
      const app = await openPlatform(page);
      await expect(app.getByTestId('staff-uid')).toBeVisible();

      await page.getByRole('button', { name: button }).click();
      await expect(page.getByRole('button', { name: button })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      await expect(page.getByTestId('expected-code')).toContainText(code);
      await expect(app.getByTestId('error-code').first()).toHaveText(code);
      await expect(app.getByTestId('staff-uid')).toBeHidden();

      await page.getByRole('button', { name: 'Valid tokens' }).click();
      await expect(app.getByTestId('staff-uid')).toBeVisible();
    });
  }
});

test('switching the staff member and impersonating reach the API', async ({ page, platform }) => {
  const state = await platform.state();
  const business = state.directory.find((b) => b.uid === state.business.uid);
  const other = business?.staff.find((s) => s.uid !== state.staff.uid);
  if (!other) throw new Error('the mock directory needs two staff members per business');
  const app = await openPlatform(page);
  await expect(app.getByTestId('staff-uid')).toHaveText(state.staff.uid);

  await page.getByRole('combobox', { name: 'Staff member' }).selectOption(other.uid);
  await expect(app.getByTestId('staff-uid')).toHaveText(other.uid);
  await expect(app.getByTestId('actor-uid')).toBeHidden();

  await page.getByRole('combobox', { name: 'Impersonated by' }).selectOption(state.staff.uid);
  await expect(app.getByTestId('actor-uid')).toHaveText(state.staff.uid);
  await expect(app.getByTestId('staff-uid')).toHaveText(other.uid);
});

// demo:start
test('a note added in the app is listed for its business only, and can be deleted', async ({
  page,
  platform,
}) => {
  const state = await platform.state();
  const text = `Follow up with ${crypto.randomUUID().slice(0, 8)}`;
  const app = await openPlatform(page);
  const notes = app.getByRole('list', { name: 'Notes' });

  await app.getByLabel('New note').fill(text);
  await app.getByRole('button', { name: 'Add note' }).click();
  await expect(notes.getByText(text)).toBeVisible();

  const otherBusiness = state.directory.find((b) => b.uid !== state.business.uid);
  if (!otherBusiness) throw new Error('the mock directory needs two businesses');
  await page.getByRole('combobox', { name: 'Business' }).selectOption(otherBusiness.uid);
  await expect(app.getByTestId('business-uid')).toHaveText(otherBusiness.uid);
  await expect(app.getByText('No notes yet.')).toBeVisible();
  await expect(notes.getByText(text)).toBeHidden();

  await page.getByRole('combobox', { name: 'Business' }).selectOption(state.business.uid);
  await expect(notes.getByText(text)).toBeVisible();
  await app.getByRole('button', { name: `Delete note: ${text}` }).click();
  await expect(notes.getByText(text)).toBeHidden();
});

test('older notes appear with "Load more", newest first', async ({ page, request, platform }) => {
  // More notes than one page holds (20), created through the API for the current staff member.
  const token = await platform.issueToken();
  const tag = crypto.randomUUID().slice(0, 8);
  const texts = Array.from({ length: 25 }, (_, i) => `Paged ${tag} #${i}`);
  for (const text of texts) {
    const created = await request.post(`${API}/api/notes`, {
      headers: { Authorization: `Bearer ${token}` },
      data: { text },
    });
    expect(created.status()).toBe(201);
  }
  const app = await openPlatform(page);
  const notes = app.getByRole('list', { name: 'Notes' });
  const mine = notes.locator('li p', { hasText: `Paged ${tag} #` });

  await expect(mine.first()).toHaveText(`Paged ${tag} #24`);
  await expect(mine).toHaveCount(20);
  await app.getByRole('button', { name: 'Load more' }).click();
  await expect(mine).toHaveCount(25);
  await expect(mine).toHaveText([...texts].reverse());
});

test("another staff member's note cannot be deleted: the app shows not_author", async ({
  page,
  platform,
}) => {
  const state = await platform.state();
  const business = state.directory.find((b) => b.uid === state.business.uid);
  const colleague = business?.staff.find((s) => s.uid !== state.staff.uid);
  if (!colleague) throw new Error('the mock directory needs two staff members per business');
  const text = `Written by the first staff member ${crypto.randomUUID().slice(0, 8)}`;
  const app = await openPlatform(page);
  const notes = app.getByRole('list', { name: 'Notes' });
  await app.getByLabel('New note').fill(text);
  await app.getByRole('button', { name: 'Add note' }).click();
  await expect(notes.getByText(text)).toBeVisible();

  await page.getByRole('combobox', { name: 'Staff member' }).selectOption(colleague.uid);
  await expect(app.getByTestId('staff-uid')).toHaveText(colleague.uid);
  await app.getByRole('button', { name: `Delete note: ${text.slice(0, 40)}` }).click();
  await expect(app.getByTestId('error-code')).toHaveText('not_author');
  await expect(notes.getByText(text)).toBeVisible();
});
// demo:end

test('after a key rotation the app keeps working with tokens signed by the new key', async ({
  page,
  platform,
}) => {
  const app = await openPlatform(page);
  await expect(app.getByTestId('staff-uid')).toBeVisible();
  const keys = page.getByRole('list', { name: 'Published keys' }).getByRole('listitem');
  await expect(keys).toHaveCount(1);

  await page.getByRole('button', { name: 'Rotate key' }).click();
  await expect(keys).toHaveCount(2);
  const state = await platform.state();
  const active = state.keys.find((key) => key.active);
  if (!active) throw new Error('no active key');

  // A reloaded app gets a new token, signed with the new key; the API refetches the JWKS once.
  const tokenResponse = page.waitForResponse('**/v3/apps/compact_jws_tokens');
  await page.getByRole('button', { name: 'Valid tokens' }).click();
  const { data } = await (await tokenResponse).json();
  expect(decodeProtectedHeader(data.token).kid).toBe(active.kid);
  await expect(app.getByTestId('staff-uid')).toHaveText(state.staff.uid);
});

test('with the JWKS down, a token signed by a new key shows jwks_unavailable', async ({ page }) => {
  const app = await openPlatform(page);
  await expect(app.getByTestId('staff-uid')).toBeVisible();
  await page.getByRole('button', { name: 'Rotate key' }).click();
  await expect(page.getByTestId('panel-message')).toHaveText('New signing key active.');
  await page.getByRole('combobox', { name: 'JWKS outage' }).selectOption('error');
  await expect(page.getByTestId('panel-message')).toContainText('outage');

  await page.getByRole('button', { name: 'Valid tokens' }).click();
  await expect(app.getByTestId('error-code').first()).toHaveText('jwks_unavailable');
});

test('the platform rate limit reaches the app as rate_limited', async ({ page, platform }) => {
  await platform.update({ tokenRateLimitPerMin: 1 });
  const app = await openPlatform(page);
  await expect(app.getByTestId('staff-uid')).toBeVisible();
  // A reload starts a new app with an empty token cache: its getAuth is the second this minute.
  await page.getByRole('button', { name: 'Valid tokens' }).click();
  await expect(app.getByTestId('error-code').first()).toHaveText('rate_limited');
});

test('opened outside the platform, the app says so instead of failing silently', async ({
  page,
}) => {
  await page.goto(APP);
  await expect(page.getByRole('alert')).toContainText('Open this app from the platform');
  await expect(page.getByTestId('error-code')).toHaveText('not_embedded');
});

test('no site can frame the platform page (its dev panel mints tokens on a click)', async ({
  page,
  request,
}) => {
  const response = await request.get(`${PLATFORM}/`);
  expect(response.headers()['content-security-policy']).toBe("frame-ancestors 'none'");
  expect(response.headers()['x-frame-options']).toBe('DENY');

  expect(await framedBy(page, `${PLATFORM}/`)).toBe('chrome-error://chromewebdata/');
});

test('no other site can frame the app (CSP frame-ancestors)', async ({ page, request }) => {
  const response = await request.get(APP);
  expect(response.headers()['content-security-policy']).toBe(`frame-ancestors ${PLATFORM}`);

  // Without the header the frame would commit the app's URL; refused, it shows an error page.
  expect(await framedBy(page, `${APP}/`)).toBe('chrome-error://chromewebdata/');
});

/** Where a frame of `url` on a page of another origin (an attacker's) ends up in Chromium. */
async function framedBy(page: Page, url: string): Promise<string> {
  const attacker = await startServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<iframe title="framed" src="${url}"></iframe>`);
  });
  const framed = page.waitForEvent(
    'framenavigated',
    (frame) => frame !== page.mainFrame() && frame.url() !== 'about:blank',
  );
  try {
    await page.goto(`${attacker.origin}/`);
    return (await framed).url();
  } finally {
    await attacker.close();
  }
}
