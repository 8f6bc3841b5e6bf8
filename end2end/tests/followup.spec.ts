import { test, expect, Page, APIRequestContext } from '@playwright/test';
import { signIn, signOut, openCase } from './console';
import * as fs from 'fs';
import * as path from 'path';

// The citizen's follow-through on a 390 px phone; the staff console in the same browser.
const fixtures = path.join(__dirname, '..', 'fixtures');
const reply1 = '经现场核查，古槐路东门的流动摊贩已清理，执法中队已安排早晚高峰定点值守。';
const reply2 = '科长到现场复查：摊贩已全部迁入便民市场，路口增设隔离护栏，每日巡查两次并公示电话。';

async function report(request: APIRequestContext, description: string, consent = 'false') {
  const response = await request.post('/api/v1/reports', {
    multipart: {
      kind: 'complaint', category: 'city.road-occupation', district: 'rencheng', street: 'rencheng-guhuai',
      address: '古槐路 88 号东门', description, latitude: '35.4150', longitude: '116.5870',
      contact_name: '李四', contact_phone: '13905371234', confidential: 'false', publish_consent: consent,
      photos: { name: 'street.jpg', mimeType: 'image/jpeg', buffer: fs.readFileSync(path.join(fixtures, 'street-1600x1200.jpg')) },
    },
  });
  expect(response.status()).toBe(201);
  return response.json() as Promise<{ ticket_no: string; query_code: string }>;
}

/** Handler contacts and drafts, head approves: a released reply, all through the console. */
async function replyThroughConsole(page: Page, no: string, text: string) {
  await signIn(page, 'rencheng.handler');
  await openCase(page, no);
  await page.getByTestId('submit-first_contact').click();
  await expect(page.getByTestId('staff-done')).toBeVisible();
  await page.getByTestId('reply-text').fill(text);
  await page.getByTestId('reply-phone').fill('0537-2345678');
  await page.getByTestId('submit-reply_drafted').click();
  await expect(page.getByTestId('staff-done')).toBeVisible();
  await signOut(page);
  await signIn(page, 'rencheng.head');
  await openCase(page, no);
  await page.getByTestId('submit-reply_approved').click();
  await expect(page.getByTestId('staff-done')).toBeVisible();
  await signOut(page);
}

