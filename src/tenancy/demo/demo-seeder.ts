import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { SERVICE_CATALOGUE } from '../../directory/service-catalogue.js';
import { DEFAULT_TOPIC_RULES } from '../../routing/topic-rules.js';
import { sealedFor, type SecretBox } from '../../common/secret-box.js';
import { PasswordHasher } from '../../identity/password-hasher.js';
import { ukDate } from '../../common/uk-date.js';
import { DEMO_HISTORY_DAYS, insertDemoHistory, planDemoHistory, type DemoHistoryContext } from './demo-history.js';
import {
  ALWAYS_OPEN,
  DEMO_ORGANISATIONS,
  DEMO_PRIVACY_NOTICE_VERSION,
  DEMO_SOCIAL_APP_SECRET,
  DEMO_SOCIAL_VERIFY_TOKEN,
  DEMO_STAFF_ROLES,
  demoPrivacyNotice,
  type DemoOrganisation,
} from './demo-organisations.js';

/** The demo organisations' saved replies: title, text, Welsh text, service. */
const DEMO_SAVED_REPLIES: [string, string, string | null, string | null][] = [
  [
    'Enquiry received',
    'Dear ((name)), thank you for contacting ((organisation)). We have your enquiry, reference ((reference)), and will come back to you within 2 working days.\n\n((advisor))',
    'Annwyl ((name)), diolch am gysylltu â ((organisation)). Mae eich ymholiad gennym, cyfeirnod ((reference)), a byddwn yn ymateb o fewn 2 ddiwrnod gwaith.\n\n((advisor))',
    null,
  ],
  [
    'Missed bin: collection rearranged',
    'Dear ((name)), we are sorry your bin was missed. The crew will return within 2 working days. Your reference is ((reference)).\n\n((advisor)), ((organisation))',
    null,
    null,
  ],
  [
    'Blue Badge: how to apply',
    'Dear ((name)), you can apply for a Blue Badge online at www.gov.uk/apply-blue-badge. Quote reference ((reference)) if you contact us again.\n\n((advisor)), ((organisation))',
    null,
    'blue-badge',
  ],
];

export interface DemoSeedOptions {
  ownerUrl: string;
  password: string;
  channelSecret: string;
  secrets: SecretBox;
  log: { info(message: string): void };
  /** Also give each new organisation 90 days of made-up contact (demo-history.ts); off unless asked for. */
  history?: boolean;
}

/**
 * Seeds the demo organisations, services and staff on first start. An organisation already present is left
 * exactly as it is, so restarts never undo what someone changed while trying the product.
 * Runs as the owner with each organisation's tenant set: row-level security applies here too.
 */
