// Finding everything held about one person (`POST /api/subject-search` as the DPO) in an organisation holding
// 1,000,000 enquiries about 300,000 people and 5,000,000 messages (seeded by seed-large.mjs, timed), for people
// picked at random and looked for by e-mail address, phone number, and name with date of birth: one search at a
// time and a few at once. Baseline: the same SQL statements sent directly through `pg` (the account check, then
// one transaction: tenant setting, the match, the holdings, the audit link), built by the service's own query
// functions so that they cannot drift apart.
import { randomInt, randomUUID } from 'node:crypto';
import pg from 'pg';
import { AUDIT_APPEND_SQL } from '../dist/src/audit/audit-append.sql.js';
import { canonicalPrefix } from '../dist/src/audit/audit-chain.js';
import { subjectsMatchingQuery } from '../dist/src/data-subjects/data-subjects.service.js';
import { describeSubject } from '../dist/src/data-subjects/subject-criteria.js';
import { MAX_SUBJECTS } from '../dist/src/subject-rights/subject-finder.service.js';
import { subjectHoldingsQuery } from '../dist/src/subject-rights/subject-holdings.repository.js';
import { seedLarge, messageCount } from './seed-large.mjs';
import { closedLoop, login, ratio, startSignpost, withCpu, ACCESS_CHECK_SQL, accessCheckValues } from './support.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? '1,4').split(',').map(Number);
const SCALE = Number(process.env.BENCH_SUBJECT_SCALE ?? 1);
const POOL_SIZE = 10;
const TARGET_P99_MS = 200;
const KINDS = ['email', 'phone', 'name+dateOfBirth'];

export const name = 'subject-search';
export const describe =
  'POST /api/subject-search over 1,000,000 enquiries / 5,000,000 messages (by e-mail, phone, name+date of birth) vs the same SQL through pg';

export async function run() {
  const began = Date.now();
  const signpost = await startSignpost({ DATABASE_POOL_SIZE: String(POOL_SIZE) });
  // Connections kept open throughout, so that PostgreSQL's CPU accounting sees every backend to the end.
  const pool = new pg.Pool({ connectionString: signpost.runtimeUrl, max: POOL_SIZE, idleTimeoutMillis: 0 });
  const superuser = new pg.Pool({ connectionString: signpost.superuserUrl, max: 2 });
  try {
    const seeding = await seedLarge({
      databaseUrl: signpost.superuserUrl,
      subjects: Math.round(300_000 * SCALE),
      enquiries: Math.round(1_000_000 * SCALE),
    });
    const dpo = await login(signpost.url, 'dpo@lancashire.demo');
    const people = await samplePeople(superuser, dpo.organisationId);
    const correctness = await checkSearches(signpost.url, dpo, superuser, people);
    const measured = await measureSearches({ signpost, pool, dpo, people });
    const worstP99 = Math.max(...measured.map((row) => row.signpost.p99Ms));
    const failed = measured.reduce((n, row) => n + row.signpost.errors + row.baseline.errors, 0);
    const wallSeconds = Math.round((Date.now() - began) / 1000);
    return {
      seeding,
      correctness,
      rows: measured,
      // Latency ratios (lower is better): the worst p99 against the same statements through pg.
      ratios: { 'worst p99 ÷ baseline p99': Math.max(...measured.map((row) => ratio(row.signpost.p99Ms, row.baseline.p99Ms))) },
      table: [
        {
          step: 'seeding',
          kind: '',
          concurrent: '',
          'signpost p50/p99 ms': '',
          'baseline p50/p99 ms': '',
          'p99 ratio': '',
          'searches/s signpost/baseline': '',
          note: seedingNote(seeding),
        },
        ...measured.map((row) => ({
          step: 'search',
          kind: row.kind,
          concurrent: row.concurrency,
          'signpost p50/p99 ms': `${row.signpost.p50Ms}/${row.signpost.p99Ms}`,
          'baseline p50/p99 ms': `${row.baseline.p50Ms}/${row.baseline.p99Ms}`,
          'p99 ratio': ratio(row.signpost.p99Ms, row.baseline.p99Ms),
          'searches/s signpost/baseline': `${row.signpost.requestsPerSecond}/${row.baseline.requestsPerSecond}`,
          note: `CPU ms/search app+pg: ${cpuPer(row.signpost)}; baseline pg: ${cpuPer(row.baseline)}`,
        })),
      ],
      targets: [
        {
          figure: `subject search p99, worst of ${KINDS.join(', ')} at ${CONCURRENCY.join(' and ')} concurrent`,
          target: `<= ${TARGET_P99_MS} ms`,
          observed: worstP99,
          met: worstP99 <= TARGET_P99_MS,
        },
        {
          figure: 'searches that missed the person or showed another organisation’s',
          target: 0,
          observed: correctness.missed + correctness.leaked,
          met: correctness.missed + correctness.leaked === 0,
        },
        { figure: 'failed searches while measuring', target: 0, observed: failed, met: failed === 0 },
        { figure: 'benchmark wall time, seeding included', target: '<= 300 s', observed: wallSeconds, met: wallSeconds <= 300 },
      ],
    };
  } finally {
    await Promise.all([pool.end(), superuser.end()]);
    await signpost.stop();
  }
}

