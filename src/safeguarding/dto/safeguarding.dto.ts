import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { DANGER_KINDS, type DangerKind } from '../detector/danger-kinds.js';

export class FlagListQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'reviewed', 'all'], default: 'open', description: 'Unreviewed flags (the default), reviewed ones, or both' })
  @IsOptional()
  @IsIn(['open', 'reviewed', 'all'], { message: 'status must be open, reviewed or all' })
  status?: 'open' | 'reviewed' | 'all';
}

export class ReviewFlagDto {
  @ApiProperty({ enum: ['handled', 'false_alarm'], description: 'handled: someone acted on it; false_alarm: nobody was in danger' })
  @IsIn(['handled', 'false_alarm'], { message: 'decision must be handled or false_alarm' })
  decision: 'handled' | 'false_alarm';
  @ApiPropertyOptional({ maxLength: 500, description: 'What was done, or why it was no danger. Kept with the flag; cleared if the person’s details are erased.' })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'note must be at most 500 characters' })
  note?: string;
}

class ReviewerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

export class FlagDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) enquiryId: string;
  @ApiProperty({ example: 'LCC-2026-000123' }) reference: string;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'The live chat, when the words came by webchat' }) chatId: string | null;
  @ApiProperty({ example: 'webchat' }) channel: string;
  @ApiProperty({ enum: DANGER_KINDS, isArray: true }) kinds: DangerKind[];
  @ApiProperty({ enum: ['open', 'handled', 'false_alarm'] }) status: string;
  @ApiProperty({ format: 'date-time' }) raisedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true }) reviewedAt: string | null;
  @ApiProperty({ type: ReviewerDto, nullable: true }) reviewedBy: ReviewerDto | null;
  @ApiProperty({ nullable: true }) reviewNote: string | null;
}

export class FlagListDto {
  @ApiProperty({ type: [FlagDto] }) flags: FlagDto[];
}
