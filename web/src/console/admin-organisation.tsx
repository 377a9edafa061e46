import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { LegalBasis } from '../../../src/contracts/legal-basis.js';
import { request } from '../shared/api.js';
import { useApi, useSession } from '../shared/session-context.js';
import { optionsOf } from '../shared/options.js';
import { focusHeading, looksLikeEmail } from './admin-common.js';
import { OutcomeCodesSection } from './outcome-codes.js';
import { ActionForm, Radios, SuccessBanner, TextArea, TextInput, useSubmission, type Notice, type Problem } from '../shared/govuk-form.js';

interface Processor {
  name: string;
  purpose: string;
  location: string;
  safeguard?: string;
}

/** The organisation as the API answers it (OrganisationDto): never the Notify key, only whether one is set. */
interface OrganisationSettings {
  slug: string;
  name: string;
  defaultLegalBasis: string;
  dpo: { name: string; email: string; postalAddress?: string };
  enquiriesEmail?: string;
  inboundDomains?: string[];
  businessHours: { timezone: string; weekly: Record<string, string[]>; bankHolidays: string };
  chatRouting: 'pick' | 'auto';
  chatOfferSeconds: number;
  /** Absent from an older service. */
  workRouting?: 'pick' | 'auto';
  workReclaimMinutes?: number;
  processors: Processor[];
  notify: { apiKeySet: boolean };
  /** The numbers a citizen is given when a child or an adult may be at risk; absent from an older service. */
  safeguardingContacts?: { childrenEmergencyDuty: string | null; adultsEmergencyDuty: string | null };
  currentPrivacyNotice?: { version: string; title: string; effectiveFrom: string };
}

const LEGAL_BASES = optionsOf<LegalBasis>({
  public_task: ['Public task (Art. 6(1)(e))', 'The council’s functions set out in law: usual for a council'],
  legal_obligation: ['Legal obligation (Art. 6(1)(c))', 'A law requires the processing'],
  legitimate_interests: ['Legitimate interests (Art. 6(1)(f))', 'Not for a council’s statutory functions'],
  contract: ['Contract (Art. 6(1)(b))', 'A contract with the person'],
  consent: ['Consent (Art. 6(1)(a))', 'Only where the person has a real choice'],
  vital_interests: ['Vital interests (Art. 6(1)(d))', 'To protect someone’s life'],
});
const basisLabel = (basis: string) => LEGAL_BASES.find(([value]) => value === basis)?.[1] ?? basis;

const ROUTING: [string, string, string][] = [
  ['pick', 'Advisors pick chats from the queue', 'Each advisor chooses the next chat to take'],
  [
    'auto',
    'Offer each chat to an advisor',
    'The least-busy available advisor with the chat’s skill is offered it; if they do not accept in time, it goes to the next',
  ],
];

const WORK_ROUTING: [string, string, string][] = [
  ['pick', 'Advisors pick e-mails, forms and social messages from the inbox', 'Each advisor chooses what to take next'],
  [
    'auto',
    'Assign each one to an advisor automatically',
    'The least-busy available advisor with the enquiry’s skill and room under their limit gets it, soonest due first; if they do not touch it in time, it goes back to the queue',
  ],
];

/** The channels whose pushes are signed with the organisation's own Standard Webhooks secret. */
const CHANNELS: [string, string, string][] = [
  ['phone', 'Phone', 'Call logs from the telephony platform'],
  ['forms', 'Online forms', 'Submissions from the e-form platform'],
  ['email', 'E-mail', 'Messages pushed by a mail service instead of the SMTP listener'],
];
const channelName = (channel: string) => CHANNELS.find(([value]) => value === channel)?.[1] ?? channel;

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const BANK_HOLIDAYS: Record<string, string> = {
  'england-and-wales': 'closed on bank holidays in England and Wales',
  scotland: 'closed on bank holidays in Scotland',
  'northern-ireland': 'closed on bank holidays in Northern Ireland',
  none: 'open on bank holidays',
};

