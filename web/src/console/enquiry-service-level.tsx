import { useState } from 'preact/hooks';
import type { SlaState } from '../../../src/contracts/enquiry-vocabulary.js';
import { ApiError, formatInstant, request } from '../shared/api.js';
import { useSession } from '../shared/session-context.js';
import { ServiceLevel } from './service-level-tag.js';

/** What the enquiry view needs of the enquiry's service level (GET /api/enquiries/:id). */
export interface EnquiryServiceLevel {
  id: string;
  status: string;
  slaState: SlaState | null;
  slaDueAt?: string;
  firstResponseDueAt?: string;
  firstRespondedAt?: string;
  resolutionDueAt?: string;
  waitingSince?: string;
}

/**
 * The enquiry's service level in the enquiry view: its state in words, when the first response and the resolution
 * fall due, and the control that stops the clock while the advisor waits for the citizen to answer (and starts it
 * again). The citizen's answer on the enquiry's thread ends the wait by itself.
 */
export function EnquiryServiceLevelSection({ enquiry, onChanged }: { enquiry: EnquiryServiceLevel; onChanged: (message: string) => void }) {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const open = enquiry.status === 'new' || enquiry.status === 'in_progress';
  const act = async (path: 'wait-for-citizen' | 'stop-waiting', message: string) => {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await request('POST', `/api/enquiries/${enquiry.id}/${path}`, session);
      onChanged(message);
    } catch (failure) {
      setProblem(failure instanceof ApiError ? failure.message : 'That did not work: try again');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="service-level-heading" id="enquiry-service-level">
      <h2 class="govuk-heading-m" id="service-level-heading">
        Service level
      </h2>
      <p class="govuk-body">
        <ServiceLevel state={enquiry.slaState} dueAt={enquiry.slaDueAt} waitingSince={enquiry.waitingSince} />
      </p>
      <dl class="govuk-summary-list govuk-summary-list--no-border">
        {enquiry.firstResponseDueAt && (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">First response</dt>
            <dd class="govuk-summary-list__value">
              {enquiry.firstRespondedAt
                ? `given ${formatInstant(enquiry.firstRespondedAt)}`
                : `due ${formatInstant(enquiry.firstResponseDueAt)}`}
            </dd>
          </div>
        )}
        {enquiry.resolutionDueAt && (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Resolution</dt>
            <dd class="govuk-summary-list__value">due {formatInstant(enquiry.resolutionDueAt)}</dd>
          </div>
        )}
      </dl>
      {problem && (
        <p class="govuk-error-message" role="alert">
          <span class="govuk-visually-hidden">Error:</span> {problem}
        </p>
      )}
      {open && !enquiry.waitingSince && (
        <button
          type="button"
          class="govuk-button govuk-button--secondary"
          id="wait-for-citizen"
          aria-disabled={busy ? 'true' : undefined}
          onClick={() => void act('wait-for-citizen', 'Waiting for the citizen: the service-level clock is paused')}
        >
          Wait for the citizen’s answer
        </button>
      )}
      {enquiry.waitingSince && (
        <button
          type="button"
          class="govuk-button govuk-button--secondary"
          id="stop-waiting"
          aria-disabled={busy ? 'true' : undefined}
          onClick={() => void act('stop-waiting', 'No longer waiting: the service-level clock runs again')}
        >
          Stop waiting
        </button>
      )}
    </section>
  );
}
