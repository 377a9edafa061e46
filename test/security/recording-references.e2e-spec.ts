import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { auth } from '../support/factories.js';
import { asOwner, provisionOrganisation } from '../support/provision.js';
import { suffix } from '../support/security.js';
import { signedHeaders } from '../support/signing.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const CSV_HEADER = 'callId,callerNumber,direction,startedAt,endedAt,audioRef,videoRef';

/** The deployment-wide recording store: every request it gets, as sent (method and raw path), each DELETE answered 204. */
class FakeRecordingStore {
  readonly requests: string[] = [];
  private server?: http.Server;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.requests.push(`${req.method} ${req.url}`);
      res.writeHead(req.method === 'DELETE' && req.headers.authorization === 'Bearer store-token' ? 204 : 500).end();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/recordings`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/**
 * Recording references across organisations: one organisation's phone push (or CSV import) naming another's
 * recording, back-dated so that the next sweep would delete it from the deployment-wide store; references that
 * would leave their path segment; and a recording a legal hold keeps.
 */
describe('recording references are scoped to their organisation', () => {
  const store = new FakeRecordingStore();
  let app: TestApp;
  const a = { slug: `rec-a-${suffix()}`, id: '', dpo: '' };
  const b = { slug: `rec-b-${suffix()}`, id: '', dpo: '', supervisor: '' };

  const push = (slug: string, call: Record<string, unknown>) => {
    const body = JSON.stringify({ callerNumber: '+447700900654', direction: 'inbound', ...call });
    return request(app.url).post(`/api/channels/phone/${slug}/calls`).set(signedHeaders(body)).send(body);
  };
  const backDatedCall = (callId: string, recordings: { kind: 'audio' | 'video'; ref: string }[]) => ({
    callId,
    startedAt: daysAgo(40),
    endedAt: daysAgo(40),
    recordings: recordings.map((recording) => ({ ...recording, recordedAt: daysAgo(40) })),
  });
  const refsHeld = async (organisationId: string, refs: string[]) =>
    (
      await asOwner(organisationId, (c) =>
        c.query<{ ref: string }>('select ref from call_recordings where ref = any($1) order by ref', [refs]),
      )
    ).rows.map((row) => row.ref);
  const sweep = async (dpo: string) =>
    (await request(app.url).post('/api/retention/sweeps').set(auth(dpo)).send({ dryRun: false }).expect(200)).body;

  beforeAll(async () => {
    const storeUrl = await store.start();
    a.id = await provisionOrganisation(a.slug);
    b.id = await provisionOrganisation(b.slug);
    app = await startTestApp({ RECORDING_STORE_URL: storeUrl, RECORDING_STORE_TOKEN: 'store-token' });
    a.dpo = await login(app, `dpo@${a.slug}.test`);
    b.dpo = await login(app, `dpo@${b.slug}.test`);
    b.supervisor = await login(app, `supervisor@${b.slug}.test`);
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await store.stop();
  });

  it('never deletes another organisation’s recording: a back-dated push naming it is forgotten, and the store is called only under the sweeping organisation’s prefix', async () => {
    const tag = suffix();
    const shared = `rec-shared-${tag}`;
    const own = `rec-own-${tag}`;
    const twice = `rec-twice-${tag}`;
    // A's recording, recent; B names it on a call back-dated past the 28 days of a screen recording.
    await push(a.slug, {
      callId: `a-${tag}`,
      startedAt: daysAgo(1),
      endedAt: daysAgo(1),
      recordings: [{ kind: 'video', ref: shared, recordedAt: daysAgo(1) }],
    }).expect(201);
    await push(
      b.slug,
      backDatedCall(`b-${tag}`, [
        { kind: 'video', ref: shared },
        { kind: 'video', ref: own },
      ]),
    ).expect(201);
    // B's own recording on two calls, one of them still inside its period: the expired reference goes, the recording stays.
    await push(b.slug, backDatedCall(`b-old-${tag}`, [{ kind: 'video', ref: twice }])).expect(201);
    await push(b.slug, {
      callId: `b-new-${tag}`,
      startedAt: daysAgo(2),
      endedAt: daysAgo(2),
      recordings: [{ kind: 'video', ref: twice, recordedAt: daysAgo(2) }],
    }).expect(201);

    const swept = await sweep(b.dpo);
    expect(swept).toMatchObject({ status: 'completed', failed: {} });
    expect(swept.erased.call_recording_video).toBeGreaterThanOrEqual(3);

    const calls = store.requests.filter((line) => line.includes(tag));
    expect(calls).toEqual([`DELETE /recordings/${b.slug}/${own}`]);
    expect(store.requests.every((line) => line.startsWith(`DELETE /recordings/${b.slug}/`))).toBe(true);
    expect(await refsHeld(a.id, [shared])).toEqual([shared]);
    expect(await refsHeld(b.id, [shared, own, twice])).toEqual([twice]);

    // A's own sweep leaves its recording alone too: it is inside its period.
    await sweep(a.dpo);
    expect(store.requests.filter((line) => line.includes(shared))).toEqual([]);
  });

  it('refuses references that would leave their path segment (".", "..", "a/b", "%2e%2e") on the push (400) and in the CSV import, storing nothing', async () => {
    const tag = suffix();
    for (const [i, ref] of ['.', '..', 'a/b', '%2e%2e', '../other/rec', 'rec 1', '-rec'].entries()) {
      const response = await push(b.slug, backDatedCall(`hostile-${i}-${tag}`, [{ kind: 'audio', ref }]));
      expect({ ref, status: response.status, code: response.body.code }).toEqual({ ref, status: 400, code: 'VALIDATION_FAILED' });
      expect(response.body.message).toContain('recordings.0.ref');
    }
    const rows = ['.', '..', 'a/b', '%2e%2e'].map(
      (ref, i) => `csv-${i}-${tag},07700 900123,inbound,${daysAgo(40)},${daysAgo(40)},${i % 2 ? ref : `ok-${i}`},${i % 2 ? '' : ref}`,
    );
    const refused = await request(app.url)
      .post('/api/calls/import')
      .set(auth(b.supervisor))
      .set('content-type', 'text/csv')
      .send([CSV_HEADER, ...rows].join('\n'))
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'INVALID_ROWS', committed: false, imported: 0, invalid: 4 });
    expect(refused.body.rows.map((row: { problems: string[] }) => row.problems.join(' '))).toEqual([
      expect.stringMatching(/^videoRef must start with a letter or digit/),
      expect.stringMatching(/^audioRef must start with a letter or digit/),
      expect.stringMatching(/^videoRef must start with a letter or digit/),
      expect.stringMatching(/^audioRef must start with a letter or digit/),
    ]);
    const goodRows = await request(app.url)
      .post('/api/calls/import?mode=good-rows')
      .set(auth(b.supervisor))
      .set('content-type', 'text/csv')
      .send([CSV_HEADER, ...rows].join('\n'))
      .expect(200);
    expect(goodRows.body).toMatchObject({ imported: 0, invalid: 4 });
    const stored = await asOwner(b.id, (c) =>
      c.query<{ n: number }>(`select count(*)::int as n from call_logs where call_id like $1`, [`%-${tag}`]),
    );
    expect(stored.rows[0].n).toBe(0);
  });

  it('keeps a recording a legal hold keeps: neither deleted from the store nor forgotten', async () => {
    const tag = suffix();
    const held = `rec-held-${tag}`;
    const created = await push(b.slug, backDatedCall(`held-${tag}`, [{ kind: 'video', ref: held }])).expect(201);
    await request(app.url)
      .post('/api/legal-holds')
      .set(auth(b.dpo))
      .send({ enquiryId: created.body.enquiryId, reason: 'Complaint CMP-19 under investigation' })
      .expect(201);
    const swept = await sweep(b.dpo);
    expect(swept.heldRecords).toEqual(
      expect.arrayContaining([expect.objectContaining({ recordType: 'call_recording_video', reason: 'legal_hold' })]),
    );
    expect(store.requests.filter((line) => line.includes(held))).toEqual([]);
    expect(await refsHeld(b.id, [held])).toEqual([held]);
  });
});
