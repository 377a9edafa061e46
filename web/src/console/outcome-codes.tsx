import { useEffect, useState } from 'preact/hooks';
import { request } from '../shared/api.js';
import { useApi, useSession } from '../shared/session-context.js';
import { ActionForm, Checkbox, Select, TextInput, useSubmission, type Problem } from '../shared/govuk-form.js';

/** One wrap-up outcome code, as GET /api/outcome-codes answers it. */
export interface OutcomeCode {
  code: string;
  label: string;
  active: boolean;
}

export interface OutcomeCodes {
  required: boolean;
  codes: OutcomeCode[];
}

/** The organisation's active outcome codes and whether one is required when resolving or closing. */
export function useOutcomeCodes(): OutcomeCodes | undefined {
  return useApi<OutcomeCodes>('/api/outcome-codes').data;
}

/** The problem to show when the organisation requires an outcome and none is chosen (the service refuses it too). */
export const missingOutcome = (outcomes: OutcomeCodes | undefined, value: string, id: string): Problem[] =>
  outcomes?.required && !value ? [{ field: id, message: 'Choose the outcome: your organisation records one for every enquiry' }] : [];

/**
 * The wrap-up outcome of a resolve, signpost, close or send-and-resolve: a select of the organisation's active
 * codes, marked "(required)" when it requires one and "(optional)" otherwise.
 */
export function OutcomeSelect({
  id,
  outcomes,
  value,
  onChange,
  error,
  hint,
}: {
  id: string;
  outcomes: OutcomeCodes | undefined;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
}) {
  if (!outcomes || outcomes.codes.length === 0) return null;
  return (
    <Select
      id={id}
      label={`Outcome ${outcomes.required ? '(required)' : '(optional)'}`}
      hint={hint ?? 'What came of the enquiry, for the reports'}
      error={error}
      value={value}
      options={[
        ['', outcomes.required ? 'Choose the outcome' : 'No outcome'],
        ...outcomes.codes.map((code): [string, string] => [code.code, code.label]),
      ]}
      onChange={onChange}
    />
  );
}

/** A label as a code: "Council tax advice" → council_tax_advice. */
export const codeOf = (label: string) =>
  label
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40);

/**
 * The administrator's outcome codes: each code's label and whether advisors are offered it, whether one is required,
 * and a code added. A code recorded on enquiries may be withdrawn (no longer offered), never removed.
 */