/** The week in a few words: days with the same hours run together ("Monday to Friday 08:00–18:00"). */
function openingHoursText(hours: OrganisationSettings['businessHours']): string {
  const of = (day: number) => (hours.weekly[String(day + 1)] ?? []).map((interval) => interval.replace('-', '–')).join(', ') || 'closed';
  const runs: { from: number; to: number; text: string }[] = [];
  DAYS.forEach((_, day) => {
    const last = runs[runs.length - 1];
    if (last && last.text === of(day)) last.to = day;
    else runs.push({ from: day, to: day, text: of(day) });
  });
  const week = runs
    .map(
      (run) => `${DAYS[run.from]}${run.to === run.from ? '' : `${run.to === run.from + 1 ? ' and ' : ' to '}${DAYS[run.to]}`} ${run.text}`,
    )
    .join('; ');
  return `${week} (${hours.timezone}); ${BANK_HOLIDAYS[hours.bankHolidays] ?? hours.bankHolidays}`;
}

/** A UK phone number as the API takes it: digits, spaces, brackets and dashes, perhaps a leading +, at least 6 digits, at most 24 characters. */
const looksLikePhoneNumber = (text: string) => /^(?=(?:\D*\d){6})\+?[\d ()-]{6,24}$/.test(text);

/** Names used outside the UK need a safeguard; the UK itself does not. */
const inTheUk = (location: string) =>
  /^(uk|united kingdom|great britain|gb|england|scotland|wales|northern ireland)$/i.test(location.trim());

type Group = 'name' | 'enquiries-email' | 'legal-basis' | 'dpo' | 'chat' | 'work' | 'safeguarding';

const GROUP_TITLES: Record<Group, string> = {
  name: 'Change the organisation’s name',
  'enquiries-email': 'Change the e-mail enquiries address',
  'legal-basis': 'Change the default lawful basis',
  dpo: 'Change the Data Protection Officer’s details',
  chat: 'Change how live chats reach advisors',
  work: 'Change how e-mails, forms and social messages reach advisors',
  safeguarding: 'Change the emergency duty numbers',
};
const FIRST_INPUT: Record<Group, string> = {
  name: 'org-name',
  'enquiries-email': 'org-enquiries-email',
  'legal-basis': 'org-legal-basis',
  dpo: 'org-dpo-name',
  chat: 'org-chat-routing',
  work: 'org-work-routing',
  safeguarding: 'org-children-duty',
};

