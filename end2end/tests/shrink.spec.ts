import { test, expect, Page } from '@playwright/test';
import { fillReport } from './report_form';

// A phone photo of 4000 × 3000 px is shrunk in the browser to at most 2048 px before it is
// uploaded, by the report form (WASM) and by /snap (snap.js). What is checked is the upload
// itself: every image in the FormData the page sends, decoded.

/** The width and height in a JPEG's first SOF segment. */
function jpegSize(buf: Buffer): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < buf.length) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
    }
    i += 2 + buf.readUInt16BE(i + 2);
  }
  return null;
}

type Uploaded = { width: number; height: number; bytes: number };

/** Records every image in a FormData the page sends (XMLHttpRequest or fetch), decoded. */
async function watchUploads(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __uploads: Promise<Uploaded>[] };
    w.__uploads = [];
    const record = (body: unknown) => {
      if (!(body instanceof FormData)) return;
      for (const [, value] of body.entries()) {
        if (value instanceof Blob) {
          w.__uploads.push(createImageBitmap(value).then((b) => ({ width: b.width, height: b.height, bytes: value.size })));
        }
      }
    };
    const send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (body?: Document | XMLHttpRequestBodyInit | null) {
      record(body);
      return send.call(this, body);
    };
    const fetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      record(init?.body);
      return fetch(input, init);
    };
  });
}

/** The images the page has uploaded so far. */
async function uploaded(page: Page): Promise<Uploaded[]> {
  await page.waitForFunction(() => (window as unknown as { __uploads: unknown[] }).__uploads.length > 0);
  return page.evaluate(() => Promise.all((window as unknown as { __uploads: Promise<Uploaded>[] }).__uploads));
}

/** A 4000 × 3000 JPEG drawn in the browser (a sky, a street, some detail), as a camera makes. */
async function bigPhoto(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 4000;
    c.height = 3000;
    const g = c.getContext('2d')!;
    const sky = g.createLinearGradient(0, 0, 0, 3000);
    sky.addColorStop(0, '#6aa9e9');
    sky.addColorStop(1, '#5d5a55');
    g.fillStyle = sky;
    g.fillRect(0, 0, 4000, 3000);
    for (let i = 0; i < 400; i++) {
      g.fillStyle = `hsl(${(i * 37) % 360}, 40%, ${30 + (i % 40)}%)`;
      g.fillRect((i * 97) % 4000, 1500 + ((i * 53) % 1500), 60 + (i % 90), 40 + (i % 70));
    }
    return c.toDataURL('image/jpeg', 0.92).split(',')[1];
  });
  const photo = Buffer.from(base64, 'base64');
  expect(jpegSize(photo)).toEqual({ width: 4000, height: 3000 });
  return photo;
}

test('a 4000 × 3000 photo is shrunk to at most 2048 px before the report form uploads it', async ({ page }) => {
  await watchUploads(page);
  await page.goto('/report');
  await page.locator('body[data-hydrated]').waitFor();
  const photo = await bigPhoto(page);
  await fillReport(page);
  await page.getByTestId('photo-input').setInputFiles({ name: 'camera.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(page.getByTestId('photo-previews').locator('img')).toHaveCount(1);
  await expect(page.getByTestId('photos-preparing')).toHaveCount(0);
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/reports'));
  await page.getByTestId('submit').click();
  expect((await answer).status()).toBe(201);
  const sizes = await uploaded(page);
  expect(sizes).toHaveLength(1);
  expect(Math.max(sizes[0].width, sizes[0].height)).toBe(2048);
  expect(sizes[0].width / sizes[0].height).toBeCloseTo(4 / 3, 2);
  expect(sizes[0].bytes).toBeLessThan(photo.length);
});

test.describe('on /snap without a position', () => {
  test.use({ geolocation: undefined, permissions: [] });

  test('a 4000 × 3000 photo is shrunk to at most 2048 px before /snap uploads it', async ({ page }) => {
    await watchUploads(page);
    await page.goto('/snap');
    await expect(page.locator('#snap-form[data-ready="true"]')).toBeAttached();
    const photo = await bigPhoto(page);
    await page.getByTestId('photo-input').setInputFiles({ name: 'camera.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect(page.getByTestId('photo-previews').locator('img')).toHaveCount(1);
    await page.getByTestId('district').selectOption('qufu');
    await page.getByTestId('street').selectOption('qufu-lucheng');
    await page.getByTestId('snap-snap-garbage').click();
    await expect(page.getByTestId('snap-done')).toBeVisible();
    const sizes = await uploaded(page);
    expect(sizes).toHaveLength(1);
    expect(Math.max(sizes[0].width, sizes[0].height)).toBe(2048);
    expect(sizes[0].bytes).toBeLessThan(photo.length);
  });
});
