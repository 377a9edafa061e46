import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsOptionalValue } from '../../common/optional-value.js';
import { DELIVERY_TYPES, SHARED_FIELDS, type DeliveryType, type SharedField } from '../../contracts/shared-fields.js';

// A field is checked when its delivery type needs it or when it is sent at all; the directory service
// refuses fields that do not belong to the chosen type.
const webhookOr = (field: keyof DeliveryDto) => (o: DeliveryDto) => o.type === 'webhook' || o[field] !== undefined;
const urlFor = (o: DeliveryDto) => o.type === 'webhook' || o.type === 'open311' || o.url !== undefined;
const open311Or = (field: keyof DeliveryDto) => (o: DeliveryDto) => o.type === 'open311' || o[field] !== undefined;
const emailOr = (field: keyof DeliveryDto) => (o: DeliveryDto) => o.type === 'email' || o[field] !== undefined;

/** How referrals reach a service: a signed webhook, the service mailbox, an Open311 endpoint, or the portal/API pull. */
export class DeliveryDto {
  @ApiProperty({ enum: DELIVERY_TYPES })
  @IsIn(DELIVERY_TYPES)
  type: DeliveryType;

  @ApiPropertyOptional({
    description: 'webhook: the https URL referrals are POSTed to; open311: the endpoint’s base URL (requests go to {url}/requests.json)',
  })
  @ValidateIf(urlFor)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL' })
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({
    description: 'webhook only: Standard Webhooks secret, whsec_ followed by base64 of 24 to 64 random bytes. Never returned.',
  })
  @ValidateIf(webhookOr('secret'))
  @IsString()
  @Matches(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, { message: 'secret must be whsec_ followed by base64 of 24 to 64 bytes' })
  secret?: string;

  @ApiPropertyOptional({ description: 'email only: the service mailbox' })
  @ValidateIf(emailOr('address'))
  @IsEmail({}, { message: 'address must be an e-mail address' })
  address?: string;

  @ApiPropertyOptional({ description: 'open311 only: the endpoint’s API key. Never returned.' })
  @ValidateIf(open311Or('apiKey'))
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  apiKey?: string;

  @ApiPropertyOptional({ example: 'pothole', description: 'open311 only: the endpoint’s service code referrals are filed under' })
  @ValidateIf(open311Or('serviceCode'))
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]{1,100}$/, { message: 'serviceCode must be 1 to 100 letters, digits, dots, colons, dashes or underscores' })
  serviceCode?: string;

  @ApiPropertyOptional({ example: 'lancashire.gov.uk', description: 'open311 only, optional: the jurisdiction_id the endpoint expects' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]{1,100}$/, { message: 'jurisdictionId must be 1 to 100 letters, digits, dots, colons, dashes or underscores' })
  jurisdictionId?: string;
}

export class UpdateServiceDto {
  @ApiPropertyOptional()
  @IsOptionalValue()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: SHARED_FIELDS, isArray: true, description: 'The only fields escalations to this service may carry' })
  @IsOptionalValue()
  @IsArray()
  @ArrayMaxSize(SHARED_FIELDS.length)
  @ArrayUnique()
  @IsIn(SHARED_FIELDS, { each: true, message: `each value in permittedFields must be one of: ${SHARED_FIELDS.join(', ')}` })
  permittedFields?: SharedField[];

  @ApiPropertyOptional({
    isArray: true,
    type: String,
    example: ['blue badge', 'disabled parking'],
    description: 'Words and phrases that suggest this service for an enquiry (replaces the list)',
  })
  @IsOptionalValue()
  @IsArray()
  @ArrayMaxSize(300)
  @IsString({ each: true })
  @MinLength(2, { each: true, message: 'each routing keyword must be at least 2 characters' })
  @MaxLength(100, { each: true, message: 'each routing keyword must be at most 100 characters' })
  routingKeywords?: string[];

  @ApiPropertyOptional({ description: 'Whether special category details may be shared (with explicit consent)' })
  @IsOptionalValue()
  @IsBoolean()
  receivesSpecialCategory?: boolean;

  @ApiPropertyOptional({ description: 'A statutory function of the council (legitimate interests is then flagged as the wrong basis)' })
  @IsOptionalValue()
  @IsBoolean()
  statutory?: boolean;

  @ApiPropertyOptional({ description: 'An inactive service receives no escalations' })
  @IsOptionalValue()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: DeliveryDto })
  @IsOptionalValue()
  @IsObject()
  @ValidateNested()
  @Type(() => DeliveryDto)
  delivery?: DeliveryDto;
}

export class DeliverySettingsDto {
  @ApiProperty({ enum: DELIVERY_TYPES }) type: DeliveryType;
  @ApiPropertyOptional() url?: string;
  @ApiPropertyOptional({ description: 'Whether a signing secret is set (the secret itself is never returned)' }) secretSet?: boolean;
  @ApiPropertyOptional() address?: string;
  @ApiPropertyOptional({ description: 'open311: whether an API key is set (the key itself is never returned)' }) apiKeySet?: boolean;
  @ApiPropertyOptional() serviceCode?: string;
  @ApiPropertyOptional() jurisdictionId?: string;
}

export class ServiceDto {
  @ApiProperty({ example: 'blue-badge' }) code: string;
  @ApiProperty({ example: 'Blue Badge Service' }) name: string;
  @ApiProperty({ enum: SHARED_FIELDS, isArray: true }) permittedFields: SharedField[];
  @ApiProperty({ isArray: true, type: String, description: 'Words and phrases that suggest this service' }) routingKeywords: string[];
  @ApiProperty() receivesSpecialCategory: boolean;
  @ApiProperty() statutory: boolean;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: DeliverySettingsDto }) delivery: DeliverySettingsDto;
}
