import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { TenantDatabase } from '../../database/tenant-database.js';
import { parseCallLogCsv } from './call-log-csv.js';
import { PhoneIngestService } from './phone-ingest.service.js';

export type ImportMode = 'all-or-nothing' | 'good-rows';

export interface ImportRowReport {
  row: number;
  status: 'imported' | 'duplicate' | 'invalid' | 'not-imported';
  reference?: string;
  problems?: string[];
}

export interface ImportReport {
  mode: ImportMode;
  /** Whether anything was written. */
  committed: boolean;
  imported: number;
  duplicates: number;
  invalid: number;
  rows: ImportRowReport[];
}

/**
 * A day's call log imported from CSV, each call becoming an enquiry as a live push would (idempotent on the
 * call id). "all-or-nothing" writes nothing unless every row is good, in one transaction; "good-rows" imports
 * the good rows and reports the rest.
 */
@Injectable()
export class CallImportService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly phone: PhoneIngestService,
    private readonly audit: AuditService,
  ) {}

  async import(organisationId: string, csv: string, mode: ImportMode): Promise<ImportReport> {
    const parsed = parseCallLogCsv(csv);
    const invalid = parsed.filter((row): row is { row: number; problems: string[] } => 'problems' in row);
    const good = parsed.filter((row): row is Extract<typeof row, { call: unknown }> => 'call' in row);
    const ids = good.map((row) => row.call.callId);
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    if (repeated.length > 0) throw new DomainError(400, 'CSV_REPEATED_CALL', 'The same callId appears on more than one row');
    const report: ImportReport = {
      mode,
      committed: false,
      imported: 0,
      duplicates: 0,
      invalid: invalid.length,
      rows: invalid.map((row) => ({ row: row.row, status: 'invalid', problems: row.problems })),
    };

    if (mode === 'all-or-nothing' && invalid.length > 0) {
      report.rows.push(...good.map((row) => ({ row: row.row, status: 'not-imported' as const })));
      report.rows.sort((a, b) => a.row - b.row);
      return report;
    }
    const record = (row: number, result: { created: boolean; reference: string }) => {
      report.rows.push({ row, status: result.created ? 'imported' : 'duplicate', reference: result.reference });
      if (result.created) report.imported += 1;
      else report.duplicates += 1;
    };
    if (mode === 'all-or-nothing') {
      await this.db.forTenant(organisationId, async (m) => {
        for (const row of good) record(row.row, await this.phone.ingestWithin(m, organisationId, row.call));
      });
    } else {
      for (const row of good)
        record(row.row, await this.db.forTenant(organisationId, (m) => this.phone.ingestWithin(m, organisationId, row.call)));
    }
    report.committed = report.imported > 0;
    report.rows.sort((a, b) => a.row - b.row);
    await this.audit.recordAlone({
      organisationId,
      action: 'calls.import',
      entityType: 'organisation',
      entityId: organisationId,
      details: { mode, imported: report.imported, duplicates: report.duplicates, invalid: report.invalid },
    });
    return report;
  }
}
