import type { EntityManager } from 'typeorm';
import { insertRow } from '../database/insert-row.js';
import { EnquiryEventEntity, type EnquiryEventKind, type EventAuthorType } from './enquiry-event.entity.js';

export interface TimelineEvent {
  organisationId: string;
  enquiryId: string;
  kind: EnquiryEventKind;
  authorType: EventAuthorType;
  authorId?: string | null;
  /** Free text (personal data). */
  body?: string | null;
  /** Non-personal facts: ids, status transitions, counts. */
  metadata?: Record<string, unknown>;
}

/** Appends one entry to an enquiry's timeline inside the caller's transaction: the one way every context does it. */
export function appendTimelineEvent(m: EntityManager, event: TimelineEvent): Promise<EnquiryEventEntity> {
  return insertRow(m, EnquiryEventEntity, { authorId: null, body: null, metadata: {}, ...event });
}
