import { test, expect } from '@playwright/test';
import { signIn } from './console';
import * as path from 'path';

// Notices (公告): the hotline publishes one in the console; a citizen on a 390 px phone sees it
// in the report form as soon as the category and the street are chosen, before writing, and
// can still report; staff see that the citizen saw it, and the notice counts it.

/** Beijing wall-clock time `hours` from now, as a datetime-local input takes it. */
const beijing = (hours: number) => new Date(Date.now() + (8 + hours) * 3_600_000).toISOString().slice(0, 16);
const TEXT = '因换热站检修，龙桥街道部分小区暂停供暖，预计当日恢复，无需重复反映。';

test('the hotline publishes a notice and a citizen on a phone sees it in the report form before writing, and can still report', async ({ browser, page }) => {
  const staff = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const desk = await staff.newPage();
  await signIn(desk, 'operator');
  await desk.getByTestId('nav-notices').click();
  await desk.getByTestId('notice-kind').selectOption('heating');
  await desk.getByTestId('places-yanzhou-longqiao').check();
  await desk.getByTestId('categories-utility.heating').check();
  await desk.getByTestId('notice-starts').fill(beijing(-1));
  await desk.getByTestId('notice-ends').fill(beijing(6));
  await desk.getByTestId('notice-text-input').fill(TEXT);
  await desk.getByTestId('publish-notice-submit').click();
  await expect(desk.getByTestId('staff-done')).toBeVisible();
  await expect(desk.getByTestId('staff-notice').filter({ hasText: TEXT })).toBeVisible();

  // The citizen: what and where first; the notice appears before the description.
  await page.goto('/report');
  await page.locator('body[data-hydrated]').waitFor();
  await page.getByText('投诉', { exact: true }).click();
  await page.getByTestId('category_group').selectOption({ label: '公用事业' });
  await page.getByTestId('category').selectOption({ label: '供暖' });
  await page.getByTestId('district').selectOption({ label: '兖州区' });
  await expect(page.getByTestId('notice-match')).toBeHidden();
  await page.getByTestId('street').selectOption({ label: '龙桥街道' });
  const match = page.getByTestId('notice-match');
  await expect(match).toContainText(TEXT);
  await expect(match).toContainText('停暖');
  await expect(match).toContainText('龙桥街道');
  const notice = (await match.boundingBox())!;
  const description = (await page.getByTestId('description').boundingBox())!;
  expect(notice.y).toBeLessThan(description.y);
  expect(notice.x).toBeGreaterThanOrEqual(0);
  expect(notice.x + notice.width).toBeLessThanOrEqual(390);
  await match.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(__dirname, '..', 'screenshots', 'notice-in-form.png') });

  // Not the same problem: the citizen reports anyway.
  await page.getByTestId('description').fill('我家暖气片漏水，地板已经泡了，和检修停暖不是一回事。');
  await page.getByTestId('address').fill('龙桥路 12 号 3 单元');
  await page.getByTestId('contact_name').fill('李四');
  await page.getByTestId('contact_phone').fill('13905371234');
  await page.getByTestId('submit').click();
  await expect(page).toHaveURL(/\/report\/done$/);
  const ticketNo = (await page.getByTestId('ticket-no').textContent())!.trim();

  // Staff: the case shows the notice its citizen saw; the notice counts the showing and the report.
  await desk.goto(`/staff/case?no=${ticketNo}`);
  await expect(desk.getByTestId('case-notices')).toContainText(TEXT);
  await expect(desk.getByTestId('case-notice-seen')).toHaveAttribute('data-seen', 'true');
  await desk.goto('/staff/notices');
  const counted = desk.getByTestId('staff-notice').filter({ hasText: TEXT });
  await expect(counted.getByTestId('notice-seen')).toHaveText('1');
  await expect(counted.getByTestId('notice-filed')).toHaveText('1');
  await expect(counted.getByTestId('notice-saved')).toHaveText('0');

  // Withdrawn: the form no longer shows it.
  await counted.getByTestId('withdraw-notice').click();
  await expect(desk.getByTestId('staff-done')).toBeVisible();
  await page.goto('/report');
  await page.locator('body[data-hydrated]').waitFor();
  await page.getByTestId('category_group').selectOption({ label: '公用事业' });
  await page.getByTestId('category').selectOption({ label: '供暖' });
  await page.getByTestId('district').selectOption({ label: '兖州区' });
  const asked = page.waitForResponse((r) => r.url().endsWith('/api/fn/notices_here'));
  await page.getByTestId('street').selectOption({ label: '龙桥街道' });
  expect((await asked).status()).toBe(200);
  // The script has read the answer (it marks what it showed, here nothing) and shows no notice.
  await expect(page.getByTestId('notice-match')).toHaveAttribute('data-seen', '');
  await expect(page.getByTestId('notice-match')).toBeHidden();
  await staff.close();
});

test('a notice the staff mistype is refused with its reason and what was typed kept', async ({ browser }) => {
  const staff = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const desk = await staff.newPage();
  await signIn(desk, 'operator');
  await desk.goto('/staff/notices');
  const before = await desk.getByTestId('staff-notice').count();
  await desk.getByTestId('places-qufu').check();
  await desk.getByTestId('notice-starts').fill(beijing(5));
  await desk.getByTestId('notice-ends').fill(beijing(1));
  await desk.getByTestId('notice-text-input').fill('孔庙周边举办灯会，晚间交通管制。');
  await desk.getByTestId('publish-notice-submit').click();
  await expect(desk.getByTestId('staff-error')).toContainText('结束时间须晚于开始时间');
  await expect(desk.getByTestId('notice-text-input')).toHaveValue('孔庙周边举办灯会，晚间交通管制。');
  await expect(desk.getByTestId('staff-notice')).toHaveCount(before);
  await staff.close();
});

test.describe('where the phone is', () => {
  test.use({ geolocation: { latitude: 35.4123, longitude: 116.5912 }, permissions: ['geolocation'] });

  test('/snap shows the notice of the place once the phone knows where it is, and the home page and /notices list it', async ({ page }) => {
    await page.goto('/snap');
    await expect(page.getByTestId('snap-district')).toBeVisible();
    const match = page.getByTestId('notice-match');
    await expect(match).toBeVisible();
    await expect(match).toContainText('停水');
    await expect(match).toContainText('古槐街道');

    await page.goto('/');
    await expect(page.getByTestId('home-current-notices')).toContainText('古槐街道');
    await page.getByTestId('home-notices').click();
    await expect(page).toHaveURL(/\/notices$/);
    await expect(page.getByTestId('notices').getByTestId('notice')).not.toHaveCount(0);
    const feed = await page.request.get((await page.getByTestId('notices-feed').getAttribute('href'))!);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toContain('application/atom+xml');
    expect(await feed.text()).toContain('古槐街道');
  });
});
