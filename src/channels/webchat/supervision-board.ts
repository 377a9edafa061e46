import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '../../database/tenant-database.js';
import type { DangerKind } from '../../contracts/safeguarding.js';

export interface SupervisionView {
  waiting: number;
  longestWaitSeconds: number;
  advisors: { id: string; displayName: string; role: string; presence: string; activeChats: number; maxConcurrentChats: number }[];
  activeChats: {
    chatId: string;
    reference: string;
    advisorId: string | null;
    advisorName: string | null;
    queuedAt: string;
    assignedAt: string | null;
    flags: string[];
    dangerKinds: DangerKind[];
    unreviewedFlag: boolean;
  }[];
}

/**
 * The supervisor's live board: the queue, advisors' presence and load, and the chats in progress with their
 * safety flags. A named cross-context read (chats, staff accounts, enquiries' references, safeguarding flags), in
 * one tenant transaction, because the board is polled and must be cheap.
 */
@Injectable()
export class SupervisionBoard {
  constructor(private readonly db: TenantDatabase) {}

  read(): Promise<SupervisionView> {
    return this.db.transaction(async (m) => {
      const [queue]: { waiting: number; longest: number | null }[] = await m.query(
        `select count(*)::int as waiting, extract(epoch from now() - min(queued_at))::int as longest from chats where status = 'queued'`,
      );
      const advisors: {
        id: string;
        display_name: string;
        role: string;
        presence: string | null;
        active: number;
        max_concurrent_chats: number;
      }[] = await m.query(
        `select staff.id, staff.display_name, staff.role, presence.status as presence, staff.max_concurrent_chats,
                (select count(*)::int from chats where chats.advisor_id = staff.id and chats.status = 'active') as active
           from staff_users staff left join advisor_presence presence on presence.user_id = staff.id and presence.connections > 0
          where staff.role in ('advisor', 'supervisor') and not staff.disabled
          order by presence.status nulls last, staff.display_name`,
      );
      // Chats with a safeguarding flag nobody has reviewed come first.
      const chats: {
        id: string;
        reference: string;
        advisor_id: string | null;
        display_name: string | null;
        queued_at: Date;
        assigned_at: Date | null;
        flags: string[];
        danger_kinds: DangerKind[];
        unreviewed: boolean;
      }[] = await m.query(
        `select chats.id, enquiries.reference, chats.advisor_id, staff.display_name, chats.queued_at, chats.assigned_at,
                array(select distinct e.metadata->>'kind' from enquiry_events e where e.enquiry_id = chats.enquiry_id and e.metadata->>'event' = 'safety_flag' and e.metadata->>'chatId' = chats.id::text) as flags,
                array(select distinct k from safeguarding_flags g, unnest(g.kinds) k where g.chat_id = chats.id order by k) as danger_kinds,
                exists (select 1 from safeguarding_flags g where g.chat_id = chats.id and g.status = 'open') as unreviewed
           from chats join enquiries on enquiries.id = chats.enquiry_id left join staff_users staff on staff.id = chats.advisor_id
          where chats.status = 'active' order by unreviewed desc, chats.assigned_at limit 500`,
      );
      return {
        waiting: queue.waiting,
        longestWaitSeconds: queue.longest ?? 0,
        advisors: advisors.map((row) => ({
          id: row.id,
          displayName: row.display_name,
          role: row.role,
          presence: row.presence ?? 'offline',
          activeChats: row.active,
          maxConcurrentChats: row.max_concurrent_chats,
        })),
        activeChats: chats.map((row) => ({
          chatId: row.id,
          reference: row.reference,
          advisorId: row.advisor_id,
          advisorName: row.display_name,
          queuedAt: row.queued_at.toISOString(),
          assignedAt: row.assigned_at?.toISOString() ?? null,
          flags: row.flags,
          dangerKinds: row.danger_kinds,
          unreviewedFlag: row.unreviewed,
        })),
      };
    });
  }
}
