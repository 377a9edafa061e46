import type { SlaState } from '../../../src/contracts/enquiry-vocabulary.js';
import { formatInstant } from '../shared/api.js';

/** A service level's state in words (never colour alone), with the GOV.UK tag colour that goes with it. */
export const SLA_TAGS: Record<SlaState, { text: string; tag: string }> = {
  on_track: { text: 'On track', tag: 'govuk-tag--green' },
  at_risk: { text: 'At risk', tag: 'govuk-tag--orange' },
  breached: { text: 'Breached', tag: 'govuk-tag--red' },
  paused: { text: 'Paused', tag: 'govuk-tag--grey' },
};

/**
 * Where a piece of work stands against its service level, as every console list shows it: the state in words and
 * when it falls (or fell) due; while paused, since when the advisor has been waiting for the citizen.
 */
export function ServiceLevel({ state, dueAt, waitingSince }: { state: SlaState | null; dueAt?: string; waitingSince?: string }) {
  if (!state) return <span class="govuk-body-s">No target running</span>;
  return (
    <>
      <strong class={`govuk-tag ${SLA_TAGS[state].tag}`}>{SLA_TAGS[state].text}</strong>
      {state === 'paused' && (
        <span class="govuk-body-s govuk-!-display-block">
          waiting for the citizen{waitingSince ? ` since ${formatInstant(waitingSince)}` : ''}
        </span>
      )}
      {dueAt && state !== 'paused' && (
        <span class="govuk-body-s govuk-!-display-block">
          {state === 'breached' ? 'was due' : 'due'} {formatInstant(dueAt)}
        </span>
      )}
    </>
  );
}
