/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { launchChromium, watchPage } from '../support/browser.js';
import { auth, escalate, newEnquiry } from '../support/factories.js';
import { provisionSecurityTenant, suffix, type SecurityTenant } from '../support/security.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const XSS = `<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">x</a><svg/onload=alert(4)>`;

/**
 * What staff see on the pages that the browser journey does not already cover with hostile text (chat
 * messages and e-mail bodies are): the enquiry's person, description and notes in the console, and a
 * referral's fields and the service's own updates in the portal. All must show as text, run nothing.
 */
describe('hostile text on the staff pages', () => {
  let app: TestApp;
  let browser: Browser;
  let tenant: SecurityTenant;
  let reference: string;

  const injected = (page: Page) =>
    page.locator('main img, main script, main svg[onload], main a[href^="javascript"], main [onerror], main [onload]').count();
  const signIn = async (page: Page, email: string) => {
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill('signpost-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
    tenant = await provisionSecurityTenant(app, `sec-xss-${suffix()}`);
    const { advisor, service } = tenant.tokens;
    const created = await newEnquiry(app, advisor, {
      subject: { name: XSS, address: XSS, postcode: 'PR1 8XJ' },
      description: XSS,
      legalBasis: undefined,
    });
    reference = created.reference;
    await request(app.url).post(`/api/enquiries/${created.id}/notes`).set(auth(advisor)).send({ text: XSS }).expect(201);
    const referral = await escalate(app, advisor, created.id, 'blue-badge', {
      reasonForReferral: XSS,
      actionsAlreadyTaken: XSS,
      specialRequirements: XSS,
    });
    await request(app.url).post(`/api/escalations/${referral.id}/updates`).set(auth(service)).send({ text: XSS }).expect(201);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the enquiry’s person, description, notes and the service’s updates to the advisor as text', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${app.url}/console`);
    await signIn(page, `advisor@${tenant.slug}.test`);
    await page.getByLabel('Reference, name, phone, email or postcode').fill(reference);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    // The inbox lists the person's name as text too.
    await page.getByRole('link', { name: reference }).waitFor();
    expect(await page.locator('main').textContent()).toContain('onerror="alert(1)"');
    expect(await injected(page)).toBe(0);
    await page.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { name: `Enquiry ${reference}` }).waitFor();
    await page.waitForTimeout(300);
    const text = (await page.locator('main').textContent()) as string;
    expect(text.split('<script>alert(2)</script>').length - 1).toBeGreaterThanOrEqual(3);
    expect(await injected(page)).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a referral’s fields and its updates to the service as text', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${app.url}/portal`);
    await signIn(page, `blue-badge@${tenant.slug}.test`);
    await page.getByRole('link', { name: reference }).click();
    const fields = page.locator('#referral-fields');
    await fields.waitFor();
    await page.waitForTimeout(300);
    const text = (await page.locator('main').textContent()) as string;
    expect(text.split('onerror="alert(1)"').length - 1).toBeGreaterThanOrEqual(3);
    expect(await injected(page)).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
