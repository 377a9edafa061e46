/** How a contact reached the council. */
export const CHANNELS = ['phone', 'email', 'webchat', 'social', 'form', 'internal'] as const;
export type Channel = (typeof CHANNELS)[number];
/** The channels whose enquiries wait in the work queue (picked, or assigned automatically): not phone or live chat. */
export const WORK_CHANNELS = ['email', 'form', 'social'] as const satisfies readonly Channel[];

/** Who made the contact: a citizen, or someone working for or with the council (an internal enquiry). */
export const REQUESTER_TYPES = ['citizen', 'employee', 'volunteer', 'contractor'] as const;
export type RequesterType = (typeof REQUESTER_TYPES)[number];

export const ENQUIRY_STATUSES = ['new', 'in_progress', 'resolved', 'escalated', 'closed'] as const;
export type EnquiryStatus = (typeof ENQUIRY_STATUSES)[number];

/**
 * Where an enquiry stands against its service levels: at risk once 80 % of the working time has passed, breached when
 * due; paused while the advisor waits for the citizen to answer (the clock stands still).
 */
export const SLA_STATES = ['on_track', 'at_risk', 'breached', 'paused'] as const;
export type SlaState = (typeof SLA_STATES)[number];
/** The states the enquiry list can be filtered by (`?sla=`): those that need attention. */
export const SLA_FILTERS = ['at_risk', 'breached'] as const;
export type SlaFilter = (typeof SLA_FILTERS)[number];
