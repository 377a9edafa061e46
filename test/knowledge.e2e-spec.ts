import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { anyWordQuery } from '../src/knowledge/knowledge-query.js';
import { auth, newEnquiry } from './support/factories.js';
import { asOwner, provisionOrganisation } from './support/provision.js';
import { login, startTestApp, testDatabase, withClient, type TestApp } from './support/test-app.js';

const ukToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

interface Summary {
  id: string;
  title: string;
  service?: string;
  tags: string[];
  reviewOn: string;
  overdueForReview: boolean;
  snippet: string;
  highlights: { start: number; end: number }[];
  rank?: number;
}

/** Two services in an organisation of the test's own; its advisor, supervisor, DPO and administrator come with it. */
async function knowledgeOrganisation(slug: string): Promise<string> {
  const organisationId = await provisionOrganisation(slug);
  await asOwner(organisationId, async (c) => {
    await c.query(
      `insert into services (organisation_id, code, name, permitted_fields) values
         ($1, 'highways', 'Highways Service', '{name,reasonForReferral,actionsAlreadyTaken}'),
         ($1, 'waste', 'Waste and Recycling', '{name,address,reasonForReferral}')`,
      [organisationId],
    );
  });
  return organisationId;
}

/**
 * The knowledge base of an organisation of the test's own: articles written by its supervisor and administrator,
 * found by PostgreSQL full-text search (English stemming, ranked), suggested from an enquiry's words, flagged when
 * past review, and named when an enquiry is resolved with advice or passed to a service from an article's guidance.
 */
