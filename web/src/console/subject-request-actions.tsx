import { useState } from 'preact/hooks';
import type { ConsentMethod } from '../../../src/contracts/special-category.js';
import { request, type Session } from '../shared/api.js';
import { useSession } from '../shared/session-context.js';
import { optionsOf } from '../shared/options.js';
import {
  ActionForm,
  DateInput,
  isBlank,
  isoDate,
  NO_DATE,
  Radios,
  requiredPastDate,
  Select,
  TextArea,
  TextInput,
  todayParts,
  useSubmission,
  type Problem,
} from '../shared/govuk-form.js';
import { recipientsTold, type SubjectRequest } from './subject-request-model.js';

/** What every action form is given: the request, and what to say once the API has accepted the action. */
export interface ActionProps {
  request: SubjectRequest;
  onDone: (message: string) => void;
}

/** Newer answers of the API say how many services that received the data were told of the change. */
type Notified = { recipientsNotified?: number };

const post = <T = SubjectRequest,>(session: Session, target: SubjectRequest, action: string, body?: unknown) =>
  request<T>('POST', `/api/subject-requests/${target.id}/${action}`, session, body);

/** Identity evidence, or a representative's proof of authority: the type of document seen (never a copy) and when it came. */
export function EvidenceForm({ request: item, onDone, kind }: ActionProps & { kind: 'identity' | 'authority' }) {
  const session = useSession();
  const id = kind === 'identity' ? 'verify-identity' : 'record-authority';
  const [evidence, setEvidence] = useState('');
  const [received, setReceived] = useState(todayParts);
  const { problems, busy, submit, errorOf } = useSubmission(
    { evidence: `${id}-evidence`, receivedAt: `${id}-received-day` },
    `${id}-evidence`,
  );
  const check = () => {
    const found: Problem[] = [];
    if (evidence.trim().length < 2)
      found.push({
        field: `${id}-evidence`,
        message: kind === 'identity' ? 'Enter the type of identity document seen' : 'Enter the proof of authority seen',
      });
    requiredPastDate(received, `${id}-received`, 'the date it was received', found);
    return found;
  };
  return (
    <ActionForm
      id={id}
      title={kind === 'identity' ? 'Verify their identity' : `Record ${item.representative?.name ?? 'the representative'}’s authority`}
      intro={
        kind === 'identity'
          ? 'Record what was seen, not a copy of it. The clock starts again from the day it arrived.'
          : 'For example a signed letter of authority or a lasting power of attorney. The clock runs from the later of identity and authority.'
      }
      button={kind === 'identity' ? 'Record identity evidence' : 'Record authority'}
      busy={busy}
      problems={problems}
      onSubmit={() =>
        void submit(check, async () => {
          await post(session, item, kind === 'identity' ? 'verify-identity' : 'authority', {
            evidence: evidence.trim(),
            receivedAt: isoDate(received),
          });
          onDone(kind === 'identity' ? 'Identity verified' : 'Authority recorded');
        })
      }
    >
      <TextInput
        id={`${id}-evidence`}
        label={kind === 'identity' ? 'Evidence seen' : 'Proof of authority seen'}
        hint={kind === 'identity' ? 'For example, passport, or driving licence and a council tax bill' : undefined}
        error={errorOf(`${id}-evidence`)}
        value={evidence}
        onInput={setEvidence}
      />
      <DateInput
        id={`${id}-received`}
        label="Date received"
        error={errorOf(`${id}-received-day`)}
        value={received}
        onChange={setReceived}
      />
    </ActionForm>
  );
}

/** A clarification that is genuinely needed stops the clock until the answer comes. */
export function ClarificationForm({ request: item, onDone }: ActionProps) {
  const session = useSession();
  const [reason, setReason] = useState('');
  const [asked, setAsked] = useState(todayParts);
  const { problems, busy, submit, errorOf } = useSubmission({ reason: 'clarify-reason', on: 'clarify-on-day' }, 'clarify-reason');
  const check = () => {
    const found: Problem[] = [];
    if (reason.trim().length < 5)
      found.push({ field: 'clarify-reason', message: 'Enter what you need the person to clarify (at least 5 characters)' });
    requiredPastDate(asked, 'clarify-on', 'the date you asked', found);
    return found;
  };
  return (
    <ActionForm
      id="clarify"
      title="Ask for clarification"
      intro="Only when it is genuinely needed to answer the request: the clock stops until the answer arrives."
      button="Record the question"
      secondary
      busy={busy}
      problems={problems}
      onSubmit={() =>
        void submit(check, async () => {
          await post(session, item, 'clarification', { reason: reason.trim(), on: isoDate(asked) });
          onDone('Clarification asked: the clock is stopped');
        })
      }
    >
      <TextArea id="clarify-reason" label="What you asked" error={errorOf('clarify-reason')} value={reason} onInput={setReason} rows={2} />
      <DateInput id="clarify-on" label="Date asked" error={errorOf('clarify-on-day')} value={asked} onChange={setAsked} />
    </ActionForm>
  );
}

