import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsUUID,
  IsDateString,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  Max,
  Min,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOptionalValue } from '../../common/optional-value.js';
import { LEGAL_BASES, type LegalBasis } from '../../contracts/legal-basis.js';

export class BusinessHoursDto {
  @ApiProperty({ example: 'Europe/London' }) @IsString() @MaxLength(64) timezone: string;
  @ApiProperty({
    description: 'ISO weekday (1 = Monday … 7 = Sunday) → intervals "HH:MM-HH:MM"; an empty list is a closed day',
    example: { '1': ['08:00-18:00'] },
  })
  @IsObject()
  weekly: Record<string, string[]>;
  @ApiProperty({ enum: ['england-and-wales', 'scotland', 'northern-ireland', 'none'] })
  @IsIn(['england-and-wales', 'scotland', 'northern-ireland', 'none'])
  bankHolidays: 'england-and-wales' | 'scotland' | 'northern-ireland' | 'none';
}

export class DpoContactDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) postalAddress?: string;
}

export class ProcessorDto {
  @ApiProperty({ example: 'Granicus' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ example: 'Hosts the online forms (e-forms)' }) @IsString() @MinLength(1) @MaxLength(500) purpose: string;
  @ApiProperty({ example: 'EU', description: 'Where it holds the data: UK, or the country or region outside it' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  location: string;
  @ApiPropertyOptional({ example: 'UK adequacy regulations (EEA)', description: 'For data held outside the UK: the transfer safeguard' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  safeguard?: string;
}

export class NotifyTemplatesDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'E-mail acknowledgement template (personalisation: reference, organisation, reply_token, safety_guidance: the safeguarding guidance when the message suggested danger, else empty; put ((safety_guidance)) first in the template)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'templates.acknowledgementEmail must be a template id' })
  acknowledgementEmail?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'SMS acknowledgement template (personalisation: reference, organisation)' })
  @IsOptional()
  @IsUUID('all', { message: 'templates.acknowledgementSms must be a template id' })
  acknowledgementSms?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'An advisor’s reply by e-mail (personalisation: subject, body, reference, organisation, reply_token). Make the template’s subject ((subject)): it carries the reference and the reply token, so the citizen’s answer joins the same enquiry',
  })
  @IsOptional()
  @IsUUID('all', { message: 'templates.replyEmail must be a template id' })
  replyEmail?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'An advisor’s reply by text (personalisation: body, reference, organisation)' })
  @IsOptional()
  @IsUUID('all', { message: 'templates.replySms must be a template id' })
  replySms?: string;
}

export class NotifySettingsDto {
  @ApiPropertyOptional({
    description: 'The service’s GOV.UK Notify API key (team or live). Never returned or logged; an empty string removes it (back to SMTP).',
  })
  @IsOptional()
  @IsString()
  @Matches(
    /^$|^[A-Za-z0-9_-]+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    { message: 'notify.apiKey must be a GOV.UK Notify API key (name-serviceid-secret)' },
  )
  apiKey?: string;
  @ApiPropertyOptional({ type: NotifyTemplatesDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NotifyTemplatesDto)
  templates?: NotifyTemplatesDto;
}

/** A UK telephone number as people write it: digits, spaces, brackets and dashes, a leading +, at least 6 digits. */
const PHONE = /^(?=(?:\D*\d){6})\+?[\d ()-]{6,24}$/;
const PHONE_MESSAGE = (field: string) =>
  `safeguardingContacts.${field} must be a telephone number (digits, spaces, brackets, a leading +; at least 6 digits)`;

export class SafeguardingContactsDto {
  @ApiPropertyOptional({
    nullable: true,
    example: '01632 960 101',
    description: 'Children’s services emergency duty team (out of hours), given to a citizen when a child may be at risk; null clears it',
  })
  @IsOptional()
  @IsString()
  @Matches(PHONE, { message: PHONE_MESSAGE('childrenEmergencyDuty') })
  childrenEmergencyDuty?: string | null;
  @ApiPropertyOptional({
    nullable: true,
    example: '01632 960 102',
    description: 'Adult social care emergency duty team (out of hours), given when an adult may be at risk; null clears it',
  })
  @IsOptional()
  @IsString()
  @Matches(PHONE, { message: PHONE_MESSAGE('adultsEmergencyDuty') })
  adultsEmergencyDuty?: string | null;
}

export class UpdateOrganisationDto {
  @ApiPropertyOptional() @IsOptionalValue() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: LEGAL_BASES, description: 'UK GDPR Art. 6 basis used when an enquiry names none' })
  @IsOptionalValue()
  @IsIn(LEGAL_BASES)
  defaultLegalBasis?: LegalBasis;
  @ApiPropertyOptional({ type: DpoContactDto })
  @IsOptionalValue()
  @IsObject()
  @ValidateNested()
  @Type(() => DpoContactDto)
  dpo?: DpoContactDto;
  @ApiPropertyOptional({
    description:
      'Where citizens’ e-mail arrives (no +tag). It must be in one of `inboundDomains`, which the service operator assigns; an address another organisation holds answers 409 INBOUND_ADDRESS_TAKEN.',
  })
  @IsOptionalValue()
  @IsEmail()
  @MaxLength(254)
  enquiriesEmail?: string;
  @ApiPropertyOptional({ type: BusinessHoursDto })
  @IsOptionalValue()
  @IsObject()
  @ValidateNested()
  @Type(() => BusinessHoursDto)
  businessHours?: BusinessHoursDto;
  @ApiPropertyOptional({
    enum: ['pick', 'auto'],
    description: 'Webchat: advisors pick from the queue, or chats are offered to the least-busy advisor with the skill',
  })
  @IsOptionalValue()
  @IsIn(['pick', 'auto'])
  chatRouting?: 'pick' | 'auto';
  @ApiPropertyOptional({ description: 'Seconds an offered chat waits before it goes to the next advisor (1 to 600)' })
  @IsOptionalValue()
  @IsInt()
  @Min(1)
  @Max(600)
  chatOfferSeconds?: number;
  @ApiPropertyOptional({
    enum: ['pick', 'auto'],
    description:
      'E-mail, form and social enquiries: advisors pick from the queue, or each new one is assigned to the least-busy available advisor with the skill, within their `maxAssignedWork`',
  })
  @IsOptionalValue()
  @IsIn(['pick', 'auto'])
  workRouting?: 'pick' | 'auto';
  @ApiPropertyOptional({
    description: 'Minutes an automatically assigned enquiry may go untouched by its advisor before it returns to the queue (5 to 1440)',
  })
  @IsOptionalValue()
  @IsInt()
  @Min(5)
  @Max(1440)
  workReclaimMinutes?: number;
  @ApiPropertyOptional({ type: [ProcessorDto], description: 'Every processor of the contact centre’s data, replacing the list held' })
  @IsOptionalValue()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ProcessorDto)
  processors?: ProcessorDto[];
  @ApiPropertyOptional({
    type: SafeguardingContactsDto,
    description: 'The council’s own emergency duty numbers, given to a citizen whose words suggest a child or an adult is at risk',
  })
  @IsOptionalValue()
  @IsObject()
  @ValidateNested()
  @Type(() => SafeguardingContactsDto)
  safeguardingContacts?: SafeguardingContactsDto;
  @ApiPropertyOptional({ type: NotifySettingsDto, description: 'Send citizens’ acknowledgements through GOV.UK Notify instead of SMTP' })
  @IsOptionalValue()
  @IsObject()
  @ValidateNested()
  @Type(() => NotifySettingsDto)
  notify?: NotifySettingsDto;
}

