/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext } from 'playwright-core';
import { accessibilityViolations, launchChromium, signInToConsole, watchPage } from '../support/browser.js';
import { DEMO_PASSWORD } from '../support/constants.js';
import { escalate, newEnquiry } from '../support/factories.js';
import { asOwner, provisionOrganisation } from '../support/provision.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Referral acknowledgement targets on the pages (issue 23, points 2 and 7): the portal tells the service its own target
 * and each referral's acknowledge-by time and state in words; the Supervision page lists the services with referrals
 * past their target. axe-core's WCAG 2.2 A/AA rules hold, and the pages log no error.
 */
describe('referral acknowledgement targets in the portal and the Supervision page', () => {
  let app: TestApp;
  let browser: Browser;
  const slug = `ackui-${randomUUID().slice(0, 8)}`;
  let organisationId: string;
  let overdue: { id: string; reference: string };
  let fresh: { id: string; reference: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    organisationId = await provisionOrganisation(slug);
    await asOwner(organisationId, async (c) => {
      await c.query(
        `insert into services (organisation_id, code, name, permitted_fields) values ($1, 'street-lighting', 'Street Lighting', '{name,reasonForReferral,actionsAlreadyTaken}')`,
        [organisationId],
      );
      await c.query(
        `insert into staff_users (organisation_id, email, display_name, role, service_id, password_hash)
         select $1, $2, 'Lighting officer', 'service', s.id, u.password_hash from services s, staff_users u where s.code = 'street-lighting' and u.email = $3`,
        [organisationId, `lighting@${slug}.test`, `advisor@${slug}.test`],
      );
    });
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
    const advisor = await login(app, `advisor@${slug}.test`);
    const refer = async () => {
      const enquiry = await newEnquiry(app, advisor, { description: 'A street light is out' });
      return { id: (await escalate(app, advisor, enquiry.id, 'street-lighting')).id, reference: enquiry.reference };
    };
    overdue = await refer();
    fresh = await refer();
    await asOwner(organisationId, (c) =>
      c.query(
        `update escalations set acknowledgement_due_at = now() - interval '1 hour', acknowledgement_at_risk_at = now() - interval '2 hours' where id = $1`,
        [overdue.id],
      ),
    );
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await app?.stop();
  });

  const newPage = async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    return { page, problems: watchPage(page) };
  };

  it('shows the supervisor the services with referrals past their target, in words', async () => {
    const { page, problems } = await newPage();
    await signInToConsole(page, app.url, `supervisor@${slug}.test`);
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Supervision' }).click();
    await page.getByRole('heading', { name: 'Referrals awaiting acknowledgement' }).waitFor();
    const row = page.locator('#referrals-awaiting-table tbody tr').filter({ hasText: 'Street Lighting' });
    await row.waitFor();
    const cells = (await row.locator('th, td').allTextContents()).map((text) => text.trim());
    expect(cells[0]).toContain('Overdue');
    expect(cells.slice(1, 3)).toEqual(['1', '0']);
    expect(cells[3]).toMatch(/^was due /);
    expect(cells[4]).toBe('acknowledge within 1 working day');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it('tells the service its target and each referral’s acknowledge-by time and state; acknowledging late says so', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${app.url}/portal`);
    await page.getByLabel('Email address').fill(`lighting@${slug}.test`);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#referrals').waitFor();
    await expect(page.locator('#acknowledgement-target').textContent()).resolves.toContain(
      'Street Lighting must acknowledge each referral within 1 working day',
    );
    const row = (reference: string) => page.locator('#referrals tbody tr').filter({ hasText: reference });
    await expect(row(overdue.reference).textContent()).resolves.toMatch(/Overdue\s*was due /);
    await expect(row(fresh.reference).textContent()).resolves.toMatch(/On track\s*acknowledge by /);
    expect(await accessibilityViolations(page)).toEqual([]);

    await row(overdue.reference).getByRole('link', { name: overdue.reference }).click();
    await page.getByRole('heading', { name: `Referral ${overdue.reference}` }).waitFor();
    const acknowledgement = page.locator('#referral-acknowledgement');
    await expect(acknowledgement.textContent()).resolves.toContain('Acknowledge by');
    await expect(acknowledgement.textContent()).resolves.toContain('Overdue');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.locator('#acknowledge').click();
    await acknowledgement.getByText('Acknowledged late').waitFor();
    await expect(page.locator('#referral-status').textContent()).resolves.toBe('acknowledged');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);
});
