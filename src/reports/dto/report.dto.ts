import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';

export class ReportQueryDto {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'First UK date of the period (default: 6 days before `to`, or `to` itself)' })
  @IsOptional()
  @IsString()
  from?: string;
  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last UK date of the period, included (default: today, or `from`)' })
  @IsOptional()
  @IsString()
  to?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

export class CountDto {
  @ApiProperty() key: string;
  @ApiProperty() count: number;
}

export class OutcomeCountDto {
  @ApiProperty({ example: 'information_given' }) key: string;
  @ApiProperty({ example: 'Information given' }) label: string;
  @ApiProperty() count: number;
}

export class OutcomeCountsDto {
  @ApiProperty({ description: 'Enquiries received in the period with an outcome recorded' }) recorded: number;
  @ApiProperty({
    type: [OutcomeCountDto],
    description: 'By outcome code: every active code in the organisation’s order (0 where none), then others recorded in the period',
  })
  byCode: OutcomeCountDto[];
}

export class ServiceEscalationsDto {
  @ApiProperty() service: string;
  @ApiProperty() name: string;
  @ApiProperty() escalations: number;
  @ApiProperty() acknowledged: number;
  @ApiPropertyOptional({ description: 'Mean seconds from referral to acknowledgement, of those acknowledged' })
  averageAcknowledgementSeconds: number | null;
  @ApiProperty({
    description: 'Acknowledged by their acknowledgement due time (referrals made before acknowledgement targets are in neither count)',
  })
  acknowledgedOnTime: number;
  @ApiProperty({ description: 'Acknowledged after their acknowledgement due time' }) acknowledgedLate: number;
  @ApiProperty({ description: 'Not yet acknowledged and past their acknowledgement due time now' }) unacknowledgedPastTarget: number;
}

export class ReportSummaryDto {
  @ApiProperty({ example: { from: '2026-11-01', to: '2026-11-30', days: 30 } }) period: { from: string; to: string; days: number };
  @ApiProperty({ description: 'Enquiries received in the period' }) enquiries: number;
  @ApiProperty({ type: [CountDto], description: 'Enquiries by channel' }) byChannel: CountDto[];
  @ApiProperty({ type: [CountDto], description: 'Enquiries by UK day, every day of the period' }) byDay: CountDto[];
  @ApiProperty({
    type: [ServiceEscalationsDto],
    description:
      'Referrals made in the period, by service: acknowledged, how soon, on time or late against the acknowledgement target, and still unacknowledged past it',
  })
  byService: ServiceEscalationsDto[];
  @ApiProperty({
    description:
      'Enquiries resolved by directing the citizen to another organisation (counted among the resolved too), by destination code',
  })
  signposted: { count: number; byDestination: CountDto[] };
  @ApiProperty({ type: OutcomeCountsDto, description: 'Wrap-up outcomes recorded on the enquiries received in the period' })
  outcomes: OutcomeCountsDto;
  @ApiProperty({
    description:
      'Of the enquiries received in the period and finished, how many were resolved without escalation, and of those how many by a reply sent to the citizen ("send and resolve")',
  })
  firstContactResolution: { resolved: number; escalated: number; byReply: number; rate: number | null };
  @ApiPropertyOptional({ description: 'Mean seconds from receipt to resolution or escalation, of the enquiries finished' })
  averageHandlingSeconds: number | null;
  @ApiProperty({
    description:
      'Webchats started in the period: how many, answered, abandoned before an advisor answered, and the mean wait of those answered',
  })
  webchat: { chats: number; answered: number; abandoned: number; averageWaitSeconds: number | null };
  @ApiProperty({ description: 'Calls in the period and their mean length' }) calls: { calls: number; averageSeconds: number | null };
  @ApiProperty({ description: 'Subject-rights requests open today, and how many of them are overdue' }) subjectRequests: {
    open: number;
    overdue: number;
  };
  @ApiProperty({
    description:
      'Safeguarding flags raised in the period: how many, still unreviewed, marked handled or a false alarm by a supervisor, and by kind of danger (a flag may name several)',
    example: { raised: 4, open: 1, handled: 2, falseAlarms: 1, byKind: [{ key: 'medical', count: 2 }] },
  })
  safeguarding: { raised: number; open: number; handled: number; falseAlarms: number; byKind: CountDto[] };
}