/** One group of settings, changed with PATCH /api/organisation: only that group is sent. */
function SettingsForm({
  group,
  organisation,
  onSaved,
  onCancel,
}: {
  group: Group;
  organisation: OrganisationSettings;
  onSaved: (saved: OrganisationSettings, message: string) => void;
  onCancel: () => void;
}) {
  const session = useSession();
  const [name, setName] = useState(organisation.name);
  const [enquiriesEmail, setEnquiriesEmail] = useState(organisation.enquiriesEmail ?? '');
  const domains = organisation.inboundDomains ?? [];
  const [basis, setBasis] = useState(organisation.defaultLegalBasis);
  const [dpoName, setDpoName] = useState(organisation.dpo.name);
  const [dpoEmail, setDpoEmail] = useState(organisation.dpo.email);
  const [dpoAddress, setDpoAddress] = useState(organisation.dpo.postalAddress ?? '');
  const [routing, setRouting] = useState<string>(organisation.chatRouting);
  const [offerSeconds, setOfferSeconds] = useState(String(organisation.chatOfferSeconds));
  const [workRouting, setWorkRouting] = useState<string>(organisation.workRouting ?? 'pick');
  const [reclaimMinutes, setReclaimMinutes] = useState(String(organisation.workReclaimMinutes ?? 60));
  const [childrenDuty, setChildrenDuty] = useState(organisation.safeguardingContacts?.childrenEmergencyDuty ?? '');
  const [adultsDuty, setAdultsDuty] = useState(organisation.safeguardingContacts?.adultsEmergencyDuty ?? '');
  const { problems, busy, submit, errorOf } = useSubmission(
    {
      name: 'org-name',
      enquiriesEmail: 'org-enquiries-email',
      defaultLegalBasis: 'org-legal-basis',
      dpo: 'org-dpo-name',
      'dpo.name': 'org-dpo-name',
      'dpo.email': 'org-dpo-email',
      'dpo.postalAddress': 'org-dpo-address',
      chatRouting: 'org-chat-routing',
      chatOfferSeconds: 'org-chat-offer',
      workRouting: 'org-work-routing',
      workReclaimMinutes: 'org-work-reclaim',
      safeguardingContacts: 'org-children-duty',
      'safeguardingContacts.childrenEmergencyDuty': 'org-children-duty',
      'safeguardingContacts.adultsEmergencyDuty': 'org-adults-duty',
    },
    FIRST_INPUT[group],
  );
  useEffect(() => document.getElementById(FIRST_INPUT[group])?.focus(), [group]);

  const check = () => {
    const found: Problem[] = [];
    if (group === 'name' && !name.trim()) found.push({ field: 'org-name', message: 'Enter the organisation’s name' });
    if (group === 'enquiries-email' && !looksLikeEmail(enquiriesEmail.trim()))
      found.push({
        field: 'org-enquiries-email',
        message: enquiriesEmail.trim()
          ? 'Enter the address in the right form, like contact@example.gov.uk'
          : 'Enter the address e-mail enquiries are sent to',
      });
    else if (group === 'enquiries-email' && !domains.includes(enquiriesEmail.trim().toLowerCase().split('@')[1] ?? '')) {
      found.push({
        field: 'org-enquiries-email',
        message:
          domains.length > 0
            ? `Enter an address ending in ${domains.map((domain) => `@${domain}`).join(' or ')}`
            : 'No mail domain is routed to your organisation yet: ask the service operator',
      });
    }
    if (group === 'dpo') {
      if (!dpoName.trim()) found.push({ field: 'org-dpo-name', message: 'Enter the Data Protection Officer’s name or title' });
      if (!looksLikeEmail(dpoEmail.trim()))
        found.push({
          field: 'org-dpo-email',
          message: dpoEmail.trim()
            ? 'Enter the address in the right form, like dpo@example.gov.uk'
            : 'Enter the Data Protection Officer’s e-mail address',
        });
    }
    if (group === 'chat' && (!/^\d{1,3}$/.test(offerSeconds.trim()) || Number(offerSeconds) < 1 || Number(offerSeconds) > 600)) {
      found.push({ field: 'org-chat-offer', message: 'Enter a whole number of seconds from 1 to 600' });
    }
    if (group === 'work' && (!/^\d{1,4}$/.test(reclaimMinutes.trim()) || Number(reclaimMinutes) < 5 || Number(reclaimMinutes) > 1440)) {
      found.push({ field: 'org-work-reclaim', message: 'Enter a whole number of minutes from 5 to 1440' });
    }
    if (group === 'safeguarding') {
      for (const [value, field, team] of [
        [childrenDuty, 'org-children-duty', 'children’s'],
        [adultsDuty, 'org-adults-duty', 'adult social care'],
      ] as const) {
        if (value.trim() && !looksLikePhoneNumber(value.trim()))
          found.push({
            field,
            message: `Enter the ${team} emergency duty number as a UK phone number, like 0300 123 6720, or leave it empty`,
          });
      }
    }
    return found;
  };
  const body = (): Record<string, unknown> => {
    switch (group) {
      case 'name':
        return { name: name.trim() };
      case 'enquiries-email':
        return { enquiriesEmail: enquiriesEmail.trim() };
      case 'legal-basis':
        return { defaultLegalBasis: basis };
      case 'dpo':
        return {
          dpo: { name: dpoName.trim(), email: dpoEmail.trim(), ...(dpoAddress.trim() ? { postalAddress: dpoAddress.trim() } : {}) },
        };
      case 'chat':
        return { chatRouting: routing, chatOfferSeconds: Number(offerSeconds) };
      case 'work':
        return { workRouting, workReclaimMinutes: Number(reclaimMinutes) };
      case 'safeguarding':
        // An empty field clears the number: the citizen is then not given one.
        return {
          safeguardingContacts: { childrenEmergencyDuty: childrenDuty.trim() || null, adultsEmergencyDuty: adultsDuty.trim() || null },
        };
    }
  };
  const saidAs = (saved: OrganisationSettings): string => {
    switch (group) {
      case 'name':
        return `The organisation is now called ${saved.name}`;
      case 'enquiries-email':
        return `E-mail enquiries address: now ${saved.enquiriesEmail ?? ''}`;
      case 'legal-basis':
        return `Default lawful basis: now ${basisLabel(saved.defaultLegalBasis)}`;
      case 'dpo':
        return 'Data Protection Officer’s details saved';
      case 'chat':
        return saved.chatRouting === 'auto'
          ? `Live chats are now offered to advisors, ${saved.chatOfferSeconds} seconds each`
          : 'Advisors now pick live chats from the queue';
      case 'work':
        return saved.workRouting === 'auto'
          ? `E-mails, forms and social messages are now assigned to advisors automatically, back to the queue after ${saved.workReclaimMinutes} minutes untouched`
          : 'Advisors now pick e-mails, forms and social messages from the inbox';
      case 'safeguarding':
        return 'Emergency duty numbers saved';
    }
  };

  return (
    <ActionForm
      id="organisation-settings-form"
      title={GROUP_TITLES[group]}
      button="Save"
      busy={busy}
      problems={problems}
      onCancel={onCancel}
      onSubmit={() =>
        void submit(check, async () => {
          const saved = await request<OrganisationSettings>('PATCH', '/api/organisation', session, body());
          onSaved(saved, saidAs(saved));
        })
      }
    >
      {group === 'name' && (
        <TextInput
          id="org-name"
          label="Name"
          hint="As citizens see it on the chat page and in messages"
          error={errorOf('org-name')}
          value={name}
          onInput={setName}
          width={30}
        />
      )}
      {group === 'enquiries-email' && (
        <TextInput
          id="org-enquiries-email"
          label="E-mail enquiries address"
          hint={`Citizens’ e-mails to this address become enquiries. ${domains.length > 0 ? `It must end in ${domains.map((domain) => `@${domain}`).join(' or ')}, the mail the service operator routes to you.` : 'The service operator has not routed a mail domain to you yet.'}`}
          type="email"
          error={errorOf('org-enquiries-email')}
          value={enquiriesEmail}
          onInput={setEnquiriesEmail}
          width={30}
        />
      )}
      {group === 'legal-basis' && (
        <Radios
          id="org-legal-basis"
          label="Lawful basis used when an enquiry names none"
          hint="UK GDPR Article 6(1)"
          error={errorOf('org-legal-basis')}
          value={basis}
          options={LEGAL_BASES}
          onChange={setBasis}
          small
        />
      )}
      {group === 'dpo' && (
        <>
          <TextInput
            id="org-dpo-name"
            label="Name or title"
            hint="Shown to citizens with the privacy notice"
            error={errorOf('org-dpo-name')}
            value={dpoName}
            onInput={setDpoName}
            width={30}
          />
          <TextInput
            id="org-dpo-email"
            label="E-mail address"
            type="email"
            error={errorOf('org-dpo-email')}
            value={dpoEmail}
            onInput={setDpoEmail}
            width={30}
          />
          <TextArea
            id="org-dpo-address"
            label="Postal address (optional)"
            error={errorOf('org-dpo-address')}
            value={dpoAddress}
            onInput={setDpoAddress}
            rows={3}
          />
        </>
      )}
      {group === 'chat' && (
        <>
          <Radios
            id="org-chat-routing"
            label="How live chats reach advisors"
            error={errorOf('org-chat-routing')}
            value={routing}
            options={ROUTING}
            onChange={setRouting}
            small
          />
          <TextInput
            id="org-chat-offer"
            label="Seconds an advisor has to accept an offered chat"
            hint="From 1 to 600. Used when chats are offered; then the chat goes to the next advisor."
            width={3}
            inputMode="numeric"
            error={errorOf('org-chat-offer')}
            value={offerSeconds}
            onInput={setOfferSeconds}
          />
        </>
      )}
      {group === 'work' && (
        <>
          <Radios
            id="org-work-routing"
            label="How e-mails, forms and social messages reach advisors"
            error={errorOf('org-work-routing')}
            value={workRouting}
            options={WORK_ROUTING}
            onChange={setWorkRouting}
            small
          />
          <TextInput
            id="org-work-reclaim"
            label="Minutes an advisor has to start on an enquiry assigned to them"
            hint="From 5 to 1440. Used when enquiries are assigned automatically: one its advisor has not touched (a reply, a note, taking it) by then goes back to the queue, and to someone else."
            width={4}
            inputMode="numeric"
            error={errorOf('org-work-reclaim')}
            value={reclaimMinutes}
            onInput={setReclaimMinutes}
          />
        </>
      )}
      {group === 'safeguarding' && (
        <>
          <TextInput
            id="org-children-duty"
            label="Children’s services emergency duty team"
            hint="Given to a citizen whose words suggest a child may be at risk but not in immediate danger. A UK number, like 0300 123 6720. Leave it empty if you have none."
            type="tel"
            width={20}
            error={errorOf('org-children-duty')}
            value={childrenDuty}
            onInput={setChildrenDuty}
          />
          <TextInput
            id="org-adults-duty"
            label="Adult social care emergency duty team"
            hint="Given to a citizen whose words suggest an adult may be at risk but not in immediate danger. A UK number, like 01772 123456. Leave it empty if you have none."
            type="tel"
            width={20}
            error={errorOf('org-adults-duty')}
            value={adultsDuty}
            onInput={setAdultsDuty}
          />
        </>
      )}
    </ActionForm>
  );
}

