import type { AcknowledgementState as State } from '../../../src/contracts/referral-acknowledgement.js';
import { formatInstant } from './api.js';

/** A working-time target as the API gives it (`WorkingTimeTargetDto`). */
export interface WorkingTimeTarget {
  amount: number;
  unit: 'working_hours' | 'working_days';
}

/** "1 working day", "4 working hours". */
export function targetInWords(target: WorkingTimeTarget): string {
  const unit = target.unit === 'working_days' ? 'working day' : 'working hour';
  return `${target.amount} ${unit}${target.amount === 1 ? '' : 's'}`;
}

/** A referral's acknowledgement as the API gives it (`EscalationDto`). */
export interface ReferralAcknowledgement {
  status: string;
  acknowledgementDueAt?: string;
  acknowledgementState: State | null;
  acknowledgedOnTime?: boolean;
}

/** The acknowledgement state in words (never colour alone), with the GOV.UK tag colour that goes with it. */
const STATES: Record<State, { text: string; tag: string }> = {
  on_track: { text: 'On track', tag: 'govuk-tag--green' },
  at_risk: { text: 'At risk', tag: 'govuk-tag--orange' },
  breached: { text: 'Overdue', tag: 'govuk-tag--red' },
};

/** Where a referral stands against its acknowledgement target: a tag in words and the acknowledge-by time. */
export function AcknowledgementState({ referral, id }: { referral: ReferralAcknowledgement; id?: string }) {
  const due = referral.acknowledgementDueAt;
  if (!due) return <span id={id}>No acknowledgement target</span>;
  if (referral.acknowledgementState) {
    const state = STATES[referral.acknowledgementState];
    return (
      <span id={id}>
        <strong class={`govuk-tag ${state.tag}`}>{state.text}</strong>
        <span class="govuk-body-s govuk-!-display-block">
          {referral.acknowledgementState === 'breached' ? 'was due' : 'acknowledge by'} {formatInstant(due)}
        </span>
      </span>
    );
  }
  return (
    <span id={id}>
      <strong class={`govuk-tag ${referral.acknowledgedOnTime ? 'govuk-tag--green' : 'govuk-tag--grey'}`}>
        {referral.acknowledgedOnTime ? 'Acknowledged on time' : 'Acknowledged late'}
      </strong>
      <span class="govuk-body-s govuk-!-display-block">was due {formatInstant(due)}</span>
    </span>
  );
}
