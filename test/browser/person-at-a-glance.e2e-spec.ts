/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { accessibilityViolations, launchChromium, signInToConsole, watchPage } from '../support/browser.js';
import { auth, newEnquiry } from '../support/factories.js';
import { provisionOrganisation } from '../support/provision.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The person at a glance in the advisor console, in headless Chromium: opening an enquiry shows the person's earlier
 * contact (reference links, outcomes), the open enquiries about them or their address, and a possible match that the
 * advisor links only after confirming; the enquiry is then merged into another by its reference, after confirming.
 * axe-core's WCAG 2.2 A/AA rules hold at each step, and the page logs no error.
 */
describe('the person at a glance in the enquiry view', () => {
  let app: TestApp;
  let browser: Browser;
  const slug = `glanceui-${randomUUID().slice(0, 8)}`;
  const email = `bethan.${randomUUID().slice(0, 8)}@example.test`;
  const person = { name: 'Bethan Browser', email, address: '3 Mill Lane, Lancaster LA1 1AA' };
  let earlier: string;
  let current: { id: string; reference: string };
  let neighbour: string;
  let into: string;

  beforeAll(async () => {
    await provisionOrganisation(slug);
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
    const advisor = await login(app, `advisor@${slug}.test`);
    const first = await newEnquiry(app, advisor, { subject: person, description: 'Missed bin' });
    earlier = first.reference;
    await request(app.url).post(`/api/enquiries/${first.id}/resolve`).set(auth(advisor)).send({ advice: 'Rebooked' }).expect(200);
    const subjectId = (await request(app.url).get(`/api/enquiries/${first.id}`).set(auth(advisor)).expect(200)).body.subject.id;
    neighbour = (await newEnquiry(app, advisor, { subject: { name: 'Gwyn Next Door', address: '3 mill ln lancaster' } })).reference;
    into = (await newEnquiry(app, advisor, { subject: { name: 'Bethan Browser', email: email.toUpperCase() }, description: 'Bin again' }))
      .reference;
    current = await newEnquiry(app, advisor, { subject: person, dataSubjectId: subjectId, description: 'Bin still missed' });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows earlier contact, open enquiries and a possible match; links it and merges only when confirmed', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    await signInToConsole(page, app.url, `advisor@${slug}.test`);
    await page.getByRole('navigation', { name: 'Console' }).waitFor();
    await page.goto(`${app.url}/console/enquiries/${current.id}`);

    const section = page.getByRole('region', { name: 'Person at a glance' });
    const history = section.getByRole('table', { name: /Earlier contact with us/ });
    await history.getByRole('link', { name: earlier }).waitFor();
    expect(await history.textContent()).toContain('Advice given');
    const open = section.getByRole('table', { name: 'Open enquiries about this person or their address' });
    expect(await open.getByRole('row').filter({ hasText: neighbour }).textContent()).toContain('Same address');
    const matches = section.getByRole('table', { name: 'Possible matches' });
    const match = matches.getByRole('row').filter({ hasText: 'Bethan Browser' });
    expect(await match.textContent()).toContain('same email address');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Linking asks first; Cancel links nothing.
    await match.getByRole('button', { name: /^Link to this person\s*\(Bethan Browser\)$/ }).click();
    const confirm = page.getByRole('form', { name: 'Link this enquiry to Bethan Browser?' });
    await confirm.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('form', { name: 'Link this enquiry to Bethan Browser?' }).count()).resolves.toBe(0);
    await match.getByRole('button', { name: /^Link to this person\s*\(Bethan Browser\)$/ }).click();
    await page.getByRole('button', { name: 'Yes, link to this person' }).click();
    await page.getByText('This enquiry is now recorded against Bethan Browser').waitFor();
    // Now the same person: their other enquiry is earlier contact, and they are no longer offered as a match.
    await section
      .getByRole('table', { name: /Earlier contact with us/ })
      .getByRole('link', { name: into })
      .waitFor();

    // Merging by reference: an unknown one is said plainly; a known one is confirmed first.
    const mergeForm = page.getByRole('form', { name: 'Merge into another enquiry' });
    await mergeForm.getByLabel('Reference of the enquiry to merge into').fill('ZZZZ-ZZZZ');
    await mergeForm.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#merge-into-error').filter({ hasText: 'No enquiry has that reference' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await mergeForm.getByLabel('Reference of the enquiry to merge into').fill(into);
    await mergeForm.getByRole('button', { name: 'Continue' }).click();
    const mergeConfirm = page.getByRole('form', { name: `Merge ${current.reference} into ${into}?` });
    await mergeConfirm.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await mergeConfirm.getByRole('button', { name: 'Yes, merge' }).click();
    await page.getByText(`${current.reference} merged into ${into}`).waitFor();
    await page.locator('#merged-into').getByRole('link', { name: into }).click();

    // The enquiry merged into shows the merged one's events, marked as such.
    await page.getByRole('heading', { name: `Enquiry ${into}` }).waitFor();
    await page.locator('#timeline').getByText(`From merged enquiry ${current.reference}`).first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
