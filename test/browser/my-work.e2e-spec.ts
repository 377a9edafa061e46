/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { accessibilityViolations, launchChromium, signInToConsole, watchPage } from '../support/browser.js';
import { auth, newEnquiry } from '../support/factories.js';
import { asOwner, provisionOrganisation } from '../support/provision.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * My work in the advisor console (issue 23, point 3): the enquiries assigned to the advisor that are still open,
 * soonest due first, each with its channel, topic, due time and service level in words, linking to the enquiry. In
 * an organisation that assigns work automatically, a new e-mail reaches the advisor with the console open without
 * anyone sorting it: it is announced and listed. axe-core's WCAG 2.2 A/AA rules hold, and the page logs no error.
 */
describe('My work in the console', () => {
  let app: TestApp;
  let browser: Browser;
  const slug = `mywork-${randomUUID().slice(0, 8)}`;
  let organisationId: string;
  let advisor: string;
  let supervisor: string;
  let late: { id: string; reference: string };

  const email = (name: string, topic?: string) =>
    newEnquiry(app, supervisor, {
      channel: 'email',
      subject: { name, email: `${name.toLowerCase()}@example.test` },
      ...(topic ? { topic } : {}),
    });
  const advisorPresent = async () => {
    for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
      const present = await asOwner(organisationId, (c) =>
        c.query(`select 1 from advisor_presence p join staff_users s on s.id = p.user_id where s.email = $1 and p.status = 'available'`, [
          `advisor@${slug}.test`,
        ]),
      );
      if (present.rowCount) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the advisor’s console did not connect');
  };

  beforeAll(async () => {
    organisationId = await provisionOrganisation(slug);
    [app, browser] = await Promise.all([
      startTestApp({
        JOB_WORKERS: 'true',
        JOB_QUEUE_PREFIX: `mywork-${randomUUID().slice(0, 8)}-`,
        JOB_POLL_SECONDS: '0.5',
        WORK_ROUTING_CRON: 'off',
      }),
      launchChromium(),
    ]);
    [advisor, supervisor] = await Promise.all([login(app, `advisor@${slug}.test`), login(app, `supervisor@${slug}.test`)]);
    // One the advisor took earlier, now past its first-response time.
    late = await email('Late', 'highways');
    await request(app.url).post(`/api/enquiries/${late.id}/take`).set(auth(advisor)).expect(200);
    await asOwner(organisationId, (c) =>
      c.query(
        `update enquiries set first_response_due_at = now() - interval '1 hour', first_response_at_risk_at = now() - interval '2 hours' where id = $1`,
        [late.id],
      ),
    );
    await asOwner(organisationId, (c) => c.query(`update organisations set work_routing = 'auto' where id = $1`, [organisationId]));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('lists the advisor’s open work soonest due first, in words, and brings new work to them as it arrives', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    await signInToConsole(page, app.url, `advisor@${slug}.test`);
    await page.getByRole('link', { name: 'My work', exact: true }).click();
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    await page.locator('#my-work').waitFor();
    const row = (reference: string) => page.locator('#my-work tbody tr').filter({ hasText: reference });
    await expect(row(late.reference).getByText('Breached').count()).resolves.toBe(1);
    await expect(row(late.reference).textContent()).resolves.toContain('highways');
    await expect(row(late.reference).textContent()).resolves.toContain('E-mail');
    expect(await accessibilityViolations(page)).toEqual([]);

    // A new e-mail while the advisor's console is open: assigned to them automatically, announced and listed.
    await advisorPresent();
    const fresh = await email('Fresh');
    await page.locator('#work-arrived').getByText(fresh.reference).waitFor();
    await page.locator('#my-work caption').filter({ hasText: '2 open enquiries' }).waitFor();
    const listed = await page.locator('#my-work tbody tr td:first-child a').allTextContents();
    expect(listed.map((text) => text.trim())).toEqual([late.reference, fresh.reference]);
    await expect(row(fresh.reference).getByText('On track').count()).resolves.toBe(1);
    await expect(row(fresh.reference).textContent()).resolves.toContain('assigned automatically');
    expect(await accessibilityViolations(page)).toEqual([]);

    await row(fresh.reference).getByRole('link', { name: fresh.reference }).click();
    await page.waitForURL(`**/console/enquiries/${fresh.id}`);
    await expect(page.getByRole('link', { name: 'My work', exact: true }).getAttribute('aria-current')).resolves.toBe('page');
    expect(problems).toEqual([]);
    await context.close();
  });
});