function seedingNote(seeding) {
  const rows = seeding.organisation;
  return `${seeding.seconds} s: ${rows.enquiries} enquiries, ${rows.data_subjects} people, ${messageCount(rows)} messages in lancashire (+${seeding.allOrganisations.enquiries - rows.enquiries} enquiries in 3 other organisations)`;
}

/** CPU milliseconds per search: the service's and PostgreSQL's (the baseline has only PostgreSQL's). */
function cpuPer(figures) {
  const n = figures.requestsPerSecond * SECONDS;
  if (!n) return '-';
  const ms = (seconds) => ((seconds * 1000) / n).toFixed(1);
  return figures.cpu.appSeconds ? `${ms(figures.cpu.appSeconds)}+${ms(figures.cpu.postgresSeconds)}` : ms(figures.cpu.postgresSeconds);
}

/**
 * People held in the organisation, picked at random, with the details a DPO would be given; and some of those
 * the other organisations also hold (the same e-mail address), which a search must never show.
 */
export async function samplePeople(superuser, organisationId) {
  const person = `s.id, s.name, s.date_of_birth::text as "dateOfBirth",
      (select value from data_subject_identifiers i where i.data_subject_id = s.id and i.kind = 'email' limit 1) as email,
      (select value from data_subject_identifiers i where i.data_subject_id = s.id and i.kind = 'phone' limit 1) as phone`;
  const { rows: random } = await superuser.query(
    `select ${person} from data_subjects s where s.organisation_id = $1 order by random() limit 3000`,
    [organisationId],
  );
  const { rows: shared } = await superuser.query(
    `select ${person} from data_subjects s
     where s.organisation_id = $1 and exists (
       select 1 from data_subject_identifiers mine join data_subject_identifiers theirs on theirs.kind = mine.kind and theirs.key = mine.key and theirs.organisation_id <> mine.organisation_id
       where mine.data_subject_id = s.id and mine.kind = 'email')
     limit 30`,
    [organisationId],
  );
  // As a DPO is given them: e-mail in any case, the number as the person writes it.
  const mixedCase = (email) => email.replace(/[a-z]/g, (c) => (randomInt(2) ? c.toUpperCase() : c));
  const searches = {
    email: random.filter((p) => p.email).map((p) => ({ id: p.id, body: { email: mixedCase(p.email) } })),
    phone: random.filter((p) => p.phone).map((p) => ({ id: p.id, body: { phone: p.phone } })),
    'name+dateOfBirth': random
      .filter((p) => p.dateOfBirth)
      .map((p) => ({ id: p.id, body: { name: p.name.toUpperCase(), dateOfBirth: p.dateOfBirth } })),
  };
  return { searches, shared: shared.map((p) => ({ id: p.id, body: { email: p.email, phone: p.phone ?? undefined } })) };
}

