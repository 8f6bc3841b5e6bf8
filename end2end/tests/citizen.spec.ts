import { test, expect, Page } from '@playwright/test';
import * as path from 'path';
import { fillReport } from './report_form';

const fixtures = path.join(__dirname, '..', 'fixtures');
const photos = [path.join(fixtures, 'street-1600x1200.jpg'), path.join(fixtures, 'pothole-1200x1600.jpg')];

/** Opens a page with the report form island and waits until it is interactive. */
async function openForm(page: Page, url: string) {
  await page.goto(url);
  await page.locator('body[data-hydrated]').waitFor();
}

/** A slow mobile network, so the upload takes long enough to watch. */
async function slowNetwork(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: 400 * 1024, uploadThroughput: 60 * 1024,
  });
}

test('citizen reports a problem with two photos, keeps the code and looks the case up', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await page.getByTestId('home-report').click();
  await expect(page).toHaveURL(/\/report$/);
  await page.locator('body[data-hydrated]').waitFor();
  await fillReport(page);
  // Three photos chosen, one removed again before sending: two are sent.
  await page.getByTestId('photo-input').setInputFiles([...photos, photos[0]]);
  await expect(page.getByTestId('photo-previews').locator('img')).toHaveCount(3);
  await expect(page.getByTestId('photos-preparing')).toHaveCount(0);
  await page.getByTestId('photo-remove').nth(2).click();
  await expect(page.getByTestId('photo-previews').locator('img')).toHaveCount(2);
  await page.screenshot({ path: path.join(__dirname, '..', 'screenshots', 'report-page.png'), fullPage: true });

  // The photos were shrunk in the browser before upload.
  const sizes = await page.getByTestId('photo-previews').locator('img').evaluateAll(
    (imgs) => imgs.map((i) => Math.max((i as HTMLImageElement).naturalWidth, (i as HTMLImageElement).naturalHeight)));
  expect(sizes.every((s) => s > 0 && s <= 2048)).toBeTruthy();

  await slowNetwork(page);
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/reports'));
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('upload-progress')).toBeVisible();
  expect((await answer).status()).toBe(201);

  await expect(page).toHaveURL(/\/report\/done$/);
  const ticketNo = (await page.getByTestId('ticket-no').textContent())!.trim();
  const code = (await page.getByTestId('query-code').textContent())!.trim();
  expect(ticketNo).toMatch(/^\d{8}-\d{6}$/);
  expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
  await expect(page.getByTestId('qr').locator('svg')).toBeVisible();
  await expect(page).toHaveTitle(/提交成功/);
  await page.getByTestId('copy').click();
  await expect(page.getByTestId('copy')).toHaveText('已复制');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(ticketNo);
  expect(copied).toContain(code);

  // The code is shown once: reloading the page does not show it again.
  await page.reload();
  await expect(page.locator('body')).not.toContainText(code);

  // Look it up through the form, as a citizen would days later.
  await page.goto('/track');
  await page.getByTestId('track-no').fill(ticketNo);
  await page.getByTestId('track-code').fill(code.toLowerCase());
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByTestId('case-status')).toHaveText('已提交，等待受理');
  await expect(page.getByTestId('case-kind')).toHaveText('投诉');
  const thumbs = page.getByTestId('case-photos').locator('img');
  await expect(thumbs).toHaveCount(2);
  for (const img of await thumbs.all()) {
    await expect.poll(() => img.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  }
  await expect(page.locator('body')).not.toContainText('张三');
  await expect(page.locator('body')).not.toContainText('13805371234');
});

test('a wrong query code shows the same not-found message as an unknown ticket', async ({ page, request }) => {
  const wasm: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  await page.goto('/track?no=20261101-000099&code=ZZZZZZZZ');
  await expect(page.getByTestId('track-error')).toHaveText('没有找到对应的工单，请核对工单号和查询码。');
  // The answer is in the server's HTML: it shows before (and without) any WASM.
  const html = await (await request.get('/track?no=20261101-000099&code=ZZZZZZZZ')).text();
  expect(html).toContain('没有找到对应的工单，请核对工单号和查询码。');
  // The lookup is plain HTML: a phone opening a tracking link downloads no WASM.
  await page.waitForLoadState('networkidle');
  expect(wasm).toEqual([]);
});

test('an incomplete report shows what to fix and sends nothing', async ({ page }) => {
  await openForm(page, '/report');
  let sent = false;
  page.on('request', (r) => { if (r.url().endsWith('/api/v1/reports')) sent = true; });
  await page.getByTestId('description').fill('太短');
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('form-errors')).toBeVisible();
  await expect(page.locator('.field-error[data-field="description"]')).toContainText('至少 10 个字');
  await expect(page.locator('.field-error[data-field="contact_phone"]')).toContainText('此项必填');
  expect(sent).toBe(false);
});

test('citizen switches the language to English and back', async ({ page }) => {
  await openForm(page, '/report');
  await expect(page.locator('h1')).toHaveText('反映问题');
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveURL(/\/report$/);
  await expect(page.locator('h1')).toHaveText('Report a problem');
  await expect(page.getByTestId('lang-switch')).toHaveText('中文');
  // The interactive form speaks English too.
  await page.locator('body[data-hydrated]').waitFor();
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('form-errors')).toHaveText('Please correct the fields marked in red and submit again.');
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test("a phone's second visit to the report form downloads nothing and asks nothing", async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await openForm(page, '/report');
  // The browser asks for the icon after the page has loaded: let the first visit finish
  // fetching everything it started before leaving, as a person reading the form would.
  await page.waitForLoadState('networkidle');
  const first = asked.filter((p) => /\.(css|js|wasm|svg)$/.test(p));
  // CSS, the JS glue, its WASM and the scripts, each under a name that carries its content hash.
  expect(first.some((p) => /^\/pkg\/minsheng\.[0-9a-f]{16}\.css$/.test(p))).toBeTruthy();
  // (A debug server, as `make test` runs, names the WASM `…_bg.wasm`, as Leptos does unoptimised.)
  expect(first.some((p) => /^\/pkg\/minsheng\.[0-9a-f]{16}(_bg)?\.wasm$/.test(p))).toBeTruthy();
  expect(first.some((p) => /^\/my_cases\.[0-9a-f]{16}\.js$/.test(p))).toBeTruthy();

  await page.goto('/');
  await openForm(page, '/report');
  // Every static file of the second visit came from the browser's cache without a request
  // (transferSize 0: not even a revalidation), and the form still came alive.
  const entries = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => ({ name: new URL(e.name).pathname, transferSize: (e as PerformanceResourceTiming).transferSize })));
  const statics = entries.filter((e) => /\.(css|js|wasm|svg)$/.test(e.name));
  expect(statics.length).toBeGreaterThan(0);
  expect(statics.filter((e) => e.transferSize !== 0)).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the track page still looks a case up', async ({ page }) => {
    await page.goto('/track');
    await page.getByTestId('track-no').fill('20261101-000001');
    await page.getByTestId('track-code').fill('ZZZZZZZZ');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page).toHaveURL(/\/track\?no=20261101-000001&code=ZZZZZZZZ/);
    await expect(page.getByTestId('track-error')).toBeVisible();
  });
});
