import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import {
  REPLY_CHANNELS,
  REPLY_STATUSES,
  REPLY_TRANSPORTS,
  type ReplyChannel,
  type ReplyStatus,
  type ReplyTransport,
} from '../../contracts/replies.js';
import type { ReplyOptions, ReplyView } from '../../contracts/replies.js';
import { OptionalOutcome } from '../../wrap-up/dto/outcome-codes.dto.js';

/** Plain text: no control characters (C0, DEL, C1) but line breaks and tabs. */
export const PLAIN_TEXT = /^(?:[\t\n\r]|\P{Cc})*$/u;

export class CreateReplyDto {
  @ApiPropertyOptional({
    example: 'Dear ((name)), your blue badge renewal is with the team. Your reference is ((reference)). ((advisor)), ((organisation))',
    description:
      'What to send, in plain text, up to 5,000 characters; variables ((name)), ((reference)), ((advisor)) and ((organisation)) are filled in. Required unless savedReplyId or knowledgeArticleId gives it. A card number is removed before anything is stored or sent.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  @Matches(PLAIN_TEXT, { message: 'text must be plain text without control characters' })
  text?: string;

  @ApiPropertyOptional({
    enum: REPLY_CHANNELS,
    description: 'Defaults to the channel the citizen used, else what they gave (e-mail, then mobile number)',
  })
  @IsOptional()
  @IsIn(REPLY_CHANNELS, { message: `channel must be one of ${REPLY_CHANNELS.join(', ')}` })
  channel?: ReplyChannel;

  @ApiPropertyOptional({ description: '"Send and resolve": resolve the enquiry with this reply as the advice given' })
  @IsOptional()
  @IsBoolean({ message: 'resolve must be true or false' })
  resolve?: boolean;

  @OptionalOutcome('With resolve: the wrap-up outcome (GET /api/outcome-codes); required when your organisation requires one')
  outcome?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Send this knowledge article (its title and text) when no text is given; recorded as the advice',
  })
  @IsOptional()
  @IsUUID('all', { message: 'knowledgeArticleId must be an id' })
  knowledgeArticleId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Send this saved reply (its Welsh text when the person prefers Welsh) when no text is given',
  })
  @IsOptional()
  @IsUUID('all', { message: 'savedReplyId must be an id' })
  savedReplyId?: string;

  @ApiPropertyOptional({
    description: 'For a phone, webchat or internal enquiry answered by e-mail or text: the person agreed to be answered that way',
  })
  @IsOptional()
  @IsBoolean({ message: 'contactAgreed must be true or false' })
  contactAgreed?: boolean;
}

/** The preview: exactly what would be sent, without sending it. */
export class PreviewReplyDto extends CreateReplyDto {}

export class CreatedReplyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REPLY_CHANNELS }) channel: ReplyChannel;
  @ApiProperty({ enum: REPLY_STATUSES, description: 'queued: the job queue sends it' }) status: ReplyStatus;
}

export class ReplyPreviewDto {
  @ApiProperty({ enum: REPLY_CHANNELS }) channel: ReplyChannel;
  @ApiProperty({ enum: REPLY_TRANSPORTS }) transport: ReplyTransport;
  @ApiProperty({ description: 'Where it would go' }) recipient: string;
  @ApiProperty({ nullable: true, type: String, description: 'The e-mail subject (with the reference and reply token)' }) subject:
    string | null;
  @ApiProperty({ description: 'Exactly the text that would be sent' }) text: string;
  @ApiProperty({ enum: ['en', 'cy'] }) language: 'en' | 'cy';
  @ApiProperty({ description: 'Card numbers removed from the text' }) cardNumbersRemoved: number;
}

export class ReplyViewDto implements ReplyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) enquiryId: string;
  @ApiProperty({ enum: REPLY_CHANNELS }) channel: ReplyChannel;
  @ApiProperty({ enum: REPLY_TRANSPORTS }) transport: ReplyTransport;
  @ApiProperty({ enum: REPLY_STATUSES }) status: ReplyStatus;
  @ApiProperty({ description: 'Given up after its retries (failed)' }) deadLettered: boolean;
  @ApiProperty() recipient: string;
  @ApiProperty({ nullable: true, type: String }) subject: string | null;
  @ApiProperty() text: string;
  @ApiProperty({ enum: ['en', 'cy'] }) language: 'en' | 'cy';
  @ApiProperty() resolves: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) authorId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sentAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deliveredAt: string | null;
}

export class ReplyChannelOptionDto {
  @ApiProperty({ enum: REPLY_CHANNELS }) channel: ReplyChannel;
  @ApiProperty() recipient: string;
  @ApiProperty({ description: 'contactAgreed is needed to use it' }) needsAgreement: boolean;
}

export class ReplyOptionsDto implements ReplyOptions {
  @ApiProperty({ enum: REPLY_CHANNELS, nullable: true }) defaultChannel: ReplyChannel | null;
  @ApiProperty({ type: [ReplyChannelOptionDto] }) channels: ReplyChannelOptionDto[];
  @ApiPropertyOptional({ description: 'Why nothing can be sent, when nothing can' }) refusal?: { code: string; reason: string };
  @ApiProperty({ enum: ['en', 'cy'] }) language: 'en' | 'cy';
}

/** GOV.UK Notify's inbound text callback (https://docs.notifications.service.gov.uk/), relayed signed. */
export class InboundTextDto {
  @ApiProperty({ description: 'Notify’s id for the received text' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  id: string;

  @ApiProperty({ example: '447700900123', description: 'The sender’s number' })
  @IsString()
  @MaxLength(40)
  @Matches(/^\+?[\d\s().-]{5,}$/, { message: 'source_number must be a telephone number' })
  source_number: string;

  @ApiProperty({ example: '07700900000' })
  @IsString()
  @MaxLength(40)
  destination_number: string;

  @ApiProperty({ description: 'The text (plain text, up to 2,000 characters)' })
  @IsString()
  @MaxLength(2000)
  message: string;

  @ApiProperty({ example: '2026-12-05T10:15:00.000Z' })
  @IsString()
  @MaxLength(40)
  date_received: string;
}

export class InboundTextResultDto {
  @ApiProperty({ description: 'Whether the text answered one of the organisation’s replies' }) matched: boolean;
  @ApiPropertyOptional({ format: 'uuid' }) enquiryId?: string;
  @ApiPropertyOptional() reference?: string;
}
