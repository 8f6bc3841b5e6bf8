import { test, expect } from '@playwright/test';

// A citizen who cannot use a touch screen or a mouse: every control of the report form is
// reached with Tab, in the order it is read, and shows where the focus is.
test('a citizen reaches every control of the report form with the keyboard and sees the focus', async ({ page }) => {
  await page.goto('/report');
  await page.locator('body[data-hydrated]').waitFor();
  const wanted = ['kind', 'category_group', 'category', 'district', 'street', 'address', 'locate', 'description',
    'contact_name', 'contact_phone', 'confidential', 'publish_consent', 'no_progress_sms', 'photo-input', 'submit'];
  const reached: string[] = [];
  const unmarked: string[] = [];
  for (let i = 0; i < 80 && !reached.includes('submit'); i++) {
    await page.keyboard.press('Tab');
    const seen = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (!e || e === document.body) return null;
      const id = e.getAttribute('data-testid') ?? e.closest('[data-testid]')?.getAttribute('data-testid') ?? e.tagName;
      // Visible focus: an outline on the control, or on the chip's label right after it.
      const ring = (el: Element | null) => {
        if (!el) return false;
        const s = getComputedStyle(el);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
      };
      return { id, visible: ring(e) || ring(e.nextElementSibling) };
    });
    if (!seen) continue;
    if (!reached.includes(seen.id)) reached.push(seen.id);
    if (wanted.includes(seen.id) && !seen.visible) unmarked.push(seen.id);
  }
  const order = reached.filter((id) => wanted.includes(id));
  expect(order).toEqual(wanted);
  expect(unmarked).toEqual([]);
});
