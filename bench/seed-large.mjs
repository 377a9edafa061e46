// Fills organisations of a running Signpost database with years of contact-centre traffic: data subjects with
// phone numbers and e-mail addresses, enquiries on every channel, and the messages, call logs, consent records,
// referrals and disclosures that hang off them. Generated on the server by `insert … select` over
// generate_series, one statement per table and round, so a million enquiries take minutes, not hours.
//
//   node bench/seed-large.mjs postgres://postgres:…@127.0.0.1:PORT/signpost [--enquiries 1000000] [--organisation lancashire]
//
// or `import { seedLarge } from './seed-large.mjs'`. Needs `npm run build` (it keys names and addresses with the
// application's own functions) and the demo organisations (their services are the referrals' recipients).
// As a superuser it bypasses row-level security and skips the foreign-key triggers (the rows are consistent by
// construction); as the schema owner it sets the tenant per organisation and keeps every check (slower).
//
// Everything is a function of a row's number, so ids are stable: a subject is md5('SLUG:s:N')::uuid, an enquiry
// md5('SLUG:e:K')::uuid. Other organisations hold the same people (the same names, numbers and addresses for
// the same N) under their own ids, so that a search that leaked across tenants would show it.
import pg from 'pg';
import { pathToFileURL } from 'node:url';
import { addressKey, nameKey } from '../dist/src/data-subjects/subject-keys.js';

const FIRST = [
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Mia',
  'Ivy',
  'Lily',
  'Isabella',
  'Rosie',
  'Sophia',
  'Grace',
  'Freya',
  'Florence',
  'Willow',
  'Evie',
  'Ella',
  'Margaret',
  'Susan',
  'Linda',
  'Patricia',
  'Janet',
  'Siobhán',
  'Aoife',
  'Zainab',
  'Fatima',
  'Aisha',
  'Priya',
  'Anjali',
  'Chloé',
  'Zoë',
  'Noah',
  'Oliver',
  'George',
  'Arthur',
  'Muhammad',
  'Leo',
  'Harry',
  'Oscar',
  'Archie',
  'Henry',
  'Theodore',
  'Freddie',
  'Jack',
  'Charlie',
  'Thomas',
  'James',
  'William',
  'David',
  'John',
  'Peter',
  'Michael',
  'Robert',
  'Paul',
  'Mark',
  'Stephen',
  'Andrew',
  'Seán',
  'Rhys',
  'Dylan',
  'Kwame',
  'Tomasz',
  'Piotr',
  'Ahmed',
  'Ali',
  'Rajesh',
  'Sanjay',
  'Wei',
  'Jamal',
];
const LAST = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Wright',
  'Robinson',
  'Wood',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Thomas',
  'Clarke',
  'Jackson',
  'Wood',
  'Harris',
  'Edwards',
  'Turner',
  'Martin',
  'Cooper',
  'Hill',
  'Ward',
  'Hughes',
  'Moore',
  'Clark',
  'King',
  'Harrison',
  'Lewis',
  'Baker',
  'Lee',
  'Allen',
  'Morris',
  'Khan',
  'Scott',
  'Watson',
  'Davis',
  'Parker',
  'James',
  'Bennett',
  'Young',
  'Phillips',
  'Richardson',
  'Mitchell',
  'Bailey',
  'Carter',
  'Cook',
  'Singh',
  'Shaw',
  'Bell',
  'Collins',
  'Morgan',
  'Kelly',
  'Begum',
  'Miller',
  'Cox',
  'Hussain',
  'Marshall',
  'Simpson',
  'Price',
  'Anderson',
  'Adams',
  'Wilkinson',
  'Ali',
  'Ahmed',
  'Foster',
  'Ellis',
  'Murphy',
  'Chapman',
  'Mason',
  'Gray',
  'Richards',
  'Webb',
  'Griffiths',
  'Hunt',
  'Palmer',
  'Campbell',
  'Holmes',
  'Mills',
  'Rogers',
  'Barnes',
  'Knight',
  'Matthews',
  'Barker',
  'Powell',
  'Stevens',
  'Kaur',
  'Fisher',
  'Butler',
  'Dixon',
  'Russell',
  'Harvey',
  'Pearson',
  'Graham',
  "O'Neill",
  "O'Brien",
  'McDonald',
  'Ashworth',
  'Ramsbottom',
  'Sutcliffe',
  'Nowak',
  'Kowalski',
  'Nguyen',
  'Okafor',
  'Mensah',
  'Rahman',
  'Chowdhury',
  'Fernández',
  'García',
  'Müller',
  'Smith-Jones',
  'Lloyd-Evans',
];
const STREETS = [
  'Church Street',
  'Elm Rd',
  'Station Road',
  'Victoria Road',
  'Park Ave',
  'Moor Lane',
  'Garstang Road',
  'Blackpool Road',
  'Ribbleton Ln',
  'Fishergate Hill',
  'Watling Street Road',
  'Deepdale Rd',
  'Plungington Road',
  'Tulketh Cres',
  'Ashton Gdns',
  'Winckley Sq',
  'Larkhill Terr',
  'Meadow Ct',
  'Mill Lane',
  'Queen Street',
  'King Street',
  'Manchester Road',
  'Bolton Road',
  'Whalley Road',
  'Accrington Road',
  'Burnley Road',
  'Lytham Road',
  'Preston New Road',
  'Clifton Drive',
  'Marine Parade',
];
const TOWNS = [
  'Preston',
  'Lancaster',
  'Morecambe',
  'Chorley',
  'Leyland',
  'Blackburn',
  'Burnley',
  'Accrington',
  'Ormskirk',
  'Skelmersdale',
  'Fleetwood',
  'Lytham St Annes',
  'Clitheroe',
  'Colne',
  'Nelson',
  'Penwortham',
  'Garstang',
  'Carnforth',
  'Darwen',
  'Rawtenstall',
];
const AREAS = ['PR', 'LA', 'BB', 'FY', 'L', 'WN', 'OL'];
const DOMAINS = ['example.org', 'example.com', 'example.net', 'mail.example', 'post.example'];
const TOPICS = [
  'highways',
  'blue-badge',
  'waste-helpline',
  'libraries',
  'school-admissions',
  'adults-social-care',
  'registration',
  'school-transport',
  'childrens-social-care',
  'cashiers',
];