export function ClarificationAnsweredForm({ request: item, onDone }: ActionProps) {
  const session = useSession();
  const [answered, setAnswered] = useState(todayParts);
  const { problems, busy, submit, errorOf } = useSubmission({ on: 'answered-on-day' }, 'answered-on-day');
  const awaited = item.pauses.find((pause) => !pause.to);
  return (
    <ActionForm
      id="clarification-answered"
      title="Clarification answered"
      intro={awaited ? `Asked on ${awaited.from}: ${awaited.reason}` : undefined}
      button="Record the answer"
      busy={busy}
      problems={problems}
      onSubmit={() =>
        void submit(
          () => {
            const found: Problem[] = [];
            requiredPastDate(answered, 'answered-on', 'the date the answer arrived', found);
            return found;
          },
          async () => {
            await post(session, item, 'clarification/answer', { on: isoDate(answered) });
            onDone('Clarification answered: the clock runs again');
          },
        )
      }
    >
      <DateInput
        id="answered-on"
        label="Date the answer arrived"
        error={errorOf('answered-on-day')}
        value={answered}
        onChange={setAnswered}
      />
    </ActionForm>
  );
}

/** Complex requests may be extended to three months, with reasons, before the first month ends (409 otherwise). */
export function ExtendForm({ request: item, onDone }: ActionProps) {
  const session = useSession();
  const [reason, setReason] = useState('');
  const { problems, busy, submit, errorOf } = useSubmission({ reason: 'extend-reason' }, 'extend-reason');
  return (
    <ActionForm
      id="extend"
      title="Extend the deadline"
      intro="For a complex request, by two further months. It must be recorded before the first month ends, and the person told why."
      button="Extend the deadline"
      secondary
      busy={busy}
      problems={problems}
      onSubmit={() =>
        void submit(
          () =>
            reason.trim().length < 5
              ? [{ field: 'extend-reason', message: 'Enter why the request is complex (at least 5 characters)' }]
              : [],
          async () => {
            const extended = await post(session, item, 'extend', { reason: reason.trim() });
            onDone(`Extended: now due ${extended.dueAt}`);
          },
        )
      }
    >
      <TextArea id="extend-reason" label="Why it is complex" error={errorOf('extend-reason')} value={reason} onInput={setReason} rows={2} />
    </ActionForm>
  );
}

export function FulfilForm({ request: item, onDone }: ActionProps) {
  const session = useSession();
  const [outcome, setOutcome] = useState('');
  const { problems, busy, submit, errorOf } = useSubmission({ outcome: 'fulfil-outcome' }, 'fulfil-outcome');
  return (
    <ActionForm
      id="fulfil"
      title="Complete the request"
      intro="Once the response has gone to the person: the request is then closed."
      button="Mark as completed"
      busy={busy}
      problems={problems}
      onSubmit={() =>
        void submit(
          () =>
            outcome.trim().length < 3 ? [{ field: 'fulfil-outcome', message: 'Enter what was done and how the person was told' }] : [],
          async () => {
            await post(session, item, 'fulfil', { outcome: outcome.trim() });
            onDone('Request completed');
          },
        )
      }
    >
      <TextArea
        id="fulfil-outcome"
        label="Outcome"
        hint="What was done, and how the response was sent"
        error={errorOf('fulfil-outcome')}
        value={outcome}
        onInput={setOutcome}
        rows={2}
      />
    </ActionForm>
  );
}

const RECTIFIABLE: [
  key: 'name' | 'email' | 'phone' | 'address' | 'postcode',
  label: string,
  type: 'text' | 'email' | 'tel',
  hint?: string,
][] = [
  ['name', 'Correct name', 'text'],
  ['email', 'Correct email', 'email', 'Replaces the e-mail addresses held'],
  ['phone', 'Correct phone', 'tel', 'Replaces the phone numbers held'],
  ['address', 'Correct address', 'text'],
  ['postcode', 'Correct postcode', 'text'],
];

