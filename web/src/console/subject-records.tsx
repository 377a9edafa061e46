import { useState } from 'preact/hooks';
import { fetchFile, formatInstant, request, saveFile } from '../shared/api.js';
import { useSession } from '../shared/session-context.js';
import {
  ActionForm,
  Checkboxes,
  DateInput,
  dateParts,
  isBlank,
  isoDate,
  TextArea,
  TextInput,
  useSubmission,
  type Problem,
} from '../shared/govuk-form.js';
import { PlaceLegalHoldForm, type HoldChoice } from './legal-holds.js';
import { plural, words, type SubjectRequest } from './subject-request-model.js';

/** A person the subject search found (FoundSubjectDto). */
export interface FoundSubject {
  dataSubjectId: string;
  name: string;
  matchedOn: string[];
  holdings: {
    enquiries: { id: string; reference: string; channel: string; status: string; createdAt: string }[];
    timelineEvents: number;
    chatMessages: number;
    emailMessages: number;
    emailAttachments: number;
    socialMessages: number;
    callLogs: number;
    callRecordings: number;
    consentRecords: number;
    escalations: number;
    disclosures: number;
  };
}

export interface SearchResult {
  subjects: FoundSubject[];
  truncated: boolean;
}

const MATCH_REASONS: Record<string, string> = {
  email: 'email address',
  phone: 'phone number',
  'name+dateOfBirth': 'name and date of birth',
  'name+postcode': 'name and postcode',
  name: 'name',
  address: 'address',
};

const HELD: [keyof Omit<FoundSubject['holdings'], 'enquiries'>, string, string][] = [
  ['timelineEvents', 'timeline entry', 'timeline entries'],
  ['chatMessages', 'chat message', 'chat messages'],
  ['emailMessages', 'email', 'emails'],
  ['emailAttachments', 'email attachment', 'email attachments'],
  ['socialMessages', 'social media message', 'social media messages'],
  ['callLogs', 'call', 'calls'],
  ['callRecordings', 'call recording', 'call recordings'],
  ['consentRecords', 'consent record', 'consent records'],
  ['escalations', 'referral', 'referrals'],
  ['disclosures', 'disclosure', 'disclosures'],
];

/** What is held about one person found, in a sentence. */
function holdingsText(holdings: FoundSubject['holdings']): string {
  const enquiries =
    holdings.enquiries.length === 0
      ? 'No enquiries'
      : `${plural(holdings.enquiries.length, 'enquiry', 'enquiries')}: ${holdings.enquiries.map((enquiry) => `${enquiry.reference} (${enquiry.channel}, ${words(enquiry.status)})`).join(', ')}`;
  const others = HELD.filter(([key]) => holdings[key] > 0).map(([key, one, many]) => plural(holdings[key], one, many));
  return others.length > 0 ? `${enquiries}; ${others.join(', ')}` : enquiries;
}

/** Why the search found someone; a name alone is common, so it says so. */
const matchText = (matchedOn: string[]) =>
  matchedOn.length === 1 && matchedOn[0] === 'name'
    ? 'Found by name only: a weak match.'
    : `Found by ${matchedOn.map((reason) => MATCH_REASONS[reason] ?? reason).join(', ')}.`;

const SEARCH_INPUTS: Record<string, string> = {
  name: 'find-name',
  email: 'find-email',
  phone: 'find-phone',
  dateOfBirth: 'find-dob-day',
  address: 'find-address',
  postcode: 'find-postcode',
};

/**
 * The search across every channel for the person the request is about, started from the details the requester
 * gave, and the DPO's confirmation of which people found are the requester: what every later action acts on.
 */
