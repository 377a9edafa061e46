import { useState } from 'preact/hooks';
import { ApiError, formatInstant, request } from '../shared/api.js';
import { useApi, useSession } from '../shared/session-context.js';
import { ActionForm, TextInput, useSubmission } from '../shared/govuk-form.js';
import { Link } from '../shared/router.js';
import type {
  OpenEnquiry,
  PersonAtAGlance,
  PersonContact,
  PersonMatchReason,
  PossibleMatch,
  ResolutionKind,
} from '../../../src/contracts/person.js';
import { pathOf } from './console-routes.js';

const RESOLUTIONS: Record<ResolutionKind, string> = {
  advised: 'Advice given',
  signposted: 'Directed to another organisation',
  referred: 'Referred to a service',
  merged: 'Merged into another enquiry',
};

const MATCHED_ON: Record<PersonMatchReason, string> = {
  email: 'same email address',
  phone: 'same phone number',
  'name+dateOfBirth': 'same name and date of birth',
  'name+postcode': 'same name and postcode',
  'name+address': 'same name and address',
};

const statusText = (status: string) => status.replace('_', ' ');
const enquiryHref = (id: string) => pathOf('enquiry', { id });

function ReferenceLink({ contact }: { contact: Pick<PersonContact, 'enquiryId' | 'reference'> }) {
  return (
    <Link class="govuk-link" href={enquiryHref(contact.enquiryId)} state={{ from: 'inbox' }}>
      {contact.reference}
    </Link>
  );
}

function outcomeOf(contact: PersonContact): string {
  if (contact.mergedInto) return `Merged into ${contact.mergedInto.reference}`;
  return contact.resolution ? RESOLUTIONS[contact.resolution] : 'Not recorded';
}

/**
 * The person at a glance, beside an enquiry: their earlier contact with this organisation (newest first), the open
 * enquiries about them or their address, and other people held who may be them, each linked only when the advisor
 * says so. Reading it is audited by the API.
 */
