import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { ServiceEntity } from '../directory/service.entity.js';
import { OrganisationEntity } from '../tenancy/organisation.entity.js';
import type { StaffRole } from './staff-role.js';

/** A member of staff of one organisation. Service users are bound to one service of that organisation. */
@Entity('staff_users')
@Unique(['id', 'organisationId'])
@Check('ck_staff_users_role', `role in ('advisor', 'supervisor', 'service', 'dpo', 'admin')`)
@Check('ck_staff_users_service_binding', `(role = 'service') = (service_id is not null)`)
@Check('ck_staff_users_email_lower', `email = lower(email)`)
@Check('ck_staff_users_max_concurrent_chats', `max_concurrent_chats between 0 and 20`)
@Check('ck_staff_users_max_assigned_work', `max_assigned_work between 0 and 100`)
export class StaffUserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column('text', { unique: true })
  email: string;

  @Column('text')
  displayName: string;

  @Column('text')
  passwordHash: string;

  @Column('text')
  role: StaffRole;

  @Column('uuid', { nullable: true })
  serviceId: string | null;

  /** Composite key: a user can only be bound to a service of its own organisation. */
  @ManyToOne(() => ServiceEntity)
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
    { name: 'service_id', referencedColumnName: 'id' },
  ])
  service?: Relation<ServiceEntity>;

  @Column('boolean', { default: false })
  disabled: boolean;

  /** Bumped on password change or disabling: tokens carrying an older version are refused. */
  @Column('integer', { default: 0 })
  tokenVersion: number;

  @Column('timestamptz', { nullable: true })
  lastLoginAt: Date | null;

  /** Chats the advisor may hold at once; routing never gives more. */
  @Column('integer', { default: 2 })
  maxConcurrentChats: number;

  /** Open e-mail, form and social enquiries automatic assignment gives the advisor at most. */
  @Column('integer', { default: 10 })
  maxAssignedWork: number;

  /** Service codes or topics whose chats, and whose e-mail, form and social enquiries, this advisor takes. */
  @Column('text', { array: true, default: () => `'{}'` })
  skills: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