function SummaryRow({
  label,
  id,
  group,
  onChange,
  children,
}: {
  label: string;
  id: string;
  group?: Group;
  onChange: (group: Group) => void;
  children: ComponentChildren;
}) {
  return (
    <div class={`govuk-summary-list__row${group ? '' : ' govuk-summary-list__row--no-actions'}`} id={id}>
      <dt class="govuk-summary-list__key">{label}</dt>
      <dd class="govuk-summary-list__value signpost-pre-wrap">{children}</dd>
      {group && (
        <dd class="govuk-summary-list__actions">
          <button type="button" class="govuk-link signpost-link-button" id={`change-${group}`} onClick={() => onChange(group)}>
            Change<span class="govuk-visually-hidden"> {label.toLowerCase()}</span>
          </button>
        </dd>
      )}
    </div>
  );
}

/** The settings in force, each group changed in a form that takes the list's place. */
function Settings({
  organisation,
  onSaved,
}: {
  organisation: OrganisationSettings;
  onSaved: (saved: OrganisationSettings, message: string) => void;
}) {
  const [editing, setEditing] = useState<Group>();
  const [focusOn, setFocusOn] = useState<{ id: string; at: number }>();
  useEffect(() => {
    if (focusOn) document.getElementById(focusOn.id)?.focus();
  }, [focusOn]);
  const notice = organisation.currentPrivacyNotice;
  return (
    <section aria-labelledby="organisation-settings-heading" class="govuk-!-margin-bottom-8">
      <h2 class="govuk-heading-l" id="organisation-settings-heading">
        Settings
      </h2>
      {editing ? (
        <SettingsForm
          group={editing}
          organisation={organisation}
          onCancel={() => {
            setEditing(undefined);
            setFocusOn({ id: `change-${editing}`, at: Date.now() });
          }}
          onSaved={(saved, message) => {
            setEditing(undefined);
            onSaved(saved, message);
          }}
        />
      ) : (
        <dl class="govuk-summary-list" id="organisation-settings">
          <SummaryRow label="Name" id="setting-name" group="name" onChange={setEditing}>
            {organisation.name}
          </SummaryRow>
          <SummaryRow label="Chat page" id="setting-chat-page" onChange={setEditing}>
            /chat/{organisation.slug}
          </SummaryRow>
          <SummaryRow label="E-mail enquiries address" id="setting-enquiries-email" group="enquiries-email" onChange={setEditing}>
            {organisation.enquiriesEmail ?? 'Not set'}
          </SummaryRow>
          <SummaryRow label="Default lawful basis" id="setting-legal-basis" group="legal-basis" onChange={setEditing}>
            {basisLabel(organisation.defaultLegalBasis)}
          </SummaryRow>
          <SummaryRow label="Data Protection Officer" id="setting-dpo" group="dpo" onChange={setEditing}>
            {[organisation.dpo.name, organisation.dpo.email, organisation.dpo.postalAddress].filter(Boolean).join('\n')}
          </SummaryRow>
          <SummaryRow label="Live chat" id="setting-chat" group="chat" onChange={setEditing}>
            {organisation.chatRouting === 'auto'
              ? `Each chat is offered to an advisor, who has ${organisation.chatOfferSeconds} seconds to accept it`
              : 'Advisors pick chats from the queue'}
          </SummaryRow>
          <SummaryRow label="E-mails, forms and social messages" id="setting-work" group="work" onChange={setEditing}>
            {organisation.workRouting === 'auto'
              ? `Each is assigned to an advisor automatically, and goes back to the queue if they have not touched it within ${organisation.workReclaimMinutes ?? 60} minutes`
              : 'Advisors pick them from the inbox'}
          </SummaryRow>
          <SummaryRow label="Emergency duty numbers" id="setting-safeguarding" group="safeguarding" onChange={setEditing}>
            {`Children: ${organisation.safeguardingContacts?.childrenEmergencyDuty ?? 'Not set'}\nAdults: ${organisation.safeguardingContacts?.adultsEmergencyDuty ?? 'Not set'}`}
          </SummaryRow>
          <SummaryRow label="Opening hours" id="setting-hours" onChange={setEditing}>
            {openingHoursText(organisation.businessHours)}
          </SummaryRow>
          <SummaryRow label="Privacy notice in force" id="setting-notice" onChange={setEditing}>
            {notice ? `Version ${notice.version}: ${notice.title}, from ${notice.effectiveFrom}` : 'None in force today'}
          </SummaryRow>
          <SummaryRow label="Messages to citizens" id="setting-notify" onChange={setEditing}>
            {organisation.notify.apiKeySet ? 'Sent through GOV.UK Notify' : 'Sent by e-mail from Signpost (no GOV.UK Notify key is set)'}
          </SummaryRow>
        </dl>
      )}
      {!editing && (
        <p class="govuk-body-s">
          Opening hours, privacy notices and GOV.UK Notify are changed through the API (see the API documentation).
        </p>
      )}
    </section>
  );
}

