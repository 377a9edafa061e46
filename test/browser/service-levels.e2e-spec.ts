/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { accessibilityViolations, launchChromium, signInToConsole, watchPage } from '../support/browser.js';
import { newEnquiry } from '../support/factories.js';
import { asOwner, provisionOrganisation } from '../support/provision.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Service levels in the advisor's inbox (issue 23): every row shows its state in words beside the colour and
 * when it falls due, and the inbox lists the breached (or at-risk) enquiries alone, soonest due first.
 * axe-core's WCAG 2.2 A/AA rules hold, and the page logs no error.
 */
describe('service levels in the console inbox', () => {
  let app: TestApp;
  let browser: Browser;
  const slug = `slaui-${randomUUID().slice(0, 8)}`;
  let organisationId: string;
  let breached: string;
  let onTrack: string;

  beforeAll(async () => {
    organisationId = await provisionOrganisation(slug);
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
    const advisor = await login(app, `advisor@${slug}.test`);
    const email = (name: string) =>
      newEnquiry(app, advisor, { channel: 'email', subject: { name, email: `${name.toLowerCase()}@example.test` } });
    const late = await email('Late');
    onTrack = (await email('Fresh')).reference;
    breached = late.reference;
    await asOwner(organisationId, (c) =>
      c.query(
        `update enquiries set first_response_due_at = now() - interval '1 hour', first_response_at_risk_at = now() - interval '2 hours' where id = $1`,
        [late.id],
      ),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows each enquiry’s state in words and its due time, and filters to the breached ones', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    await signInToConsole(page, app.url, `advisor@${slug}.test`);
    await page.locator('#inbox').waitFor();

    const row = (reference: string) => page.locator('#inbox tbody tr').filter({ hasText: reference });
    await expect(row(breached).getByText('Breached').count()).resolves.toBe(1);
    await expect(row(breached).textContent()).resolves.toContain('was due');
    await expect(row(onTrack).getByText('On track').count()).resolves.toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Service level').selectOption('breached');
    await page.locator('#apply-filters').click();
    await page.locator('#inbox caption').filter({ hasText: '1 enquiry' }).waitFor();
    const listed = await page.locator('#inbox tbody tr td:first-child').allTextContents();
    expect(listed.map((text) => text.trim())).toEqual([breached]);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the supervisor, in Supervision, what has breached or is about to, with who has it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    await signInToConsole(page, app.url, `supervisor@${slug}.test`);
    await page.locator('#tab-supervision').click();
    await page.locator('#at-risk-work-summary').waitFor();
    await expect(page.locator('#at-risk-work-summary').textContent()).resolves.toBe('1 breached, 0 at risk of breaching');
    const row = page.locator('#at-risk-work-table tbody tr').filter({ hasText: breached });
    await expect(row.getByText('Breached').count()).resolves.toBe(1);
    await expect(row.textContent()).resolves.toContain('Nobody yet');
    await expect(page.locator('#at-risk-work-table').textContent()).resolves.not.toContain(onTrack);
    expect(await accessibilityViolations(page)).toEqual([]);
    await row.getByRole('link', { name: breached }).click();
    await page.waitForURL(/\/console\/enquiries\/[0-9a-f-]{36}$/);
    // The enquiry view says the same in words, and the advisor can stop the clock while waiting for the citizen.
    await expect(page.locator('#enquiry-service-level').textContent()).resolves.toContain('Breached');
    await page.locator('#wait-for-citizen').click();
    await page.locator('#enquiry-service-level').getByText('Paused').waitFor();
    await expect(page.locator('#enquiry-service-level').textContent()).resolves.toContain('waiting for the citizen since');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.locator('#stop-waiting').click();
    await page.locator('#wait-for-citizen').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
