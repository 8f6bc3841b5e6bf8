import { test, expect, Page } from '@playwright/test';
import { signIn } from './console';
import { fillReport } from './report_form';

// Progress messages (SMS): a citizen on a phone reports with the messages on (the default)
// or ticks the opt-out; the operator accepts both cases and the case page shows what was sent.

async function reportFromPhone(page: Page, optOut: boolean): Promise<string> {
  await page.goto('/report');
  await page.locator('body[data-hydrated]').waitFor();
  await fillReport(page);
  if (optOut) await page.getByTestId('no_progress_sms').check();
  await page.getByTestId('submit').click();
  await expect(page).toHaveURL(/\/report\/done$/);
  return (await page.getByTestId('ticket-no').textContent())!.trim();
}

test('a citizen is told by text message that the case was accepted, unless they opted out', async ({ browser, page }) => {
  const wanted = await reportFromPhone(page, false);
  const quiet = await reportFromPhone(page, true);

  const staff = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const desk = await staff.newPage();
  await signIn(desk, 'operator');
  for (const no of [wanted, quiet]) {
    await desk.goto(`/staff/case?no=${no}`);
    await desk.getByTestId('submit-accepted').click();
    await expect(desk.getByTestId('staff-done')).toBeVisible();
  }
  // The sender works every few seconds: the page shows the message once it went out.
  await expect(async () => {
    await desk.goto(`/staff/case?no=${wanted}`);
    await expect(desk.getByTestId('message')).toHaveAttribute('data-delivery', 'sent', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const message = desk.getByTestId('message');
  await expect(message).toHaveAttribute('data-progress', 'accepted');
  await expect(message).toContainText(`/track?no=${wanted}`);
  await expect(message).toContainText('已发送');
  await desk.goto(`/staff/case?no=${quiet}`);
  await expect(desk.getByTestId('staff-case')).toBeVisible();
  await expect(desk.getByTestId('messages')).toHaveCount(0);
  await staff.close();
});
