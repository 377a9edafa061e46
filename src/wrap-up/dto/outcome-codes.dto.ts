import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

/** An outcome code: lower-case letters, digits and underscores, starting with a letter. */
export const OUTCOME_CODE = /^[a-z][a-z0-9_]*$/;
export const OUTCOME_CODE_MESSAGE = 'must be an outcome code: lower-case letters, digits and underscores, such as form_sent';

export class OutcomeCodeDto {
  @ApiProperty({ example: 'form_sent', description: 'Lower-case letters, digits and underscores; stored on the enquiries it wraps up' })
  @IsString()
  @MaxLength(40)
  @Matches(OUTCOME_CODE, { message: `code ${OUTCOME_CODE_MESSAGE}` })
  code: string;

  @ApiProperty({ example: 'Form sent', description: 'What advisors see and reports show' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  label: string;

  @ApiProperty({ description: 'Offered when wrapping up; an inactive code stays on the enquiries that carry it' })
  @IsBoolean({ message: 'active must be true or false' })
  active: boolean;
}

/** The organisation's codes, replacing the list (its order is the order advisors see), and whether one is required. */
export class SaveOutcomeCodesDto {
  @ApiProperty({
    type: [OutcomeCodeDto],
    description: 'Every code, in order. A code left out is deleted, unless an enquiry carries it: deactivate it instead',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => OutcomeCodeDto)
  codes: OutcomeCodeDto[];

  @ApiProperty({ description: 'Whether resolving or closing an enquiry needs an outcome' })
  @IsBoolean({ message: 'required must be true or false' })
  required: boolean;
}

export class OutcomeCodesQueryDto {
  @ApiPropertyOptional({ description: 'List inactive codes too (for editing the list)', default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeInactive must be true or false' })
  includeInactive?: boolean;
}

export class OutcomeCodesDto {
  @ApiProperty({ description: 'Whether resolving or closing an enquiry needs an outcome' }) required: boolean;
  @ApiProperty({ type: [OutcomeCodeDto], description: 'The active codes in order (with includeInactive, every code)' })
  codes: OutcomeCodeDto[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When they were last set; null: the defaults' })
  updatedAt: string | null;
}

/** The optional `outcome` of a wrap-up step (resolve, signpost, close, send and resolve): one of the organisation's active codes. */
export const OptionalOutcome = (description = 'The wrap-up outcome: one of your organisation’s active codes (GET /api/outcome-codes)') =>
  applyDecorators(
    ApiPropertyOptional({ example: 'information_given', description }),
    IsOptional(),
    IsString(),
    MaxLength(40),
    Matches(OUTCOME_CODE, { message: `outcome ${OUTCOME_CODE_MESSAGE}` }),
  );
