import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { DELIVERY_STATUSES, DELIVERY_TYPES, SHARED_FIELDS } from '../../contracts/shared-fields.js';
import { SLA_FILTERS, type SlaFilter } from '../../contracts/enquiry-vocabulary.js';
import { ACKNOWLEDGEMENT_STATES, type AcknowledgementState } from '../../contracts/referral-acknowledgement.js';
import { NOTICE_KINDS } from '../../contracts/subject-requests.js';

const SERVICE_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class PreviewQueryDto {
  @ApiProperty({ example: 'blue-badge' })
  @Matches(SERVICE_CODE, { message: 'service must be a service code such as blue-badge' })
  @MaxLength(100)
  service: string;
}

export class CreateEscalationDto {
  @ApiProperty({ example: 'blue-badge' })
  @Matches(SERVICE_CODE, { message: 'service must be a service code such as blue-badge' })
  @MaxLength(100)
  service: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(5000) reasonForReferral: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(5000) actionsAlreadyTaken: string;
  @ApiPropertyOptional({ description: 'Shared only with services permitted to receive it' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  specialRequirements?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The knowledge article whose guidance says to pass this request to the service (one of your organisation’s, not archived). ' +
      'The enquiry is then kept as a knowledge follow-up request: 12 months from when it is finished (retention class knowledge_follow_up).',
  })
  @IsOptional()
  @IsUUID('all', { message: 'knowledgeArticleId must be a UUID' })
  knowledgeArticleId?: string;
}

export class ReferralPreviewDto {
  @ApiProperty() service: string;
  @ApiProperty({
    description:
      'Exactly what escalation will share from the enquiry; it adds the reason, actions taken and special requirements where permitted',
    example: { name: 'Jane Doe', contactNumber: '07700 900123' },
  })
  fields: Record<string, string>;
}

export class CreatedEscalationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['sent', 'acknowledged', 'closed'] }) status: string;
  @ApiProperty({ enum: SHARED_FIELDS, isArray: true }) sharedFields: string[];
  @ApiProperty({ enum: DELIVERY_STATUSES }) deliveryStatus: string;
  @ApiProperty({
    format: 'date-time',
    description: 'When the service must acknowledge the referral by: its acknowledgement target, counted in working time from now',
  })
  acknowledgementDueAt: string;
}

export class EscalationNoticeDto {
  @ApiProperty({ enum: NOTICE_KINDS }) kind: string;
  @ApiPropertyOptional({ description: 'Rectification: the corrected values of the fields this service received' }) fields?: Record<
    string,
    string
  >;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class EscalationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty() service: string;
  @ApiProperty({ enum: ['sent', 'acknowledged', 'closed'] }) status: string;
  @ApiProperty({ enum: DELIVERY_TYPES }) deliveryType: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) deliveryStatus: string;
  @ApiProperty({ description: 'Only the fields the service is permitted to receive' }) fields: Record<string, string>;
  @ApiProperty() sharedFields: string[];
  @ApiProperty() attempts: number;
  @ApiPropertyOptional() lastError?: string;
  @ApiPropertyOptional() outcome?: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ format: 'date-time' }) deliveredAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) acknowledgedAt?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'When the service must acknowledge the referral by: the organisation’s acknowledgement target for the service, counted from when the referral was made in its opening hours less bank holidays. Absent on referrals made before acknowledgement targets',
  })
  acknowledgementDueAt?: string;
  @ApiProperty({
    enum: ACKNOWLEDGEMENT_STATES,
    nullable: true,
    type: String,
    description:
      'Until the service acknowledges it: on_track, at_risk once 80 % of the working time to acknowledgementDueAt has passed, breached from then on. null once acknowledged (closing acknowledges too), or with no target',
  })
  acknowledgementState: AcknowledgementState | null;
  @ApiPropertyOptional({ description: 'Once acknowledged, with a target: whether the service acknowledged it by acknowledgementDueAt' })
  acknowledgedOnTime?: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) closedAt?: string;
  @ApiProperty({
    type: [EscalationNoticeDto],
    description: 'What the service has been told about the person since: corrections, erasure, restriction (UK GDPR Art. 19)',
  })
  notices: EscalationNoticeDto[];
}

export class ListEscalationsQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'available', 'dead'] })
  @IsOptional()
  @IsIn(['pending', 'delivered', 'available', 'dead'])
  deliveryStatus?: 'pending' | 'delivered' | 'available' | 'dead';

  @ApiPropertyOptional({ enum: ['sent', 'acknowledged', 'closed'] }) @IsOptional() @IsIn(['sent', 'acknowledged', 'closed']) status?:
    'sent' | 'acknowledged' | 'closed';

  @ApiPropertyOptional({
    enum: SLA_FILTERS,
    description:
      'Only referrals not yet acknowledged that are at risk of missing, or past, their acknowledgement target; soonest due first',
  })
  @IsOptional()
  @IsIn(SLA_FILTERS, { message: `sla must be one of ${SLA_FILTERS.join(', ')}` })
  sla?: SlaFilter;
}

export class EscalationUpdateDto {
  @ApiProperty({ description: 'What the service has done or found' }) @IsString() @MinLength(1) @MaxLength(10000) text: string;
}

export class CloseEscalationDto {
  @ApiProperty({ description: 'The outcome, as the service records it' }) @IsString() @MinLength(1) @MaxLength(10000) outcome: string;
}
