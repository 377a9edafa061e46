import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { PERSON_MATCH_REASONS } from '../../data-subjects/subject-matches.js';
import { CHANNELS, ENQUIRY_STATUSES, type Channel, type EnquiryStatus } from '../../contracts/enquiry-vocabulary.js';
import {
  OPEN_ENQUIRY_LINKS,
  RESOLUTION_KINDS,
  type OpenEnquiry,
  type OpenEnquiryLink,
  type PersonAtAGlance,
  type PersonContact,
  type PersonMatchReason,
  type PossibleMatch,
  type ResolutionKind,
} from '../../contracts/person.js';

export class LinkSubjectDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'The person the enquiry is really about: one of your organisation’s data subjects (a possible match of GET /api/enquiries/:id/person)',
  })
  @IsUUID('all', { message: 'dataSubjectId must be a UUID' })
  dataSubjectId: string;
}

export class MergeEnquiryDto {
  @ApiProperty({ format: 'uuid', description: 'The open enquiry of your organisation this duplicate is merged into' })
  @IsUUID('all', { message: 'intoEnquiryId must be a UUID' })
  intoEnquiryId: string;
}

export class EnquiryRefDto {
  @ApiProperty({ format: 'uuid' }) enquiryId: string;
  @ApiProperty() reference: string;
}

export class PersonContactDto implements PersonContact {
  @ApiProperty({ format: 'uuid' }) enquiryId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty({ enum: ENQUIRY_STATUSES }) status: EnquiryStatus;
  @ApiProperty({ type: String, nullable: true, description: 'The service code it was about, if known' }) topic: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({
    enum: RESOLUTION_KINDS,
    nullable: true,
    description: 'How it ended: advice given, directed to another organisation, referred to a service, or merged into another enquiry',
  })
  resolution: ResolutionKind | null;
  @ApiPropertyOptional({ format: 'date-time' }) resolvedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) closedAt?: string;
  @ApiPropertyOptional({ type: EnquiryRefDto, description: 'Closed as a duplicate of this enquiry' }) mergedInto?: EnquiryRefDto;
}

export class OpenEnquiryDto extends PersonContactDto implements OpenEnquiry {
  @ApiProperty({ enum: OPEN_ENQUIRY_LINKS, description: 'About the same person, or about someone at the same address' })
  about: OpenEnquiryLink;
}

export class PossibleMatchDto implements PossibleMatch {
  @ApiProperty({ format: 'uuid' }) dataSubjectId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PERSON_MATCH_REASONS, isArray: true, description: 'The kinds of field that agree (never their values)' })
  matchedOn: PersonMatchReason[];
  @ApiProperty({ description: 'Enquiries recorded against them' }) enquiries: number;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the latest of them was made' }) lastContactAt?: string;
}

export class PersonAtAGlanceDto implements PersonAtAGlance {
  @ApiProperty({ format: 'uuid' }) enquiryId: string;
  @ApiProperty({ format: 'uuid' }) dataSubjectId: string;
  @ApiProperty({ type: [PersonContactDto], description: 'The person’s earlier contact with your organisation, newest first, at most 20' })
  earlierContact: PersonContactDto[];
  @ApiProperty({
    type: [OpenEnquiryDto],
    description: 'Open enquiries about the same person or the same address, newest first, at most 20',
  })
  openEnquiries: OpenEnquiryDto[];
  @ApiProperty({ type: [PossibleMatchDto], description: 'Other people held who may be this one, strongest match first, at most 20' })
  possibleMatches: PossibleMatchDto[];
}

export class LinkedSubjectDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'uuid', description: 'The person the enquiry is now recorded against' }) dataSubjectId: string;
  @ApiProperty({ format: 'uuid', description: 'The person it was recorded against before (their record stays)' })
  previousDataSubjectId: string;
}

export class MergedEnquiryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: ['closed'] }) status: 'closed';
  @ApiProperty({ type: EnquiryRefDto }) mergedInto: EnquiryRefDto;
  @ApiProperty({ format: 'date-time' }) mergedAt: string;
}
