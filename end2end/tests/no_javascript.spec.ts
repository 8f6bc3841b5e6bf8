import { test, expect, Page } from '@playwright/test';
import * as path from 'path';
import { fillReport } from './report_form';

// The report form on a phone whose browser runs no JavaScript, or runs it but never gets the
// WASM: a plain multipart post, answered by the server with the page itself. (Chromium with
// scripts turned off by Playwright does not show <noscript>; the server test checks its text.)
const photo = path.join(__dirname, '..', 'fixtures', 'street-1600x1200.jpg');

/** Fills in the report form, chooses a photo, sends it: the ticket number the answer shows. */
async function sendWithPhoto(page: Page): Promise<string> {
  await page.goto('/report');
  await fillReport(page);
  await page.getByTestId('photo-input').setInputFiles([photo]);
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('done')).toBeVisible();
  return (await page.getByTestId('ticket-no').textContent())!.trim();
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a citizen sends a report with a photo and gets the ticket number and query code', async ({ page }) => {
    const no = await sendWithPhoto(page);
    await expect(page.getByTestId('query-code')).toHaveText(/^[A-Z0-9]{8}$/);
    await expect(page.getByTestId('copy')).toHaveCount(0);

    // The tracking link opens the case, its photo included.
    await page.getByTestId('track-link').click();
    await expect(page.getByTestId('case')).toContainText(no);
    await expect(page.getByTestId('case').locator('img')).not.toHaveCount(0);
  });

  test('a refused report comes back filled in with the messages and is taken once corrected', async ({ page }) => {
    await page.goto('/report');
    await fillReport(page);
    await page.getByTestId('description').fill('太吵了');
    await page.getByTestId('photo-input').setInputFiles([photo]);
    await page.getByTestId('submit').click();

    const problems = page.getByTestId('posted-errors');
    await expect(problems).toContainText('问题描述: 至少 10 个字');
    await expect(problems.getByTestId('photos-again')).toBeVisible();
    await expect(page.locator('.field.invalid').getByText('至少 10 个字')).toBeVisible();
    await expect(page.getByTestId('description')).toHaveValue('太吵了');
    await expect(page.getByTestId('category')).toHaveValue('city.road-occupation');
    await expect(page.getByTestId('street')).toHaveValue('rencheng-guhuai');
    await expect(page.getByTestId('address')).toHaveValue('古槐路 88 号东门');
    await expect(page.getByTestId('confidential')).toBeChecked();

    await page.getByTestId('description').fill('晚上十点以后广场舞音响还开得很大，影响周边居民休息。');
    await page.getByTestId('photo-input').setInputFiles([photo]);
    await page.getByTestId('submit').click();
    await expect(page.getByTestId('done')).toBeVisible();
    await expect(page.getByTestId('ticket-no')).toHaveText(/^\d{8}-\d{6}$/);
  });
});

test('when the WASM does not load, the form still sends and the case is kept in 我的', async ({ page, context }) => {
  await context.route('**/pkg/*.wasm', (route) => route.abort());
  const no = await sendWithPhoto(page);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('minsheng.cases') ?? '')).toContain(no);
});
