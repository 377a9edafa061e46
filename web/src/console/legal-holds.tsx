import { useEffect, useState } from 'preact/hooks';
import { formatInstant, request } from '../shared/api.js';
import { useApi, useSession } from '../shared/session-context.js';
import { ActionForm, Radios, Select, TextArea, TextInput, useSubmission, type Problem } from '../shared/govuk-form.js';

/** A legal hold as the API answers it (LegalHoldDto): on a person or on one enquiry, never both. */
export interface LegalHold {
  id: string;
  dataSubjectId?: string;
  enquiryId?: string;
  reason: string;
  placedAt: string;
  releasedAt?: string;
  releaseReason?: string;
}

type TargetKind = 'enquiry' | 'person';

/** A record a hold may be placed on, offered by name where the page knows it (the records search). */
export interface HoldChoice {
  kind: TargetKind;
  id: string;
  label: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a hold keeps, in a few words (the API gives ids only). */
export const holdTarget = (hold: LegalHold) => (hold.enquiryId ? `Enquiry ${hold.enquiryId}` : `Person ${hold.dataSubjectId ?? ''}`);

const KINDS: [TargetKind, string, string][] = [
  ['enquiry', 'An enquiry', 'Keeps that enquiry and its messages, calls and referrals'],
  ['person', 'A person', 'Keeps everything held about them, on every enquiry'],
];

/**
 * Placing a legal hold: on an id typed or pasted, or, where the page found the records (a subject request's
 * search), on one of them chosen by name. Held records survive erasure requests and retention sweeps.
 */
export function PlaceLegalHoldForm({ id, choices, onPlaced }: { id: string; choices?: HoldChoice[]; onPlaced: (message: string) => void }) {
  const session = useSession();
  const [kind, setKind] = useState<TargetKind>('enquiry');
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const targetId = `${id}-target`;
  const reasonId = `${id}-reason`;
  const { problems, busy, submit, errorOf } = useSubmission({ dataSubjectId: targetId, enquiryId: targetId, reason: reasonId }, targetId);
  // With choices, the select's value is "kind:id"; without, the radios say which kind of id was typed.
  const chosen = (): { kind: TargetKind; id: string } => {
    if (!choices) return { kind, id: target.trim() };
    const [chosenKind, chosenId = ''] = target.split(':');
    return { kind: chosenKind === 'person' ? 'person' : 'enquiry', id: chosenId };
  };
  const check = () => {
    const found: Problem[] = [];
    const { id: given } = chosen();
    if (!given)
      found.push({
        field: targetId,
        message: choices ? 'Choose the record to hold' : `Enter the ${kind === 'enquiry' ? 'enquiry’s' : 'person’s'} id`,
      });
    else if (!UUID.test(given))
      found.push({ field: targetId, message: 'Enter the id as it is shown, like 0b5c2f9e-4d1a-4c61-9f0e-2a7d8c3b1e55' });
    if (reason.trim().length < 5) found.push({ field: reasonId, message: 'Enter why the records must be kept (at least 5 characters)' });
    return found;
  };
  return (
    <ActionForm
      id={id}
      title="Place a legal hold"
      intro="Held records are kept whatever an erasure request or the retention schedule says, until the hold is released."
      button="Place a legal hold"
      busy={busy}
      problems={problems}
      onSubmit={() =>
        void submit(check, async () => {
          const held = chosen();
          const hold = await request<LegalHold>('POST', '/api/legal-holds', session, {
            [held.kind === 'enquiry' ? 'enquiryId' : 'dataSubjectId']: held.id,
            reason: reason.trim(),
          });
          setTarget('');
          setReason('');
          const label = choices?.find((choice) => choice.kind === held.kind && choice.id === held.id)?.label ?? holdTarget(hold);
          onPlaced(`Legal hold placed on ${label.charAt(0).toLowerCase()}${label.slice(1)}`);
        })
      }
    >
      {choices ? (
        <Select
          id={targetId}
          label="Record to hold"
          error={errorOf(targetId)}
          value={target}
          options={[['', 'Choose a record'], ...choices.map((choice): [string, string] => [`${choice.kind}:${choice.id}`, choice.label])]}
          onChange={setTarget}
        />
      ) : (
        <>
          <Radios
            id={`${id}-kind`}
            label="What to hold"
            value={kind}
            options={KINDS}
            onChange={(value) => setKind(value as TargetKind)}
            small
          />
          <TextInput
            id={targetId}
            label={kind === 'enquiry' ? 'Enquiry id' : 'Person’s id'}
            hint="Like 0b5c2f9e-4d1a-4c61-9f0e-2a7d8c3b1e55. To choose by name instead, search for the person’s records on a subject request and place the hold there."
            error={errorOf(targetId)}
            value={target}
            onInput={setTarget}
          />
        </>
      )}
      <TextArea
        id={reasonId}
        label="Why the records must be kept"
        hint="Say why, not who: no personal details. For example, pre-action letter received, ref LGL-2026-041."
        error={errorOf(reasonId)}
        value={reason}
        onInput={setReason}
        rows={2}
      />
    </ActionForm>
  );
}

function ReleaseForm({ hold, onReleased, onCancel }: { hold: LegalHold; onReleased: (message: string) => void; onCancel: () => void }) {
  const session = useSession();
  const [reason, setReason] = useState('');
  const { problems, busy, submit, errorOf } = useSubmission({ reason: 'release-reason' }, 'release-reason');
  useEffect(() => document.getElementById('release-reason')?.focus(), [hold.id]);
  return (
    <ActionForm
      id="release-hold"
      title={`Release the hold on ${holdTarget(hold).toLowerCase()}`}
      intro="Its records are then erased as erasure requests and the retention schedule say."
      button="Release the hold"
      secondary
      busy={busy}
      problems={problems}
      onCancel={onCancel}
      onSubmit={() =>
        void submit(
          () =>
            reason.trim().length < 5
              ? [{ field: 'release-reason', message: 'Enter why the hold is released (at least 5 characters)' }]
              : [],
          async () => {
            await request<LegalHold>('POST', `/api/legal-holds/${hold.id}/release`, session, { reason: reason.trim() });
            onReleased(`Legal hold on ${holdTarget(hold).toLowerCase()} released`);
          },
        )
      }
    >
      <p class="govuk-body">
        Placed {formatInstant(hold.placedAt)}: {hold.reason}
      </p>
      <TextArea
        id="release-reason"
        label="Why it is released"
        hint="For example, claim settled; no further action"
        error={errorOf('release-reason')}
        value={reason}
        onInput={setReason}
        rows={2}
      />
    </ActionForm>
  );
}

/** The active legal holds, releasing one, and placing one on an id. */
export function LegalHolds({ onDone }: { onDone: (message: string) => void }) {
  const { data: holds, error, reload } = useApi<LegalHold[]>('/api/legal-holds?state=active');
  const [releasing, setReleasing] = useState<LegalHold>();
  const done = (message: string) => {
    setReleasing(undefined);
    void reload();
    onDone(message);
  };
  return (
    <section aria-labelledby="legal-holds-heading" class="govuk-!-margin-bottom-8">
      <h2 class="govuk-heading-l" id="legal-holds-heading">
        Legal holds
      </h2>
      <p class="govuk-body">
        A hold keeps a person’s or an enquiry’s records, for a claim, an investigation or an inquiry, whatever erasure requests and the
        retention schedule say. Erasures and retention sweeps list what they kept.
      </p>
      {error && <p class="govuk-error-message">{error}</p>}
      {holds && holds.length === 0 && (
        <p class="govuk-body" id="no-legal-holds">
          No records are held.
        </p>
      )}
      {holds && holds.length > 0 && (
        <table class="govuk-table" id="legal-holds">
          <caption class="govuk-table__caption govuk-table__caption--m">Active holds</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                What is held
              </th>
              <th scope="col" class="govuk-table__header">
                Why
              </th>
              <th scope="col" class="govuk-table__header">
                Placed
              </th>
              <th scope="col" class="govuk-table__header">
                <span class="govuk-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {holds.map((hold) => (
              <tr class="govuk-table__row" key={hold.id}>
                <td class="govuk-table__cell signpost-pre-wrap">{holdTarget(hold)}</td>
                <td class="govuk-table__cell signpost-pre-wrap">{hold.reason}</td>
                <td class="govuk-table__cell">{formatInstant(hold.placedAt)}</td>
                <td class="govuk-table__cell">
                  <button
                    type="button"
                    class="govuk-link signpost-link-button"
                    id={`release-${hold.id}`}
                    onClick={() => setReleasing(hold)}
                  >
                    Release<span class="govuk-visually-hidden"> the hold on {holdTarget(hold).toLowerCase()}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {releasing && (
        <ReleaseForm
          hold={releasing}
          onReleased={done}
          onCancel={() => {
            const button = `release-${releasing.id}`;
            setReleasing(undefined);
            // Back to where the person was in the list.
            setTimeout(() => document.getElementById(button)?.focus());
          }}
        />
      )}
      <PlaceLegalHoldForm id="place-hold" onPlaced={done} />
    </section>
  );
}