const search = (url, dpo, body) =>
  fetch(`${url}/api/subject-search`, {
    method: 'POST',
    headers: { authorization: `Bearer ${dpo.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Every kind of search finds the person looked for, and nothing another organisation holds. */
async function checkSearches(url, dpo, superuser, people) {
  const cases = [...KINDS.flatMap((kind) => people.searches[kind].slice(0, 20)), ...people.shared];
  let missed = 0;
  const returned = new Set();
  for (const { id, body } of cases) {
    const response = await search(url, dpo, body);
    if (!response.ok) throw new Error(`subject search answered ${response.status}: ${await response.text()}`);
    const found = (await response.json()).subjects.map((subject) => subject.dataSubjectId);
    if (!found.includes(id)) missed += 1;
    for (const subject of found) returned.add(subject);
  }
  const { rows } = await superuser.query(
    `select count(*)::int as n from data_subjects where id = any($1::uuid[]) and organisation_id <> $2`,
    [[...returned], dpo.organisationId],
  );
  return { searches: cases.length, sharedWithOtherOrganisations: people.shared.length, missed, leaked: rows[0].n };
}

/** Each kind of search through Signpost and through the baseline, at each concurrency, warmed first. */
export async function measureSearches({ signpost, pool, dpo, people, seconds = SECONDS, concurrency = CONCURRENCY }) {
  const rows = [];
  for (const kind of KINDS) {
    const cases = people.searches[kind];
    const pick = () => cases[randomInt(cases.length)];
    const viaSignpost = async () => {
      const response = await search(signpost.url, dpo, pick().body);
      if (!response.ok) throw new Error(String(response.status));
      await response.arrayBuffer();
    };
    const viaPg = baselineSearch(pool, dpo, pick);
    await closedLoop({ concurrency: 2, seconds: 1, work: viaSignpost });
    await closedLoop({ concurrency: 2, seconds: 1, work: viaPg });
    for (const n of concurrency) {
      const measured = await withCpu(signpost, () => closedLoop({ concurrency: n, seconds, work: viaSignpost }));
      const base = await withCpu(signpost, () => closedLoop({ concurrency: n, seconds, work: viaPg }));
      rows.push({
        kind,
        concurrency: n,
        signpost: { ...measured.result, cpu: measured.cpu },
        baseline: { ...base.result, cpu: { ...base.cpu, appSeconds: 0 } },
      });
    }
  }
  return rows;
}

/**
 * The statements the service sends for one search, in the same order: the account check, then one
 * transaction (tenant setting, the match, the holdings of those matched, the audit link in one statement).
 * The match and holdings SQL come from the service's own builders; the audit statement is AuditService's.
 */
function baselineSearch(pool, dpo, pick) {
  const org = dpo.organisationId;
  return async () => {
    const { body } = pick();
    const parsed = describeSubject(body);
    const client = await pool.connect();
    try {
      await client.query(ACCESS_CHECK_SQL, accessCheckValues(dpo));
      await client.query('begin');
      await client.query(`select set_config('app.current_tenant', $1, true)`, [org]);
      const match = subjectsMatchingQuery(org, parsed.criteria, MAX_SUBJECTS + 1);
      const matched = (await client.query(match.text, match.values)).rows.slice(0, MAX_SUBJECTS);
      const ids = matched.map((row) => row.id);
      if (ids.length > 0) {
        const holdings = subjectHoldingsQuery(org, ids);
        await client.query(holdings.text, holdings.values);
      }
      const details = { searchedBy: parsed.given, returned: ids, truncated: false };
      const payload = {
        organisationId: org,
        occurredAt: new Date().toISOString(),
        actorType: 'staff',
        actorId: dpo.userId,
        action: 'data_subject.search',
        entityType: 'data_subject',
        entityId: null,
        fields: ids.length > 0 ? ['name'] : [],
        details,
        correlationId: randomUUID(),
      };
      const appended = await client.query(AUDIT_APPEND_SQL, [
        org,
        canonicalPrefix(payload),
        payload.occurredAt,
        'staff',
        dpo.userId,
        payload.action,
        payload.entityType,
        null,
        payload.fields,
        JSON.stringify(details),
        payload.correlationId,
      ]);
      if (appended.rows.length !== 1) throw new Error('audit chain head missing');
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
}
