import { SetMetadata } from '@nestjs/common';
import type { StaffRole } from '../../identity/staff-role.js';

export const PUBLIC_ROUTE = 'signpost:public';
export const ALLOWED_ROLES = 'signpost:roles';

/**
 * A route open without a staff login: health, metrics, login itself, and machine-to-machine routes that
 * check a signature instead. Every other route must name its roles with @Roles.
 */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The staff roles allowed to use a route. A route with neither @Public nor @Roles refuses everyone. */
export const Roles = (...roles: StaffRole[]) => SetMetadata(ALLOWED_ROLES, roles);

export const ALL_STAFF: StaffRole[] = ['advisor', 'supervisor', 'service', 'dpo', 'admin'];