export async function seedDemoData(options: DemoSeedOptions): Promise<string[]> {
  const client = new pg.Client({ connectionString: options.ownerUrl, application_name: 'signpost-demo-seed' });
  await client.connect();
  const seeded: string[] = [];
  try {
    const existing = new Set((await client.query<{ slug: string }>('select slug from organisations')).rows.map((r) => r.slug));
    const missing = DEMO_ORGANISATIONS.filter((organisation) => !existing.has(organisation.slug));
    if (missing.length === 0) return seeded;
    // One hash for every demo account: they share the demo password, and argon2 is deliberately slow.
    const passwordHash = await new PasswordHasher().hash(options.password);
    for (const organisation of missing) {
      await client.query('begin');
      try {
        const created = await seedOrganisation(client, organisation, passwordHash, options.channelSecret, options.secrets);
        if (options.history) {
          const started = performance.now();
          const counts = await insertDemoHistory(client, planDemoHistory({ ...created, today: ukDate(), now: new Date() }));
          // Counts only: the history is made up, but the log line stays free of any of its content.
          options.log.info(
            `seeded ${DEMO_HISTORY_DAYS} days of demo history for ${organisation.slug} in ${Math.round(performance.now() - started)} ms: ${counts.enquiries} enquiries, ${counts.chats} chats, ${counts.email_messages} e-mails, ${counts.call_logs} calls, ${counts.escalations} referrals, ${counts.safeguarding_flags} safeguarding flags, ${counts.subject_requests} subject requests`,
          );
        }
        await client.query('commit');
        seeded.push(organisation.slug);
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
    }
  } finally {
    await client.end();
  }
  if (seeded.length > 0) options.log.info(`seeded demo organisations: ${seeded.join(', ')}`);
  return seeded;
}

/**
 * The councils' emergency duty numbers in the demo: Ofcom's numbers reserved for drama (01632 960 xxx), which
 * never ring anyone; a council sets its own in the console (Organisation settings).
 */
const DEMO_SAFEGUARDING_CONTACTS = { childrenEmergencyDuty: '01632 960 101', adultsEmergencyDuty: '01632 960 102' };

/** Creates one demo organisation; returns what its history needs (ids of its services, staff and destinations). */
async function seedOrganisation(
  client: pg.Client,
  organisation: DemoOrganisation,
  passwordHash: string,
  channelSecret: string,
  secrets: SecretBox,
): Promise<Omit<DemoHistoryContext, 'today' | 'now'>> {
  const id = randomUUID();
  const slug = organisation.slug;
  await client.query(`select set_config('app.current_tenant', $1, true)`, [id]);
  await client.query(
    `insert into organisations (id, slug, name, kind, default_legal_basis, dpo_name, dpo_email, dpo_postal_address, enquiries_email, inbound_domains, business_hours, processors, safeguarding_contacts)
     values ($1, $2, $3, $4, $5, 'Data Protection Officer', $6, $7, $8, $9, $10, $11, $12)`,
    [
      id,
      slug,
      organisation.name,
      organisation.kind,
      organisation.defaultLegalBasis,
      `dpo@${slug}.demo`,
      organisation.postalAddress,
      `contact@${slug}.demo`,
      [`${slug}.demo`],
      JSON.stringify(ALWAYS_OPEN),
      JSON.stringify(organisation.processors),
      JSON.stringify(organisation.kind === 'council' ? DEMO_SAFEGUARDING_CONTACTS : {}),
    ],
  );
  await client.query(
    `insert into privacy_notices (organisation_id, version, title, body, effective_from) values ($1, $2, $3, $4, '2024-01-01')`,
    [id, DEMO_PRIVACY_NOTICE_VERSION, `${organisation.name}: customer contact privacy notice`, demoPrivacyNotice(organisation)],
  );
  for (const channel of ['phone', 'forms', 'email', 'sms']) {
    await client.query(`insert into channel_credentials (organisation_id, channel, secret) values ($1, $2, $3)`, [
      id,
      channel,
      secrets.seal(channelSecret, sealedFor.channelSecret(id, channel)),
    ]);
  }
  // Saved replies advisors insert in the reply composer (issue 22).
  for (const [title, text, textWelsh, service] of DEMO_SAVED_REPLIES) {
    await client.query(
      `insert into saved_replies (organisation_id, title, text, text_welsh, service_code, tags) values ($1, $2, $3, $4, $5, '{demo}')`,
      [id, title, text, textWelsh, service],
    );
  }
  await client.query(
    `insert into channel_credentials (organisation_id, channel, secret, verify_token, access_token) values ($1, 'social', $2, $3, $4)`,
    [
      id,
      secrets.seal(DEMO_SOCIAL_APP_SECRET, sealedFor.channelSecret(id, 'social')),
      DEMO_SOCIAL_VERIFY_TOKEN,
      secrets.seal('signpost-demo-page-access-token', sealedFor.channelAccessToken(id, 'social')),
    ],
  );

  // Two demo e-forms: the website contact form (periodically deleted) and a service request form (kept 2 years).
  await client.query(
    `insert into form_mappings (organisation_id, form_id, title, mapping, website_contact_form) values
       ($1, 'contact-us', 'Contact us', $2, true),
       ($1, 'report-a-problem', 'Report a problem', $3, false)`,
    [
      id,
      JSON.stringify({ name: 'fullName', description: 'message', email: 'email', phone: 'telephone', requesterType: 'youAre' }),
      JSON.stringify({
        name: 'fullName',
        description: 'problem',
        email: 'email',
        phone: 'telephone',
        address: 'location',
        postcode: 'postcode',
      }),
    ],
  );

  for (const destination of signpostingDestinations(organisation.slug)) {
    await client.query(
      `insert into signposting_destinations (organisation_id, code, name, kind, contact, description) values ($1, $2, $3, $4, $5, $6)`,
      [id, destination.code, destination.name, destination.kind, destination.contact, destination.description],
    );
  }

  const services = SERVICE_CATALOGUE.filter((service) => !organisation.services || organisation.services.includes(service.code));
  const seededServices: DemoHistoryContext['services'] = [];
  for (const service of services) {
    const serviceId = randomUUID();
    await client.query(
      `insert into services (id, organisation_id, code, name, permitted_fields, receives_special_category, statutory, delivery_type, routing_keywords)
       values ($1, $2, $3, $4, $5, $6, $7, 'portal', $8)`,
      [
        serviceId,
        id,
        service.code,
        service.name,
        service.permittedFields,
        service.receivesSpecialCategory,
        service.statutory,
        DEFAULT_TOPIC_RULES[service.code] ?? [],
      ],
    );
    const userId = await insertUser(
      client,
      id,
      `${service.code}@${slug}.demo`,
      `${service.name} (demo)`,
      'service',
      serviceId,
      passwordHash,
    );
    seededServices.push({
      id: serviceId,
      code: service.code,
      name: service.name,
      permittedFields: [...service.permittedFields],
      statutory: service.statutory,
      userId,
    });
  }
  const staff: Record<string, string> = {};
  for (const role of DEMO_STAFF_ROLES) {
    const label = role === 'dpo' ? 'Data Protection Officer' : role.charAt(0).toUpperCase() + role.slice(1);
    staff[role] = await insertUser(client, id, `${role}@${slug}.demo`, `Demo ${label}`, role, null, passwordHash);
  }
  return {
    organisationId: id,
    slug,
    defaultLegalBasis: organisation.defaultLegalBasis,
    services: seededServices,
    staff: { advisor: staff.advisor, supervisor: staff.supervisor, dpo: staff.dpo },
    signposting: signpostingDestinations(slug).map((destination) => destination.code),
    formsProcessorLocation: (
      await client.query<{ location: string }>(
        `select processor_location as location from form_mappings where form_id = 'report-a-problem'`,
      )
    ).rows[0].location,
  };
}

async function insertUser(
  client: pg.Client,
  organisationId: string,
  email: string,
  displayName: string,
  role: string,
  serviceId: string | null,
  passwordHash: string,
): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `insert into staff_users (organisation_id, email, display_name, role, service_id, password_hash) values ($1, $2, $3, $4, $5, $6) returning id`,
    [organisationId, email, displayName, role, serviceId, passwordHash],
  );
  return rows[0].id;
}

