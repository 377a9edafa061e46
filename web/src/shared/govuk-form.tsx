/**
 * The GOV.UK form kit every page builds its forms from (console, webchat, service portal, sign-in): GOV.UK Frontend
 * classes, a label or legend for each field, hints and errors named by `aria-describedby`, and ids that the error
 * summary's links land on.
 */
import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { ErrorSummary } from './layout.js';

/** One problem with the form, named by the id of the input it is about (the error summary links to it). */
export interface Problem {
  field: string;
  message: string;
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** A heading-like label (`govuk-label--s`) for a field that stands alone under a timeline or list. */
  labelSize?: 's';
  /** A label for screen readers only, for a field whose purpose the layout shows (a control in a table row). */
  labelHidden?: boolean;
  /** Further classes on the form group, for the grid column it is laid out in. */
  wrapperClass?: string;
}

/** A question asked by a fieldset legend or a checkbox's own label: no separate label to size or hide. */
type GroupProps = Omit<FieldProps, 'labelSize' | 'labelHidden'>;

const groupClass = (error?: string, wrapperClass?: string) =>
  `govuk-form-group${error ? ' govuk-form-group--error' : ''}${wrapperClass ? ` ${wrapperClass}` : ''}`;
const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

function Label({ id, label, labelSize, labelHidden }: { id: string; label: string; labelSize?: 's'; labelHidden?: boolean }) {
  return (
    <label class={`govuk-label${labelSize ? ` govuk-label--${labelSize}` : ''}${labelHidden ? ' govuk-visually-hidden' : ''}`} for={id}>
      {label}
    </label>
  );
}

function Hint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <div class="govuk-hint" id={`${id}-hint`}>
      {hint}
    </div>
  ) : null;
}

/** A GOV.UK error message, `${id}-error`, for an input or a block the form's own fields do not cover. */
export function ErrorMessage({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p class="govuk-error-message" id={`${id}-error`}>
      <span class="govuk-visually-hidden">Error:</span> {error}
    </p>
  ) : null;
}

export function TextInput({
  id,
  label,
  hint,
  error,
  labelSize,
  labelHidden,
  wrapperClass,
  value,
  onInput,
  type = 'text',
  width,
  autoComplete = 'off',
  inputMode,
  maxLength,
  readOnly,
}: FieldProps & {
  value: string;
  type?: 'text' | 'email' | 'tel' | 'password' | 'search';
  /** A fixed width in characters, or a fraction of the column (`one-half`). */
  width?: 2 | 3 | 4 | 10 | 20 | 30 | 'one-half';
  /** `new-password` for a password chosen for someone else, so that the browser neither fills nor keeps it. */
  autoComplete?: string;
  inputMode?: 'numeric';
  maxLength?: number;
} & (
    | { readOnly?: false; onInput: (value: string) => void }
    /**
     * A value to copy, not to change (a secret shown once): it cannot be edited, is never spell-checked, and is
     * selected whole when it takes the focus.
     */
    | { readOnly: true; onInput?: never }
  )) {
  return (
    <div class={groupClass(error, wrapperClass)}>
      <Label id={id} label={label} labelSize={labelSize} labelHidden={labelHidden} />
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      <input
        class={`govuk-input${typeof width === 'number' ? ` govuk-input--width-${width}` : width ? ` govuk-!-width-${width}` : ''}${error ? ' govuk-input--error' : ''}`}
        id={id}
        name={id}
        // Preact's typings want one literal type per input; the ones allowed here behave alike.
        type={type as 'text'}
        autoComplete={autoComplete}
        inputMode={inputMode}
        maxLength={maxLength}
        spellcheck={type === 'text' && !readOnly ? undefined : false}
        readOnly={readOnly}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        onInput={onInput && ((event) => onInput(event.currentTarget.value))}
        onFocus={readOnly ? (event) => event.currentTarget.select() : undefined}
      />
    </div>
  );
}