export const DEFAULT_SCALE = { subjects: 300_000, enquiries: 1_000_000 };
const OTHER_ORGANISATIONS = ['cambridgeshire', 'milton-keynes', 'northamptonshire'];

const sqlText = (values) => `(array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[])`;
/** A pseudo-random non-negative integer below `n` from an integer expression: stable, spread. */
const spread = (expression, n, salt = 0) => `((hashint4((${expression})::int + ${salt}) & 2147483647) % ${n})`;

/** The SQL expressions every table derives from a row's number, for one organisation. */
function plan(slug, subjects, enquiries, at) {
  const id = (kind, n) => `md5('${slug}:${kind}:' || (${n}))::uuid`;
  const frequent = Math.max(1, Math.floor(subjects / 100));
  // One enquiry in ten is from the 1 % of people who contact the council most.
  const subjectOf = (k) => `(case when (${k}) % 10 = 0 then 1 + ${spread(k, frequent, 11)} else 1 + ${spread(k, subjects, 13)} end)`;
  const createdAt = (k) => `(timestamptz '${at.toISOString()}' - ${spread(k, 730 * 86400, 17)} * interval '1 second')`;
  // Channels by share of contacts: phone 50 %, e-mail 20 %, webchat 12 %, social 5 %, forms 10 %, internal 3 %.
  const channelOf = (k) =>
    `(case when (${k}) % 100 < 50 then 'phone' when (${k}) % 100 < 70 then 'email' when (${k}) % 100 < 82 then 'webchat' when (${k}) % 100 < 87 then 'social' when (${k}) % 100 < 97 then 'form' else 'internal' end)`;
  const statusOf = (k) =>
    `(case (${k}) / 100 % 10 when 0 then 'new' when 1 then 'in_progress' when 7 then 'escalated' when 8 then 'closed' when 9 then 'closed' else 'resolved' end)`;
  const legalBasisOf = (k) =>
    `(case when (${k}) % 7 = 0 then 'consent' when (${k}) % 7 = 1 then 'public_task' else 'legitimate_interests' end)`;
  /** Enquiry numbers of one channel: K = 100·q + b over the channel's share of b. */
  const channelRange = (from, to) =>
    `generate_series(0, ${Math.floor(enquiries / 100)}) q cross join generate_series(${from}, ${to}) b cross join lateral (select 100 * q + b as k) n where n.k between 1 and ${enquiries}`;
  const phoneDigits = (n) => `lpad(((${n})::bigint * 387420489 % 1000000000)::text, 9, '0')`;
  return { id, subjectOf, createdAt, channelOf, statusOf, legalBasisOf, channelRange, phoneDigits };
}

