import { test, expect } from '@playwright/test';
import { signIn } from './console';

// The knowledge base (知识库): a citizen on a 390 px phone typing a question into the report
// form sees the hotline's answers appear under the field while typing, and can still report;
// /help finds the same; hotline staff write an article and the form finds it at once.

test('a citizen typing a question in the report form sees the best answers appear under the field', async ({ page }) => {
  await page.goto('/report');
  await page.locator('body[data-hydrated]').waitFor();
  await page.getByText('咨询', { exact: true }).click();
  const answers = page.getByTestId('help-suggest');
  await expect(answers).toBeHidden();
  // Typed as a phone types: key by key.
  await page.getByTestId('description').pressSequentially('我家没水了，什么时候来水', { delay: 60 });
  await expect(answers).toBeVisible();
  const first = answers.getByTestId('help-suggestion').first();
  await expect(first).toContainText('家里突然停水了怎么办？');
  await expect(first).toContainText('市水务集团');
  expect(await answers.getByTestId('help-suggestion').count()).toBeLessThanOrEqual(3);
  // Under the field and within the phone's width.
  const box = (await answers.boundingBox())!;
  const field = (await page.getByTestId('description').boundingBox())!;
  expect(box.y).toBeGreaterThan(field.y);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  // A different question, different answers; the form itself is untouched.
  await page.getByTestId('description').fill('');
  await page.getByTestId('description').pressSequentially('楼下的路灯不亮好几天了', { delay: 40 });
  await expect(answers.getByTestId('help-suggestion').first()).toContainText('路灯不亮');
  await expect(page.getByTestId('description')).toHaveValue('楼下的路灯不亮好几天了');
  await expect(page.getByTestId('submit')).toBeEnabled();
});

test('/help finds an answer in a citizen\'s own words and a new article the hotline writes is found at once', async ({ browser, page }) => {
  await page.goto('/help');
  await page.getByTestId('help-query').fill('公司欠薪三个月了');
  await page.getByTestId('help-search').click();
  await expect(page.getByTestId('help-answer').first()).toContainText('单位拖欠工资怎么办？');

  const staff = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const desk = await staff.newPage();
  await signIn(desk, 'operator');
  await desk.getByTestId('nav-help').click();
  await desk.getByTestId('article-category').selectOption('city.greenery');
  await desk.getByTestId('article-department').selectOption('dept-urban');
  await desk.getByTestId('article-question').fill('太白湖公园几点开门？');
  await desk.getByTestId('article-answer').fill('太白湖公园全天开放，游船码头 8:30 至 17:30 营业。');
  await desk.getByTestId('save-article-submit').click();
  await expect(desk.getByTestId('staff-done')).toBeVisible();
  await expect(desk.getByTestId('article-revision')).toHaveCount(1);

  await page.getByTestId('help-query').fill('太白湖公园开放时间');
  await page.getByTestId('help-search').click();
  await expect(page.getByTestId('help-answer').first()).toContainText('太白湖公园几点开门？');
  await staff.close();
});
