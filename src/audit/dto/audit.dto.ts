import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Entity type, e.g. enquiry, data_subject, service, staff_user', example: 'enquiry' })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/, { message: 'entity must be an entity type such as enquiry' })
  entity?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'id must be a UUID' }) id?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}

export class AuditEntryDto {
  @ApiProperty({ description: 'Position in the organisation’s chain' }) seq: number;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ example: { type: 'staff', id: '…' } }) actor: { type: string; id: string | null };
  @ApiProperty({ example: 'enquiry.read' }) action: string;
  @ApiProperty({ example: 'enquiry' }) entityType: string;
  @ApiPropertyOptional({ format: 'uuid' }) entityId?: string;
  @ApiProperty({ description: 'Names of the personal-data fields concerned (never their values)' }) fields: string[];
  @ApiProperty() details: Record<string, unknown>;
  @ApiPropertyOptional() correlationId?: string;
  @ApiProperty() hash: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class AuditVerifyDto {
  @ApiProperty() valid: boolean;
  @ApiProperty({ description: 'Entries verified (up to the first broken link)' }) entries: number;
  @ApiPropertyOptional({ description: 'The first broken link', example: { seq: '42', reason: 'altered' } }) brokenAt?: {
    seq: string;
    reason: string;
  };
}