export function PersonAtAGlanceSection({
  enquiryId,
  linkable,
  onChanged,
}: {
  enquiryId: string;
  /** Whether the enquiry can still be linked to another person (not erased, not merged). */
  linkable: boolean;
  onChanged: (message: string) => void;
}) {
  const { data: person, error, reload } = useApi<PersonAtAGlance>(`/api/enquiries/${enquiryId}/person`);
  const [linking, setLinking] = useState<PossibleMatch>();
  return (
    <section aria-labelledby="person-heading" id="person-at-a-glance" class="govuk-!-margin-bottom-6">
      <h2 class="govuk-heading-m" id="person-heading">
        Person at a glance
      </h2>
      {error && <p class="govuk-error-message">{error}</p>}
      {!person && !error && <p class="govuk-body">Loading…</p>}
      {person && (
        <>
          <ContactTable
            id="person-earlier-contact"
            caption={`Earlier contact with us (newest first, ${person.earlierContact.length})`}
            empty="No earlier contact from this person."
            contacts={person.earlierContact}
          />
          <OpenTable contacts={person.openEnquiries} />
          <h3 class="govuk-heading-s" id="person-matches-heading">
            Possible matches
          </h3>
          {person.possibleMatches.length === 0 ? (
            <p class="govuk-body" id="person-no-matches">
              No one else held looks like this person.
            </p>
          ) : (
            <>
              <p class="govuk-body">These people may be the same person. Nothing is linked unless you choose to link it.</p>
              <table class="govuk-table" id="person-matches" aria-labelledby="person-matches-heading">
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">
                      Name
                    </th>
                    <th scope="col" class="govuk-table__header">
                      Why it may be them
                    </th>
                    <th scope="col" class="govuk-table__header">
                      Enquiries
                    </th>
                    <th scope="col" class="govuk-table__header">
                      <span class="govuk-visually-hidden">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  {person.possibleMatches.map((match) => (
                    <tr class="govuk-table__row" key={match.dataSubjectId}>
                      <td class="govuk-table__cell">{match.name}</td>
                      <td class="govuk-table__cell">{match.matchedOn.map((reason) => MATCHED_ON[reason]).join(', ')}</td>
                      <td class="govuk-table__cell">
                        {match.enquiries}
                        {match.lastContactAt && `, latest ${formatInstant(match.lastContactAt)}`}
                      </td>
                      <td class="govuk-table__cell">
                        {linkable && (
                          <button
                            type="button"
                            class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                            onClick={() => setLinking(match)}
                          >
                            Link to this person<span class="govuk-visually-hidden"> ({match.name})</span>
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {linking && (
            <LinkConfirmation
              enquiryId={enquiryId}
              match={linking}
              onCancel={() => setLinking(undefined)}
              onLinked={() => {
                setLinking(undefined);
                void reload();
                onChanged(`This enquiry is now recorded against ${linking.name}`);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

function ContactTable({ id, caption, empty, contacts }: { id: string; caption: string; empty: string; contacts: PersonContact[] }) {
  return contacts.length === 0 ? (
    <>
      <h3 class="govuk-heading-s">{caption}</h3>
      <p class="govuk-body" id={`${id}-none`}>
        {empty}
      </p>
    </>
  ) : (
    <table class="govuk-table" id={id}>
      <caption class="govuk-table__caption govuk-table__caption--s">{caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {['Reference', 'Channel', 'Date', 'Status', 'Outcome'].map((heading) => (
            <th scope="col" class="govuk-table__header" key={heading}>
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {contacts.map((contact) => (
          <tr class="govuk-table__row" key={contact.enquiryId}>
            <td class="govuk-table__cell">
              <ReferenceLink contact={contact} />
            </td>
            <td class="govuk-table__cell">{contact.channel}</td>
            <td class="govuk-table__cell">{formatInstant(contact.createdAt)}</td>
            <td class="govuk-table__cell">{statusText(contact.status)}</td>
            <td class="govuk-table__cell">{outcomeOf(contact)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OpenTable({ contacts }: { contacts: OpenEnquiry[] }) {
  const caption = 'Open enquiries about this person or their address';
  return contacts.length === 0 ? (
    <>
      <h3 class="govuk-heading-s">{caption}</h3>
      <p class="govuk-body" id="person-open-none">
        No other open enquiries.
      </p>
    </>
  ) : (
    <table class="govuk-table" id="person-open">
      <caption class="govuk-table__caption govuk-table__caption--s">{caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {['Reference', 'About', 'Channel', 'Date', 'Status'].map((heading) => (
            <th scope="col" class="govuk-table__header" key={heading}>
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {contacts.map((contact) => (
          <tr class="govuk-table__row" key={contact.enquiryId}>
            <td class="govuk-table__cell">
              <ReferenceLink contact={contact} />
            </td>
            <td class="govuk-table__cell">{contact.about === 'person' ? 'This person' : 'Same address'}</td>
            <td class="govuk-table__cell">{contact.channel}</td>
            <td class="govuk-table__cell">{formatInstant(contact.createdAt)}</td>
            <td class="govuk-table__cell">{statusText(contact.status)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The advisor confirms the link: it is their explicit act, never made for them. */
function LinkConfirmation({
  enquiryId,
  match,
  onCancel,
  onLinked,
}: {
  enquiryId: string;
  match: PossibleMatch;
  onCancel: () => void;
  onLinked: () => void;
}) {
  const session = useSession();
  const { busy, problems, submit } = useSubmission({ dataSubjectId: 'link-person' }, 'link-person');
  return (
    <ActionForm
      id="link-person"
      title={`Link this enquiry to ${match.name}?`}
      intro="The enquiry, its consent records and what was shared from it will be recorded against this person, who also gains the phone numbers and email addresses held for the person it was recorded against. The other record stays as it is."
      button="Yes, link to this person"
      busy={busy}
      problems={problems}
      onCancel={onCancel}
      onSubmit={() =>
        void submit(
          () => [],
          async () => {
            await request('POST', `/api/enquiries/${enquiryId}/link-subject`, session, { dataSubjectId: match.dataSubjectId });
            onLinked();
          },
        )
      }
    />
  );
}

/**
 * Merging this enquiry, a duplicate, into another open one named by its reference: found first, then confirmed.
 * The duplicate is closed as merged; both timelines are kept.
 */
export function MergeForm({
  enquiryId,
  reference,
  onMerged,
}: {
  enquiryId: string;
  reference: string;
  onMerged: (message: string) => void;
}) {
  const session = useSession();
  const [into, setInto] = useState('');
  const [target, setTarget] = useState<{ id: string; reference: string }>();
  const { busy, problems, submit, errorOf } = useSubmission({ intoEnquiryId: 'merge-into' }, 'merge-into');
  if (target) {
    return (
      <MergeConfirmation
        enquiryId={enquiryId}
        reference={reference}
        target={target}
        onCancel={() => setTarget(undefined)}
        onMerged={onMerged}
      />
    );
  }
  return (
    <ActionForm
      id="merge"
      title="Merge into another enquiry"
      intro="If this enquiry is about the same thing as another open one, merge it into that one."
      button="Continue"
      secondary
      busy={busy}
      problems={problems}
      onSubmit={() =>
        void submit(
          () => (into.trim() ? [] : [{ field: 'merge-into', message: 'Enter the reference of the enquiry to merge into' }]),
          async () => {
            const wanted = into.trim().toUpperCase().replace('-', '');
            const found = await request<{ items: { id: string; reference: string }[] }>(
              'GET',
              `/api/enquiries?q=${encodeURIComponent(into.trim())}&pageSize=1`,
              session,
            );
            const match = found.items.find((item) => item.reference.replace('-', '') === wanted);
            if (!match)
              throw new ApiError(404, 'No enquiry has that reference', [
                { field: 'intoEnquiryId', message: 'No enquiry has that reference' },
              ]);
            if (match.id === enquiryId) {
              throw new ApiError(422, 'That is this enquiry', [
                { field: 'intoEnquiryId', message: 'Enter the reference of another enquiry' },
              ]);
            }
            setTarget(match);
          },
        )
      }
    >
      <TextInput
        id="merge-into"
        label="Reference of the enquiry to merge into"
        hint="For example, ABCD-1234"
        width={10}
        error={errorOf('merge-into')}
        value={into}
        onInput={setInto}
      />
    </ActionForm>
  );
}

function MergeConfirmation({
  enquiryId,
  reference,
  target,
  onCancel,
  onMerged,
}: {
  enquiryId: string;
  reference: string;
  target: { id: string; reference: string };
  onCancel: () => void;
  onMerged: (message: string) => void;
}) {
  const session = useSession();
  const { busy, problems, submit } = useSubmission({}, 'merge-confirm');
  return (
    <ActionForm
      id="merge-confirm"
      title={`Merge ${reference} into ${target.reference}?`}
      intro={`${reference} will be closed as merged into ${target.reference}. Its timeline is kept, and shown on ${target.reference}’s.`}
      button="Yes, merge"
      warning
      busy={busy}
      problems={problems}
      onCancel={onCancel}
      onSubmit={() =>
        void submit(
          () => [],
          async () => {
            await request('POST', `/api/enquiries/${enquiryId}/merge`, session, { intoEnquiryId: target.id });
            onMerged(`${reference} merged into ${target.reference}`);
          },
        )
      }
    />
  );
}