/**
 * Seeds `organisation` with `enquiries` enquiries about `subjects` people (and their messages, about five per
 * enquiry), and each of `others` with `otherShare` of that. Returns the seconds taken and rows per table.
 */
export async function seedLarge({
  databaseUrl,
  organisation = 'lancashire',
  subjects = DEFAULT_SCALE.subjects,
  enquiries = DEFAULT_SCALE.enquiries,
  others = OTHER_ORGANISATIONS,
  otherShare = 0.02,
  at = new Date(),
  log = () => undefined,
}) {
  const started = Date.now();
  const connect = async () => {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: 'signpost-seed-large' });
    await client.connect();
    await client.query(`set synchronous_commit = off`);
    return client;
  };
  const [first, second] = [await connect(), await connect()];
  try {
    const {
      rows: [role],
    } = await first.query(`select rolsuper from pg_roles where rolname = current_user`);
    if (role.rolsuper) {
      // Consistent by construction: skip the per-row foreign-key triggers (a superuser also bypasses RLS).
      for (const client of [first, second]) await client.query(`set session_replication_role = replica`);
    }
    const counts = {};
    const scaled = (n) => Math.max(100, Math.round(n * otherShare));
    const jobs = [
      { slug: organisation, subjects, enquiries },
      ...others.map((slug) => ({ slug, subjects: scaled(subjects), enquiries: scaled(enquiries) })),
    ];
    for (const job of jobs) {
      const began = Date.now();
      const rows = await seedOrganisation(first, second, { ...job, at, tenant: !role.rolsuper, log });
      for (const [table, n] of Object.entries(rows)) counts[table] = (counts[table] ?? 0) + n;
      if (job.slug === organisation) counts.organisation = { slug: organisation, ...rows };
      log(
        `seeded ${job.slug}: ${Object.entries(rows)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')} in ${((Date.now() - began) / 1000).toFixed(0)} s`,
      );
    }
    const analysing = Date.now();
    await first.query('analyze');
    log(`analyze: ${((Date.now() - analysing) / 1000).toFixed(0)} s`);
    const { organisation: seeded, ...all } = counts;
    return { seconds: Number(((Date.now() - started) / 1000).toFixed(1)), organisation: seeded, allOrganisations: all };
  } finally {
    await Promise.all([first.end(), second.end()]);
  }
}

