import { test, expect, BrowserContext, Page, Response } from '@playwright/test';
import * as path from 'path';
import { fillReport } from './report_form';
import { signIn } from './console';

// Reports written on a bad network: kept on the phone, sent when the connection returns, one
// ticket however often they are sent (the Idempotency-Key of public/outbox.js).
const photo = path.join(__dirname, '..', 'fixtures', 'street-1600x1200.jpg');

/** Opens /report once the service worker controls the page (it keeps the app shell). */
async function openControlled(page: Page) {
  await page.goto('/report');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.locator('body[data-hydrated]').waitFor();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBeTruthy();
}

/** Every answer of the intake during the test, to the pages or to the service worker (which
 * sends waiting reports through Background Sync): status, ticket and whether it was a replay. */
function intakeAnswers(context: BrowserContext) {
  const answers: { status: number; replayed: string | null; ticket: string }[] = [];
  context.on('response', async (r: Response) => {
    if (!r.url().endsWith('/api/v1/reports') || r.request().method() !== 'POST') return;
    const body = await r.json().catch(() => ({}));
    answers.push({ status: r.status(), replayed: r.headers()['idempotent-replayed'] ?? null, ticket: body.ticket_no });
  });
  return answers;
}

test('a report written offline with a photo is kept, survives a reload and is sent once when online', async ({ page, context }) => {
  await openControlled(page);
  const answers = intakeAnswers(context);
  // The worker keeps the page's own WASM, not only the browser's HTTP cache.
  const kept = await page.evaluate(async () => (await (await caches.open('minsheng-assets')).keys()).map((r) => new URL(r.url).pathname));
  expect(kept.some((p) => /^\/pkg\/minsheng\.[0-9a-f]{16}_bg\.wasm$/.test(p))).toBeTruthy();
  await context.setOffline(true);
  await fillReport(page);
  await page.getByTestId('description').fill('地下车库没有信号，入口处的排水沟盖板缺了一块，车轮容易卡进去。');
  await page.getByTestId('photo-input').setInputFiles([photo]);
  await expect(page.getByTestId('photo-previews').locator('img')).toHaveCount(1);
  await expect(page.getByTestId('photos-preparing')).toHaveCount(0);
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('report-queued')).toBeVisible();

  // The tab is reloaded without a connection: the page comes from the phone, the report is
  // still there, waiting.
  await page.reload();
  await page.locator('body[data-hydrated]').waitFor();
  const waiting = page.getByTestId('outbox-draft');
  await expect(waiting).toHaveCount(1);
  await expect(waiting).toContainText('待发送');
  await expect(waiting).toContainText('地下车库没有信号');

  await context.setOffline(false);
  await expect(waiting).toHaveCount(0, { timeout: 30_000 });
  const made = answers.filter((a) => a.status === 201);
  expect(made.length).toBeGreaterThanOrEqual(1);
  // Sent by the page and by the service worker at once, it is still one ticket.
  expect(made.filter((a) => a.replayed === 'false')).toHaveLength(1);
  expect(new Set(made.map((a) => a.ticket)).size).toBe(1);

  // The case is now one of "my cases".
  await page.goto('/mine');
  await expect(page.getByText(made[0].ticket)).toBeVisible();
});

