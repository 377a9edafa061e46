/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { accessibilityViolations, launchChromium, watchPage } from '../support/browser.js';
import { DEMO_PASSWORD } from '../support/constants.js';
import { auth, escalate, newEnquiry } from '../support/factories.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

const ukDay = (daysAgo: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() - daysAgo * 86_400_000));
const longDate = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );
const number = (text: string) => Number(text.replace(/,/g, ''));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the console calls each channel. */
const CHANNEL_NAMES: Record<string, string> = {
  phone: 'Phone',
  email: 'Email',
  webchat: 'Webchat',
  social: 'Social media',
  form: 'Web form',
  internal: 'Internal',
};

interface ReportSummary {
  period: { from: string; to: string; days: number };
  enquiries: number;
  byChannel: { key: string; count: number }[];
  byDay: { key: string; count: number }[];
  byService: {
    service: string;
    name: string;
    escalations: number;
    acknowledged: number;
    acknowledgedOnTime: number;
    acknowledgedLate: number;
    unacknowledgedPastTarget: number;
  }[];
}

/**
 * The "Reports" tab and topic suggestion in headless Chromium against the real service. A supervisor sees a
 * period's figures as summary cards, uPlot charts on canvases (each an image named in words) and tables with the
 * same figures as the API gives, changes the period, downloads the CSV and is told why a period is refused; and
 * sees how topic suggestions fare. An advisor sees the services suggested for an enquiry with the words that led
 * there, confirms one and then corrects it. axe-core's WCAG 2.2 A/AA rules hold on every page state, and the page
 * logs no error but the API refusals the test provokes.
 */
