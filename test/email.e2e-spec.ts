import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ParsedMail } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import request from 'supertest';
import { auth } from './support/factories.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';
import { signedHeaders } from './support/signing.js';
import { waitFor } from './support/webhook-receiver.js';
import { startMailCapture, type MailCapture } from './support/mail-capture.js';
import { freePort } from './support/free-port.js';

describe('e-mail channel', () => {
  let app: TestApp;
  let smtpPort: number;
  let advisor: string;
  let capture: MailCapture;
  const outbox: ParsedMail[] = [];
  let send: (message: SendMailOptions) => Promise<{ response: string }>;

  beforeAll(async () => {
    capture = await startMailCapture(outbox);
    smtpPort = await freePort();
    app = await startTestApp({ SMTP_PORT: String(smtpPort), MAIL_TRANSPORT_URL: capture.url, EMAIL_MAX_BYTES: String(200 * 1024) });
    advisor = await login(app, 'advisor@lancashire.demo');
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    send = (message) => transport.sendMail(message) as Promise<{ response: string }>;
  });
  afterAll(async () => {
    await app?.stop();
    await capture.close();
  });

  async function enquiryOf(reference: string) {
    const found = await request(app.url).get(`/api/enquiries?q=${reference}`).set(auth(advisor)).expect(200);
    return request(app.url).get(`/api/enquiries/${found.body.items[0].id}`).set(auth(advisor)).expect(200);
  }

  /** The reference a sender was told: SMTP answers name none, the acknowledgement does. */
  async function acknowledgedReference(address: string): Promise<string> {
    const acknowledgement = () => outbox.find((mail) => (mail.to as { text: string } | undefined)?.text === address);
    await waitFor(() => acknowledgement() !== undefined, 10_000, 'acknowledgement');
    return /Your enquiry ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(acknowledgement()?.subject ?? '')?.[1] as string;
  }

  it('turns a message sent over SMTP into an enquiry and acknowledges it with the reference', async () => {
    const sent = await send({
      from: 'Mary Sender <mary.sender@example.org>',
      to: 'contact@lancashire.demo',
      subject: 'Bin not collected',
      html: '<p>My bin was <b>not collected</b> on Tuesday.</p><script>alert(1)</script>',
      attachments: [
        { filename: 'photo.png', content: Buffer.from('89504e470d0a1a0a', 'hex'), contentType: 'image/png' },
        { filename: 'run.exe', content: Buffer.from('MZ'), contentType: 'application/x-msdownload' },
      ],
    });
    expect(sent.response).toBe('250 Message accepted');
    const reference = await acknowledgedReference('mary.sender@example.org');
    expect(reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const detail = await enquiryOf(reference);
    expect(detail.body).toMatchObject({
      channel: 'email',
      retentionClass: 'email_contact',
      subject: { name: 'Mary Sender', emails: ['mary.sender@example.org'] },
    });
    expect(detail.body.description).toContain('My bin was not collected on Tuesday.');
    expect(detail.body.description).not.toContain('<b>');
    const email = detail.body.timeline.find((e: { kind: string }) => e.kind === 'email');
    expect(email.metadata.refusedAttachmentTypes).toEqual(['application/x-msdownload']);

    await waitFor(() => outbox.some((mail) => mail.subject?.includes(reference)), 10_000, 'acknowledgement');
    const ack = outbox.find((mail) => mail.subject?.includes(reference)) as ParsedMail;
    expect(ack.to).toMatchObject({ text: 'mary.sender@example.org' });
    expect(ack.text).toContain(`Your reference is ${reference}`);
  });

  it('threads a reply carrying the reply token into the same enquiry', async () => {
    await send({
      from: 'Tom Reply <tom.reply@example.org>',
      to: 'contact@lancashire.demo',
      subject: 'Streetlight out',
      text: 'The light at Elm Road is out.',
    });
    const reference = await acknowledgedReference('tom.reply@example.org');
    const ack = outbox.find((mail) => mail.subject?.includes(reference)) as ParsedMail;
    const replyTo = (ack.replyTo as { value: { address: string }[] }).value[0].address;
    expect(replyTo).toMatch(new RegExp(`^contact\\+${reference}\\.[A-Za-z0-9_-]{22}@lancashire\\.demo$`));
    const reply = await send({
      from: 'tom.reply@example.org',
      to: replyTo,
      subject: `Re: ${ack.subject}`,
      text: 'It is still out tonight.',
      inReplyTo: ack.messageId,
    });
    expect(reply.response).toBe('250 Message accepted');
    const detail = await enquiryOf(reference);
    expect(detail.body.timeline.filter((e: { kind: string }) => e.kind === 'email').map((e: { text: string }) => e.text)).toEqual([
      'The light at Elm Road is out.',
      'It is still out tonight.',
    ]);
  });

  it('does not thread a message from another sender failing SPF, even with a real In-Reply-To', async () => {
    const originalId = `<${randomUUID()}@example.org>`;
    await send({
      from: 'owner@example.org',
      to: 'contact@lancashire.demo',
      subject: 'Council tax',
      text: 'Question about my bill',
      messageId: originalId,
    });
    const firstReference = await acknowledgedReference('owner@example.org');
    await send({
      from: 'intruder@elsewhere.example',
      to: 'contact@lancashire.demo',
      subject: 'Re: Council tax',
      text: 'Please send me the bill details',
      inReplyTo: originalId,
      references: [originalId],
      headers: { 'Authentication-Results': 'mx.lancashire.demo; spf=fail smtp.mailfrom=elsewhere.example; dkim=none' },
    });
    // Failing SPF, it is never acknowledged: found by its sender's address instead.
    const intruderReference = (await request(app.url).get('/api/enquiries?q=intruder@elsewhere.example').set(auth(advisor)).expect(200))
      .body.items[0].reference as string;
    expect(intruderReference).not.toBe(firstReference);
    const original = await enquiryOf(firstReference);
    expect(original.body.timeline.filter((e: { kind: string }) => e.kind === 'email')).toHaveLength(1);
    const flagged = await enquiryOf(intruderReference);
    expect(flagged.body.timeline.find((e: { kind: string }) => e.kind === 'email').metadata).toMatchObject({
      flagged: true,
      authentication: { spf: 'fail' },
    });

    // The same sender answering with In-Reply-To alone (no token) does thread.
    await send({
      from: 'owner@example.org',
      to: 'contact@lancashire.demo',
      subject: 'Re: Council tax',
      text: 'Also, can I pay monthly?',
      inReplyTo: originalId,
    });
    expect(
      (await enquiryOf(firstReference)).body.timeline
        .filter((e: { kind: string }) => e.kind === 'email')
        .map((e: { text: string }) => e.text),
    ).toEqual(['Question about my bill', 'Also, can I pay monthly?']);
  });

  it('refuses a MIME bomb and an oversized message over SMTP (552), storing nothing', async () => {
    const parts = Array.from({ length: 3000 }, (_, i) => ({ filename: `p${i}.txt`, content: 'x', contentType: 'text/plain' }));
    await expect(
      send({ from: 'bomb@example.org', to: 'contact@lancashire.demo', subject: 'bomb', text: 'x', attachments: parts }),
    ).rejects.toMatchObject({ responseCode: 552 });
    await expect(
      send({ from: 'big@example.org', to: 'contact@lancashire.demo', subject: 'big', text: 'x'.repeat(300 * 1024) }),
    ).rejects.toMatchObject({ responseCode: 552 });
    await expect(send({ from: 'someone@example.org', to: 'nobody@nowhere.example', subject: 'x', text: 'x' })).rejects.toMatchObject({
      responseCode: 550,
    });
    const found = await request(app.url).get('/api/enquiries?q=bomb@example.org').set(auth(advisor)).expect(200);
    expect(found.body.total).toBe(0);
  });

  it('accepts the same mail as a signed raw-MIME push, once, and refuses an oversized or unsigned one', async () => {
    const raw = [
      'From: Push Sender <push.sender@example.org>',
      'To: contact@lancashire.demo',
      'Subject: Pushed message',
      `Message-ID: <${randomUUID()}@example.org>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Sent through the raw MIME route.',
    ].join('\r\n');
    const headers = { ...signedHeaders(raw), 'content-type': 'message/rfc822' };
    const created = await request(app.url).post('/api/channels/email/lancashire/inbound').set(headers).send(raw).expect(201);
    const again = await request(app.url)
      .post('/api/channels/email/lancashire/inbound')
      .set({ ...signedHeaders(raw), 'content-type': 'message/rfc822' })
      .send(raw)
      .expect(200);
    expect(again.body).toEqual(created.body);
    await request(app.url).post('/api/channels/email/lancashire/inbound').set('content-type', 'message/rfc822').send(raw).expect(401);
    const huge = raw + 'x'.repeat(300 * 1024);
    await request(app.url)
      .post('/api/channels/email/lancashire/inbound')
      .set({ ...signedHeaders(huge), 'content-type': 'message/rfc822' })
      .send(huge)
      .expect(413);
  });
});
