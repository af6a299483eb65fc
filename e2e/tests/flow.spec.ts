import { expect, test } from '@playwright/test';

test('the app inside the platform shows the staff member the API verified', async ({ page }) => {
  await page.goto('/');
  const state = await (await page.request.get('/__mock/state')).json();

  const app = page.frameLocator('iframe[title="Partner app"]');
  await expect(app.getByTestId('staff-uid')).toHaveText(state.staff.uid);
  // The app called ready(), so the platform removed its loader.
  await expect(page.getByRole('status')).toBeHidden();
});