test('unsatisfied reopens the case at level 1, a second reply is rated satisfied and the case closes', async ({ page, request }) => {
  const { ticket_no, query_code } = await report(request, '古槐路东门人行道被摊贩占满，行人只能走机动车道，希望尽快整治。');
  await signIn(page, 'operator');
  await openCase(page, ticket_no);
  await page.getByTestId('submit-accepted').click();
  await expect(page.getByTestId('dispatched-department')).toHaveValue('dept-rencheng');
  await page.getByTestId('submit-dispatched').click();
  await expect(page.getByTestId('department')).toHaveText('任城区人民政府');
  await signOut(page);
  await replyThroughConsole(page, ticket_no, reply1);

  // The citizen on the phone: reads the reply and is not satisfied.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/track?no=${ticket_no}&code=${query_code}`);
  await expect(page.getByTestId('case-reply')).toHaveText(reply1);
  await page.getByTestId('rate-unsatisfied').check();
  await page.getByTestId('rate-comment').fill('摊贩晚上又回来了');
  await page.getByTestId('rate-submit').click();
  await expect(page.getByTestId('rated')).toBeVisible();
  await expect(page.getByTestId('case-status')).toHaveAttribute('data-status', 'dispatched');
  await expect(page.getByTestId('case-level')).toContainText('第一级：科长办理');
  await expect(page.getByTestId('case-reopened')).toContainText('第一级');
  await expect(page.getByTestId('rating-form')).toHaveCount(0);

  // The department sees it reopened in its queue and replies again.
  await page.setViewportSize({ width: 1024, height: 900 });
  await signIn(page, 'rencheng.handler');
  await expect(page.locator(`[data-ticket="${ticket_no}"] [data-testid="flag-reopened"]`)).toContainText('重办');
  await signOut(page);
  await replyThroughConsole(page, ticket_no, reply2);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/track?no=${ticket_no}&code=${query_code}`);
  await expect(page.getByTestId('case-reply').last()).toHaveText(reply2);
  await page.getByTestId('rate-satisfied').check();
  await page.getByTestId('rate-submit').click();
  await expect(page.getByTestId('case-status')).toHaveAttribute('data-status', 'closed');
  await expect(page.getByTestId('case-status')).toHaveText('已办结');
  await expect(page.locator('[data-testid="case-rating"][data-rating="satisfied"]')).toBeVisible();

  // My cases remembers it (this browser only).
  await page.goto('/mine');
  await expect(page.locator(`[data-testid="mine-case"][data-ticket="${ticket_no}"] [data-testid="mine-status"]`)).toHaveText('已办结');
});

test('a citizen about to report the same problem joins the nearby case instead (me too)', async ({ page, request }) => {
  const { ticket_no } = await report(request, '古槐路东门早市占道经营，垃圾遍地，车辆无法通行。', 'true');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/report');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await page.getByTestId('category_group').selectOption('city');
  await page.getByTestId('category').selectOption('city.road-occupation');
  await page.getByTestId('district').selectOption('rencheng');
  await page.getByTestId('street').selectOption('rencheng-guhuai');
  // The list names no ticket number (and distances only in bands, see server/tests/stranger.rs):
  // the case is found by its text.
  const nearby = page.locator('[data-testid="nearby-case"]', { hasText: '古槐路东门早市占道经营' });
  await expect(nearby).toBeVisible();
  await expect(nearby).not.toContainText(ticket_no);
  await nearby.getByTestId('me-too').click();
  await expect(page.getByTestId('joined-no')).toHaveText(ticket_no);
  await expect(page.getByTestId('joined-count')).toHaveText('1');
  await page.getByTestId('joined-track').click();
  await expect(page.getByTestId('case-supporters')).toContainText('1位市民附议');
  // A supporter follows the case but does not rate it.
  await expect(page.getByTestId('rating-form')).toHaveCount(0);
  await page.goto('/mine');
  await expect(page.locator(`[data-testid="mine-case"][data-ticket="${ticket_no}"]`)).toBeVisible();
});

/** A staff member's step through the console's server functions (JSON), as `username`. */
async function staffAct(request: APIRequestContext, username: string, no: string, action: string, fields: Record<string, string> = {}) {
  const signIn = await request.post('/api/fn/staff/sign_in', { form: { username, password: 'minsheng-demo' } });
  expect(signIn.status()).toBe(200);
  const seen = await (await request.post('/api/fn/staff/case', { form: { ticket_no: no, reveal: 'false' } })).json();
  const done = await request.post('/api/fn/staff/act', { form: { ticket_no: no, version: String(seen.version), action, ...fields } });
  expect(done.status()).toBe(200);
}

test('the case page follows a change without reloading, and my cases marks what changed', async ({ page, request }) => {
  const { ticket_no, query_code } = await report(request, '古槐路东门的路灯连续一周不亮，晚上行人看不清路面。');
  await page.setViewportSize({ width: 390, height: 844 });
  const wasm: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  await page.goto(`/track?no=${ticket_no}&code=${query_code}`);
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await expect(page.getByTestId('case-status')).toHaveAttribute('data-status', 'submitted');
  // Following the case needs a 2 KB script, not the WASM bundle.
  expect(wasm).toEqual([]);

  // Seen as it is: not marked. After the operator accepts it: marked as changed.
  await page.goto('/mine');
  const line = page.locator(`[data-testid="mine-case"][data-ticket="${ticket_no}"]`);
  await expect(line).toHaveAttribute('data-changed', 'false');
  await staffAct(request, 'operator', ticket_no, 'accepted');
  await page.reload();
  await expect(line).toHaveAttribute('data-changed', 'true');
  await expect(line.getByTestId('mine-status')).toHaveText('已受理，等待转办');

  // Opening it marks it seen; the next change appears on the open page by itself.
  await line.locator('a').click();
  await expect(page.getByTestId('case-status')).toHaveAttribute('data-status', 'accepted');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await page.evaluate(() => { (window as any).sameDocument = true; });
  await staffAct(request, 'operator', ticket_no, 'dispatched', { department: 'dept-rencheng' });
  await expect(page.getByTestId('case-updated')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('case-status')).toHaveAttribute('data-status', 'dispatched');
  await expect(page.locator('[data-step="dispatched"]')).toContainText('任城区人民政府');
  expect(await page.evaluate(() => (window as any).sameDocument)).toBe(true);

  await page.goto('/mine');
  await expect(line).toHaveAttribute('data-changed', 'false');
});
