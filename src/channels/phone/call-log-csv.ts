import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { DomainError, type FieldProblem } from '../../common/errors/domain-error.js';
import { fieldProblems } from '../../common/errors/validation.js';
import { CallLogDto } from './dto/call-log.dto.js';
import { RECORDING_REFERENCE_RULE } from './recording-reference.js';

export const CSV_COLUMNS = [
  'callId',
  'callerNumber',
  'direction',
  'startedAt',
  'endedAt',
  'queue',
  'agent',
  'disposition',
  'audioRef',
  'videoRef',
  'requesterType',
] as const;
const REQUIRED = ['callId', 'callerNumber', 'direction', 'startedAt', 'endedAt'];
export const MAX_CSV_ROWS = 20_000;

/** A problem as the spreadsheet shows it: a recording's reference is the audioRef or videoRef column. */
function inColumns(problem: FieldProblem, recordings: { kind: string }[]): string {
  const recording = /^recordings\.(\d+)\.ref$/.exec(problem.field);
  if (!recording) return problem.problem;
  return `${recordings[Number(recording[1])]?.kind === 'video' ? 'videoRef' : 'audioRef'} ${RECORDING_REFERENCE_RULE}`;
}

export type ParsedRow = { row: number; call: CallLogDto } | { row: number; problems: string[] };

/**
 * A day's call log as CSV (header row; columns above, optional ones may be left out) → one validated call per
 * row, or the problems of that row. Row numbers count the header as row 1, as a spreadsheet shows them.
 */
export function parseCallLogCsv(text: string): ParsedRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      max_record_size: 10_000,
      relax_column_count: false,
    });
  } catch (error) {
    throw new DomainError(400, 'MALFORMED_CSV', `The CSV cannot be read: ${(error as { code?: string }).code ?? 'syntax error'}`);
  }
  if (records.length > MAX_CSV_ROWS) throw new DomainError(413, 'CSV_TOO_LARGE', `At most ${MAX_CSV_ROWS} rows per import`);
  const columns = records.length > 0 ? Object.keys(records[0]) : [];
  const unknown = columns.filter((column) => !(CSV_COLUMNS as readonly string[]).includes(column));
  const missing = records.length > 0 ? REQUIRED.filter((column) => !columns.includes(column)) : [];
  if (unknown.length > 0 || missing.length > 0) {
    throw new DomainError(
      400,
      'CSV_COLUMNS',
      [unknown.length ? `unknown columns: ${unknown.join(', ')}` : '', missing.length ? `missing columns: ${missing.join(', ')}` : '']
        .filter(Boolean)
        .join('; '),
    );
  }
  return records.map((record, index) => {
    const row = index + 2;
    const recordings = [
      record.audioRef ? { kind: 'audio', ref: record.audioRef, recordedAt: record.startedAt } : undefined,
      record.videoRef ? { kind: 'video', ref: record.videoRef, recordedAt: record.startedAt } : undefined,
    ].filter(Boolean);
    const plain = Object.fromEntries(
      Object.entries({
        callId: record.callId,
        callerNumber: record.callerNumber,
        direction: record.direction,
        startedAt: record.startedAt,
        endedAt: record.endedAt,
        queue: record.queue || undefined,
        agent: record.agent || undefined,
        disposition: record.disposition || undefined,
        requesterType: record.requesterType || undefined,
        recordings: recordings.length ? recordings : undefined,
      }).filter(([, value]) => value !== undefined),
    );
    const call = plainToInstance(CallLogDto, plain);
    const problems = fieldProblems(validateSync(call, { whitelist: true, forbidNonWhitelisted: true })).map((p) =>
      inColumns(p, recordings as { kind: string }[]),
    );
    if (!problems.length && Date.parse(call.endedAt) < Date.parse(call.startedAt)) problems.push('endedAt must not be before startedAt');
    return problems.length ? { row, problems } : { row, call };
  });
}
