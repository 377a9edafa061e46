/** The GOV.UK webchat availability states a council's page asks for before it shows a chat button. */
export type Availability = 'AVAILABLE' | 'BUSY' | 'UNAVAILABLE';

export interface AvailabilityFacts {
  /** Open now by the organisation's opening hours and bank holidays. */
  open: boolean;
  /** Advisors connected to the console and available for chats. */
  advisorsAvailable: number;
  /** Chats those advisors could still take before reaching their limits. */
  freeSlots: number;
  /** Chats waiting in the queue. */
  queued: number;
}

/**
 * UNAVAILABLE when closed or when nobody is on; BUSY when every available advisor is at their limit and at least as
 * many chats wait as there are advisors on (a newcomer would wait behind a whole round of chats); AVAILABLE
 * otherwise.
 */
export function availability(facts: AvailabilityFacts): Availability {
  if (!facts.open || facts.advisorsAvailable <= 0) return 'UNAVAILABLE';
  if (facts.queued >= facts.freeSlots + facts.advisorsAvailable) return 'BUSY';
  return 'AVAILABLE';
}
