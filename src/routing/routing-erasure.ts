import type { EntityManager } from 'typeorm';
import { affectedRows } from '../database/affected-rows.js';

/**
 * Erasure of the words a routing decision kept from some enquiries (the features it was made on). The topic and
 * the decision stay; the organisation's model counts are aggregates and name no one.
 */
export function eraseRoutingFeatures(m: EntityManager, enquiryIds: string[]): Promise<number> {
  return affectedRows(m, `update routing_decisions set features = '{}' where enquiry_id = any($1) and features <> '{}'`, [enquiryIds]);
}
