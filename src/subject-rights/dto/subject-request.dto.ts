import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsEmail,
  IsIn,
  IsObject,
  IsUUID,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CONSENT_METHODS, type ConsentMethod } from '../../contracts/special-category.js';
import { CHANNELS } from '../../contracts/enquiry-vocabulary.js';
import { ERASURE_EXCEPTIONS, type ErasureException } from '../subject-erasure.js';
import { DELIVERY_STATUSES, DELIVERY_TYPES, type DeliveryStatus, type DeliveryType } from '../../contracts/shared-fields.js';
import {
  CLOCK_EVENTS,
  NOTICE_KINDS,
  REQUEST_ACTIONS,
  SUBJECT_REQUEST_STATUSES,
  SUBJECT_REQUEST_TYPES,
  type ClockEvent,
  type NoticeKind,
  type RecipientNoticeView,
  type RequestAction,
  type SubjectRequestStatus,
  type SubjectRequestType,
  type SubjectRequestView,
} from '../../contracts/subject-requests.js';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_OR_INSTANT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export class RequestedSubjectDto {
  @ApiPropertyOptional({ example: 'Jane Doe' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ example: 'jane.doe@example.org' })
  @IsOptional()
  @IsEmail({}, { message: 'subject.email must be an e-mail address' })
  @MaxLength(254)
  email?: string;
  @ApiPropertyOptional({ example: '07700 900123' })
  @IsOptional()
  @Matches(/^[+\d][\d\s().-]{4,}$/, { message: 'subject.phone must be a telephone number' })
  @MaxLength(40)
  phone?: string;
  @ApiPropertyOptional({ example: '1980-02-29' })
  @IsOptional()
  @Matches(DATE, { message: 'subject.dateOfBirth must be a YYYY-MM-DD date' })
  dateOfBirth?: string;
  @ApiPropertyOptional({ example: '1 High Street, Preston PR1 1AA' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  address?: string;
}

export class RepresentativeDto {
  @ApiProperty({ example: 'A. Solicitor' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ example: 'solicitor', description: 'How they act for the person: solicitor, parent, attorney, …' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  relationship: string;
}

export class CreateSubjectRequestDto {
  @ApiProperty({ enum: SUBJECT_REQUEST_TYPES }) @IsIn(SUBJECT_REQUEST_TYPES) type: SubjectRequestType;
  @ApiProperty({ type: RequestedSubjectDto })
  @IsDefined({ message: 'subject is required' })
  @IsObject()
  @ValidateNested()
  @Type(() => RequestedSubjectDto)
  subject: RequestedSubjectDto;
  @ApiProperty({ example: '2026-11-23', description: 'When the request arrived: a date or an instant, not in the future' })
  @Matches(DATE_OR_INSTANT, { message: 'receivedAt must be a YYYY-MM-DD date or an ISO 8601 instant' })
  receivedAt: string;
  @ApiPropertyOptional({ enum: CHANNELS, default: 'internal', description: 'How it arrived' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: string;
  @ApiPropertyOptional({ type: RepresentativeDto, description: 'Someone acting for the person: proof of authority is then needed too' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RepresentativeDto)
  representative?: RepresentativeDto;
}

export class EvidenceDto {
  @ApiProperty({ example: 'passport', description: 'The type of document seen, never a copy of it' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  evidence: string;
  @ApiProperty({ example: '2026-11-25', description: 'When it arrived: a date or an instant, not in the future' })
  @Matches(DATE_OR_INSTANT, { message: 'receivedAt must be a YYYY-MM-DD date or an ISO 8601 instant' })
  receivedAt: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Records held on six systems, two of them archived' }) @IsString() @MinLength(5) @MaxLength(2000) reason: string;
}

export class ClarificationDto {
  @ApiProperty({ example: 'Which of the two addresses given is the current one?' })
  @IsString()
  @MinLength(5)
  @MaxLength(2000)
  reason: string;
  @ApiPropertyOptional({ example: '2026-11-26', description: 'When it was asked (default today)' })
  @IsOptional()
  @Matches(DATE, { message: 'on must be a YYYY-MM-DD date' })
  on?: string;
}

export class ResumeDto {
  @ApiPropertyOptional({ example: '2026-11-30', description: 'When the answer arrived (default today)' })
  @IsOptional()
  @Matches(DATE, { message: 'on must be a YYYY-MM-DD date' })
  on?: string;
}

export class ClockEventDto implements ClockEvent {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: CLOCK_EVENTS }) event: ClockEvent['event'];
  @ApiProperty({ example: '2026-12-23', description: 'The due date from then on (UK date)' }) dueOn: string;
}

export class RequestActionDto implements RequestAction {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: REQUEST_ACTIONS }) action: RequestAction['action'];
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'integer' }, description: 'How many records of each kind' })
  counts?: Record<string, number>;
  @ApiPropertyOptional({ type: [String], description: 'The names of the fields changed' }) fields?: string[];
  @ApiPropertyOptional({ description: 'Records kept, each with its ground' }) kept?: number;
  @ApiPropertyOptional({ description: 'Services that received the data and were told' }) recipientsNotified?: number;
}

/** The pages read this shape as SubjectRequestView: `implements` keeps the two in step. */
export class SubjectRequestDto implements SubjectRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SUBJECT_REQUEST_TYPES }) type: SubjectRequestType;
  @ApiProperty({ enum: SUBJECT_REQUEST_STATUSES }) status: SubjectRequestStatus;
  @ApiProperty({ example: '2026-12-23', description: 'When the response is due (UK date)' }) dueAt: string;
  @ApiProperty({ description: 'Working or not, days until the due date (negative when overdue)' }) daysLeft: number;
  @ApiProperty() receivedOn: string;
  @ApiProperty({ description: 'The day the clock started: the latest of receipt, identity evidence and proof of authority' })
  clockStartsOn: string;
  @ApiProperty({ type: RequestedSubjectDto }) subject: RequestedSubjectDto;
  @ApiPropertyOptional({ type: RepresentativeDto }) representative?: RepresentativeDto;
  @ApiPropertyOptional() identityEvidence?: string;
  @ApiPropertyOptional() identityReceivedOn?: string;
  @ApiPropertyOptional() authorityEvidence?: string;
  @ApiPropertyOptional() authorityReceivedOn?: string;
  @ApiProperty({ description: 'Clarifications asked for: the clock stops from asking to the answer' }) pauses: {
    from: string;
    to?: string | null;
    reason: string;
  }[];
  @ApiPropertyOptional() extendedOn?: string;
  @ApiPropertyOptional() extensionReason?: string;
  @ApiProperty({ type: [String], description: 'The data subjects confirmed as the requester' }) dataSubjectIds: string[];
  @ApiPropertyOptional() outcome?: string;
  @ApiProperty({ type: () => ClockEventDto, isArray: true, description: 'Every due date the request has had, and why it moved' })
  clockHistory: ClockEvent[];
  @ApiProperty({
    type: () => RequestActionDto,
    isArray: true,
    description: 'What the request has done to the data, oldest first: counts and field names, never values',
  })
  actions: RequestAction[];
  @ApiProperty({
    description: 'Whether the request currently keeps the person’s data restricted (a restriction or an upheld objection not yet lifted)',
  })
  restricted: boolean;
  @ApiProperty({ description: 'How the request arrived' }) channel: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class RefuseDto {
  @ApiProperty({
    example: 'Manifestly unfounded: the request is made to disrupt (Art. 12(5)(b))',
    description: 'Why the request is refused; the person must be told this and of their right to complain to the ICO',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(5000)
  reason: string;
}

export class ConfirmSubjectsDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'The data subjects (from POST /api/subject-search) the DPO confirms are the requester',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'each value in dataSubjectIds must be a data subject id' })
  dataSubjectIds: string[];
}