/** The organisations that handle the contact centre's data for the council: kept as a list the API replaces whole. */
function Processors({ processors, onSaved }: { processors: Processor[]; onSaved: (saved: OrganisationSettings, message: string) => void }) {
  const session = useSession();
  const [removing, setRemoving] = useState<number>();
  const [name, setName] = useState('');
  const [purpose, setPurpose] = useState('');
  const [location, setLocation] = useState('');
  const [safeguard, setSafeguard] = useState('');
  const added = processors.length;
  const adding = useSubmission(
    {
      [`processors.${added}.name`]: 'processor-name',
      [`processors.${added}.purpose`]: 'processor-purpose',
      [`processors.${added}.location`]: 'processor-location',
      [`processors.${added}.safeguard`]: 'processor-safeguard',
    },
    'processor-name',
  );
  const removal = useSubmission({}, 'remove-processor');
  useEffect(() => {
    if (removing !== undefined) focusHeading('remove-processor-title');
  }, [removing]);
  const check = () => {
    const found: Problem[] = [];
    if (!name.trim()) found.push({ field: 'processor-name', message: 'Enter the processor’s name' });
    if (!purpose.trim()) found.push({ field: 'processor-purpose', message: 'Enter what it does with the data' });
    if (location.trim().length < 2)
      found.push({ field: 'processor-location', message: 'Enter where it holds the data: UK, or the country or region outside it' });
    else if (!inTheUk(location) && !safeguard.trim())
      found.push({ field: 'processor-safeguard', message: 'Enter the safeguard for data held outside the UK' });
    return found;
  };
  const cancelRemoval = (index: number) => {
    setRemoving(undefined);
    setTimeout(() => document.getElementById(`remove-${index}`)?.focus());
  };
  return (
    <section aria-labelledby="processors-heading" class="govuk-!-margin-bottom-8">
      <h2 class="govuk-heading-l" id="processors-heading">
        Processors
      </h2>
      <p class="govuk-body">
        Organisations that handle the contact centre’s data on the council’s behalf, such as the telephony or online forms platform. They
        are listed in the record of processing; one that holds data outside the UK is a transfer, and needs a safeguard.
      </p>
      {removing !== undefined && processors[removing] ? (
        <ActionForm
          id="remove-processor"
          title={`Remove ${processors[removing].name} from the processors?`}
          intro="Do this only when it no longer handles the contact centre’s data. The record of processing then leaves it out."
          button="Remove the processor"
          warning
          busy={removal.busy}
          problems={removal.problems}
          onCancel={() => cancelRemoval(removing)}
          onSubmit={() =>
            void removal.submit(
              () => [],
              async () => {
                const gone = processors[removing];
                const saved = await request<OrganisationSettings>('PATCH', '/api/organisation', session, {
                  processors: processors.filter((_, index) => index !== removing),
                });
                setRemoving(undefined);
                onSaved(saved, `${gone.name} removed from the processors`);
              },
            )
          }
        />
      ) : processors.length === 0 ? (
        <p class="govuk-body" id="no-processors">
          No processors are recorded.
        </p>
      ) : (
        <table class="govuk-table" id="processors">
          <caption class="govuk-table__caption govuk-table__caption--m">Processors ({processors.length})</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Processor
              </th>
              <th scope="col" class="govuk-table__header">
                What it does
              </th>
              <th scope="col" class="govuk-table__header">
                Where it holds the data
              </th>
              <th scope="col" class="govuk-table__header">
                Transfer safeguard
              </th>
              <th scope="col" class="govuk-table__header">
                <span class="govuk-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {processors.map((processor, index) => (
              <tr class="govuk-table__row" key={`${index}-${processor.name}`}>
                <th scope="row" class="govuk-table__header signpost-pre-wrap">
                  {processor.name}
                </th>
                <td class="govuk-table__cell signpost-pre-wrap">{processor.purpose}</td>
                <td class="govuk-table__cell signpost-pre-wrap">{processor.location}</td>
                <td class="govuk-table__cell signpost-pre-wrap">
                  {processor.safeguard ?? (inTheUk(processor.location) ? 'Not needed' : 'None recorded')}
                </td>
                <td class="govuk-table__cell">
                  <button type="button" class="govuk-link signpost-link-button" id={`remove-${index}`} onClick={() => setRemoving(index)}>
                    Remove<span class="govuk-visually-hidden"> {processor.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {removing === undefined && (
        <ActionForm
          id="add-processor"
          title="Add a processor"
          button="Add the processor"
          secondary
          busy={adding.busy}
          problems={adding.problems}
          onSubmit={() =>
            void adding.submit(check, async () => {
              const processor: Processor = {
                name: name.trim(),
                purpose: purpose.trim(),
                location: location.trim(),
                ...(safeguard.trim() ? { safeguard: safeguard.trim() } : {}),
              };
              const saved = await request<OrganisationSettings>('PATCH', '/api/organisation', session, {
                processors: [...processors, processor],
              });
              setName('');
              setPurpose('');
              setLocation('');
              setSafeguard('');
              onSaved(saved, `${processor.name} added to the processors`);
            })
          }
        >
          <TextInput
            id="processor-name"
            label="Name"
            hint="The company or body, such as Granicus"
            error={adding.errorOf('processor-name')}
            value={name}
            onInput={setName}
            width={30}
          />
          <TextInput
            id="processor-purpose"
            label="What it does with the data"
            hint="Such as: hosts the online forms"
            error={adding.errorOf('processor-purpose')}
            value={purpose}
            onInput={setPurpose}
          />
          <TextInput
            id="processor-location"
            label="Where it holds the data"
            hint="UK, or the country or region outside it, such as EU"
            error={adding.errorOf('processor-location')}
            value={location}
            onInput={setLocation}
            width={20}
          />
          <TextInput
            id="processor-safeguard"
            label="Transfer safeguard (for data held outside the UK)"
            hint="Such as UK adequacy regulations (EEA), or an International Data Transfer Agreement"
            error={adding.errorOf('processor-safeguard')}
            value={safeguard}
            onInput={setSafeguard}
          />
        </ActionForm>
      )}
    </section>
  );
}

/**
 * Rotating a channel's signing secret: asked first, with a warning; then the new secret is shown once, to be
 * copied into the outside system, and forgotten by the page when the administrator says it has been copied.
 */
function ChannelSecrets() {
  const session = useSession();
  const [confirming, setConfirming] = useState<string>();
  const [rotated, setRotated] = useState<{ channel: string; secret: string }>();
  const [copied, setCopied] = useState<string>();
  const rotation = useSubmission({}, 'rotate-secret');
  useEffect(() => {
    if (confirming) focusHeading('rotate-secret-title');
  }, [confirming]);
  useEffect(() => {
    if (rotated) document.getElementById('new-secret-title')?.focus();
  }, [rotated]);
  const copy = async () => {
    if (!rotated) return;
    try {
      await navigator.clipboard.writeText(rotated.secret);
      setCopied('Copied. Paste it into the outside system now.');
    } catch {
      const input = document.getElementById('new-secret-value') as HTMLInputElement | null;
      input?.select();
      setCopied('The page could not copy it: it is selected, so press Ctrl+C (or Cmd+C) to copy it.');
    }
  };
  const finish = () => {
    const channel = rotated?.channel;
    setRotated(undefined);
    setCopied(undefined);
    setTimeout(() => document.getElementById(`rotate-${channel}`)?.focus());
  };
  return (
    <section aria-labelledby="channel-secrets-heading" class="govuk-!-margin-bottom-8">
      <h2 class="govuk-heading-l" id="channel-secrets-heading">
        Channel signing secrets
      </h2>
      <p class="govuk-body">
        Call logs, online forms and pushed e-mail reach Signpost only when signed with the channel’s secret (Standard Webhooks). Rotate a
        secret when it may have been seen by someone who should not have it, or when the outside system is replaced. The previous secret is
        still accepted until the next rotation, so the outside system can switch over.
      </p>
      {rotated ? (
        <div class="signpost-panel govuk-!-margin-bottom-6" id="new-secret" role="region" aria-labelledby="new-secret-title">
          <h3 class="govuk-heading-m" id="new-secret-title" tabIndex={-1}>
            New secret for the {channelName(rotated.channel).toLowerCase()} channel
          </h3>
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">Warning</span>Copy it now: it is not shown again. Put it into the outside system’s
              settings; do not send it by e-mail.
            </strong>
          </div>
          <TextInput id="new-secret-value" label="Secret" value={rotated.secret} readOnly />
          <p class="govuk-body" aria-live="polite" id="copy-result">
            {copied ?? ''}
          </p>
          <div class="govuk-button-group">
            <button type="button" class="govuk-button govuk-button--secondary" id="copy-secret" onClick={() => void copy()}>
              Copy the secret
            </button>
            <button type="button" class="govuk-button" id="secret-copied" onClick={finish}>
              I have copied it
            </button>
          </div>
        </div>
      ) : confirming ? (
        <ActionForm
          id="rotate-secret"
          title={`Rotate the ${channelName(confirming).toLowerCase()} channel’s secret?`}
          intro="A new secret is made now and shown once. The current one still works until the next rotation: rotating twice before the outside system has the new secret stops its pushes being accepted."
          button="Rotate the secret"
          warning
          busy={rotation.busy}
          problems={rotation.problems}
          onCancel={() => {
            const channel = confirming;
            setConfirming(undefined);
            setTimeout(() => document.getElementById(`rotate-${channel}`)?.focus());
          }}
          onSubmit={() =>
            void rotation.submit(
              () => [],
              async () => {
                const answer = await request<{ channel: string; secret: string }>(
                  'POST',
                  `/api/organisation/channels/${confirming}/secret`,
                  session,
                );
                setConfirming(undefined);
                setRotated(answer);
              },
            )
          }
        />
      ) : (
        <table class="govuk-table" id="channel-secrets">
          <caption class="govuk-table__caption govuk-table__caption--m">Signed channels</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Channel
              </th>
              <th scope="col" class="govuk-table__header">
                What it signs
              </th>
              <th scope="col" class="govuk-table__header">
                <span class="govuk-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {CHANNELS.map(([channel, label, what]) => (
              <tr class="govuk-table__row" key={channel} id={`channel-${channel}`}>
                <th scope="row" class="govuk-table__header">
                  {label}
                </th>
                <td class="govuk-table__cell">{what}</td>
                <td class="govuk-table__cell">
                  <button
                    type="button"
                    class="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                    id={`rotate-${channel}`}
                    onClick={() => setConfirming(channel)}
                  >
                    Rotate the secret<span class="govuk-visually-hidden"> for the {label.toLowerCase()} channel</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The administrator's "Organisation" tab: the settings, the processors, the wrap-up outcome codes, and the channels' signing secrets. */
export function AdminOrganisation() {
  const { data, error } = useApi<OrganisationSettings>('/api/organisation');
  // What the last change answered, shown in place of the first reading.
  const [changed, setChanged] = useState<OrganisationSettings>();
  const organisation = changed ?? data;
  const [notice, setNotice] = useState<Notice>();
  const saved = (next: OrganisationSettings, message: string) => {
    setChanged(next);
    setNotice({ text: message, at: Date.now() });
  };
  return (
    <>
      <SuccessBanner id="organisation-notice" notice={notice} />
      <h1 class="govuk-heading-l">Organisation</h1>
      {error && (
        <p class="govuk-error-message" role="alert">
          {error}
        </p>
      )}
      {organisation && (
        <>
          <Settings organisation={organisation} onSaved={saved} />
          <Processors processors={organisation.processors} onSaved={saved} />
        </>
      )}
      <OutcomeCodesSection onSaved={(message) => setNotice({ text: message, at: Date.now() })} />
      <ChannelSecrets />
    </>
  );
}
