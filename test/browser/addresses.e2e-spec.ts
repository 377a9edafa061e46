/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { accessibilityViolations, launchChromium, watchPage } from '../support/browser.js';
import { DEMO_PASSWORD } from '../support/constants.js';
import { escalate, newEnquiry } from '../support/factories.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The console and the portal have addresses: every view, enquiry, subject request and referral has its own URL,
 * served by the service as the page (under the same Content-Security-Policy), so Back, Forward, reload, bookmarks
 * and links opened in a new tab land where they point. A deep link opened signed out asks for sign-in and then
 * shows what it names; an address the role may not see says so rather than showing a blank page.
 */
describe('the console and portal have addresses', () => {
  let app: TestApp;
  let browser: Browser;
  let advisor: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
    advisor = await login(app, 'advisor@lancashire.demo');
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await app?.stop();
  });

  const newPage = async (): Promise<{ page: Page; problems: string[] }> => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    return { page, problems: watchPage(page) };
  };
  const signIn = async (page: Page, email: string) => {
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  const pathOf = (page: Page) => new URL(page.url()).pathname;
  const enquiryNamed = async (name: string) => {
    const unique = `${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
    const enquiry = await newEnquiry(app, advisor, {
      subject: { name: `${name} ${unique}` },
      description: `Asked about a blue badge ${unique}`,
    });
    return { id: enquiry.id, reference: enquiry.reference };
  };

  it('serves the page at every deep link, under the same security headers as the page itself', async () => {
    const enquiry = await enquiryNamed('Served');
    for (const path of [
      '/console',
      `/console/enquiries/${enquiry.id}`,
      '/console/requests/new',
      '/portal',
      `/portal/referrals/${randomUUID()}`,
    ]) {
      const response = await request(app.url).get(path).expect(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toContain(
        path.startsWith('/portal') ? '<title>Signpost service portal</title>' : '<title>Signpost console</title>',
      );
    }
    // Other addresses are still not pages.
    await request(app.url).get('/consoles').expect(404);
  });

  it('opens an enquiry at its own address, keeps it on reload, and goes Back to the inbox and Forward again', async () => {
    const enquiry = await enquiryNamed('Addressed');
    const { page, problems } = await newPage();
    await page.goto(`${app.url}/console`);
    await signIn(page, 'advisor@lancashire.demo');
    // The bare address is the role's start page, in its place.
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    expect(pathOf(page)).toBe('/console/inbox');
    expect(await page.locator('#tab-inbox').getAttribute('aria-current')).toBe('page');

    await page.getByLabel('Reference, name, phone, email or postcode').fill(enquiry.reference);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const link = page.getByRole('link', { name: enquiry.reference, exact: true });
    // A real link: it can be opened in a new tab or copied.
    expect(await link.getAttribute('href')).toBe(`/console/enquiries/${enquiry.id}`);
    await link.click();
    await page.getByRole('heading', { name: `Enquiry ${enquiry.reference}` }).waitFor();
    expect(pathOf(page)).toBe(`/console/enquiries/${enquiry.id}`);
    expect(await page.locator('#tab-inbox').getAttribute('aria-current')).toBe('page');

    await page.reload();
    await page.getByRole('heading', { name: `Enquiry ${enquiry.reference}` }).waitFor();
    expect(pathOf(page)).toBe(`/console/enquiries/${enquiry.id}`);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goBack();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    expect(pathOf(page)).toBe('/console/inbox');
    await page.goForward();
    await page.getByRole('heading', { name: `Enquiry ${enquiry.reference}` }).waitFor();

    // The tabs are addresses too, and the panel's Back link returns to the tab it was opened from.
    await page.getByRole('link', { name: 'Live chat', exact: true }).click();
    await page.getByText(/^Connected\. \d+ waiting\.$/).waitFor();
    expect(pathOf(page)).toBe('/console/chats');
    await page.goBack();
    await page.getByRole('heading', { name: `Enquiry ${enquiry.reference}` }).waitFor();
    await page.getByRole('link', { name: 'Back', exact: true }).click();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    expect(pathOf(page)).toBe('/console/inbox');

    // An address the console does not have says so, with the way back.
    await page.goto(`${app.url}/console/no-such-page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByRole('link', { name: 'Go to your start page' }).click();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    expect(problems).toEqual([]);
  }, 90_000);

  it('asks for sign-in at a deep link, then shows the enquiry it names', async () => {
    const enquiry = await enquiryNamed('Bookmarked');
    const { page, problems } = await newPage();
    await page.goto(`${app.url}/console/enquiries/${enquiry.id}`);
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    await signIn(page, 'supervisor@lancashire.demo');
    await page.getByRole('heading', { name: `Enquiry ${enquiry.reference}` }).waitFor();
    expect(pathOf(page)).toBe(`/console/enquiries/${enquiry.id}`);

    // Signing out goes back to the bare address, so the next person starts from their own start page.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    expect(pathOf(page)).toBe('/console');
    await signIn(page, 'supervisor@lancashire.demo');
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    expect(pathOf(page)).toBe('/console/inbox');
    expect(problems).toEqual([]);
  }, 60_000);

  it('tells a DPO who opens the supervisor’s or an advisor’s address that they do not have access', async () => {
    const enquiry = await enquiryNamed('Not for the DPO');
    const { page, problems } = await newPage();
    await page.goto(`${app.url}/console/supervision`);
    await signIn(page, 'dpo@lancashire.demo');
    await page.getByRole('heading', { name: 'You do not have access to this page' }).waitFor();
    expect(pathOf(page)).toBe('/console/supervision');
    // Nothing of the page behind it is shown or offered.
    expect(await page.getByRole('heading', { name: 'Supervision' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Console' }).getByRole('link').allTextContents()).toEqual([
      'Safeguarding',
      'Subject requests',
      'Retention and records',
      'Reports',
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${app.url}/console/enquiries/${enquiry.id}`);
    await page.getByRole('heading', { name: 'You do not have access to this page' }).waitFor();
    expect(await page.getByText(enquiry.reference).count()).toBe(0);

    await page.getByRole('link', { name: 'Go to your start page' }).click();
    await page.locator('#subject-requests').or(page.getByText('No requests.')).waitFor();
    expect(pathOf(page)).toBe('/console/requests');
    // The DPO's own addresses open as they name: a new request's form.
    await page.goto(`${app.url}/console/requests/new`);
    await page.getByRole('heading', { name: 'Record a subject-rights request' }).waitFor();
    expect(await page.locator('#tab-requests').getAttribute('aria-current')).toBe('page');
    expect(problems).toEqual([]);
  }, 60_000);

  it('gives each referral in the portal its own address: sign in at it, reload, Back to the list', async () => {
    const enquiry = await enquiryNamed('Referred');
    const escalation = await escalate(app, advisor, enquiry.id, 'blue-badge', {
      reasonForReferral: 'Needs a blue badge',
      actionsAlreadyTaken: 'None',
    });
    const id = escalation.id;
    const { page, problems } = await newPage();
    await page.goto(`${app.url}/portal/referrals/${id}`);
    await signIn(page, 'blue-badge@lancashire.demo');
    await page.getByRole('heading', { name: `Referral ${enquiry.reference}` }).waitFor();
    expect(pathOf(page)).toBe(`/portal/referrals/${id}`);
    await page.reload();
    await page.getByRole('heading', { name: `Referral ${enquiry.reference}` }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Back to referrals' }).click();
    await page.getByRole('heading', { name: 'Referrals', exact: true }).waitFor();
    expect(pathOf(page)).toBe('/portal');
    const link = page.locator('#referrals').getByRole('link', { name: enquiry.reference, exact: true });
    expect(await link.getAttribute('href')).toBe(`/portal/referrals/${id}`);
    await page.goBack();
    await page.getByRole('heading', { name: `Referral ${enquiry.reference}` }).waitFor();
    expect(pathOf(page)).toBe(`/portal/referrals/${id}`);
    await page.goForward();
    await page.getByRole('heading', { name: 'Referrals', exact: true }).waitFor();
    expect(problems).toEqual([]);
  }, 60_000);
});