describe('reports and topic suggestion in the console', () => {
  let app: TestApp;
  let browser: Browser;
  let advisor: string;
  let supervisor: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
    [advisor, supervisor] = await Promise.all([login(app, 'advisor@lancashire.demo'), login(app, 'supervisor@lancashire.demo')]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await app?.stop();
  });

  const enquiryAbout = async (description: string) => {
    const unique = `${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
    const created = await newEnquiry(app, advisor, { subject: { name: `Reports Caller ${unique}` }, description });
    return { id: created.id, reference: created.reference };
  };

  const signedIn = async (email: string): Promise<{ page: Page; problems: string[] }> => {
    const context = await browser.newContext({ acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${app.url}/console`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Console' }).waitFor();
    return { page, problems };
  };

  const summaryFromApi = async (from: string, to: string): Promise<ReportSummary> =>
    (await request(app.url).get(`/api/reports/summary?from=${from}&to=${to}`).set(auth(supervisor)).expect(200)).body;

  /** The figures the page shows, in the order it shows them. */
  const figuresOnPage = async (page: Page) => {
    const rows = async (table: Locator) =>
      table
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (cell) => (cell.textContent ?? '').trim())));
    const byDay = await rows(page.locator('#table-by-day'));
    const byService = (await page.locator('#table-by-service').count()) ? await rows(page.locator('#table-by-service')) : [];
    return {
      received: number((await page.locator('#report-enquiries dd').first().textContent()) ?? ''),
      days: byDay.map(([day, value]) => [day, number(value)]),
      channels: (await rows(page.locator('#table-by-channel'))).map(([channel, value]) => [channel, number(value)]),
      // Name, escalated, acknowledged, (average time), on time, late, not acknowledged past target.
      services: byService.map(([name, escalations, acknowledged, , onTime, late, pastTarget]) => [
        name,
        number(escalations),
        number(acknowledged),
        number(onTime),
        number(late),
        number(pastTarget),
      ]),
    };
  };

  const expectedFigures = (report: ReportSummary) => ({
    received: report.enquiries,
    days: report.byDay.map((day) => [expect.stringContaining(longDate(day.key)), day.count]),
    channels: report.byChannel.map((channel) => [CHANNEL_NAMES[channel.key], channel.count]),
    services: report.byService.map((service) => [
      service.name,
      service.escalations,
      service.acknowledged,
      service.acknowledgedOnTime,
      service.acknowledgedLate,
      service.unacknowledgedPastTarget,
    ]),
  });

  /**
   * The page's tables hold the API's figures for the same period. Other test files may add enquiries meanwhile, so
   * a mismatch is looked at again (and the figures asked for again) before it counts as a failure.
   */
  const expectFiguresOfApi = async (page: Page, from: string, to: string): Promise<ReportSummary> => {
    let shown: unknown;
    let report: ReportSummary | undefined;
    for (let attempt = 1; attempt <= 12; attempt += 1) {
      report = await summaryFromApi(from, to);
      shown = await figuresOnPage(page);
      try {
        expect(shown).toEqual(expectedFigures(report));
        return report;
      } catch {
        if (attempt % 4 === 0) await page.getByRole('button', { name: 'Show the figures' }).click();
        await sleep(250);
      }
    }
    expect(shown).toEqual(expectedFigures(report as ReportSummary));
    return report as ReportSummary;
  };

  const expectCanvas = async (page: Page, id: string) => {
    const canvas = page.locator(`#${id} canvas`);
    expect(await canvas.count()).toBe(1);
    const box = await canvas.boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    expect(box?.height).toBeGreaterThan(100);
    expect(await page.locator(`#${id}`).getAttribute('role')).toBe('img');
  };

  const fillDate = async (page: Page, legend: string, iso: string) => {
    const [year, month, day] = iso.split('-');
    const group = page.getByRole('group', { name: legend, exact: true });
    await group.getByLabel('Day').fill(String(Number(day)));
    await group.getByLabel('Month').fill(String(Number(month)));
    await group.getByLabel('Year').fill(year);
  };

  it('shows an advisor the services suggested for an enquiry with the words that led there; the advisor confirms one, then corrects it', async () => {
    const text = 'There is a pothole outside the school on Mill Lane';
    const enquiry = await enquiryAbout(text);
    const suggested = (await request(app.url).post('/api/routing/suggest').set(auth(advisor)).send({ text }).expect(200)).body
      .suggestions as { service: string; serviceName: string; confidence: number; reasons: string[] }[];
    expect(suggested[0]).toMatchObject({ service: 'highways', reasons: expect.arrayContaining(['pothole']) });

    const { page, problems } = await signedIn('advisor@lancashire.demo');
    await page.getByLabel('Reference, name, phone, email or postcode').fill(enquiry.reference);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('link', { name: enquiry.reference, exact: true }).click();
    await page.getByRole('heading', { name: `Enquiry ${enquiry.reference}` }).waitFor();

    // The suggestions, best first, each with its confidence and its words; the advisor is told they decide.
    const suggestions = page.locator('#topic-suggestions tbody tr');
    await suggestions.first().waitFor();
    const shown = await suggestions.evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (cell) => (cell.textContent ?? '').trim()).slice(0, 3)),
    );
    expect(shown).toEqual(
      suggested.map((suggestion) => [suggestion.serviceName, `${Math.round(suggestion.confidence * 100)}%`, suggestion.reasons.join(', ')]),
    );
    expect(shown[0][0]).toBe('Highways Service');
    expect(shown[0][2].split(', ')).toContain('pothole');
    expect(await page.locator('#topic').textContent()).toContain('These are only suggestions: you decide which service it is for.');
    expect(await page.locator('#current-topic').textContent()).toBe('Not decided yet.');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Confirmed: the topic is shown, kept by the API, and the escalation form follows it.
    await page.getByRole('button', { name: 'Confirm Highways Service' }).click();
    await page.getByText('Highways Service confirmed as the service this enquiry is for').waitFor();
    await page.locator('#current-topic').getByText('Highways Service').waitFor();
    expect(await page.locator('#current-topic').textContent()).toBe('Decided: Highways Service');
    expect((await request(app.url).get(`/api/enquiries/${enquiry.id}`).set(auth(advisor)).expect(200)).body.topic).toBe('highways');
    expect(await suggestions.first().locator('.govuk-tag').textContent()).toBe('Decided');
    expect(await page.getByLabel('Service', { exact: true }).inputValue()).toBe('highways');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Nothing chosen is refused the GOV.UK way; then another service corrects the suggestion.
    await page.getByRole('button', { name: 'Use this service' }).click();
    await page.locator('#topic-service-error').getByText('Choose a service').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Or choose another service').selectOption({ label: 'School Transport' });
    await page.getByRole('button', { name: 'Use this service' }).click();
    await page.getByText('School Transport chosen instead of the suggested Highways Service').waitFor();
    await page.locator('#current-topic').getByText('School Transport').waitFor();
    expect(await page.locator('#topic-service-error').count()).toBe(0);
    expect((await request(app.url).get(`/api/enquiries/${enquiry.id}`).set(auth(advisor)).expect(200)).body.topic).toBe('school-transport');
    expect(await page.getByRole('button', { name: 'Confirm Highways Service' }).count()).toBe(1);
    expect(await page.getByLabel('Service', { exact: true }).inputValue()).toBe('school-transport');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows a supervisor a period’s figures as cards, charts and tables, another period’s, the CSV, a refused period and how suggestions fare', async () => {
    // At least one escalation today, so that the chart by service is drawn.
    const library = await enquiryAbout('Asked about home library visits');
    await escalate(app, advisor, library.id, 'libraries', { reasonForReferral: 'Home library service', actionsAlreadyTaken: 'None' });
    const routingBefore = (await request(app.url).get('/api/routing/summary').set(auth(supervisor)).expect(200)).body as {
      decisions: number;
    };

    const { page, problems } = await signedIn('supervisor@lancashire.demo');
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();

    // The last 7 days by default.
    const [from, to] = [ukDay(6), ukDay(0)];
    await page
      .locator('#report-period')
      .getByText(`${longDate(from)} to ${longDate(to)}`, { exact: true })
      .waitFor();
    const week = await expectFiguresOfApi(page, from, to);
    expect(week.enquiries).toBeGreaterThanOrEqual(2);
    expect(week.byService.map((service) => service.service)).toContain('libraries');
    for (const id of ['chart-by-day', 'chart-by-channel', 'chart-by-service']) await expectCanvas(page, id);
    await page
      .getByRole('img', {
        name: new RegExp(
          `^Bar chart of enquiries received each day from ${longDate(from)} to ${longDate(to)}: \\d+ enquiries in all, most on `,
        ),
      })
      .waitFor();
    await page.getByRole('img', { name: /^Bar chart of enquiries by channel: .*Phone \d+/ }).waitFor();
    await page
      .getByRole('img', { name: /^Bar chart of escalations by service: \d+ escalations? in all; .*Libraries Service \d+/ })
      .waitFor();
    expect(await page.locator('#table-by-day tbody tr').count()).toBe(7);
    expect(await accessibilityViolations(page)).toEqual([]);

    // The CSV of the period shown.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Download CSV/ }).click()]);
    expect(download.suggestedFilename()).toBe(`signpost-report-${from}-${to}.csv`);
    // Every field is quoted; none of these figures has a quote or a comma of its own.
    const csv = (await readFile(await download.path(), 'utf8'))
      .trim()
      .split(/\r?\n/)
      .map((line) => line.replace(/"/g, ''));
    expect(csv[0]).toBe('section,key,value');
    expect(csv).toContainEqual(expect.stringMatching(/^enquiries,total,\d+$/));
    expect(csv.filter((line) => line.startsWith('day,'))).toEqual(
      week.byDay.map((day) => expect.stringMatching(new RegExp(`^day,${day.key},\\d+$`))),
    );

    // Another period: other days, other figures, still those of the API.
    const [otherFrom, otherTo] = ['2025-02-01', '2025-02-28'];
    await fillDate(page, 'From', otherFrom);
    await fillDate(page, 'To', otherTo);
    await page.getByRole('button', { name: 'Show the figures' }).click();
    await page.locator('#report-period').getByText('1 February 2025 to 28 February 2025', { exact: true }).waitFor();
    const february = await expectFiguresOfApi(page, otherFrom, otherTo);
    expect(await page.locator('#table-by-day tbody tr').count()).toBe(28);
    expect(february.enquiries).not.toBe(week.enquiries);
    expect(await page.locator('#report-enquiries dd').first().textContent()).toBe(String(february.enquiries));
    await page.getByRole('img', { name: /^Bar chart of enquiries received each day from 1 February 2025 to 28 February 2025/ }).waitFor();
    await expectCanvas(page, 'chart-by-day');
    expect(await accessibilityViolations(page)).toEqual([]);

    // A period the API refuses, with its reason beside the date it is about; then one the page itself refuses.
    await fillDate(page, 'From', '2026-03-10');
    await fillDate(page, 'To', '2026-03-01');
    await page.getByRole('button', { name: 'Show the figures' }).click();
    await page.locator('.govuk-error-summary').getByRole('link', { name: 'From must not be after to' }).waitFor();
    expect(await page.locator('#report-from-error').textContent()).toContain('From must not be after to');
    expect(await accessibilityViolations(page)).toEqual([]);
    await fillDate(page, 'From', '2024-01-01');
    await fillDate(page, 'To', '2025-12-31');
    await page.getByRole('button', { name: 'Show the figures' }).click();
    await page.locator('#report-to-error').getByText('A report covers at most 366 days').waitFor();
    await page.getByRole('group', { name: 'From', exact: true }).getByLabel('Day').fill('31');
    await page.getByRole('group', { name: 'From', exact: true }).getByLabel('Month').fill('2');
    await page.getByRole('button', { name: 'Show the figures' }).click();
    await page
      .locator('.govuk-error-summary')
      .getByRole('link', { name: 'The start date must be a real date, such as 27 3 2026' })
      .waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    // The figures shown are still those of the last period given.
    expect(await page.locator('#report-period').textContent()).toBe('1 February 2025 to 28 February 2025');

    // How topic suggestions fare: the correction the advisor made above is among those most made.
    const routing = page.locator('#routing-summary');
    await routing.locator('#routing-figures').waitFor();
    const routingAfter = (await request(app.url).get('/api/routing/summary').set(auth(supervisor)).expect(200)).body as {
      decisions: number;
    };
    const decisions = number((await routing.locator('#routing-figures dd').first().textContent()) ?? '');
    expect(decisions).toBeGreaterThanOrEqual(routingBefore.decisions);
    expect(decisions).toBeLessThanOrEqual(routingAfter.decisions);
    const correction = routing
      .locator('#routing-corrections tbody tr', { hasText: 'School Transport' })
      .filter({ hasText: 'Highways Service' });
    expect(number((await correction.locator('td').nth(2).textContent()) ?? '')).toBeGreaterThanOrEqual(1);
    expect(await routing.locator('#routing-figures').textContent()).toMatch(/First suggestion right\d+(\.\d)?% \(\d+ of \d+\)/);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Only the API's refusal of the two periods is in the console.
    expect(problems.filter((problem) => !/status of 400/.test(problem))).toEqual([]);
    expect(problems).toHaveLength(2);
  }, 120_000);

  it('gives the DPO the same figures without the routing section, which the API keeps for supervisors', async () => {
    const { page, problems } = await signedIn('dpo@lancashire.demo');
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await page
      .locator('#report-period')
      .getByText(`${longDate(ukDay(6))} to ${longDate(ukDay(0))}`, { exact: true })
      .waitFor();
    await expectFiguresOfApi(page, ukDay(6), ukDay(0));
    await expectCanvas(page, 'chart-by-day');
    expect(await page.locator('#routing-summary').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