describe('knowledge base', () => {
  let app: TestApp;
  const slug = `knowledge-${randomUUID().slice(0, 8)}`;
  const otherSlug = `knowledge-other-${randomUUID().slice(0, 8)}`;
  let advisor: string;
  let supervisor: string;
  let admin: string;
  let dpo: string;
  let otherSupervisor: string;
  const articles: Record<string, string> = {};

  const write = (token: string, body: Record<string, unknown>) => request(app.url).post('/api/knowledge').set(auth(token)).send(body);
  const search = async (query: Record<string, string | number>, token = advisor): Promise<Summary[]> =>
    (await request(app.url).get('/api/knowledge').query(query).set(auth(token)).expect(200)).body;
  const suggest = async (text: string): Promise<Summary[]> =>
    (await request(app.url).post('/api/knowledge/suggest').set(auth(advisor)).send({ text }).expect(200)).body.suggestions;
  const enquiryAbout = async (description: string): Promise<string> =>
    (await newEnquiry(app, advisor, { subject: { name: 'Knowledge Caller' }, description })).id;
  const enquiry = async (id: string) => (await request(app.url).get(`/api/enquiries/${id}`).set(auth(advisor)).expect(200)).body;

  beforeAll(async () => {
    await knowledgeOrganisation(slug);
    await knowledgeOrganisation(otherSlug);
    app = await startTestApp();
    [advisor, supervisor, admin, dpo, otherSupervisor] = await Promise.all([
      login(app, `advisor@${slug}.test`),
      login(app, `supervisor@${slug}.test`),
      login(app, `admin@${slug}.test`),
      login(app, `dpo@${slug}.test`),
      login(app, `supervisor@${otherSlug}.test`),
    ]);
    const library: Record<string, Record<string, unknown>> = {
      gritting: {
        title: 'Gritting routes in winter',
        body: 'We grit priority routes (A and B roads, bus routes, roads to hospitals and schools) when frost or snow is forecast. Residential streets are not treated.',
        service: 'highways',
        tags: ['Winter', 'roads'],
      },
      pothole: {
        title: 'Reporting a pothole',
        body: 'Take the location and size of the pothole. Inspectors visit within five working days. Gritting is a separate service: see the winter article.',
        service: 'highways',
        tags: ['roads'],
      },
      collections: {
        title: 'Bin collection days',
        body: 'Tell the caller their day from the address lookup. Missed bins can be reported 24 hours after the usual day.',
        service: 'waste',
        tags: ['bins'],
      },
      garden: {
        title: 'Garden waste subscription',
        body: 'Garden waste goes in the brown bin, emptied fortnightly from March to November. The first collection follows payment.',
        service: 'waste',
      },
      bulkyMany: {
        title: 'Large household items',
        body: 'Bulky items are collected for a fee. Up to six bulky items per visit; bulky electrical items go separately.',
        service: 'waste',
      },
      bulkyOnce: {
        title: 'Household recycling centres',
        body: 'Centres take most recycling, garden waste and one bulky item per visit without booking.',
        service: 'waste',
      },
    };
    for (const [name, article] of Object.entries(library)) articles[name] = (await write(admin, article).expect(201)).body.id;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('search finds articles by stemmed words and ranks the better match first', async () => {
    // "gritting" finds the article titled "Gritting" and the one whose body mentions it; the title match first.
    const gritting = await search({ q: 'gritting' });
    expect(gritting.map((article) => article.id)).toEqual([articles.gritting, articles.pothole]);
    expect(gritting[0].rank).toBeGreaterThan(gritting[1].rank as number);
    // Any form of the word: "grit" is how the body says it, "gritted" how a caller might.
    expect((await search({ q: 'gritted' })).map((article) => article.id)).toEqual([articles.gritting, articles.pothole]);
    // "collections" finds "collection" (title first) and "collected".
    const collections = await search({ q: 'collections' });
    expect(collections[0].id).toBe(articles.collections);
    expect(collections.map((article) => article.id)).toEqual(expect.arrayContaining([articles.garden, articles.bulkyMany]));
    // More matches over fewer: both mention "bulky" in the body only, one three times.
    const bulky = await search({ q: 'bulky' });
    expect(bulky.map((article) => article.id)).toEqual([articles.bulkyMany, articles.bulkyOnce]);
    // Every word must appear; tags count.
    expect((await search({ q: 'winter roads' })).map((article) => article.id)).toEqual([articles.gritting, articles.pothole]);
    expect(await search({ q: 'gritting crocodile' })).toEqual([]);
    for (const article of [...gritting, ...bulky]) {
      expect(article.rank).toBeGreaterThan(0);
      expect(article.rank).toBeLessThan(1);
    }
  });

  it('shows each match with a plain-text snippet and where the words are in it', async () => {
    const [first] = await search({ q: 'grit' });
    expect(first).toMatchObject({
      id: articles.gritting,
      title: 'Gritting routes in winter',
      service: 'highways',
      tags: ['winter', 'roads'],
      overdueForReview: false,
    });
    expect(first.snippet).toContain('grit priority routes (A and B roads');
    expect(first.highlights.map(({ start, end }) => first.snippet.slice(start, end))).toEqual(['grit']);
    expect(first.snippet).not.toMatch(/[<>\p{Cc}]/u);
  });

  it('filters by service, and without words lists the most recently updated', async () => {
    expect((await search({ q: 'collection', service: 'highways' })).map((article) => article.id)).toEqual([]);
    const waste = await search({ q: 'bins', service: 'waste' });
    expect(waste.map((article) => article.id)).toEqual(expect.arrayContaining([articles.collections]));
    expect(waste.every((article) => article.service === 'waste')).toBe(true);
    const recent = await search({ limit: 2 });
    expect(recent.map((article) => article.id)).toEqual([articles.bulkyOnce, articles.bulkyMany]);
    expect(recent[0].rank).toBeUndefined();
    expect(recent[0].snippet).toMatch(/^Centres take most recycling/);
    // A change moves an article to the top.
    await request(app.url)
      .patch(`/api/knowledge/${articles.pothole}`)
      .set(auth(supervisor))
      .send({ tags: ['roads', 'Potholes'] })
      .expect(200);
    expect((await search({ limit: 1 }))[0]).toMatchObject({ id: articles.pothole, tags: ['roads', 'potholes'] });
  });

  it('suggests up to three articles from an enquiry’s words, best first, without keeping or logging the text', async () => {
    // Letters only, so that it is one of the words searched for.
    const planted = `Quixotebury${randomUUID()
      .slice(0, 6)
      .replace(/\d/g, (digit) => 'ghijklmnop'[Number(digit)])}`;
    const icy = await suggest(`Caller from ${planted} at 12 Mill Lane says the road outside has not been gritted and is like an ice rink`);
    expect(icy[0].id).toBe(articles.gritting);
    expect(icy.length).toBeLessThanOrEqual(3);
    const bins = await suggest('My bin was missed again on collection day, and the garden waste bin too, plus a bulky sofa');
    expect(bins).toHaveLength(3);
    expect(bins.map((article) => article.id)).toContain(articles.collections);
    expect(await suggest('12 34 — thanks!')).toEqual([]);
    expect(await suggest('"unbalanced & (operators | ! :* <-> \' \\')).toEqual([]);
    // Neither the audit trail nor the log holds what was typed.
    const trail = await request(app.url).get('/api/audit?entity=knowledge_article').set(auth(admin)).expect(200);
    expect(JSON.stringify(trail.body)).toContain('knowledge.suggest');
    expect(JSON.stringify(trail.body)).not.toContain(planted);
    expect(app.output()).not.toContain(planted);
  });

  it('flags articles past their review date and lists them for review until a new date is set', async () => {
    const overdue = await write(supervisor, {
      title: 'Council tax single person discount',
      body: 'A 25% discount applies when one adult lives in the property.',
      reviewOn: '2020-01-31',
    }).expect(201);
    expect(overdue.body).toMatchObject({ reviewOn: '2020-01-31', overdueForReview: true });
    const fresh = await write(supervisor, { title: 'Council tax bands', body: 'Bands are set by the Valuation Office Agency.' }).expect(
      201,
    );
    // Twelve months ahead when no date is given.
    expect(fresh.body.reviewOn > ukToday()).toBe(true);
    expect(fresh.body.overdueForReview).toBe(false);
    const due = (await request(app.url).get('/api/knowledge/review-due').set(auth(advisor)).expect(200)).body as Summary[];
    expect(due.map((article) => article.id)).toEqual([overdue.body.id]);
    expect(due[0]).toMatchObject({ overdueForReview: true, snippet: expect.stringContaining('25% discount') });
    expect((await search({ q: 'discount' }))[0]).toMatchObject({ id: overdue.body.id, overdueForReview: true });
    await request(app.url).patch(`/api/knowledge/${overdue.body.id}`).set(auth(admin)).send({ reviewOn: '2099-01-31' }).expect(200);
    expect((await request(app.url).get('/api/knowledge/review-due').set(auth(supervisor)).expect(200)).body).toEqual([]);
  });

  it('records the article used when an enquiry is resolved with advice; an unknown, foreign or archived one is refused', async () => {
    const foreign = (await write(otherSupervisor, { title: 'Another council’s article', body: 'Not yours.' }).expect(201)).body.id;
    const archived = (await write(admin, { title: 'Old parking permits scheme', body: 'Paper permits, replaced in 2024.' }).expect(201))
      .body.id;
    const archiving = await request(app.url).post(`/api/knowledge/${archived}/archive`).set(auth(supervisor)).expect(200);
    expect(archiving.body.archivedAt).toEqual(expect.any(String));

    const id = await enquiryAbout('Asked when the gritters come round');
    const resolve = (knowledgeArticleId: unknown) =>
      request(app.url)
        .post(`/api/enquiries/${id}/resolve`)
        .set(auth(advisor))
        .send({ advice: 'Explained the gritting routes', knowledgeArticleId });
    expect((await resolve(randomUUID()).expect(404)).body.code).toBe('KNOWLEDGE_ARTICLE_NOT_FOUND');
    expect((await resolve(foreign).expect(404)).body.code).toBe('KNOWLEDGE_ARTICLE_NOT_FOUND');
    const refused = await resolve(archived).expect(422);
    expect(refused.body).toMatchObject({ code: 'KNOWLEDGE_ARTICLE_ARCHIVED', errors: [{ field: 'knowledgeArticleId' }] });
    expect((await resolve('not-a-uuid').expect(400)).body.message).toContain('knowledgeArticleId');
    expect((await enquiry(id)).status).toBe('new');

    await resolve(articles.gritting.toUpperCase()).expect(200);
    const resolved = await enquiry(id);
    expect(resolved).toMatchObject({
      status: 'resolved',
      knowledgeArticleId: articles.gritting,
      resolutionAdvice: 'Explained the gritting routes',
    });
    expect(resolved.timeline.find((entry: { kind: string }) => entry.kind === 'advice').metadata).toMatchObject({
      to: 'resolved',
      knowledgeArticleId: articles.gritting,
    });
    // Resolving without an article still works.
    await request(app.url)
      .post(`/api/enquiries/${await enquiryAbout('General question')}/resolve`)
      .set(auth(advisor))
      .send({ advice: 'Answered' })
      .expect(200);
  });

  it('keeps an enquiry passed to a service from an article’s guidance for 12 months: retention class knowledge_follow_up', async () => {
    const followUp = await enquiryAbout('Pothole on Mill Lane, caller wants it repaired');
    const escalate = (id: string, extra: Record<string, unknown>) =>
      request(app.url)
        .post(`/api/enquiries/${id}/escalations`)
        .set(auth(advisor))
        .send({ service: 'highways', reasonForReferral: 'Pothole repair', actionsAlreadyTaken: 'Took size and location', ...extra });
    const archived = (await write(admin, { title: 'Retired highways guidance', body: 'Superseded.' }).expect(201)).body.id;
    await request(app.url).post(`/api/knowledge/${archived}/archive`).set(auth(admin)).expect(200);
    expect((await escalate(followUp, { knowledgeArticleId: archived }).expect(422)).body.code).toBe('KNOWLEDGE_ARTICLE_ARCHIVED');
    expect((await escalate(followUp, { knowledgeArticleId: randomUUID() }).expect(404)).body.code).toBe('KNOWLEDGE_ARTICLE_NOT_FOUND');
    expect((await escalate(followUp, { knowledgeArticleId: 42 }).expect(400)).body.message).toContain('knowledgeArticleId');
    expect(await enquiry(followUp)).toMatchObject({ status: 'new', retentionClass: 'phone_contact' });

    expect((await escalate(followUp, { knowledgeArticleId: articles.pothole }).expect(201)).body).toMatchObject({
      deliveryStatus: 'available',
    });
    const referred = await enquiry(followUp);
    expect(referred).toMatchObject({ status: 'escalated', retentionClass: 'knowledge_follow_up', knowledgeArticleId: articles.pothole });
    expect(
      referred.timeline.find((entry: { metadata: { event?: string } }) => entry.metadata.event === 'escalated').metadata,
    ).toMatchObject({ service: 'highways', knowledgeArticleId: articles.pothole });

    // Without an article, the channel's class stays.
    const plain = await enquiryAbout('Street light out on Church Street');
    await escalate(plain, {}).expect(201);
    expect((await enquiry(plain)).retentionClass).toBe('phone_contact');

    // The schedule has the record type: 12 months from the enquiry's finish.
    const schedule = (await request(app.url).get('/api/retention/schedule').set(auth(dpo)).expect(200)).body as { recordType: string }[];
    expect(schedule.find((rule) => rule.recordType === 'knowledge_follow_up')).toMatchObject({
      period: 'P12M',
      startsFrom: 'enquiry_finished',
      source: expect.stringContaining('CKS Knowledge Management'),
    });
  });

  it('answers for another organisation’s article exactly as for an unknown one, and never lists it', async () => {
    const unknown = randomUUID();
    const foreign = await request(app.url).get(`/api/knowledge/${articles.gritting}`).set(auth(otherSupervisor)).expect(404);
    const missing = await request(app.url).get(`/api/knowledge/${unknown}`).set(auth(otherSupervisor)).expect(404);
    expect({ ...foreign.body, correlationId: undefined }).toEqual({ ...missing.body, correlationId: undefined });
    expect(foreign.body.code).toBe('KNOWLEDGE_ARTICLE_NOT_FOUND');
    await request(app.url)
      .patch(`/api/knowledge/${articles.gritting}`)
      .set(auth(otherSupervisor))
      .send({ title: 'Taken over' })
      .expect(404);
    await request(app.url).post(`/api/knowledge/${articles.gritting}/archive`).set(auth(otherSupervisor)).expect(404);
    await request(app.url).get('/api/knowledge/not-an-id').set(auth(otherSupervisor)).expect(404);
    expect(await search({ q: 'gritting' }, otherSupervisor)).toEqual([]);
    expect((await request(app.url).get(`/api/knowledge/${articles.gritting}`).set(auth(advisor)).expect(200)).body.title).toBe(
      'Gritting routes in winter',
    );
  });

  it('lets advisors read but not write, and keeps other roles out', async () => {
    await write(advisor, { title: 'Advisor’s own article', body: 'Not allowed.' }).expect(403);
    await request(app.url)
      .patch(`/api/knowledge/${articles.gritting}`)
      .set(auth(advisor))
      .send({ title: 'Changed by an advisor' })
      .expect(403);
    await request(app.url).post(`/api/knowledge/${articles.gritting}/archive`).set(auth(advisor)).expect(403);
    await request(app.url).get('/api/knowledge').set(auth(dpo)).expect(403);
    await request(app.url).get(`/api/knowledge/${articles.gritting}`).set(auth(dpo)).expect(403);
    await request(app.url).post('/api/knowledge/suggest').set(auth(dpo)).send({ text: 'gritting' }).expect(403);
    await request(app.url).get('/api/knowledge/review-due').set(auth(dpo)).expect(403);
    await request(app.url).get('/api/knowledge').expect(401);
  });

  it('refuses bad input with the field named', async () => {
    const message = async (response: request.Test) => (await response.expect(400)).body.message as string;
    const missing = await message(write(admin, {}));
    expect(missing).toContain('title');
    expect(missing).toContain('body');
    expect(await message(write(admin, { title: 'ab', body: 'x' }))).toContain('title');
    expect(await message(write(admin, { title: '   ab   ', body: 'x' }))).toContain('title');
    expect(await message(write(admin, { title: 'Two\nlines', body: 'x' }))).toContain('title');
    expect(await message(write(admin, { title: 'A title', body: 'Nul \u0000 inside' }))).toContain('body');
    expect(await message(write(admin, { title: 'A title', body: 'x', tags: 'winter' }))).toContain('tags');
    expect(await message(write(admin, { title: 'A title', body: 'x', tags: Array.from({ length: 21 }, (_, i) => `tag ${i}`) }))).toContain(
      'tags',
    );
    expect(await message(write(admin, { title: 'A title', body: 'x', reviewOn: '2026-02-30' }))).toContain('reviewOn');
    expect(await message(write(admin, { title: 'A title', body: 'x', reviewOn: 'next year' }))).toContain('reviewOn');
    expect(await message(write(admin, { title: 'A title', body: 'x', service: 'Not A Code' }))).toContain('service');
    expect(await message(write(admin, { title: 'A title', body: 'x', service: 'no-such-service' }))).toContain('service');
    expect(await message(write(admin, { title: 'A title', body: 'x', planted: true }))).toContain('planted');
    const patch = (body: Record<string, unknown>) =>
      request(app.url).patch(`/api/knowledge/${articles.garden}`).set(auth(admin)).send(body);
    expect(await message(patch({}))).toContain('change');
    expect(await message(patch({ title: null }))).toContain('title');
    expect(await message(patch({ service: 'no-such-service' }))).toContain('service');
    expect((await patch({ service: null }).expect(200)).body.service).toBeUndefined();
    expect(await message(request(app.url).get('/api/knowledge').query({ limit: 0 }).set(auth(advisor)))).toContain('limit');
    expect(await message(request(app.url).get('/api/knowledge').query({ limit: 'lots' }).set(auth(advisor)))).toContain('limit');
    expect(await message(request(app.url).get('/api/knowledge').query({ service: 'Bad Code' }).set(auth(advisor)))).toContain('service');
    expect(
      await message(
        request(app.url)
          .get('/api/knowledge')
          .query({ q: 'x'.repeat(201) })
          .set(auth(advisor)),
      ),
    ).toContain('q');
    expect(await message(request(app.url).post('/api/knowledge/suggest').set(auth(advisor)).send({}))).toContain('text');
  });

  it('keeps changes off archived articles and archived articles out of search and suggestions', async () => {
    const id = (
      await write(admin, { title: 'Snow clearing volunteers', body: 'Volunteers may clear snow from pavements with council salt.' }).expect(
        201,
      )
    ).body.id;
    expect((await search({ q: 'snow volunteers' })).map((article) => article.id)).toEqual([id]);
    await request(app.url).post(`/api/knowledge/${id}/archive`).set(auth(admin)).expect(200);
    expect(await search({ q: 'snow volunteers' })).toEqual([]);
    expect((await suggest('Can volunteers clear snow outside the school?')).map((article) => article.id)).not.toContain(id);
    expect((await request(app.url).post(`/api/knowledge/${id}/archive`).set(auth(admin)).expect(409)).body.code).toBe(
      'KNOWLEDGE_ARTICLE_ARCHIVED',
    );
    expect((await request(app.url).patch(`/api/knowledge/${id}`).set(auth(admin)).send({ title: 'Revived' }).expect(409)).body.code).toBe(
      'KNOWLEDGE_ARTICLE_ARCHIVED',
    );
    expect((await request(app.url).get(`/api/knowledge/${id}`).set(auth(advisor)).expect(200)).body).toMatchObject({
      title: 'Snow clearing volunteers',
      archivedAt: expect.any(String),
    });
  });

  it('stores and returns HTML as the plain text it is; snippets carry no markup', async () => {
    const title = '<img src=x onerror=alert(1)> Blue badge renewals';
    const body =
      'Renewals open 12 weeks before expiry. <script>alert("renewal")</script> Send <b>proof</b> of address &amp; a photo for the renewal.';
    const created = await write(admin, { title, body, tags: ['<svg onload=alert(1)>'] }).expect(201);
    expect(created.body).toMatchObject({ title, body, tags: ['<svg onload=alert(1)>'] });
    expect((await request(app.url).get(`/api/knowledge/${created.body.id}`).set(auth(advisor)).expect(200)).body).toMatchObject({
      title,
      body,
    });
    const [found] = await search({ q: 'renewal' });
    expect(found).toMatchObject({ id: created.body.id, title });
    expect(found.snippet).not.toMatch(/<\/?(script|b|img|svg)/i);
    expect(found.snippet).not.toMatch(/\p{Cc}/u);
    expect(found.highlights.length).toBeGreaterThan(0);
    for (const { start, end } of found.highlights) expect(found.snippet.slice(start, end).toLowerCase()).toMatch(/^renewal/);
    // Markup typed into the search box is just words.
    await request(app.url).get('/api/knowledge').query({ q: '<script>alert(1)</script> "renewal' }).set(auth(advisor)).expect(200);
  });

  it('PostgreSQL accepts the suggestion query built from any text (and a search box query from any text)', async () => {
    const texts = fc.sample(
      fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.lorem({ maxCount: 80 })),
      300,
    );
    await withClient(testDatabase().runtimeUrl, async (client) => {
      for (const text of texts) {
        const built = anyWordQuery(text);
        if (built !== null) await client.query(`select to_tsquery('english', $1)`, [built]);
        await client.query(`select websearch_to_tsquery('english', $1)`, [text.replaceAll('\0', '')]);
      }
    });
  });

  it('audits every use by ids and counts only', async () => {
    const trail = await request(app.url).get('/api/audit?entity=knowledge_article&pageSize=200').set(auth(admin)).expect(200);
    const text = JSON.stringify(trail.body);
    for (const action of [
      'knowledge.create',
      'knowledge.update',
      'knowledge.archive',
      'knowledge.search',
      'knowledge.suggest',
      'knowledge.read',
      'knowledge.review_due',
    ])
      expect(text).toContain(action);
    expect(text).not.toContain('Gritting routes');
    expect(text).not.toContain('gritted');
  });
});
