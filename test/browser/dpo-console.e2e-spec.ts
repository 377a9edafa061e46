/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { accessibilityViolations, launchChromium, watchPage } from '../support/browser.js';
import { DEMO_PASSWORD } from '../support/constants.js';
import { auth, escalate, newEnquiry, VERBAL_CONSENT } from '../support/factories.js';
import { asOwner, provisionOrganisation } from '../support/provision.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

const daysAgo = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() - days * 86_400_000));

/**
 * The Data Protection Officer's "Subject requests" tab in headless Chromium against the real service: a request
 * recorded from the form, identity verified, the person's records found and confirmed, the export downloaded and
 * the request completed; then an erasure carried out with the counts, the actions and the services told shown (and
 * still shown after a reload); a refusal; and the "Retention and records" tab: a retention period changed and
 * returned to the default, legal holds placed and released, the record of processing downloaded. axe-core's WCAG
 * 2.2 A/AA rules hold on every page state, and the page logs no error but the API refusals a test provokes.
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
    const person = {
      name: `Console Subject ${unique}`,
      email: `dpo-console.${unique}@example.org`,
      phone: '07700 900432',
      dateOfBirth: '1966-04-21',
    };
    const enquiry = await newEnquiry(app, advisor, { subject: person, description: `Asked about home library visits ${unique}` });
    await escalate(app, advisor, enquiry.id, 'libraries', { reasonForReferral: 'Home library service', actionsAlreadyTaken: 'None' });
    return { ...person, enquiryId: enquiry.id, reference: enquiry.reference };
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
    await page
      .locator('#request-details')
      .getByText(/^passport, received \d{4}-\d{2}-\d{2}$/)
      .waitFor();
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
    await page.getByRole('link', { name: 'Back to requests' }).click();
    await recordRequest(page, 'Access', person);
    expect(await accessibilityViolations(page)).toEqual([]);

    await verifyAndConfirm(page, person);
    expect(await page.locator('#request-details').textContent()).toContain('in progress');

    // The export, fetched with the DPO's token and offered as a file.
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the export (JSON)' }).click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/^subject-access-[0-9a-f-]{36}\.json$/);
    const exported = JSON.parse(await readFile((await json.path()) as string, 'utf8'));
    expect(exported.subjects).toHaveLength(1);
    expect(exported.subjects[0].subject).toMatchObject({ name: person.name });
    expect(exported.subjects[0].enquiries.map((enquiry: { reference: string }) => enquiry.reference)).toEqual([person.reference]);
    const shown = await rowsOf(page.locator('#export-summary'));
    expect(shown).toMatchObject({ People: '1', Enquiries: `1: ${person.reference}`, Recipients: '1: Libraries Service' });
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the enquiries (CSV)' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    expect(await readFile((await csv.path()) as string, 'utf8')).toContain(`"${person.reference}","phone"`);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.locator('#fulfil').getByLabel('Outcome').fill('Export sent by secure email');
    await page.getByRole('button', { name: 'Mark as completed' }).click();
    await page.getByRole('heading', { name: 'This request is closed' }).waitFor();
    expect(await rowsOf(page.locator('#request-details'))).toMatchObject({ Status: 'completed', Outcome: 'Export sent by secure email' });
    await page.getByRole('link', { name: 'Back to requests' }).click();
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
    expect(await rowsOf(erased)).toMatchObject({
      Enquiries: '1',
      'Details sent to services': '1',
      'People’s own records': '1',
      'Phone numbers and email addresses': '2',
      'Services told': '1',
    });
    expect((await request(app.url).get(`/api/enquiries/${person.enquiryId}`).set(auth(advisor)).expect(200)).body.description).toBe(
      '[erased]',
    );

    // What the request did, in words, and the Libraries Service (a portal service) told of the erasure.
    const actions = page.locator('#actions-taken tbody tr');
    await actions.first().waitFor();
    const [, what, detail] = await actions.first().locator('td').allTextContents();
    expect(await actions.count()).toBe(1);
    expect(what).toBe('Erased');
    expect(detail).toMatch(
      /^1 enquiry, .*1 referral sent to a service, 1 set of words learnt for routing, 1 person’s own record, 2 phone numbers and email addresses; 1 service told$/,
    );
    const told = page.locator('#notice-ledger tbody tr');
    await told.first().waitFor();
    expect(await told.count()).toBe(1);
    const [service, kind, status, delivered] = await told.first().locator('td').allTextContents();
    expect([service, kind, status]).toEqual(['Libraries Service by their portal', 'Erasure', 'Available']);
    expect(delivered).toMatch(/^In their portal from /);
    expect(await told.first().locator('.govuk-tag--turquoise').textContent()).toBe('Available');
    expect(await page.locator('#erase').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    // The counts are kept with the request: after a reload they are still there, and nothing is offered to erase.
    // The request has its own address, so the reload stays on it.
    const address = page.url();
    expect(new URL(address).pathname).toMatch(/^\/console\/requests\/[0-9a-f-]{36}$/);
    await page.reload();
    expect(page.url()).toBe(address);
    await page.getByRole('heading', { name: 'Erasure request' }).waitFor();
    await page.locator('#erasure-result').waitFor();
    expect(await rowsOf(page.locator('#erasure-result'))).toMatchObject({
      Enquiries: '1',
      'People’s own records': '1',
      'Services told': '1',
    });
    await page.locator('#notice-ledger').getByText('Available', { exact: true }).waitFor();
    expect(await page.locator('#erase').count()).toBe(0);

    await page.locator('#fulfil').getByLabel('Outcome').fill('Erased; the person was told by email');
    await page.getByRole('button', { name: 'Mark as completed' }).click();
    await page.getByRole('heading', { name: 'This request is closed' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('works the other rights: authority, a clarification, rectification, restriction, consent withdrawal and objection', async () => {
    const unique = `${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
    const email = `other-rights.${unique}@example.org`;
    await newEnquiry(app, advisor, {
      subject: { name: `Wrong Name ${unique}`, email },
      description: 'Support at home',
      legalBasis: 'consent',
      consent: VERBAL_CONSENT,
    });
    const dataSubjectId = (await request(app.url).post('/api/subject-search').set(auth(dpo)).send({ email }).expect(200)).body.subjects[0]
      .dataSubjectId as string;
    /** A request of `type` already verified and confirmed through the API: the page is then asked for the right itself. */
    const readyRequest = async (type: string) => {
      const created = await request(app.url)
        .post('/api/subject-requests')
        .set(auth(dpo))
        .send({ type, subject: { email }, receivedAt: daysAgo(1) })
        .expect(201);
      await request(app.url)
        .post(`/api/subject-requests/${created.body.id}/verify-identity`)
        .set(auth(dpo))
        .send({ evidence: 'passport', receivedAt: daysAgo(1) })
        .expect(200);
      await request(app.url)
        .post(`/api/subject-requests/${created.body.id}/subjects`)
        .set(auth(dpo))
        .send({ dataSubjectIds: [dataSubjectId] })
        .expect(200);
    };
    await Promise.all(['restriction', 'withdraw_consent', 'objection'].map(readyRequest));
    const { page, problems } = await signedInDpo();
    const notice = (text: string) => page.locator('#request-notice').getByText(text, { exact: true }).waitFor();
    const open = async (type: string) => {
      await page.getByRole('link', { name: 'Back to requests' }).click();
      await page.locator('#subject-requests tr').filter({ hasText: email }).filter({ hasText: type }).getByRole('link').click();
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
    await page.locator('#clock-history').getByText('resumed', { exact: true }).waitFor();
    expect(await page.locator('#clock-history tbody td:nth-child(2)').allTextContents()).toEqual([
      'received',
      'identity verified',
      'authority received',
      'paused',
      'resumed',
    ]);
    await page.getByRole('button', { name: 'Search for their records' }).click();
    await page.locator('#found-subjects').getByLabel(`Wrong Name ${unique}`).check();
    await page.getByRole('button', { name: 'Confirm these records' }).click();
    await page.locator('#rectify').getByLabel('Correct name (optional)').fill(`Right Name ${unique}`);
    await page.getByRole('button', { name: 'Correct the details' }).click();
    await notice('Corrected: name');

    await open('Restriction');
    expect(await page.locator('#lift-restriction').count()).toBe(0);
    await page.getByRole('button', { name: 'Restrict processing' }).click();
    await notice('Processing restricted');
    // Restricted, the request offers only the lifting of it.
    await page.locator('#request-details').getByText('Restricted: their data is only stored', { exact: true }).waitFor();
    expect(await page.locator('#restrict').count()).toBe(0);
    await page.locator('#lift-restriction').getByLabel('How they were told').fill('letter');
    await page.getByRole('button', { name: 'Lift the restriction' }).click();
    await notice('Restriction lifted');
    await page.locator('#restrict').waitFor();
    expect(await page.locator('#lift-restriction').count()).toBe(0);
    expect(await page.locator('#actions-taken tbody td:nth-child(2)').allTextContents()).toEqual(['Restricted', 'Restriction lifted']);
    expect(await page.locator('#actions-taken tbody td:nth-child(3)').allTextContents()).toEqual([
      'no services to tell',
      'no services to tell',
    ]);

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
    await request(app.url)
      .post('/api/subject-requests')
      .set(auth(dpo))
      .send({ type: 'access', subject: { name }, receivedAt: daysAgo(60) })
      .expect(201);
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
    await page.getByRole('link', { name: 'Back to requests' }).click();

    // Too late to extend (409): the API's reason, with the date the first month ended.
    await page.locator('#subject-requests tr', { hasText: name }).getByRole('link').click();
    await page.getByRole('heading', { name: 'Access request' }).waitFor();
    await page.locator('#extend').getByLabel('Why it is complex').fill('Records held on six systems');
    await page.getByRole('button', { name: 'Extend the deadline' }).click();
    await page
      .locator('#extend .govuk-error-summary')
      .getByRole('link', { name: /^An extension had to be recorded by \d{4}-\d{2}-\d{2}, the end of the first month$/ })
      .waitFor();
    expect(await page.locator('#extend-reason-error').textContent()).toContain('An extension had to be recorded by');
    expect(await accessibilityViolations(page)).toEqual([]);
    // Both refusals are the API's answers, which Chromium notes in the console; nothing else may be there.
    expect(problems.filter((problem) => !/status of (400|409)/.test(problem))).toEqual([]);
    expect(problems).toHaveLength(2);
    await context.close();
  }, 120_000);
  /** The request about `about` (a name or an e-mail address) of `type`, opened from the list. */
  const openRequest = async (page: Page, about: string, type: string) => {
    await page.locator('#subject-requests tr').filter({ hasText: about }).filter({ hasText: type }).getByRole('link').click();
    await page.getByRole('heading', { name: `${type} request` }).waitFor();
  };

  const openRetentionTab = async (page: Page) => {
    await page.getByRole('link', { name: 'Retention and records', exact: true }).click();
    await page.getByRole('heading', { name: 'Retention and records', level: 1 }).waitFor();
    await page.locator('#retention-schedule').waitFor();
    await page.locator('#legal-holds').or(page.locator('#no-legal-holds')).waitFor();
  };

  it('refuses a request with the reason, which closes it', async () => {
    const name = `Refused Request ${randomUUID().slice(0, 8)}`;
    await request(app.url)
      .post('/api/subject-requests')
      .set(auth(dpo))
      .send({ type: 'access', subject: { name }, receivedAt: daysAgo(2) })
      .expect(201);
    const { page, problems } = await signedInDpo();
    await openRequest(page, name, 'Access');

    // Too short a reason is refused before anything is sent.
    const refuse = page.locator('#refuse');
    await refuse.getByLabel('Why it is refused').fill('Too much');
    await refuse.getByRole('button', { name: 'Refuse the request' }).click();
    await refuse
      .locator('.govuk-error-summary')
      .getByRole('link', { name: 'Enter why the request is refused (at least 10 characters)' })
      .waitFor();
    expect(await page.locator('#refuse-reason-error').textContent()).toContain('Enter why the request is refused');
    expect(await accessibilityViolations(page)).toEqual([]);

    await refuse.getByLabel('Why it is refused').fill('Manifestly excessive: the same request was answered in full last week');
    await refuse.getByRole('button', { name: 'Refuse the request' }).click();
    await page.locator('#request-notice').getByText('Request refused: it is closed', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'This request is closed' }).waitFor();
    expect(await rowsOf(page.locator('#request-details'))).toMatchObject({
      Status: 'refused',
      Outcome: 'Refused: Manifestly excessive: the same request was answered in full last week',
    });
    expect(await page.locator('#request-actions form').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Back to requests' }).click();
    await page.locator('#subject-requests tr', { hasText: name }).locator('.govuk-tag--grey').getByText('refused').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('changes a retention period with a reason, shows it in the record of processing, and returns it to the default', async () => {
    const { page, problems } = await signedInDpo();
    try {
      await openRetentionTab(page);
      expect(await accessibilityViolations(page)).toEqual([]);
      const rule = page.locator('#rule-website_contact_form');
      const cells = async () => (await rule.locator('th, td').allTextContents()).slice(0, 5);
      expect(await cells()).toEqual([
        'Website contact forms',
        '6 months',
        'the day the form was submitted',
        expect.stringContaining('LGSS privacy notice'),
        'No',
      ]);
      expect(await page.locator('#retention-schedule tbody tr').count()).toBe(12);

      // The form replaces the table, the current period filled in; a period not in ISO 8601 form and no reason are refused here.
      await rule.getByRole('button', { name: 'Change the period for Website contact forms' }).click();
      const form = page.locator('#change-period');
      await form.getByRole('heading', { name: 'Change the period for website contact forms' }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-period');
      expect(await form.getByLabel('New period').inputValue()).toBe('P6M');
      expect(await page.locator('#new-period-hint').textContent()).toContain('P2Y is 2 years, P18M is 18 months, P28D is 28 days');
      await form.getByLabel('New period').fill('18 months');
      await form.getByRole('button', { name: 'Save the new period' }).click();
      const summary = form.locator('.govuk-error-summary');
      await summary.getByRole('link', { name: 'Enter the period as years, months or days, such as P2Y, P18M or P28D' }).waitFor();
      await summary.getByRole('link', { name: 'Enter why the period is changed (at least 5 characters)' }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);

      // A period the API refuses (over 100 years) is shown on the period input, in plain words.
      await form.getByLabel('New period').fill('P200Y');
      await form.getByLabel('Why it changes').fill('Records management policy RM-07');
      await form.getByRole('button', { name: 'Save the new period' }).click();
      await summary.getByRole('link', { name: 'Period must be between 1 day and 100 years' }).waitFor();
      expect(await page.locator('#new-period-error').textContent()).toContain('Period must be between 1 day and 100 years');

      await form.getByLabel('New period').fill('p18m');
      await form.getByRole('button', { name: 'Save the new period' }).click();
      await page.locator('#records-notice').getByText('Website contact forms: now 18 months', { exact: true }).waitFor();
      expect(await cells()).toEqual([
        'Website contact forms',
        '18 months',
        'the day the form was submitted',
        'the organisation’s own period',
        expect.stringMatching(/^Changed Records management policy RM-07 \(.+\)$/),
      ]);
      expect(await rule.locator('.govuk-tag').textContent()).toBe('Changed');
      expect(await accessibilityViolations(page)).toEqual([]);

      // The record of processing, generated from the schedule in force.
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download the record (CSV)' }).click(),
      ]);
      expect(csv.suggestedFilename()).toMatch(/^record-of-processing-\d{4}-\d{2}-\d{2}\.csv$/);
      const rows = await readFile((await csv.path()) as string, 'utf8');
      expect(rows.split('\r\n')[0]).toBe('"section","item","detail"');
      for (const section of ['Controller', 'Data Protection Officer', 'Purpose', 'Retention', 'Security measure'])
        expect(rows).toContain(`"${section}",`);
      expect(rows).toContain(
        '"Retention","Website contact forms","18 months from the day the form was submitted (the organisation’s own period)"',
      );
      const [json] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download the record (JSON)' }).click(),
      ]);
      const record = JSON.parse(await readFile((await json.path()) as string, 'utf8'));
      expect(record.retention).toContainEqual({
        record: 'Website contact forms',
        period: '18 months',
        from: 'the day the form was submitted',
        source: 'the organisation’s own period',
      });

      await rule.getByRole('button', { name: 'Return to default for Website contact forms' }).click();
      await page.locator('#records-notice').getByText('Website contact forms: back to the default, 6 months', { exact: true }).waitFor();
      expect(await cells()).toEqual([
        'Website contact forms',
        '6 months',
        'the day the form was submitted',
        expect.stringContaining('LGSS privacy notice'),
        'No',
      ]);
      expect(await rule.getByRole('button', { name: /Return to default/ }).count()).toBe(0);
      expect(await accessibilityViolations(page)).toEqual([]);
      // Only the API's refusal of 200 years is in the console.
      expect(problems.filter((problem) => !/status of 400/.test(problem))).toEqual([]);
      expect(problems).toHaveLength(1);
    } finally {
      await request(app.url).delete('/api/retention/schedule/website_contact_form').set(auth(dpo)).expect(200);
      await context.close();
    }
  }, 120_000);

  it('places a legal hold from a request’s records, which an erasure then keeps; releases it; and places and releases one by id', async () => {
    const person = await citizenWithEnquiry();
    const created = await request(app.url)
      .post('/api/subject-requests')
      .set(auth(dpo))
      .send({ type: 'erasure', subject: { email: person.email }, receivedAt: daysAgo(1) })
      .expect(201);
    await request(app.url)
      .post(`/api/subject-requests/${created.body.id}/verify-identity`)
      .set(auth(dpo))
      .send({ evidence: 'passport', receivedAt: daysAgo(1) })
      .expect(200);
    const { page, problems } = await signedInDpo();
    await openRequest(page, person.email, 'Erasure');

    // From the records search: the person's enquiry, chosen by its reference.
    await page.getByRole('button', { name: 'Search for their records' }).click();
    await page.locator('#found-subjects').getByLabel(person.name).check();
    await page.getByRole('button', { name: 'Confirm these records' }).click();
    await page.locator('#request-notice').getByText('1 record confirmed as the requester’s').waitFor();
    await page.locator('#hold-found-records').getByText('Place a legal hold on one of these records').click();
    const fromRecords = page.locator('#hold-found');
    const label = `Enquiry ${person.reference} (phone) of ${person.name}`;
    await fromRecords.getByLabel('Record to hold').selectOption({ label });
    const reason = `Pre-action letter ${randomUUID().slice(0, 8)}`;
    await fromRecords.getByLabel('Why the records must be kept').fill(reason);
    expect(await accessibilityViolations(page)).toEqual([]);
    await fromRecords.getByRole('button', { name: 'Place a legal hold' }).click();
    await page
      .locator('#request-notice')
      .getByText(`Legal hold placed on enquiry ${person.reference} (phone) of ${person.name}`, { exact: true })
      .waitFor();

    // The erasure keeps the held enquiry, and says why.
    await page.getByRole('button', { name: 'Erase their data' }).click();
    await page.locator('#erasure-result').waitFor();
    expect(await rowsOf(page.locator('#erasure-result'))).toEqual({
      'Records erased': 'None',
      'Enquiries kept': '1',
      'Services told': '0',
    });
    expect(await page.locator('#actions-taken tbody td:nth-child(3)').allTextContents()).toEqual([
      'nothing left to erase; 1 kept; no services to tell',
    ]);
    expect(await page.locator('#erasure-kept').textContent()).toMatch(
      new RegExp(`^Enquiry ${person.enquiryId}: Under a legal hold \\(hold [0-9a-f-]{36}\\)$`),
    );
    expect((await request(app.url).get(`/api/enquiries/${person.enquiryId}`).set(auth(advisor)).expect(200)).body.description).not.toBe(
      '[erased]',
    );
    expect(await accessibilityViolations(page)).toEqual([]);

    // On the new tab: the hold, released with a reason.
    await openRetentionTab(page);
    const held = page.locator('#legal-holds tbody tr', { hasText: reason });
    expect(await held.locator('td').first().textContent()).toBe(`Enquiry ${person.enquiryId}`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await held.getByRole('button', { name: `Release the hold on enquiry ${person.enquiryId}` }).click();
    const release = page.locator('#release-hold');
    await release.getByRole('button', { name: 'Release the hold' }).click();
    await release
      .locator('.govuk-error-summary')
      .getByRole('link', { name: 'Enter why the hold is released (at least 5 characters)' })
      .waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await release.getByLabel('Why it is released').fill('Claim settled; no further action');
    await release.getByRole('button', { name: 'Release the hold' }).click();
    await page.locator('#records-notice').getByText(`Legal hold on enquiry ${person.enquiryId} released`, { exact: true }).waitFor();
    await held.waitFor({ state: 'detached' });

    // By id: what is missing, an enquiry that does not exist (the API's 404), then the enquiry itself.
    const place = page.locator('#place-hold');
    await place.getByLabel('An enquiry').check();
    await place.getByRole('button', { name: 'Place a legal hold' }).click();
    await place.locator('.govuk-error-summary').getByRole('link', { name: 'Enter the enquiry’s id' }).waitFor();
    await place
      .locator('.govuk-error-summary')
      .getByRole('link', { name: 'Enter why the records must be kept (at least 5 characters)' })
      .waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    const byId = `Information request ${randomUUID().slice(0, 8)}`;
    await place.getByLabel('Enquiry id').fill(randomUUID());
    await place.getByLabel('Why the records must be kept').fill(byId);
    await place.getByRole('button', { name: 'Place a legal hold' }).click();
    await place.locator('.govuk-error-summary').getByRole('link', { name: 'Enquiry not found' }).waitFor();
    expect(await page.locator('#place-hold-target-error').textContent()).toContain('Enquiry not found');
    await place.getByLabel('Enquiry id').fill(person.enquiryId);
    await place.getByRole('button', { name: 'Place a legal hold' }).click();
    await page.locator('#records-notice').getByText(`Legal hold placed on enquiry ${person.enquiryId}`, { exact: true }).waitFor();
    const second = page.locator('#legal-holds tbody tr', { hasText: byId });
    await second.waitFor();
    const active = (await request(app.url).get('/api/legal-holds').set(auth(dpo)).expect(200)).body as {
      enquiryId?: string;
      reason: string;
    }[];
    expect(active.filter((hold) => hold.enquiryId === person.enquiryId).map((hold) => hold.reason)).toEqual([byId]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await second.getByRole('button', { name: /^Release/ }).click();
    await release.getByLabel('Why it is released').fill('Request answered; nothing pending');
    await release.getByRole('button', { name: 'Release the hold' }).click();
    await second.waitFor({ state: 'detached' });
    expect(
      (await request(app.url).get('/api/legal-holds').set(auth(dpo)).expect(200)).body.filter(
        (hold: { enquiryId?: string }) => hold.enquiryId === person.enquiryId,
      ),
    ).toEqual([]);
    // Only the API's 404 for the enquiry that does not exist is in the console.
    expect(problems.filter((problem) => !/status of 404/.test(problem))).toEqual([]);
    expect(problems).toHaveLength(1);
    await context.close();
  }, 180_000);
  it('checks what a retention sweep would erase, runs it after a warning, follows it to the end, and downloads every sweep as CSV', async () => {
    // An organisation of the test's own, so that its sweep erases nothing another test relies on.
    const slug = `sweeps-${randomUUID().slice(0, 8)}`;
    const organisation = await provisionOrganisation(slug);
    const [staff, officer] = await Promise.all([login(app, `advisor@${slug}.test`), login(app, `dpo@${slug}.test`)]);
    const unique = randomUUID().slice(0, 8);
    const enquiryOf = async (name: string) => {
      const enquiry = await newEnquiry(app, staff, {
        subject: { name: `${name} ${unique}`, email: `${name.toLowerCase()}.${unique}@example.org` },
        description: `${name} enquiry ${unique}`,
      });
      await request(app.url).post(`/api/enquiries/${enquiry.id}/resolve`).set(auth(staff)).send({ advice: 'Advice given' }).expect(200);
      return enquiry.id;
    };
    const [expired, held] = [await enquiryOf('Expired'), await enquiryOf('Held')];
    // Finished three years ago: past the two years telephone enquiries are kept.
    await asOwner(organisation, (c) =>
      c.query(`update enquiries set resolved_at = now() - interval '3 years', created_at = now() - interval '3 years' where id = any($1)`, [
        [expired, held],
      ]),
    );
    await request(app.url)
      .post('/api/legal-holds')
      .set(auth(officer))
      .send({ enquiryId: held, reason: 'Pre-action letter LGL-2026-041' })
      .expect(201);

    context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const problems = watchPage(page);
    try {
      await page.goto(`${app.url}/console`);
      await page.getByLabel('Email address').fill(`dpo@${slug}.test`);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('No requests.').waitFor();
      await openRetentionTab(page);
      await page.locator('#no-sweeps').getByText('No sweep has run yet.').waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);

      // A check changes nothing: it says what would go and what a hold keeps.
      await page.getByRole('button', { name: 'Check what would be erased' }).click();
      await page
        .locator('#records-notice')
        .getByText(
          'Check finished: 1 record would be erased; 1 expired record kept for a legal hold or an open request. Nothing has changed.',
          { exact: true },
        )
        .waitFor();
      const newest = page.locator('#retention-sweeps tbody tr').first();
      expect(await newest.locator('td').allTextContents()).toEqual([
        expect.stringMatching(/\d{4}/),
        'On demandCheck only: nothing erased',
        'Completed',
        'Would erase: Telephone enquiries: call logs and advisors’ notes: 1',
        'Telephone enquiries: call logs and advisors’ notes: 1',
        'None',
      ]);
      expect((await request(app.url).get(`/api/enquiries/${expired}`).set(auth(staff)).expect(200)).body.description).toBe(
        `Expired enquiry ${unique}`,
      );
      expect(await accessibilityViolations(page)).toEqual([]);

      // The real sweep asks first, with a warning; cancelling goes back to the button.
      await page.getByRole('button', { name: 'Run the sweep now' }).click();
      const confirm = page.locator('#run-sweep');
      await confirm.getByRole('heading', { name: 'Run the retention sweep now' }).waitFor();
      expect(await confirm.textContent()).toContain('Erased content cannot be brought back');
      expect(await accessibilityViolations(page)).toEqual([]);
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await page.waitForFunction(() => document.activeElement?.id === 'start-sweep');
      await page.getByRole('button', { name: 'Run the sweep now' }).click();
      await confirm.getByRole('button', { name: 'Erase expired records' }).click();
      await page
        .locator('#records-notice')
        .getByText(
          'Sweep finished: 1 record erased, and 1 person’s details with their last record; 1 expired record kept for a legal hold or an open request.',
          { exact: true },
        )
        .waitFor();
      expect(await page.locator('#retention-sweeps tbody tr').count()).toBe(2);
      expect(await newest.locator('td').nth(1).textContent()).toBe('On demand');
      expect(await newest.locator('td').nth(3).textContent()).toBe(
        'Telephone enquiries: call logs and advisors’ notes: 1People erased with their last record: 1',
      );
      expect((await request(app.url).get(`/api/enquiries/${expired}`).set(auth(staff)).expect(200)).body.description).toBe('[erased]');
      expect((await request(app.url).get(`/api/enquiries/${held}`).set(auth(staff)).expect(200)).body.description).toBe(
        `Held enquiry ${unique}`,
      );
      expect(await accessibilityViolations(page)).toEqual([]);

      // Every sweep as CSV, counts only.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download every sweep (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^retention-sweeps-\d{4}-\d{2}-\d{2}\.csv$/);
      const rows = (await readFile((await download.path()) as string, 'utf8')).trimEnd().split('\r\n');
      expect(rows[0]).toBe(
        '"sweep_id","started_at","finished_at","trigger","dry_run","status","as_of","record_type","erased","held","failed"',
      );
      expect(rows.slice(1).map((row) => row.split(',').slice(3).join(','))).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^"on_demand","false","completed","\d{4}-\d{2}-\d{2}","data_subject","1","0","0"$/),
          expect.stringMatching(/^"on_demand","false","completed","\d{4}-\d{2}-\d{2}","phone_contact","1","1","0"$/),
          expect.stringMatching(/^"on_demand","true","completed","\d{4}-\d{2}-\d{2}","phone_contact","1","1","0"$/),
        ]),
      );
      expect(rows.join()).not.toContain(unique);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
