import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as path from 'path';
import { signIn } from './console';

const photo = path.join(__dirname, '..', 'fixtures', 'street-1600x1200.jpg');

// Every citizen page and every staff page, in both languages (and the citizen pages in 长辈版),
// checked by axe-core against WCAG 2.1 A and AA: no violation.
const citizen = ['/', '/report', '/snap', '/track', '/track?no=20261101-000001&code=TRACKME2', '/mine', '/public',
  '/figures', '/notices', '/help', '/rewards', '/rewards/join', '/rewards/signin', '/rewards/reset'];
const staff: [string, string[]][] = [
  ['operator', ['/staff', '/staff/case?no=20261101-000001', '/staff/notices', '/staff/help']],
  ['rencheng.handler', ['/staff']],
  ['supervisor', ['/staff', '/staff/figures', '/staff/reports']],
  ['admin', ['/staff/accounts', '/staff/payouts']],
];

async function violations(page: Page, paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    for (const v of result.violations) {
      found.push(`${path}: ${v.id} ×${v.nodes.length} ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    }
  }
  return found;
}

for (const lang of ['zh-CN', 'en']) {
  test(`every citizen page passes axe, also in 长辈版 (${lang})`, async ({ page, context }) => {
    await context.addCookies([{ name: 'lang', value: lang, url: 'http://127.0.0.1:3107' }]);
    expect(await violations(page, citizen)).toEqual([]);
    await context.addCookies([{ name: 'view', value: 'large', url: 'http://127.0.0.1:3107' }]);
    expect(await violations(page, citizen)).toEqual([]);
  });

  test(`every staff page passes axe (${lang})`, async ({ page, context }) => {
    await context.addCookies([{ name: 'lang', value: lang, url: 'http://127.0.0.1:3107' }]);
    const found: string[] = [];
    for (const [user, paths] of staff) {
      await context.clearCookies({ name: 'minsheng_staff' });
      await signIn(page, user);
      found.push(...(await violations(page, paths)));
    }
    expect(found).toEqual([]);
  });
}

// Every control a finger hits on the citizen pages is at least 44 px high at 390 px: a field, a
// button, a chip, a switch; a radio button or check box counts by its label (the label is what
// is tapped), and links inside running text are read, not aimed at.
test('every control on the citizen pages is at least 44 px high on a phone', async ({ page, context }) => {
  const small: string[] = [];
  for (const view of ['standard', 'large']) {
    if (view === 'large') await context.addCookies([{ name: 'view', value: 'large', url: 'http://127.0.0.1:3107' }]);
    for (const path of citizen) {
      await page.goto(path);
      // The controls that appear only after the page has started are measured too: a case kept
      // in 我的 (the demo case's track page, visited just before, keeps it) and a chosen photo's
      // remove button.
      if (path === '/mine') await expect(page.getByTestId('mine-case').first()).toBeVisible();
      if (path === '/report') {
        await page.locator('body[data-hydrated]').waitFor();
        await page.getByTestId('photo-input').setInputFiles([photo]);
        await expect(page.getByTestId('photo-remove')).toHaveCount(1);
      }
      const found = await page.evaluate(() => Array.from(document.querySelectorAll('a, button, input, select, textarea, summary'))
        .map((e) => {
          const label = e.tagName === 'INPUT' ? e.closest('label') : null;
          const own = e.getBoundingClientRect();
          const box = label && label.getBoundingClientRect().height > own.height ? label.getBoundingClientRect() : own;
          const style = getComputedStyle(e);
          const hidden = box.width === 0 || style.visibility === 'hidden' || (e as HTMLInputElement).type === 'hidden'
            || e.classList.contains('visually-hidden') || (e.tagName === 'A' && !!e.closest('p, li, dd, td, small'));
          return hidden || box.height >= 44 ? '' : `${e.tagName} ${e.getAttribute('data-testid') ?? e.textContent?.trim().slice(0, 12)} ${Math.round(box.height)}px`;
        })
        .filter((s) => s));
      small.push(...found.map((f) => `${view} ${path}: ${f}`));
    }
  }
  expect(small).toEqual([]);
});
