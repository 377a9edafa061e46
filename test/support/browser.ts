import { DEMO_PASSWORD } from './constants.js';
/// <reference lib="dom" />
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { asTenant, testDatabase } from './test-app.js';

/** Debian's Chromium (installed by .ci/run), headless, no sandbox (containers), no background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: what the UK public-sector accessibility regulations require. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** axe-core's violations on the page as it stands, as a readable list (empty when it passes). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations.map(
    (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`,
  );
}

/** Presses Tab until the element with `id` has focus (at most `limit` times): keyboard-only navigation. */
export async function tabTo(page: Page, id: string, limit = 30): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`#${id} never took the focus by Tab`);
}

/**
 * Collects what would show a page misbehaving: script errors, console errors (a CSP refusal among them) and any
 * dialog (an injected alert), which it dismisses. A passing page leaves the list empty.
 */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return problems;
}

/** The chat behind a reference a page shows (other tests chat with the same organisation meanwhile). */
export async function chatIdOf(organisation: string, reference: string): Promise<string> {
  const rows = await asTenant(testDatabase().runtimeUrl, organisation, (client) =>
    client.query<{ id: string }>(
      'select chats.id from chats join enquiries on enquiries.id = chats.enquiry_id where enquiries.reference = $1',
      [reference],
    ),
  );
  if (!rows.rows[0]) throw new Error(`no chat for ${reference}`);
  return rows.rows[0].id;
}

/** Signs in to the console as the member of staff with this e-mail address (the demo password), as a person would. */
export async function signInToConsole(page: Page, appUrl: string, email: string): Promise<void> {
  await page.goto(`${appUrl}/console`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
