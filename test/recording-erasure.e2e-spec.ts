import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startOwnDatabase, type OwnDatabase } from './resilience/support/own-database.js';
import { suffix } from './support/security.js';
import { signedHeaders } from './support/signing.js';
import { login, startTestApp, type TestApp } from './support/test-app.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

/** The recording store: every request as sent; DELETE answered 204 while `accepting`, else 503. */
class FakeRecordingStore {
  readonly requests: string[] = [];
  accepting = true;
  private server?: http.Server;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.requests.push(`${req.method} ${req.url}`);
      res.writeHead(req.method === 'DELETE' && this.accepting ? 204 : 503).end();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/recordings`;
  }

  stop(): Promise<void> {
    return new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/**
 * An erasure request reaches the call recordings in the telephony platform's store, not only their references:
 * the erasure schedules a job that deletes each recording under the organisation's prefix and only then forgets
 * its reference; while the store refuses, the references stay (and the nightly sweep tries again). On a
 * PostgreSQL of its own: other test apps with job workers share the main database's queue.
 */
describe('erasing a caller’s records deletes their call recordings from the store', () => {
  const store = new FakeRecordingStore();
  let database: OwnDatabase;
  let app: TestApp;
  let dpo: string;

  beforeAll(async () => {
    const storeUrl = await store.start();
    database = await startOwnDatabase();
    app = await startTestApp(
      { ...database.appEnv(), RECORDING_STORE_URL: storeUrl, JOB_WORKERS: 'true', JOB_POLL_SECONDS: '0.5' },
      { timeoutMs: 60_000 },
    );
    dpo = await login(app, 'dpo@lancashire.demo');
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await database?.stop();
    await store.stop();
  });

  const refsHeld = (refs: string[]) =>
    database.read('lancashire', async (c) =>
      (await c.query<{ ref: string }>('select ref from call_recordings where ref = any($1) order by ref', [refs])).rows.map(
        (row) => row.ref,
      ),
    );
  const until = async (done: () => Promise<boolean>, ms = 30_000) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline && !(await done())) await new Promise((resolve) => setTimeout(resolve, 250));
  };
  /** A call with two recordings from `number`, and an erasure request for its caller, carried out. */
  const callThenErase = async (number: string, refs: [string, string]) => {
    const now = new Date().toISOString();
    const body = JSON.stringify({
      callId: `erase-${refs[0]}`,
      callerNumber: number,
      direction: 'inbound',
      startedAt: now,
      endedAt: now,
      recordings: [
        { kind: 'audio', ref: refs[0], recordedAt: now },
        { kind: 'video', ref: refs[1], recordedAt: now },
      ],
    });
    const call = await request(app.url).post('/api/channels/phone/lancashire/calls').set(signedHeaders(body)).send(body).expect(201);
    const dataSubjectId = await database.read(
      'lancashire',
      async (c) =>
        (await c.query<{ data_subject_id: string }>('select data_subject_id from enquiries where id = $1', [call.body.enquiryId])).rows[0]
          .data_subject_id,
    );
    const requested = await request(app.url)
      .post('/api/subject-requests')
      .set(auth(dpo))
      .send({ type: 'erasure', subject: { phone: number }, receivedAt: today() })
      .expect(201);
    await request(app.url)
      .post(`/api/subject-requests/${requested.body.id}/verify-identity`)
      .set(auth(dpo))
      .send({ evidence: 'passport', receivedAt: today() })
      .expect(200);
    await request(app.url)
      .post(`/api/subject-requests/${requested.body.id}/subjects`)
      .set(auth(dpo))
      .send({ dataSubjectIds: [dataSubjectId] })
      .expect(200);
    return (await request(app.url).post(`/api/subject-requests/${requested.body.id}/erase`).set(auth(dpo)).send({}).expect(200)).body;
  };

  it('deletes both recordings under the organisation’s prefix, then forgets their references', async () => {
    const tag = suffix();
    const refs: [string, string] = [`rec-erase-a-${tag}`, `rec-erase-v-${tag}`];
    const erased = await callThenErase('+447700900777', refs);
    expect(erased.erased).toMatchObject({ enquiries: 1, callRecordings: 2 });
    await until(async () => (await refsHeld(refs)).length === 0);
    expect(store.requests).toEqual(expect.arrayContaining(refs.map((ref) => `DELETE /recordings/lancashire/${ref}`)));
    expect(await refsHeld(refs)).toEqual([]);
  });

  it('keeps the references while the store refuses, and the next sweep deletes the recordings of the erased enquiry whatever their age', async () => {
    const tag = suffix();
    const refs: [string, string] = [`rec-down-a-${tag}`, `rec-down-v-${tag}`];
    store.accepting = false;
    const erased = await callThenErase('+447700900778', refs);
    await until(async () => store.requests.filter((line) => line.includes(refs[0])).length >= 2, 20_000); // the job tried, and was retried
    expect(store.requests.filter((line) => line.includes(refs[0])).length).toBeGreaterThanOrEqual(2);
    expect(await refsHeld(refs)).toEqual(refs);

    // The DPO closes the request (the sweep leaves alone whatever an open request is about), and the store is back.
    await request(app.url)
      .post(`/api/subject-requests/${erased.id}/fulfil`)
      .set(auth(dpo))
      .send({ outcome: 'Erased; recordings to follow' })
      .expect(200);
    store.accepting = true;
    const swept = await request(app.url).post('/api/retention/sweeps').set(auth(dpo)).send({ dryRun: false }).expect(200);
    expect(swept.body.erased).toMatchObject({ call_recording_audio: expect.any(Number), call_recording_video: expect.any(Number) });
    expect(await refsHeld(refs)).toEqual([]);
    expect(store.requests).toEqual(expect.arrayContaining(refs.map((ref) => `DELETE /recordings/lancashire/${ref}`)));
  });
});
