import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { auth } from './support/factories.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';

const APP_SECRET = 'signpost-demo-app-secret';
const sign = (body: string, secret = APP_SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

function dm(sender: string, text: string, mid = `m_${randomUUID()}`) {
  return JSON.stringify({
    object: 'page',
    entry: [
      {
        id: 'PAGE1',
        time: Date.now(),
        messaging: [{ sender: { id: sender }, recipient: { id: 'PAGE1' }, timestamp: Date.now(), message: { mid, text } }],
      },
    ],
  });
}

describe('social media channel', () => {
  let app: TestApp;
  let graph: http.Server;
  const graphRequests: { path: string; authorization?: string; body: unknown }[] = [];

  beforeAll(async () => {
    graph = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        graphRequests.push({ path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(body || '{}') });
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ recipient_id: 'U-reply', message_id: `m_out_${graphRequests.length}` }));
      });
    });
    await new Promise<void>((resolve) => graph.listen(0, '127.0.0.1', resolve));
    app = await startTestApp({ SOCIAL_GRAPH_BASE_URL: `http://127.0.0.1:${(graph.address() as AddressInfo).port}/v19.0` });
  });
  afterAll(async () => {
    await app?.stop();
    await new Promise<void>((resolve) => graph.close(() => resolve()));
  });

  it('answers the verification handshake only with the right verify token, as plain text', async () => {
    const ok = await request(app.url)
      .get(
        '/api/channels/social/lancashire/webhook?hub.mode=subscribe&hub.verify_token=signpost-demo-verify-token&hub.challenge=1158201444',
      )
      .expect(200);
    expect(ok.text).toBe('1158201444');
    expect(ok.headers['content-type']).toContain('text/plain');
    await request(app.url)
      .get('/api/channels/social/lancashire/webhook?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444')
      .expect(403);
    await request(app.url)
      .get(
        '/api/channels/social/lancashire/webhook?hub.mode=subscribe&hub.verify_token=signpost-demo-verify-token&hub.challenge=%3Cscript%3E',
      )
      .expect(400);
  });

  it('refuses a missing or wrong X-Hub-Signature-256 with 401, before parsing', async () => {
    const body = dm('U-forged', 'Hello');
    await request(app.url).post('/api/channels/social/lancashire/webhook').set('content-type', 'application/json').send(body).expect(401);
    await request(app.url)
      .post('/api/channels/social/lancashire/webhook')
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', sign(body, 'other-secret'))
      .send(body)
      .expect(401);
    await request(app.url)
      .post('/api/channels/social/lancashire/webhook')
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', sign('{bad'))
      .send('{bad')
      .expect(400);
  });

  it('turns a direct message into an enquiry, continues the conversation in it, ignores repeats, and replies through the platform', async () => {
    const sender = `U-${randomUUID()}`;
    const first = dm(sender, 'My garden waste was not collected');
    const firstResult = await request(app.url)
      .post('/api/channels/social/lancashire/webhook')
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', sign(first))
      .send(first)
      .expect(200);
    expect(firstResult.body).toEqual({ received: 1, created: 1, continued: 0, duplicates: 0 });
    const repeat = await request(app.url)
      .post('/api/channels/social/lancashire/webhook')
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', sign(first))
      .send(first)
      .expect(200);
    expect(repeat.body).toMatchObject({ created: 0, duplicates: 1 });
    const second = dm(sender, 'It was due on Monday');
    const secondResult = await request(app.url)
      .post('/api/channels/social/lancashire/webhook')
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', sign(second))
      .send(second)
      .expect(200);
    expect(secondResult.body).toMatchObject({ created: 0, continued: 1 });

    const advisor = await login(app, 'advisor@lancashire.demo');
    const list = await request(app.url).get('/api/enquiries?channel=social&pageSize=100').set(auth(advisor)).expect(200);
    const mine = list.body.items.filter((i: { topic?: string; subjectName: string }) => i.subjectName === 'Social media user');
    expect(mine.length).toBeGreaterThan(0);
    const detail = await request(app.url).get(`/api/enquiries/${mine[0].id}`).set(auth(advisor)).expect(200);
    expect(detail.body.timeline.filter((e: { kind: string }) => e.kind === 'message').map((e: { text: string }) => e.text)).toEqual([
      'My garden waste was not collected',
      'It was due on Monday',
    ]);

    await request(app.url)
      .post(`/api/enquiries/${mine[0].id}/social-replies`)
      .set(auth(advisor))
      .send({ text: 'Sorry about that: we will collect it tomorrow.' })
      .expect(200);
    const sent = graphRequests.at(-1)!;
    expect(sent.path).toBe('/v19.0/me/messages');
    expect(sent.authorization).toBe('Bearer signpost-demo-page-access-token');
    expect(sent.body).toEqual({
      recipient: { id: sender },
      messaging_type: 'RESPONSE',
      message: { text: 'Sorry about that: we will collect it tomorrow.' },
    });
  });

  it('turns a comment into an enquiry', async () => {
    const body = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: 'PAGE1',
          changes: [
            {
              field: 'feed',
              value: {
                item: 'comment',
                verb: 'add',
                comment_id: `c_${randomUUID()}`,
                post_id: 'P1',
                from: { id: 'U-commenter', name: 'Casey Commenter' },
                message: 'When will the road be resurfaced?',
              },
            },
          ],
        },
      ],
    });
    const result = await request(app.url)
      .post('/api/channels/social/cambridgeshire/webhook')
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', sign(body))
      .send(body)
      .expect(200);
    expect(result.body).toMatchObject({ received: 1, created: 1 });
    const advisor = await login(app, 'advisor@cambridgeshire.demo');
    const found = await request(app.url).get('/api/enquiries?q=Casey%20Commenter').set(auth(advisor)).expect(200);
    expect(found.body.items[0]).toMatchObject({ channel: 'social', subjectName: 'Casey Commenter' });
  });
});
