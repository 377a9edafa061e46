import { useEffect, useState } from 'preact/hooks';
import { ApiError, request, type Session } from '../shared/api.js';
import { CHANNELS, REQUESTER_TYPES } from '../../../src/contracts/enquiry-vocabulary.js';
import type { LegalBasis } from '../../../src/contracts/legal-basis.js';
import { CONSENT_METHODS, type SpecialCategory } from '../../../src/contracts/special-category.js';
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

interface Organisation {
  name: string;
  defaultLegalBasis: string;
  currentPrivacyNotice?: { version: string; title: string } | null;
}

/** Logging a contact: who it is about, what they asked, the legal basis, and consent where it is the basis. */
export function NewEnquiry({ session, onCreated }: { session: Session; onCreated: (id: string) => void }) {
  const [organisation, setOrganisation] = useState<Organisation>();
  const [form, setForm] = useState({
    channel: 'phone',
    requesterType: 'citizen',
    name: '',
    day: '',
    month: '',
    year: '',
    phone: '',
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
  const [errors, setErrors] = useState<{ field: string; message: string }[]>([]);
  useEffect(() => {
    request<Organisation>('GET', '/api/organisation', session).then(setOrganisation, () => undefined);
  }, [session]);
  const set = (field: keyof typeof form) => (event: { currentTarget: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement }) => setForm({ ...form, [field]: event.currentTarget.value });
  const errorOf = (field: string) => errors.find((error) => error.field === field || error.field === `subject.${field}`);
  const group = (field: string) => `govuk-form-group${errorOf(field) ? ' govuk-form-group--error' : ''}`;
  const message = (field: string) => {
    const error = errorOf(field);
    return error ? <p class="govuk-error-message" id={`${field}-error`}><span class="govuk-visually-hidden">Error:</span> {error.message}</p> : null;
  };
  const basis = form.legalBasis || organisation?.defaultLegalBasis || '';
  const submit = async () => {
    const problems: { field: string; message: string }[] = [];
    if (!form.name.trim()) problems.push({ field: 'name', message: 'Enter the person’s name' });
    if (!form.description.trim()) problems.push({ field: 'description', message: 'Enter what the enquiry is about' });
    const anyDate = form.day || form.month || form.year;
    const dateOfBirth = anyDate ? `${form.year.padStart(4, '0')}-${form.month.padStart(2, '0')}-${form.day.padStart(2, '0')}` : undefined;
    if (anyDate && !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth ?? '')) problems.push({ field: 'day', message: 'Date of birth must be a real date, such as 27 3 1958' });
    if (basis === 'consent' && !form.consent) problems.push({ field: 'consent', message: 'Consent is the legal basis: record that the person consents, or choose another basis' });
    if (form.categories.length > 0 && !form.explicitConsent) problems.push({ field: 'explicitConsent', message: 'Special category information needs the person’s explicit consent' });
    setErrors(problems);
    if (problems.length > 0) return;
    const notice = organisation?.currentPrivacyNotice?.version;
    try {
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
        ...(form.categories.length > 0 ? { specialCategory: { categories: form.categories, explicitConsent: true, method: form.method } } : {}),
      });
      onCreated(created.id);
    } catch (failure) {
      setErrors(failure instanceof ApiError && failure.fields.length > 0 ? failure.fields.map((field) => ({ field: field.field.replace('subject.', ''), message: field.message })) : [{ field: 'description', message: (failure as Error).message }]);
    }
  };
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">New enquiry</h1>
      <form noValidate onSubmit={(event) => { event.preventDefault(); void submit(); }}>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">
            <div class="govuk-form-group">
              <label class="govuk-label" for="channel">Channel</label>
              <select class="govuk-select" id="channel" value={form.channel} onChange={set('channel')}>
                {CHANNELS.map((channel) => <option key={channel} value={channel}>{channel}</option>)}
              </select>
            </div>
            <div class="govuk-form-group">
              <label class="govuk-label" for="requesterType">The person contacting us is</label>
              <select class="govuk-select" id="requesterType" value={form.requesterType} onChange={set('requesterType')}>
                {REQUESTER_TYPES.map((type) => <option key={type} value={type}>{type}</option>)}
              </select>
            </div>
            <div class={group('name')}>
              <label class="govuk-label" for="name">Name</label>
              {message('name')}
              <input class="govuk-input" id="name" type="text" autoComplete="off" value={form.name} onInput={set('name')} />
            </div>
            <div class={group('day')}>
              <fieldset class="govuk-fieldset" role="group" aria-describedby="dob-hint">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Date of birth (optional)</legend>
                <div id="dob-hint" class="govuk-hint">For example, 27 3 1958</div>
                {message('day')}
                <div class="govuk-date-input">
                  {(['day', 'month', 'year'] as const).map((part) => (
                    <div class="govuk-date-input__item" key={part}>
                      <div class="govuk-form-group">
                        <label class="govuk-label govuk-date-input__label" for={`dob-${part}`}>{part[0].toUpperCase() + part.slice(1)}</label>
                        <input class={`govuk-input govuk-date-input__input govuk-input--width-${part === 'year' ? 4 : 2}`} id={`dob-${part}`} type="text" inputMode="numeric" value={form[part]} onInput={set(part)} />
                      </div>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
            <div class={group('phone')}>
              <label class="govuk-label" for="phone">Phone (optional)</label>
              {message('phone')}
              <input class="govuk-input govuk-input--width-20" id="phone" type="tel" value={form.phone} onInput={set('phone')} />
            </div>
            <div class={group('email')}>
              <label class="govuk-label" for="email-address">Email (optional)</label>
              {message('email')}
              <input class="govuk-input" id="email-address" type="email" spellcheck={false} value={form.email} onInput={set('email')} />
            </div>
            <div class="govuk-form-group">
              <label class="govuk-label" for="address">Address (optional)</label>
              <input class="govuk-input" id="address" type="text" value={form.address} onInput={set('address')} />
            </div>
            <div class={group('postcode')}>
              <label class="govuk-label" for="postcode">Postcode (optional)</label>
              {message('postcode')}
              <input class="govuk-input govuk-input--width-10" id="postcode" type="text" value={form.postcode} onInput={set('postcode')} />
            </div>
          </div>
          <div class="govuk-grid-column-one-half">
            <div class={group('description')}>
              <label class="govuk-label" for="description">What the enquiry is about</label>
              {message('description')}
              <textarea class="govuk-textarea" id="description" rows={5} value={form.description} onInput={set('description')} />
            </div>
            <div class="govuk-form-group">
              <label class="govuk-label" for="legalBasis">Legal basis</label>
              <div class="govuk-hint" id="legalBasis-hint">The organisation’s default is {words(organisation?.defaultLegalBasis ?? '…')}.</div>
              <select class="govuk-select" id="legalBasis" aria-describedby="legalBasis-hint" value={form.legalBasis} onChange={set('legalBasis')}>
                <option value="">The organisation’s default</option>
                {LEGAL_BASES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
              </select>
            </div>
            <div class={group('consent')}>
              {message('consent')}
              <div class="govuk-checkboxes govuk-checkboxes--small">
                <div class="govuk-checkboxes__item">
                  <input class="govuk-checkboxes__input" id="consent" type="checkbox" checked={form.consent} onChange={(event) => setForm({ ...form, consent: event.currentTarget.checked })} />
                  <label class="govuk-label govuk-checkboxes__label" for="consent">
                    The person consents to the use described in the privacy notice{organisation?.currentPrivacyNotice ? ` (version ${organisation.currentPrivacyNotice.version})` : ''}
                  </label>
                </div>
              </div>
            </div>
            <div class="govuk-form-group">
              <label class="govuk-label" for="method">How consent was given</label>
              <select class="govuk-select" id="method" value={form.method} onChange={set('method')}>
                {CONSENT_METHODS.map((method) => <option key={method} value={method}>{method}</option>)}
              </select>
            </div>
            <div class={group('explicitConsent')}>
              <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Special category information shared (optional)</legend>
                {message('explicitConsent')}
                <div class="govuk-checkboxes govuk-checkboxes--small">
                  {SPECIAL.map(([category, text]) => (
                    <div class="govuk-checkboxes__item" key={category}>
                      <input class="govuk-checkboxes__input" id={`special-${category}`} type="checkbox" checked={form.categories.includes(category)} onChange={(event) => setForm({ ...form, categories: event.currentTarget.checked ? [...form.categories, category] : form.categories.filter((entry) => entry !== category) })} />
                      <label class="govuk-label govuk-checkboxes__label" for={`special-${category}`}>{text}</label>
                    </div>
                  ))}
                  <div class="govuk-checkboxes__divider">and</div>
                  <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id="explicitConsent" type="checkbox" checked={form.explicitConsent} onChange={(event) => setForm({ ...form, explicitConsent: event.currentTarget.checked })} />
                    <label class="govuk-label govuk-checkboxes__label" for="explicitConsent">The person gave explicit consent to this information being used (Art. 9(2)(a))</label>
                  </div>
                </div>
              </fieldset>
            </div>
          </div>
        </div>
        <button type="submit" class="govuk-button" id="create-enquiry">Log the enquiry</button>
      </form>
    </>
  );
}
