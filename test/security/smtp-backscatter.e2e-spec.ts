import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ParsedMail } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import request from 'supertest';
import { auth } from '../support/factories.js';
import { addChannelSecret, asOwner, provisionOrganisation } from '../support/provision.js';
import { suffix } from '../support/security.js';
import { signedHeaders } from '../support/signing.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/webhook-receiver.js';
import { startMailCapture, type MailCapture } from '../support/mail-capture.js';
import { freePort } from '../support/free-port.js';

const REFERENCE = /[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface TimelineEntry {
  kind: string;
  metadata: Record<string, unknown>;
}

/**
 * The SMTP listener faces anyone: a forged From must not make the service mail a victim without limit
 * (backscatter), and its answers must not tell a prober which enquiry a message joined.
 */
describe('SMTP backscatter and answers', () => {
  let app: TestApp;
  let smtpPort: number;
  let send: (message: SendMailOptions) => Promise<{ response: string }>;
  let capture: MailCapture;
  const outbox: ParsedMail[] = [];
  const organisations: Record<'x' | 'y' | 'z', { slug: string; advisor: string }> = {
    x: { slug: '', advisor: '' },
    y: { slug: '', advisor: '' },
    z: { slug: '', advisor: '' },
  };

  const acknowledgementsTo = (address: string) =>
    outbox.filter((mail) => (mail.to as { text: string } | undefined)?.text.toLowerCase() === address.toLowerCase());
  const enquiriesFrom = async (organisation: 'x' | 'y' | 'z', address: string) => {
    const found = await request(app.url)
      .get(`/api/enquiries?q=${encodeURIComponent(address)}`)
      .set(auth(organisations[organisation].advisor))
      .expect(200);
    return Promise.all(
      (found.body.items as { id: string }[]).map(
        async (item) =>
          (await request(app.url).get(`/api/enquiries/${item.id}`).set(auth(organisations[organisation].advisor)).expect(200)).body as {
            id: string;
            reference: string;
            timeline: TimelineEntry[];
          },
      ),
    );
  };
  const withheld = (enquiry: { timeline: TimelineEntry[] }) =>
    enquiry.timeline.filter((entry) => entry.kind === 'system' && entry.metadata.event === 'acknowledgement_withheld');

  beforeAll(async () => {
    capture = await startMailCapture(outbox);
    for (const key of ['x', 'y', 'z'] as const) {
      const slug = `backscatter-${key}-${suffix()}`;
      const id = await provisionOrganisation(slug);
      await addChannelSecret(id, 'email');
      await asOwner(id, async (c) => {
        await c.query(`update organisations set enquiries_email = $2 where id = $1`, [id, `contact@${slug}.test`]);
      });
      organisations[key].slug = slug;
    }
    smtpPort = await freePort();
    app = await startTestApp({
      SMTP_PORT: String(smtpPort),
      MAIL_TRANSPORT_URL: capture.url,
      EMAIL_ACKS_PER_SENDER_PER_HOUR: '3',
      EMAIL_ACKS_PER_ORGANISATION_PER_HOUR: '4',
    });
    for (const key of ['x', 'y', 'z'] as const) organisations[key].advisor = await login(app, `advisor@${organisations[key].slug}.test`);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    send = (message) => transport.sendMail(message) as Promise<{ response: string }>;
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await capture.close();
  });

  it('acknowledges at most three messages from one sender in the hour, across organisations; the fourth still becomes an enquiry, its timeline and the log saying so without the address', async () => {
    const victim = `victim.${suffix()}@example.org`;
    for (let i = 1; i <= 4; i += 1) {
      const sent = await send({
        from: `Forged <${victim}>`,
        to: `contact@${organisations.x.slug}.test`,
        subject: `Probe ${i}`,
        text: `Message ${i}`,
      });
      expect(sent.response).toMatch(/^250 /);
    }
    await waitFor(() => acknowledgementsTo(victim).length >= 3, 10_000, 'three acknowledgements');
    await pause(1000);
    expect(acknowledgementsTo(victim)).toHaveLength(3);

    const enquiries = await enquiriesFrom('x', victim);
    expect(enquiries).toHaveLength(4);
    const unacknowledged = enquiries.filter((enquiry) => withheld(enquiry).length > 0);
    expect(unacknowledged).toHaveLength(1);
    expect(withheld(unacknowledged[0]).map((entry) => entry.metadata)).toEqual([
      { event: 'acknowledgement_withheld', reason: 'sender_limit' },
    ]);
    expect(acknowledgementsTo(victim).some((mail) => mail.subject?.includes(unacknowledged[0].reference))).toBe(false);

    // The same mailbox (another case, a +tag) writing to another organisation of the deployment: still withheld.
    const tagged = victim.replace('@', '+other@').toUpperCase();
    expect(
      (await send({ from: tagged, to: `contact@${organisations.y.slug}.test`, subject: 'Probe 5', text: 'Message 5' })).response,
    ).toMatch(/^250 /);
    await pause(1000);
    expect(outbox.filter((mail) => (mail.to as { text: string }).text.toLowerCase().includes(victim.split('@')[0]))).toHaveLength(3);
    const [elsewhere] = await enquiriesFrom('y', tagged.toLowerCase());
    expect(withheld(elsewhere).map((entry) => entry.metadata.reason)).toEqual(['sender_limit']);

    const logged = app
      .output()
      .split('\n')
      .filter((line) => line.includes('acknowledgement withheld'));
    expect(logged).toHaveLength(2);
    expect(logged.join('\n')).not.toContain(victim.split('@')[0]);
  });

  it('stops acknowledging once the organisation has sent its hourly number, whoever writes', async () => {
    const senders = Array.from({ length: 5 }, (_, i) => `resident${i}.${suffix()}@example.org`);
    for (const sender of senders)
      expect(
        (await send({ from: sender, to: `contact@${organisations.z.slug}.test`, subject: 'Bins', text: 'Not collected' })).response,
      ).toMatch(/^250 /);
    await waitFor(() => senders.filter((sender) => acknowledgementsTo(sender).length > 0).length >= 4, 10_000, 'four acknowledgements');
    await pause(1000);
    expect(senders.map((sender) => acknowledgementsTo(sender).length)).toEqual([1, 1, 1, 1, 0]);
    const [last] = await enquiriesFrom('z', senders[4]);
    expect(withheld(last).map((entry) => entry.metadata)).toEqual([{ event: 'acknowledgement_withheld', reason: 'organisation_limit' }]);
  });

  it('answers a duplicate Message-ID, and a reply joining an enquiry, exactly as a new message: no reference; the signed push keeps its 200 with the enquiry', async () => {
    const sender = `resident.${suffix()}@example.org`;
    const messageId = `<${randomUUID()}@example.org>`;
    const to = `contact@${organisations.y.slug}.test`;
    const first = await send({ from: sender, to, subject: 'Streetlight', text: 'The light is out.', messageId });
    await waitFor(() => acknowledgementsTo(sender).length === 1, 10_000, 'acknowledgement');
    const ack = acknowledgementsTo(sender)[0];
    const reference = REFERENCE.exec(ack.subject ?? '')?.[0] as string;
    expect(reference).toMatch(REFERENCE);

    const duplicate = await send({ from: sender, to, subject: 'Streetlight', text: 'The light is out.', messageId });
    const replyTo = (ack.replyTo as { value: { address: string }[] }).value[0].address;
    const reply = await send({ from: sender, to: replyTo, subject: `Re: ${ack.subject}`, text: 'Still out.', inReplyTo: ack.messageId });
    for (const answer of [first, duplicate, reply]) {
      expect(answer.response).toBe('250 Message accepted');
      expect(answer.response).not.toMatch(REFERENCE);
    }
    const [enquiry] = await enquiriesFrom('y', sender);
    expect(enquiry.reference).toBe(reference);
    expect(enquiry.timeline.filter((entry) => entry.kind === 'email')).toHaveLength(2);

    // The signed push (the council's own gateway) keeps its contract: 201, then 200 with the same enquiry.
    const raw = [
      `From: ${sender}`,
      `To: ${to}`,
      'Subject: Pushed',
      `Message-ID: <${randomUUID()}@example.org>`,
      '',
      'Pushed once, delivered twice.',
    ].join('\r\n');
    const pushed = await request(app.url)
      .post(`/api/channels/email/${organisations.y.slug}/inbound`)
      .set({ ...signedHeaders(raw), 'content-type': 'message/rfc822' })
      .send(raw)
      .expect(201);
    const again = await request(app.url)
      .post(`/api/channels/email/${organisations.y.slug}/inbound`)
      .set({ ...signedHeaders(raw), 'content-type': 'message/rfc822' })
      .send(raw)
      .expect(200);
    expect(again.body).toEqual(pushed.body);
    expect(pushed.body.reference).toMatch(REFERENCE);
  });
});
