import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The person an enquiry is about, as the advisor or the channel recorded them. */
export class SubjectInputDto {
  @ApiProperty({ example: 'Jane Doe' }) @IsString() @MinLength(1) @MaxLength(200) name: string;

  @ApiPropertyOptional({ example: '1956-03-14', description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(DATE, { message: 'dateOfBirth must be a YYYY-MM-DD date' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: '07700 900123' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(/^[+\d][\d\s().-]{4,}$/, { message: 'phone must be a telephone number' })
  phone?: string;

  @ApiPropertyOptional({ example: 'jane.doe@example.org' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '1 Fishergate, Preston', description: 'Postal address as one string' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional({ example: 'PR1 8XJ' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  @Matches(/^[A-Za-z0-9 ]{2,10}$/, { message: 'postcode must be a postcode' })
  postcode?: string;

  @ApiPropertyOptional({ enum: ['en', 'cy'], description: 'The language to answer in: `cy` (Welsh) uses saved replies’ Welsh text' })
  @IsOptional()
  @IsIn(['en', 'cy'], { message: 'preferredLanguage must be en or cy' })
  preferredLanguage?: 'en' | 'cy';
}

export class SubjectMatchDto {
  @ApiProperty({ format: 'uuid' }) dataSubjectId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Which identifiers matched', example: ['phone', 'name+dateOfBirth'] }) matchedOn: string[];
  @ApiProperty({ description: 'Enquiries already held about this person' }) enquiries: number;
}
