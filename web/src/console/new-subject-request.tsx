import { useState } from 'preact/hooks';
import { request } from '../shared/api.js';
import { useSession } from '../shared/session-context.js';
import { ErrorSummary } from '../shared/layout.js';
import { Link } from '../shared/router.js';
import {
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
import { REQUEST_TYPES, type SubjectRequest } from './subject-request-model.js';
import type { Channel } from '../../../src/contracts/enquiry-vocabulary.js';
import { optionsOf } from '../shared/options.js';

/** How a request may arrive, in the DPO's words. */
export const CHANNELS = optionsOf<Channel>({
  email: 'Email',
  phone: 'Phone',
  form: 'Online form',
  webchat: 'Web chat',
  social: 'Social media',
  internal: 'Letter, in person or passed on by staff',
});

/** Where the API's field names are shown on this form. */
const INPUTS: Record<string, string> = {
  type: 'type',
  subject: 'subject-name',
  'subject.name': 'subject-name',
  'subject.email': 'subject-email',
  'subject.phone': 'subject-phone',
  'subject.dateOfBirth': 'subject-dob-day',
  'subject.address': 'subject-address',
  representative: 'representative-name',
  'representative.name': 'representative-name',
  'representative.relationship': 'representative-relationship',
  receivedAt: 'received-day',
  channel: 'channel',
};

/** Logging a subject-rights request as it arrived: which right, about whom, who asks for them, and when. */
export function NewSubjectRequest({ onCreated, backHref }: { onCreated: (created: SubjectRequest) => void; backHref: string }) {
  const session = useSession();
  const [form, setForm] = useState({
    type: '',
    name: '',
    email: '',
    phone: '',
    address: '',
    representativeName: '',
    relationship: '',
    channel: 'email',
  });
  const [dateOfBirth, setDateOfBirth] = useState(NO_DATE);
  const [received, setReceived] = useState(todayParts);
  const { problems, busy, submit, errorOf } = useSubmission(INPUTS, 'type');
  const set = (field: keyof typeof form) => (value: string) => setForm({ ...form, [field]: value });
  const trimmed = (value: string) => (value.trim() ? value.trim() : undefined);

  const check = (): Problem[] => {
    const found: Problem[] = [];
    if (!form.type) found.push({ field: 'type', message: 'Choose which right the person is exercising' });
    if (![form.name, form.email, form.phone, form.address].some((value) => value.trim()) && isBlank(dateOfBirth)) {
      found.push({
        field: 'subject-name',
        message: 'Enter at least one detail of the person: name, email, phone, date of birth or address',
      });
    }
    if (form.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim()))
      found.push({ field: 'subject-email', message: 'Enter an email address in the correct format, like name@example.com' });
    if (!isBlank(dateOfBirth) && !isoDate(dateOfBirth))
      found.push({ field: 'subject-dob-day', message: 'Date of birth must be a real date, such as 27 3 1958' });
    if (form.representativeName.trim() && !form.relationship.trim())
      found.push({ field: 'representative-relationship', message: 'Enter how they act for the person, such as solicitor or parent' });
    if (!form.representativeName.trim() && form.relationship.trim())
      found.push({ field: 'representative-name', message: 'Enter the name of the person acting for them' });
    requiredPastDate(received, 'received', 'the date the request was received', found);
    return found;
  };

  const send = async () => {
    const created = await request<SubjectRequest>('POST', '/api/subject-requests', session, {
      type: form.type,
      subject: {
        name: trimmed(form.name),
        email: trimmed(form.email),
        phone: trimmed(form.phone),
        dateOfBirth: isoDate(dateOfBirth),
        address: trimmed(form.address),
      },
      receivedAt: isoDate(received),
      channel: form.channel,
      ...(form.representativeName.trim()
        ? { representative: { name: form.representativeName.trim(), relationship: form.relationship.trim() } }
        : {}),
    });
    onCreated(created);
  };

  return (
    <>
      <Link class="govuk-back-link" href={backHref}>
        Back to requests
      </Link>
      <ErrorSummary errors={problems} />
      <h1 class="govuk-heading-l">Record a subject-rights request</h1>
      <form
        id="new-subject-request"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) void submit(check, send);
        }}
      >
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">
            <Radios
              id="type"
              label="Which right"
              error={errorOf('type')}
              value={form.type}
              options={REQUEST_TYPES}
              onChange={set('type')}
              small
            />
            <DateInput
              id="received"
              label="Date received"
              hint="When the request reached the council, for example 27 3 2026. The statutory clock starts from it."
              error={errorOf('received-day')}
              value={received}
              onChange={setReceived}
            />
            <Select
              id="channel"
              label="How it arrived"
              error={errorOf('channel')}
              value={form.channel}
              options={CHANNELS}
              onChange={set('channel')}
            />
          </div>
          <div class="govuk-grid-column-one-half">
            <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">The person the request is about</legend>
              <div class="govuk-hint">Give what they gave you: it is used to find their records.</div>
              <TextInput
                id="subject-name"
                label="Name (optional)"
                error={errorOf('subject-name')}
                value={form.name}
                onInput={set('name')}
              />
              <TextInput
                id="subject-email"
                label="Email (optional)"
                type="email"
                error={errorOf('subject-email')}
                value={form.email}
                onInput={set('email')}
              />
              <TextInput
                id="subject-phone"
                label="Phone (optional)"
                type="tel"
                width={20}
                error={errorOf('subject-phone')}
                value={form.phone}
                onInput={set('phone')}
              />
              <DateInput
                id="subject-dob"
                label="Date of birth (optional)"
                hint="For example, 27 3 1958"
                error={errorOf('subject-dob-day')}
                value={dateOfBirth}
                onChange={setDateOfBirth}
              />
              <TextArea
                id="subject-address"
                label="Address (optional)"
                rows={2}
                error={errorOf('subject-address')}
                value={form.address}
                onInput={set('address')}
              />
            </fieldset>
            <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Someone acting for them (optional)</legend>
              <div class="govuk-hint">A solicitor, parent or attorney: proof of their authority is then needed too.</div>
              <TextInput
                id="representative-name"
                label="Their name"
                error={errorOf('representative-name')}
                value={form.representativeName}
                onInput={set('representativeName')}
              />
              <TextInput
                id="representative-relationship"
                label="How they act for the person"
                hint="For example, solicitor, parent or attorney"
                error={errorOf('representative-relationship')}
                value={form.relationship}
                onInput={set('relationship')}
              />
            </fieldset>
          </div>
        </div>
        <button type="submit" class="govuk-button" id="create-subject-request" aria-disabled={busy ? 'true' : undefined}>
          Record the request
        </button>
      </form>
    </>
  );
}
