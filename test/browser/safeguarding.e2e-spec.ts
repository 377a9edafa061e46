/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { accessibilityViolations, launchChromium, watchPage } from '../support/browser.js';
import { DEMO_PASSWORD } from '../support/constants.js';
import { provisionOrganisation } from '../support/provision.js';
import { socketClients } from '../support/socket-clients.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const DANGER_WORDS = 'my dad has collapsed and is not breathing';

/**
 * The safeguarding screens in headless Chromium against the real service, in an organisation of the test's own: a
 * citizen's chat message of immediate danger names its kind in the advisor's chat banner, reaches the supervisor's
 * Safeguarding page and navigation badge without a reload, and waits under "Needs attention now" on Supervision; the
 * supervisor marks it handled with a note (a note too long is refused first, in an error summary) and it moves to
 * Reviewed with their name. The DPO reads the page without review buttons (and the API refuses their review). The
 * administrator sets the emergency duty numbers; a bad number is refused by the page and by the API. axe-core's
 * WCAG 2.2 A/AA rules hold on each main state, and the pages log no error.
 */
describe('safeguarding flags in the console', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const slug = `safeguard-${randomUUID().slice(0, 8)}`;
  const { connect, emit, closeAll } = socketClients(() => app.url);
  let supervisorToken: string;
  /** The first flag's enquiry reference, reviewed in the first test and read by the DPO in the second. */
  let reviewedReference: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
    await provisionOrganisation(slug);
    supervisorToken = await login(app, `supervisor@${slug}.test`);
  });
  afterAll(async () => {
    closeAll();
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await app?.stop();
  });

  const signedIn = async (role: 'advisor' | 'supervisor' | 'dpo' | 'admin'): Promise<{ page: Page; problems: string[] }> => {
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
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Console' });
  /** Waits until the element's whole text is `text` (the page redraws after an answer or an event). */
  const textBecomes = (page: Page, selector: string, text: string) =>
    page.waitForFunction(([css, expected]) => document.querySelector(css)?.textContent === expected, [selector, text] as const, {
      timeout: 10_000,
    });

  /** A citizen who has started a chat with the organisation: its chat id and enquiry reference. */
  const citizenChat = async (): Promise<{ citizen: Socket; chatId: string; reference: string }> => {
    const citizen = await connect('/webchat');
    const started = await emit(citizen, 'chat:start', {
      organisation: slug,
      consent: { accepted: true, privacyNoticeVersion: '1' },
      name: 'Worried Citizen',
    });
    expect(started).toMatchObject({ chatId: expect.any(String), reference: expect.any(String) });
    return { citizen, chatId: started.chatId as string, reference: started.reference as string };
  };

  it('brings a citizen’s words of danger to the advisor’s banner and the supervisor’s Safeguarding page, where it is marked handled with a note', async () => {
    // The supervisor is on the Safeguarding page before anything happens: the flag must arrive by itself.
    const supervisor = await signedIn('supervisor');
    await nav(supervisor.page).getByRole('link', { name: 'Safeguarding' }).click();
    await supervisor.page.getByRole('heading', { name: 'Safeguarding', level: 1 }).waitFor();
    await supervisor.page.locator('#no-open-flags').waitFor();
    expect(await supervisor.page.locator('#tab-safeguarding-count').count()).toBe(0);
    expect(await accessibilityViolations(supervisor.page)).toEqual([]);

    // An advisor accepts the citizen's chat in the console.
    const { citizen, reference } = await citizenChat();
    const advisor = await signedIn('advisor');
    await nav(advisor.page).getByRole('link', { name: 'Live chat', exact: true }).click();
    await advisor.page.locator('#accept-0').click();
    await advisor.page.getByRole('heading', { name: 'Chat 1' }).waitFor();

    expect(await emit(citizen, 'chat:message', { text: DANGER_WORDS })).toMatchObject({ seq: expect.any(Number) });

    // The advisor's banner names the kind.
    await advisor.page
      .getByRole('alert')
      .filter({
        hasText:
          'Someone may be in immediate danger (Medical emergency). The citizen has been shown the 999 guidance; a supervisor has been alerted.',
      })
      .waitFor();
    expect(await accessibilityViolations(advisor.page)).toEqual([]);

    // The supervisor's page and badge change without a reload.
    const card = supervisor.page.locator(`#open-flags .govuk-summary-card[data-reference="${reference}"]`);
    await card.waitFor();
    expect((await card.locator('.govuk-tag--red').allTextContents()).map((text) => text.trim())).toEqual(['Medical emergency']);
    expect(await card.textContent()).toContain('Webchat');
    expect(await card.textContent()).toMatch(/just now|1 minute ago/);
    expect(await card.getByRole('link', { name: reference, exact: true }).count()).toBe(1);
    await textBecomes(supervisor.page, '#tab-safeguarding-count', '1 waiting for review');
    // The page holds kinds and ids only: the citizen's words stay on the enquiry's timeline.
    expect(await supervisor.page.locator('main').textContent()).not.toContain(DANGER_WORDS);
    expect(await accessibilityViolations(supervisor.page)).toEqual([]);

    // Supervision puts it first, under "Needs attention now", with a way to the Safeguarding page.
    await nav(supervisor.page).getByRole('link', { name: 'Supervision', exact: true }).click();
    const attention = supervisor.page.locator('#needs-attention');
    await attention.getByText(reference).waitFor();
    expect(await attention.locator('.govuk-tag--red').allTextContents()).toEqual(['Medical emergency']);
    await supervisor.page.locator('#active-chats').getByText('Medical emergency').waitFor();
    expect(await accessibilityViolations(supervisor.page)).toEqual([]);
    await attention.getByRole('link', { name: 'Review it on the Safeguarding page' }).click();
    await card.waitFor();

    // A note over 500 characters is refused in an error summary, beside the note.
    const note = card.getByLabel('Note (optional)');
    await note.fill('x'.repeat(501));
    await card.getByRole('button', { name: /^Mark handled/ }).click();
    const summary = card.locator('.govuk-error-summary');
    await summary.getByRole('link', { name: 'The note must be 500 characters or fewer (it has 501)' }).waitFor();
    expect(await card.locator('.govuk-form-group--error .govuk-error-message').textContent()).toContain('500 characters or fewer');
    expect(await accessibilityViolations(supervisor.page)).toEqual([]);

    await note.fill('Rang 999 with the citizen; ambulance on its way');
    await card.getByRole('button', { name: /^Mark handled/ }).click();
    await supervisor.page.locator('#safeguarding-notice').getByText(`Flag on ${reference} marked as handled`).waitFor();
    await supervisor.page.locator('#no-open-flags').waitFor();
    const reviewed = supervisor.page.locator(`#reviewed-flags tr[data-reference="${reference}"]`);
    await reviewed.waitFor();
    const cells = (await reviewed.locator('td').allTextContents()).map((text) => text.trim());
    expect(cells.slice(1, 4)).toEqual(['Medical emergency', 'Handled', `supervisor of ${slug}`]);
    expect(cells[5]).toBe('Rang 999 with the citizen; ambulance on its way');
    expect(await supervisor.page.locator('#tab-safeguarding-count').count()).toBe(0);
    expect(await accessibilityViolations(supervisor.page)).toEqual([]);

    // What the page showed is what the service holds.
    const held = await request(app.url).get('/api/safeguarding/flags?status=reviewed').set(auth(supervisorToken)).expect(200);
    expect(held.body.flags).toEqual([
      expect.objectContaining({
        reference,
        kinds: ['medical'],
        status: 'handled',
        reviewNote: 'Rang 999 with the citizen; ambulance on its way',
        reviewedBy: expect.objectContaining({ displayName: `supervisor of ${slug}` }),
      }),
    ]);
    reviewedReference = reference;

    // Reports count it in the period (the organisation is the test's own, so the figures are exact).
    await nav(supervisor.page).getByRole('link', { name: 'Reports', exact: true }).click();
    const figures = supervisor.page.locator('#report-safeguarding');
    await figures.waitFor();
    const rows = await figures
      .locator('.govuk-summary-list__row')
      .evaluateAll((found) => found.map((row) => [row.querySelector('dt')?.textContent, row.querySelector('dd')?.textContent]));
    expect(rows).toEqual([
      ['Raised', '1'],
      ['Waiting for review', '0'],
      ['Handled', '1'],
      ['False alarms', '0'],
      ['By kind', 'Medical emergency 1'],
    ]);
    expect(await accessibilityViolations(supervisor.page)).toEqual([]);
    await nav(supervisor.page).getByRole('link', { name: 'Safeguarding' }).click();

    // The reference opens the enquiry.
    await reviewed.getByRole('link', { name: reference, exact: true }).click();
    await supervisor.page.getByRole('heading', { name: `Enquiry ${reference}` }).waitFor();
    expect(supervisor.problems).toEqual([]);
    expect(advisor.problems).toEqual([]);
  });

  it('shows the DPO the flags read-only: no review buttons, plain references, and the API refuses their review', async () => {
    // A second flag, left open, so that the absence of review buttons means something.
    const { citizen, reference } = await citizenChat();
    expect(await emit(citizen, 'chat:message', { text: DANGER_WORDS })).toMatchObject({ seq: expect.any(Number) });
    let open: { id: string; reference: string }[] = [];
    for (
      const deadline = Date.now() + 10_000;
      Date.now() < deadline && !open.some((flag) => flag.reference === reference);
      await new Promise((resolve) => setTimeout(resolve, 100))
    ) {
      open = (await request(app.url).get('/api/safeguarding/flags').set(auth(supervisorToken)).expect(200)).body.flags;
    }
    const flag = open.find((candidate) => candidate.reference === reference);
    expect(flag).toMatchObject({ reference });

    const dpo = await signedIn('dpo');
    // The DPO is not on the console socket and has no badge.
    expect(await nav(dpo.page).getByRole('link').allTextContents()).toContain('Safeguarding');
    await nav(dpo.page).getByRole('link', { name: 'Safeguarding' }).click();
    const card = dpo.page.locator(`#open-flags .govuk-summary-card[data-reference="${reference}"]`);
    await card.waitFor();
    expect(await card.locator('.govuk-tag--red').allTextContents()).toEqual(['Medical emergency']);
    const row = dpo.page.locator(`#reviewed-flags tr[data-reference="${reviewedReference}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(`supervisor of ${slug}`);
    expect(await dpo.page.getByRole('button', { name: /Mark handled|Mark as false alarm/ }).count()).toBe(0);
    expect(await dpo.page.getByLabel('Note (optional)').count()).toBe(0);
    // The DPO cannot open enquiries: references are text, not links.
    expect(await dpo.page.locator('main').getByRole('link', { name: reference }).count()).toBe(0);
    expect(await dpo.page.locator('#tab-safeguarding-count').count()).toBe(0);
    expect(await accessibilityViolations(dpo.page)).toEqual([]);

    const dpoToken = await login(app, `dpo@${slug}.test`);
    await request(app.url)
      .post(`/api/safeguarding/flags/${flag?.id}/review`)
      .set(auth(dpoToken))
      .send({ decision: 'false_alarm' })
      .expect(403);
    expect((await request(app.url).get('/api/safeguarding/flags').set(auth(supervisorToken)).expect(200)).body.flags).toEqual(
      expect.arrayContaining([expect.objectContaining({ reference, status: 'open' })]),
    );
    expect(dpo.problems).toEqual([]);
  });

  it('lets the administrator set the emergency duty numbers; a bad number is refused by the page and by the API', async () => {
    const { page, problems } = await signedIn('admin');
    await nav(page).getByRole('link', { name: 'Organisation', exact: true }).click();
    const row = page.locator('#setting-safeguarding');
    await row.waitFor();
    expect(await row.locator('.govuk-summary-list__value').textContent()).toBe('Children: Not set\nAdults: Not set');
    await page.locator('#change-safeguarding').click();

    const children = page.getByLabel('Children’s services emergency duty team');
    const adults = page.getByLabel('Adult social care emergency duty team');
    await children.fill('call 999');
    await adults.fill('01772 533 990');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const message = 'Enter the children’s emergency duty number as a UK phone number, like 0300 123 6720, or leave it empty';
    await page.locator('.govuk-error-summary').getByRole('link', { name: message }).waitFor();
    expect(await page.locator('#org-children-duty-error').textContent()).toContain(message);
    expect(await page.locator('#org-adults-duty-error').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    await children.fill('+44 (0)300 123 6720');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#organisation-notice').getByText('Emergency duty numbers saved').waitFor();
    await textBecomes(page, '#setting-safeguarding .govuk-summary-list__value', 'Children: +44 (0)300 123 6720\nAdults: 01772 533 990');
    expect(await accessibilityViolations(page)).toEqual([]);

    const adminToken = await login(app, `admin@${slug}.test`);
    expect((await request(app.url).get('/api/organisation').set(auth(adminToken)).expect(200)).body.safeguardingContacts).toEqual({
      childrenEmergencyDuty: '+44 (0)300 123 6720',
      adultsEmergencyDuty: '01772 533 990',
    });
    // The service holds the same rule as the page.
    const refused = await request(app.url)
      .patch('/api/organisation')
      .set(auth(adminToken))
      .send({ safeguardingContacts: { childrenEmergencyDuty: 'call 999', adultsEmergencyDuty: null } })
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('childrenEmergencyDuty');

    // Emptying a field clears the number.
    await page.locator('#change-safeguarding').click();
    await children.fill('');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await textBecomes(page, '#setting-safeguarding .govuk-summary-list__value', 'Children: Not set\nAdults: 01772 533 990');
    expect((await request(app.url).get('/api/organisation').set(auth(adminToken)).expect(200)).body.safeguardingContacts).toEqual({
      childrenEmergencyDuty: null,
      adultsEmergencyDuty: '01772 533 990',
    });
    expect(problems).toEqual([]);
  });
});
