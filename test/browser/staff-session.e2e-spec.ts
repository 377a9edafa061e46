/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { accessibilityViolations, launchChromium, watchPage } from '../support/browser.js';
import { DEMO_PASSWORD } from '../support/constants.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** What the page keeps of its session (session storage), or null once signed out. */
const storedSession = () => {
  const text = sessionStorage.getItem('signpost-staff-session');
  return text ? (JSON.parse(text) as { accessToken: string; issuedAt: number; expiresAt: number }) : null;
};

/**
 * A staff session in the console, its clock run forward by Playwright (the service's clock is real): the
 * 15-minute token is renewed shortly before it expires while the advisor works, the live chat connection is handed
 * each new token (the service retires the one it replaces, and a request caught in between is sent again with the new
 * one), and a page left alone signs itself out within a token's life after 30 idle minutes, saying why. Signing out,
 * by the button or for idleness, ends the sign-in on the service: its token answers 401 at once.
 */
describe('a staff session in the console', () => {
  let app: TestApp;
  let browser: Browser;
  /** Whether a token stands on the service (200) or not (401). */
  const services = (token: string | undefined) => request(app.url).get('/api/services').set('authorization', `Bearer ${token}`);

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('renews the token while the advisor works, hands it to the live chat connection, and signs out a page left alone', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    // Every `auth:renew` the page sends on any of its live chat connections (watched from the start: the connection
    // opened when the advisor first visits Live chat may be the one that carries it).
    const renewalsSent: string[] = [];
    page.on('websocket', (socket) =>
      socket.on('framesent', (frame) => {
        if (typeof frame.payload === 'string' && frame.payload.includes('"auth:renew"')) renewalsSent.push(frame.payload);
      }),
    );
    try {
      await page.clock.install();
      await page.goto(`${app.url}/console`);
      await page.getByLabel('Email address').fill('advisor@lancashire.demo');
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      // The advisor lands on the inbox; its list is answered before the test starts counting the inbox's requests.
      const landed = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/enquiries');
      await page.getByRole('button', { name: 'Sign in' }).click();
      expect((await landed).status()).toBe(200);
      await page.getByRole('link', { name: 'Live chat', exact: true }).click();
      await page.getByText(/^Connected\. \d+ waiting\.$/).waitFor();
      const first = await page.evaluate(storedSession);
      expect(first?.expiresAt).toBe((first?.issuedAt ?? 0) + 900_000);

      // The inbox's request is held on its way until the token has been renewed, so it reaches the service with the
      // token the renewal retired: answered 401, it is sent again with the new token and the advisor stays signed in.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let holding = true;
      await page.route(
        (url) => url.pathname === '/api/enquiries',
        async (route) => {
          if (holding) {
            holding = false;
            await held;
          }
          await route.continue();
        },
      );
      const inbox: { status: number; token?: string }[] = [];
      page.on('response', (response) => {
        if (new URL(response.url()).pathname === '/api/enquiries')
          inbox.push({ status: response.status(), token: response.request().headers().authorization });
      });

      // The advisor keeps working; 90 seconds before the token would expire, it is renewed and handed to the socket.
      const renewal = page.waitForResponse((response) => response.url().endsWith('/api/auth/refresh'));
      await page.clock.fastForward('10:00');
      await page.getByRole('link', { name: 'Inbox', exact: true }).click();
      await page.getByRole('link', { name: 'Live chat', exact: true }).click();
      await page.clock.fastForward('03:45');
      expect((await renewal).status()).toBe(200);
      // The page stores the renewed session once it has read the answer, a moment after the answer arrives.
      let second = await page.evaluate(storedSession);
      for (let waited = 0; second?.accessToken === first?.accessToken && waited < 10_000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        second = await page.evaluate(storedSession);
      }
      expect(second?.issuedAt).toBeGreaterThanOrEqual((first?.issuedAt ?? 0) + 13.5 * 60_000);
      expect(second?.expiresAt).toBe((second?.issuedAt ?? 0) + 900_000);
      // Socket.IO frames an event as 42/console,[id?]["auth:renew",{"token":…}].
      for (let waited = 0; renewalsSent.length === 0 && waited < 10_000; waited += 50)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(renewalsSent).toEqual([expect.stringContaining(`"token":"${second?.accessToken}"`)]);
      await page.getByText(/^Connected\. \d+ waiting\.$/).waitFor();
      // Renewal retired the first token on the service at once; the new one works.
      await services(first?.accessToken).expect(401);
      await services(second?.accessToken).expect(200);
      release();
      for (let waited = 0; inbox.length < 2 && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(inbox).toEqual([
        { status: 401, token: `Bearer ${first?.accessToken}` },
        { status: 200, token: `Bearer ${second?.accessToken}` },
      ]);
      expect((await page.evaluate(storedSession))?.accessToken).toBe(second?.accessToken);
      await page.unroute((url) => url.pathname === '/api/enquiries');

      // Left alone: renewed while activity is under 30 minutes old, then the page signs out, on the service too, and says why.
      const idleLogout = page.waitForResponse((response) => response.url().endsWith('/api/auth/logout'));
      let lastToken = second?.accessToken;
      for (let minutes = 0; minutes < 50 && (await page.evaluate(storedSession)); minutes += 5) {
        lastToken = (await page.evaluate(storedSession))?.accessToken ?? lastToken;
        await page.clock.fastForward('05:00');
        await page.waitForTimeout(250);
      }
      const banner = page.locator('#session-ended');
      await banner.getByText('You were signed out because the page was not used for 30 minutes. Sign in again to carry on.').waitFor();
      expect(await page.evaluate(storedSession)).toBeNull();
      expect((await idleLogout).status()).toBe(204);
      await services(lastToken).expect(401);
      await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);

      // Signing in again clears the notice.
      await page.getByLabel('Email address').fill('advisor@lancashire.demo');
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'Live chat', exact: true }).waitFor();
      expect(await banner.count()).toBe(0);

      // Signing out ends the sign-in on the service: its token answers 401 at once.
      const again = await page.evaluate(storedSession);
      await services(again?.accessToken).expect(200);
      const signedOut = page.waitForResponse((response) => response.url().endsWith('/api/auth/logout'));
      await page.getByRole('button', { name: 'Sign out' }).click();
      expect((await signedOut).status()).toBe(204);
      await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
      expect(await page.evaluate(storedSession)).toBeNull();
      await services(again?.accessToken).expect(401);
      // The one refusal the browser reports is the held inbox request's first answer, sent again with the new token.
      expect(problems).toEqual(['Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('ends the service user’s sign-in on the service when they sign out of the portal', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    try {
      await page.goto(`${app.url}/portal`);
      await page.getByLabel('Email address').fill('blue-badge@lancashire.demo');
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Referrals', exact: true }).waitFor();
      const session = await page.evaluate(storedSession);
      await request(app.url).get('/api/escalations').set('authorization', `Bearer ${session?.accessToken}`).expect(200);
      const signedOut = page.waitForResponse((response) => response.url().endsWith('/api/auth/logout'));
      await page.getByRole('button', { name: 'Sign out' }).click();
      expect((await signedOut).status()).toBe(204);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await request(app.url).get('/api/escalations').set('authorization', `Bearer ${session?.accessToken}`).expect(401);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
