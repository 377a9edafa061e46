import { useState } from 'preact/hooks';
import { request } from '../shared/api.js';
import { useSession } from '../shared/session-context.js';
import { ActionForm, Select, TextArea, TextInput, useSubmission, type Problem } from '../shared/govuk-form.js';
import type { SubjectRequest } from './subject-request-model.js';
import type { SearchResult } from './subject-records.js';

/** The Art. 17(3) grounds the API accepts for keeping a record (src/subject-rights/subject-erasure.ts). */
const GROUNDS: [string, string][] = [
  ['legal_obligation', 'Compliance with a legal obligation (Art. 17(3)(b))'],
  ['public_task', 'A task in the public interest or official authority (Art. 17(3)(b))'],
  ['public_health', 'Public health (Art. 17(3)(c))'],
  ['archiving_research_statistics', 'Archiving, research or statistics (Art. 17(3)(d))'],
  ['legal_claims', 'Establishing, exercising or defending legal claims (Art. 17(3)(e))'],
  ['freedom_of_expression', 'Freedom of expression and information (Art. 17(3)(a))'],
];

/** What the API erased, by kind of record, in the DPO's words. */
export const ERASED_KINDS: Record<string, string> = {
  enquiries: 'Enquiries',
  timelineEntries: 'Timeline entries',
  chatMessages: 'Chat messages',
  emailMessages: 'Emails',
  emailAttachments: 'Email attachments',
  socialConversations: 'Social media conversations',
  callLogs: 'Calls',
  callRecordings: 'Call recordings',
  escalationSnapshots: 'Details sent to services',
  subjects: 'People’s own records',
  identifiers: 'Phone numbers and email addresses',
};

export interface ErasureResult {
  erased: Record<string, number>;
  /** Enquiries kept: on a ground the DPO gave, or under a legal hold (`legal_hold`, with the hold's id). */
  kept: { enquiryId: string; ground: string; legalHoldId?: string }[];
  recipientsNotified?: number;
}

interface Exception {
  enquiryId: string;
  ground: string;
  note: string;
}

export const groundName = (ground: string) =>
  ground === 'legal_hold' ? 'Under a legal hold' : (GROUNDS.find(([value]) => value === ground)?.[1] ?? ground);

/**
 * Art. 17: erase everything held about the confirmed people, except enquiries kept on a recorded ground. The
 * enquiries to choose from are those the last search found for the confirmed people; without a search, an
 * enquiry's id can be typed.
 */
export function EraseForm({
  request: item,
  found,
  onErased,
}: {
  request: SubjectRequest;
  found?: SearchResult;
  onErased: (result: ErasureResult) => void;
}) {
  const session = useSession();
  const [exceptions, setExceptions] = useState<Exception[]>([]);
  const enquiries = (found?.subjects ?? [])
    .filter((subject) => item.dataSubjectIds.includes(subject.dataSubjectId))
    .flatMap((subject) => subject.holdings.enquiries);
  const inputs = Object.fromEntries([
    ['exceptions', 'keep-0-enquiry'],
    ...exceptions.flatMap((_, index) =>
      ['enquiryId', 'ground', 'note'].map((key) => [
        `exceptions.${index}.${key}`,
        `keep-${index}-${key === 'enquiryId' ? 'enquiry' : key}`,
      ]),
    ),
  ]);
  const { problems, busy, submit, errorOf } = useSubmission(inputs, exceptions.length > 0 ? 'keep-0-enquiry' : 'erase-title');
  const change = (index: number, update: Partial<Exception>) =>
    setExceptions(exceptions.map((exception, at) => (at === index ? { ...exception, ...update } : exception)));

  const check = () => {
    const missing: Problem[] = [];
    exceptions.forEach((exception, index) => {
      if (!exception.enquiryId.trim())
        missing.push({ field: `keep-${index}-enquiry`, message: `Choose the enquiry to keep (record ${index + 1})` });
      if (exception.note.trim().length < 5)
        missing.push({ field: `keep-${index}-note`, message: `Enter why it is kept (record ${index + 1}, at least 5 characters)` });
    });
    return missing;
  };

  return (
    <ActionForm
      id="erase"
      title="Erase their data"
      intro="Everything held about the confirmed records is erased: descriptions, messages, contact details, recordings and what was sent to services. Ids, dates and statuses stay, so reports stay true. This cannot be undone."
      button="Erase their data"
      warning
      busy={busy}
      problems={problems}
      onSubmit={() =>
        void submit(check, async () => {
          const result = await request<ErasureResult>('POST', `/api/subject-requests/${item.id}/erase`, session, {
            exceptions: exceptions.map((exception) => ({
              enquiryId: exception.enquiryId.trim(),
              ground: exception.ground,
              note: exception.note.trim(),
            })),
          });
          setExceptions([]);
          onErased(result);
        })
      }
    >
      {exceptions.map((exception, index) => (
        <fieldset class="govuk-fieldset govuk-!-margin-bottom-4" key={index}>
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Record kept {index + 1}</legend>
          {enquiries.length > 0 ? (
            <Select
              id={`keep-${index}-enquiry`}
              label="Enquiry"
              error={errorOf(`keep-${index}-enquiry`)}
              value={exception.enquiryId}
              options={[
                ['', 'Choose an enquiry'],
                ...enquiries.map((enquiry): [string, string] => [enquiry.id, `${enquiry.reference} (${enquiry.channel})`]),
              ]}
              onChange={(enquiryId) => change(index, { enquiryId })}
            />
          ) : (
            <TextInput
              id={`keep-${index}-enquiry`}
              label="Enquiry id"
              hint="Search for the person’s records above to choose from a list"
              error={errorOf(`keep-${index}-enquiry`)}
              value={exception.enquiryId}
              onInput={(enquiryId) => change(index, { enquiryId })}
            />
          )}
          <Select
            id={`keep-${index}-ground`}
            label="Ground for keeping it"
            error={errorOf(`keep-${index}-ground`)}
            value={exception.ground}
            options={GROUNDS}
            onChange={(ground) => change(index, { ground })}
          />
          <TextArea
            id={`keep-${index}-note`}
            label="Why it is kept"
            hint="For example, open safeguarding referral: statutory duty"
            error={errorOf(`keep-${index}-note`)}
            value={exception.note}
            onInput={(note) => change(index, { note })}
            rows={2}
          />
          <button
            type="button"
            class="govuk-button govuk-button--secondary"
            onClick={() => setExceptions(exceptions.filter((_, at) => at !== index))}
          >
            Remove<span class="govuk-visually-hidden"> record kept {index + 1}</span>
          </button>
        </fieldset>
      ))}
      <p class="govuk-body">
        <button
          type="button"
          class="govuk-button govuk-button--secondary"
          id="add-exception"
          onClick={() => setExceptions([...exceptions, { enquiryId: '', ground: GROUNDS[0][0], note: '' }])}
        >
          {exceptions.length === 0 ? 'Keep a record on an Art. 17(3) ground' : 'Keep another record'}
        </button>
      </p>
    </ActionForm>
  );
}
