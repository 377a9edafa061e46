// Enquiry intake over HTTP (`POST /api/enquiries` as an advisor: validation, the account check, the subject
// match, the enquiry, its consent record, timeline entry and audit link, in one row-level-security
// transaction) against a baseline of the same SQL statements sent directly through `pg`, one transaction
// per enquiry, at the same concurrency and with a pool of the same size as the service's.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { AUDIT_APPEND_SQL } from '../dist/src/audit/audit-append.sql.js';
import { canonicalPrefix } from '../dist/src/audit/audit-chain.js';
import { closedLoop, load, login, ratio, startSignpost, withCpu, ACCESS_CHECK_SQL, accessCheckValues } from './support.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = (process.env.BENCH_INTAKE_CONNECTIONS ?? '8,32,64').split(',').map(Number);
const POOL_SIZE = 10;
const TARGET = 0.6;

export const name = 'intake';
export const describe = 'POST /api/enquiries (validation, auth, subject match, consent, timeline, audit) vs the same SQL through pg';

let counter = 0;
/** A new caller each time (most callers are), so that every enquiry creates its subject and identifiers. */
function caller() {
  counter += 1;
  const n = String(counter).padStart(6, '0');
  return {
    name: `Caller ${n} Example`,
    dateOfBirth: `19${String(50 + (counter % 50)).padStart(2, '0')}-0${1 + (counter % 9)}-1${counter % 10}`,
    phone: `07700 9${n}`.slice(0, 13),
    email: `caller.${n}.${randomUUID().slice(0, 8)}@example.org`,
  };
}

function enquiryBody() {
  const subject = caller();
  return JSON.stringify({
    channel: 'phone',
    requesterType: 'citizen',
    subject,
    description: 'There is a deep pothole outside number 12 and a cyclist nearly came off this morning.',
    topic: 'highways',
    legalBasis: 'public_task',
    consent: { given: true, method: 'verbal', privacyNoticeVersion: '1' },
  });
}

export async function run() {
  const signpost = await startSignpost({ DATABASE_POOL_SIZE: String(POOL_SIZE) });
  const pool = new pg.Pool({ connectionString: signpost.runtimeUrl, max: POOL_SIZE });
  try {
    const advisor = await login(signpost.url, 'advisor@lancashire.demo');
    const baselineWork = baselineEnquiry(pool, advisor);
    // Warm both paths (JIT, prepared plans, pools) before measuring.
    await load({ url: `${signpost.url}/api/enquiries`, connections: 8, seconds: 1, requests: [request(advisor)] });
    await closedLoop({ concurrency: 8, seconds: 1, work: baselineWork });
    // As autovacuum would have by now on a running system: without statistics, the plans of the foreign-key
    // checks scan the organisation's rows.
    await analyze(signpost);
    const rows = [];
    for (const connections of CONCURRENCY) {
      const measured = await withCpu(signpost, () =>
        load({ url: `${signpost.url}/api/enquiries`, connections, seconds: SECONDS, requests: [request(advisor)] }),
      );
      const base = await withCpu(signpost, () => closedLoop({ concurrency: connections, seconds: SECONDS, work: baselineWork }));
      const figures = { ...measured.result, cpu: measured.cpu };
      const baseline = { ...base.result, cpu: base.cpu };
      rows.push({ connections, signpost: figures, baseline, ratio: ratio(figures.requestsPerSecond, baseline.requestsPerSecond) });
    }
    const worst = Math.min(...rows.map((row) => row.ratio));
    return {
      ratios: Object.fromEntries(rows.map((row) => [`${row.connections} connections: enquiries/s`, row.ratio])),
      rows,
      table: rows.map((row) => ({
        connections: row.connections,
        'signpost enquiries/s': row.signpost.requestsPerSecond,
        'signpost p50/p99 ms': `${row.signpost.p50Ms}/${row.signpost.p99Ms}`,
        'baseline enquiries/s': row.baseline.requestsPerSecond,
        'baseline p50/p99 ms': `${row.baseline.p50Ms}/${row.baseline.p99Ms}`,
        ratio: row.ratio,
        'CPU ms/enquiry app+pg (driver)': cpuPer(row.signpost),
        'baseline CPU ms/enquiry pg (driver)': cpuPer(row.baseline),
        errors: row.signpost.errors + row.signpost.non2xx + row.baseline.errors,
      })),
      targets: [
        {
          figure: 'intake throughput, lowest ratio to the pg baseline (8/32/64 connections)',
          target: `>= ${TARGET}`,
          observed: worst,
          met: worst >= TARGET,
        },
        {
          figure: 'failed requests',
          target: 0,
          observed: rows.reduce((n, row) => n + row.signpost.errors + row.signpost.non2xx, 0),
          met: rows.every((row) => row.signpost.errors + row.signpost.non2xx === 0),
        },
      ],
    };
  } finally {
    await pool.end();
    await signpost.stop();
  }
}

/** CPU milliseconds per enquiry: the service's and PostgreSQL's, and in brackets the load generator's. */
function cpuPer(figures) {
  const n = figures.requestsPerSecond * SECONDS;
  const ms = (seconds) => ((seconds * 1000) / n).toFixed(1);
  return `${figures.cpu.appSeconds ? `${ms(figures.cpu.appSeconds)}+` : ''}${ms(figures.cpu.postgresSeconds)} (${ms(figures.cpu.driverSeconds)})`;
}

async function analyze(signpost) {
  const client = new pg.Client({ connectionString: signpost.superuserUrl });
  await client.connect();
  await client.query('analyze');
  await client.end();
}

