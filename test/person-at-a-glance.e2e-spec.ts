import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { PersonAtAGlance } from '../src/contracts/person.js';
import type { EnquiryDetailDto } from '../src/enquiries/dto/enquiry-actions.dto.js';
import { auth, escalate, newEnquiry, signIn, VERBAL_CONSENT, type SignedIn } from './support/factories.js';
import { asOwner, organisationId as organisationIdOf, provisionOrganisation } from './support/provision.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface AuditItem {
  action: string;
  actor: { type: string; id: string | null };
  entityId?: string;
  fields: string[];
  details: Record<string, unknown>;
}

/**
 * Issue 23, point 5: the person at a glance. Opening an enquiry shows the advisor the person's earlier contact with
 * this organisation (newest first, at most 20, the read audited), open enquiries about the person or their address,
 * and possible matches, which the advisor links explicitly; duplicates are merged keeping both timelines and audit.
 */
describe('the person at a glance, linking a possible match, and merging enquiries', () => {
  let app: TestApp;
  const slug = `glance-${randomUUID().slice(0, 8)}`;
  const otherSlug = `glance-other-${randomUUID().slice(0, 8)}`;
  let organisationId: string;
  let advisor: SignedIn;
  let supervisor: SignedIn;
  let dpo: SignedIn;
  let otherAdvisor: SignedIn;

  const EMAIL = `ffion.${randomUUID().slice(0, 8)}@example.test`;
  const PHONE = '07700 900777';
  const ADDRESS = '12 Elm Road, Preston PR1 2AB';
  const person = { name: 'Ffion Glance', email: EMAIL, phone: PHONE, address: ADDRESS, postcode: 'PR1 2AB' };

  const api = () => request(app.url);
  const detail = async (id: string, token = advisor.token): Promise<EnquiryDetailDto> =>
    (await api().get(`/api/enquiries/${id}`).set(auth(token)).expect(200)).body as EnquiryDetailDto;
  const glance = async (id: string, token = advisor.token): Promise<PersonAtAGlance> =>
    (await api().get(`/api/enquiries/${id}/person`).set(auth(token)).expect(200)).body as PersonAtAGlance;
  const trail = async (entity: string, id: string): Promise<AuditItem[]> =>
    (await api().get(`/api/audit?entity=${entity}&id=${id}&pageSize=100`).set(auth(dpo.token)).expect(200)).body.items as AuditItem[];
  const subjectOf = async (enquiryId: string) => (await detail(enquiryId)).subject.id;

  beforeAll(async () => {
    app = await startTestApp();
    organisationId = await provisionOrganisation(slug);
    await provisionOrganisation(otherSlug);
    advisor = await signIn(app, `advisor@${slug}.test`);
    supervisor = await signIn(app, `supervisor@${slug}.test`);
    dpo = await signIn(app, `dpo@${slug}.test`);
    otherAdvisor = await signIn(app, `advisor@${otherSlug}.test`);
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('the person view', () => {
    const references: string[] = [];
    const ids: string[] = [];
    let subjectId: string;
    let current: string;
    let neighbourEnquiry: { id: string; reference: string };
    let lookalike: { id: string; subjectId: string };
    let elsewhere: { id: string; reference: string };

    beforeAll(async () => {
      // 22 enquiries about one person: the newest is the one opened; of the other 21, the newest 20 are shown.
      const first = await newEnquiry(app, advisor.token, { subject: person, description: 'First contact' });
      subjectId = await subjectOf(first.id);
      references.push(first.reference);
      ids.push(first.id);
      for (let n = 1; n < 22; n += 1) {
        const created = await newEnquiry(app, advisor.token, { subject: person, dataSubjectId: subjectId, description: `Contact ${n}` });
        references.push(created.reference);
        ids.push(created.id);
      }
      current = ids[21];
      await api().post(`/api/enquiries/${ids[20]}/resolve`).set(auth(advisor.token)).send({ advice: 'Told how to apply' }).expect(200);
      await api().post(`/api/enquiries/${ids[19]}/resolve`).set(auth(advisor.token)).send({ advice: 'Answered' }).expect(200);
      await api().post(`/api/enquiries/${ids[19]}/close`).set(auth(advisor.token)).expect(200);
      // Someone else at the same address, written differently; and a second record that looks like the same person.
      neighbourEnquiry = await newEnquiry(app, advisor.token, {
        subject: { name: 'Owen Neighbour', address: '12 elm rd., Preston', postcode: 'PR1 2AB' },
        description: 'Fly-tipping outside',
      });
      const lookalikeEnquiry = await newEnquiry(app, advisor.token, { subject: { name: 'FFION GLANCE', email: EMAIL.toUpperCase() } });
      lookalike = { id: lookalikeEnquiry.id, subjectId: await subjectOf(lookalikeEnquiry.id) };
      // Another organisation holds the same person: same e-mail, phone, name and address.
      elsewhere = await newEnquiry(app, otherAdvisor.token, { subject: person, description: 'Elsewhere' });
    });

    it('lists only this organisation’s contact and is audited', async () => {
      const view = await glance(current);
      expect(view.enquiryId).toBe(current);
      expect(view.dataSubjectId).toBe(subjectId);

      // Newest first, at most 20, the enquiry itself left out (so the oldest of the 21 others falls off).
      expect(view.earlierContact.map((contact) => contact.reference)).toEqual(references.slice(1, 21).reverse());
      expect(view.earlierContact[0]).toMatchObject({ enquiryId: ids[20], status: 'resolved', resolution: 'advised', channel: 'phone' });
      expect(view.earlierContact[0].resolvedAt).toEqual(expect.any(String));
      expect(view.earlierContact[1]).toMatchObject({ status: 'closed', resolution: 'advised' });
      expect(view.earlierContact[1].closedAt).toEqual(expect.any(String));
      expect(view.earlierContact[2]).toMatchObject({ status: 'new', resolution: null });
      // References, channels, statuses, dates and outcomes: never a description or a name.
      expect(JSON.stringify(view.earlierContact)).not.toContain('Contact 1');

      // Open enquiries about the person (newest first) and about the same address, never the one opened.
      const open = view.openEnquiries.map((contact) => [contact.reference, contact.about]);
      expect(open).toContainEqual([neighbourEnquiry.reference, 'address']);
      expect(open).toContainEqual([references[18], 'person']);
      expect(open.map(([reference]) => reference)).not.toContain(references[21]);
      expect(open.map(([reference]) => reference)).not.toContain(references[20]); // resolved
      expect(open.map(([reference]) => reference)).not.toContain(references[19]); // closed
      expect(view.openEnquiries).toHaveLength(20);

      // The look-alike, with why (the kinds of field that agree), and nothing of the other organisation.
      expect(view.possibleMatches).toEqual([
        { dataSubjectId: lookalike.subjectId, name: 'FFION GLANCE', matchedOn: ['email'], enquiries: 1, lastContactAt: expect.any(String) },
      ]);
      const everything = JSON.stringify(view);
      expect(everything).not.toContain(elsewhere.reference);
      expect(everything).not.toContain(elsewhere.id);

      // The other organisation sees only its own: the same person there has no earlier contact at all.
      const theirs = await glance(elsewhere.id, otherAdvisor.token);
      expect(theirs.earlierContact).toEqual([]);
      expect(theirs.openEnquiries).toEqual([]);
      expect(theirs.possibleMatches).toEqual([]);

      // Who read whose contact history, for which enquiry: ids and kinds of field, never a value.
      const entries = (await trail('data_subject', subjectId)).filter((entry) => entry.action === 'enquiry.person_read');
      expect(entries).toHaveLength(1);
      expect(entries[0].actor).toEqual({ type: 'staff', id: advisor.userId });
      expect(entries[0].fields).toEqual(['possibleMatches.name']);
      expect(entries[0].details).toEqual({
        enquiryId: current,
        earlierContact: view.earlierContact.map((contact) => contact.enquiryId),
        openEnquiries: view.openEnquiries.map((contact) => contact.enquiryId),
        possibleMatches: [{ dataSubjectId: lookalike.subjectId, matchedOn: ['email'] }],
      });
      expect(JSON.stringify(entries).toLowerCase()).not.toContain(EMAIL.toLowerCase());
      expect(JSON.stringify(entries)).not.toContain('Glance');
    });

    it('finds a name at the same address as a possible match, and is for advisors and supervisors only', async () => {
      const sameNameSameAddress = await newEnquiry(app, advisor.token, {
        subject: { name: 'Ffion  Glance', address: '12 Elm Rd Preston' },
      });
      const view = await glance(sameNameSameAddress.id, supervisor.token);
      expect(view.possibleMatches.find((match) => match.dataSubjectId === subjectId)?.matchedOn).toEqual(['name+address']);

      await api().get(`/api/enquiries/${current}/person`).set(auth(dpo.token)).expect(403);
      await api().get(`/api/enquiries/${current}/person`).expect(401);
      // Another organisation's enquiry answers as an unknown one does.
      const foreign = await api().get(`/api/enquiries/${current}/person`).set(auth(otherAdvisor.token)).expect(404);
      const unknown = await api().get(`/api/enquiries/${randomUUID()}/person`).set(auth(otherAdvisor.token)).expect(404);
      expect([foreign.body.code, foreign.body.message]).toEqual([unknown.body.code, unknown.body.message]);
    });
  });

  describe('linking a possible match', () => {
    it('re-points the enquiry, its consent records and identifiers at the person linked; on the timeline and audited', async () => {
      const email = `link.${randomUUID().slice(0, 8)}@example.test`;
      const held = await newEnquiry(app, advisor.token, { subject: { name: 'Lowri Link', email }, description: 'Held already' });
      const heldSubject = await subjectOf(held.id);
      const duplicate = await newEnquiry(app, advisor.token, {
        subject: { name: 'Lowri Link', email, phone: '07700 900111' },
        consent: VERBAL_CONSENT,
        legalBasis: 'consent',
      });
      const previous = await subjectOf(duplicate.id);
      expect(previous).not.toBe(heldSubject);
      expect((await glance(duplicate.id)).possibleMatches.map((match) => match.dataSubjectId)).toEqual([heldSubject]);

      const { body } = await api()
        .post(`/api/enquiries/${duplicate.id}/link-subject`)
        .set(auth(advisor.token))
        .send({ dataSubjectId: heldSubject })
        .expect(200);
      expect(body).toEqual({
        id: duplicate.id,
        reference: duplicate.reference,
        dataSubjectId: heldSubject,
        previousDataSubjectId: previous,
      });

      const after = await detail(duplicate.id);
      expect(after.subject.id).toBe(heldSubject);
      // The number given with the duplicate now reaches the person linked; their consent stays with the enquiry.
      expect(after.subject.phones).toEqual(['07700 900111']);
      expect(after.consents).toHaveLength(1);
      const consentOwners = await asOwner(organisationId, (c) =>
        c.query<{ data_subject_id: string }>(`select data_subject_id from consent_records where enquiry_id = $1`, [duplicate.id]),
      );
      expect(consentOwners.rows).toEqual([{ data_subject_id: heldSubject }]);
      expect(after.timeline.at(-1)?.metadata).toEqual({
        event: 'subject_linked',
        fromDataSubjectId: previous,
        toDataSubjectId: heldSubject,
      });
      // The person view now shows the held enquiry as earlier contact, and no longer offers the match.
      const view = await glance(duplicate.id);
      expect(view.earlierContact.map((contact) => contact.reference)).toEqual([held.reference]);
      expect(view.possibleMatches.map((match) => match.dataSubjectId)).not.toContain(heldSubject);
      // The record it was on stays whole, offered as a possible match: a mistaken link is undone by linking back.
      expect(view.possibleMatches.find((match) => match.dataSubjectId === previous)?.matchedOn).toEqual(['email', 'phone']);

      const link = (await trail('enquiry', duplicate.id)).find((entry) => entry.action === 'enquiry.link_subject');
      expect(link?.actor.id).toBe(advisor.userId);
      expect(link?.details).toEqual({
        fromDataSubjectId: previous,
        toDataSubjectId: heldSubject,
        consentRecords: 1,
        disclosures: 0,
        identifiersAdded: 1,
      });

      await api()
        .post(`/api/enquiries/${duplicate.id}/link-subject`)
        .set(auth(supervisor.token))
        .send({ dataSubjectId: previous })
        .expect(200);
      expect((await detail(duplicate.id)).subject.id).toBe(previous);
      await api()
        .post(`/api/enquiries/${duplicate.id}/link-subject`)
        .set(auth(advisor.token))
        .send({ dataSubjectId: heldSubject })
        .expect(200);

      // Linking the same person again is refused, and never happens silently on a read.
      await api()
        .post(`/api/enquiries/${duplicate.id}/link-subject`)
        .set(auth(advisor.token))
        .send({ dataSubjectId: heldSubject })
        .expect(409)
        .expect((response) => expect(response.body.code).toBe('DATA_SUBJECT_ALREADY_LINKED'));
    });

    it('moves the disclosures of a referred enquiry to the person linked (the ledger their access request and notices read)', async () => {
      const lancashire = await signIn(app, 'advisor@lancashire.demo');
      const email = `referred.${randomUUID().slice(0, 8)}@example.test`;
      const referred = await newEnquiry(app, lancashire.token, { subject: { name: 'Dewi Referred', email } });
      await escalate(app, lancashire.token, referred.id, 'homes-for-ukraine');
      const other = await newEnquiry(app, lancashire.token, { subject: { name: 'Dewi Referred', email } });
      const person = (await detail(other.id, lancashire.token)).subject.id;
      await api()
        .post(`/api/enquiries/${referred.id}/link-subject`)
        .set(auth(lancashire.token))
        .send({ dataSubjectId: person })
        .expect(200)
        .expect((response) => expect(response.body.dataSubjectId).toBe(person));
      const ledger = await asOwner(await organisationIdOf('lancashire'), (c) =>
        c.query<{ data_subject_id: string }>(`select data_subject_id from disclosures where enquiry_id = $1`, [referred.id]),
      );
      expect(ledger.rows).toEqual([{ data_subject_id: person }]);
    });

    it('refuses another organisation’s person (404), an erased enquiry and a person on legal hold (409), and roles other than the front desk', async () => {
      const enquiry = await newEnquiry(app, advisor.token, { subject: { name: 'Rhys Refused' } });
      const target = await newEnquiry(app, advisor.token, { subject: { name: 'Rhys Refused' } });
      const targetSubject = await subjectOf(target.id);
      const foreign = await newEnquiry(app, otherAdvisor.token, { subject: { name: 'Rhys Refused' } });
      await api().get(`/api/enquiries/${foreign.id}`).set(auth(advisor.token)).expect(404);
      const foreignSubjectId = (await api().get(`/api/enquiries/${foreign.id}`).set(auth(otherAdvisor.token)).expect(200)).body.subject
        .id as string;

      const link = (id: string, dataSubjectId: string, token = advisor.token) =>
        api().post(`/api/enquiries/${id}/link-subject`).set(auth(token)).send({ dataSubjectId });
      const notFound = await link(enquiry.id, foreignSubjectId).expect(404);
      expect(notFound.body.code).toBe('DATA_SUBJECT_NOT_FOUND');
      expect((await link(enquiry.id, randomUUID()).expect(404)).body.message).toBe(notFound.body.message);
      await link(foreign.id, targetSubject).expect(404);
      await link(enquiry.id, targetSubject, dpo.token).expect(403);
      expect((await link(enquiry.id, 'not-a-uuid').expect(400)).body.message).toContain('dataSubjectId');

      // A legal hold on the person the enquiry is recorded against keeps it there.
      const enquirySubject = await subjectOf(enquiry.id);
      const hold = await api()
        .post('/api/legal-holds')
        .set(auth(dpo.token))
        .send({ dataSubjectId: enquirySubject, reason: 'Claim pending against the council' })
        .expect(201);
      expect((await link(enquiry.id, targetSubject).expect(409)).body.code).toBe('PERSON_ON_LEGAL_HOLD');
      await api()
        .post(`/api/legal-holds/${hold.body.id}/release`)
        .set(auth(dpo.token))
        .send({ reason: 'Claim withdrawn' })
        .expect((response) => expect(response.status).toBeLessThan(300));

      // While the person's processing is restricted (Art. 18), the enquiry is only stored: not re-linked.
      await asOwner(organisationId, (c) =>
        c.query(`update data_subjects set processing_restricted_at = now() where id = $1`, [enquirySubject]),
      );
      expect((await link(enquiry.id, targetSubject).expect(409)).body.code).toBe('PROCESSING_RESTRICTED');
      await asOwner(organisationId, (c) =>
        c.query(`update data_subjects set processing_restricted_at = null where id = $1`, [enquirySubject]),
      );

      await asOwner(organisationId, (c) => c.query(`update enquiries set erased_at = now() where id = $1`, [enquiry.id]));
      expect((await link(enquiry.id, targetSubject).expect(409)).body.code).toBe('ENQUIRY_ERASED');
      expect((await detail(target.id)).subject.id).toBe(targetSubject);
    });
  });

  describe('merging enquiries', () => {
    it('closes the duplicate as merged, keeps both timelines (the merged one’s events marked on the other) and audits both', async () => {
      const into = await newEnquiry(app, advisor.token, { subject: { name: 'Mair Merge' }, description: 'Pothole on Mill Lane' });
      const duplicate = await newEnquiry(app, supervisor.token, { subject: { name: 'Mair Merge' }, description: 'Pothole again' });
      await api()
        .post(`/api/enquiries/${duplicate.id}/notes`)
        .set(auth(supervisor.token))
        .send({ text: 'Called back about the pothole' })
        .expect(201);

      const { body } = await api()
        .post(`/api/enquiries/${duplicate.id}/merge`)
        .set(auth(advisor.token))
        .send({ intoEnquiryId: into.id })
        .expect(200);
      expect(body).toEqual({
        id: duplicate.id,
        reference: duplicate.reference,
        status: 'closed',
        mergedInto: { enquiryId: into.id, reference: into.reference },
        mergedAt: expect.any(String),
      });

      const merged = await detail(duplicate.id);
      expect(merged.status).toBe('closed');
      expect(merged.mergedInto).toEqual({
        enquiryId: into.id,
        reference: into.reference,
        mergedAt: body.mergedAt,
        mergedBy: advisor.userId,
      });
      // Its own events stay with it.
      expect(merged.timeline.map((entry) => entry.metadata.event ?? entry.kind)).toEqual(['created', 'note', 'merged_into']);
      expect(merged.timeline.every((entry) => entry.mergedFrom === undefined)).toBe(true);

      const target = await detail(into.id);
      expect(target.mergedEnquiries).toEqual([{ enquiryId: duplicate.id, reference: duplicate.reference, mergedAt: body.mergedAt }]);
      const marked = target.timeline.filter((entry) => entry.mergedFrom);
      expect(marked.map((entry) => entry.text ?? entry.metadata.event)).toEqual([
        'created',
        'Called back about the pothole',
        'merged_into',
      ]);
      expect(marked.every((entry) => entry.mergedFrom?.reference === duplicate.reference)).toBe(true);
      expect(target.timeline.filter((entry) => !entry.mergedFrom).map((entry) => entry.metadata.event)).toEqual(['created', 'merged_from']);

      const mergeEntry = (await trail('enquiry', duplicate.id)).find((entry) => entry.action === 'enquiry.merge');
      expect(mergeEntry).toMatchObject({
        actor: { type: 'staff', id: advisor.userId },
        details: { intoEnquiryId: into.id, from: 'new', to: 'closed' },
      });
      const intoEntries = await trail('enquiry', into.id);
      expect(intoEntries.find((entry) => entry.action === 'enquiry.merged_into')?.details).toEqual({ mergedEnquiryId: duplicate.id });
      // The read of the target names the merged enquiry whose timeline it showed.
      expect(intoEntries.find((entry) => entry.action === 'enquiry.read' && entry.details.mergedEnquiries)?.details).toEqual({
        mergedEnquiries: [duplicate.id],
      });

      // The person view of the merged one says how it ended.
      const later = await newEnquiry(app, advisor.token, { subject: { name: 'Mair Merge' }, dataSubjectId: merged.subject.id });
      const view = await glance(later.id);
      expect(view.earlierContact[0]).toMatchObject({
        enquiryId: duplicate.id,
        resolution: 'merged',
        mergedInto: { enquiryId: into.id, reference: into.reference },
      });

      // Already merged: neither merged again nor linked; nothing can be merged into it either.
      const merge = (id: string, intoEnquiryId: string, token = advisor.token) =>
        api().post(`/api/enquiries/${id}/merge`).set(auth(token)).send({ intoEnquiryId });
      expect((await merge(duplicate.id, into.id).expect(409)).body.code).toBe('ENQUIRY_ALREADY_MERGED');
      expect((await merge(later.id, duplicate.id).expect(409)).body.code).toBe('MERGE_TARGET_CLOSED');
      const relink = await api()
        .post(`/api/enquiries/${duplicate.id}/link-subject`)
        .set(auth(advisor.token))
        .send({ dataSubjectId: (await detail(later.id)).subject.id })
        .expect(409);
      expect(relink.body.code).toBe('ENQUIRY_ALREADY_MERGED');
    });

    it('refuses itself (422), another organisation’s enquiry (404), a closed or erased one (409), and roles other than the front desk', async () => {
      const one = await newEnquiry(app, advisor.token, { subject: { name: 'Nia Nomerge' } });
      const two = await newEnquiry(app, advisor.token, { subject: { name: 'Nia Nomerge' } });
      const foreign = await newEnquiry(app, otherAdvisor.token, { subject: { name: 'Nia Nomerge' } });
      const merge = (id: string, intoEnquiryId: string, token = advisor.token) =>
        api().post(`/api/enquiries/${id}/merge`).set(auth(token)).send({ intoEnquiryId });

      const itself = await merge(one.id, one.id).expect(422);
      expect(itself.body.code).toBe('MERGE_INTO_ITSELF');
      expect(itself.body.message).toContain('intoEnquiryId');
      const notFound = await merge(one.id, foreign.id).expect(404);
      const unknown = await merge(one.id, randomUUID()).expect(404);
      expect([unknown.body.code, unknown.body.message]).toEqual([notFound.body.code, notFound.body.message]);
      await merge(foreign.id, one.id).expect(404);
      await merge(one.id, two.id, dpo.token).expect(403);
      await merge(one.id, two.id, otherAdvisor.token).expect(404);
      expect((await merge(one.id, 'nope').expect(400)).body.message).toContain('intoEnquiryId');

      await api().post(`/api/enquiries/${two.id}/resolve`).set(auth(advisor.token)).send({ advice: 'Done' }).expect(200);
      await api().post(`/api/enquiries/${two.id}/close`).set(auth(advisor.token)).expect(200);
      expect((await merge(two.id, one.id).expect(409)).body.code).toBe('ENQUIRY_CLOSED');
      expect((await merge(one.id, two.id).expect(409)).body.code).toBe('MERGE_TARGET_CLOSED');

      const three = await newEnquiry(app, advisor.token, { subject: { name: 'Nia Nomerge' } });
      await asOwner(organisationId, (c) => c.query(`update enquiries set erased_at = now() where id = $1`, [three.id]));
      expect((await merge(three.id, one.id).expect(409)).body.code).toBe('ENQUIRY_ERASED');
      expect((await merge(one.id, three.id).expect(409)).body.code).toBe('ENQUIRY_ERASED');
      // Nothing was changed by the refusals.
      expect((await detail(one.id)).status).toBe('new');
      expect((await detail(one.id)).mergedInto).toBeUndefined();
    });

    it('merges an enquiry under a legal hold, which keeps holding it: nothing is moved or removed', async () => {
      const held = await newEnquiry(app, advisor.token, { subject: { name: 'Huw Held' } });
      const into = await newEnquiry(app, advisor.token, { subject: { name: 'Huw Held' } });
      const hold = await api()
        .post('/api/legal-holds')
        .set(auth(dpo.token))
        .send({ enquiryId: held.id, reason: 'Claim pending against the council' })
        .expect(201);
      await api().post(`/api/enquiries/${held.id}/merge`).set(auth(supervisor.token)).send({ intoEnquiryId: into.id }).expect(200);
      const holds = (await api().get('/api/legal-holds').set(auth(dpo.token)).expect(200)).body as { id: string; enquiryId?: string }[];
      expect(holds.find((entry) => entry.id === hold.body.id)?.enquiryId).toBe(held.id);
      expect((await detail(held.id)).mergedInto?.enquiryId).toBe(into.id);
    });
  });
});
