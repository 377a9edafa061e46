import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CONSENT_METHODS, SPECIAL_CATEGORIES, type ConsentMethod, type SpecialCategory } from '../../contracts/special-category.js';
import { SubjectInputDto } from '../../data-subjects/dto/subject.dto.js';
import { LEGAL_BASES, type LegalBasis } from '../../contracts/legal-basis.js';
import { CHANNELS, REQUESTER_TYPES, type Channel, type RequesterType } from '../../contracts/enquiry-vocabulary.js';

export class ConsentInputDto {
  @ApiProperty({ description: 'Whether the person gave consent' }) @IsBoolean() given: boolean;
  @ApiProperty({ enum: CONSENT_METHODS, description: 'verbal on a call, checkbox in chat, written, electronic' })
  @IsIn(CONSENT_METHODS)
  method: ConsentMethod;
  @ApiProperty({ example: '1', description: 'The privacy-notice version shown to the person' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,32}$/, { message: 'privacyNoticeVersion must be a published version label' })
  privacyNoticeVersion: string;
}

export class SpecialCategoryInputDto {
  @ApiProperty({ enum: SPECIAL_CATEGORIES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SPECIAL_CATEGORIES.length)
  @ArrayUnique()
  @IsIn(SPECIAL_CATEGORIES, { each: true, message: `each value in categories must be one of: ${SPECIAL_CATEGORIES.join(', ')}` })
  categories: SpecialCategory[];

  @ApiProperty({ description: 'Art. 9(2)(a): must be true; without it the enquiry is refused with 422' })
  @IsOptional()
  @IsBoolean()
  explicitConsent?: boolean;

  @ApiPropertyOptional({
    enum: CONSENT_METHODS,
    description: 'How explicit consent was given; defaults to the consent method, else verbal',
  })
  @IsOptional()
  @IsIn(CONSENT_METHODS)
  method?: ConsentMethod;

  @ApiPropertyOptional({ description: 'The special category details themselves (redacted if consent is withdrawn)' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  details?: string;
}

export class CreateEnquiryDto {
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel: Channel;
  @ApiProperty({ enum: REQUESTER_TYPES }) @IsIn(REQUESTER_TYPES) requesterType: RequesterType;
  @ApiProperty({ type: SubjectInputDto })
  @IsDefined({ message: 'subject is required' })
  @IsObject()
  @ValidateNested()
  @Type(() => SubjectInputDto)
  subject: SubjectInputDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'Link to a person already held (after checking the suggested matches)' })
  @IsOptional()
  @IsUUID('all')
  dataSubjectId?: string;

  @ApiProperty({ example: 'Pothole outside 12 High Street, getting deeper' })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  description: string;

  @ApiPropertyOptional({ example: 'highways', description: 'A service code or a short topic' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  topic?: string;

  @ApiPropertyOptional({ description: 'The call id, message id or other reference of the channel' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sourceReference?: string;

  @ApiPropertyOptional({ enum: LEGAL_BASES, description: "UK GDPR Art. 6 basis; the organisation's default when omitted" })
  @IsOptional()
  @IsIn(LEGAL_BASES)
  legalBasis?: LegalBasis;

  @ApiPropertyOptional({ type: ConsentInputDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentInputDto)
  consent?: ConsentInputDto;

  @ApiPropertyOptional({ type: SpecialCategoryInputDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SpecialCategoryInputDto)
  specialCategory?: SpecialCategoryInputDto;
}

export class CreatedEnquiryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'K7QM-4X2P', description: 'Give this to the citizen' }) reference: string;
  @ApiProperty({ example: 'new' }) status: string;
  @ApiProperty({ enum: LEGAL_BASES }) legalBasis: LegalBasis;
  @ApiProperty() retentionClass: string;
  @ApiPropertyOptional({ description: 'People already held who may be this one; link with dataSubjectId if so', type: 'array' })
  possibleMatches?: { dataSubjectId: string; name: string; matchedOn: string[] }[];
  @ApiPropertyOptional({ description: 'Things the advisor should check, e.g. legitimate interests for a statutory service' })
  warnings?: { code: string; message: string }[];
}
