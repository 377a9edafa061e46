import { useEffect, useState } from 'preact/hooks';
import { request } from '../shared/api.js';
import { useSession } from '../shared/session-context.js';
import { SHARED_FIELDS, type DeliveryType, type SharedField } from '../../../src/contracts/shared-fields.js';
import { fieldLabel } from '../shared/fields.js';
import { inWords, looksLikeEmail, onField } from './admin-common.js';
import {
  ActionForm,
  Checkboxes,
  Radios,
  SuccessBanner,
  TextArea,
  TextInput,
  useSubmission,
  type Notice,
  type Problem,
} from '../shared/govuk-form.js';

/** A service of the directory as the API answers it (ServiceDto): secrets never, only whether one is set. */
export interface ServiceEntry {
  code: string;
  name: string;
  permittedFields: string[];
  routingKeywords: string[];
  receivesSpecialCategory: boolean;
  statutory: boolean;
  active: boolean;
  delivery: {
    type: DeliveryType;
    url?: string;
    secretSet?: boolean;
    address?: string;
    apiKeySet?: boolean;
    serviceCode?: string;
    jurisdictionId?: string;
  };
}

const FIELD_HINTS: Partial<Record<SharedField, string>> = {
  address: 'For a service such as Highways, the location of the problem',
  specialRequirements: 'Such as an interpreter or large print',
  reasonForReferral: 'What the advisor writes when referring',
  actionsAlreadyTaken: 'What the advisor has already done',
};

/** Every way the API delivers a referral, in the order the page offers them. */
const DELIVERY_TEXT: Record<DeliveryType, [text: string, hint: string]> = {
  portal: ['The service portal', 'The service’s staff sign in to Signpost’s portal to read their referrals'],
  email: ['E-mail', 'Each referral is sent to the service’s mailbox'],
  webhook: ['Signed webhook', 'Each referral is posted to the service’s own system, signed with a shared secret'],
  open311: ['Open311', 'Each referral is filed with an Open311 (GeoReport v2) endpoint'],
};
const DELIVERY_OPTIONS = Object.entries(DELIVERY_TEXT).map(([type, [text, hint]]): [string, string, string] => [type, text, hint]);

const FLAGS: [string, string, string][] = [
  ['active', 'Active', 'Advisors can refer enquiries to it. An inactive service receives none.'],
  [
    'receivesSpecialCategory',
    'May receive special category details',
    'Health and similar details, and only when the person gave explicit consent',
  ],
  ['statutory', 'A statutory function of the council', 'Legitimate interests is then flagged as the wrong lawful basis for a referral'],
];

const SECRET = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;
const OPEN311_CODE = /^[A-Za-z0-9_.:-]{1,100}$/;
const URL_FORM = /^https?:\/\/\S+$/i;

/** What a referral to the service carries, in the pages' words. */
export const receivedFields = (service: ServiceEntry) =>
  SHARED_FIELDS.filter((field) => service.permittedFields.includes(field)).map((field) => fieldLabel(field) ?? field);

export function deliveryText(delivery: ServiceEntry['delivery']): string {
  switch (delivery.type) {
    case 'email':
      return `By e-mail to ${delivery.address ?? 'no address'}`;
    case 'webhook':
      return `By signed webhook to ${delivery.url ?? 'no address'}${delivery.secretSet ? '' : ' (no secret set)'}`;
    case 'open311':
      return `Open311 to ${delivery.url ?? 'no address'}, as ${delivery.serviceCode ?? 'no service code'}`;
    default:
      return 'In the service portal';
  }
}

const flagsOf = (service: ServiceEntry) =>
  FLAGS.map(([flag]) => flag).filter((flag) => service[flag as 'active' | 'receivesSpecialCategory' | 'statutory']);

/** Words and phrases one a line, as the API keeps them: trimmed, lower case, each once. */
const keywordsOf = (text: string) => [
  ...new Set(
    text
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter(Boolean),
  ),
];

