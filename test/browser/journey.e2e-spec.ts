/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { accessibilityViolations, chatIdOf, launchChromium, watchPage } from '../support/browser.js';
import { auth } from '../support/factories.js';
import { signedHeaders } from '../support/signing.js';
import { CHAT_CONSENT, emit, socketClients } from '../support/socket-clients.js';
import { asTenant, login, startTestApp, testDatabase, type TestApp } from '../support/test-app.js';

const XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">click</a>';

/**
 * The whole journey in headless Chromium: a citizen consents and chats in the widget; an advisor signs in to
 * the console, accepts, replies, checks the preview and escalates to Blue Badge; the Blue Badge user sees the
 * referral in the portal with only the permitted fields, acknowledges and closes it. Everything a citizen or
 * an e-mail sends is shown to staff as text.
 */
describe('the journey through the pages', () => {
  let app: TestApp;
  let browser: Browser;
  const advisor = { email: `journey-${randomUUID().slice(0, 8)}@lancashire.demo`, password: 'journey-password-1' };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
    // An advisor of its own, so that chats other tests hold never fill this one's capacity.
    const admin = await login(app, 'admin@lancashire.demo');
    await request(app.url)
      .post('/api/users')
      .set(auth(admin))
      .send({ ...advisor, displayName: 'Journey Advisor', role: 'advisor' })
      .expect(201);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const signIn = async (page: Page, email: string, password: string) => {
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  it('goes from the citizen’s consent to the service closing the referral', async () => {
    const citizenContext = await browser.newContext();
    const citizen = await citizenContext.newPage();
    const citizenProblems = watchPage(citizen);
    await citizen.goto(`${app.url}/chat/lancashire`);
    await citizen.getByLabel('Your name (optional)').fill('Journey Citizen');
    await citizen.getByLabel(/I have read the privacy notice/).check();
    await citizen.getByRole('button', { name: 'Start chat' }).click();
    await citizen
      .locator('#chat-status')
      .getByText(/in the queue/)
      .waitFor();
    const reference = (await citizen.locator('main strong').first().textContent()) as string;
    const chatId = await chatIdOf('lancashire', reference);

    const staffContext = await browser.newContext();
    const console_ = await staffContext.newPage();
    const consoleProblems = watchPage(console_);
    await console_.goto(`${app.url}/console`);
    expect(await accessibilityViolations(console_)).toEqual([]);
    await signIn(console_, advisor.email, advisor.password);
    await console_.getByRole('link', { name: 'Live chat', exact: true }).click();
    await console_.locator(`button[data-chat="${chatId}"]`).click();
    await citizen.locator('#chat-status').getByText('You are chatting with Journey Advisor').waitFor();

    // Messages both ways, and a hostile one shown as text.
    await console_.locator('#reply-0').fill('Hello, how can I help?');
    await console_.locator('#send-0').click();
    await citizen.locator('#chat-log').getByText('Hello, how can I help?').waitFor();
    await citizen.locator('#message').fill('I need a blue badge for my mother');
    await citizen.keyboard.press('Enter');
    await console_.locator('#chat-log-0').getByText('I need a blue badge for my mother').waitFor();
    await citizen.locator('#message').fill(XSS);
    await citizen.keyboard.press('Enter');
    await console_.locator('#chat-log-0').getByText(XSS).waitFor();
    expect(await console_.locator('#chat-log-0 img, #chat-log-0 script, #chat-log-0 a').count()).toBe(0);
    expect(await accessibilityViolations(console_)).toEqual([]);

    // The enquiry: a note the service must never see, the preview, then the escalation.
    await console_.getByRole('link', { name: 'Open the enquiry' }).click();
    await console_.getByRole('heading', { name: `Enquiry ${reference}` }).waitFor();
    await console_.getByLabel('Add a note').fill('Internal note NOT-FOR-THE-SERVICE');
    await console_.getByRole('button', { name: 'Add note' }).click();
    await console_.locator('#timeline').getByText('Internal note NOT-FOR-THE-SERVICE').waitFor();
    expect(await accessibilityViolations(console_)).toEqual([]);
    // The service suggested from the chat's words, chosen already; the advisor still decides.
    await console_.locator('#suggestions').getByText('Blue Badge Service').waitFor();
    expect(await console_.getByLabel('Service', { exact: true }).inputValue()).toBe('blue-badge');
    await console_.getByLabel('Service', { exact: true }).selectOption('blue-badge');
    await console_.getByRole('button', { name: 'Preview what will be shared' }).click();
    const preview = console_.locator('#preview-fields');
    await preview.waitFor();
    expect(await preview.locator('dt').allTextContents()).toEqual(['Name']);
    expect(await preview.locator('dd').allTextContents()).toEqual(['Journey Citizen']);
    await console_.getByLabel('Reason for referral').fill('Mother needs a blue badge after a stroke');
    await console_.getByLabel('Actions already taken').fill('Explained the eligibility criteria');
    await console_.getByRole('button', { name: 'Escalate to Blue Badge Service' }).click();
    await console_.getByText(/Escalated to Blue Badge Service: shared Name, Reason for referral, Actions already taken/).waitFor();

    // The inbox finds it by the service it went to, and only by that one.
    const token = await login(app, advisor.email, advisor.password);
    const byService = (service: string) => request(app.url).get(`/api/enquiries?service=${service}&q=${reference}`).set(auth(token));
    expect((await byService('blue-badge').expect(200)).body.total).toBe(1);
    expect((await byService('highways').expect(200)).body.total).toBe(0);
    expect((await byService('Not%20a%20code').expect(400)).body.message).toContain('service must be a service code');

    // The service sees only what was shared, and closes the referral.
    const serviceContext = await browser.newContext();
    const portal = await serviceContext.newPage();
    const portalProblems = watchPage(portal);
    await portal.goto(`${app.url}/portal`);
    await signIn(portal, 'blue-badge@lancashire.demo', 'signpost-demo');
    await portal.getByRole('link', { name: reference }).click();
    const fields = portal.locator('#referral-fields');
    await fields.waitFor();
    expect(await fields.locator('dt').allTextContents()).toEqual(['Name', 'Reason for referral', 'Actions already taken']);
    const shown = (await portal.locator('main').textContent()) as string;
    for (const secret of ['NOT-FOR-THE-SERVICE', 'I need a blue badge for my mother', 'Hello, how can I help?'])
      expect(shown).not.toContain(secret);
    expect(await accessibilityViolations(portal)).toEqual([]);
    await portal.getByRole('button', { name: 'Acknowledge' }).click();
    await portal.locator('#referral-status').getByText('acknowledged').waitFor();
    await portal.getByLabel('Outcome').fill('Badge issued');
    await portal.getByRole('button', { name: 'Close the referral' }).click();
    await portal.locator('#referral-status').getByText('closed').waitFor();

    expect([...citizenProblems, ...consoleProblems, ...portalProblems]).toEqual([]);
    await Promise.all([citizenContext.close(), staffContext.close(), serviceContext.close()]);
  });

  it('logs a phone enquiry with its legal basis, consent and explicit consent from the console', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${app.url}/console`);
    await signIn(page, advisor.email, advisor.password);
    await page.getByRole('link', { name: 'New enquiry', exact: true }).click();
    await page.getByRole('heading', { name: 'New enquiry' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Log the enquiry' }).click();
    await page.getByRole('link', { name: 'Enter the person’s name' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Name', { exact: true }).fill('Phone Caller');
    await page.getByLabel('Day').fill('29');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('1948');
    await page.getByLabel('Phone (optional)').fill('07700 900456');
    await page.getByLabel('What the enquiry is about').fill('Asking about a blue badge after a hip operation');
    await page.getByLabel('Legal basis').selectOption('consent');
    await page.getByLabel(/The person consents to the use described/).check();
    await page.getByLabel('health', { exact: true }).check();
    await page.getByRole('button', { name: 'Log the enquiry' }).click();
    await page.getByRole('link', { name: 'Special category information needs the person’s explicit consent' }).waitFor();
    await page.getByLabel(/explicit consent to this information/).check();
    await page.getByRole('button', { name: 'Log the enquiry' }).click();
    await page.getByRole('heading', { name: /^Enquiry [0-9A-Z]{4}-[0-9A-Z]{4}$/ }).waitFor();
    const details = (await page.locator('#enquiry-details').textContent()) as string;
    expect(details).toContain('Consent (Art. 6(1)(a))');
    expect(details).toContain('1948-02-29');
    expect(await page.locator('main').textContent()).toContain('Explicit consent (health)');

    // Resolved at first contact, with the advice given.
    await page.getByLabel('Advice given').fill('Explained how to apply online and the evidence needed');
    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await page.getByText('Resolved with advice').waitFor();
    await page.locator('#enquiry-details').getByText('resolved').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets a supervisor see the queue, advisors’ load and chats in progress, and move a chat back to the queue', async () => {
    const sockets = socketClients(() => app.url);
    const citizen = await sockets.connect('/webchat');
    const started = (await emit(citizen, 'chat:start', {
      organisation: 'lancashire',
      consent: CHAT_CONSENT,
      name: 'Supervised Citizen',
    })) as { chatId: string; reference: string };
    const advisorToken = await login(app, advisor.email, advisor.password);
    const advisorSocket = await sockets.connect('/console', { auth: { token: advisorToken } });
    expect(await emit(advisorSocket, 'chat:accept', { chatId: started.chatId })).toMatchObject({ chatId: started.chatId });

    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${app.url}/console`);
    await signIn(page, 'supervisor@lancashire.demo', 'signpost-demo');
    await page.getByRole('link', { name: 'Supervision', exact: true }).click();
    await page.locator('#advisors').getByText('Journey Advisor').waitFor();
    const row = page.locator('#active-chats tr', { hasText: started.reference });
    await row.waitFor();
    expect(await row.textContent()).toContain('Journey Advisor');
    await page.locator('#dead-letters').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await row.getByRole('button', { name: /^Move/ }).click();
    await page.getByText(`Chat ${started.reference} moved`).waitFor();
    const status = await asTenant(testDatabase().runtimeUrl, 'lancashire', (client) =>
      client.query<{ status: string }>('select status from chats where id = $1', [started.chatId]),
    );
    expect(status.rows[0].status).toBe('queued');
    expect(problems).toEqual([]);
    sockets.closeAll();
    await context.close();
  });

  it('shows the DPO every subject-rights request with its days left, overdue in red, and the clock’s history', async () => {
    const dpo = await login(app, 'dpo@lancashire.demo');
    const overdue = await request(app.url)
      .post('/api/subject-requests')
      .set(auth(dpo))
      .send({ type: 'access', subject: { name: 'Overdue Person' }, receivedAt: '2026-01-05' })
      .expect(201);
    await request(app.url)
      .post(`/api/subject-requests/${overdue.body.id}/verify-identity`)
      .set(auth(dpo))
      .send({ evidence: 'passport', receivedAt: '2026-01-12' })
      .expect(200);
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${app.url}/console`);
    await signIn(page, 'dpo@lancashire.demo', 'signpost-demo');
    const row = page.locator('#subject-requests tr', { hasText: '2026-01-05' }).first();
    await row.waitFor();
    expect(await row.locator('.govuk-tag--red').textContent()).toMatch(/^Overdue by \d+ days$/);
    expect(await page.getByRole('link', { name: 'Live chat', exact: true }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await row.getByRole('link').click();
    const history = page.locator('#clock-history');
    await history.waitFor();
    expect(await history.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(['2026-02-05', '2026-02-12']);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows an e-mail’s hostile body to the advisor as text', async () => {
    const raw = [
      'From: Hostile Sender <hostile@example.org>',
      'To: contact@lancashire.demo',
      'Subject: <script>alert(4)</script>',
      `Message-ID: <${randomUUID()}@example.org>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Please help ${XSS}`,
    ].join('\r\n');
    const created = await request(app.url)
      .post('/api/channels/email/lancashire/inbound')
      .set({ ...signedHeaders(raw), 'content-type': 'message/rfc822' })
      .send(raw)
      .expect(201);
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${app.url}/console`);
    await signIn(page, advisor.email, advisor.password);
    await page.getByLabel('Reference, name, phone, email or postcode').fill(created.body.reference);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('link', { name: created.body.reference }).click();
    await page.getByRole('heading', { name: `Enquiry ${created.body.reference}` }).waitFor();
    const main = page.locator('main');
    expect(await main.textContent()).toContain('onerror="alert(1)"');
    expect(await page.locator('main img, main script, main a[href^="javascript"]').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
