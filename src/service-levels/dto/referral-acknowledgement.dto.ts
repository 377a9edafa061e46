import { ApiProperty } from '@nestjs/swagger';
import { WorkingTimeTargetDto } from './service-levels.dto.js';

export class ServiceAwaitingAcknowledgementDto {
  @ApiProperty({ example: 'highways', description: 'The service code' }) service: string;
  @ApiProperty({ example: 'Highways' }) name: string;
  @ApiProperty({ description: 'Referrals not yet acknowledged and past their acknowledgement target' }) breached: number;
  @ApiProperty({ description: 'Referrals not yet acknowledged, past 80 % of the working time to their target but not yet due' })
  atRisk: number;
  @ApiProperty({ format: 'date-time', description: 'The earliest acknowledgement due time among them (the longest overdue when any is)' })
  oldestDueAt: string;
  @ApiProperty({ type: WorkingTimeTargetDto, description: 'The service’s acknowledgement target in force' })
  target: WorkingTimeTargetDto;
}

export class ReferralsAwaitingAcknowledgementDto {
  @ApiProperty({
    type: [ServiceAwaitingAcknowledgementDto],
    description:
      'Services with referrals past or at risk of their acknowledgement target: the most referrals past target first, then the longest overdue',
  })
  services: ServiceAwaitingAcknowledgementDto[];
  @ApiProperty({ format: 'date-time', description: 'The instant the states were read at' }) checkedAt: string;
}

export class ServiceAcknowledgementTargetDto {
  @ApiProperty({ example: 'highways', description: 'The signed-in service user’s service code' }) service: string;
  @ApiProperty({ example: 'Highways' }) name: string;
  @ApiProperty({
    type: WorkingTimeTargetDto,
    description: 'How soon the service must acknowledge a referral: its own target, else the organisation’s, else 1 working day',
  })
  target: WorkingTimeTargetDto;
}
