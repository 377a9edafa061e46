import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenantDatabase } from '../database/tenant-database.js';
import { OrganisationEntity } from '../tenancy/organisation.entity.js';
import { ServiceEntity } from '../directory/service.entity.js';
import type { StaffRole } from './staff-role.js';
import { StaffUserEntity } from './staff-user.entity.js';

export interface LoginCandidate {
  id: string;
  organisationId: string;
  passwordHash: string;
  disabled: boolean;
}

export interface TokenState {
  role: StaffRole;
  serviceId: string | null;
  disabled: boolean;
  tokenVersion: number;
}

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
    const rows: { id: string; organisation_id: string; password_hash: string; disabled: boolean }[] =
      await this.db.lookup('select * from staff_login_lookup($1)', [email]);
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

  /** What the per-request account check needs, in one round trip (a definer function scoped to one account). */
  async tokenState(organisationId: string, userId: string): Promise<TokenState | undefined> {
    const rows = await this.db.lookup<{ role: StaffRole; service_id: string | null; disabled: boolean; token_version: number }>('select * from staff_token_state($1, $2)', [
      userId,
      organisationId,
    ]);
    const row = rows[0];
    return row && { role: row.role, serviceId: row.service_id, disabled: row.disabled, tokenVersion: row.token_version };
  }

  /** The same check for many accounts at once (the console's periodic re-check of its open sockets). */
  async tokenStates(accounts: { organisationId: string; userId: string }[]): Promise<Map<string, TokenState>> {
    if (accounts.length === 0) return new Map();
    const rows = await this.db.lookup<{ user_id: string; role: StaffRole; service_id: string | null; disabled: boolean; token_version: number }>(
      `select account.user_id, state.* from unnest($1::uuid[], $2::uuid[]) as account (user_id, organisation_id)
         cross join lateral staff_token_state(account.user_id, account.organisation_id) as state`,
      [accounts.map((account) => account.userId), accounts.map((account) => account.organisationId)],
    );
    return new Map(rows.map((row) => [row.user_id, { role: row.role, serviceId: row.service_id, disabled: row.disabled, tokenVersion: row.token_version }]));
  }

  private async loadAccount(m: EntityManager, userId: string): Promise<StaffAccount | undefined> {
    const user = await m.findOne(StaffUserEntity, { where: { id: userId } });
    if (!user) return undefined;
    const organisation = await m.findOneOrFail(OrganisationEntity, { where: { id: user.organisationId } });
    const service = user.serviceId ? await m.findOne(ServiceEntity, { where: { id: user.serviceId } }) : null;
    return { user, organisationSlug: organisation.slug, serviceCode: service?.code ?? null };
  }
}
