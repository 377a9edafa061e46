// `npm run screenshots`: starts Signpost on a fresh embedded database with the demo data, walks the journey in
// headless Chromium (Debian's, as the tests use) and saves a screenshot of each page under docs/screenshots/.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startSignpost } from '../bench/support.mjs';

const OUT = path.resolve('docs/screenshots');
const signpost = await startSignpost({ LOG_LEVEL: 'warn' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking'],
});
const viewport = { width: 1280, height: 900 };
const shot = (page, name) => page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
const signIn = async (page, email) => {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('signpost-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
};
try {
  const citizen = await (await browser.newContext({ viewport })).newPage();
  await citizen.goto(`${signpost.url}/chat/lancashire`);
  await citizen.getByRole('heading', { name: /Chat with/ }).waitFor();
  await shot(citizen, 'citizen-consent');
  await citizen.getByLabel('Your name (optional)').fill('Sam Citizen');
  await citizen.getByLabel(/I have read the privacy notice/).check();
  await citizen.getByRole('button', { name: 'Start chat' }).click();
  await citizen
    .locator('#chat-status')
    .getByText(/in the queue/)
    .waitFor();
  await shot(citizen, 'citizen-queue');

  const advisor = await (await browser.newContext({ viewport })).newPage();
  await advisor.goto(`${signpost.url}/console`);
  await signIn(advisor, 'advisor@lancashire.demo');
  await advisor.getByRole('heading', { name: 'Inbox' }).waitFor();
  await advisor.locator('#inbox').waitFor();
  await shot(advisor, 'console-inbox');
  await advisor.getByRole('button', { name: 'Live chat' }).click();
  await advisor.locator('#accept-0').click();
  await advisor.locator('#reply-0').fill('Hello Sam, you are through to Lancashire County Council. How can I help?');
  await advisor.locator('#send-0').click();
  await citizen.locator('#chat-log').getByText('How can I help?').waitFor();
  await citizen.locator('#message').fill('My mother has had a stroke and needs a blue badge. Can you help?');
  await citizen.keyboard.press('Enter');
  await advisor.locator('#chat-log-0').getByText('needs a blue badge').waitFor();
  await shot(citizen, 'citizen-conversation');
  await shot(advisor, 'console-live-chat');

  await advisor.getByRole('button', { name: 'Open the enquiry' }).click();
  await advisor.getByLabel('Service', { exact: true }).selectOption('blue-badge');
  await advisor.getByRole('button', { name: 'Preview what will be shared' }).click();
  await advisor.locator('#preview-fields').waitFor();
  await advisor.getByLabel('Reason for referral').fill('Mother needs a blue badge after a stroke');
  await advisor.getByLabel('Actions already taken').fill('Explained eligibility and the evidence needed');
  await shot(advisor, 'console-escalation-preview');
  await advisor.getByRole('button', { name: 'Escalate to Blue Badge Service' }).click();
  await advisor.getByText(/Escalated to Blue Badge Service/).waitFor();

  const service = await (await browser.newContext({ viewport })).newPage();
  await service.goto(`${signpost.url}/portal`);
  await signIn(service, 'blue-badge@lancashire.demo');
  await service.locator('#referrals button').first().click();
  await service.locator('#referral-fields').waitFor();
  await shot(service, 'portal-referral');

  const supervisor = await (await browser.newContext({ viewport })).newPage();
  await supervisor.goto(`${signpost.url}/console`);
  await signIn(supervisor, 'supervisor@lancashire.demo');
  await supervisor.getByRole('button', { name: 'Supervision' }).click();
  await supervisor.locator('#active-chats').waitFor();
  await supervisor.locator('#advisors').getByText('available').first().waitFor();
  await shot(supervisor, 'console-supervision');

  const dpo = await (await browser.newContext({ viewport })).newPage();
  const dpoLogin = await fetch(`${signpost.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'dpo@lancashire.demo', password: 'signpost-demo' }),
  }).then((r) => r.json());
  const asDpo = (path, body) =>
    fetch(`${signpost.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${dpoLogin.accessToken}` },
      body: JSON.stringify(body),
    }).then((r) => r.json());
  const overdue = await asDpo('/api/subject-requests', { type: 'access', subject: { name: 'Sam Citizen' }, receivedAt: '2026-09-03' });
  await asDpo(`/api/subject-requests/${overdue.id}/verify-identity`, { evidence: 'passport', receivedAt: '2026-09-10' });
  await asDpo('/api/subject-requests', {
    type: 'erasure',
    subject: { email: 'sam@example.org' },
    receivedAt: new Date().toISOString().slice(0, 10),
  });
  await dpo.goto(`${signpost.url}/console`);
  await signIn(dpo, 'dpo@lancashire.demo');
  await dpo.locator('#subject-requests').waitFor();
  await shot(dpo, 'console-subject-requests');

  await citizen.getByRole('button', { name: 'End chat' }).click();
  await citizen.getByRole('heading', { name: 'Chat ended' }).waitFor();
  await shot(citizen, 'citizen-ended');
  console.log(`screenshots saved in ${OUT}`);
} finally {
  await browser.close();
  await signpost.stop();
}