export function OutcomeCodesSection({ onSaved }: { onSaved: (message: string) => void }) {
  const session = useSession();
  const [loaded, setLoaded] = useState<OutcomeCodes>();
  const [codes, setCodes] = useState<OutcomeCode[]>([]);
  const [required, setRequired] = useState(false);
  const [label, setLabel] = useState('');
  const [loadError, setLoadError] = useState<string>();
  useEffect(() => {
    request<OutcomeCodes>('GET', '/api/outcome-codes?includeInactive=true', session).then(
      (answer) => {
        setLoaded(answer);
        setCodes(answer.codes);
        setRequired(answer.required);
      },
      (failure: Error) => setLoadError(failure.message),
    );
  }, [session]);
  const inputs = Object.fromEntries([
    ['required', 'outcome-required'],
    ['codes', 'outcome-code-list'],
    ...codes.map((_, index) => [`codes.${index}.label`, `outcome-label-${index}`]),
  ]);
  const saving = useSubmission(inputs, 'outcome-code-list');
  const adding = useSubmission(
    { [`codes.${codes.length}.code`]: 'outcome-new-label', [`codes.${codes.length}.label`]: 'outcome-new-label' },
    'outcome-new-label',
  );
  const save = async (next: OutcomeCode[], nextRequired: boolean, message: string) => {
    const answer = await request<OutcomeCodes>('PUT', '/api/outcome-codes', session, {
      codes: next.map((code) => ({ code: code.code, label: code.label.trim(), active: code.active })),
      required: nextRequired,
    });
    setLoaded(answer);
    setCodes(answer.codes);
    setRequired(answer.required);
    onSaved(message);
  };
  const checkLabels = () =>
    codes.flatMap((code, index): Problem[] =>
      code.label.trim() ? [] : [{ field: `outcome-label-${index}`, message: `Enter a label for ${code.code}` }],
    );
  if (loadError)
    return (
      <p class="govuk-error-message" role="alert">
        {loadError}
      </p>
    );
  if (!loaded) return <p class="govuk-body">Loading the outcome codes…</p>;
  return (
    <section aria-labelledby="outcome-codes-heading" class="govuk-!-margin-bottom-8" id="outcome-codes">
      <h2 class="govuk-heading-l" id="outcome-codes-heading">
        Outcome codes
      </h2>
      <p class="govuk-body">
        Advisors record what came of each enquiry when they resolve, signpost or close it, and the reports count them. A code already
        recorded on enquiries can be withdrawn so it is no longer offered, but not removed.
      </p>
      <ActionForm
        id="outcome-codes-form"
        title="Codes offered to advisors"
        button="Save the outcome codes"
        busy={saving.busy}
        problems={saving.problems}
        onSubmit={() => void saving.submit(checkLabels, () => save(codes, required, 'Outcome codes saved'))}
      >
        <table class="govuk-table" id="outcome-code-list">
          <caption class="govuk-table__caption govuk-table__caption--s">Outcome codes, in the order advisors see them</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Code
              </th>
              <th scope="col" class="govuk-table__header">
                Label
              </th>
              <th scope="col" class="govuk-table__header">
                Offered
              </th>
              <th scope="col" class="govuk-table__header">
                <span class="govuk-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {codes.map((code, index) => (
              <tr class="govuk-table__row" key={code.code}>
                <th scope="row" class="govuk-table__header">
                  {code.code}
                </th>
                <td class="govuk-table__cell">
                  <TextInput
                    id={`outcome-label-${index}`}
                    label={`Label of ${code.code}`}
                    labelHidden
                    error={saving.errorOf(`outcome-label-${index}`)}
                    value={code.label}
                    onInput={(value) => setCodes(codes.map((entry, at) => (at === index ? { ...entry, label: value } : entry)))}
                    wrapperClass="govuk-!-margin-bottom-0"
                  />
                </td>
                <td class="govuk-table__cell">
                  <Checkbox
                    id={`outcome-active-${index}`}
                    label={`Offer ${code.label || code.code}`}
                    checked={code.active}
                    onChange={(checked) => setCodes(codes.map((entry, at) => (at === index ? { ...entry, active: checked } : entry)))}
                    wrapperClass="govuk-!-margin-bottom-0"
                  />
                </td>
                <td class="govuk-table__cell">
                  <button
                    type="button"
                    class="govuk-link signpost-link-button"
                    id={`outcome-remove-${index}`}
                    onClick={() =>
                      void saving.submit(
                        () => [],
                        () =>
                          save(
                            codes.filter((_, at) => at !== index),
                            required,
                            `${code.label} removed from the outcome codes`,
                          ),
                      )
                    }
                  >
                    Remove<span class="govuk-visually-hidden"> {code.label || code.code}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Checkbox
          id="outcome-required"
          label="Require an outcome when an enquiry is resolved or closed"
          hint="Escalating records “Referred to a service” by itself when that code is offered."
          error={saving.errorOf('outcome-required')}
          checked={required}
          onChange={setRequired}
        />
      </ActionForm>
      <ActionForm
        id="outcome-add"
        title="Add an outcome code"
        button="Add the outcome code"
        secondary
        busy={adding.busy}
        problems={adding.problems}
        onSubmit={() =>
          void adding.submit(
            () => {
              if (!label.trim()) return [{ field: 'outcome-new-label', message: 'Enter the label advisors will see' }];
              if (!codeOf(label)) return [{ field: 'outcome-new-label', message: 'Start the label with a letter' }];
              if (codes.some((code) => code.code === codeOf(label)))
                return [{ field: 'outcome-new-label', message: 'There is already an outcome code with this label' }];
              return [];
            },
            async () => {
              await save([...codes, { code: codeOf(label), label: label.trim(), active: true }], required, `${label.trim()} added`);
              setLabel('');
            },
          )
        }
      >
        <TextInput
          id="outcome-new-label"
          label="Label"
          hint={label.trim() && codeOf(label) ? `Its code will be ${codeOf(label)}` : 'Such as: Council tax advice'}
          error={adding.errorOf('outcome-new-label')}
          value={label}
          onInput={setLabel}
          width={30}
        />
      </ActionForm>
    </section>
  );
}