export function TextArea({
  id,
  label,
  hint,
  error,
  labelSize,
  labelHidden,
  wrapperClass,
  value,
  onInput,
  rows = 3,
  maxLength,
  inputRef,
  onKeyDown,
}: FieldProps & {
  value: string;
  onInput: (value: string) => void;
  rows?: number;
  maxLength?: number;
  /** For a page that moves the focus to the field, as the chat does when it starts. */
  inputRef?: Ref<HTMLTextAreaElement>;
  onKeyDown?: (event: KeyboardEvent) => void;
}) {
  return (
    <div class={groupClass(error, wrapperClass)}>
      <Label id={id} label={label} labelSize={labelSize} labelHidden={labelHidden} />
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      <textarea
        class={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        id={id}
        name={id}
        rows={rows}
        maxLength={maxLength}
        value={value}
        ref={inputRef}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(event) => onInput(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}

export function Select({
  id,
  label,
  hint,
  error,
  labelSize,
  labelHidden,
  wrapperClass,
  value,
  options,
  onChange,
}: FieldProps & { value: string; options: [string, string, string?][]; onChange: (value: string) => void }) {
  return (
    <div class={groupClass(error, wrapperClass)}>
      <Label id={id} label={label} labelSize={labelSize} labelHidden={labelHidden} />
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      <select
        class={`govuk-select${error ? ' govuk-select--error' : ''}`}
        id={id}
        name={id}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** GOV.UK radios; the first one carries `id` itself, so that an error summary link lands on it. */
export function Radios({
  id,
  label,
  hint,
  error,
  wrapperClass,
  value,
  options,
  onChange,
  small,
}: GroupProps & { value: string; options: [string, string, string?][]; onChange: (value: string) => void; small?: boolean }) {
  return (
    <div class={groupClass(error, wrapperClass)}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{label}</legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        <div class={`govuk-radios${small ? ' govuk-radios--small' : ''}`}>
          {options.map(([option, text, itemHint], index) => {
            const itemId = index === 0 ? id : `${id}-${option}`;
            return (
              <div class="govuk-radios__item" key={option}>
                <input
                  class="govuk-radios__input"
                  id={itemId}
                  name={id}
                  type="radio"
                  value={option}
                  checked={value === option}
                  aria-describedby={itemHint ? `${itemId}-item-hint` : undefined}
                  onChange={() => onChange(option)}
                />
                <label class="govuk-label govuk-radios__label" for={itemId}>
                  {text}
                </label>
                {itemHint && (
                  <div class="govuk-hint govuk-radios__hint" id={`${itemId}-item-hint`}>
                    {itemHint}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** GOV.UK checkboxes; the first one carries `id` itself, so that an error summary link lands on it. */
export function Checkboxes({
  id,
  label,
  hint,
  error,
  wrapperClass,
  values,
  options,
  onChange,
  small,
}: GroupProps & { values: string[]; options: [string, string, string?][]; onChange: (values: string[]) => void; small?: boolean }) {
  return (
    <div class={groupClass(error, wrapperClass)}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{label}</legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        <div class={`govuk-checkboxes${small ? ' govuk-checkboxes--small' : ''}`}>
          {options.map(([option, text, itemHint], index) => {
            const itemId = index === 0 ? id : `${id}-${option}`;
            return (
              <div class="govuk-checkboxes__item" key={option}>
                <input
                  class="govuk-checkboxes__input"
                  id={itemId}
                  name={id}
                  type="checkbox"
                  value={option}
                  checked={values.includes(option)}
                  aria-describedby={itemHint ? `${itemId}-item-hint` : undefined}
                  onChange={(event) =>
                    onChange(
                      event.currentTarget.checked
                        ? [...values.filter((value) => value !== option), option]
                        : values.filter((value) => value !== option),
                    )
                  }
                />
                <label class="govuk-label govuk-checkboxes__label" for={itemId}>
                  {text}
                </label>
                {itemHint && (
                  <div class="govuk-hint govuk-checkboxes__hint" id={`${itemId}-item-hint`}>
                    {itemHint}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/**
 * One GOV.UK checkbox for a statement the person confirms ("The person consents …"), its hint under the label and
 * its error above. With a `legend` it answers that question in a fieldset, which then names the error; without
 * one it stands alone and the checkbox itself is described by both.
 */
export function Checkbox({
  id,
  label,
  legend,
  hint,
  error,
  wrapperClass,
  checked,
  onChange,
}: GroupProps & { legend?: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const box = (
    <div class="govuk-checkboxes govuk-checkboxes--small">
      <div class="govuk-checkboxes__item">
        <input
          class="govuk-checkboxes__input"
          id={id}
          name={id}
          type="checkbox"
          checked={checked}
          aria-describedby={legend ? describedBy(id, hint) : describedBy(id, hint, error)}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        <label class="govuk-label govuk-checkboxes__label" for={id}>
          {label}
        </label>
        {hint && (
          <div class="govuk-hint govuk-checkboxes__hint" id={`${id}-hint`}>
            {hint}
          </div>
        )}
      </div>
    </div>
  );
  return (
    <div class={groupClass(error, wrapperClass)}>
      {legend ? (
        <fieldset class="govuk-fieldset" aria-describedby={error ? `${id}-error` : undefined}>
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
          <ErrorMessage id={id} error={error} />
          {box}
        </fieldset>
      ) : (
        <>
          <ErrorMessage id={id} error={error} />
          {box}
        </>
      )}
    </div>
  );
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const NO_DATE: DateParts = { day: '', month: '', year: '' };

/** Today in the UK, as the API counts days. */
export const ukToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

export function dateParts(iso?: string): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return match ? { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] } : NO_DATE;
}

export const todayParts = () => dateParts(ukToday());
export const isBlank = (parts: DateParts) => !parts.day.trim() && !parts.month.trim() && !parts.year.trim();

/** YYYY-MM-DD, or undefined when the parts are not a real date. */
export function isoDate(parts: DateParts): string | undefined {
  const [day, month, year] = [parts.day, parts.month, parts.year].map((part) => part.trim());
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/** GOV.UK date input (day, month, year). Its error is named `${id}-day`, the input a summary link focuses. */
export function DateInput({
  id,
  label,
  hint,
  error,
  wrapperClass,
  value,
  onChange,
}: GroupProps & { value: DateParts; onChange: (value: DateParts) => void }) {
  return (
    <div class={groupClass(error, wrapperClass)}>
      <fieldset class="govuk-fieldset" role="group" aria-describedby={describedBy(id, hint, error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{label}</legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        <div class="govuk-date-input">
          {(['day', 'month', 'year'] as const).map((part) => (
            <div class="govuk-date-input__item" key={part}>
              <div class="govuk-form-group">
                <label class="govuk-label govuk-date-input__label" for={`${id}-${part}`}>
                  {part[0].toUpperCase() + part.slice(1)}
                </label>
                <input
                  class={`govuk-input govuk-date-input__input govuk-input--width-${part === 'year' ? 4 : 2}${error ? ' govuk-input--error' : ''}`}
                  id={`${id}-${part}`}
                  name={`${id}-${part}`}
                  type="text"
                  inputMode="numeric"
                  value={value[part]}
                  onInput={(event) => onChange({ ...value, [part]: event.currentTarget.value })}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/**
 * A date that must be given, real and not in the future: its ISO form, or a problem for the form. The API
 * checks the same; checking here first saves a round trip and names the field in the person's words.
 */
export function requiredPastDate(parts: DateParts, id: string, what: string, problems: Problem[]): string {
  const iso = isoDate(parts);
  if (isBlank(parts)) problems.push({ field: `${id}-day`, message: `Enter ${what}` });
  else if (!iso) problems.push({ field: `${id}-day`, message: `${capitalise(what)} must be a real date, such as 27 3 2026` });
  else if (iso > ukToday()) problems.push({ field: `${id}-day`, message: `${capitalise(what)} must be today or in the past` });
  return iso ?? '';
}

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "subject.dateOfBirth must be …" as "Date of birth must be …": the API names fields by their path. */
function inPlainWords(path: string, message: string): string {
  const name = (path.split('.').pop() ?? path).replace(/([A-Z])/g, ' $1').toLowerCase();
  return capitalise(message.startsWith(`${path} `) ? `${name}${message.slice(path.length)}` : message);
}

/** The API's answer as problems of this form: field problems on the inputs they name, anything else on `fallback`. */
export function problemsOf(failure: unknown, inputs: Record<string, string>, fallback: string): Problem[] {
  if (failure instanceof ApiError && failure.fields.length > 0) {
    return failure.fields.map((field) => ({ field: inputs[field.field] ?? fallback, message: inPlainWords(field.field, field.message) }));
  }
  return [{ field: fallback, message: failure instanceof Error ? failure.message : 'Something went wrong. Try again.' }];
}

/**
 * A form's problems and its submission: `check` finds what is missing before anything is sent; `act` calls the
 * API. Problems from either are shown in the error summary and beside their inputs.
 */
export function useSubmission(inputs: Record<string, string>, fallback: string) {
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (check: () => Problem[], act: () => Promise<void>) => {
    const found = check();
    setProblems(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      await act();
    } catch (failure) {
      setProblems(problemsOf(failure, inputs, fallback));
    } finally {
      setBusy(false);
    }
  };
  const errorOf = (id: string) =>
    problems
      .filter((problem) => problem.field === id)
      .map((problem) => problem.message)
      .join('. ') || undefined;
  return { problems, busy, submit, errorOf };
}

/** One action on a request: a small form with its own error summary, heading and button. */
export function ActionForm({
  id,
  title,
  intro,
  button,
  warning,
  secondary,
  busy,
  problems,
  onSubmit,
  onCancel,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
  button: string;
  warning?: boolean;
  secondary?: boolean;
  busy: boolean;
  problems: Problem[];
  onSubmit: () => void;
  /** Offers "Cancel" beside the button, for a form opened from a list. */
  onCancel?: () => void;
  children?: ComponentChildren;
}) {
  const submit = (
    <button
      type="submit"
      class={`govuk-button${warning ? ' govuk-button--warning' : secondary ? ' govuk-button--secondary' : ''}`}
      aria-disabled={busy ? 'true' : undefined}
    >
      {button}
    </button>
  );
  return (
    <form
      class="signpost-panel govuk-!-margin-bottom-6"
      id={id}
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) onSubmit();
      }}
    >
      <ErrorSummary errors={problems} />
      <h3 class="govuk-heading-m" id={`${id}-title`}>
        {title}
      </h3>
      {intro && <p class="govuk-body">{intro}</p>}
      {children}
      {onCancel ? (
        <div class="govuk-button-group">
          {submit}
          <button type="button" class="govuk-link signpost-link-button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      ) : (
        submit
      )}
    </form>
  );
}

/** A success message, stamped so that the same words said twice still count as new. */
export interface Notice {
  text: string;
  at: number;
}

/**
 * GOV.UK success banner. It takes the focus whenever a new notice comes, so that the result of an action far down
 * the page is seen and announced.
 */
export function SuccessBanner({ id, notice }: { id: string; notice?: Notice }) {
  const banner = useRef<HTMLDivElement>(null);
  useEffect(() => banner.current?.focus(), [notice]);
  if (!notice) return null;
  return (
    <div
      class="govuk-notification-banner govuk-notification-banner--success"
      role="alert"
      aria-labelledby={`${id}-title`}
      id={id}
      tabIndex={-1}
      ref={banner}
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id={`${id}-title`}>
          Success
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{notice.text}</p>
      </div>
    </div>
  );
}
