/// <reference lib="dom" />
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { accessibilityViolations, launchChromium, watchPage } from '../support/browser.js';
import { DEMO_PASSWORD } from '../support/constants.js';
import { auth, newEnquiry } from '../support/factories.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A made-up word of letters only, so that it counts as a meaningful word in a suggestion and a search: it ties
 * this test's articles and enquiries together whatever other tests write to the same organisation meanwhile.
 */
const madeUpWord = () => Array.from(randomBytes(10), (byte) => String.fromCharCode(97 + (byte % 26))).join('');

interface ArticleSummary {
  id: string;
  title: string;
  snippet: string;
  highlights: { start: number; end: number }[];
  overdueForReview: boolean;
}

/**
 * Knowledge articles beside an enquiry in the advisor console, in headless Chromium against the real service. The
 * advisor sees the articles suggested from the enquiry's words (matched words marked, an article past its review
 * date flagged), searches for another by a word in another form, chooses one, clears it, chooses again and
 * resolves with it, or refers the enquiry on its guidance; the API then holds the article used. axe-core's WCAG 2.2
 * A/AA rules hold on every page state, and the page logs no error.
 */
describe('knowledge articles in the enquiry panel', () => {
  let app: TestApp;
  let browser: Browser;
  let advisor: string;
  let supervisor: string;
  const contexts: BrowserContext[] = [];
  const gritWord = madeUpWord();
  const libraryWord = madeUpWord();
  const gritting = { id: '', title: `Gritting routes and priority roads ${gritWord}` };
  const library = { id: '', title: `Mobile library collections ${libraryWord}` };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
    [advisor, supervisor] = await Promise.all([login(app, 'advisor@lancashire.demo'), login(app, 'supervisor@lancashire.demo')]);
    const write = async (body: Record<string, unknown>) =>
      (await request(app.url).post('/api/knowledge').set(auth(supervisor)).send(body).expect(201)).body.id as string;
    gritting.id = await write({
      title: gritting.title,
      body:
        'We grit priority roads when ice or frost is forecast: A and B roads, bus routes and roads to hospitals. ' +
        'If the gritters have not been to a road on a priority route, pass the request to the highways service.',
      service: 'highways',
      tags: ['winter', gritWord],
      reviewOn: '2024-01-31',
    });
    library.id = await write({
      title: library.title,
      body: 'The mobile library collects and returns books every fortnight. Ask for a visit by phone.',
      service: 'libraries',
      tags: ['books', libraryWord],
    });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await app?.stop();
  });

  const enquiryAbout = async (description: string) => {
    const created = await newEnquiry(app, advisor, { subject: { name: `Knowledge Caller ${randomUUID().slice(0, 8)}` }, description });
    return { id: created.id, reference: created.reference, description };
  };
  const enquiryFromApi = async (id: string) => (await request(app.url).get(`/api/enquiries/${id}`).set(auth(advisor)).expect(200)).body;

  /** The advisor signed in, with the enquiry opened from the inbox. */
  const openedAsAdvisor = async (reference: string): Promise<{ page: Page; problems: string[] }> => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${app.url}/console`);
    await page.getByLabel('Email address').fill('advisor@lancashire.demo');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Reference, name, phone, email or postcode').fill(reference);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('link', { name: reference, exact: true }).click();
    await page.getByRole('heading', { name: `Enquiry ${reference}` }).waitFor();
    return { page, problems };
  };

  /** An article as the page lists it. */
  const shownArticle = async (item: Locator) => ({
    title: await item.locator('h4').textContent(),
    details: await item.locator('p').first().textContent(),
    snippet: await item.locator('p').nth(1).textContent(),
    marked: await item.locator('p mark').allTextContents(),
    tags: await item.locator('.govuk-tag').allTextContents(),
  });
  const markedInApi = (article: ArticleSummary) => article.highlights.map(({ start, end }) => article.snippet.slice(start, end));
  const useButton = (scope: Locator, title: string) => scope.getByRole('button', { name: `Use this article ${title}`, exact: true });

  it('suggests articles with their matched words and review flag; the advisor searches, chooses one and resolves with it', async () => {
    const enquiry = await enquiryAbout(`The gritters have not been down our road and it is icy. We live on ${gritWord} Close.`);
    const suggested = (
      await request(app.url).post('/api/knowledge/suggest').set(auth(advisor)).send({ text: enquiry.description }).expect(200)
    ).body.suggestions as ArticleSummary[];
    expect(suggested[0]).toMatchObject({ id: gritting.id, title: gritting.title, overdueForReview: true });
    expect(markedInApi(suggested[0])).toContain('gritters');
    expect(suggested.map((article) => article.id)).not.toContain(library.id);

    const { page, problems } = await openedAsAdvisor(enquiry.reference);
    const suggestions = page.locator('#knowledge-suggestions > li');
    // Once the services are known, the article's service is shown by its name.
    await suggestions.first().getByText('Service: Highways Service').waitFor();
    // The API's suggestions in its order; each snippet as text, its matched words marked, nothing else.
    expect(await suggestions.locator('h4').allTextContents()).toEqual(suggested.map((article) => article.title));
    const first = await shownArticle(suggestions.first());
    expect(first).toEqual({
      title: gritting.title,
      details: 'Service: Highways Service Review overdue',
      snippet: suggested[0].snippet,
      marked: markedInApi(suggested[0]),
      tags: ['Review overdue'],
    });
    expect(first.marked).toContain('gritters');
    expect(await suggestions.first().locator('.govuk-tag--red').textContent()).toBe('Review overdue');
    expect(await page.locator('#knowledge mark *, #knowledge script, #knowledge img').count()).toBe(0);
    // Nothing is chosen yet: the resolve form says so and the escalation form does not ask about guidance.
    await page.locator('#no-chosen-article').waitFor();
    expect(await page.locator('#follows-article').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    // A search with no words is refused the GOV.UK way, without asking the API.
    const search = page.getByRole('button', { name: 'Search articles' });
    await search.click();
    await page.locator('#knowledge-words-error').getByText('Enter words to search for').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    // Another article found by a word in another form: "collecting" finds "collects" and "collections".
    const words = `collecting ${libraryWord}`;
    await page.getByLabel('Search for an article').fill(words);
    await search.click();
    await page.locator('#knowledge-search-status').getByText(`1 article found for “${words}”`, { exact: true }).waitFor();
    expect(await page.locator('#knowledge-words-error').count()).toBe(0);
    const found = (
      await request(app.url)
        .get(`/api/knowledge?${new URLSearchParams({ q: words })}`)
        .set(auth(advisor))
        .expect(200)
    ).body as ArticleSummary[];
    expect(found.map((article) => article.id)).toEqual([library.id]);
    const results = page.locator('#knowledge-results > li');
    expect(await results.count()).toBe(1);
    await results.first().getByText('Service: Libraries Service').waitFor();
    const other = await shownArticle(results.first());
    expect(other).toEqual({
      title: library.title,
      details: 'Service: Libraries Service',
      snippet: found[0].snippet,
      marked: markedInApi(found[0]),
      tags: [],
    });
    expect(other.marked.map((word) => word.toLowerCase())).toContain('collects');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Choosing one article, then another: the resolve form names the one chosen last; it can be cleared.
    await useButton(results.first(), library.title).click();
    await page.locator('#chosen-article').getByText(library.title).waitFor();
    expect(await results.first().locator('.govuk-tag--green').textContent()).toBe('Chosen');
    await useButton(suggestions.first(), gritting.title).click();
    await page.locator('#chosen-article').getByText(gritting.title).waitFor();
    expect(await page.locator('#chosen-article').textContent()).not.toContain(library.title);
    expect(await useButton(results.first(), library.title).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Clear the article' }).click();
    await page.locator('#no-chosen-article').waitFor();
    expect(await page.locator('#chosen-article').count()).toBe(0);
    await useButton(suggestions.first(), gritting.title).click();
    await page.locator('#chosen-article').getByText(gritting.title).waitFor();

    // Resolved with the advice the article gave: the API records the article, and the page says which it was.
    await page.getByLabel('Advice given').fill('Explained the priority gritting routes');
    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await page.getByText(`Resolved with advice from the article “${gritting.title}”`).waitFor();
    await page.locator('#article-used').getByText(gritting.title).waitFor();
    const resolved = await enquiryFromApi(enquiry.id);
    expect(resolved).toMatchObject({
      status: 'resolved',
      knowledgeArticleId: gritting.id,
      resolutionAdvice: 'Explained the priority gritting routes',
    });
    // Resolved, it can no longer be given an article.
    expect(await page.getByRole('button', { name: /^Use this article/ }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('refers an enquiry to the service naming the article only when the advisor says its guidance was followed', async () => {
    const enquiry = await enquiryAbout(`The gritters missed ${gritWord} Close again and the road is icy.`);
    const { page, problems } = await openedAsAdvisor(enquiry.reference);
    await page.getByLabel('Service', { exact: true }).selectOption('highways');
    await page.getByRole('button', { name: 'Preview what will be shared' }).click();
    await page.locator('#preview-fields').waitFor();
    await page.getByLabel('Reason for referral').fill('Road on a priority route not gritted');
    await page.getByLabel('Actions already taken').fill('Checked the gritting routes');
    expect(await page.locator('#follows-article').count()).toBe(0);

    const suggested = page.locator('#knowledge-suggestions > li', { has: page.getByRole('heading', { name: gritting.title }) });
    await useButton(suggested, gritting.title).click();
    const follows = page.getByLabel('This follows the article’s guidance to pass it to the service');
    await follows.waitFor();
    expect(await follows.isChecked()).toBe(false);
    expect(await page.locator('#follows-article-hint').textContent()).toBe(`Article: ${gritting.title}`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await follows.check();
    await page.getByRole('button', { name: 'Escalate to Highways Service' }).click();
    await page.getByText(/^Escalated to Highways Service: shared /).waitFor();

    const referred = await enquiryFromApi(enquiry.id);
    expect(referred).toMatchObject({ status: 'escalated', knowledgeArticleId: gritting.id, retentionClass: 'knowledge_follow_up' });
    const escalated = (referred.timeline as { metadata: Record<string, unknown> }[]).find((entry) => entry.metadata.event === 'escalated');
    expect(escalated?.metadata).toMatchObject({ service: 'highways', knowledgeArticleId: gritting.id });
    await page.locator('#article-used').getByText(gritting.title).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
