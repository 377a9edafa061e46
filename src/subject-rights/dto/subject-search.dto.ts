import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CHANNELS, ENQUIRY_STATUSES, type Channel, type EnquiryStatus } from '../../contracts/enquiry-vocabulary.js';
import type { MatchReason } from '../../data-subjects/subject-criteria.js';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MATCH_REASONS: MatchReason[] = ['email', 'phone', 'name+dateOfBirth', 'name+postcode', 'name', 'address'];

/**
 * A description of the person whose data is sought. Any of the fields, at least one of name, email, phone or
 * address; a date of birth or postcode narrows a name. Sent in a POST body so that it never reaches a URL or a log.
 */
export class SubjectSearchDto {
  @ApiPropertyOptional({ example: 'Jane Doe', description: 'Matched without case, accents or punctuation; alone it is a weak match' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'jane.doe@example.org' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '07700 900123', description: 'Any way of writing the number' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(/^[+\d][\d\s().-]{4,}$/, { message: 'phone must be a telephone number' })
  phone?: string;

  @ApiPropertyOptional({ example: '1956-03-14', description: 'YYYY-MM-DD; with name' })
  @IsOptional()
  @Matches(DATE, { message: 'dateOfBirth must be a YYYY-MM-DD date' })
  dateOfBirth?: string;

  @ApiPropertyOptional({
    example: '12 Elm Road, Preston',
    description:
      'At least the house number or name and the street; a held address that is the same or a word-for-word longer or shorter form of it matches',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional({ example: 'PR1 8XJ', description: 'With name' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  @Matches(/^[A-Za-z0-9 ]{2,10}$/, { message: 'postcode must be a postcode' })
  postcode?: string;
}

export class HeldEnquiryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'K7QM-4X2P' }) reference: string;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty({ enum: ENQUIRY_STATUSES }) status: EnquiryStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SubjectHoldingsDto {
  @ApiProperty({ type: [HeldEnquiryDto], description: 'Newest first' }) enquiries: HeldEnquiryDto[];
  @ApiProperty({ description: 'Timeline entries of those enquiries (notes, call notes, advice, system events)' }) timelineEvents: number;
  @ApiProperty() chatMessages: number;
  @ApiProperty() emailMessages: number;
  @ApiProperty() emailAttachments: number;
  @ApiProperty() socialMessages: number;
  @ApiProperty() callLogs: number;
  @ApiProperty({ description: 'Audio and screen recording references' }) callRecordings: number;
  @ApiProperty() consentRecords: number;
  @ApiProperty({ description: 'Referrals to back-office services' }) escalations: number;
  @ApiProperty({ description: 'Records of what was disclosed to whom' }) disclosures: number;
}

export class FoundSubjectDto {
  @ApiProperty({ format: 'uuid' }) dataSubjectId: string;
  @ApiProperty() name: string;
  @ApiProperty({
    enum: MATCH_REASONS,
    isArray: true,
    description: 'Why this person was found; strongest evidence first in the list of subjects',
    example: ['email', 'name+dateOfBirth'],
  })
  matchedOn: MatchReason[];
  @ApiProperty({ type: SubjectHoldingsDto }) holdings: SubjectHoldingsDto;
}

export class SubjectSearchResultDto {
  @ApiProperty({ type: [FoundSubjectDto], description: 'Those meeting the most criteria first, then by name' }) subjects: FoundSubjectDto[];
  @ApiProperty({ description: 'More people matched than are listed: narrow the search (a name alone is common)' }) truncated: boolean;
}
