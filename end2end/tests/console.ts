import { expect, Page } from '@playwright/test';

// The staff console steps the browser tests share.
export const PASSWORD = 'minsheng-demo';

export async function signIn(page: Page, username: string) {
  await page.goto('/staff');
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('staff-bar')).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('sign-in')).toBeVisible();
}

/** Opens a case by its number from the console's "open case" box. */
export async function openCase(page: Page, no: string) {
  await page.getByTestId('open-case-no').fill(no);
  await page.getByTestId('open-case-no').press('Enter');
  await expect(page.getByTestId('staff-case')).toBeVisible();
}
