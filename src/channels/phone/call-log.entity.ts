import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { EnquiryEntity } from '../../enquiries/enquiry.entity.js';

/** One call as the telephony platform logged it, attached to the enquiry it became or belongs to. */
@Entity('call_logs')
@Unique(['organisationId', 'callId'])
@Unique(['organisationId', 'id'])
@Index(['enquiryId'])
@Index(['organisationId', 'startedAt'])
@Check('ck_call_logs_direction', `direction in ('inbound', 'outbound')`)
@Check('ck_call_logs_times', `ended_at >= started_at`)
export class CallLogEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('text') callId: string;
  @Column('uuid') enquiryId: string;

  @ManyToOne(() => EnquiryEntity)
  @JoinColumn([
    { name: 'enquiry_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  enquiry?: Relation<EnquiryEntity>;

  @Column('text') direction: 'inbound' | 'outbound';
  @Column('text') callerNumber: string;
  @Column('text', { nullable: true }) queue: string | null;
  @Column('text', { nullable: true }) agent: string | null;
  @Column('text', { nullable: true }) disposition: string | null;
  @Column('timestamptz') startedAt: Date;
  @Column('timestamptz') endedAt: Date;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