export class FulfilDto {
  @ApiProperty({ example: 'Copy of all records sent by secure e-mail', description: 'What was done (the response to the person)' })
  @IsString()
  @MinLength(3)
  @MaxLength(5000)
  outcome: string;
}

export class LiftRestrictionDto {
  @ApiProperty({
    example: '2026-11-27',
    description: 'When the person was told the restriction would be lifted (it must be lifted only after they are told)',
  })
  @Matches(DATE, { message: 'personToldOn must be a YYYY-MM-DD date' })
  personToldOn: string;
  @ApiProperty({ example: 'letter', description: 'How they were told' }) @IsString() @MinLength(2) @MaxLength(200) method: string;
}

export class ErasureExceptionDto {
  @ApiProperty({ format: 'uuid', description: 'An enquiry of the confirmed person that is kept' })
  @IsUUID('all', { message: 'enquiryId must be an enquiry id' })
  enquiryId: string;
  @ApiProperty({ enum: ERASURE_EXCEPTIONS, description: 'The Art. 17(3) ground for keeping it' })
  @IsIn(ERASURE_EXCEPTIONS)
  ground: ErasureException;
  @ApiProperty({ example: 'Open safeguarding referral: statutory duty' }) @IsString() @MinLength(5) @MaxLength(1000) note: string;
}

