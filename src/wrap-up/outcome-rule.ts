/**
 * Wrap-up outcomes: what came of an enquiry, in the organisation's own codes ("information given", "referred"…).
 * `outcomeFor` is the one rule for whether an outcome is required or valid when an enquiry is wrapped up; every
 * path that wraps one up (resolve, signpost, close, send and resolve, escalate) calls it.
 */

/** One of an organisation's outcome codes. */
export interface OutcomeCode {
  code: string;
  label: string;
  active: boolean;
}

/** An organisation's wrap-up settings: its codes in order (active or not) and whether an outcome is required. */
export interface WrapUpSettings {
  required: boolean;
  codes: readonly OutcomeCode[];
}

/** The codes every organisation starts with, in this order, until it sets its own. */
export const DEFAULT_OUTCOME_CODES: readonly OutcomeCode[] = [
  { code: 'information_given', label: 'Information given', active: true },
  { code: 'form_sent', label: 'Form sent', active: true },
  { code: 'referred', label: 'Referred to a service', active: true },
  { code: 'signposted', label: 'Signposted elsewhere', active: true },
  { code: 'no_further_action', label: 'No further action', active: true },
];

/** The ways an enquiry is wrapped up. Resolving and closing may require an outcome; escalating never does. */
export type WrapUpStep = 'resolve' | 'signpost' | 'close' | 'escalate';

/** The code a step records by itself when none is given, if the organisation has it active. */
const STEP_DEFAULT: Partial<Record<WrapUpStep, string>> = { signpost: 'signposted', escalate: 'referred' };

export type OutcomeRefusalCode = 'OUTCOME_UNKNOWN' | 'OUTCOME_INACTIVE' | 'OUTCOME_REQUIRED';

export type OutcomeDecision =
  /** `outcome`: the code to store now, or null to leave the enquiry's as it is. */
  { outcome: string | null; refusal?: undefined } | { outcome?: undefined; refusal: { code: OutcomeRefusalCode; problem: string } };

/**
 * The outcome a step records. A code given must be one of the organisation's, and active. With none given, the
 * step's own default (signposting: "signposted"; escalating: "referred") when active; else the enquiry keeps the
 * outcome it has. Resolving or closing an enquiry with no outcome at all is refused when the organisation requires one.
 * Problems name the field, never echo the value.
 */
export function outcomeFor(settings: WrapUpSettings, step: WrapUpStep, given: string | undefined, current: string | null): OutcomeDecision {
  if (given !== undefined) {
    const code = settings.codes.find((entry) => entry.code === given);
    if (!code)
      return {
        refusal: { code: 'OUTCOME_UNKNOWN', problem: 'outcome is not one of your organisation’s outcome codes (GET /api/outcome-codes)' },
      };
    if (!code.active)
      return { refusal: { code: 'OUTCOME_INACTIVE', problem: 'outcome is an outcome code no longer in use: choose an active one' } };
    return { outcome: code.code };
  }
  const fallback = STEP_DEFAULT[step];
  if (fallback && settings.codes.some((entry) => entry.code === fallback && entry.active)) return { outcome: fallback };
  if (current !== null || step === 'escalate' || !settings.required) return { outcome: null };
  return {
    refusal: {
      code: 'OUTCOME_REQUIRED',
      problem: 'an outcome is required when resolving or closing an enquiry: give one of your organisation’s outcome codes',
    },
  };
}
