import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { EnquiryEntity } from './enquiry.entity.js';

export const EVENT_KINDS = ['message', 'call_note', 'note', 'email', 'advice', 'system'] as const;
export type EnquiryEventKind = (typeof EVENT_KINDS)[number];
export type EventAuthorType = 'staff' | 'citizen' | 'system' | 'service';

/** One entry of an enquiry's timeline: a message, a call note, an e-mail, advice given, or a system event. */
@Entity('enquiry_events')
@Index(['enquiryId', 'createdAt'])
@Check('ck_enquiry_events_kind', `kind in ('message', 'call_note', 'note', 'email', 'advice', 'system')`)
@Check('ck_enquiry_events_author_type', `author_type in ('staff', 'citizen', 'system', 'service')`)
export class EnquiryEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  enquiryId: string;

  @ManyToOne(() => EnquiryEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'enquiry_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  enquiry?: Relation<EnquiryEntity>;

  @Column('text')
  kind: EnquiryEventKind;

  @Column('text')
  authorType: EventAuthorType;

  @Column('uuid', { nullable: true })
  authorId: string | null;

  /** Free text (personal data): erased with the enquiry. */
  @Column('text', { nullable: true })
  body: string | null;

  /** Non-personal facts about the event (status transitions, ids). */
  @Column('jsonb', { default: () => `'{}'` })
  metadata: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
