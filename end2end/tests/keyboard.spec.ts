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

// The same citizen fills in the whole form and sends it without touching anything but keys:
// Tab to move, Space to choose, arrow keys in the lists, typing, Enter to send.
test('a citizen fills in and sends the report form with the keyboard only', async ({ page }) => {
  await page.goto('/report');
  await page.locator('body[data-hydrated]').waitFor();
  const tabTo = async (id: string) => {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const at = await page.evaluate(() => {
        const e = document.activeElement;
        return e?.getAttribute('data-testid') ?? e?.closest('[data-testid]')?.getAttribute('data-testid') ?? null;
      });
      if (at === id) return;
    }
    throw new Error(`Tab never reached ${id}`);
  };
  await tabTo('kind');
  await page.keyboard.press('Space');
  await tabTo('category');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await tabTo('district');
  await page.keyboard.press('ArrowDown');
  await tabTo('street');
  await page.keyboard.press('ArrowDown');
  await tabTo('address');
  await page.keyboard.type('古槐路 88 号东门');
  await tabTo('description');
  await page.keyboard.type('人行道上长期有摊贩占道经营，行人只能走机动车道，很危险。');
  await tabTo('contact_name');
  await page.keyboard.type('张三');
  await tabTo('contact_phone');
  await page.keyboard.type('13805371234');
  await tabTo('confidential');
  await page.keyboard.press('Space');

  await expect(page.locator('input[name="kind"][value="complaint"]')).toBeChecked();
  await expect(page.getByTestId('category')).toHaveValue('city.road-occupation');
  await expect(page.getByTestId('district')).toHaveValue('rencheng');
  await expect(page.getByTestId('street')).toHaveValue('rencheng-guhuai');
  await expect(page.getByTestId('confidential')).toBeChecked();
  await tabTo('submit');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ticket-no')).toHaveText(/^\d{8}-\d{6}$/);
  // The focus moves to the success view's heading: a screen reader reads the number next.
  await expect(page.getByTestId('done').locator('h1')).toBeFocused();
});
