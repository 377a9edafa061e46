import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsOptionalValue } from '../../common/optional-value.js';
import { STAFF_ROLES, type StaffRole } from '../staff-role.js';

const SERVICE_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class CreateStaffUserDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) displayName: string;
  @ApiProperty({ enum: STAFF_ROLES }) @IsIn(STAFF_ROLES) role: StaffRole;
  @ApiPropertyOptional({ description: 'Required for role "service": the code of the service the user works for' })
  @IsOptional()
  @Matches(SERVICE_CODE, { message: 'service must be a service code such as blue-badge' })
  service?: string;
  @ApiProperty({ format: 'password', minLength: 12 }) @IsString() @MinLength(12) @MaxLength(1024) password: string;
}

export class UpdateStaffUserDto {
  @ApiPropertyOptional() @IsOptionalValue() @IsString() @MinLength(1) @MaxLength(200) displayName?: string;
  @ApiPropertyOptional({ enum: STAFF_ROLES }) @IsOptionalValue() @IsIn(STAFF_ROLES) role?: StaffRole;
  @ApiPropertyOptional()
  @IsOptionalValue()
  @Matches(SERVICE_CODE, { message: 'service must be a service code such as blue-badge' })
  service?: string;
  @ApiPropertyOptional({ description: 'Disabling signs the user out everywhere at once' })
  @IsOptionalValue()
  @IsBoolean()
  disabled?: boolean;
  @ApiPropertyOptional({ description: 'Chats an advisor may hold at once (0 to 20)' })
  @IsOptionalValue()
  @IsInt()
  @Min(0)
  @Max(20)
  maxConcurrentChats?: number;
  @ApiPropertyOptional({
    description: 'Open e-mail, form and social enquiries automatic assignment gives this advisor at most (0 to 100)',
  })
  @IsOptionalValue()
  @IsInt()
  @Min(0)
  @Max(100)
  maxAssignedWork?: number;
  @ApiPropertyOptional({
    description: 'Service codes or topics whose chats, and whose e-mail, form and social enquiries, this advisor takes',
    example: ['blue-badge'],
  })
  @IsOptionalValue()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(SERVICE_CODE, { each: true, message: 'each skill must be a service code such as blue-badge' })
  skills?: string[];
  @ApiPropertyOptional({
    format: 'password',
    minLength: 12,
    description: 'A new password set for someone who has forgotten theirs: every session of the account ends at once',
  })
  @IsOptionalValue()
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  password?: string;
}

export class StaffUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: STAFF_ROLES }) role: StaffRole;
  @ApiPropertyOptional() service?: string;
  @ApiProperty() disabled: boolean;
  @ApiProperty() maxConcurrentChats: number;
  @ApiProperty() maxAssignedWork: number;
  @ApiProperty() skills: string[];
  @ApiPropertyOptional({ format: 'date-time' }) lastLoginAt?: string;
}
