import type { Page } from '@playwright/test';
import { decodeProtectedHeader } from 'jose';
import { expect, test } from './support/fixtures.ts';

// The dev panel's bad-token modes, token inspector and rotation notice, checked against what
// the app inside the frame really shows: the code the API answered.

const appFrame = (page: Page) => page.frameLocator('iframe[title="Partner app"]');

async function openPlatform(page: Page) {
  await page.goto('/');
  const app = appFrame(page);
  await expect(app.getByTestId('staff-uid')).toBeVisible();
  return app;
}

async function chooseMode(page: Page, label: string) {
  const button = page.getByRole('button', { name: label, exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
}

test.describe('bad-token modes show the exact code the API answers', () => {
  const modes = [
    ['Wrong issuer', 'invalid_issuer', 'iss'],
    ['Wrong sub_type', 'invalid_subject', 'sub_type'],
    ['Missing kid', 'missing_kid', 'kid'],
    // 30 s ahead is beyond the verifier's 5 s clock tolerance.
    ['Clock 30 s ahead', 'token_not_yet_valid', 'iat / nbf'],
    // exp − iat of 7200 s is over the verifier's 3600 s maximum lifetime.
    ['Lifetime 2 h', 'token_lifetime_too_long', 'lifetime'],
  ] as const;
  for (const [label, code, step] of modes) {
    test(`${label} → ${code}`, async ({ page }) => {
      const app = await openPlatform(page);

      await chooseMode(page, label);
      await expect(page.getByTestId('expected-code')).toHaveText(code);
      await expect(app.getByTestId('error-code').first()).toHaveText(code);
      await expect(app.getByTestId('staff-uid')).toBeHidden();
      const verdict = page.getByTestId('token-verdict');
      await expect(verdict).toContainText(`Fails at ${step}`);
      await expect(verdict).toContainText(`The API answers 401 ${code}.`);

      await chooseMode(page, 'Valid tokens');
      await expect(app.getByTestId('staff-uid')).toBeVisible();
    });
  }

  test('Clock 3 s ahead stays inside the clock tolerance: the app works', async ({
    page,
    platform,
  }) => {
    const state = await platform.state();
    const app = await openPlatform(page);

    const tokenResponse = page.waitForResponse('**/__mock/tokens');
    await chooseMode(page, 'Clock 3 s ahead');
    const { token } = await (await tokenResponse).json();
    expect(token.split('.')).toHaveLength(3);
    await expect(page.getByTestId('expected-code')).toHaveText(
      'the signed-in staff member (no error)',
    );
    await expect(page.getByTestId('token-verdict')).toContainText('The API answers 200.');
    await expect(app.getByTestId('staff-uid')).toHaveText(state.staff.uid);
    await expect(app.getByTestId('error-code')).toHaveCount(0);
  });
});

test('the inspector decodes the token the app got, counts down, and never shows the signature', async ({
  page,
  context,
  platform,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const state = await platform.state();
  const active = state.keys.find((key) => key.active);
  const tokenResponse = page.waitForResponse('**/v3/apps/compact_jws_tokens');
  await openPlatform(page);
  const { data } = await (await tokenResponse).json();
  const token: string = data.token;
  const signature = token.split('.')[2] ?? '';

  await expect(page.getByTestId('token-status')).toContainText('Valid tokens, sent at');
  expect(decodeProtectedHeader(token).kid).toBe(active?.kid);
  await expect(page.getByLabel('Token header')).toContainText(active?.kid ?? 'no active key');
  const claims = page.getByLabel('Token claims');
  await expect(claims).toContainText(state.staff.uid);
  await expect(claims).toContainText('300 s');

  // A live countdown: it shows the time left, then a second later a smaller one.
  const countdown = page.getByTestId('token-countdown');
  await expect(countdown).toHaveText(/^expires in 4:5\d$/);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first ?? '');
  await expect(countdown).toHaveText(/^expires in 4:[45]\d$/);

  // Nowhere in the host page's DOM, text or attributes.
  const html = await page.content();
  expect(html).toContain(state.staff.uid);
  expect(html).not.toContain(signature.slice(0, 16));
  expect(html).not.toContain(signature.slice(-16));

  // Copy token hands over the whole token, signature included, for a command-line check.
  await page.getByRole('button', { name: 'Copy token' }).click();
  await expect(page.getByTestId('token-status')).toHaveText('Token copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
});

test('after a rotation the panel says the app may show unknown_key, and why', async ({ page }) => {
  await openPlatform(page);
  const expected = page.getByTestId('expected-code');
  await expect(expected).toHaveText('the signed-in staff member (no error)');

  await page.getByRole('button', { name: 'Rotate key' }).click();
  await expect(page.getByTestId('panel-message')).toHaveText('New signing key active.');
  await expect(expected).toContainText('unknown_key');
  await expect(expected).toContainText('cooldown');
  await expect(page.locator('#rotation-note')).toContainText('30 s in a production build');

  await page.getByRole('button', { name: 'Reset platform' }).click();
  await expect(expected).toHaveText('the signed-in staff member (no error)');
});

test('when the host gets no token, the inspector says why', async ({ page, platform }) => {
  await platform.update({ tokenRateLimitPerMin: 1 });
  await openPlatform(page);
  // The reload's getAuth is the second token this minute.
  await chooseMode(page, 'Valid tokens');
  await expect(page.getByTestId('token-status')).toContainText('No token sent: rate_limited.');
  await expect(page.getByTestId('token-countdown')).toHaveText('');
  await expect(page.getByRole('button', { name: 'Copy token' })).toBeDisabled();
});
