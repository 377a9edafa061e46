/** Staff roles. A `service` user is bound to one back-office service of its organisation. */
export const STAFF_ROLES = ['advisor', 'supervisor', 'service', 'dpo', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
