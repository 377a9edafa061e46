import { Injectable } from '@nestjs/common';
import { enabledStaff } from '../../identity/staff-reads.js';
import { TenantDatabase } from '../../database/tenant-database.js';
import { AdvisorPresenceEntity, ChatEntity } from './chat.entities.js';
import { activeOrganisations, findOrganisation } from '../../tenancy/organisation-reads.js';

export interface ChatOffer {
  chatId: string;
  advisorId: string;
  expiresInSeconds: number;
}

/**
 * Automatic routing, for organisations that choose it: each waiting chat, oldest first, is offered to the
 * least-busy available advisor with the chat's skill and spare capacity; an offer not accepted in time goes to
 * the next advisor and that one is skipped for the chat. Runs under a per-organisation lock so that instances
 * never offer one chat twice.
 */
@Injectable()
export class ChatRouter {
  constructor(private readonly db: TenantDatabase) {}

  route(organisationId: string): Promise<ChatOffer[]> {
    return this.db.forTenant(organisationId, async (m) => {
      const organisation = await findOrganisation(m, organisationId);
      if (organisation?.chatRouting !== 'auto') return [];
      await m.query(`select pg_advisory_xact_lock(hashtext('signpost.route.' || $1))`, [organisationId]);
      await m.query(
        `update chats set skipped = array_append(skipped, offered_to), offered_to = null, offered_at = null
          where status = 'queued' and offered_to is not null and offered_at < now() - make_interval(secs => $1)`,
        [organisation.chatOfferSeconds],
      );
      const waiting = await m.find(ChatEntity, { where: { status: 'queued' }, order: { queuedAt: 'ASC', id: 'ASC' }, take: 200 });
      const unoffered = waiting.filter((chat) => !chat.offeredTo);
      if (unoffered.length === 0) return [];
      const present = await m.find(AdvisorPresenceEntity, { where: { status: 'available' } });
      if (present.length === 0) return [];
      const advisors = await enabledStaff(
        m,
        present.map((p) => p.userId),
      );
      const load = new Map<string, number>(advisors.map((advisor) => [advisor.id, 0]));
      const busy: { advisor_id: string; n: number }[] = await m.query(
        `select coalesce(advisor_id, offered_to) as advisor_id, count(*)::int as n from chats
          where (status = 'active' and advisor_id = any($1)) or (status = 'queued' and offered_to = any($1))
          group by 1`,
        [advisors.map((advisor) => advisor.id)],
      );
      for (const row of busy) load.set(row.advisor_id, row.n);
      const offers: ChatOffer[] = [];
      const now = new Date();
      for (const chat of unoffered) {
        const candidates = advisors
          .filter((advisor) => (load.get(advisor.id) ?? 0) < advisor.maxConcurrentChats)
          .filter((advisor) => !chat.skill || advisor.skills.includes(chat.skill))
          .filter((advisor) => !chat.skipped.includes(advisor.id))
          .sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.id.localeCompare(b.id));
        const chosen = candidates[0];
        if (!chosen) continue;
        await m.update(ChatEntity, { id: chat.id }, { offeredTo: chosen.id, offeredAt: now });
        load.set(chosen.id, (load.get(chosen.id) ?? 0) + 1);
        offers.push({ chatId: chat.id, advisorId: chosen.id, expiresInSeconds: organisation.chatOfferSeconds });
      }
      return offers;
    });
  }

  /** Organisations routing automatically: the periodic sweep re-offers what timed out. */
  async automaticOrganisations(): Promise<string[]> {
    const rows = await this.db.registry((m) => activeOrganisations(m, { chatRouting: 'auto' }));
    return rows.map((row) => row.id);
  }

  /** The console is open: available unless the advisor said otherwise. */
  connected(organisationId: string, userId: string): Promise<void> {
    return this.db.forTenant(organisationId, async (m) => {
      await m.query(
        `insert into advisor_presence (organisation_id, user_id, status, connections) values ($1, $2, 'available', 1)
         on conflict (organisation_id, user_id) do update set connections = advisor_presence.connections + 1, updated_at = now()`,
        [organisationId, userId],
      );
    });
  }

  disconnected(organisationId: string, userId: string): Promise<void> {
    return this.db.forTenant(organisationId, async (m) => {
      await m.query(`update advisor_presence set connections = connections - 1, updated_at = now() where user_id = $1`, [userId]);
      await m.query(`delete from advisor_presence where user_id = $1 and connections <= 0`, [userId]);
    });
  }

  setPresence(organisationId: string, userId: string, status: 'available' | 'away'): Promise<void> {
    return this.db.forTenant(organisationId, async (m) => {
      await m.query(`update advisor_presence set status = $2, updated_at = now() where user_id = $1`, [userId, status]);
    });
  }
}
