/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { accessibilityViolations, launchChromium, signInToConsole, watchPage } from '../support/browser.js';
import { auth, newEnquiry } from '../support/factories.js';
import { provisionOrganisation } from '../support/provision.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Wrap-up outcomes in the console (issue 23): the administrator adds a code and requires an outcome; the advisor's
 * resolve form then asks for one (and says so before sending), the enquiry shows the outcome recorded, and the
 * supervisor's reports count it in a table, in words. axe-core's WCAG 2.2 A/AA rules hold, and no page logs an error.
 */
describe('wrap-up outcomes in the console', () => {
  let app: TestApp;
  let browser: Browser;
  const slug = `wrapui-${randomUUID().slice(0, 8)}`;
  let advisor: string;

  beforeAll(async () => {
    await provisionOrganisation(slug);
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
    advisor = await login(app, `advisor@${slug}.test`);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const signedIn = async (role: string): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(12_000);
    const problems = watchPage(page);
    await signInToConsole(page, app.url, `${role}@${slug}.test`);
    await page.getByRole('navigation', { name: 'Console' }).waitFor();
    return { page, problems, close: () => context.close() };
  };

  it('lets the administrator add an outcome code, withdraw one and require an outcome', async () => {
    const admin = await signedIn('admin');
    await admin.page.goto(`${app.url}/console/organisation`);
    await admin.page.locator('#outcome-code-list').waitFor();
    expect(await admin.page.locator('#outcome-code-list tbody th').allTextContents()).toEqual([
      'information_given',
      'form_sent',
      'referred',
      'signposted',
      'no_further_action',
    ]);
    await admin.page.getByLabel('Label', { exact: true }).fill('Council tax advice');
    await admin.page.getByText('Its code will be council_tax_advice').waitFor();
    await admin.page.getByRole('button', { name: 'Add the outcome code' }).click();
    await admin.page.getByText('Council tax advice added').waitFor();
    await admin.page.getByLabel('Offer Form sent').uncheck();
    await admin.page.getByLabel('Require an outcome when an enquiry is resolved or closed').check();
    await admin.page.getByRole('button', { name: 'Save the outcome codes' }).click();
    await admin.page.getByText('Outcome codes saved').waitFor();
    expect(await accessibilityViolations(admin.page)).toEqual([]);
    expect(admin.problems).toEqual([]);
    await admin.close();

    const saved = (await request(app.url).get('/api/outcome-codes').set(auth(advisor)).expect(200)).body;
    expect(saved.required).toBe(true);
    expect(saved.codes.map((code: { code: string }) => code.code)).toEqual([
      'information_given',
      'referred',
      'signposted',
      'no_further_action',
      'council_tax_advice',
    ]);
  }, 120_000);

  it('asks the advisor for the outcome when resolving, says so before sending, and shows the outcome recorded', async () => {
    const enquiry = await newEnquiry(app, advisor, { description: 'Asked how the council tax bands work' });
    const desk = await signedIn('advisor');
    await desk.page.goto(`${app.url}/console/enquiries/${enquiry.id}`);
    await desk.page.getByRole('heading', { name: `Enquiry ${enquiry.reference}` }).waitFor();
    const outcome = desk.page.locator('#resolve-outcome');
    await outcome.waitFor();
    expect(await desk.page.locator('label[for="resolve-outcome"]').textContent()).toBe('Outcome (required)');
    expect(await outcome.locator('option').allTextContents()).toEqual([
      'Choose the outcome',
      'Information given',
      'Referred to a service',
      'Signposted elsewhere',
      'No further action',
      'Council tax advice',
    ]);
    expect(await accessibilityViolations(desk.page)).toEqual([]);

    await desk.page.getByLabel('Advice given').fill('Explained the bands and how to appeal');
    await desk.page.locator('#resolve').click();
    await desk.page.locator('#resolve-outcome-error').getByText('Choose the outcome').waitFor();
    expect((await request(app.url).get(`/api/enquiries/${enquiry.id}`).set(auth(advisor)).expect(200)).body.status).toBe('new');
    expect(await accessibilityViolations(desk.page)).toEqual([]);

    await outcome.selectOption({ label: 'Council tax advice' });
    await desk.page.locator('#resolve').click();
    await desk.page.getByText('Resolved with advice').waitFor();
    const row = desk.page.locator('#enquiry-details .govuk-summary-list__row').filter({ hasText: 'Outcome' });
    await row.waitFor();
    expect(await row.locator('dd').textContent()).toContain('Council tax advice, recorded');
    expect(await desk.page.locator('#timeline').textContent()).toContain('outcome: Council tax advice');
    // Resolved: the close form offers the outcome, optional now that one is recorded.
    expect(await desk.page.locator('label[for="close-outcome"]').textContent()).toBe('Outcome (optional)');
    expect(await accessibilityViolations(desk.page)).toEqual([]);
    expect(desk.problems).toEqual([]);
    await desk.close();
  }, 120_000);

  it('counts the outcomes in the supervisor’s reports, in a table in words', async () => {
    const supervisor = await signedIn('supervisor');
    await supervisor.page.goto(`${app.url}/console/reports`);
    const table = supervisor.page.locator('#table-by-outcome');
    await table.waitFor();
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (cell) => (cell.textContent ?? '').trim())));
    expect(rows).toContainEqual(['Council tax advice', '1']);
    expect(rows).toContainEqual(['Information given', '0']);
    expect(await accessibilityViolations(supervisor.page)).toEqual([]);
    expect(supervisor.problems).toEqual([]);
    await supervisor.close();
  }, 90_000);
});
