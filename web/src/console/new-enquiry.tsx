import { takeHeldCall } from './call-in-hand.js';
import { useState } from 'preact/hooks';
import { request } from '../shared/api.js';
import { useApi, useSession } from '../shared/session-context.js';
import { CHANNELS, REQUESTER_TYPES } from '../../../src/contracts/enquiry-vocabulary.js';
import type { LegalBasis } from '../../../src/contracts/legal-basis.js';
import { CONSENT_METHODS, type SpecialCategory } from '../../../src/contracts/special-category.js';
import {
  Checkbox,
  Checkboxes,
  DateInput,
  isBlank,
  isoDate,
  NO_DATE,
  Select,
  TextArea,
  TextInput,
  useSubmission,
  type Problem,
} from '../shared/govuk-form.js';
import { ErrorSummary } from '../shared/layout.js';
import { optionsOf } from '../shared/options.js';

const LEGAL_BASES = optionsOf<LegalBasis>({
  public_task: 'Public task (Art. 6(1)(e))',
  legal_obligation: 'Legal obligation (Art. 6(1)(c))',
  consent: 'Consent (Art. 6(1)(a))',
  contract: 'Contract (Art. 6(1)(b))',
  vital_interests: 'Vital interests (Art. 6(1)(d))',
  legitimate_interests: 'Legitimate interests (Art. 6(1)(f))',
});
/** The special categories, the one most often shared first. */
const SPECIAL = optionsOf<SpecialCategory>({
  health: 'health',
  racial_or_ethnic_origin: 'racial or ethnic origin',
  religious_or_philosophical_beliefs: 'religious or philosophical beliefs',
  sex_life_or_sexual_orientation: 'sex life or sexual orientation',
  political_opinions: 'political opinions',
  trade_union_membership: 'trade union membership',
  genetic: 'genetic',
  biometric: 'biometric',
});
const words = (value: string) => value.replaceAll('_', ' ');
/** A contract's values as options that show the values themselves. */
const asIs = (values: readonly string[]): [string, string][] => values.map((value) => [value, value]);

interface Organisation {
  name: string;
  defaultLegalBasis: string;
  currentPrivacyNotice?: { version: string; title: string } | null;
}

/** The API's names for the fields, and the input each problem with one is shown beside. */
const INPUTS: Record<string, string> = {
  channel: 'channel',
  requesterType: 'requesterType',
  'subject.name': 'name',
  'subject.dateOfBirth': 'dob-day',
  'subject.phone': 'phone',
  'subject.email': 'email-address',
  'subject.address': 'address',
  'subject.postcode': 'postcode',
  description: 'description',
  legalBasis: 'legalBasis',
};

