/// <reference lib="dom" />
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { accessibilityViolations, launchChromium, watchPage } from '../support/browser.js';
import { DEMO_PASSWORD } from '../support/constants.js';
import { auth, newEnquiry } from '../support/factories.js';
import { asOwner, provisionOrganisation } from '../support/provision.js';
import { signedHeaders } from '../support/signing.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The administrator's console in headless Chromium against the real service, on an organisation of the test's own
 * (with two services put in as the database owner): the administrator signs in to their own tabs only; adds an
 * advisor (refused first, by the page and then by the API), who can then sign in; changes their role and chat
 * skills; disables them (their sign-in then fails) and re-enables them, but cannot disable their own account; edits
 * what a referral to a service carries and how it is delivered; changes live chat routing and adds a processor;
 * rotates a channel's signing secret and sees it once; and uses "Retention and records" as the DPO does. axe-core's
 * WCAG 2.2 A/AA rules hold on each main state, and the page logs no error but the API refusals a test provokes.
 */
describe('the administrator keeps staff accounts, services and the organisation in the console', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let slug: string;
  let organisation: string;
  let admin: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
    slug = `admin-${randomUUID().slice(0, 8)}`;
    organisation = await provisionOrganisation(slug);
    // A provisioned organisation has no services; these are as the demo seed makes them.
    await asOwner(organisation, (c) =>
      c.query(
        `insert into services (organisation_id, code, name, permitted_fields, receives_special_category, statutory, delivery_type, routing_keywords)
         values ($1, 'libraries', 'Libraries Service', $2, false, false, 'portal', $3), ($1, 'highways', 'Highways', $4, false, true, 'portal', $5)`,
        [
          organisation,
          ['name', 'contactNumber', 'reasonForReferral', 'actionsAlreadyTaken'],
          ['library', 'books'],
          ['name', 'contactNumber', 'address', 'reasonForReferral', 'actionsAlreadyTaken'],
          ['pothole', 'gritting'],
        ],
      ),
    );
    admin = await login(app, `admin@${slug}.test`);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
  });

  const tabsOf = (page: Page) => page.getByRole('navigation', { name: 'Console' }).getByRole('link').allTextContents();

  const signedIn = async (email: string, ready: (page: Page) => Promise<void>): Promise<{ page: Page; problems: string[] }> => {
    await context?.close();
    context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${app.url}/console`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await ready(page);
    return { page, problems };
  };

  const signedInAdmin = () =>
    signedIn(`admin@${slug}.test`, async (page) => {
      await page.getByRole('heading', { name: 'Staff accounts', level: 1 }).waitFor();
      await page.locator('#staff-accounts').waitFor();
    });

  /** The focus is moved after the page has drawn the change: wait for it (a few seconds at most). */
  const focusMovesTo = (page: Page, id: string) =>
    page.waitForFunction((expected) => document.activeElement?.id === expected, id, { timeout: 5_000 });

  it('signs the administrator in to their own tabs, adds an advisor, changes their role, disables and re-enables them', async () => {
    const { page, problems } = await signedInAdmin();
    expect(await tabsOf(page)).toEqual(['Staff accounts', 'Services', 'Organisation', 'Retention and records']);
    expect(await page.locator('#tab-staff').getAttribute('aria-current')).toBe('page');
    const rows = page.locator('#staff-accounts tbody tr');
    expect(await rows.count()).toBe(4);
    // Their own account can be changed, but not disabled.
    const own = rows.filter({ hasText: `admin@${slug}.test` });
    expect(await own.locator('th').textContent()).toBe(`admin of ${slug}(you)`);
    expect(await own.getByRole('button', { name: 'Change your account' }).count()).toBe(1);
    expect(await own.getByRole('button', { name: /^(Disable|Re-enable)/ }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    // What is missing is refused on the page, the GOV.UK way.
    await page.getByRole('button', { name: 'Add an account' }).click();
    const add = page.locator('#add-account');
    await add.getByRole('heading', { name: 'Add an account' }).waitFor();
    await focusMovesTo(page, 'add-name');
    await add.getByRole('button', { name: 'Add the account' }).click();
    const summary = add.locator('.govuk-error-summary');
    for (const message of [
      'Enter the person’s full name',
      'Enter their work e-mail address',
      'Choose what they do',
      'Enter a password of at least 12 characters',
    ]) {
      await summary.getByRole('link', { name: message }).waitFor();
    }
    expect(await page.locator('#add-role-error').textContent()).toContain('Choose what they do');
    expect(await accessibilityViolations(page)).toEqual([]);

    // An address that already has an account is the API's refusal (409), shown on the e-mail input.
    const unique = randomUUID().slice(0, 6);
    const name = `Nia Advisor ${unique}`;
    const password = `a-long-password-${unique}`;
    const newPassword = `a-new-password-${unique}`;
    await add.getByLabel('Full name').fill(name);
    await add.getByLabel('E-mail address').fill(`advisor@${slug}.test`);
    await add.getByLabel('Advisor', { exact: true }).check();
    await add.getByLabel('Password').fill(password);
    await add.getByRole('button', { name: 'Add the account' }).click();
    await summary.getByRole('link', { name: 'That e-mail address already has an account' }).waitFor();
    expect(await page.locator('#add-email-error').textContent()).toContain('That e-mail address already has an account');
    expect(await add.getByLabel('E-mail address').getAttribute('aria-describedby')).toBe('add-email-hint add-email-error');

    const email = `nia.${unique}@${slug}.test`;
    await add.getByLabel('E-mail address').fill(email);
    await add.getByRole('button', { name: 'Add the account' }).click();
    await page
      .locator('#staff-notice')
      .getByText(`Account added for ${name} (Advisor). Give them their password by a safe route, not in the same e-mail as their address.`)
      .waitFor();
    await focusMovesTo(page, 'staff-notice');
    const row = rows.filter({ hasText: email });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual([
      email,
      'Advisor',
      '',
      'Never',
      'Active',
      `Change ${name}’s accountDisable ${name}’s account`,
    ]);
    const signIn = await request(app.url).post('/api/auth/login').send({ email, password }).expect(200);
    expect(signIn.body.user).toMatchObject({ email, displayName: name, role: 'advisor', organisation: slug });
    expect(await accessibilityViolations(page)).toEqual([]);

    // A new role, and the live chats they take: the change signs them out everywhere.
    await row.getByRole('button', { name: `Change ${name}’s account` }).click();
    const change = page.locator('#change-account');
    await change.getByRole('heading', { name: `Change ${name}’s account` }).waitFor();
    await focusMovesTo(page, 'change-name');
    await change.getByLabel('Supervisor', { exact: true }).check();
    await change.getByLabel('Libraries Service').check();
    await change.getByLabel('Live chats at once').fill('30');
    await change.getByLabel('Open enquiries assigned at most').fill('101');
    await change.getByLabel('New password (optional)').fill('too-short');
    await change.getByRole('button', { name: 'Save the changes' }).click();
    await change.locator('.govuk-error-summary').getByRole('link', { name: 'Enter a whole number of chats from 0 to 20' }).waitFor();
    await change
      .locator('.govuk-error-summary')
      .getByRole('link', { name: 'Enter a new password of at least 12 characters, or leave it blank' })
      .waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await change.locator('.govuk-error-summary').getByRole('link', { name: 'Enter a whole number of enquiries from 0 to 100' }).waitFor();
    await change.getByLabel('Live chats at once').fill('3');
    await change.getByLabel('Open enquiries assigned at most').fill('4');
    // They forgot their password: the administrator sets a new one, to tell them by phone.
    await change.getByLabel('New password (optional)').fill(newPassword);
    await change.getByRole('button', { name: 'Save the changes' }).click();
    await page
      .locator('#staff-notice')
      .getByText(
        `${name}’s account: role (now supervisor), chat skills, chats at once, open enquiries assigned at most and password changed`,
      )
      .waitFor();
    await request(app.url).post('/api/auth/login').send({ email, password }).expect(401);
    expect(await row.locator('td').nth(1).textContent()).toBe('Supervisor');
    expect(await row.locator('td').nth(2).textContent()).toBe('Chats: Libraries Service');
    const accounts = (await request(app.url).get('/api/users').set(auth(admin)).expect(200)).body as {
      email: string;
      role: string;
      skills: string[];
      maxConcurrentChats: number;
      maxAssignedWork: number;
      lastLoginAt?: string;
    }[];
    expect(accounts.find((account) => account.email === email)).toMatchObject({
      role: 'supervisor',
      skills: ['libraries'],
      maxConcurrentChats: 3,
      maxAssignedWork: 4,
      lastLoginAt: expect.any(String),
    });
    await request(app.url).get('/api/organisation').set(auth(signIn.body.accessToken)).expect(401);

    // Disabling asks first; cancelling goes back to the row.
    await row.getByRole('button', { name: `Disable ${name}’s account` }).click();
    const status = page.locator('#account-status');
    await status.getByRole('heading', { name: `Disable ${name}’s account?` }).waitFor();
    await focusMovesTo(page, 'account-status-title');
    expect(await status.textContent()).toContain(
      'They are signed out at once, everywhere, and cannot sign in until the account is re-enabled.',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await status.getByRole('button', { name: 'Cancel' }).click();
    await focusMovesTo(page, (await row.getByRole('button', { name: /^Disable/ }).getAttribute('id')) as string);
    await row.getByRole('button', { name: `Disable ${name}’s account` }).click();
    await status.getByRole('button', { name: 'Disable the account' }).click();
    await page.locator('#staff-notice').getByText(`${name}’s account is disabled: they are signed out and cannot sign in`).waitFor();
    expect(await row.locator('.govuk-tag').textContent()).toBe('Disabled');
    await request(app.url).post('/api/auth/login').send({ email, password: newPassword }).expect(401);
    expect(await accessibilityViolations(page)).toEqual([]);

    await row.getByRole('button', { name: `Re-enable ${name}’s account` }).click();
    await status.getByRole('heading', { name: `Re-enable ${name}’s account?` }).waitFor();
    await status.getByRole('button', { name: 'Re-enable the account' }).click();
    await page.locator('#staff-notice').getByText(`${name}’s account is re-enabled: they can sign in again`).waitFor();
    expect(await row.locator('.govuk-tag').textContent()).toBe('Active');
    expect((await request(app.url).post('/api/auth/login').send({ email, password: newPassword }).expect(200)).body.user.role).toBe(
      'supervisor',
    );

    // Their own account: the name may change, the role may not.
    await own.getByRole('button', { name: 'Change your account' }).click();
    await change.locator('#own-role').getByText('Your own role cannot be changed here').waitFor();
    expect(await change.locator('#change-role').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await change.getByRole('button', { name: 'Cancel' }).click();
    await focusMovesTo(page, (await own.getByRole('button', { name: 'Change your account' }).getAttribute('id')) as string);

    // Only the API's 409 for the address already taken is in the console.
    expect(problems.filter((problem) => !/status of 409/.test(problem))).toEqual([]);
    expect(problems).toHaveLength(1);
  }, 180_000);

  it('edits what a referral to a service carries and how it is delivered, and says plainly that only those fields are sent', async () => {
    const { page, problems } = await signedInAdmin();
    await page.getByRole('link', { name: 'Services', exact: true }).click();
    await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
    const libraries = page.locator('#service-libraries');
    await libraries.waitFor();
    expect(await page.locator('main').textContent()).toContain(
      'A referral to a service carries only the fields it is permitted, and nothing else about the person',
    );
    expect(await libraries.locator('td').allTextContents()).toEqual([
      'NameContact numberReason for referralActions already taken',
      'In the service portal',
      'Active',
      'Change Libraries Service',
    ]);
    expect(await page.locator('#services tbody tr').count()).toBe(2);
    expect(await accessibilityViolations(page)).toEqual([]);

    await libraries.getByRole('button', { name: 'Change Libraries Service' }).click();
    const form = page.locator('#change-service');
    await form.getByRole('heading', { name: 'Change Libraries Service' }).waitFor();
    await focusMovesTo(page, 'service-name');
    expect(await form.locator('.govuk-inset-text').textContent()).toContain('A referral carries only the fields ticked here');
    const fields = form.locator('#service-fields').locator('xpath=ancestor::fieldset');
    expect(
      await fields.getByRole('checkbox', { checked: true }).evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).value)),
    ).toEqual(['name', 'contactNumber', 'reasonForReferral', 'actionsAlreadyTaken']);
    await fields.getByLabel('Contact number').uncheck();
    await fields.getByLabel('Address', { exact: true }).check();
    expect(await accessibilityViolations(page)).toEqual([]);

    // A webhook to a private address is the API's refusal (400), shown on the address input.
    await form.getByLabel('Signed webhook').check();
    await form.getByLabel('Address referrals are posted to').fill('https://10.1.2.3/referrals');
    await form.getByLabel('Signing secret').fill(`whsec_${randomBytes(32).toString('base64')}`);
    await form.getByRole('button', { name: 'Save the changes' }).click();
    const summary = form.locator('.govuk-error-summary');
    await summary.getByRole('link', { name: 'The address points at a loopback, private, link-local or reserved address' }).waitFor();
    expect(await page.locator('#service-url-error').textContent()).toContain('points at a loopback, private');

    // The service mailbox instead: missing first, then given.
    await form.getByLabel('E-mail', { exact: true }).check();
    await form.getByRole('button', { name: 'Save the changes' }).click();
    await summary.getByRole('link', { name: 'Enter the service’s mailbox' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await form.getByLabel('Service mailbox').fill(`libraries@${slug}.test`);
    await form.getByRole('button', { name: 'Save the changes' }).click();
    await page
      .locator('#services-notice')
      .getByText('Libraries Service: changes saved. A referral now carries Name, address, reason for referral and actions already taken')
      .waitFor();
    await focusMovesTo(page, 'services-notice');
    expect(await libraries.locator('td').allTextContents()).toEqual([
      'NameAddressReason for referralActions already taken',
      `By e-mail to libraries@${slug}.test`,
      'Active',
      'Change Libraries Service',
    ]);
    const saved = (await request(app.url).get('/api/services/libraries').set(auth(admin)).expect(200)).body;
    expect(saved).toMatchObject({
      permittedFields: ['name', 'address', 'reasonForReferral', 'actionsAlreadyTaken'],
      delivery: { type: 'email', address: `libraries@${slug}.test` },
      routingKeywords: ['library', 'books'],
      active: true,
    });
    expect(await accessibilityViolations(page)).toEqual([]);

    // Cancelling a change goes back to its row, with nothing sent.
    await page.locator('#service-highways').getByRole('button', { name: 'Change Highways' }).click();
    await form.getByRole('button', { name: 'Cancel' }).click();
    await focusMovesTo(page, 'change-highways');

    expect(problems.filter((problem) => !/status of 400/.test(problem))).toEqual([]);
    expect(problems).toHaveLength(1);
  }, 120_000);

  it('changes live chat routing, adds a processor, and rotates a channel secret that is shown once', async () => {
    const { page, problems } = await signedInAdmin();
    await page.getByRole('link', { name: 'Organisation', exact: true }).click();
    await page.getByRole('heading', { name: 'Organisation', level: 1 }).waitFor();
    const chat = page.locator('#setting-chat');
    await chat.waitFor();
    expect(await page.locator('#setting-name dd').first().textContent()).toBe(`Council ${slug}`);
    expect(await chat.locator('.govuk-summary-list__value').textContent()).toBe('Advisors pick chats from the queue');
    expect(await accessibilityViolations(page)).toEqual([]);

    await chat.getByRole('button', { name: 'Change live chat' }).click();
    const form = page.locator('#organisation-settings-form');
    await form.getByRole('heading', { name: 'Change how live chats reach advisors' }).waitFor();
    await focusMovesTo(page, 'org-chat-routing');
    await form.getByLabel('Offer each chat to an advisor').check();
    await form.getByLabel('Seconds an advisor has to accept an offered chat').fill('900');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.locator('.govuk-error-summary').getByRole('link', { name: 'Enter a whole number of seconds from 1 to 600' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await form.getByLabel('Seconds an advisor has to accept an offered chat').fill('45');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.locator('#organisation-notice').getByText('Live chats are now offered to advisors, 45 seconds each').waitFor();
    expect(await chat.locator('.govuk-summary-list__value').textContent()).toBe(
      'Each chat is offered to an advisor, who has 45 seconds to accept it',
    );
    expect((await request(app.url).get('/api/organisation').set(auth(admin)).expect(200)).body).toMatchObject({
      chatRouting: 'auto',
      chatOfferSeconds: 45,
    });

    // E-mails, forms and social messages: assigned automatically, back to the queue after a time untouched.
    const work = page.locator('#setting-work');
    expect(await work.locator('.govuk-summary-list__value').textContent()).toBe('Advisors pick them from the inbox');
    await work.getByRole('button', { name: 'Change e-mails, forms and social messages' }).click();
    await form.getByRole('heading', { name: 'Change how e-mails, forms and social messages reach advisors' }).waitFor();
    await focusMovesTo(page, 'org-work-routing');
    await form.getByLabel('Assign each one to an advisor automatically').check();
    await form.getByLabel('Minutes an advisor has to start on an enquiry assigned to them').fill('2');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.locator('.govuk-error-summary').getByRole('link', { name: 'Enter a whole number of minutes from 5 to 1440' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await form.getByLabel('Minutes an advisor has to start on an enquiry assigned to them').fill('90');
    await form.getByRole('button', { name: 'Save' }).click();
    await page
      .locator('#organisation-notice')
      .getByText(
        'E-mails, forms and social messages are now assigned to advisors automatically, back to the queue after 90 minutes untouched',
      )
      .waitFor();
    expect(await work.locator('.govuk-summary-list__value').textContent()).toBe(
      'Each is assigned to an advisor automatically, and goes back to the queue if they have not touched it within 90 minutes',
    );
    expect((await request(app.url).get('/api/organisation').set(auth(admin)).expect(200)).body).toMatchObject({
      workRouting: 'auto',
      workReclaimMinutes: 90,
    });

    // A processor outside the UK needs its transfer safeguard.
    const add = page.locator('#add-processor');
    await add.getByLabel('Name').fill('Granicus');
    await add.getByLabel('What it does with the data').fill('Hosts the online forms');
    await add.getByLabel('Where it holds the data').fill('EU');
    await add.getByRole('button', { name: 'Add the processor' }).click();
    await add.locator('.govuk-error-summary').getByRole('link', { name: 'Enter the safeguard for data held outside the UK' }).waitFor();
    await add.getByLabel(/^Transfer safeguard/).fill('UK adequacy regulations (EEA)');
    await add.getByRole('button', { name: 'Add the processor' }).click();
    await page.locator('#organisation-notice').getByText('Granicus added to the processors').waitFor();
    expect(await page.locator('#processors tbody tr').first().locator('th, td').allTextContents()).toEqual([
      'Granicus',
      'Hosts the online forms',
      'EU',
      'UK adequacy regulations (EEA)',
      'Remove Granicus',
    ]);
    expect((await request(app.url).get('/api/organisation').set(auth(admin)).expect(200)).body.processors).toEqual([
      { name: 'Granicus', purpose: 'Hosts the online forms', location: 'EU', safeguard: 'UK adequacy regulations (EEA)' },
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Rotating asks first, with a warning; cancelling goes back to the button.
    await page.getByRole('button', { name: 'Rotate the secret for the phone channel' }).click();
    const confirm = page.locator('#rotate-secret');
    await confirm.getByRole('heading', { name: 'Rotate the phone channel’s secret?' }).waitFor();
    expect(await confirm.getByRole('button', { name: 'Rotate the secret' }).getAttribute('class')).toContain('govuk-button--warning');
    expect(await accessibilityViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await focusMovesTo(page, 'rotate-phone');
    await page.getByRole('button', { name: 'Rotate the secret for the phone channel' }).click();
    await confirm.getByRole('button', { name: 'Rotate the secret' }).click();

    const shown = page.locator('#new-secret');
    await shown.getByRole('heading', { name: 'New secret for the phone channel' }).waitFor();
    await focusMovesTo(page, 'new-secret-title');
    expect(await shown.textContent()).toContain('Copy it now: it is not shown again.');
    const secret = await shown.getByLabel('Secret').inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(await accessibilityViolations(page)).toEqual([]);
    // The phone platform, given the new secret, is let in.
    const call = JSON.stringify({
      callId: `call-${randomUUID()}`,
      callerNumber: '+447700900321',
      direction: 'inbound',
      startedAt: '2026-11-23T09:00:00Z',
      endedAt: '2026-11-23T09:06:30Z',
      disposition: 'advice-given',
    });
    await request(app.url).post(`/api/channels/phone/${slug}/calls`).set(signedHeaders(call, { secret })).send(call).expect(201);

    // Once copied, the page forgets it: it is nowhere on the page, and the focus is back on the button.
    await shown.getByRole('button', { name: 'I have copied it' }).click();
    await shown.waitFor({ state: 'detached' });
    await focusMovesTo(page, 'rotate-phone');
    expect(await page.content()).not.toContain(secret.slice(6));
    await page.getByRole('link', { name: 'Staff accounts', exact: true }).click();
    await page.getByRole('link', { name: 'Organisation', exact: true }).click();
    await page.locator('#channel-secrets').waitFor();
    expect(await page.content()).not.toContain(secret.slice(6));
    expect(problems).toEqual([]);
  }, 120_000);

  it('uses “Retention and records” as the DPO does, and leaves the DPO’s tabs as they were', async () => {
    const advisor = await login(app, `advisor@${slug}.test`);
    const enquiry = await newEnquiry(app, advisor, {
      subject: { name: `Held Person ${randomUUID().slice(0, 6)}` },
      description: 'Asked about a library card',
    });
    const { page, problems } = await signedInAdmin();
    await page.getByRole('link', { name: 'Retention and records', exact: true }).click();
    await page.getByRole('heading', { name: 'Retention and records', level: 1 }).waitFor();
    await page.locator('#retention-schedule').waitFor();
    await page.locator('#no-sweeps').waitFor();
    await page.locator('#no-legal-holds').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    // The schedule: a period changed with a reason, then back to the default.
    const rule = page.locator('#rule-website_contact_form');
    await rule.getByRole('button', { name: 'Change the period for Website contact forms' }).click();
    await page.locator('#change-period').getByLabel('New period').fill('P9M');
    await page.locator('#change-period').getByLabel('Why it changes').fill('Records management policy RM-07');
    await page.getByRole('button', { name: 'Save the new period' }).click();
    await page.locator('#records-notice').getByText('Website contact forms: now 9 months', { exact: true }).waitFor();
    await rule.getByRole('button', { name: 'Return to default for Website contact forms' }).click();
    await page.locator('#records-notice').getByText('Website contact forms: back to the default, 6 months', { exact: true }).waitFor();

    // A sweep checked (nothing of this organisation has expired).
    await page.getByRole('button', { name: 'Check what would be erased' }).click();
    await page
      .locator('#records-notice')
      .getByText('Check finished: 0 records would be erased. Nothing has changed.', { exact: true })
      .waitFor();

    // A legal hold placed by id and released.
    const place = page.locator('#place-hold');
    await place.getByLabel('An enquiry').check();
    await place.getByLabel('Enquiry id').fill(enquiry.id);
    await place.getByLabel('Why the records must be kept').fill('Pre-action letter LGL-2026-099');
    await place.getByRole('button', { name: 'Place a legal hold' }).click();
    await page.locator('#records-notice').getByText(`Legal hold placed on enquiry ${enquiry.id}`, { exact: true }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: `Release the hold on enquiry ${enquiry.id}` }).click();
    await page.locator('#release-hold').getByLabel('Why it is released').fill('Claim settled; no further action');
    await page.locator('#release-hold').getByRole('button', { name: 'Release the hold' }).click();
    await page.locator('#records-notice').getByText(`Legal hold on enquiry ${enquiry.id} released`, { exact: true }).waitFor();

    // The record of processing: this organisation's.
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the record (JSON)' }).click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/^record-of-processing-\d{4}-\d{2}-\d{2}\.json$/);
    const record = JSON.parse(await readFile((await json.path()) as string, 'utf8'));
    expect(record.controller).toMatchObject({ name: `Council ${slug}`, dataProtectionOfficer: { email: `dpo@${slug}.test` } });
    expect(problems).toEqual([]);

    // The DPO's console is as it was.
    const dpo = await signedIn(`dpo@${slug}.test`, (next) => next.getByText('No requests.').waitFor());
    expect(await tabsOf(dpo.page)).toEqual(['Safeguarding', 'Subject requests', 'Retention and records', 'Reports']);
    expect(dpo.problems).toEqual([]);
  }, 120_000);
});
