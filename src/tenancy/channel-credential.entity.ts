import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { OrganisationEntity } from './organisation.entity.js';
import type { CredentialChannel } from './credential-channel.js';

/**
 * The secret an outside system signs its pushes with (Standard Webhooks for phone, forms and email; the app
 * secret and verify token for social). Never returned by any route.
 */
@Entity('channel_credentials')
@Check('ck_channel_credentials_channel', `channel in ('phone', 'forms', 'email', 'social', 'sms')`)
export class ChannelCredentialEntity {
  @PrimaryColumn('uuid')
  organisationId: string;

  @PrimaryColumn('text')
  channel: CredentialChannel;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column('text')
  secret: string;

  /** Previous secret, still accepted during a rotation. */
  @Column('text', { nullable: true })
  previousSecret: string | null;

  /** Social platforms' subscription handshake token. */
  @Column('text', { nullable: true })
  verifyToken: string | null;

  /** Social platforms: the page access token replies are sent with (sealed). */
  @Column('text', { nullable: true })
  accessToken: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  rotatedAt: Date;
}
