/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { accessibilityViolations, launchChromium, signInToConsole, tabTo, watchPage } from '../support/browser.js';
import { newEnquiry, VERBAL_CONSENT } from '../support/factories.js';
import { provisionOrganisation } from '../support/provision.js';
import { signedHeaders } from '../support/signing.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The ringing phone in headless Chromium: an advisor signed in to the console is shown, as the telephony platform
 * reports a call ringing at their phone, who is calling, with the caller's open enquiries and earlier contact;
 * by keyboard alone they open one of them. axe-core's WCAG 2.2 A/AA rules hold, and the page logs no error.
 */
describe('the ringing phone in the advisor console', () => {
  let app: TestApp;
  let browser: Browser;
  const slug = `ringui-${randomUUID().slice(0, 8)}`;
  const CALLER = '07700 900789';
  let reference: string;

  beforeAll(async () => {
    await provisionOrganisation(slug);
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
    const advisor = await login(app, `advisor@${slug}.test`);
    reference = (await newEnquiry(app, advisor, { subject: { name: 'Idris Caller', phone: CALLER }, consent: VERBAL_CONSENT })).reference;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** Pushes the ringing call until the console shows it (its connection may still be opening after sign-in). */
  const ringUntilShown = async (page: Page, callerNumber: string) => {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const body = JSON.stringify({ callId: `call-${randomUUID()}`, callerNumber, agent: `advisor@${slug}.test` });
      await request(app.url).post(`/api/channels/phone/${slug}/ringing`).set(signedHeaders(body)).send(body).expect(202);
      const shown = await page
        .locator('#ringing-call-title')
        .filter({ hasText: callerNumber })
        .waitFor({ timeout: 1000 })
        .then(() => true)
        .catch(() => false);
      if (shown) return;
    }
    throw new Error('the ringing call was never shown');
  };

  it('shows who is calling before the advisor answers, accessibly, and opens their enquiry by keyboard', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    await signInToConsole(page, app.url, `advisor@${slug}.test`);
    await page.getByRole('navigation', { name: 'Console' }).waitFor();

    await ringUntilShown(page, '+447700900789');
    const panel = page.getByRole('region', { name: 'Incoming call from +447700900789' });
    await expect(panel.getByRole('table', { name: 'Open enquiries' }).getByRole('link', { name: reference }).count()).resolves.toBe(1);
    await expect(
      panel
        .getByRole('table', { name: /Earlier contact/ })
        .getByRole('link', { name: reference })
        .count(),
    ).resolves.toBe(1);
    expect(await page.locator('#ringing-call').textContent()).not.toContain('Idris');
    expect(await accessibilityViolations(page)).toEqual([]);

    // By Tab alone from the top of the page to the open enquiry's link, then Enter.
    await page.locator('body').focus();
    for (let presses = 0; presses < 80; presses += 1) {
      if (await page.evaluate(() => Boolean(document.activeElement?.closest('#ringing-call-open a')))) break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(reference);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/enquiries\/[0-9a-f-]{36}$/);
    await page.getByText(reference).first().waitFor();

    // The call is about that open enquiry: said in the panel.
    await panel.getByRole('button', { name: `The call is about this enquiry, ${reference}` }).click();
    await expect(page.locator('#ringing-call-linked').textContent()).resolves.toBe(`The call will be logged on ${reference}.`);

    // A number with no history says so; a new enquiry for the call starts with the number filled in, and is linked.
    await ringUntilShown(page, '01632 960002');
    await expect(page.locator('#ringing-call-unknown').textContent()).resolves.toContain('No earlier contact');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.locator('#ringing-call-new-enquiry').click();
    await page.waitForURL(/\/console\/enquiries\/new$/);
    await expect(page.locator('#new-enquiry-call').textContent()).resolves.toContain('01632 960002');
    await expect(page.locator('#phone').inputValue()).resolves.toBe('01632 960002');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.locator('#name').fill('Unknown Caller');
    await page.locator('#description').fill('Asked about garden waste');
    await page.locator('#create-enquiry').click();
    await page.waitForURL(/\/console\/enquiries\/[0-9a-f-]{36}$/);
    await page.locator('#timeline').getByText('call_linked').waitFor();
    await tabTo(page, 'ringing-call-dismiss', 80);
    await page.keyboard.press('Enter');
    await expect(page.locator('#ringing-call').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