export function FindRecords({
  request: item,
  found,
  onFound,
  onDone,
}: {
  request: SubjectRequest;
  found?: SearchResult;
  onFound: (result: SearchResult) => void;
  onDone: (message: string) => void;
}) {
  const session = useSession();
  const [criteria, setCriteria] = useState({
    name: item.subject.name ?? '',
    email: item.subject.email ?? '',
    phone: item.subject.phone ?? '',
    address: item.subject.address ?? '',
    postcode: '',
  });
  const [dateOfBirth, setDateOfBirth] = useState(() => dateParts(item.subject.dateOfBirth));
  const [chosen, setChosen] = useState<string[]>(item.dataSubjectIds);
  const search = useSubmission(SEARCH_INPUTS, 'find-name');
  const confirm = useSubmission({ dataSubjectIds: 'confirm-records-list' }, 'confirm-records-list');
  const set = (field: keyof typeof criteria) => (value: string) => setCriteria({ ...criteria, [field]: value });

  const check = () => {
    const problems: Problem[] = [];
    if (![criteria.name, criteria.email, criteria.phone, criteria.address].some((value) => value.trim()))
      problems.push({ field: 'find-name', message: 'Enter at least a name, email, phone or address' });
    if (!isBlank(dateOfBirth) && !isoDate(dateOfBirth))
      problems.push({ field: 'find-dob-day', message: 'Date of birth must be a real date, such as 27 3 1958' });
    return problems;
  };
  const run = async () => {
    const given = Object.fromEntries(
      Object.entries(criteria)
        .filter(([, value]) => value.trim())
        .map(([key, value]) => [key, value.trim()]),
    );
    onFound(await request<SearchResult>('POST', '/api/subject-search', session, { ...given, dateOfBirth: isoDate(dateOfBirth) }));
  };

  return (
    <div>
      <ActionForm
        id="find-records"
        title="Find the person’s records"
        intro="Searches every channel. Filled in with what the requester gave: narrow or widen it if needed."
        button="Search for their records"
        secondary
        busy={search.busy}
        problems={search.problems}
        onSubmit={() => void search.submit(check, run)}
      >
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">
            <TextInput id="find-name" label="Name" error={search.errorOf('find-name')} value={criteria.name} onInput={set('name')} />
            <TextInput
              id="find-email"
              label="Email"
              type="email"
              error={search.errorOf('find-email')}
              value={criteria.email}
              onInput={set('email')}
            />
            <TextInput
              id="find-phone"
              label="Phone"
              type="tel"
              width={20}
              error={search.errorOf('find-phone')}
              value={criteria.phone}
              onInput={set('phone')}
            />
          </div>
          <div class="govuk-grid-column-one-half">
            <DateInput
              id="find-dob"
              label="Date of birth"
              hint="Narrows a name"
              error={search.errorOf('find-dob-day')}
              value={dateOfBirth}
              onChange={setDateOfBirth}
            />
            <TextArea
              id="find-address"
              label="Address"
              rows={2}
              error={search.errorOf('find-address')}
              value={criteria.address}
              onInput={set('address')}
            />
            <TextInput
              id="find-postcode"
              label="Postcode"
              hint="Narrows a name"
              width={10}
              error={search.errorOf('find-postcode')}
              value={criteria.postcode}
              onInput={set('postcode')}
            />
          </div>
        </div>
      </ActionForm>
      {found && (
        <ActionForm
          id="confirm-records"
          title="Which of these are the requester?"
          intro={
            found.subjects.length === 0
              ? 'Nobody held matches these details.'
              : 'Confirm only the records you are satisfied are theirs: exports, corrections and erasure act on these.'
          }
          button="Confirm these records"
          busy={confirm.busy}
          problems={confirm.problems}
          onSubmit={() =>
            void confirm.submit(
              () =>
                chosen.length === 0
                  ? [{ field: 'confirm-records-list', message: 'Choose at least one record that is the requester’s' }]
                  : [],
              async () => {
                await request('POST', `/api/subject-requests/${item.id}/subjects`, session, { dataSubjectIds: chosen });
                onDone(`${plural(chosen.length, 'record')} confirmed as the requester’s`);
              },
            )
          }
        >
          {found.truncated && (
            <div class="govuk-warning-text">
              <span class="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong class="govuk-warning-text__text">
                <span class="govuk-visually-hidden">Warning</span>More people matched than are listed: narrow the search.
              </strong>
            </div>
          )}
          {found.subjects.length > 0 && (
            <div id="found-subjects">
              <Checkboxes
                id="confirm-records-list"
                label="People found"
                small
                error={confirm.errorOf('confirm-records-list')}
                values={chosen}
                options={found.subjects.map((subject): [string, string, string] => [
                  subject.dataSubjectId,
                  subject.name,
                  `${matchText(subject.matchedOn)} ${holdingsText(subject.holdings)}.`,
                ])}
                onChange={setChosen}
              />
            </div>
          )}
        </ActionForm>
      )}
      {found && found.subjects.length > 0 && (
        <details class="govuk-details" id="hold-found-records">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">Place a legal hold on one of these records</span>
          </summary>
          <div class="govuk-details__text">
            <PlaceLegalHoldForm id="hold-found" choices={holdChoices(found.subjects)} onPlaced={onDone} />
          </div>
        </details>
      )}
    </div>
  );
}

