import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class PlaceLegalHoldDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Hold everything about a person (give this or enquiryId)' })
  @IsOptional()
  @IsUUID('all', { message: 'dataSubjectId must be a UUID' })
  dataSubjectId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Hold one enquiry and its records (give this or dataSubjectId)' })
  @IsOptional()
  @IsUUID('all', { message: 'enquiryId must be a UUID' })
  enquiryId?: string;
  @ApiProperty({
    example: 'Pre-action letter received: claim against the council, ref LGL-2026-041',
    description: 'Why the records must be kept. Say why, not who: no personal details.',
  })
  @IsString()
  @MinLength(5)
  @MaxLength(1000)
  reason: string;
}

export class ReleaseLegalHoldDto {
  @ApiProperty({ example: 'Claim settled; no further action' }) @IsString() @MinLength(5) @MaxLength(1000) reason: string;
}

export class ListLegalHoldsQueryDto {
  @ApiPropertyOptional({ enum: ['active', 'released', 'all'], default: 'active' })
  @IsOptional()
  @IsIn(['active', 'released', 'all'])
  state?: 'active' | 'released' | 'all';
}

export class LegalHoldDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ format: 'uuid' }) dataSubjectId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) enquiryId?: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) placedAt: string;
  @ApiPropertyOptional({ format: 'uuid' }) placedBy?: string;
  @ApiPropertyOptional({ format: 'date-time' }) releasedAt?: string;
  @ApiPropertyOptional() releaseReason?: string;
}
