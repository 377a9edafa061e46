import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsObject, IsString, MaxLength, MinLength } from 'class-validator';

/** A submission pushed by the e-form platform. */
export class FormSubmissionDto {
  @ApiProperty({ example: 'contact-us' }) @IsString() @MinLength(1) @MaxLength(200) formId: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) submissionId: string;
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'submittedAt must be an ISO 8601 instant' })
  submittedAt: string;
  @ApiProperty({ description: 'Answers by question key; the organisation’s mapping for the form says which is which' })
  @IsObject()
  answers: Record<string, unknown>;
}
