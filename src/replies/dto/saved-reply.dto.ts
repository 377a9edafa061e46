import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PLAIN_TEXT } from './reply.dto.js';

const SERVICE_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ONE_LINE = /^\P{Cc}*$/u;
const given = (_: object, value: unknown) => value !== undefined;

export class CreateSavedReplyDto {
  @ApiProperty({ example: 'Blue badge: application received', description: 'One line, 3 to 200 characters; unique in the organisation' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  @Matches(ONE_LINE, { message: 'title must be one line of plain text' })
  title: string;

  @ApiProperty({
    example: 'Dear ((name)), we have your application (reference ((reference))). ((advisor)), ((organisation))',
    description:
      'Plain text up to 5,000 characters. Variables: ((name)), ((reference)), ((advisor)), ((organisation)), filled when sent; any other is refused (400 naming it)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  @Matches(PLAIN_TEXT, { message: 'text must be plain text without control characters' })
  text: string;

  @ApiPropertyOptional({
    description: 'The Welsh text, sent to people whose language preference is Welsh (same variables)',
    nullable: true,
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  @Matches(PLAIN_TEXT, { message: 'textWelsh must be plain text without control characters' })
  textWelsh?: string | null;

  @ApiPropertyOptional({ example: 'blue-badge', description: 'The service it is for, if any', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(SERVICE_CODE, { message: 'service must be a service code such as blue-badge' })
  @MaxLength(100)
  service?: string | null;

  @ApiPropertyOptional({ example: ['badges'], description: 'Up to 20 tags of up to 50 characters, stored in lower case' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  @Matches(ONE_LINE, { each: true, message: 'tags must be one line each' })
  tags?: string[];
}

export class UpdateSavedReplyDto {
  @ApiPropertyOptional()
  @ValidateIf(given)
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  @Matches(ONE_LINE, { message: 'title must be one line of plain text' })
  title?: string;
  @ApiPropertyOptional()
  @ValidateIf(given)
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  @Matches(PLAIN_TEXT, { message: 'text must be plain text without control characters' })
  text?: string;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  @Matches(PLAIN_TEXT, { message: 'textWelsh must be plain text without control characters' })
  textWelsh?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(SERVICE_CODE, { message: 'service must be a service code such as blue-badge' })
  @MaxLength(100)
  service?: string | null;
  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];
}

export class SavedReplyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() text: string;
  @ApiProperty({ nullable: true, type: String }) textWelsh: string | null;
  @ApiProperty({ nullable: true, type: String }) service: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: [String], description: 'The variables it uses' }) variables: string[];
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ListSavedRepliesQueryDto {
  @ApiPropertyOptional({ description: 'Only those for this service (and those for none)' })
  @IsOptional()
  @Matches(SERVICE_CODE, { message: 'service must be a service code such as blue-badge' })
  @MaxLength(100)
  service?: string;
}