function request(advisor) {
  return {
    method: 'POST',
    path: '/api/enquiries',
    headers: { authorization: `Bearer ${advisor.accessToken}`, 'content-type': 'application/json' },
    setupRequest: (req) => ({ ...req, body: enquiryBody() }),
  };
}

/**
 * The statements the service sends for one enquiry, in the same order: the account check, then one
 * transaction (tenant setting, privacy notice, the subject match by phone, e-mail and name + date of birth
 * in one query, the subject, its identifiers, the service-level reading, the enquiry under a new reference with its due times, the consent record, the
 * timeline entry, and the audit link appended in one statement). Keep this in step with
 * EnquiryIntakeService when that changes: compare with a statement trace of the service.
 */
function baselineEnquiry(pool, advisor) {
  // The audit payload as AuditService builds it, up to the seq the database adds under the head's lock.
  const prefix = (details, entityId) =>
    canonicalPrefix({
      organisationId: advisor.organisationId,
      occurredAt: new Date().toISOString(),
      actorType: 'staff',
      actorId: advisor.userId,
      action: 'enquiry.create',
      entityType: 'enquiry',
      entityId,
      fields: ['description', 'subject.email', 'subject.name', 'subject.phone'],
      details,
      correlationId: randomUUID(),
    });
  return async () => {
    const subject = caller();
    const phoneKey = `+44${subject.phone.replace(/\D/g, '').slice(1)}`;
    const emailKey = subject.email.toLowerCase();
    const nameKey = subject.name.toLowerCase();
    const org = advisor.organisationId;
    const client = await pool.connect();
    try {
      await client.query(ACCESS_CHECK_SQL, accessCheckValues(advisor));
      await client.query('begin');
      await client.query(`select set_config('app.current_tenant', $1, true)`, [org]);
      await client.query('select 1 from privacy_notices where version = $1 limit 1', ['1']);
      await client.query(
        `select subject.id, subject.name, array_agg(distinct matched.reason order by matched.reason) as reasons
           from (select data_subject_id as id, 'phone' as reason from data_subject_identifiers where kind = 'phone' and key = $1
                 union all select data_subject_id as id, 'email' as reason from data_subject_identifiers where kind = 'email' and key = $2
                 union all select id, 'name+dateOfBirth' as reason from data_subjects where name_key = $3 and date_of_birth = $4) matched
           join data_subjects subject on subject.id = matched.id
          where subject.id is distinct from $5::uuid group by subject.id, subject.name order by subject.id limit 20`,
        [phoneKey, emailKey, nameKey, subject.dateOfBirth, null],
      );
      const [person] = (
        await client.query(
          `insert into data_subjects (organisation_id, name, name_key, date_of_birth, postal_address, address_key, postcode, postcode_key)
           values ($1, $2, $3, $4, null, null, null, null) returning *`,
          [org, subject.name, nameKey, subject.dateOfBirth],
        )
      ).rows;
      await client.query(
        `insert into data_subject_identifiers (organisation_id, data_subject_id, kind, value, key)
         select $1, $2, kind, value, key from unnest($3::text[], $4::text[], $5::text[]) as wanted (kind, value, key)
         on conflict do nothing`,
        [org, person.id, ['phone', 'email'], [subject.phone, subject.email], [phoneKey, emailKey]],
      );
      // The enquiry's service-level due times: the organisation's opening hours and targets, one statement.
      await client.query(
        `select o.business_hours as hours, (select targets from service_levels) as targets from organisations o where o.id = $1`,
        [org],
      );
      const reference = `B${randomUUID().slice(0, 3).toUpperCase()}-${randomUUID().slice(0, 4).toUpperCase()}`;
      const [enquiry] = (
        await client.query(
          `insert into enquiries (organisation_id, reference, channel, source_reference, requester_type, data_subject_id, topic, description, status, legal_basis,
             special_category, special_categories, special_category_details, retention_class, created_by,
             first_response_due_at, first_response_at_risk_at, first_responded_at, resolution_due_at, resolution_at_risk_at)
           values ($1, $2, 'phone', null, 'citizen', $3, 'highways', $4, 'new', 'public_task', false, '{}', null, 'phone_contact', $5,
             now(), now(), now(), now() + interval '14 days', now() + interval '11 days')
           on conflict do nothing returning *`,
          [
            org,
            reference,
            person.id,
            'There is a deep pothole outside number 12 and a cyclist nearly came off this morning.',
            advisor.userId,
          ],
        )
      ).rows;
      await client.query(
        `insert into consent_records (organisation_id, enquiry_id, data_subject_id, purpose, method, privacy_notice_version, recorded_by)
         values ($1, $2, $3, 'processing', 'verbal', '1', $4) returning *`,
        [org, enquiry.id, person.id, advisor.userId],
      );
      await client.query(
        `insert into enquiry_events (organisation_id, enquiry_id, kind, author_type, author_id, body, metadata) values ($1, $2, 'system', 'staff', $3, null, $4) returning *`,
        [
          org,
          enquiry.id,
          advisor.userId,
          JSON.stringify({ event: 'created', channel: 'phone', legalBasis: 'public_task', linkedToExistingSubject: false }),
        ],
      );
      const details = { channel: 'phone', dataSubjectId: person.id };
      await client.query(AUDIT_APPEND_SQL, [
        org,
        prefix(details, enquiry.id),
        new Date().toISOString(),
        'staff',
        advisor.userId,
        'enquiry.create',
        'enquiry',
        enquiry.id,
        ['description', 'subject.email', 'subject.name', 'subject.phone'],
        JSON.stringify(details),
        randomUUID(),
      ]);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
}
