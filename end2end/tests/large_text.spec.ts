import { test, expect, Page } from '@playwright/test';
import * as path from 'path';

// 长辈版: a citizen who cannot read small text turns on the large-text view from the header;
// it stays on across pages and visits (a cookie) and turns off the same way.
const px = (page: Page, selector: string, property: string) =>
  page.locator(selector).first().evaluate((e, p) => parseFloat(getComputedStyle(e).getPropertyValue(p)), property);

test('an older citizen turns on large text: bigger words and buttons, the three main actions, kept on every page', async ({ page }) => {
  await page.goto('/');
  expect(await px(page, 'body', 'font-size')).toBeLessThan(18);
  await expect(page.getByTestId('home-public')).toBeVisible();

  await page.getByTestId('large-text-switch').click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('html')).toHaveClass(/large-text/);
  const size = await px(page, 'body', 'font-size');
  expect(size).toBeGreaterThanOrEqual(18);
  expect((await px(page, 'body', 'line-height')) / size).toBeGreaterThanOrEqual(1.5);
  // A simpler home: the three main actions, large; the other links are gone.
  for (const action of ['home-report', 'home-snap', 'home-track']) {
    await expect(page.getByTestId(action)).toBeVisible();
    expect((await page.getByTestId(action).boundingBox())!.height).toBeGreaterThanOrEqual(100);
  }
  await expect(page.getByTestId('home-public')).toBeHidden();
  await expect(page.getByTestId('large-text-switch')).toHaveText('标准版');
  await page.screenshot({ path: path.join(__dirname, '..', 'screenshots', 'large-text-home.png') });

  // The report form: large text, fields and the send button easy to hit.
  await page.getByTestId('home-report').click();
  await page.locator('body[data-hydrated]').waitFor();
  await expect(page.locator('html')).toHaveClass(/large-text/);
  expect(await px(page, '[data-testid=description]', 'font-size')).toBeGreaterThanOrEqual(18);
  expect((await page.getByTestId('submit').boundingBox())!.height).toBeGreaterThanOrEqual(56);
  expect((await page.getByTestId('large-text-switch').boundingBox())!.height).toBeGreaterThanOrEqual(44);

  // Still on at the next visit; off again with one tap, back on the same page.
  await page.goto('/track');
  await expect(page.locator('html')).toHaveClass(/large-text/);
  await page.getByTestId('large-text-switch').click();
  await expect(page).toHaveURL(/\/track$/);
  await expect(page.locator('html')).not.toHaveClass(/large-text/);
  expect(await px(page, 'body', 'font-size')).toBeLessThan(18);
  await expect(page.getByTestId('large-text-switch')).toHaveText('长辈版');
});

test('the large-text switch goes back only to a page of this site', async ({ request }) => {
  for (const back of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
    const r = await request.get(`/view/large?back=${encodeURIComponent(back)}`, { maxRedirects: 0 });
    expect(r.status()).toBe(303);
    expect(r.headers()['location']).toBe('/');
  }
});
