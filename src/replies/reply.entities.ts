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
  UpdateDateColumn,
} from 'typeorm';
import type { ReplyChannel, ReplyStatus, ReplyTransport } from '../contracts/replies.js';

/**
 * One answer sent to a citizen on an enquiry (e-mail, text or social), and what became of it: queued when the
 * advisor sends it, sent when the transport took it, delivered or failed as the transport reports back. The
 * recipient and the text are personal data: erased with the enquiry, exported with it, kept as long as it is.
 */
@Entity('replies')
@Index(['enquiryId', 'createdAt'])
@Index(['organisationId', 'createdAt'])
@Index(['organisationId', 'recipientKey'])
@Check('ck_replies_channel', `channel in ('email', 'sms', 'social')`)
@Check('ck_replies_transport', `transport in ('smtp', 'notify', 'social')`)
@Check('ck_replies_status', `status in ('queued', 'sent', 'delivered', 'failed')`)
@Check('ck_replies_language', `language in ('en', 'cy')`)
export class ReplyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('uuid') enquiryId: string;

  // Named by string, so that this context does not import the enquiries context's entity.
  @ManyToOne('EnquiryEntity', { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'enquiry_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  enquiry?: unknown;

  /** The advisor who answered (told when the citizen answers back). */
  @Column('uuid', { nullable: true }) authorId: string | null;
  @Column('text') channel: ReplyChannel;
  @Column('text') transport: ReplyTransport;
  /** The e-mail address, phone number or social conversation it went to (personal data). */
  @Column('text') recipient: string;
  /** The recipient's search key (E.164 for a number, lower case for an address): a text back is matched by it. */
  @Column('text', { nullable: true }) recipientKey: string | null;
  @Column('text', { nullable: true }) subject: string | null;
  /** Exactly what was sent (personal data). */
  @Column('text') text: string;
  @Column('text', { default: 'en' }) language: 'en' | 'cy';
  @Column('uuid', { nullable: true }) savedReplyId: string | null;
  @Column('uuid', { nullable: true }) knowledgeArticleId: string | null;
  /** "Send and resolve": the enquiry was resolved by this reply (first-contact resolution by reply). */
  @Column('boolean', { default: false }) resolves: boolean;
  @Column('text', { default: 'queued' }) status: ReplyStatus;
  /** The e-mail's Message-ID, and the citizen's message it answers. */
  @Column('text', { nullable: true }) messageId: string | null;
  @Column('text', { nullable: true }) inReplyTo: string | null;
  /** GOV.UK Notify's notification id, or the social platform's message id. */
  @Column('text', { nullable: true }) providerId: string | null;
  @Column('integer', { default: 0 }) attempts: number;
  /** A status code and an error kind, never a message (which can quote the recipient). */
  @Column('text', { nullable: true }) lastError: string | null;
  /** Given up after the last retry: the dead letter an operator looks at. */
  @Column('timestamptz', { nullable: true }) deadLetteredAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) sentAt: Date | null;
  @Column('timestamptz', { nullable: true }) deliveredAt: Date | null;
  @Column('timestamptz', { nullable: true }) statusCheckedAt: Date | null;
}

/** A reply supervisors keep for advisors to insert, with variables filled at send time and an optional Welsh text. */
@Entity('saved_replies')
@Unique(['organisationId', 'title'])
export class SavedReplyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('text') title: string;
  @Column('text') text: string;
  @Column('text', { nullable: true }) textWelsh: string | null;
  @Column('text', { nullable: true }) serviceCode: string | null;
  @Column('text', { array: true, default: () => `'{}'` }) tags: string[];
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** A citizen's text that answered a reply (Notify's inbound callback): its id, so a callback delivered twice counts once. The words are on the timeline. */
@Entity('inbound_texts')
@Unique(['organisationId', 'providerId'])
export class InboundTextEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('uuid') enquiryId: string;

  @ManyToOne('EnquiryEntity', { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'enquiry_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  enquiry?: unknown;

  @Column('text') providerId: string;
  @Column('timestamptz', { default: () => 'now()' }) receivedAt: Date;
}
