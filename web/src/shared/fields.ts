import { SHARED_FIELD_LABELS } from '../../../src/contracts/shared-fields.js';

/** What a shared field of a referral is called on the pages (the API names it in camelCase); undefined for others. */
export const fieldLabel = (field: string): string | undefined => (SHARED_FIELD_LABELS as Record<string, string | undefined>)[field];
