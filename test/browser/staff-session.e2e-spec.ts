/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
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
 * each new token, and a page left alone signs itself out within a token's life after 30 idle minutes, saying why.
 */
describe('a staff session in the console', () => {
  let app: TestApp;
  let browser: Browser;

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
    try {
      await page.clock.install();
      await page.goto(`${app.url}/console`);
      await page.getByLabel('Email address').fill('advisor@lancashire.demo');
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Live chat' }).click();
      await page.getByText(/^Connected\. \d+ waiting\.$/).waitFor();
      const first = await page.evaluate(storedSession);
      expect(first?.expiresAt).toBe((first?.issuedAt ?? 0) + 900_000);

      // The advisor keeps working; 90 seconds before the token would expire, it is renewed and handed to the socket.
      const renewalSent = new Promise<string>((resolve) => {
        page.on('websocket', (socket) => socket.on('framesent', (frame) => typeof frame.payload === 'string' && frame.payload.includes('"auth:renew"') && resolve(frame.payload)));
      });
      const renewal = page.waitForResponse((response) => response.url().endsWith('/api/auth/refresh'));
      await page.clock.fastForward('10:00');
      await page.getByRole('button', { name: 'Inbox' }).click();
      await page.getByRole('button', { name: 'Live chat' }).click();
      await page.clock.fastForward('03:45');
      expect((await renewal).status()).toBe(200);
      const second = await page.evaluate(storedSession);
      expect(second?.issuedAt).toBeGreaterThanOrEqual((first?.issuedAt ?? 0) + 13.5 * 60_000);
      expect(second?.expiresAt).toBe((second?.issuedAt ?? 0) + 900_000);
      // Socket.IO frames an event as 42/console,[id?]["auth:renew",{"token":…}].
      expect(await renewalSent).toContain(`"token":"${second?.accessToken}"`);
      await page.getByText(/^Connected\. \d+ waiting\.$/).waitFor();

      // Left alone: renewed while activity is under 30 minutes old, then left to expire; the page signs out and says why.
      for (let minutes = 0; minutes < 50 && (await page.evaluate(storedSession)); minutes += 5) {
        await page.clock.fastForward('05:00');
        await page.waitForTimeout(250);
      }
      const banner = page.locator('#session-ended');
      await banner.getByText('You were signed out because the page was not used for 30 minutes. Sign in again to carry on.').waitFor();
      expect(await page.evaluate(storedSession)).toBeNull();
      await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);

      // Signing in again clears the notice.
      await page.getByLabel('Email address').fill('advisor@lancashire.demo');
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Live chat' }).waitFor();
      expect(await banner.count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
