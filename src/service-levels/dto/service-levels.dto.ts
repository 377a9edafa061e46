import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { WorkingTimeUnit } from '../working-time.js';

export const WORKING_TIME_UNITS: readonly WorkingTimeUnit[] = ['working_hours', 'working_days'];
/** The largest targets accepted: about a working year either way. */
export const MAX_TARGET: Record<WorkingTimeUnit, number> = { working_hours: 2000, working_days: 250 };

export class WorkingTimeTargetDto {
  @ApiProperty({ minimum: 0, maximum: 2000, example: 2, description: 'At most 2000 working hours or 250 working days' })
  @IsInt()
  @Min(0)
  @Max(MAX_TARGET.working_hours)
  amount: number;

  @ApiProperty({ enum: WORKING_TIME_UNITS, example: 'working_days' })
  @IsIn(WORKING_TIME_UNITS)
  unit: WorkingTimeUnit;
}

/** An optional nested object of `type`, validated as one (a list or a scalar in its place is refused). */
const OptionalNested = (type: () => new () => object, description?: string) =>
  applyDecorators(ApiPropertyOptional({ type: type(), description }), IsOptional(), IsObject(), ValidateNested(), Type(type));

export class ChannelTargetsInputDto {
  @OptionalNested(() => WorkingTimeTargetDto, '0 working hours: the contact itself is the first response')
  firstResponse?: WorkingTimeTargetDto;

  @OptionalNested(() => WorkingTimeTargetDto)
  resolution?: WorkingTimeTargetDto;
}

export class ChannelTargetsDto {
  @ApiProperty({ type: WorkingTimeTargetDto }) firstResponse: WorkingTimeTargetDto;
  @ApiProperty({ type: WorkingTimeTargetDto }) resolution: WorkingTimeTargetDto;
}

/** Targets by enquiry channel; a channel left out keeps the default. */
export class ChannelsInputDto {
  @OptionalNested(() => ChannelTargetsInputDto) phone?: ChannelTargetsInputDto;
  @OptionalNested(() => ChannelTargetsInputDto) email?: ChannelTargetsInputDto;
  @OptionalNested(() => ChannelTargetsInputDto) webchat?: ChannelTargetsInputDto;
  @OptionalNested(() => ChannelTargetsInputDto) social?: ChannelTargetsInputDto;
  @OptionalNested(() => ChannelTargetsInputDto) form?: ChannelTargetsInputDto;
  @OptionalNested(() => ChannelTargetsInputDto) internal?: ChannelTargetsInputDto;
}

export class ChannelsDto {
  @ApiProperty({ type: ChannelTargetsDto }) phone: ChannelTargetsDto;
  @ApiProperty({ type: ChannelTargetsDto }) email: ChannelTargetsDto;
  @ApiProperty({ type: ChannelTargetsDto }) webchat: ChannelTargetsDto;
  @ApiProperty({ type: ChannelTargetsDto }) social: ChannelTargetsDto;
  @ApiProperty({ type: ChannelTargetsDto }) form: ChannelTargetsDto;
  @ApiProperty({ type: ChannelTargetsDto }) internal: ChannelTargetsDto;
}

/** A service's own targets: first response and resolution overriding the channel's, and its referral acknowledgement. */
export class ServiceTargetsDto {
  @ApiProperty({ example: 'highways', description: 'A service code of the organisation (the enquiry topic)' })
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'service must be a service code' })
  service: string;

  @OptionalNested(() => WorkingTimeTargetDto)
  firstResponse?: WorkingTimeTargetDto;

  @OptionalNested(() => WorkingTimeTargetDto)
  resolution?: WorkingTimeTargetDto;

  @OptionalNested(() => WorkingTimeTargetDto, 'How soon the service must acknowledge a referral')
  acknowledgement?: WorkingTimeTargetDto;
}

/** The organisation's targets, replacing what was set before; anything left out takes the default. */
export class SaveServiceLevelsDto {
  @OptionalNested(() => ChannelsInputDto)
  channels?: ChannelsInputDto;

  @ApiPropertyOptional({ type: [ServiceTargetsDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ServiceTargetsDto)
  services?: ServiceTargetsDto[];

  @OptionalNested(() => WorkingTimeTargetDto, 'A referral’s acknowledgement target for services without their own')
  referralAcknowledgement?: WorkingTimeTargetDto;
}

export class ServiceLevelsDto {
  @ApiProperty({ type: ChannelsDto, description: 'Every channel’s targets in force, the defaults where none is set' })
  channels: ChannelsDto;

  @ApiProperty({ type: [ServiceTargetsDto] }) services: ServiceTargetsDto[];

  @ApiProperty({ type: WorkingTimeTargetDto }) referralAcknowledgement: WorkingTimeTargetDto;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When they were last set; null: the defaults' })
  updatedAt: string | null;
}
