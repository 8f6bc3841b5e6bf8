import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { signIn } from './console';

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
