import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, Matches, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CONSENT_METHODS, type ConsentMethod } from '../../contracts/special-category.js';
import {
  CHANNELS,
  ENQUIRY_STATUSES,
  SLA_FILTERS,
  SLA_STATES,
  type Channel,
  type EnquiryStatus,
  type SlaFilter,
  type SlaState,
} from '../../contracts/enquiry-vocabulary.js';
import { OptionalOutcome } from '../../wrap-up/dto/outcome-codes.dto.js';

export class ResolveEnquiryDto {
  @ApiProperty({ description: 'The information and advice given' }) @IsString() @MinLength(1) @MaxLength(20000) advice: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The knowledge article the advice came from (GET /api/knowledge): one of your organisation’s, not archived',
  })
  @IsOptional()
  @IsUUID('all', { message: 'knowledgeArticleId must be a UUID' })
  knowledgeArticleId?: string;
  @OptionalOutcome('The wrap-up outcome (GET /api/outcome-codes); required when your organisation requires one')
  outcome?: string;
}

export class SignpostEnquiryDto {
  @ApiProperty({
    example: 'preston-city-council',
    description: 'The code of the organisation the citizen is directed to (GET /api/signposting)',
  })
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'destination must be a signposting destination code' })
  @MaxLength(100)
  destination: string;
  @ApiProperty({ description: 'What the citizen was told: who to contact and how' })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  advice: string;
  @OptionalOutcome('The wrap-up outcome (GET /api/outcome-codes); "signposted" when none is given and that code is active')
  outcome?: string;
}

export class CloseEnquiryDto {
  @OptionalOutcome(
    'The wrap-up outcome (GET /api/outcome-codes); required when your organisation requires one and the enquiry has none yet',
  )
  outcome?: string;
}

export class AddNoteDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20000) text: string;
  @ApiPropertyOptional({ enum: ['note', 'call_note'], default: 'note' }) @IsOptional() @IsIn(['note', 'call_note']) kind?:
    'note' | 'call_note';
}

export class AssignEnquiryDto {
  @ApiProperty({ format: 'uuid', description: 'An advisor or supervisor of your organisation' }) @IsUUID('all') assigneeId: string;
}

export class WithdrawConsentDto {
  @ApiProperty({ enum: CONSENT_METHODS, description: 'How the person withdrew' }) @IsIn(CONSENT_METHODS) method: ConsentMethod;
}

export class ListEnquiriesQueryDto {
  @ApiPropertyOptional({ enum: ENQUIRY_STATUSES }) @IsOptional() @IsIn(ENQUIRY_STATUSES) status?: EnquiryStatus;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: Channel;
  @ApiPropertyOptional({ description: 'A reference, name, phone number, e-mail address or postcode' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ example: 'blue-badge', description: 'Only enquiries about a service: its code as the topic, or escalated to it' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'service must be a service code such as blue-badge' })
  @MaxLength(100)
  service?: string;
  @ApiPropertyOptional({ enum: ['me'], description: 'Only enquiries assigned to you' }) @IsOptional() @IsIn(['me']) assignee?: 'me';
  @ApiPropertyOptional({
    enum: SLA_FILTERS,
    description: 'Only enquiries at risk of missing, or past, their sooner unmet target; soonest due first',
  })
  @IsOptional()
  @IsIn(SLA_FILTERS)
  sla?: SlaFilter;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @ApiPropertyOptional({ default: 25, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize?: number;
}

export class MyWorkQueryDto {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @ApiPropertyOptional({ default: 25, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize?: number;
}

export class EnquirySummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: ENQUIRY_STATUSES }) status: EnquiryStatus;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiPropertyOptional() topic?: string;
  @ApiProperty() subjectName: string;
  @ApiPropertyOptional({ format: 'uuid' }) assigneeId?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When automatic assignment gave it to its assignee (absent when it was taken or assigned by hand)',
  })
  assignedAutomaticallyAt?: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the first response is due (working time, from the service levels)' })
  firstResponseDueAt?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the resolution is due' }) resolutionDueAt?: string;
  @ApiProperty({
    enum: SLA_STATES,
    nullable: true,
    description:
      'The sooner unmet target’s state now: at risk at 80 % of its working time, breached when due, paused while waiting for the citizen; null when none is running',
  })
  slaState: SlaState | null;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the target `slaState` is about falls due (absent when none is running)' })
  slaDueAt?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Waiting for the citizen to answer since (the clock is paused: `slaState` is `paused`); absent when not waiting',
  })
  waitingSince?: string;
}

