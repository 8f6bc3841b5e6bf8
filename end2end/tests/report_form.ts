import { Page } from '@playwright/test';

// The report form steps the browser tests share: a complaint about street vending in
// Rencheng, confidential, without photos.
export async function fillReport(page: Page) {
  await page.getByText('投诉', { exact: true }).click();
  await page.getByTestId('category_group').selectOption({ label: '城市管理' });
  await page.getByTestId('category').selectOption({ label: '占道经营' });
  await page.getByTestId('description').fill('人行道上长期有摊贩占道经营，行人只能走机动车道，很危险。');
  await page.getByTestId('district').selectOption({ label: '任城区' });
  await page.getByTestId('street').selectOption({ label: '古槐街道' });
  await page.getByTestId('address').fill('古槐路 88 号东门');
  await page.getByTestId('contact_name').fill('张三');
  await page.getByTestId('contact_phone').fill('13805371234');
  await page.getByTestId('confidential').check();
}
