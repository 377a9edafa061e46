/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ParsedMail } from 'mailparser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { CARD_NUMBER_REMOVED } from '../../src/channels/safety/card-numbers.js';
import { accessibilityViolations, launchChromium, tabTo, watchPage } from '../support/browser.js';
import { DEMO_PASSWORD } from '../support/constants.js';
import { auth, newEnquiry } from '../support/factories.js';
import { startMailCapture, type MailCapture } from '../support/mail-capture.js';
import { addChannelSecret, asOwner, provisionOrganisation } from '../support/provision.js';
import { signedHeaders } from '../support/signing.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/webhook-receiver.js';

/**
 * The reply composer and the saved-replies view in headless Chromium against the real service: a supervisor adds a
 * saved reply; an advisor, by keyboard alone, inserts it in the composer of an e-mail enquiry, adds words with a
 * card number in them, previews exactly what will be sent (the name and reference filled in, the card number
 * removed), sends and resolves; the message reaches the SMTP server and its delivery status shows beside it in the
 * conversation. axe-core's WCAG 2.2 A/AA rules hold on every state, and the page logs no error.
 */
describe('replies in the advisor console', () => {
  let app: TestApp;
  let browser: Browser;
  let capture: MailCapture;
  const outbox: ParsedMail[] = [];
  const contexts: BrowserContext[] = [];
  const slug = `replyui-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    capture = await startMailCapture(outbox);
    const organisationId = await provisionOrganisation(slug);
    await asOwner(organisationId, (c) =>
      c.query(`update organisations set enquiries_email = $2 where id = $1`, [organisationId, `contact@${slug}.test`]),
    );
    await addChannelSecret(organisationId, 'email');
    [app, browser] = await Promise.all([
      startTestApp({
        MAIL_TRANSPORT_URL: capture.url,
        JOB_WORKERS: 'true',
        JOB_POLL_SECONDS: '0.5',
        // Queues of its own: other test apps' workers never take these replies.
        JOB_QUEUE_PREFIX: `replyui-${randomUUID().slice(0, 8)}-`,
      }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await app?.stop();
    await capture?.close();
  });

  const signedIn = async (role: 'advisor' | 'supervisor'): Promise<{ page: Page; problems: string[] }> => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${app.url}/console`);
    await page.getByLabel('Email address').fill(`${role}@${slug}.test`);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Console' }).waitFor();
    return { page, problems };
  };

  it('a supervisor keeps saved replies; an unknown variable is refused, named', async () => {
    const { page, problems } = await signedIn('supervisor');
    await page.getByRole('link', { name: 'Saved replies', exact: true }).click();
    await page.getByRole('heading', { name: 'Saved replies', level: 1 }).waitFor();
    await page.locator('#no-saved-replies').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    // Keyboard only: the form, a refusal in the error summary, the correction.
    await tabTo(page, 'saved-title', 60);
    await page.keyboard.type('Collection rearranged');
    await tabTo(page, 'saved-text');
    await page.keyboard.type('Dear ((name)), we will collect on ((day)).');
    await tabTo(page, 'saved-save');
    await page.keyboard.press('Enter');
    await page.locator('#saved-text-error').getByText('((day))').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await tabTo(page, 'saved-text');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Dear ((name)), we will collect your bin tomorrow. Your reference is ((reference)).');
    await tabTo(page, 'saved-save');
    await page.keyboard.press('Enter');
    await page.locator('#saved-replies').getByRole('rowheader', { name: 'Collection rearranged' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    // The one refusal the page asked for: the unknown variable, answered 400 by the API.
    expect(problems).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });

  it('an advisor answers by keyboard alone: saved reply inserted, preview of exactly what is sent, send and resolve; the status shows beside it', async () => {
    const advisorToken = await login(app, `advisor@${slug}.test`);
    const email = `bin.${randomUUID().slice(0, 6)}@example.org`;
    const enquiry = await newEnquiry(app, advisorToken, {
      channel: 'form',
      subject: { name: 'Morgan Bins', email },
      description: 'My bin was not collected',
    });
    const { page, problems } = await signedIn('advisor');
    await page.getByLabel('Reference, name, phone, email or postcode').fill(enquiry.reference);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('link', { name: enquiry.reference, exact: true }).click();
    await page.getByRole('heading', { name: `Enquiry ${enquiry.reference}` }).waitFor();
    const composer = page.locator('#reply');
    await composer.getByText(`To ${email}`).waitFor();
    expect(await page.locator('#reply-channel').isChecked()).toBe(true); // e-mail, what the person gave
    expect(await accessibilityViolations(page)).toEqual([]);

    // Keyboard only: choose the saved reply, insert it, add a line, preview.
    await tabTo(page, 'reply-saved', 80);
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'reply-insert-saved');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (document.getElementById('reply-text') as HTMLTextAreaElement).value.includes('Dear ((name))'));
    await tabTo(page, 'reply-text');
    await page.keyboard.press('End');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Your card 4111 1111 1111 1111 is not needed.');
    await tabTo(page, 'reply-preview');
    await page.keyboard.press('Enter');
    const preview = page.locator('#reply-preview-text');
    await preview.waitFor();
    expect(await preview.textContent()).toBe(
      `Dear Morgan Bins, we will collect your bin tomorrow. Your reference is ${enquiry.reference}. Your card ${CARD_NUMBER_REMOVED} is not needed.`,
    );
    await page.locator('#reply-card-removed').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await tabTo(page, 'reply-send-resolve');
    await page.keyboard.press('Enter');
    await page.getByText('E-mail reply queued and the enquiry resolved').waitFor();
    await waitFor(() => outbox.some((mail) => (mail.to as { text: string } | undefined)?.text === email), 15_000, 'the e-mail');
    const mail = outbox.find((entry) => (entry.to as { text: string }).text === email) as ParsedMail;
    expect(mail.subject).toContain(enquiry.reference);
    expect(mail.text).toContain('Dear Morgan Bins, we will collect your bin tomorrow.');
    expect(mail.text).not.toContain('4111');
    // The conversation shows the reply with its delivery status, read again while it is on its way.
    await page.locator('#timeline [data-reply-status="sent"]').waitFor({ timeout: 15_000 });
    const detail = (await request(app.url).get(`/api/enquiries/${enquiry.id}`).set(auth(advisorToken)).expect(200)).body;
    expect(detail.status).toBe('resolved');
    // Counted in the reports as first-contact resolution by a reply.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const supervisor = await login(app, `supervisor@${slug}.test`);
    const report = await request(app.url).get(`/api/reports/summary?from=${today}&to=${today}`).set(auth(supervisor)).expect(200);
    expect(report.body.firstContactResolution).toMatchObject({ resolved: 1, byReply: 1 });
    expect(await accessibilityViolations(page)).toEqual([]);

    // The citizen answers the e-mail: the advisor who replied is told at once, with a link to the enquiry.
    const replyTo = (mail.replyTo as { value: { address: string }[] }).value[0].address;
    const answer = [
      `From: Morgan Bins <${email}>`,
      `To: ${replyTo}`,
      `Subject: Re: ${mail.subject}`,
      `Message-ID: <${randomUUID()}@example.org>`,
      `In-Reply-To: ${mail.messageId}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'It still has not been collected.',
    ].join('\r\n');
    await request(app.url)
      .post(`/api/channels/email/${slug}/inbound`)
      .set({ ...signedHeaders(answer), 'content-type': 'message/rfc822' })
      .send(answer)
      .expect(201);
    const banner = page.locator('#reply-answers');
    await banner.getByRole('link', { name: `Enquiry ${enquiry.reference}` }).waitFor();
    expect(await banner.textContent()).toContain('answered by e-mail: reopened');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
