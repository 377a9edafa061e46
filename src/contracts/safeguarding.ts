// The detector owns its list of danger kinds (its model is trained on them); the pages and the API take it from here.
export { DANGER_KINDS, isDangerKind, type DangerKind } from '../safeguarding/detector/danger-kinds.js';
import type { DangerKind } from '../safeguarding/detector/danger-kinds.js';

/** A flag is open until a supervisor reviews it as handled or as a false alarm. */
export const FLAG_STATUSES = ['open', 'handled', 'false_alarm'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/** A supervisor's review of a flag. */
export const FLAG_DECISIONS = ['handled', 'false_alarm'] as const satisfies readonly FlagStatus[];
export type FlagDecision = (typeof FLAG_DECISIONS)[number];

/** The safety rails a live chat can trip: someone may be in danger, or a likely fraud (a supplier's bank details). */
export const SAFETY_FLAGS = ['danger', 'bank_details_change'] as const;
export type SafetyFlag = (typeof SAFETY_FLAGS)[number];

/** A flag as staff see it (FlagDto): ids, kinds and the review, never the citizen's words. */
export interface SafeguardingFlagView {
  id: string;
  enquiryId: string;
  reference: string;
  /** The live chat, when the words came by webchat. */
  chatId: string | null;
  channel: string;
  kinds: DangerKind[];
  status: FlagStatus;
  raisedAt: string;
  reviewedAt: string | null;
  reviewedBy: { id: string; displayName: string } | null;
  reviewNote: string | null;
}

/** What the consoles hear when a flag is raised on any channel: kinds and ids, never the words. */
export interface FlagRaised {
  flagId: string;
  enquiryId: string;
  reference: string;
  chatId: string | null;
  channel: string;
  kinds: DangerKind[];
  raisedAt: string;
}

/** What the consoles hear when a supervisor reviews a flag. */
export interface FlagReviewed {
  flagId: string;
  status: FlagStatus;
}
