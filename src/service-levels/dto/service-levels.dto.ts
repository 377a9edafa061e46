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

export class ChannelTargetsInputDto {
  @ApiPropertyOptional({ type: WorkingTimeTargetDto, description: '0 working hours: the contact itself is the first response' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WorkingTimeTargetDto)
  firstResponse?: WorkingTimeTargetDto;

  @ApiPropertyOptional({ type: WorkingTimeTargetDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WorkingTimeTargetDto)
  resolution?: WorkingTimeTargetDto;
}

export class ChannelTargetsDto {
  @ApiProperty({ type: WorkingTimeTargetDto }) firstResponse: WorkingTimeTargetDto;
  @ApiProperty({ type: WorkingTimeTargetDto }) resolution: WorkingTimeTargetDto;
}

const channelInput = () => [
  ApiPropertyOptional({ type: ChannelTargetsInputDto }),
  IsOptional(),
  IsObject(),
  ValidateNested(),
  Type(() => ChannelTargetsInputDto),
];
function applyAll(decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorator) => decorator(target, key));
}

/** Targets by enquiry channel; a channel left out keeps the default. */
export class ChannelsInputDto {
  @applyAll(channelInput()) phone?: ChannelTargetsInputDto;
  @applyAll(channelInput()) email?: ChannelTargetsInputDto;
  @applyAll(channelInput()) webchat?: ChannelTargetsInputDto;
  @applyAll(channelInput()) social?: ChannelTargetsInputDto;
  @applyAll(channelInput()) form?: ChannelTargetsInputDto;
  @applyAll(channelInput()) internal?: ChannelTargetsInputDto;
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

  @ApiPropertyOptional({ type: WorkingTimeTargetDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WorkingTimeTargetDto)
  firstResponse?: WorkingTimeTargetDto;

  @ApiPropertyOptional({ type: WorkingTimeTargetDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WorkingTimeTargetDto)
  resolution?: WorkingTimeTargetDto;

  @ApiPropertyOptional({ type: WorkingTimeTargetDto, description: 'How soon the service must acknowledge a referral' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WorkingTimeTargetDto)
  acknowledgement?: WorkingTimeTargetDto;
}

/** The organisation's targets, replacing what was set before; anything left out takes the default. */
export class SaveServiceLevelsDto {
  @ApiPropertyOptional({ type: ChannelsInputDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ChannelsInputDto)
  channels?: ChannelsInputDto;

  @ApiPropertyOptional({ type: [ServiceTargetsDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ServiceTargetsDto)
  services?: ServiceTargetsDto[];

  @ApiPropertyOptional({ type: WorkingTimeTargetDto, description: 'A referral’s acknowledgement target for services without their own' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WorkingTimeTargetDto)
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
