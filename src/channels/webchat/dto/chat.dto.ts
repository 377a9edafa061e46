import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

import { SPECIAL_CATEGORIES, type SpecialCategory } from '../../../contracts/special-category.js';

export const MAX_MESSAGE_LENGTH = 2000;

export class ChatConsentDto {
  @IsBoolean()
  @Equals(true, { message: 'consent.accepted must be true: the privacy notice must be accepted before a chat starts' })
  accepted: true;
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,32}$/, { message: 'consent.privacyNoticeVersion must be a published version label' })
  privacyNoticeVersion: string;
}

export class StartChatDto {
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'organisation must be an organisation slug' })
  @MaxLength(100)
  organisation: string;
  @IsDefined({ message: 'consent is required: the privacy notice must be accepted before a chat starts' })
  @IsObject()
  @ValidateNested()
  @Type(() => ChatConsentDto)
  consent: ChatConsentDto;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'topic must be a service code such as blue-badge' })
  @MaxLength(100)
  topic?: string;
}

export class PresenceDto {
  @IsIn(['available', 'away']) status: 'available' | 'away';
}

/** Out of hours: a message left instead of a chat, logged as an enquiry. */
export class LeaveMessageDto {
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'organisation must be an organisation slug' })
  @MaxLength(100)
  organisation: string;
  @IsDefined({ message: 'consent is required: the privacy notice must be accepted before a message is left' })
  @IsObject()
  @ValidateNested()
  @Type(() => ChatConsentDto)
  consent: ChatConsentDto;
  @IsString() @MinLength(1) @MaxLength(100) name: string;
  @IsOptional() @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email?: string;
  @IsOptional()
  @IsString()
  @Matches(/^[+\d][\d\s().-]{4,}$/, { message: 'phone must be a telephone number' })
  @MaxLength(40)
  phone?: string;
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_MESSAGE_LENGTH, { message: `text must be at most ${MAX_MESSAGE_LENGTH} characters` })
  text: string;
}

/** Explicit consent (Art. 9(2)(a)) asked for inside the chat before special category details are shared. */
export class ChatSpecialConsentDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SPECIAL_CATEGORIES.length)
  @IsIn(SPECIAL_CATEGORIES, { each: true, message: `each value in categories must be one of: ${SPECIAL_CATEGORIES.join(', ')}` })
  categories: SpecialCategory[];
  @IsBoolean() @Equals(true, { message: 'explicitConsent must be true' }) explicitConsent: true;
}

export class CitizenMessageDto {
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_MESSAGE_LENGTH, { message: `text must be at most ${MAX_MESSAGE_LENGTH} characters` })
  text: string;
}

export class AdvisorMessageDto {
  @IsUUID('all', { message: 'chatId must be a chat id' }) chatId: string;
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_MESSAGE_LENGTH, { message: `text must be at most ${MAX_MESSAGE_LENGTH} characters` })
  text: string;
}

export class TransferChatDto {
  @IsUUID('all', { message: 'chatId must be a chat id' }) chatId: string;
  @IsOptional() @IsUUID('all', { message: 'toAdvisorId must be a staff user id' }) toAdvisorId?: string;
}

export class ChatRefDto {
  @IsUUID('all', { message: 'chatId must be a chat id' }) chatId: string;
}

export class RenewTokenDto {
  @IsString({ message: 'token must be an access token' }) @MaxLength(4096) token: string;
}
