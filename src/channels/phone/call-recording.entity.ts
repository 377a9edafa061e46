import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import type { RetentionClass } from '../../retention/retention-class.js';
import { CallLogEntity } from './call-log.entity.js';

/**
 * A reference to a recording held by the telephony platform: the audio (kept 2 years) or the video of the
 * advisor's screen (kept 28 days). Signpost stores the reference, never the media.
 */
@Entity('call_recordings')
@Unique(['callLogId', 'kind', 'ref'])
@Index(['organisationId', 'kind', 'recordedAt'])
@Index(['ref'])
@Check('ck_call_recordings_ref', `ref ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$'`)
@Check('ck_call_recordings_kind', `kind in ('audio', 'video')`)
@Check(
  'ck_call_recordings_retention_class',
  `(kind = 'audio' and retention_class = 'call_recording_audio') or (kind = 'video' and retention_class = 'call_recording_video')`,
)
export class CallRecordingEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('uuid') callLogId: string;

  @ManyToOne(() => CallLogEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'call_log_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  callLog?: Relation<CallLogEntity>;

  @Column('text') kind: 'audio' | 'video';
  @Column('text') ref: string;
  @Column('timestamptz') recordedAt: Date;
  @Column('text') retentionClass: RetentionClass;
}
