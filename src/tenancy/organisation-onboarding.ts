import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import pg from 'pg';
import { AuditService } from '../audit/audit.service.js';
import { DomainError, RequestValidationError, type FieldProblem } from '../common/errors/domain-error.js';
import { Settings } from '../config/settings.js';
import { SERVICE_CATALOGUE } from '../directory/service-catalogue.js';
import { PasswordHasher } from '../identity/password-hasher.js';
import { DEFAULT_TOPIC_RULES } from '../routing/topic-rules.js';
import { checkBusinessHours } from './business-hours.js';
import type { LegalBasis } from '../contracts/legal-basis.js';
import type { BusinessHours } from './organisation-settings.js';

export interface NewOrganisation {
  slug: string;
  name: string;
  kind: 'council' | 'customer';
  defaultLegalBasis: LegalBasis;
  nation: 'england-and-wales' | 'scotland' | 'northern-ireland';
  dpoName: string;
  dpoEmail: string;
  postalAddress?: string;
  /** The organisation's own privacy notice, in force from today: no enquiry can be taken without one. */
  privacyNotice: { version: string; title: string; body: string };
  admin: { email: string; displayName: string };
  /** Whether to start with the 17 back-office services of the catalogue (permitted fields from the notices; delivery through the portal). */
  withServices: boolean;
}

export interface OnboardedOrganisation {
  id: string;
  slug: string;
  services: number;
  admin: { email: string; password: string };
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const LEGAL_BASES: LegalBasis[] = ['consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests'];

/** Office hours until the administrator sets the organisation's own: Monday to Friday, 9 to 5, UK time. */
export const OFFICE_HOURS = (nation: NewOrganisation['nation']): BusinessHours => ({
  timezone: 'Europe/London',
  weekly: Object.fromEntries(['1', '2', '3', '4', '5'].map((day) => [day, ['09:00-17:00']])),
  bankHolidays: nation,
});

/** What is wrong with a new organisation's details, field by field (nothing is written when anything is). */
export function onboardingProblems(input: NewOrganisation): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const need = (field: string, ok: boolean, problem: string) => ok || problems.push({ field, problem });
  need(
    'slug',
    SLUG.test(input.slug) && input.slug.length <= 60,
    'slug must be lower-case letters and digits joined by dashes, at most 60 characters',
  );
  need('name', input.name.trim().length > 0 && input.name.length <= 200, 'name is required (at most 200 characters)');
  need('kind', ['council', 'customer'].includes(input.kind), 'kind must be council or customer');
  need('legal-basis', LEGAL_BASES.includes(input.defaultLegalBasis), `legal-basis must be one of ${LEGAL_BASES.join(', ')}`);
  need(
    'nation',
    ['england-and-wales', 'scotland', 'northern-ireland'].includes(input.nation),
    'nation must be england-and-wales, scotland or northern-ireland (its bank holidays move deadlines)',
  );
  need('dpo-name', input.dpoName.trim().length > 0, 'the Data Protection Officer’s name is required: citizens are told who to contact');
  need('dpo-email', EMAIL.test(input.dpoEmail), 'dpo-email must be an e-mail address');
  need(
    'privacy-notice',
    input.privacyNotice.body.trim().length >= 50,
    'the privacy notice file must hold the organisation’s notice (at least 50 characters)',
  );
  need(
    'notice-version',
    /^[A-Za-z0-9.-]{1,20}$/.test(input.privacyNotice.version),
    'notice-version must be a short version label such as 1 or 2026.1',
  );
  need('admin-email', EMAIL.test(input.admin.email), 'admin-email must be an e-mail address');
  need('admin-name', input.admin.displayName.trim().length > 0, 'admin-name is required');
  return problems;
}

/**
 * The operator's way in for a new organisation (`npm run signpost -- create-organisation`): the organisation with
 * its privacy notice and opening hours, the back-office services of the catalogue, and its first administrator
 * with a one-time password, in one transaction through the owner connection. Everything else (staff, channels,
 * inbound mail, retention, safeguarding numbers) the administrator sets in the console. Audited in the new
 * organisation's chain as the operator's doing.
 */
@Injectable()
export class OrganisationOnboarding {
  constructor(
    private readonly settings: Settings,
    private readonly audit: AuditService,
  ) {}

  async create(input: NewOrganisation): Promise<OnboardedOrganisation> {
    const problems = onboardingProblems(input);
    if (problems.length > 0) throw new RequestValidationError(problems);
    const id = randomUUID();
    const password = randomBytes(18).toString('base64url');
    const passwordHash = await new PasswordHasher().hash(password);
    const services = input.withServices ? SERVICE_CATALOGUE : [];
    const client = new pg.Client({ connectionString: this.settings.ownerDatabaseUrl, application_name: 'signpost-operator' });
    await client.connect();
    try {
      await client.query('begin');
      // Row-level security: the new organisation's rows may be written only with it as the tenant.
      await client.query(`select set_config('app.current_tenant', $1, true)`, [id]);
      await client.query(
        `insert into organisations (id, slug, name, kind, default_legal_basis, dpo_name, dpo_email, dpo_postal_address, business_hours)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          id,
          input.slug,
          input.name.trim(),
          input.kind,
          input.defaultLegalBasis,
          input.dpoName.trim(),
          input.dpoEmail.trim().toLowerCase(),
          input.postalAddress?.trim() || null,
          JSON.stringify(checkBusinessHours(OFFICE_HOURS(input.nation))),
        ],
      );
      await client.query(
        `insert into privacy_notices (organisation_id, version, title, body, effective_from) values ($1, $2, $3, $4, (now() at time zone 'Europe/London')::date)`,
        [id, input.privacyNotice.version, input.privacyNotice.title, input.privacyNotice.body],
      );
      for (const service of services) {
        await client.query(
          `insert into services (organisation_id, code, name, permitted_fields, receives_special_category, statutory, delivery_type, routing_keywords) values ($1, $2, $3, $4, $5, $6, 'portal', $7)`,
          [
            id,
            service.code,
            service.name,
            service.permittedFields,
            service.receivesSpecialCategory,
            service.statutory,
            DEFAULT_TOPIC_RULES[service.code] ?? [],
          ],
        );
      }
      await client.query(
        `insert into staff_users (organisation_id, email, display_name, role, password_hash) values ($1, $2, $3, 'admin', $4)`,
        [id, input.admin.email.trim().toLowerCase(), input.admin.displayName.trim(), passwordHash],
      );
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      const constraint = (error as { constraint?: string }).constraint;
      if (constraint === 'uq_organisations_slug')
        throw new DomainError(409, 'ORGANISATION_EXISTS', `an organisation "${input.slug}" exists already`);
      if (constraint === 'uq_staff_users_email')
        throw new DomainError(409, 'STAFF_EMAIL_TAKEN', 'the administrator’s e-mail address is already a staff account');
      throw error;
    } finally {
      await client.end();
    }
    await this.audit.recordAlone({
      organisationId: id,
      actor: { type: 'system', id: null },
      action: 'organisation.create',
      entityType: 'organisation',
      entityId: id,
      details: { by: 'operator', services: services.length, privacyNoticeVersion: input.privacyNotice.version },
    });
    return { id, slug: input.slug, services: services.length, admin: { email: input.admin.email.trim().toLowerCase(), password } };
  }
}
