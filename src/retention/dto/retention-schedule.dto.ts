import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { RETENTION_CLASSES } from '../retention-class.js';

export class RetentionRuleDto {
  @ApiProperty({ enum: RETENTION_CLASSES }) recordType: string;
  @ApiProperty({ example: 'P2Y', description: 'ISO 8601 period (years, months, days)' }) period: string;
  @ApiProperty({ example: '2 years' }) periodText: string;
  @ApiProperty({
    enum: ['recorded', 'enquiry_finished', 'submitted', 'referred', 'request_closed'],
    description: 'The event the period runs from',
  })
  startsFrom: string;
  @ApiProperty({ example: 'the day the recording was made' }) startsFromText: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'What the sweep erases when the period has run' }) erases: string;
  @ApiProperty({ description: 'Where the period comes from: the privacy notice, a Signpost default, or the organisation’s own decision' })
  source: string;
  @ApiProperty({ description: 'Whether the organisation changed the default' }) changed: boolean;
  @ApiPropertyOptional({ description: 'The organisation’s reason for its own period' }) reason?: string;
  @ApiPropertyOptional({ format: 'date-time' }) changedAt?: string;
}

export class ChangeRetentionRuleDto {
  @ApiProperty({ example: 'P18M', description: 'ISO 8601 period of years, months and days: P2Y, P12M, P28D, P1Y6M (1 day to 100 years)' })
  @IsString()
  @Matches(/^P(\d+Y)?(\d+M)?(\d+D)?$/, { message: 'period must be an ISO 8601 period of years, months and days such as P2Y, P12M or P28D' })
  period: string;
  @ApiProperty({ example: 'Records management policy RM-07, approved by the SIRO' })
  @IsString()
  @MinLength(5)
  @MaxLength(1000)
  reason: string;
}

export class StartSweepDto {
  @ApiProperty({ description: 'true: only count what would be erased (and what holds keep); nothing changes' })
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun: boolean;
}

export class HeldRecordDto {
  @ApiProperty() recordType: string;
  @ApiProperty({ format: 'uuid', description: 'The record kept (an enquiry, a recording, a referral)' }) id: string;
  @ApiProperty({ enum: ['legal_hold', 'open_subject_request'] }) reason: string;
  @ApiPropertyOptional({ format: 'uuid' }) legalHoldId?: string;
}

export class SweepDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ enum: ['scheduled', 'on_demand', 'offboarding'] }) trigger: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed'] }) status: string;
  @ApiProperty({ format: 'date', description: 'The UK date the periods were judged against' }) asOf: string;
  @ApiProperty({
    description: 'Records erased (or, in a dry run, that would be) by record type; `data_subject`: people erased with their last record',
    example: { webchat: 120, call_recording_video: 45, data_subject: 80 },
  })
  erased: Record<string, number>;
  @ApiProperty({ description: 'Expired records kept by a legal hold or an open subject-rights request, by record type' }) held: Record<
    string,
    number
  >;
  @ApiProperty({ type: [HeldRecordDto], description: 'The held records by id (up to 100 per record type)' }) heldRecords: HeldRecordDto[];
  @ApiProperty({
    description: 'Records that could not be erased this time (the recording store refused), by record type; the next sweep tries again',
  })
  failed: Record<string, number>;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiPropertyOptional({ format: 'date-time' }) finishedAt?: string;
}
