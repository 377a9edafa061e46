import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { SharedField } from '../contracts/shared-fields.js';
import type { LegalBasis } from '../contracts/legal-basis.js';
import type { DeliveryStatus } from '../contracts/shared-fields.js';
import { EscalationEntity } from './escalation.entity.js';

/**
 * The record of disclosures: who received which fields about whom, on which basis, sent by whom and when.
 * Subject access requests list these as recipients; rectification and erasure notices go to them.
 */
@Entity('disclosures')
@Index(['organisationId', 'dataSubjectId'])
@Index(['escalationId'])
@Check('ck_disclosures_delivery_status', `delivery_status in ('pending', 'delivered', 'available', 'dead')`)
export class DisclosureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  escalationId: string;

  @ManyToOne(() => EscalationEntity)
  @JoinColumn([
    { name: 'escalation_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  escalation?: Relation<EscalationEntity>;

  @Column('uuid')
  enquiryId: string;

  @Column('uuid')
  dataSubjectId: string;

  @Column('uuid')
  recipientServiceId: string;

  /** The service's name when disclosed, so the record reads true after renames. */
  @Column('text')
  recipientName: string;

  /** Field names only: the values are in the escalation snapshot while it exists. */
  @Column('text', { array: true })
  fields: SharedField[];

  @Column('text')
  legalBasis: LegalBasis;

  @Column('uuid', { nullable: true })
  disclosedBy: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  disclosedAt: Date;

  @Column('text', { default: 'pending' })
  deliveryStatus: DeliveryStatus;

  @Column('timestamptz', { nullable: true })
  deliveredAt: Date | null;
}
