/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { accessibilityViolations, launchChromium, watchPage } from '../support/browser.js';
import { DEMO_PASSWORD } from '../support/constants.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const daysAgo = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() - days * 86_400_000));

/**
 * The Data Protection Officer's "Subject requests" tab in headless Chromium against the real service: a request
 * recorded from the form, identity verified, the person's records found and confirmed, the export downloaded and
 * the request completed; then an erasure carried out with the counts shown. axe-core's WCAG 2.2 A/AA rules hold
 * on the list, the form and the detail with its actions, and the page logs no error.
 */
describe('the DPO works subject-rights requests in the console', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let advisor: string;
  let dpo: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
    [advisor, dpo] = await Promise.all([login(app, 'advisor@lancashire.demo'), login(app, 'dpo@lancashire.demo')]);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
  });

  /** A citizen with one enquiry, referred to the libraries service (so it has a recipient). */
  const citizenWithEnquiry = async () => {
    const unique = `${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
    const person = { name: `Console Subject ${unique}`, email: `dpo-console.${unique}@example.org`, phone: '07700 900432', dateOfBirth: '1966-04-21' };
    const enquiry = await request(app.url)
      .post('/api/enquiries')
      .set(auth(advisor))
      .send({ channel: 'phone', requesterType: 'citizen', subject: person, description: `Asked about home library visits ${unique}`, legalBasis: 'public_task' })
      .expect(201);
    await request(app.url).post(`/api/enquiries/${enquiry.body.id}/escalations`).set(auth(advisor)).send({ service: 'libraries', reasonForReferral: 'Home library service', actionsAlreadyTaken: 'None' }).expect(201);
    return { ...person, enquiryId: enquiry.body.id as string, reference: enquiry.body.reference as string };
  };

  const signedInDpo = async (): Promise<{ page: Page; problems: string[] }> => {
    context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${app.url}/console`);
    await page.getByLabel('Email address').fill('dpo@lancashire.demo');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The list, or on a fresh database the words saying there is none yet.
    await page.locator('#subject-requests').or(page.getByText('No requests.')).waitFor();
    return { page, problems };
  };

  /** The summary list's rows as key → value. */
  const rowsOf = async (list: Locator): Promise<Record<string, string>> => {
    const keys = await list.locator('dt').allTextContents();
    const values = await list.locator('dd').allTextContents();
    return Object.fromEntries(keys.map((key, index) => [key, values[index]]));
  };

  /** The form, then the new request's page with its actions. */
  const recordRequest = async (page: Page, type: string, subject: { name?: string; email: string }) => {
    await page.getByRole('button', { name: 'Record a new request' }).click();
    await page.getByRole('heading', { name: 'Record a subject-rights request' }).waitFor();
    await page.getByLabel(type, { exact: true }).check();
    if (subject.name) await page.getByLabel('Name (optional)').fill(subject.name);
    await page.getByLabel('Email (optional)').fill(subject.email);
    await page.getByRole('button', { name: 'Record the request' }).click();
    await page.getByRole('heading', { name: `${type} request` }).waitFor();
    await page.locator('#request-details').getByText('awaiting identity').waitFor();
  };

  const verifyAndConfirm = async (page: Page, person: { name: string; reference: string }) => {
    const verify = page.locator('#verify-identity');
    await verify.getByLabel('Evidence seen').fill('passport');
    await verify.getByRole('button', { name: 'Record identity evidence' }).click();
    await page.locator('#request-details').getByText(/^passport, received \d{4}-\d{2}-\d{2}$/).waitFor();
    await page.getByRole('button', { name: 'Search for their records' }).click();
    const found = page.locator('#found-subjects .govuk-checkboxes__item', { hasText: person.name });
    await found.waitFor();
    const reasons = (await found.textContent()) as string;
    expect(reasons).toContain('Found by email address');
    expect(reasons).toContain(person.reference);
    await found.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Confirm these records' }).click();
    await page.locator('#request-notice').getByText('1 record confirmed as the requester’s').waitFor();
    await page.locator('#request-details').getByText('1', { exact: true }).waitFor();
  };

  it('takes an access request from receipt to completion, with the export downloaded, then erases the person', async () => {
    const person = await citizenWithEnquiry();
    const { page, problems } = await signedInDpo();
    expect(await accessibilityViolations(page)).toEqual([]);

    // The form refuses what is missing, the GOV.UK way, then records the request.
    await page.getByRole('button', { name: 'Record a new request' }).click();
    await page.getByRole('heading', { name: 'Record a subject-rights request' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Record the request' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.getByRole('link', { name: 'Choose which right the person is exercising' }).waitFor();
    await summary.getByRole('link', { name: /Enter at least one detail of the person/ }).waitFor();
    expect(await page.locator('#type-error').textContent()).toContain('Choose which right');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Back to requests' }).click();
    await recordRequest(page, 'Access', person);
    expect(await accessibilityViolations(page)).toEqual([]);

    await verifyAndConfirm(page, person);
    expect(await page.locator('#request-details').textContent()).toContain('in progress');

    // The export, fetched with the DPO's token and offered as a file.
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the export (JSON)' }).click()]);
    expect(json.suggestedFilename()).toMatch(/^subject-access-[0-9a-f-]{36}\.json$/);
    const exported = JSON.parse(await readFile((await json.path()) as string, 'utf8'));
    expect(exported.subjects).toHaveLength(1);
    expect(exported.subjects[0].subject).toMatchObject({ name: person.name });
    expect(exported.subjects[0].enquiries.map((enquiry: { reference: string }) => enquiry.reference)).toEqual([person.reference]);
    const shown = await rowsOf(page.locator('#export-summary'));
    expect(shown).toMatchObject({ People: '1', Enquiries: `1: ${person.reference}`, Recipients: '1: Libraries Service' });
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the enquiries (CSV)' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    expect(await readFile((await csv.path()) as string, 'utf8')).toContain(`"${person.reference}","phone"`);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.locator('#fulfil').getByLabel('Outcome').fill('Export sent by secure email');
    await page.getByRole('button', { name: 'Mark as completed' }).click();
    await page.getByRole('heading', { name: 'This request is closed' }).waitFor();
    expect(await rowsOf(page.locator('#request-details'))).toMatchObject({ Status: 'completed', Outcome: 'Export sent by secure email' });
    await page.getByRole('button', { name: 'Back to requests' }).click();
    await page.locator('#subject-requests tr', { hasText: person.name }).locator('.govuk-tag--grey').getByText('completed').waitFor();

    // Erasure: the same person, found by their e-mail address alone.
    await recordRequest(page, 'Erasure', { email: person.email });
    await page.locator('#right-action-waiting').waitFor();
    await verifyAndConfirm(page, person);
    await page.getByRole('button', { name: 'Keep a record on an Art. 17(3) ground' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Erase their data' }).click();
    const erased = page.locator('#erasure-result');
    await erased.waitFor();
    expect(await rowsOf(erased)).toMatchObject({ Enquiries: '1', 'Details sent to services': '1', 'People’s own records': '1', 'Phone numbers and email addresses': '2' });
    expect(await accessibilityViolations(page)).toEqual([]);
    expect((await request(app.url).get(`/api/enquiries/${person.enquiryId}`).set(auth(advisor)).expect(200)).body.description).toBe('[erased]');

    await page.locator('#fulfil').getByLabel('Outcome').fill('Erased; the person was told by email');
    await page.getByRole('button', { name: 'Mark as completed' }).click();
    await page.getByRole('heading', { name: 'This request is closed' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('works the other rights: authority, a clarification, rectification, restriction, consent withdrawal and objection', async () => {
    const unique = `${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
    const email = `other-rights.${unique}@example.org`;
    await request(app.url)
      .post('/api/enquiries')
      .set(auth(advisor))
      .send({ channel: 'phone', requesterType: 'citizen', subject: { name: `Wrong Name ${unique}`, email }, description: 'Support at home', legalBasis: 'consent', consent: { given: true, method: 'verbal', privacyNoticeVersion: '1' } })
      .expect(201);
    const dataSubjectId = (await request(app.url).post('/api/subject-search').set(auth(dpo)).send({ email }).expect(200)).body.subjects[0].dataSubjectId as string;
    /** A request of `type` already verified and confirmed through the API: the page is then asked for the right itself. */
    const readyRequest = async (type: string) => {
      const created = await request(app.url).post('/api/subject-requests').set(auth(dpo)).send({ type, subject: { email }, receivedAt: daysAgo(1) }).expect(201);
      await request(app.url).post(`/api/subject-requests/${created.body.id}/verify-identity`).set(auth(dpo)).send({ evidence: 'passport', receivedAt: daysAgo(1) }).expect(200);
      await request(app.url).post(`/api/subject-requests/${created.body.id}/subjects`).set(auth(dpo)).send({ dataSubjectIds: [dataSubjectId] }).expect(200);
    };
    await Promise.all(['restriction', 'withdraw_consent', 'objection'].map(readyRequest));
    const { page, problems } = await signedInDpo();
    const notice = (text: string) => page.locator('#request-notice').getByText(text, { exact: true }).waitFor();
    const open = async (type: string) => {
      await page.getByRole('button', { name: 'Back to requests' }).click();
      await page.locator('#subject-requests tr').filter({ hasText: email }).filter({ hasText: type }).getByRole('button').click();
      await page.getByRole('heading', { name: `${type} request` }).waitFor();
    };

    // Rectification asked for by a solicitor: identity, then their authority, a clarification, then the correction.
    await page.getByRole('button', { name: 'Record a new request' }).click();
    await page.getByLabel('Rectification', { exact: true }).check();
    await page.getByLabel('Email (optional)').fill(email);
    await page.getByLabel('Their name').fill('A. Solicitor');
    await page.getByLabel('How they act for the person').fill('solicitor');
    await page.getByRole('button', { name: 'Record the request' }).click();
    await page.getByRole('heading', { name: 'Rectification request' }).waitFor();
    await page.locator('#record-authority').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.locator('#verify-identity').getByLabel('Evidence seen').fill('passport');
    await page.getByRole('button', { name: 'Record identity evidence' }).click();
    await page.locator('#request-details').getByText('awaiting authority').waitFor();
    await page.locator('#record-authority').getByLabel('Proof of authority seen').fill('signed letter of authority');
    await page.getByRole('button', { name: 'Record authority' }).click();
    await page.locator('#request-details').getByText('in progress').waitFor();
    await page.locator('#clarify').getByLabel('What you asked').fill('Which name is the right one?');
    await page.getByRole('button', { name: 'Record the question' }).click();
    await page.locator('#request-details').getByText('paused', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Record the answer' }).click();
    await notice('Clarification answered: the clock runs again');
    expect(await page.locator('#clock-history tbody td:nth-child(2)').allTextContents()).toEqual(['received', 'identity verified', 'authority received', 'paused', 'resumed']);
    await page.getByRole('button', { name: 'Search for their records' }).click();
    await page.locator('#found-subjects').getByLabel(`Wrong Name ${unique}`).check();
    await page.getByRole('button', { name: 'Confirm these records' }).click();
    await page.locator('#rectify').getByLabel('Correct name (optional)').fill(`Right Name ${unique}`);
    await page.getByRole('button', { name: 'Correct the details' }).click();
    await notice('Corrected: name');

    await open('Restriction');
    await page.getByRole('button', { name: 'Restrict processing' }).click();
    await notice('Processing restricted');
    await page.locator('#lift-restriction').getByLabel('How they were told').fill('letter');
    await page.getByRole('button', { name: 'Lift the restriction' }).click();
    await notice('Restriction lifted');

    await open('Withdraw consent');
    await page.getByLabel('How the person withdrew').selectOption('written');
    await page.getByRole('button', { name: 'Withdraw consent' }).click();
    await notice('Consent withdrawn: 1 consent record, 0 enquiries redacted');

    await open('Objection');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Upheld', { exact: true }).check();
    await page.locator('#objection').getByLabel('Reasons').fill('No overriding grounds to continue');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await notice('Objection upheld: processing stopped');
    await page.locator('#request-details').getByText('Objection upheld: processing stopped: No overriding grounds to continue').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('shows the API’s refusals beside the inputs they are about, and says plainly why a request can no longer be extended', async () => {
    const name = `Late Extension ${randomUUID().slice(0, 8)}`;
    await request(app.url).post('/api/subject-requests').set(auth(dpo)).send({ type: 'access', subject: { name }, receivedAt: daysAgo(60) }).expect(201);
    const { page, problems } = await signedInDpo();
    expect(await accessibilityViolations(page)).toEqual([]);

    // A telephone number the API refuses (400): its problem is shown on the phone input, in plain words.
    await page.getByRole('button', { name: 'Record a new request' }).click();
    await page.getByLabel('Rectification', { exact: true }).check();
    await page.getByLabel('Name (optional)').fill(name);
    await page.getByLabel('Phone (optional)').fill('not a number');
    await page.getByRole('button', { name: 'Record the request' }).click();
    await page.locator('.govuk-error-summary').getByRole('link', { name: 'Phone must be a telephone number' }).waitFor();
    expect(await page.locator('#subject-phone-error').textContent()).toContain('Phone must be a telephone number');
    expect(await page.getByLabel('Phone (optional)').getAttribute('aria-describedby')).toBe('subject-phone-error');
    await page.getByRole('button', { name: 'Back to requests' }).click();

    // Too late to extend (409): the API's reason, with the date the first month ended.
    await page.locator('#subject-requests tr', { hasText: name }).getByRole('button').click();
    await page.getByRole('heading', { name: 'Access request' }).waitFor();
    await page.locator('#extend').getByLabel('Why it is complex').fill('Records held on six systems');
    await page.getByRole('button', { name: 'Extend the deadline' }).click();
    await page.locator('#extend .govuk-error-summary').getByRole('link', { name: /^An extension had to be recorded by \d{4}-\d{2}-\d{2}, the end of the first month$/ }).waitFor();
    expect(await page.locator('#extend-reason-error').textContent()).toContain('An extension had to be recorded by');
    expect(await accessibilityViolations(page)).toEqual([]);
    // Both refusals are the API's answers, which Chromium notes in the console; nothing else may be there.
    expect(problems.filter((problem) => !/status of (400|409)/.test(problem))).toEqual([]);
    expect(problems).toHaveLength(2);
    await context.close();
  }, 120_000);
});