/**
 * Where advisors may send a citizen instead: in two-tier Lancashire the district councils run bins, council tax,
 * housing and planning; everywhere, the NHS, the police and advice charities.
 */
function signpostingDestinations(slug: string): { code: string; name: string; kind: string; contact: string; description: string }[] {
  const everywhere = [
    {
      code: 'nhs-111',
      name: 'NHS 111',
      kind: 'nhs',
      contact: '111, 111.nhs.uk',
      description: 'Urgent medical help that is not an emergency',
    },
    {
      code: 'police-101',
      name: 'Police (non-emergency)',
      kind: 'police',
      contact: '101',
      description: 'Crime and concerns that are not emergencies (999 for emergencies)',
    },
    {
      code: 'citizens-advice',
      name: 'Citizens Advice',
      kind: 'charity',
      contact: '0800 144 8848, citizensadvice.org.uk',
      description: 'Debt, benefits, housing, consumer and employment advice',
    },
  ];
  if (slug !== 'lancashire') return everywhere;
  return [
    {
      code: 'preston-city-council',
      name: 'Preston City Council',
      kind: 'district_council',
      contact: '01772 906900, preston.gov.uk',
      description: 'Bins, council tax, housing, planning and licensing in Preston',
    },
    {
      code: 'lancaster-city-council',
      name: 'Lancaster City Council',
      kind: 'district_council',
      contact: '01524 582000, lancaster.gov.uk',
      description: 'Bins, council tax, housing, planning and licensing in Lancaster and Morecambe',
    },
    {
      code: 'chorley-council',
      name: 'Chorley Council',
      kind: 'district_council',
      contact: '01257 515151, chorley.gov.uk',
      description: 'Bins, council tax, housing, planning and licensing in Chorley',
    },
    ...everywhere,
  ];
}
