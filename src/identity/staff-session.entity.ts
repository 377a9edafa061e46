import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { StaffUserEntity } from './staff-user.entity.js';

/**
 * One sign-in of a member of staff, held by the server: the id of the one access token of it that currently
 * stands (renewal swaps it), and when it ended (sign-out). Ids and times only.
 */
@Entity('staff_sessions')
@Index(['userId'])
export class StaffSessionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column('uuid') userId: string;

  @ManyToOne(() => StaffUserEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'user_id', referencedColumnName: 'id' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  user?: Relation<StaffUserEntity>;

  /** The `jti` of the access token that currently stands; a token carrying any other is refused. */
  @Column('uuid') tokenId: string;
  /** When the person signed in; renewals keep it. */
  @Column('timestamptz') authTime: Date;
  /** After this no token of the sign-in can stand (the longest session and a token's life): the row may go. */
  @Column('timestamptz') expiresAt: Date;
  /** Signed out: every token of the sign-in is refused. */
  @Column('timestamptz', { nullable: true }) endedAt: Date | null;
}