function ChangeServiceForm({
  service,
  onChanged,
  onCancel,
}: {
  service: ServiceEntry;
  onChanged: (service: ServiceEntry, message: string) => void;
  onCancel: () => void;
}) {
  const session = useSession();
  const [name, setName] = useState(service.name);
  const [fields, setFields] = useState<string[]>(service.permittedFields);
  const [flags, setFlags] = useState<string[]>(flagsOf(service));
  const [keywords, setKeywords] = useState(service.routingKeywords.join('\n'));
  const [type, setType] = useState<DeliveryType>(service.delivery.type);
  const [url, setUrl] = useState(service.delivery.url ?? '');
  const [secret, setSecret] = useState('');
  const [address, setAddress] = useState(service.delivery.address ?? '');
  const [apiKey, setApiKey] = useState('');
  const [open311Code, setOpen311Code] = useState(service.delivery.serviceCode ?? '');
  const [jurisdiction, setJurisdiction] = useState(service.delivery.jurisdictionId ?? '');
  const { problems, busy, submit, errorOf } = useSubmission(
    {
      name: 'service-name',
      permittedFields: 'service-fields',
      routingKeywords: 'service-keywords',
      active: 'service-flags',
      receivesSpecialCategory: 'service-flags',
      statutory: 'service-flags',
      delivery: 'service-delivery',
      'delivery.type': 'service-delivery',
      'delivery.url': 'service-url',
      'delivery.secret': 'service-secret',
      'delivery.address': 'service-address',
      'delivery.apiKey': 'service-api-key',
      'delivery.serviceCode': 'service-open311-code',
      'delivery.jurisdictionId': 'service-jurisdiction',
    },
    'service-name',
  );
  // The form takes the place of the table: the focus goes to its first input.
  useEffect(() => document.getElementById('service-name')?.focus(), [service.code]);

  const current = service.delivery;
  const deliveryChanged =
    type !== current.type ||
    (type === 'webhook' && (url.trim() !== (current.url ?? '') || secret.trim() !== '')) ||
    (type === 'email' && address.trim().toLowerCase() !== (current.address ?? '')) ||
    (type === 'open311' &&
      (url.trim() !== (current.url ?? '') ||
        apiKey.trim() !== '' ||
        open311Code.trim() !== (current.serviceCode ?? '') ||
        jurisdiction.trim() !== (current.jurisdictionId ?? '')));

  const check = () => {
    const found: Problem[] = [];
    if (!name.trim()) found.push({ field: 'service-name', message: 'Enter the service’s name' });
    const tooShort = keywordsOf(keywords).find((keyword) => keyword.length < 2 || keyword.length > 100);
    if (tooShort !== undefined)
      found.push({
        field: 'service-keywords',
        message: `Each word or phrase must be 2 to 100 characters: “${tooShort.slice(0, 30)}” is not`,
      });
    if (!deliveryChanged) return found;
    if (type === 'webhook' || type === 'open311') {
      if (!url.trim())
        found.push({
          field: 'service-url',
          message: type === 'webhook' ? 'Enter the address referrals are posted to' : 'Enter the Open311 endpoint’s address',
        });
      else if (!URL_FORM.test(url.trim()))
        found.push({ field: 'service-url', message: 'Enter the address as a web address, starting https://' });
    }
    if (type === 'webhook' && !SECRET.test(secret.trim())) {
      found.push({
        field: 'service-secret',
        message: secret.trim()
          ? 'Enter the secret as whsec_ followed by 32 to 88 base64 characters'
          : 'Enter the signing secret: it is needed with any change to a webhook',
      });
    }
    if (type === 'email') {
      if (!address.trim()) found.push({ field: 'service-address', message: 'Enter the service’s mailbox' });
      else if (!looksLikeEmail(address.trim()))
        found.push({ field: 'service-address', message: 'Enter the mailbox as an e-mail address, like highways@example.gov.uk' });
    }
    if (type === 'open311') {
      if (!apiKey.trim())
        found.push({ field: 'service-api-key', message: 'Enter the endpoint’s API key: it is needed with any change to Open311 delivery' });
      if (!OPEN311_CODE.test(open311Code.trim()))
        found.push({
          field: 'service-open311-code',
          message: 'Enter the endpoint’s service code: letters, digits, dots, colons, dashes or underscores',
        });
      if (jurisdiction.trim() && !OPEN311_CODE.test(jurisdiction.trim()))
        found.push({
          field: 'service-jurisdiction',
          message: 'Enter the jurisdiction as letters, digits, dots, colons, dashes or underscores',
        });
    }
    return found;
  };

  /** Only what has changed is sent: the audit trail then names exactly that. */
  const changes = (): Record<string, unknown> => {
    const body: Record<string, unknown> = {};
    if (name.trim() !== service.name) body.name = name.trim();
    const permitted = SHARED_FIELDS.filter((field) => fields.includes(field));
    if (permitted.join() !== service.permittedFields.join()) body.permittedFields = permitted;
    for (const [flag] of FLAGS) {
      const on = flags.includes(flag);
      if (on !== service[flag as 'active' | 'receivesSpecialCategory' | 'statutory']) body[flag] = on;
    }
    const words = keywordsOf(keywords);
    if (words.join('\n') !== service.routingKeywords.join('\n')) body.routingKeywords = words;
    if (deliveryChanged) {
      if (type === 'portal') body.delivery = { type };
      else if (type === 'email') body.delivery = { type, address: address.trim() };
      else if (type === 'webhook') body.delivery = { type, url: url.trim(), secret: secret.trim() };
      else
        body.delivery = {
          type,
          url: url.trim(),
          apiKey: apiKey.trim(),
          serviceCode: open311Code.trim(),
          ...(jurisdiction.trim() ? { jurisdictionId: jurisdiction.trim() } : {}),
        };
    }
    return body;
  };

  return (
    <ActionForm
      id="change-service"
      title={`Change ${service.name}`}
      button="Save the changes"
      busy={busy}
      problems={problems}
      onCancel={onCancel}
      onSubmit={() =>
        void submit(check, async () => {
          const body = changes();
          if (Object.keys(body).length === 0) return onChanged(service, `${service.name}: nothing was changed`);
          try {
            const saved = await request<ServiceEntry>('PATCH', `/api/services/${service.code}`, session, body);
            const carried = receivedFields(saved);
            onChanged(
              saved,
              `${saved.name}: changes saved. A referral now carries ${
                carried.length > 0
                  ? inWords(carried)
                      .toLowerCase()
                      .replace(/^./, (first) => first.toUpperCase())
                  : 'no details'
              }`,
            );
          } catch (failure) {
            throw onField(failure, {
              WEBHOOK_TARGET_REFUSED: {
                field: 'delivery.url',
                message: (message) => `The address ${message.replace(/^delivery\.url:\s*/, '')}`,
              },
              DELIVERY_FIELDS_MISMATCH: { field: 'delivery' },
            });
          }
        })
      }
    >
      <TextInput
        id="service-name"
        label="Name"
        hint="As advisors and the people referred see it"
        error={errorOf('service-name')}
        value={name}
        onInput={setName}
        width={30}
      />
      <div class="govuk-inset-text">
        A referral carries only the fields ticked here, taken from the enquiry: nothing else about the person reaches the service. Tick only
        what the service needs to act (data minimisation, UK GDPR Art. 5(1)(c)); each change is audited and shown in the record of
        processing.
      </div>
      <Checkboxes
        id="service-fields"
        label="What a referral to this service carries"
        error={errorOf('service-fields')}
        values={fields}
        options={SHARED_FIELDS.map((field): [string, string, string?] => [field, fieldLabel(field) ?? field, FIELD_HINTS[field]])}
        onChange={setFields}
        small
      />
      <Checkboxes
        id="service-flags"
        label="About this service"
        error={errorOf('service-flags')}
        values={flags}
        options={FLAGS}
        onChange={setFlags}
        small
      />
      <TextArea
        id="service-keywords"
        label="Words and phrases that suggest this service"
        hint="One a line. When an enquiry contains one, the service is suggested to the advisor, who decides."
        error={errorOf('service-keywords')}
        value={keywords}
        onInput={setKeywords}
        rows={6}
      />
      <Radios
        id="service-delivery"
        label="How referrals reach the service"
        error={errorOf('service-delivery')}
        value={type}
        options={DELIVERY_OPTIONS}
        onChange={(value) => setType(value as DeliveryType)}
        small
      />
      {(type === 'webhook' || type === 'open311') && (
        <TextInput
          id="service-url"
          label={type === 'webhook' ? 'Address referrals are posted to' : 'Open311 endpoint address'}
          hint={type === 'open311' ? 'Its base address: requests go to …/requests.json' : undefined}
          error={errorOf('service-url')}
          value={url}
          onInput={setUrl}
        />
      )}
      {type === 'webhook' && (
        <TextInput
          id="service-secret"
          label="Signing secret"
          hint={`whsec_ followed by base64, as agreed with the service. It is never shown again${current.type === 'webhook' && current.secretSet ? ', so enter it (or a new one) with any change to the webhook' : ''}. Leave it empty to keep the webhook as it is.`}
          error={errorOf('service-secret')}
          value={secret}
          onInput={setSecret}
          type="password"
          autoComplete="new-password"
        />
      )}
      {type === 'email' && (
        <TextInput
          id="service-address"
          label="Service mailbox"
          type="email"
          error={errorOf('service-address')}
          value={address}
          onInput={setAddress}
          width={30}
        />
      )}
      {type === 'open311' && (
        <>
          <TextInput
            id="service-api-key"
            label="API key"
            hint="Never shown again. Leave it empty to keep the Open311 settings as they are."
            error={errorOf('service-api-key')}
            value={apiKey}
            onInput={setApiKey}
            type="password"
            autoComplete="new-password"
          />
          <TextInput
            id="service-open311-code"
            label="Endpoint’s service code"
            hint="What the endpoint files these referrals under, such as pothole"
            error={errorOf('service-open311-code')}
            value={open311Code}
            onInput={setOpen311Code}
            width={20}
          />
          <TextInput
            id="service-jurisdiction"
            label="Jurisdiction (optional)"
            hint="Only if the endpoint asks for one"
            error={errorOf('service-jurisdiction')}
            value={jurisdiction}
            onInput={setJurisdiction}
            width={20}
          />
        </>
      )}
    </ActionForm>
  );
}

