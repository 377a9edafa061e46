import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  DANGER_KINDS,
  FLAG_DECISIONS,
  FLAG_STATUSES,
  type DangerKind,
  type FlagDecision,
  type FlagStatus,
  type SafeguardingFlagView,
} from '../../contracts/safeguarding.js';

export class FlagListQueryDto {
  @ApiPropertyOptional({
    enum: ['open', 'reviewed', 'all'],
    default: 'open',
    description: 'Unreviewed flags (the default), reviewed ones, or both',
  })
  @IsOptional()
  @IsIn(['open', 'reviewed', 'all'], { message: 'status must be open, reviewed or all' })
  status?: 'open' | 'reviewed' | 'all';
}

export class ReviewFlagDto {
  @ApiProperty({ enum: FLAG_DECISIONS, description: 'handled: someone acted on it; false_alarm: nobody was in danger' })
  @IsIn(FLAG_DECISIONS, { message: 'decision must be handled or false_alarm' })
  decision: FlagDecision;
  @ApiPropertyOptional({
    maxLength: 500,
    description: 'What was done, or why it was no danger. Kept with the flag; cleared if the person’s details are erased.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'note must be at most 500 characters' })
  note?: string;
}

class ReviewerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

/** The pages read this shape as SafeguardingFlagView: `implements` keeps the two in step. */
export class FlagDto implements SafeguardingFlagView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) enquiryId: string;
  @ApiProperty({ example: 'LCC-2026-000123' }) reference: string;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'The live chat, when the words came by webchat' }) chatId: string | null;
  @ApiProperty({ example: 'webchat' }) channel: string;
  @ApiProperty({ enum: DANGER_KINDS, isArray: true }) kinds: DangerKind[];
  @ApiProperty({ enum: FLAG_STATUSES }) status: FlagStatus;
  @ApiProperty({ format: 'date-time' }) raisedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true }) reviewedAt: string | null;
  @ApiProperty({ type: ReviewerDto, nullable: true }) reviewedBy: ReviewerDto | null;
  @ApiProperty({ nullable: true }) reviewNote: string | null;
}

export class FlagListDto {
  @ApiProperty({ type: [FlagDto] }) flags: FlagDto[];
}
