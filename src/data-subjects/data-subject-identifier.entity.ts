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
import { DataSubjectEntity } from './data-subject.entity.js';

export type IdentifierKind = 'phone' | 'email';

/** A phone number or e-mail address of a data subject, as given and as a search key (E.164, lower case). */
@Entity('data_subject_identifiers')
@Unique(['dataSubjectId', 'kind', 'key'])
@Index(['organisationId', 'kind', 'key'])
@Check('ck_data_subject_identifiers_kind', `kind in ('phone', 'email')`)
export class DataSubjectIdentifierEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  dataSubjectId: string;

  @ManyToOne(() => DataSubjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'data_subject_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  dataSubject?: Relation<DataSubjectEntity>;

  @Column('text')
  kind: IdentifierKind;

  @Column('text')
  value: string;

  @Column('text')
  key: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