export class EraseDto {
  @ApiPropertyOptional({ type: [ErasureExceptionDto], description: 'Records kept, each with its ground; everything else is erased' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ErasureExceptionDto)
  exceptions?: ErasureExceptionDto[];
}

export class WithdrawConsentRequestDto {
  @ApiProperty({ enum: CONSENT_METHODS, example: 'written', description: 'How the person withdrew' })
  @IsIn(CONSENT_METHODS)
  method: ConsentMethod;
}

export class RectificationChangesDto {
  @ApiPropertyOptional({ example: 'Jane Smith' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ example: '1980-02-28' })
  @IsOptional()
  @Matches(DATE, { message: 'changes.dateOfBirth must be a YYYY-MM-DD date' })
  dateOfBirth?: string;
  @ApiPropertyOptional({ example: '2 Church Street, Preston' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(500) address?: string;
  @ApiPropertyOptional({ example: 'PR1 2AB' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9 ]{2,10}$/, { message: 'changes.postcode must be a postcode' })
  postcode?: string;
  @ApiPropertyOptional({ example: '07700 900888', description: 'Replaces the phone numbers held' })
  @IsOptional()
  @Matches(/^[+\d][\d\s().-]{4,}$/, { message: 'changes.phone must be a telephone number' })
  @MaxLength(40)
  phone?: string;
  @ApiPropertyOptional({ example: 'jane.smith@example.org', description: 'Replaces the e-mail addresses held' })
  @IsOptional()
  @IsEmail({}, { message: 'changes.email must be an e-mail address' })
  @MaxLength(254)
  email?: string;
}

export class RectifyDto {
  @ApiProperty({ type: RectificationChangesDto, description: 'The corrected details (only those given change)' })
  @IsDefined({ message: 'changes is required' })
  @IsObject()
  @ValidateNested()
  @Type(() => RectificationChangesDto)
  changes: RectificationChangesDto;
}

export class ObjectionDecisionDto {
  @ApiProperty({
    enum: ['upheld', 'compelling_grounds'],
    description: 'upheld: processing stops (the data is only stored); compelling_grounds: it continues, for the reasons given (Art. 21(1))',
  })
  @IsIn(['upheld', 'compelling_grounds'])
  decision: 'upheld' | 'compelling_grounds';
  @ApiProperty({ example: 'No overriding grounds: the enquiry is closed' }) @IsString() @MinLength(5) @MaxLength(5000) reasons: string;
}

/** The pages read this shape as RecipientNoticeView: `implements` keeps the two in step. */
export class RecipientNoticeDto implements RecipientNoticeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTICE_KINDS }) kind: NoticeKind;
  @ApiProperty({ format: 'uuid', description: 'The referral whose recipient was told' }) escalationId: string;
  @ApiProperty({ description: 'The service told, by its name at the time' }) recipient: string;
  @ApiProperty({ description: 'Rectification: the names of the corrected fields sent (their values are in the notice, not here)' })
  fields: string[];
  @ApiProperty({ enum: DELIVERY_TYPES }) deliveryType: DeliveryType;
  @ApiProperty({ enum: DELIVERY_STATUSES, description: '`available`: shown to the service in its portal' }) deliveryStatus: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ format: 'date-time' }) deliveredAt?: string;
  @ApiPropertyOptional() lastError?: string;
}
