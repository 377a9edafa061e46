import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenantDatabase } from '../database/tenant-database.js';
import type { StaffRole } from './staff-role.js';
import { StaffUserEntity } from './staff-user.entity.js';
import { readOrganisation } from '../tenancy/organisation-reads.js';
import { serviceById } from '../directory/service-reads.js';

export interface LoginCandidate {
  id: string;
  organisationId: string;
  passwordHash: string;
  disabled: boolean;
}

/** What the per-request check reads: the account as it stands, and the sign-in the token names. */
export interface AccessState {
  role: StaffRole;
  serviceId: string | null;
  disabled: boolean;
  tokenVersion: number;
  /** The id of the token of the sign-in that currently stands; null when the sign-in has ended or is unknown. */
  sessionTokenId: string | null;
}

/** One token's account and sign-in, as its claims name them. */
export interface AccessClaim {
  organisationId: string;
  userId: string;
  sessionId: string;
}

export const accessClaimKey = (claim: AccessClaim) => `${claim.organisationId}/${claim.userId}/${claim.sessionId}`;

export interface StaffAccount {
  user: StaffUserEntity;
  organisationSlug: string;
  serviceCode: string | null;
}

/** Staff accounts: the cross-tenant login lookup and tenant-scoped reads and updates. */
@Injectable()
export class StaffAccountRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** Through the definer function: the one place where an account is found before its tenant is known. */
  async findLoginCandidate(email: string): Promise<LoginCandidate | undefined> {
    const rows: { id: string; organisation_id: string; password_hash: string; disabled: boolean }[] = await this.db.lookup(
      'select * from staff_login_lookup($1)',
      [email],
    );
    const row = rows[0];
    return row && { id: row.id, organisationId: row.organisation_id, passwordHash: row.password_hash, disabled: row.disabled };
  }

  async recordLogin(organisationId: string, userId: string): Promise<StaffAccount | undefined> {
    return this.db.forTenant(organisationId, async (m) => {
      await m.update(StaffUserEntity, { id: userId }, { lastLoginAt: new Date() });
      return this.loadAccount(m, userId);
    });
  }

  /** The account as a sign-in answers it, without recording a sign-in. */
  async account(organisationId: string, userId: string): Promise<StaffAccount | undefined> {
    return this.db.forTenant(organisationId, (m) => this.loadAccount(m, userId));
  }

  /** What the per-request check needs, in one round trip (a definer function scoped to one account and one sign-in). */
  async accessState(claim: AccessClaim): Promise<AccessState | undefined> {
    const rows = await this.db.lookup<AccessStateRow>('select * from staff_access_state($1, $2, $3)', [
      claim.userId,
      claim.organisationId,
      claim.sessionId,
    ]);
    return rows[0] && accessStateOf(rows[0]);
  }

  /** The same check for many tokens at once (the console's periodic re-check of its open sockets), keyed by accessClaimKey. */
  async accessStates(claims: AccessClaim[]): Promise<Map<string, AccessState>> {
    if (claims.length === 0) return new Map();
    const rows = await this.db.lookup<AccessStateRow & { user_id: string; organisation_id: string; session_id: string }>(
      `select claim.user_id, claim.organisation_id, claim.session_id, state.* from unnest($1::uuid[], $2::uuid[], $3::uuid[]) as claim (user_id, organisation_id, session_id)
         cross join lateral staff_access_state(claim.user_id, claim.organisation_id, claim.session_id) as state`,
      [claims.map((claim) => claim.userId), claims.map((claim) => claim.organisationId), claims.map((claim) => claim.sessionId)],
    );
    return new Map(
      rows.map((row) => [
        accessClaimKey({ userId: row.user_id, organisationId: row.organisation_id, sessionId: row.session_id }),
        accessStateOf(row),
      ]),
    );
  }

  private async loadAccount(m: EntityManager, userId: string): Promise<StaffAccount | undefined> {
    const user = await m.findOne(StaffUserEntity, { where: { id: userId } });
    if (!user) return undefined;
    const organisation = await readOrganisation(m, user.organisationId);
    const service = user.serviceId ? await serviceById(m, user.serviceId) : null;
    return { user, organisationSlug: organisation.slug, serviceCode: service?.code ?? null };
  }
}

interface AccessStateRow {
  role: StaffRole;
  service_id: string | null;
  disabled: boolean;
  token_version: number;
  session_token_id: string | null;
}

const accessStateOf = (row: AccessStateRow): AccessState => ({
  role: row.role,
  serviceId: row.service_id,
  disabled: row.disabled,
  tokenVersion: row.token_version,
  sessionTokenId: row.session_token_id,
});
