import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const SERVICE_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Plain text: no control characters (C0, DEL, C1) but line breaks and tabs (search marks matches with control characters). */
const PLAIN_TEXT = /^(?:[\t\n\r]|\P{Cc})*$/u;
/** One line of plain text. */
const ONE_LINE = /^\P{Cc}*$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Present in a PATCH: validated. `null` is refused unless the field may be cleared. */
const given = (_: object, value: unknown) => value !== undefined;

export class CreateKnowledgeArticleDto {
  @ApiProperty({
    example: 'Gritting: which roads we grit and when',
    description: 'What the article answers, as a caller would ask it. One line, 3 to 200 characters.',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  @Matches(ONE_LINE, { message: 'title must be one line of plain text' })
  title: string;

  @ApiProperty({
    example: 'We grit priority routes (A and B roads, bus routes, roads to hospitals and schools) when frost or snow is forecast…',
    description: 'The guidance itself, in plain text (no HTML: it is shown exactly as written). Up to 50,000 characters.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(50000)
  @Matches(PLAIN_TEXT, { message: 'body must be plain text without control characters' })
  body: string;

  @ApiPropertyOptional({
    example: 'highways',
    description: 'The code of the service the article is about (one of your organisation’s services), if any',
  })
  @IsOptional()
  @Matches(SERVICE_CODE, { message: 'service must be a service code such as highways' })
  @MaxLength(100)
  service?: string | null;

  @ApiPropertyOptional({
    example: ['winter', 'roads'],
    description: 'Words staff search by that the title may not use; up to 20, each up to 50 characters. Stored in lower case.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(50, { each: true })
  @Matches(ONE_LINE, { each: true, message: 'each tag must be one line of plain text' })
  tags?: string[];

  @ApiPropertyOptional({
    example: '2026-10-01',
    description:
      'When the article should next be checked (YYYY-MM-DD); 12 months from today when not given. Past it, the article is flagged for review.',
  })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'reviewOn must be a YYYY-MM-DD date' })
  @Matches(DATE, { message: 'reviewOn must be a YYYY-MM-DD date' })
  reviewOn?: string;
}

export class UpdateKnowledgeArticleDto {
  @ApiPropertyOptional({ description: 'One line, 3 to 200 characters' })
  @ValidateIf(given)
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  @Matches(ONE_LINE, { message: 'title must be one line of plain text' })
  title?: string;

  @ApiPropertyOptional({ description: 'Plain text, up to 50,000 characters' })
  @ValidateIf(given)
  @IsString()
  @MinLength(1)
  @MaxLength(50000)
  @Matches(PLAIN_TEXT, { message: 'body must be plain text without control characters' })
  body?: string;

  @ApiPropertyOptional({ nullable: true, description: 'A service code of your organisation, or null for none' })
  @IsOptional()
  @Matches(SERVICE_CODE, { message: 'service must be a service code such as highways' })
  @MaxLength(100)
  service?: string | null;

  @ApiPropertyOptional({ description: 'Replaces the tags held' })
  @ValidateIf(given)
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(50, { each: true })
  @Matches(ONE_LINE, { each: true, message: 'each tag must be one line of plain text' })
  tags?: string[];

  @ApiPropertyOptional({
    example: '2027-04-01',
    description: 'The next review date (YYYY-MM-DD); setting it after checking the article clears the flag',
  })
  @ValidateIf(given)
  @IsDateString({ strict: true }, { message: 'reviewOn must be a YYYY-MM-DD date' })
  @Matches(DATE, { message: 'reviewOn must be a YYYY-MM-DD date' })
  reviewOn?: string;
}

export class SearchKnowledgeQueryDto {
  @ApiPropertyOptional({
    example: 'gritting rota',
    description:
      'Words to look for, as typed into a search box: all of them must appear (in any form: "gritting" finds "grit"); "quoted phrases", "or" and -excluded words work too. Without it, the most recently updated articles.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: 'highways', description: 'Only articles about this service (its code)' })
  @IsOptional()
  @Matches(SERVICE_CODE, { message: 'service must be a service code such as highways' })
  @MaxLength(100)
  service?: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 50, description: 'How many articles at most' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 50' })
  @Min(1, { message: 'limit must be a whole number from 1 to 50' })
  @Max(50, { message: 'limit must be a whole number from 1 to 50' })
  limit?: number;
}

export class SuggestKnowledgeDto {
  @ApiProperty({
    example: 'The road outside my house has not been gritted and it is like an ice rink',
    description:
      'The enquiry’s words (description, first chat messages, e-mail body). Used for this search only: neither stored nor logged.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  text: string;
}

export class HighlightDto {
  @ApiProperty({ description: 'Where a matching word starts in the snippet (a JavaScript string offset)' }) start: number;
  @ApiProperty({ description: 'Where it ends (exclusive)' }) end: number;
}

export class KnowledgeArticleSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ description: 'The service code the article is about' }) service?: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ format: 'date', description: 'When the article should next be checked' }) reviewOn: string;
  @ApiProperty({ description: 'The review date has passed (UK date): check the guidance before relying on it' }) overdueForReview: boolean;
  @ApiProperty({ description: 'Plain text from the body around the matching words (its opening words without a search); no markup' })
  snippet: string;
  @ApiProperty({ type: [HighlightDto], description: 'Where the matching words are in the snippet, for the console to emphasise' })
  highlights: HighlightDto[];
  @ApiPropertyOptional({ description: 'How well it matches, 0 to 1 (searches only): title words count most, then tags, then body' })
  rank?: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class KnowledgeSuggestionsDto {
  @ApiProperty({
    type: [KnowledgeArticleSummaryDto],
    description: 'At most 3, best first; empty when no article shares a meaningful word with the text',
  })
  suggestions: KnowledgeArticleSummaryDto[];
}

export class KnowledgeArticleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Plain text, exactly as written' }) body: string;
  @ApiPropertyOptional() service?: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ format: 'date' }) reviewOn: string;
  @ApiProperty() overdueForReview: boolean;
  @ApiPropertyOptional({ format: 'uuid' }) createdBy?: string;
  @ApiPropertyOptional({ format: 'uuid' }) updatedBy?: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Archived articles are kept for the enquiries that used them, but no longer found or suggested',
  })
  archivedAt?: string;
}
