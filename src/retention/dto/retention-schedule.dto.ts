import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { RETENTION_CLASSES } from '../retention-class.js';

export class RetentionRuleDto {
  @ApiProperty({ enum: RETENTION_CLASSES }) recordType: string;
  @ApiProperty({ example: 'P2Y', description: 'ISO 8601 period (years, months, days)' }) period: string;
  @ApiProperty({ example: '2 years' }) periodText: string;
  @ApiProperty({ enum: ['recorded', 'enquiry_finished', 'submitted', 'referred', 'request_closed'], description: 'The event the period runs from' }) startsFrom: string;
  @ApiProperty({ example: 'the day the recording was made' }) startsFromText: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'What the sweep erases when the period has run' }) erases: string;
  @ApiProperty({ description: 'Where the period comes from: the privacy notice, a Signpost default, or the organisation’s own decision' }) source: string;
  @ApiProperty({ description: 'Whether the organisation changed the default' }) changed: boolean;
  @ApiPropertyOptional({ description: 'The organisation’s reason for its own period' }) reason?: string;
  @ApiPropertyOptional({ format: 'date-time' }) changedAt?: string;
}

export class ChangeRetentionRuleDto {
  @ApiProperty({ example: 'P18M', description: 'ISO 8601 period of years, months and days: P2Y, P12M, P28D, P1Y6M (1 day to 100 years)' })
  @IsString()
  @Matches(/^P(\d+Y)?(\d+M)?(\d+D)?$/, { message: 'period must be an ISO 8601 period of years, months and days such as P2Y, P12M or P28D' })
  period: string;
  @ApiProperty({ example: 'Records management policy RM-07, approved by the SIRO' }) @IsString() @MinLength(5) @MaxLength(1000) reason: string;
}