/** The people found and their enquiries, by name and reference, for a legal hold. */
const holdChoices = (subjects: FoundSubject[]): HoldChoice[] =>
  subjects.flatMap((subject) => [
    { kind: 'person' as const, id: subject.dataSubjectId, label: `Everything about ${subject.name}` },
    ...subject.holdings.enquiries.map((enquiry) => ({
      kind: 'enquiry' as const,
      id: enquiry.id,
      label: `Enquiry ${enquiry.reference} (${enquiry.channel}) of ${subject.name}`,
    })),
  ]);

interface ExportSummary {
  generatedAt: string;
  people: number;
  enquiries: string[];
  recipients: string[];
}

/** Access and portability: everything held about the confirmed people, as a file the DPO sends on. */
export function ExportPanel({ request: item }: { request: SubjectRequest }) {
  const session = useSession();
  const [summary, setSummary] = useState<ExportSummary>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const download = async (format: 'json' | 'csv') => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const file = await fetchFile(`/api/subject-requests/${item.id}/export${format === 'csv' ? '?format=csv' : ''}`, session);
      saveFile(file.blob, file.filename);
      if (format === 'json') {
        const exported = JSON.parse(await file.blob.text()) as {
          generatedAt: string;
          subjects: { enquiries: { reference: string }[]; recipients: { recipient: string }[] }[];
        };
        setSummary({
          generatedAt: exported.generatedAt,
          people: exported.subjects.length,
          enquiries: exported.subjects.flatMap((subject) => subject.enquiries.map((enquiry) => enquiry.reference)),
          recipients: [...new Set(exported.subjects.flatMap((subject) => subject.recipients.map((recipient) => recipient.recipient)))],
        });
      }
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="signpost-panel govuk-!-margin-bottom-6" aria-labelledby="export-title">
      <h3 class="govuk-heading-m" id="export-title">
        Export what is held
      </h3>
      <p class="govuk-body">
        Everything held about the confirmed records, with every service it was disclosed to. The download is recorded in the audit trail.
      </p>
      {error && (
        <p class="govuk-error-message" id="export-error" role="alert">
          <span class="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <div class="govuk-button-group">
        <button
          type="button"
          class="govuk-button"
          id="download-json"
          aria-disabled={busy ? 'true' : undefined}
          onClick={() => void download('json')}
        >
          Download the export (JSON)
        </button>
        <button
          type="button"
          class="govuk-button govuk-button--secondary"
          id="download-csv"
          aria-disabled={busy ? 'true' : undefined}
          onClick={() => void download('csv')}
        >
          Download the enquiries (CSV)
        </button>
      </div>
      {summary && (
        <dl class="govuk-summary-list" id="export-summary">
          {[
            ['Exported', formatInstant(summary.generatedAt)],
            ['People', String(summary.people)],
            ['Enquiries', summary.enquiries.length === 0 ? 'None' : `${summary.enquiries.length}: ${summary.enquiries.join(', ')}`],
            ['Recipients', summary.recipients.length === 0 ? 'None' : `${summary.recipients.length}: ${summary.recipients.join(', ')}`],
          ].map(([key, value]) => (
            <div class="govuk-summary-list__row" key={key}>
              <dt class="govuk-summary-list__key">{key}</dt>
              <dd class="govuk-summary-list__value">{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
