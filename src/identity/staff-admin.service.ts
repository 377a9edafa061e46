import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { DomainError, NotFoundError } from '../common/errors/domain-error.js';
import { TenantDatabase } from '../database/tenant-database.js';
import type { CreateStaffUserDto, StaffUserDto, UpdateStaffUserDto } from './dto/staff-user.dto.js';
import { PasswordHasher } from './password-hasher.js';
import { StaffUserEntity } from './staff-user.entity.js';
import { serviceById, serviceByCode, serviceCodes } from '../directory/service-reads.js';

const userNotFound = () => new NotFoundError('STAFF_USER_NOT_FOUND', 'Staff user');

/** An administrator's management of the staff accounts of their own organisation. */
@Injectable()
export class StaffAdminService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<StaffUserDto[]> {
    return this.db.transaction(async (m) => {
      const [users, codes] = await Promise.all([m.find(StaffUserEntity, { order: { email: 'ASC' } }), serviceCodes(m)]);
      return users.map((user) => toStaffUserDto(user, user.serviceId ? codes.get(user.serviceId) : undefined));
    });
  }

  async create(input: CreateStaffUserDto, organisationId: string): Promise<StaffUserDto> {
    const passwordHash = await this.hasher.hash(input.password);
    return this.db.transaction(async (m) => {
      const serviceId = await this.resolveBinding(m, input.role, input.service);
      const email = input.email.toLowerCase();
      const clash = await m.query('select 1 from staff_login_lookup($1)', [email]);
      if (clash.length > 0) throw new DomainError(409, 'STAFF_EMAIL_TAKEN', 'That e-mail address already has an account');
      const user = await m.save(
        m.create(StaffUserEntity, { organisationId, email, displayName: input.displayName, role: input.role, serviceId, passwordHash }),
      );
      await this.audit.record(m, {
        action: 'staff_user.create',
        entityType: 'staff_user',
        entityId: user.id,
        fields: ['email', 'displayName'],
        details: { role: input.role, service: input.service ?? null },
      });
      return toStaffUserDto(user, input.service);
    });
  }

  update(id: string, input: UpdateStaffUserDto): Promise<StaffUserDto> {
    return this.db.transaction(async (m) => {
      const user = await m.findOne(StaffUserEntity, { where: { id } });
      if (!user) throw userNotFound();
      const wasActiveAdmin = user.role === 'admin' && !user.disabled;
      const role = input.role ?? user.role;
      const currentCode = user.serviceId ? (await serviceById(m, user.serviceId))?.code : undefined;
      const code = role === 'service' ? (input.service ?? currentCode) : undefined;
      const serviceId = await this.resolveBinding(m, role, code);
      // A change of role or service, or disabling, signs the account out everywhere.
      if (role !== user.role || serviceId !== user.serviceId) user.tokenVersion += 1;
      user.serviceId = serviceId;
      user.role = role;
      if (input.displayName !== undefined) user.displayName = input.displayName;
      if (input.maxConcurrentChats !== undefined) user.maxConcurrentChats = input.maxConcurrentChats;
      if (input.maxAssignedWork !== undefined) user.maxAssignedWork = input.maxAssignedWork;
      if (input.skills !== undefined) user.skills = input.skills;
      if (input.disabled !== undefined && input.disabled !== user.disabled) {
        user.disabled = input.disabled;
        user.tokenVersion += 1;
      }
      if (input.password !== undefined) {
        user.passwordHash = await this.hasher.hash(input.password);
        user.tokenVersion += 1;
      }
      if (wasActiveAdmin && (role !== 'admin' || user.disabled)) await this.keepAnAdministrator(m, user.id);
      await m.save(user);
      await this.audit.record(m, {
        action: 'staff_user.update',
        entityType: 'staff_user',
        entityId: user.id,
        fields: [...(input.displayName !== undefined ? ['displayName'] : []), ...(input.password !== undefined ? ['password'] : [])],
        details: { role: user.role, service: code ?? null, disabled: user.disabled },
      });
      return toStaffUserDto(user, code);
    });
  }

  /**
   * An organisation never loses its last active administrator (no one could then manage its accounts): the other
   * active administrators are locked, so two demoting each other at once cannot both succeed.
   */
  private async keepAnAdministrator(m: EntityManager, leaving: string): Promise<void> {
    const others: { id: string }[] = await m.query(
      `select id from staff_users where role = 'admin' and not disabled and id <> $1 for update`,
      [leaving],
    );
    if (others.length === 0) {
      throw new DomainError(
        409,
        'LAST_ADMIN',
        'This is the organisation’s only active administrator: make someone else an administrator first',
      );
    }
  }

  private async resolveBinding(m: EntityManager, role: string, serviceCode: string | undefined): Promise<string | null> {
    if (role !== 'service') {
      if (serviceCode) throw new DomainError(422, 'SERVICE_NOT_ALLOWED', 'Only users with role "service" are bound to a service');
      return null;
    }
    if (!serviceCode) throw new DomainError(422, 'SERVICE_REQUIRED', 'A user with role "service" must name its service');
    const service = await serviceByCode(m, serviceCode);
    if (!service) throw new NotFoundError('SERVICE_NOT_FOUND', 'Service');
    return service.id;
  }
}

export function toStaffUserDto(user: StaffUserEntity, serviceCode: string | undefined): StaffUserDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    ...(serviceCode ? { service: serviceCode } : {}),
    disabled: user.disabled,
    maxConcurrentChats: user.maxConcurrentChats,
    maxAssignedWork: user.maxAssignedWork,
    skills: user.skills,
    ...(user.lastLoginAt ? { lastLoginAt: user.lastLoginAt.toISOString() } : {}),
  };
}