test('a report whose answer was lost on the way is sent again and still makes one ticket', async ({ page, context }) => {
  await openControlled(page);
  const answers = intakeAnswers(context);
  // The server files the first send, but its answer never reaches the phone.
  let lost = 0;
  let filed = '';
  await page.route('**/api/v1/reports', async (route) => {
    if (lost++ === 0) {
      filed = (await (await route.fetch()).json()).ticket_no;
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  await fillReport(page);
  await page.getByTestId('description').fill('公交站的候车亭顶棚破了一个大洞，下雨天没法躲雨。');
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('report-queued')).toBeVisible();
  // Sent again as soon as the connection is back (the service worker's Background Sync, or
  // the next page of the portal opened): the server answers the first send's ticket.
  await page.unroute('**/api/v1/reports');
  await page.goto('/mine');
  await expect.poll(() => answers.length, { timeout: 30_000 }).toBe(1);
  await expect(page.getByTestId('outbox-draft')).toHaveCount(0);
  expect(filed).toMatch(/^\d{8}-\d{6}$/);
  expect(answers).toEqual([{ status: 201, replayed: 'true', ticket: filed }]);
  await page.reload();
  await expect(page.getByText(filed)).toBeVisible();
  await expect(page.getByTestId('mine-case')).toHaveCount(1);
});

test('a case answer, a staff page and a signed-in page are never kept for the next person', async ({ page, context }) => {
  await openControlled(page);
  const tracked = '/track?no=20261101-000001&code=TRACKME2';
  await page.goto(tracked);
  await expect(page.getByTestId('case-status')).toBeVisible();
  await signIn(page, 'operator');
  // Signed in, the home page and the report form carry a session: not kept either.
  await page.goto('/');
  await page.goto('/report');
  const kept = await page.evaluate(async () => {
    const out: string[] = [];
    for (const name of await caches.keys()) {
      for (const r of await (await caches.open(name)).keys()) out.push(new URL(r.url).pathname + new URL(r.url).search);
    }
    return out;
  });
  expect(kept.filter((k) => k.includes('?') || k.startsWith('/staff') || k.startsWith('/api'))).toEqual([]);
  expect(kept).toContain('/report');

  // Offline, the case answer and the staff console are not there to be opened.
  await context.setOffline(true);
  await expect(page.goto(tracked)).rejects.toThrow();
  await expect(page.goto('/staff')).rejects.toThrow();
  // The public shell still opens (in a new tab: the failed navigations' error pages are
  // still settling in this one).
  const tab = await context.newPage();
  await tab.goto('/report');
  await expect(tab.getByTestId('submit')).toBeVisible();
  await context.setOffline(false);
});

/** Keeps, while offline, a report whose photo is not a picture at all (as if it had been
 * damaged on the phone): the server's own checks refuse it once the connection returns. */
async function keepRefusedReport(page: Page, context: BrowserContext) {
  await openControlled(page);
  await context.setOffline(true);
  const queued = await page.evaluate(async () => {
    const data = new FormData();
    const fields: [string, string][] = [['kind', 'complaint'], ['category', 'city.road-occupation'], ['district', 'rencheng'],
      ['street', 'rencheng-guhuai'], ['address', '古槐路 88 号东门'], ['description', '井盖松动，车辆经过时响声很大，晚上影响休息。'],
      ['contact_name', '张三'], ['contact_phone', '13805371234']];
    for (const [k, v] of fields) data.append(k, v);
    data.append('photos', new Blob(['not a picture at all'], { type: 'image/jpeg' }), 'broken.jpg');
    return (window as any).minshengOutbox.send(data, 'web', '井盖松动');
  });
  expect(queued).toEqual({ queued: true });
  await context.setOffline(false);
  await page.goto('/mine');
  await expect(page.getByTestId('outbox-draft')).toContainText('未能提交', { timeout: 30_000 });
}

test('a kept report the server refuses when it is finally sent stays on the phone with the reasons', async ({ page, context }) => {
  await keepRefusedReport(page, context);
  const draft = page.getByTestId('outbox-draft');
  await expect(draft).toContainText('井盖松动');
  await expect(draft.locator('p')).toContainText('第 1 张不是照片');
  // Still there after a reload; gone only when the citizen deletes it.
  await page.reload();
  await expect(draft).toHaveCount(1);
  page.once('dialog', (d) => d.accept());
  await draft.getByRole('button', { name: '删除' }).click();
  await expect(draft).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('outbox-draft')).toHaveCount(0);
});

test('a refused report is opened in the form, fixed and sent: one ticket, and the kept copy is gone', async ({ page, context }) => {
  await keepRefusedReport(page, context);
  const answers = intakeAnswers(context);
  await page.getByTestId('outbox-edit').click();
  await expect(page).toHaveURL(/\/report\?draft=/);
  await expect(page.getByTestId('editing-draft')).toBeVisible();
  // Everything written is back in the form, the damaged photo too.
  await expect(page.getByTestId('description')).toHaveValue('井盖松动，车辆经过时响声很大，晚上影响休息。');
  await expect(page.getByTestId('category')).toHaveValue('city.road-occupation');
  await expect(page.getByTestId('district')).toHaveValue('rencheng');
  await expect(page.getByTestId('street')).toHaveValue('rencheng-guhuai');
  await expect(page.getByTestId('address')).toHaveValue('古槐路 88 号东门');
  await expect(page.getByTestId('contact_phone')).toHaveValue('13805371234');
  await expect(page.locator('input[name="kind"][value="complaint"]')).toBeChecked();
  await expect(page.getByTestId('photo-remove')).toHaveCount(1);
  // The citizen removes the damaged photo, adds a good one and sends.
  await page.getByTestId('photo-remove').click();
  await page.getByTestId('photo-input').setInputFiles([photo]);
  await expect(page.getByTestId('photo-previews').locator('img')).toHaveCount(1);
  await expect(page.getByTestId('photos-preparing')).toHaveCount(0);
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('ticket-no')).toHaveText(/^\d{8}-\d{6}$/);
  expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
  await page.goto('/mine');
  await expect(page.getByTestId('mine-case')).not.toHaveCount(0);
  await expect(page.getByTestId('outbox-draft')).toHaveCount(0);
});

test.describe('a snap without a position', () => {
  test.use({ geolocation: undefined, permissions: [] });

  test('a snap taken offline is kept on the phone and sent once when the connection returns', async ({ page, context }) => {
    await page.goto('/snap');
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    await expect(page.locator('#snap-form[data-ready="true"]')).toBeAttached();
    const answers = intakeAnswers(context);
    await context.setOffline(true);
    // A photograph no other browser test sends (a repeat of one would earn its reporter nothing).
    await page.getByTestId('photo-input').setInputFiles(path.join(__dirname, '..', '..', 'app', 'tests', 'photos', 'chelsea.jpg'));
    await expect(page.getByTestId('photo-previews').locator('img')).toHaveCount(1);
    await page.getByTestId('district').selectOption('qufu');
    await page.getByTestId('street').selectOption('qufu-lucheng');
    await page.getByTestId('snap-text').fill('桥下垃圾堆了一周');
    await page.getByTestId('snap-snap-garbage').click();
    await expect(page.getByTestId('snap-queued')).toBeVisible();
    expect(answers).toHaveLength(0);
    // Waiting on the phone, also after a reload.
    await page.reload();
    await expect(page.getByTestId('outbox-draft')).toContainText('待发送');

    await context.setOffline(false);
    await expect.poll(() => answers.filter((a) => a.status === 201).length, { timeout: 30_000 }).toBe(1);
    await page.goto('/mine');
    await expect(page.getByTestId('outbox-draft')).toHaveCount(0);
    await expect(page.getByTestId('mine-case')).not.toHaveCount(0);
    expect(new Set(answers.filter((a) => a.status === 201).map((a) => a.ticket)).size).toBe(1);
  });
});
