/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { accessibilityViolations, chatIdOf, launchChromium, tabTo, watchPage } from '../support/browser.js';
import { auth } from '../support/factories.js';
import { provisionOrganisation } from '../support/provision.js';
import { emit, socketClients } from '../support/socket-clients.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The citizen's webchat page in headless Chromium against the real service: consent before anything exists,
 * the queue, messages both ways, a reload that resumes, the end with the transcript; by keyboard alone, with
 * axe-core's WCAG 2.2 A/AA rules before, during and after, and the page's Content-Security-Policy holding.
 */
describe('citizen webchat page', () => {
  let app: TestApp;
  let browser: Browser;
  let advisorToken: string;
  const sockets = socketClients(() => app.url);

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
    advisorToken = await login(app, 'advisor@lancashire.demo');
  });
  afterAll(async () => {
    sockets.closeAll();
    await browser?.close();
    await app?.stop();
  });

  const advisorConsole = () => sockets.connect('/console', { auth: { token: advisorToken } });

  it('takes a citizen from consent to the end of a chat by keyboard alone, accessibly, and resumes after a reload', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${app.url}/chat/lancashire`);
    await page.getByRole('heading', { name: 'Chat with Lancashire County Council' }).waitFor();

    // Nothing is kept in the browser before the chat starts.
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([0, 0]);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Starting without agreeing is refused with a GOV.UK error summary.
    await tabTo(page, 'start');
    await page.keyboard.press('Enter');
    await page.getByText('Select that you agree to the privacy notice to start a chat').first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await tabTo(page, 'name');
    await page.keyboard.type('Keyboard Citizen');
    await tabTo(page, 'consent');
    await page.keyboard.press('Space');
    await tabTo(page, 'start');
    await page.keyboard.press('Enter');
    await page
      .locator('#chat-status')
      .getByText(/You are number \d+ in the queue/)
      .waitFor();
    // The message field takes the focus, ready to type.
    await page.waitForFunction(() => document.activeElement?.id === 'message');
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual(['signpost-chat:lancashire']);
    const reference = (await page.locator('main strong').first().textContent()) as string;
    expect(reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await accessibilityViolations(page)).toEqual([]);

    // An advisor takes the chat; messages both ways; what the advisor sends is shown as text.
    const advisor = await advisorConsole();
    const waiting = await emit(advisor, 'chat:accept', { chatId: await chatIdOf('lancashire', reference) });
    expect(waiting.error).toBeUndefined();
    await page.locator('#chat-status').getByText('You are chatting with').waitFor();
    const fromCitizen = new Promise<{ text: string }>((resolve) => advisor.once('chat:message', resolve));
    await page.keyboard.type('Hello, my bin was not collected');
    await page.keyboard.press('Enter');
    expect((await fromCitizen).text).toBe('Hello, my bin was not collected');
    const payload = '<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">x</a>';
    expect(await emit(advisor, 'chat:message', { chatId: waiting.chatId, text: payload })).toMatchObject({ seq: expect.any(Number) });
    await page.locator('#chat-log').getByText(payload).waitFor();
    expect(await page.locator('#chat-log img, #chat-log script, #chat-log a').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    // A reload picks the chat up again, with the whole conversation.
    await page.reload();
    await page.locator('#chat-log').getByText('Hello, my bin was not collected').waitFor();
    await page.locator('#chat-log').getByText(payload).waitFor();
    expect(await page.locator('main strong').first().textContent()).toBe(reference);

    // End by keyboard: the reference and the transcript, and the browser forgets the chat.
    await tabTo(page, 'end');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Chat ended' }).waitFor();
    await page.getByRole('link', { name: 'Save a copy of the conversation' }).waitFor();
    expect(await page.locator('main').textContent()).toContain(reference);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('offers the leave-a-message path when webchat is closed', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    // Closed as the page sees it (the service's own closed-hours refusal is tested over the socket).
    await page.route('**/api/webchat/lancashire', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), open: false } });
    });
    await page.goto(`${app.url}/chat/lancashire`);
    await page.getByRole('heading', { name: 'Webchat is closed' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByRole('link', { name: 'Enter your name' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    const email = `closed.${Date.now()}@example.org`;
    await page.getByLabel('Your name').fill('Evening Citizen');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Your message').fill('Please ring me about my council tax');
    await page.getByLabel(/I have read the privacy notice/).check();
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByRole('heading', { name: 'Message sent' }).waitFor();
    const reference = await page.locator('.govuk-panel__body strong').textContent();
    const found = await request(app.url)
      .get(`/api/enquiries?q=${encodeURIComponent(email)}`)
      .set(auth(advisorToken))
      .expect(200);
    expect(found.body.items).toEqual([expect.objectContaining({ reference, channel: 'webchat', subjectName: 'Evening Citizen' })]);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('gives a council’s own page a link to the chat through the embeddable script, saying whether anyone is on, and nothing else', async () => {
    // An organisation of the test's own, so that no other test's advisors are on.
    const slug = `embed-${randomUUID().slice(0, 8)}`;
    await provisionOrganisation(slug);
    const context = await browser.newContext();
    const page = await context.newPage();
    // The council's own site: another origin (another port).
    const council = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><html lang="en"><head><title>Contact us</title></head><body><main><h1>Contact us</h1><div id="chat-here"></div><script src="${app.url}/embed.js" data-organisation="${slug}" data-target="#chat-here"></script></main></body></html>`,
      );
    });
    await new Promise<void>((resolve) => council.listen(0, '127.0.0.1', resolve));
    const councilPage = `http://127.0.0.1:${(council.address() as AddressInfo).port}/contact`;
    await page.goto(councilPage);
    // Nobody on: the link offers to leave a message.
    await page.getByRole('link', { name: 'Webchat is not available now – leave a message (opens in a new window)' }).waitFor();
    // An advisor comes on: the next visitor is offered a chat (the answer may be cached for a few seconds).
    await sockets.connect('/console', { auth: { token: await login(app, `advisor@${slug}.test`) } });
    const link = page.getByRole('link', { name: 'Chat with an adviser (opens in a new window)' });
    for (const deadline = Date.now() + 15_000; Date.now() < deadline && (await link.count()) === 0;) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await page.goto(councilPage);
    }
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`${app.url}/chat/${slug}`);
    expect(await context.cookies()).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);
    const [chat] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await chat.getByRole('heading', { name: `Chat with Council ${slug}` }).waitFor();
    await context.close();
    council.close();
  });

  it('answers an unknown organisation with a page that says so', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/chat/no-such-council`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
