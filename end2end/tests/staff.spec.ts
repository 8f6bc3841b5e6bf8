import { test, expect, APIRequestContext } from '@playwright/test';
import { signIn, signOut, openCase } from './console';
import * as fs from 'fs';
import * as path from 'path';

// The staff console at a tablet/desktop width; the citizen's lookup stays on the phone viewport.
const fixtures = path.join(__dirname, '..', 'fixtures');

/** A citizen's report with a real photo, through the intake endpoint the web form uses. */
async function report(request: APIRequestContext): Promise<{ ticket_no: string; query_code: string }> {
  const response = await request.post('/api/v1/reports', {
    multipart: {
      kind: 'complaint', category: 'city.road-occupation', district: 'rencheng', street: 'rencheng-guhuai',
      address: '古槐路 88 号东门', description: '人行道上长期有摊贩占道经营，行人只能走机动车道，很危险。',
      contact_name: '张三', contact_phone: '13805371234', confidential: 'true', publish_consent: 'false',
      photos: { name: 'street.jpg', mimeType: 'image/jpeg', buffer: fs.readFileSync(path.join(fixtures, 'street-1600x1200.jpg')) },
    },
  });
  expect(response.status()).toBe(201);
  return response.json();
}

const draft = '经现场核查，古槐路东门的流动摊贩已清理，执法中队已安排早晚高峰定点值守。';
const fixed = draft + '巡查安排：每日 7:00–9:00、17:00–19:00 各巡查一次，持续一个月。';

test.use({ viewport: { width: 1024, height: 900 }, isMobile: false, hasTouch: false });

test('operator dispatches, handler replies, head sends back then approves, citizen reads the reply', async ({ page, request }) => {
  const { ticket_no, query_code } = await report(request);

  // Operator: the new case is in the queue; accept, then dispatch to the suggested department.
  await signIn(page, 'operator');
  await expect(page.getByTestId('queue').locator(`[data-ticket="${ticket_no}"]`)).toBeVisible();
  await page.locator(`[data-ticket="${ticket_no}"] a`).click();
  await page.getByTestId('submit-accepted').click();
  await expect(page.getByTestId('staff-done')).toBeVisible();
  await expect(page.getByTestId('dispatched-department')).toHaveValue('dept-rencheng');
  await page.getByTestId('submit-dispatched').click();
  await expect(page.getByTestId('department')).toHaveText('任城区人民政府');
  await expect(page.getByTestId('due').first()).toContainText('工作日');
  await signOut(page);

  // Handler: a confidential case shows no reporter; record the first contact and draft a reply.
  await signIn(page, 'rencheng.handler');
  await expect(page.getByTestId('queue').locator(`[data-ticket="${ticket_no}"]`)).toBeVisible();
  await openCase(page, ticket_no);
  await expect(page.getByTestId('contact-confidential')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('13805371234');
  await page.getByTestId('first_contact-note').fill('经热线转达，已与市民约定现场查看时间。');
  await page.getByTestId('submit-first_contact').click();
  await page.getByTestId('reply-text').fill(draft);
  await page.getByTestId('reply-phone').fill('0537-2213456');
  await page.getByTestId('submit-reply_drafted').click();
  await expect(page.getByTestId('staff-case')).toHaveAttribute('data-status', 'reply_drafted');
  await signOut(page);

  // Head: the reply is not specific enough; send it back with the reason.
  await signIn(page, 'rencheng.head');
  await expect(page.getByTestId('queue')).toHaveAttribute('data-queue', 'awaiting_approval');
  await openCase(page, ticket_no);
  await expect(page.getByTestId('draft')).toHaveText(draft);
  await page.getByTestId('reply_sent_back-note').fill('请写明后续巡查的时间安排。');
  await page.getByTestId('submit-reply_sent_back').click();
  await expect(page.getByTestId('staff-case')).toHaveAttribute('data-status', 'handling');
  await signOut(page);

  // Handler fixes the reply; a phone that is not a phone is refused and the text is kept.
  await signIn(page, 'rencheng.handler');
  await openCase(page, ticket_no);
  await page.getByTestId('reply-text').fill(fixed);
  await page.getByTestId('reply-phone').fill('12');
  await page.getByTestId('submit-reply_drafted').click();
  await expect(page.getByTestId('staff-error')).toHaveAttribute('data-code', 'refused.responder_phone');
  await expect(page.getByTestId('reply-text')).toHaveValue(fixed);
  await page.getByTestId('reply-phone').fill('0537-2213456');
  await page.getByTestId('submit-reply_drafted').click();
  await expect(page.getByTestId('staff-case')).toHaveAttribute('data-status', 'reply_drafted');
  await signOut(page);

  // Head approves: the reply is released.
  await signIn(page, 'rencheng.head');
  await openCase(page, ticket_no);
  await page.getByTestId('submit-reply_approved').click();
  await expect(page.getByTestId('released-reply')).toHaveText(fixed);
  await page.screenshot({ path: path.join(__dirname, '..', 'screenshots', 'staff-case.png'), fullPage: true });
  await signOut(page);

  // The citizen, on the phone, sees the timeline and the approved reply, never the draft.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/track?no=${ticket_no}&code=${query_code}`);
  await expect(page.getByTestId('case-status')).toHaveText('已答复');
  await expect(page.getByTestId('case-reply')).toHaveText(fixed);
  await expect(page.getByTestId('case-responder')).toHaveText('任城区 孙丽');
  const steps = await page.getByTestId('timeline').locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-step')));
  expect(steps).toEqual(['created', 'accepted', 'dispatched', 'first_contact', 'reply_approved']);
  await expect(page.getByTestId('timeline')).toContainText('任城区人民政府');
  await expect(page.locator('body')).not.toContainText('请写明后续巡查');
});

test('a wrong password is refused and a department cannot open another department\'s case', async ({ page }) => {
  await page.goto('/staff');
  await page.getByTestId('username').fill('operator');
  await page.getByTestId('password').fill('not-the-password');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('staff-error')).toContainText('用户名或密码不正确');
  await signIn(page, 'water.handler');
  await page.goto('/staff/case?no=20261101-000001');
  await expect(page.getByTestId('staff-error')).toHaveAttribute('data-code', 'not_found');
});
