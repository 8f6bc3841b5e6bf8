import { test, expect, Page } from '@playwright/test';
import { signIn, signOut, openCase } from './console';
import * as fs from 'fs';
import * as path from 'path';

// The reward scheme on a 390 px phone: sign up → snap with a real photo → staff verify →
// points appear → payout batch → the reporter sees "paid".
// A real photo no other browser test sends: the same upload twice earns nothing (exact repeat).
const photo = path.join(__dirname, '..', '..', 'app', 'tests', 'photos', 'coffee.jpg');

test.use({ geolocation: { latitude: 35.4123, longitude: 116.5912 }, permissions: ['geolocation'] });

/** The `nth` (from 1) one-time code the shipped message sender wrote to the server log. */
async function smsCode(mobile: string, nth = 1): Promise<string> {
  const log = path.join(process.env.MINSHENG_E2E_DATA!, 'server.log');
  for (let i = 0; i < 50; i++) {
    const text = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
    const found = [...text.matchAll(new RegExp(`SMS to ${mobile}: 民声验证码 (\\d{6})`, 'g'))][nth - 1];
    if (found) return found[1];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no code in the server log');
}

async function points(page: Page) {
  await page.goto('/rewards/me');
  return page.getByTestId('points-balance').locator('.value').textContent();
}

test('a reporter signs up, snaps a photo, is verified and paid', async ({ page }) => {
  test.setTimeout(120_000);
  const mobile = '13955550001';
  await page.goto('/rewards/join');
  await page.getByTestId('mobile').fill(mobile);
  await page.getByTestId('send-code').click();
  await expect(page.getByTestId('code-sent')).toBeVisible();
  await page.getByTestId('code').fill(await smsCode(mobile));
  await page.getByTestId('nickname').fill('街角观察员');
  await page.getByTestId('password').fill('reporter-secret-1');
  await page.getByTestId('register').click();
  await expect(page.getByTestId('reporter-done')).toBeVisible();
  await expect(page.getByTestId('reporter-bar')).toContainText('街角观察员');
  // Payment details need a code texted to the account's own mobile (the 2nd code it got).
  await page.getByTestId('send-payout-code').click();
  await expect(page.getByTestId('payout-code-sent')).toBeVisible();
  await page.getByTestId('payout-code').fill(await smsCode(mobile, 2));
  await page.getByTestId('real-name').fill('王小明');
  await page.getByTestId('account').fill('6222 0200 1234 5678');
  await page.getByTestId('save-claim').click();
  await expect(page.getByTestId('claimed')).toContainText('****5678');

  // Home → 随手拍 (tap 1) → camera (tap 2) → category (tap 3).
  await page.goto('/');
  await page.getByTestId('home-snap').click();
  await expect(page.locator('#snap-form[data-ready="true"]')).toBeAttached();
  expect(await page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')))).toBe(false);
  await expect(page.getByTestId('snap-reporter')).toContainText('街角观察员');
  await expect(page.getByTestId('snap-district')).toHaveAttribute('data-district', 'rencheng');
  await page.getByTestId('photo-input').setInputFiles(photo);
  await expect(page.getByTestId('photo-previews').locator('img')).toHaveCount(1);
  await page.getByTestId('snap-snap-stall').click();
  await expect(page.getByTestId('snap-done')).toBeVisible();
  const no = (await page.getByTestId('ticket-no').textContent())!.trim();

  await page.goto('/rewards/me');
  await expect(page.getByTestId('my-snap').filter({ hasText: no }).getByTestId('reward-state')).toHaveText('待核验');

  await signIn(page, 'operator');
  await page.getByTestId('tab-snaps').click();
  await expect(page.getByTestId('queue')).toContainText(no);
  await openCase(page, no);
  await expect(page.getByTestId('snap-reporter')).toHaveText('街角观察员');
  await page.getByTestId('verify-form').getByText('有效', { exact: true }).click();
  await expect(page.getByTestId('verdict-valid')).toBeChecked();
  await page.getByTestId('verify-submit').click();
  await expect(page.getByTestId('verified')).toBeVisible();
  await expect(page.getByTestId('snap-points')).toHaveText('3');
  await signOut(page);

  expect(await points(page)).toBe('3');
  await expect(page.getByTestId('my-snap').filter({ hasText: no }).getByTestId('reward-state')).toHaveText('已计分');

  await signIn(page, 'admin');
  await page.getByTestId('nav-payouts').click();
  await expect(page.getByTestId('ready-points').locator('.value')).toHaveText('3');
  await page.getByTestId('create-batch').click();
  await expect(page.getByTestId('payout-done')).toBeVisible();
  const batch = page.getByTestId('batch').first();
  await expect(batch).toContainText('3.00');
  const csv = await page.request.get(`/staff/payouts/${await batch.getAttribute('data-batch')}.csv`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain('王小明');
  await batch.getByTestId('mark-paid').click();
  await expect(page.getByTestId('batch').first().getByTestId('batch-state')).toContainText('已发放');
  await signOut(page);

  expect(await points(page)).toBe('0');
  await expect(page.getByTestId('my-snap').filter({ hasText: no }).getByTestId('reward-state')).toHaveText('已发放');
  await expect(page.getByTestId('my-payout').first().getByTestId('payout-state')).toContainText('已发放');
});

test.describe('without a position', () => {
  test.use({ geolocation: undefined, permissions: [] });

  test('an anonymous citizen picks the district by hand and sends a snap', async ({ page }) => {
    await page.goto('/snap');
    await expect(page.locator('#snap-form[data-ready="true"]')).toBeAttached();
    await expect(page.getByTestId('snap-anonymous')).toBeVisible();
    await expect(page.getByTestId('snap-manual')).toBeVisible();
    await page.getByTestId('snap-snap-garbage').click();
    await expect(page.getByTestId('snap-errors')).toContainText('请先拍照');
    await expect(page.getByTestId('snap-errors')).toContainText('请先选择区县和街道');
    await page.getByTestId('photo-input').setInputFiles(path.join(__dirname, '..', '..', 'app', 'tests', 'photos', 'rocket.jpg'));
    await expect(page.getByTestId('photo-previews').locator('img')).toHaveCount(1);
    await page.getByTestId('district').selectOption('qufu');
    await page.getByTestId('street').selectOption('qufu-lucheng');
    await page.getByTestId('snap-text').fill('河边垃圾堆了一周');
    await page.getByTestId('snap-snap-garbage').click();
    await expect(page.getByTestId('snap-done')).toBeVisible();
    await expect(page.getByTestId('ticket-no')).toHaveText(/^\d{8}-\d{6}$/);
    // The case page shows it as a snap of the chosen district.
    await page.getByTestId('track-link').click();
    await expect(page.getByTestId('case')).toContainText('垃圾');
  });
});