/** Art. 16: only the details given change. */
export function RectifyForm({ request: item, onDone }: ActionProps) {
  const session = useSession();
  const [changes, setChanges] = useState({ name: '', email: '', phone: '', address: '', postcode: '' });
  const [dateOfBirth, setDateOfBirth] = useState(NO_DATE);
  const inputs = Object.fromEntries([
    ...RECTIFIABLE.map(([key]) => [`changes.${key}`, `rectify-${key}`]),
    ['changes', 'rectify-name'],
    ['changes.dateOfBirth', 'rectify-dob-day'],
  ]);
  const { problems, busy, submit, errorOf } = useSubmission(inputs, 'rectify-name');
  const check = () => {
    const found: Problem[] = [];
    if (!Object.values(changes).some((value) => value.trim()) && isBlank(dateOfBirth))
      found.push({ field: 'rectify-name', message: 'Enter at least one corrected detail' });
    if (!isBlank(dateOfBirth) && !isoDate(dateOfBirth))
      found.push({ field: 'rectify-dob-day', message: 'Date of birth must be a real date, such as 27 3 1958' });
    return found;
  };
  return (
    <ActionForm
      id="rectify"
      title="Correct their details"
      intro="Only the details you give change, on every record confirmed as theirs. Services that received the old details are listed in the disclosure ledger."
      button="Correct the details"
      busy={busy}
      problems={problems}
      onSubmit={() =>
        void submit(check, async () => {
          const given = Object.fromEntries(
            Object.entries(changes)
              .filter(([, value]) => value.trim())
              .map(([key, value]) => [key, value.trim()]),
          );
          const done = await post<Notified & { changed: string[] }>(session, item, 'rectify', {
            changes: { ...given, dateOfBirth: isoDate(dateOfBirth) },
          });
          onDone(`Corrected: ${done.changed.join(', ')}${recipientsTold(done.recipientsNotified)}`);
        })
      }
    >
      {RECTIFIABLE.map(([key, label, type, hint]) => (
        <TextInput
          key={key}
          id={`rectify-${key}`}
          label={`${label} (optional)`}
          hint={hint}
          type={type}
          width={key === 'postcode' ? 10 : undefined}
          error={errorOf(`rectify-${key}`)}
          value={changes[key]}
          onInput={(value) => setChanges({ ...changes, [key]: value })}
        />
      ))}
      <DateInput
        id="rectify-dob"
        label="Correct date of birth (optional)"
        error={errorOf('rectify-dob-day')}
        value={dateOfBirth}
        onChange={setDateOfBirth}
      />
    </ActionForm>
  );
}

/** Art. 18: from now on their data is only stored. */
export function RestrictForm({ request: item, onDone }: ActionProps) {
  const session = useSession();
  const { problems, busy, submit } = useSubmission({}, 'restrict-title');
  return (
    <ActionForm
      id="restrict"
      title="Restrict processing"
      intro="Their records are then only stored: no notes, advice, assignment, referral or export until the restriction is lifted."
      button="Restrict processing"
      busy={busy}
      problems={problems}
      onSubmit={() =>
        void submit(
          () => [],
          async () => {
            const done = await post<Notified>(session, item, 'restrict');
            onDone(`Processing restricted${recipientsTold(done.recipientsNotified)}`);
          },
        )
      }
    />
  );
}

/** A restriction is lifted only after the person has been told it will be (Art. 18(3)). */
export function LiftRestrictionForm({ request: item, onDone }: ActionProps) {
  const session = useSession();
  const [told, setTold] = useState(todayParts);
  const [method, setMethod] = useState('');
  const { problems, busy, submit, errorOf } = useSubmission({ personToldOn: 'lift-told-day', method: 'lift-method' }, 'lift-method');
  const check = () => {
    const found: Problem[] = [];
    requiredPastDate(told, 'lift-told', 'the date the person was told', found);
    if (method.trim().length < 2) found.push({ field: 'lift-method', message: 'Enter how the person was told, such as letter' });
    return found;
  };
  return (
    <ActionForm
      id="lift-restriction"
      title="Lift the restriction"
      intro="Only once the person has been told it will be lifted."
      button="Lift the restriction"
      secondary
      busy={busy}
      problems={problems}
      onSubmit={() =>
        void submit(check, async () => {
          const done = await post<Notified>(session, item, 'lift-restriction', { personToldOn: isoDate(told), method: method.trim() });
          onDone(`Restriction lifted${recipientsTold(done.recipientsNotified)}`);
        })
      }
    >
      <DateInput id="lift-told" label="Date the person was told" error={errorOf('lift-told-day')} value={told} onChange={setTold} />
      <TextInput
        id="lift-method"
        label="How they were told"
        hint="For example, letter or email"
        error={errorOf('lift-method')}
        value={method}
        onInput={setMethod}
      />
    </ActionForm>
  );
}