export class PublishPrivacyNoticeDto {
  @ApiProperty({ example: '2', description: 'A new version label; published versions never change' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,32}$/, { message: 'version must be 1 to 32 letters, digits, dots, dashes or underscores' })
  version: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) title: string;
  @ApiPropertyOptional({ description: 'Where the full notice is published' })
  @IsOptionalValue()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(2048)
  url?: string;
  @ApiPropertyOptional({ description: 'The text shown to citizens (plain text)' })
  @IsOptionalValue()
  @IsString()
  @MaxLength(50000)
  body?: string;
  @ApiProperty({ example: '2026-12-01', description: 'First day the version applies (YYYY-MM-DD)' })
  @IsDateString({ strict: true }, { message: 'effectiveFrom must be a YYYY-MM-DD date' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveFrom must be a YYYY-MM-DD date' })
  effectiveFrom: string;
}

export class PrivacyNoticeDto {
  @ApiProperty() version: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional() url?: string;
  @ApiPropertyOptional() body?: string;
  @ApiProperty({ format: 'date' }) effectiveFrom: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
}

export class OrganisationDto {
  @ApiProperty({ example: 'lancashire' }) slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['council', 'customer'] }) kind: string;
  @ApiProperty({ enum: LEGAL_BASES }) defaultLegalBasis: LegalBasis;
  @ApiProperty({ type: DpoContactDto }) dpo: DpoContactDto;
  @ApiPropertyOptional() enquiriesEmail?: string;
  @ApiProperty({
    type: [String],
    description: 'Mail domains the service operator routes to this organisation (read-only here: `npm run signpost -- inbound-domains`)',
  })
  inboundDomains: string[];
  @ApiProperty({ type: BusinessHoursDto }) businessHours: BusinessHoursDto;
  @ApiProperty({ enum: ['pick', 'auto'] }) chatRouting: 'pick' | 'auto';
  @ApiProperty() chatOfferSeconds: number;
  @ApiProperty({ enum: ['pick', 'auto'] }) workRouting: 'pick' | 'auto';
  @ApiProperty() workReclaimMinutes: number;
  @ApiProperty({ type: [ProcessorDto] }) processors: ProcessorDto[];
  @ApiProperty({
    type: SafeguardingContactsDto,
    description: 'The council’s own emergency duty numbers for the safeguarding guidance (null when not set)',
  })
  safeguardingContacts: { childrenEmergencyDuty: string | null; adultsEmergencyDuty: string | null };
  @ApiProperty({ description: 'GOV.UK Notify: whether a key is set (never the key) and the template ids' }) notify: {
    apiKeySet: boolean;
    templates: NotifyTemplatesDto;
  };
  @ApiPropertyOptional({ type: PrivacyNoticeDto, description: 'The version in force today (UK date)' })
  currentPrivacyNotice?: PrivacyNoticeDto;
}