/**
 * The administrator's services directory: each back-office service, what a referral to it carries (its permitted
 * fields: data minimisation), how referrals reach it and whether it is active; changing any of these.
 */
export function AdminServices() {
  const session = useSession();
  const [services, setServices] = useState<ServiceEntry[]>();
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<ServiceEntry>();
  const [notice, setNotice] = useState<Notice>();
  const [focusOn, setFocusOn] = useState<{ id: string; at: number }>();
  useEffect(
    () => void request<ServiceEntry[]>('GET', '/api/services', session).then(setServices, (failure: Error) => setError(failure.message)),
    [session],
  );
  // Back from the form to the row it was opened from.
  useEffect(() => {
    if (focusOn) document.getElementById(focusOn.id)?.focus();
  }, [focusOn]);

  return (
    <>
      <SuccessBanner id="services-notice" notice={notice} />
      <h1 class="govuk-heading-l">Services</h1>
      <p class="govuk-body">
        The back-office services advisors refer enquiries to. A referral to a service carries only the fields it is permitted, and nothing
        else about the person: keep each list to what the service needs to act (data minimisation).
      </p>
      {error && (
        <p class="govuk-error-message" role="alert">
          {error}
        </p>
      )}
      {editing ? (
        <ChangeServiceForm
          service={editing}
          onCancel={() => {
            setEditing(undefined);
            setFocusOn({ id: `change-${editing.code}`, at: Date.now() });
          }}
          onChanged={(saved, message) => {
            setServices((list) => list?.map((entry) => (entry.code === saved.code ? saved : entry)));
            setEditing(undefined);
            setNotice({ text: message, at: Date.now() });
          }}
        />
      ) : (
        <>
          {services && services.length === 0 && (
            <p class="govuk-body" id="no-services">
              The organisation has no services yet.
            </p>
          )}
          {services && services.length > 0 && (
            <table class="govuk-table" id="services">
              <caption class="govuk-table__caption govuk-table__caption--m">The organisation’s services and what each receives</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">
                    Service
                  </th>
                  <th scope="col" class="govuk-table__header">
                    A referral carries
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Delivered
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Status
                  </th>
                  <th scope="col" class="govuk-table__header">
                    <span class="govuk-visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {services.map((service) => {
                  const carried = receivedFields(service);
                  return (
                    <tr class="govuk-table__row" key={service.code} id={`service-${service.code}`}>
                      <th scope="row" class="govuk-table__header">
                        {service.name}
                        <span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 govuk-!-font-weight-regular">
                          {service.code}
                        </span>
                      </th>
                      <td class="govuk-table__cell">
                        {carried.length === 0 ? (
                          'No details'
                        ) : (
                          <ul class="govuk-list govuk-!-font-size-16 govuk-!-margin-bottom-0">
                            {carried.map((label) => (
                              <li key={label}>{label}</li>
                            ))}
                          </ul>
                        )}
                        {service.receivesSpecialCategory && (
                          <p class="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">
                            And special category details, with explicit consent
                          </p>
                        )}
                      </td>
                      <td class="govuk-table__cell signpost-pre-wrap">{deliveryText(service.delivery)}</td>
                      <td class="govuk-table__cell">
                        <strong class={`govuk-tag ${service.active ? 'govuk-tag--green' : 'govuk-tag--grey'}`}>
                          {service.active ? 'Active' : 'Inactive'}
                        </strong>
                      </td>
                      <td class="govuk-table__cell">
                        <button
                          type="button"
                          class="govuk-link signpost-link-button"
                          id={`change-${service.code}`}
                          onClick={() => setEditing(service)}
                        >
                          Change<span class="govuk-visually-hidden"> {service.name}</span>
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
