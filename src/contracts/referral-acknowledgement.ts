/**
 * Where a referral stands against its acknowledgement target while the service has not acknowledged it: at risk once
 * 80 % of the working time has passed, breached when due. (No pause: the council does not wait on the service.)
 */
export const ACKNOWLEDGEMENT_STATES = ['on_track', 'at_risk', 'breached'] as const;
export type AcknowledgementState = (typeof ACKNOWLEDGEMENT_STATES)[number];