const DECISIONS: [string, string, string][] = [
  ['upheld', 'Upheld', 'Processing stops: their records are only stored'],
  ['compelling_grounds', 'Not upheld: compelling legitimate grounds', 'Processing continues, for the reasons you record (Art. 21(1))'],
];

export function ObjectionForm({ request: item, onDone }: ActionProps) {
  const session = useSession();
  const [decision, setDecision] = useState('');
  const [reasons, setReasons] = useState('');
  const { problems, busy, submit, errorOf } = useSubmission(
    { decision: 'objection-decision', reasons: 'objection-reasons' },
    'objection-decision',
  );
  const check = () => {
    const found: Problem[] = [];
    if (!decision) found.push({ field: 'objection-decision', message: 'Choose the decision' });
    if (reasons.trim().length < 5)
      found.push({ field: 'objection-reasons', message: 'Enter the reasons for the decision (at least 5 characters)' });
    return found;
  };
  return (
    <ActionForm
      id="objection"
      title="Decide the objection"
      button="Record the decision"
      busy={busy}
      problems={problems}
      onSubmit={() =>
        void submit(check, async () => {
          const done = await post<Notified>(session, item, 'objection-decision', { decision, reasons: reasons.trim() });
          onDone(
            decision === 'upheld'
              ? `Objection upheld: processing stopped${recipientsTold(done.recipientsNotified)}`
              : 'Objection decided: compelling grounds recorded',
          );
        })
      }
    >
      <Radios
        id="objection-decision"
        label="Decision"
        error={errorOf('objection-decision')}
        value={decision}
        options={DECISIONS}
        onChange={setDecision}
        small
      />
      <TextArea id="objection-reasons" label="Reasons" error={errorOf('objection-reasons')} value={reasons} onInput={setReasons} rows={2} />
    </ActionForm>
  );
}

const WITHDRAWAL_METHODS = optionsOf<ConsentMethod>({
  written: 'In writing',
  verbal: 'Verbally',
  electronic: 'Electronically',
  checkbox: 'By a checkbox',
});

export function WithdrawConsentForm({ request: item, onDone }: ActionProps) {
  const session = useSession();
  const [method, setMethod] = useState('written');
  const { problems, busy, submit, errorOf } = useSubmission({ method: 'withdraw-method' }, 'withdraw-method');
  return (
    <ActionForm
      id="withdraw-consent"
      title="Withdraw their consent"
      intro="Every consent they gave is withdrawn: processing that relied on it stops, and special category details given with explicit consent are redacted."
      button="Withdraw consent"
      busy={busy}
      problems={problems}
      onSubmit={() =>
        void submit(
          () => [],
          async () => {
            const done = await post<{ withdrawn: number; redactedEnquiries: number }>(session, item, 'withdraw-consent', { method });
            onDone(
              `Consent withdrawn: ${done.withdrawn} consent record${done.withdrawn === 1 ? '' : 's'}, ${done.redactedEnquiries} enquir${done.redactedEnquiries === 1 ? 'y' : 'ies'} redacted`,
            );
          },
        )
      }
    >
      <Select
        id="withdraw-method"
        label="How the person withdrew"
        error={errorOf('withdraw-method')}
        value={method}
        options={WITHDRAWAL_METHODS}
        onChange={setMethod}
      />
    </ActionForm>
  );
}

/** Art. 12(5): a request manifestly unfounded or excessive, or one an exemption applies to, is refused with reasons. */
export function RefuseForm({ request: item, onDone }: ActionProps) {
  const session = useSession();
  const [reason, setReason] = useState('');
  const { problems, busy, submit, errorOf } = useSubmission({ reason: 'refuse-reason' }, 'refuse-reason');
  return (
    <ActionForm
      id="refuse"
      title="Refuse the request"
      intro="Only when it is manifestly unfounded or excessive, or an exemption applies. The request is then closed: tell the person why, and that they may complain to the ICO or go to court."
      button="Refuse the request"
      warning
      busy={busy}
      problems={problems}
      onSubmit={() =>
        void submit(
          () =>
            reason.trim().length < 10
              ? [{ field: 'refuse-reason', message: 'Enter why the request is refused (at least 10 characters)' }]
              : [],
          async () => {
            await post(session, item, 'refuse', { reason: reason.trim() });
            onDone('Request refused: it is closed');
          },
        )
      }
    >
      <TextArea
        id="refuse-reason"
        label="Why it is refused"
        hint="For example, manifestly excessive: the same request answered in full last month (Art. 12(5)(b))"
        error={errorOf('refuse-reason')}
        value={reason}
        onInput={setReason}
        rows={2}
      />
    </ActionForm>
  );
}