async function seedOrganisation(first, second, { slug, subjects, enquiries, at, tenant, log }) {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) throw new Error(`not an organisation slug: ${slug}`);
  const {
    rows: [org],
  } = await first.query(`select id from organisations where slug = $1`, [slug]);
  if (!org) throw new Error(`no organisation ${slug}: start Signpost with the demo data first`);
  if (tenant) for (const client of [first, second]) await client.query(`select set_config('app.current_tenant', $1, false)`, [org.id]);
  const { rows: services } = await first.query(`select id, name from services where organisation_id = $1 order by code`, [org.id]);
  const p = plan(slug, subjects, enquiries, at);
  const o = `'${org.id}'::uuid`;
  const rows = {};
  const run = async (client, table, sql) => {
    const began = Date.now();
    const result = await client.query(sql);
    rows[table] = (rows[table] ?? 0) + result.rowCount;
    log(`  ${slug} ${table}: +${result.rowCount} (${Date.now() - began} ms)`);
  };

  // People: names and addresses keyed by the application's own functions, so that searches find them.
  const names = { first: sqlText(FIRST), firstKey: sqlText(FIRST.map(nameKey)), last: sqlText(LAST), lastKey: sqlText(LAST.map(nameKey)) };
  const places = {
    street: sqlText(STREETS),
    streetKey: sqlText(STREETS.map(addressKey)),
    town: sqlText(TOWNS),
    townKey: sqlText(TOWNS.map(addressKey)),
  };
  const f = `1 + ${spread('n', FIRST.length, 1)}`;
  const l = `1 + ${spread('n', LAST.length, 2)}`;
  const st = `1 + ${spread('n', STREETS.length, 3)}`;
  const tw = `1 + ${spread('n', TOWNS.length, 4)}`;
  const house = `(1 + ${spread('n', 240, 5)})`;
  const postcode = `(${sqlText(AREAS)})[1 + n % ${AREAS.length}] || (1 + ${spread('n', 9, 6)}) || ' ' || ${spread('n', 10, 7)} || chr(65 + ${spread('n', 26, 8)}) || chr(65 + ${spread('n', 26, 9)})`;
  await run(
    first,
    'data_subjects',
    `insert into data_subjects (id, organisation_id, name, name_key, date_of_birth, postal_address, address_key, postcode, postcode_key, created_at, updated_at)
     select ${p.id('s', 'n')}, ${o}, ${names.first}[${f}] || ' ' || ${names.last}[${l}], ${names.firstKey}[${f}] || ' ' || ${names.lastKey}[${l}],
       case when n % 10 < 6 then date '1930-01-01' + ${spread('n', 27000, 10)} end,
       case when n % 10 < 5 then ${house} || ' ' || ${places.street}[${st}] || ', ' || ${places.town}[${tw}] end,
       case when n % 10 < 5 then ${house} || ' ' || ${places.streetKey}[${st}] || ' ' || ${places.townKey}[${tw}] end,
       pc, replace(pc, ' ', ''), now(), now()
     from generate_series(1, ${subjects}) n cross join lateral (select case when n % 10 < 7 then ${postcode} end as pc) postcode`,
  );
  // Phone for 75 %, e-mail for 55 % (both for 30 %): everyone has at least one.
  await run(
    first,
    'data_subject_identifiers',
    `insert into data_subject_identifiers (organisation_id, data_subject_id, kind, value, key)
     select ${o}, ${p.id('s', 'n')}, 'phone', '07' || substr(d, 1, 3) || ' ' || substr(d, 4), '+447' || d
     from generate_series(1, ${subjects}) n cross join lateral (select ${p.phoneDigits('n')} as d) digits where n % 20 < 15`,
  );
  await run(
    first,
    'data_subject_identifiers',
    `insert into data_subject_identifiers (organisation_id, data_subject_id, kind, value, key)
     select ${o}, ${p.id('s', 'n')}, 'email', e, e
     from generate_series(1, ${subjects}) n
     cross join lateral (select ${names.firstKey}[${f}] || '.' || replace(${names.lastKey}[${l}], ' ', '') || n || '@' || (${sqlText(DOMAINS)})[1 + n % ${DOMAINS.length}] as e) address
     where n % 20 >= 9`,
  );

  // Enquiries, in batches of 250,000.
  const retention = `case c when 'phone' then 'phone_contact' when 'email' then 'email_contact' when 'webchat' then 'webchat' when 'social' then 'social_media_contact' when 'form' then 'online_form' else 'internal_enquiry' end`;
  for (let from = 1; from <= enquiries; from += 250_000) {
    const to = Math.min(enquiries, from + 249_999);
    await run(
      first,
      'enquiries',
      `insert into enquiries (id, organisation_id, reference, channel, source_reference, requester_type, data_subject_id, topic, description, status, legal_basis,
                              special_category, special_categories, retention_class, created_at, updated_at, resolved_at, escalated_at, closed_at)
       select ${p.id('e', 'k')}, ${o},
         -- An odd multiplier is a bijection modulo 2^32: unique, random-looking, all in the reference alphabet.
         substr(h, 1, 4) || '-' || substr(h, 5, 4),
         c, case c when 'phone' then 'call-' || k when 'email' then '<' || k || '.${slug}@mail.example>' when 'social' then 'm_' || k when 'form' then 'sub-' || k end,
         case when c = 'internal' then 'employee' else 'citizen' end, ${p.id('s', p.subjectOf('k'))},
         (${sqlText(TOPICS)})[1 + k % ${TOPICS.length}], 'Seeded enquiry number ' || k, s, ${p.legalBasisOf('k')},
         k % 33 = 0, case when k % 33 = 0 then array['health'] else '{}'::text[] end, ${retention}, t, t,
         case when s in ('resolved', 'closed') then t + interval '20 minutes' end, case when s = 'escalated' then t + interval '30 minutes' end,
         case when s = 'closed' then t + interval '2 days' end
       from generate_series(${from}, ${to}) k
       cross join lateral (select ${p.channelOf('k')} as c, ${p.statusOf('k')} as s, ${p.createdAt('k')} as t,
                                  lpad(upper(to_hex(k::bigint * 2654435761 % 4294967296)), 8, '0') as h) e`,
    );
  }

  const created = p.createdAt('k');
  // Two connections fill the tables that hang off enquiries side by side. Messages go in rounds (the r-th
  // message of every conversation together), so that one enquiry's messages are spread over the heap as
  // they are after years of traffic, not stored side by side.
  const timeline = async (client) => {
    await run(
      client,
      'enquiry_events',
      `insert into enquiry_events (organisation_id, enquiry_id, kind, author_type, metadata, created_at)
      select ${o}, ${p.id('e', 'k')}, 'system', 'system', jsonb_build_object('event', 'created', 'channel', ${p.channelOf('k')}), ${created} from generate_series(1, ${enquiries}) k`,
    );
    await run(
      client,
      'enquiry_events',
      `insert into enquiry_events (organisation_id, enquiry_id, kind, author_type, metadata, created_at)
      select ${o}, ${p.id('e', 'k')}, 'system', 'staff', '{"from":"new","to":"in_progress"}', ${created} + interval '5 minutes' from generate_series(1, ${enquiries}) k where ${p.statusOf('k')} <> 'new'`,
    );
    await run(
      client,
      'enquiry_events',
      `insert into enquiry_events (organisation_id, enquiry_id, kind, author_type, body, created_at)
      select ${o}, ${p.id('e', 'k')}, 'advice', 'staff', 'Explained how to apply online and what to bring', ${created} + interval '20 minutes' from generate_series(1, ${enquiries}) k where ${p.statusOf('k')} in ('resolved', 'closed')`,
    );
    for (let r = 1; r <= 5; r += 1) {
      await run(
        client,
        'email_messages',
        `insert into email_messages (organisation_id, enquiry_id, message_id, direction, from_address, subject, created_at)
        select ${o}, ${p.id('e', 'k')}, '<' || k || '.' || ${r} || '.${slug}@mail.example>', case when ${r} % 2 = 1 then 'inbound' else 'outbound' end,
          case when ${r} % 2 = 1 then 'sender' || k || '@example.net' else 'contact@${slug}.demo' end, 'Re: your enquiry', ${created} + ${r} * interval '1 day'
        from ${p.channelRange(50, 69)} and 1 + ${spread('k', 5, 21)} >= ${r}`,
      );
    }
    await run(
      client,
      'social_conversations',
      `insert into social_conversations (organisation_id, conversation_key, platform_user_id, enquiry_id, created_at)
      select ${o}, 'dm:' || k, 'psid-' || ${p.subjectOf('k')}, ${p.id('e', 'k')}, ${created} from ${p.channelRange(82, 86)}`,
    );
    for (let r = 1; r <= 9; r += 1) {
      await run(
        client,
        'social_messages',
        `insert into social_messages (organisation_id, platform_message_id, enquiry_id, direction, created_at)
        select ${o}, 'm_' || k || '_' || ${r}, ${p.id('e', 'k')}, case when ${r} % 2 = 1 then 'inbound' else 'outbound' end, ${created} + ${r} * interval '10 minutes'
        from ${p.channelRange(82, 86)} and 1 + ${spread('k', 9, 22)} >= ${r}`,
      );
    }
    await run(
      client,
      'consent_records',
      `insert into consent_records (organisation_id, enquiry_id, data_subject_id, purpose, method, privacy_notice_version, given_at)
      select ${o}, ${p.id('e', 'k')}, ${p.id('s', p.subjectOf('k'))}, 'processing', 'verbal', '1', ${created} from generate_series(1, ${enquiries}) k where k % 7 = 0`,
    );
    await run(
      client,
      'consent_records',
      `insert into consent_records (organisation_id, enquiry_id, data_subject_id, purpose, special_categories, method, privacy_notice_version, given_at)
      select ${o}, ${p.id('e', 'k')}, ${p.id('s', p.subjectOf('k'))}, 'special_category', array['health'], 'verbal', '1', ${created} from generate_series(1, ${enquiries}) k where k % 33 = 0`,
    );
  };
  const conversations = async (client) => {
    await run(
      client,
      'chats',
      `insert into chats (id, organisation_id, enquiry_id, status, resume_token_hash, last_seq, queued_at, assigned_at, ended_at)
      select ${p.id('c', 'k')}, ${o}, ${p.id('e', 'k')}, 'ended', md5('${slug}:t:' || k), 4 + ${spread('k', 19, 23)}, ${created}, ${created} + interval '2 minutes', ${created} + interval '15 minutes'
      from ${p.channelRange(70, 81)}`,
    );
    for (let r = 1; r <= 22; r += 1) {
      await run(
        client,
        'chat_messages',
        `insert into chat_messages (organisation_id, chat_id, seq, sender, text, sent_at)
        select ${o}, ${p.id('c', 'k')}, ${r}, case when ${r} % 2 = 1 then 'citizen' else 'advisor' end, 'Seeded chat message ' || ${r}, ${created} + ${r} * interval '30 seconds'
        from ${p.channelRange(70, 81)} and 4 + ${spread('k', 19, 23)} >= ${r}`,
      );
    }
    await run(
      client,
      'call_logs',
      `insert into call_logs (id, organisation_id, call_id, enquiry_id, direction, caller_number, queue, started_at, ended_at, created_at)
      select ${p.id('l', 'k')}, ${o}, 'call-' || k, ${p.id('e', 'k')}, 'inbound', '+447' || ${p.phoneDigits(p.subjectOf('k'))}, (${sqlText(TOPICS)})[1 + k % ${TOPICS.length}],
        ${created}, ${created} + interval '6 minutes', ${created}
      from ${p.channelRange(0, 49)}`,
    );
    await run(
      client,
      'call_recordings',
      `insert into call_recordings (organisation_id, call_log_id, kind, ref, recorded_at, retention_class)
      select ${o}, ${p.id('l', 'k')}, 'audio', 'rec-' || k, ${created}, 'call_recording_audio' from ${p.channelRange(0, 49)} and ${spread('k', 10, 24)} < 3`,
    );
    if (services.length > 0) {
      const service = `(${sqlText(services.map((s) => s.id))})[1 + k % ${services.length}]::uuid`;
      const serviceName = `(${sqlText(services.map((s) => s.name))})[1 + k % ${services.length}]`;
      const escalated = `generate_series(1, ${enquiries}) k where ${p.statusOf('k')} = 'escalated'`;
      await run(
        client,
        'escalations',
        `insert into escalations (id, organisation_id, enquiry_id, service_id, message_id, fields, shared_fields, legal_basis, status, delivery_type, delivery_status, created_at, updated_at)
        select ${p.id('x', 'k')}, ${o}, ${p.id('e', 'k')}, ${service}, 'seed-${slug}-' || k, '{"reasonForReferral":"Seeded referral"}', array['name', 'contactNumber', 'reasonForReferral'],
          ${p.legalBasisOf('k')}, 'acknowledged', 'portal', 'available', ${created} + interval '30 minutes', ${created} + interval '30 minutes'
        from ${escalated}`,
      );
      await run(
        client,
        'disclosures',
        `insert into disclosures (organisation_id, escalation_id, enquiry_id, data_subject_id, recipient_service_id, recipient_name, fields, legal_basis, disclosed_at, delivery_status)
        select ${o}, ${p.id('x', 'k')}, ${p.id('e', 'k')}, ${p.id('s', p.subjectOf('k'))}, ${service}, ${serviceName}, array['name', 'contactNumber', 'reasonForReferral'],
          ${p.legalBasisOf('k')}, ${created} + interval '30 minutes', 'available'
        from ${escalated}`,
      );
    }
  };
  await Promise.all([timeline(first), conversations(second)]);
  return rows;
}

/** Rows that are messages of one kind or another: what "5,000,000 messages" counts. */
export function messageCount(rows) {
  return ['enquiry_events', 'chat_messages', 'email_messages', 'social_messages'].reduce((sum, table) => sum + (rows[table] ?? 0), 0);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [databaseUrl, ...flags] = process.argv.slice(2);
  if (!databaseUrl) {
    console.error('usage: node bench/seed-large.mjs DATABASE_URL [--organisation SLUG] [--subjects N] [--enquiries N] [--others a,b,c]');
    process.exit(2);
  }
  const option = (name) => {
    const at = flags.indexOf(`--${name}`);
    return at >= 0 ? flags[at + 1] : undefined;
  };
  const result = await seedLarge({
    databaseUrl,
    organisation: option('organisation') ?? 'lancashire',
    subjects: Number(option('subjects') ?? DEFAULT_SCALE.subjects),
    enquiries: Number(option('enquiries') ?? DEFAULT_SCALE.enquiries),
    others: option('others') === undefined ? OTHER_ORGANISATIONS : option('others').split(',').filter(Boolean),
    log: (line) => console.log(line),
  });
  console.log(JSON.stringify({ ...result, messages: messageCount(result.organisation) }, null, 2));
}
