import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { Settings } from '../config/settings.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { RetentionSweeper } from '../retention/retention-sweeper.js';
import type { HeldRecord } from '../retention/held-record.js';
import { signDocument, signingKey, type Signature } from './signed-document.js';
import { organisationBySlug } from '../tenancy/organisation-reads.js';
import { stopOrganisationIntake } from '../tenancy/organisation-offboarding.js';
import { disableAllStaff, eraseAllStaff } from '../identity/staff-offboarding.js';
import { deactivateAllServices } from '../directory/service-offboarding.js';

/**
 * What is left of the organisation's personal data after off-boarding, by kind: kept records only, or nothing.
 * A cross-context read on purpose (the certificate's evidence is counted in the database, across every table that
 * holds personal data), and the only one this context makes.
 */
const REMAINING = `
  select
    (select count(*) from enquiries where erased_at is null)::int as enquiries,
    (select count(*) from data_subjects where erased_at is null)::int as people,
    (select count(*) from data_subject_identifiers)::int as identifiers,
    (select count(*) from call_recordings)::int as call_recordings,
    (select count(*) from email_attachments)::int as email_attachments,
    (select count(*) from replies r join enquiries e on e.id = r.enquiry_id where e.erased_at is null)::int as replies,
    (select count(*) from escalations where fields <> '{}'::jsonb)::int as referral_snapshots,
    (select count(*) from subject_requests where subject <> '{}'::jsonb)::int as subject_request_files,
    (select count(*) from staff_users where organisation_id = $1 and (not disabled or email not like 'erased-%'))::int as staff_accounts`;

export interface CertificateOfDeletion {
  type: 'signpost.certificate-of-deletion';
  version: 1;
  organisation: { id: string; slug: string; name: string };
  startedAt: string;
  completedAt: string;
  /** The sweep that erased the contacts' records, with its counts by record type. */
  sweepId: string;
  erased: Record<string, number>;
  staffAccountsErased: number;
  channelCredentialsRevoked: number;
  /** Records kept, and why: a legal hold or an open subject-rights request. Ids only. */
  kept: { count: number; records: HeldRecord[] };
  /** Personal data still held afterwards, by kind, counted in the database: zero unless kept above. */
  remaining: Record<string, number>;
  /** The organisation's audit chain before the off-boarding entry: it still verifies. */
  auditChain: { entries: number; head: string | null };
}

/**
 * Off-boarding an organisation that leaves the shared service: its staff can no longer sign in, its channels stop
 * accepting input, every contact's details are erased whatever their age (legal holds and open subject-rights
 * requests still keep theirs, and the certificate lists them), and a certificate of deletion is issued, signed
 * with the deployment's Ed25519 key. Other organisations are not touched: everything runs under the leaving
 * organisation's row-level security.
 */
@Injectable()
export class OffboardingService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly sweeper: RetentionSweeper,
    private readonly audit: AuditService,
    private readonly settings: Settings,
  ) {}

  async offboard(slug: string): Promise<{ certificate: CertificateOfDeletion; signature: Signature }> {
    const organisation = await this.db.registry((m) => organisationBySlug(m, slug));
    if (!organisation) throw new DomainError(404, 'ORGANISATION_NOT_FOUND', `No organisation "${slug}"`);
    const startedAt = new Date();
    const { staff, credentials } = await this.db.forTenant(organisation.id, async (m) => {
      const credentialCount = await stopOrganisationIntake(m, organisation.id);
      const staffCount = await disableAllStaff(m, organisation.id);
      await deactivateAllServices(m, organisation.id);
      return { staff: staffCount, credentials: credentialCount };
    });
    const sweep = await this.sweeper.sweep(organisation.id, { dryRun: false, trigger: 'offboarding', everything: true });
    return this.db.forTenant(organisation.id, async (m) => {
      // Staff accounts last, so that the sweep's and this entry's actors still resolve until now.
      await eraseAllStaff(m, organisation.id);
      const [remaining]: Record<string, number>[] = await m.query(REMAINING, [organisation.id]);
      const chain = await this.audit.chainHead(m);
      const certificate: CertificateOfDeletion = {
        type: 'signpost.certificate-of-deletion',
        version: 1,
        organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name },
        startedAt: startedAt.toISOString(),
        completedAt: new Date().toISOString(),
        sweepId: sweep.id,
        erased: sweep.erased,
        staffAccountsErased: staff,
        channelCredentialsRevoked: credentials,
        kept: { count: Object.values(sweep.held).reduce((sum, n) => sum + n, 0), records: sweep.heldRecords },
        remaining,
        auditChain: chain,
      };
      const signature = signDocument(certificate, signingKey(this.settings.secretKey));
      await this.audit.record(m, {
        organisationId: organisation.id,
        actor: { type: 'system', id: null },
        action: 'organisation.offboarded',
        entityType: 'organisation',
        entityId: organisation.id,
        details: { sweepId: sweep.id, erased: sweep.erased, kept: certificate.kept.count, remaining, signature: signature.value },
      });
      return { certificate, signature };
    });
  }
}
