import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { REQUESTER_TYPES, type RequesterType } from '../../../contracts/enquiry-vocabulary.js';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsRecordingReference, RECORDING_REFERENCE } from '../recording-reference.js';

export class RecordingRefDto {
  @ApiProperty({
    enum: ['audio', 'video'],
    description: 'audio of the call (kept 2 years) or video of the advisor’s screen (kept 28 days)',
  })
  @IsIn(['audio', 'video'])
  kind: 'audio' | 'video';

  @ApiProperty({
    description:
      'The telephony platform’s reference for the recording: a letter or digit, then letters, digits, `.`, `_`, `:` or `-` (at most 200). Retention deletes it from the recording store as `{RECORDING_STORE_URL}/{organisation}/{ref}`.',
    pattern: RECORDING_REFERENCE.source,
    maxLength: 200,
  })
  @IsString()
  @IsRecordingReference()
  ref: string;
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'recordedAt must be an ISO 8601 instant' })
  recordedAt: string;
}

/** A call log pushed by the telephony platform. */
export class CallLogDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) callId: string;
  @ApiProperty({ example: '+447700900123' })
  @IsString()
  @MaxLength(40)
  @Matches(/^[+\d][\d\s().-]{2,}$/, { message: 'callerNumber must be a telephone number' })
  callerNumber: string;
  @ApiProperty({ enum: ['inbound', 'outbound'] }) @IsIn(['inbound', 'outbound']) direction: 'inbound' | 'outbound';
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'startedAt must be an ISO 8601 instant' })
  startedAt: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }, { message: 'endedAt must be an ISO 8601 instant' }) endedAt: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) queue?: string;
  @ApiPropertyOptional({ description: 'The advisor’s identifier on the telephony platform' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  agent?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) disposition?: string;
  @ApiPropertyOptional({ type: [RecordingRefDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => RecordingRefDto)
  recordings?: RecordingRefDto[];
  @ApiPropertyOptional({
    description: 'Attach the call to this existing enquiry (the reference the advisor named) instead of creating one',
  })
  @IsOptional()
  @Matches(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, { message: 'enquiryReference must be an enquiry reference such as K7QM-4X2P' })
  enquiryReference?: string;
  @ApiPropertyOptional({ description: 'The caller’s name, when the platform knows it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  callerName?: string;
  @ApiPropertyOptional({ enum: REQUESTER_TYPES, description: 'An internal call (employee, volunteer, contractor) is recorded as such' })
  @IsOptional()
  @IsIn(REQUESTER_TYPES)
  requesterType?: RequesterType;
}

export class IngestResponseDto {
  @ApiProperty({ format: 'uuid' }) enquiryId: string;
  @ApiProperty() reference: string;
}
