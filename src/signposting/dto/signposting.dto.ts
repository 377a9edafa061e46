import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SIGNPOSTING_KINDS, type SignpostingKind } from '../signposting-destination.entity.js';

export class SignpostingDestinationDto {
  @ApiProperty({ example: 'preston-city-council' }) code: string;
  @ApiProperty({ example: 'Preston City Council' }) name: string;
  @ApiProperty({ enum: SIGNPOSTING_KINDS }) kind: SignpostingKind;
  @ApiPropertyOptional({ example: '01772 906900, www.preston.gov.uk' }) contact?: string;
  @ApiPropertyOptional({ example: 'Bins, council tax, housing, planning in Preston' }) description?: string;
  @ApiProperty() active: boolean;
}

export class SaveSignpostingDestinationDto {
  @ApiProperty({ example: 'Preston City Council' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ enum: SIGNPOSTING_KINDS }) @IsIn(SIGNPOSTING_KINDS) kind: SignpostingKind;
  @ApiPropertyOptional({ description: 'How the citizen reaches it: phone, web address' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  contact?: string;
  @ApiPropertyOptional({ description: 'What it deals with, for advisors' }) @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() active?: boolean;
}