/** Logging a contact: who it is about, what they asked, the legal basis, and consent where it is the basis. */
export function NewEnquiry({ onCreated }: { onCreated: (id: string) => void }) {
  const session = useSession();
  const { data: organisation } = useApi<Organisation>('/api/organisation');
  // Opened from a ringing call: the caller's number filled in, and the call linked to the enquiry once created.
  const [call] = useState(takeHeldCall);
  const [form, setForm] = useState({
    channel: 'phone',
    requesterType: 'citizen',
    name: '',
    dateOfBirth: NO_DATE,
    phone: call?.callerNumber ?? '',
    email: '',
    address: '',
    postcode: '',
    description: '',
    legalBasis: '',
    consent: false,
    method: 'verbal',
    categories: [] as string[],
    explicitConsent: false,
  });
  const { problems, busy, submit, errorOf } = useSubmission(INPUTS, 'description');
  const set =
    <Field extends keyof typeof form>(field: Field) =>
    (value: (typeof form)[Field]) =>
      setForm({ ...form, [field]: value });
  const basis = form.legalBasis || organisation?.defaultLegalBasis || '';
  const dateOfBirth = isoDate(form.dateOfBirth);
  const check = () => {
    const found: Problem[] = [];
    if (!form.name.trim()) found.push({ field: 'name', message: 'Enter the person’s name' });
    if (!isBlank(form.dateOfBirth) && !dateOfBirth)
      found.push({ field: 'dob-day', message: 'Date of birth must be a real date, such as 27 3 1958' });
    if (!form.description.trim()) found.push({ field: 'description', message: 'Enter what the enquiry is about' });
    if (basis === 'consent' && !form.consent)
      found.push({ field: 'consent', message: 'Consent is the legal basis: record that the person consents, or choose another basis' });
    if (form.categories.length > 0 && !form.explicitConsent)
      found.push({ field: 'explicitConsent', message: 'Special category information needs the person’s explicit consent' });
    return found;
  };
  const create = async () => {
    const notice = organisation?.currentPrivacyNotice?.version;
    const created = await request<{ id: string }>('POST', '/api/enquiries', session, {
      channel: form.channel,
      requesterType: form.requesterType,
      subject: {
        name: form.name.trim(),
        ...(dateOfBirth ? { dateOfBirth } : {}),
        ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
        ...(form.email.trim() ? { email: form.email.trim() } : {}),
        ...(form.address.trim() ? { address: form.address.trim() } : {}),
        ...(form.postcode.trim() ? { postcode: form.postcode.trim() } : {}),
      },
      description: form.description.trim(),
      ...(form.legalBasis ? { legalBasis: form.legalBasis } : {}),
      ...(form.consent && notice ? { consent: { given: true, method: form.method, privacyNoticeVersion: notice } } : {}),
      ...(form.categories.length > 0
        ? { specialCategory: { categories: form.categories, explicitConsent: true, method: form.method } }
        : {}),
    });
    // The call log the telephony platform sends when the call ends joins this enquiry.
    // Should that fail (the log arrived first), the enquiry stands and the ringing-call panel can still link the call.
    if (call)
      await request('POST', `/api/calls/${encodeURIComponent(call.callId)}/enquiry`, session, { enquiryId: created.id }).catch(
        () => undefined,
      );
    onCreated(created.id);
  };
  return (
    <>
      <ErrorSummary errors={problems} />
      <h1 class="govuk-heading-l">New enquiry</h1>
      {call && (
        <div class="govuk-inset-text" id="new-enquiry-call">
          For the call from {call.callerNumber}: the call log will join this enquiry.
        </div>
      )}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) void submit(check, create);
        }}
      >
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">
            <Select
              id="channel"
              label="Channel"
              error={errorOf('channel')}
              value={form.channel}
              options={asIs(CHANNELS)}
              onChange={set('channel')}
            />
            <Select
              id="requesterType"
              label="The person contacting us is"
              error={errorOf('requesterType')}
              value={form.requesterType}
              options={asIs(REQUESTER_TYPES)}
              onChange={set('requesterType')}
            />
            <TextInput id="name" label="Name" error={errorOf('name')} value={form.name} onInput={set('name')} />
            <DateInput
              id="dob"
              label="Date of birth (optional)"
              hint="For example, 27 3 1958"
              error={errorOf('dob-day')}
              value={form.dateOfBirth}
              onChange={set('dateOfBirth')}
            />
            <TextInput
              id="phone"
              label="Phone (optional)"
              type="tel"
              width={20}
              error={errorOf('phone')}
              value={form.phone}
              onInput={set('phone')}
            />
            <TextInput
              id="email-address"
              label="Email (optional)"
              type="email"
              error={errorOf('email-address')}
              value={form.email}
              onInput={set('email')}
            />
            <TextInput id="address" label="Address (optional)" error={errorOf('address')} value={form.address} onInput={set('address')} />
            <TextInput
              id="postcode"
              label="Postcode (optional)"
              width={10}
              error={errorOf('postcode')}
              value={form.postcode}
              onInput={set('postcode')}
            />
          </div>
          <div class="govuk-grid-column-one-half">
            <TextArea
              id="description"
              label="What the enquiry is about"
              rows={5}
              error={errorOf('description')}
              value={form.description}
              onInput={set('description')}
            />
            <Select
              id="legalBasis"
              label="Legal basis"
              hint={`The organisation’s default is ${words(organisation?.defaultLegalBasis ?? '…')}.`}
              error={errorOf('legalBasis')}
              value={form.legalBasis}
              options={[['', 'The organisation’s default'], ...LEGAL_BASES]}
              onChange={set('legalBasis')}
            />
            <Checkbox
              id="consent"
              label={`The person consents to the use described in the privacy notice${organisation?.currentPrivacyNotice ? ` (version ${organisation.currentPrivacyNotice.version})` : ''}`}
              error={errorOf('consent')}
              checked={form.consent}
              onChange={set('consent')}
            />
            <Select
              id="method"
              label="How consent was given"
              value={form.method}
              options={asIs(CONSENT_METHODS)}
              onChange={set('method')}
            />
            <Checkboxes
              id="special"
              label="Special category information shared (optional)"
              small
              values={form.categories}
              options={SPECIAL}
              onChange={set('categories')}
            />
            <Checkbox
              id="explicitConsent"
              label="The person gave explicit consent to this information being used (Art. 9(2)(a))"
              error={errorOf('explicitConsent')}
              checked={form.explicitConsent}
              onChange={set('explicitConsent')}
            />
          </div>
        </div>
        <button type="submit" class="govuk-button" id="create-enquiry" aria-disabled={busy ? 'true' : undefined}>
          Log the enquiry
        </button>
      </form>
    </>
  );
}