export class EnquiryPageDto {
  @ApiProperty({ type: [EnquirySummaryDto] }) items: EnquirySummaryDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class ConsentRecordDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['processing', 'special_category'] }) purpose: string;
  @ApiProperty() specialCategories: string[];
  @ApiProperty({ enum: CONSENT_METHODS }) method: string;
  @ApiProperty() privacyNoticeVersion: string;
  @ApiProperty({ format: 'date-time' }) givenAt: string;
  @ApiPropertyOptional({ format: 'uuid' }) recordedBy?: string;
  @ApiPropertyOptional({ format: 'date-time' }) withdrawnAt?: string;
  @ApiPropertyOptional({ enum: CONSENT_METHODS }) withdrawalMethod?: string;
}

export class TimelineEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['message', 'call_note', 'note', 'email', 'advice', 'system'] }) kind: string;
  @ApiProperty({ enum: ['staff', 'citizen', 'system', 'service'] }) authorType: string;
  @ApiPropertyOptional({ format: 'uuid' }) authorId?: string;
  @ApiPropertyOptional() text?: string;
  @ApiProperty() metadata: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ description: 'On the timeline of an enquiry another was merged into: the merged enquiry this entry belongs to' })
  mergedFrom?: { enquiryId: string; reference: string };
}

export class EnquiryOutcomeDto {
  @ApiProperty({ example: 'information_given' }) code: string;
  @ApiProperty({ example: 'Information given', description: 'The code’s label (the code itself if it was since deleted)' }) label: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Absent when recorded by the system' }) recordedBy?: string;
}

export class EnquiryDetailDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: ENQUIRY_STATUSES }) status: EnquiryStatus;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiPropertyOptional() sourceReference?: string;
  @ApiProperty() requesterType: string;
  @ApiPropertyOptional() topic?: string;
  @ApiProperty() description: string;
  @ApiProperty() legalBasis: string;
  @ApiProperty() retentionClass: string;
  @ApiProperty() specialCategory: { categories: string[]; details?: string; redacted: boolean };
  @ApiProperty() subject: {
    id: string;
    name: string;
    dateOfBirth?: string;
    phones: string[];
    emails: string[];
    address?: string;
    postcode?: string;
  };
  @ApiPropertyOptional({ format: 'uuid' }) assigneeId?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When automatic assignment gave it to its assignee (absent when it was taken or assigned by hand)',
  })
  assignedAutomaticallyAt?: string;
  @ApiPropertyOptional() resolutionAdvice?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The knowledge article used: the advice given came from it, or the referral followed its guidance',
  })
  knowledgeArticleId?: string;
  @ApiPropertyOptional({ description: 'Resolved by directing the citizen to another organisation: its code' }) signpostedTo?: string;
  @ApiPropertyOptional({ type: EnquiryOutcomeDto, description: 'The wrap-up outcome recorded (the latest), when and by whom' })
  outcome?: EnquiryOutcomeDto;
  @ApiProperty({ type: [ConsentRecordDto] }) consents: ConsentRecordDto[];
  @ApiProperty({
    type: [TimelineEntryDto],
    description: 'Its events and those of the enquiries merged into it (marked `mergedFrom`), oldest first',
  })
  timeline: TimelineEntryDto[];
  @ApiPropertyOptional({ description: 'Closed as a duplicate of this enquiry: which, when and by whom' })
  mergedInto?: { enquiryId: string; reference: string; mergedAt: string; mergedBy?: string };
  @ApiPropertyOptional({ description: 'The enquiries merged into this one' })
  mergedEnquiries?: { enquiryId: string; reference: string; mergedAt: string }[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ format: 'date-time' }) resolvedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) escalatedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) closedAt?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'The first reply queued to the citizen, or the contact itself' })
  firstRespondedAt?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the first response is due (working time, from the service levels)' })
  firstResponseDueAt?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the resolution is due' }) resolutionDueAt?: string;
  @ApiProperty({
    enum: SLA_STATES,
    nullable: true,
    description:
      'The sooner unmet target’s state now: at risk at 80 % of its working time, breached when due, paused while waiting for the citizen; null when none is running',
  })
  slaState: SlaState | null;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the target `slaState` is about falls due (absent when none is running)' })
  slaDueAt?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Waiting for the citizen to answer since (the clock is paused: `slaState` is `paused`); absent when not waiting',
  })
  waitingSince?: string;
}
