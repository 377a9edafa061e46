import { useState } from 'preact/hooks';
import { formatInstant, request } from '../shared/api.js';
import { useApi, useSession } from '../shared/session-context.js';
import { Select, SuccessBanner, TextArea, TextInput, useSubmission, type Notice } from '../shared/govuk-form.js';
import { ErrorSummary } from '../shared/layout.js';

/** A saved reply as the API answers it (SavedReplyDto). */
interface SavedReply {
  id: string;
  title: string;
  text: string;
  textWelsh: string | null;
  service: string | null;
  tags: string[];
  variables: string[];
  updatedAt: string;
}

interface Form {
  title: string;
  text: string;
  textWelsh: string;
  service: string;
  tags: string;
}

const EMPTY: Form = { title: '', text: '', textWelsh: '', service: '', tags: '' };
const VARIABLES_HINT = 'You can use ((name)), ((reference)), ((advisor)) and ((organisation)): they are filled in when the reply is sent.';

/** Supervisors keep the organisation's saved replies: advisors insert them in the reply composer. */
export function SavedReplies() {
  const session = useSession();
  const replies = useApi<SavedReply[]>('/api/saved-replies');
  // Read or not, never left loading: a list that could not be read shows as none.
  const list = replies.data ?? (replies.error === undefined ? undefined : []);
  const services = useApi<{ code: string; name: string }[]>('/api/services').data ?? [];
  const [editing, setEditing] = useState<string>();
  const [form, setForm] = useState<Form>(EMPTY);
  const [notice, setNotice] = useState<Notice>();
  const { problems, busy, submit, errorOf } = useSubmission(
    { title: 'saved-title', text: 'saved-text', textWelsh: 'saved-welsh', service: 'saved-service', tags: 'saved-tags' },
    'saved-title',
  );
  const set = (field: keyof Form) => (value: string) => setForm({ ...form, [field]: value });
  const save = () =>
    submit(
      () => [
        ...(form.title.trim().length < 3 ? [{ field: 'saved-title', message: 'Enter a title of at least 3 characters' }] : []),
        ...(form.text.trim() ? [] : [{ field: 'saved-text', message: 'Enter the text of the reply' }]),
      ],
      async () => {
        const body = {
          title: form.title.trim(),
          text: form.text.trim(),
          textWelsh: form.textWelsh.trim() || null,
          service: form.service || null,
          tags: form.tags
            .split(',')
            .map((tag) => tag.trim())
            .filter(Boolean),
        };
        if (editing) await request('PATCH', `/api/saved-replies/${editing}`, session, body);
        else await request('POST', '/api/saved-replies', session, body);
        setNotice({ text: `Saved reply “${body.title}” ${editing ? 'updated' : 'added'}`, at: Date.now() });
        setEditing(undefined);
        setForm(EMPTY);
        await replies.reload();
      },
    );
  const serviceName = (code: string | null) => (code ? (services.find((entry) => entry.code === code)?.name ?? code) : 'Any');
  return (
    <>
      <SuccessBanner id="saved-notice" notice={notice} />
      <h1 class="govuk-heading-l">Saved replies</h1>
      <p class="govuk-body">Advisors insert these in the reply composer of an enquiry. People who prefer Welsh are sent the Welsh text.</p>
      {list === undefined && <p class="govuk-body">Loading…</p>}
      {list?.length === 0 && (
        <p class="govuk-body" id="no-saved-replies">
          No saved replies yet.
        </p>
      )}
      {list && list.length > 0 && (
        <table class="govuk-table" id="saved-replies">
          <caption class="govuk-table__caption govuk-table__caption--m">The organisation’s saved replies</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Title
              </th>
              <th scope="col" class="govuk-table__header">
                Service
              </th>
              <th scope="col" class="govuk-table__header">
                Welsh
              </th>
              <th scope="col" class="govuk-table__header">
                Updated
              </th>
              <th scope="col" class="govuk-table__header">
                <span class="govuk-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {list.map((entry) => (
              <tr class="govuk-table__row" key={entry.id}>
                <th scope="row" class="govuk-table__header">
                  {entry.title}
                  {entry.tags.length > 0 && <span class="govuk-body-s govuk-!-display-block">{entry.tags.join(', ')}</span>}
                </th>
                <td class="govuk-table__cell">{serviceName(entry.service)}</td>
                <td class="govuk-table__cell">{entry.textWelsh ? 'Yes' : 'No'}</td>
                <td class="govuk-table__cell">{formatInstant(entry.updatedAt)}</td>
                <td class="govuk-table__cell">
                  <button
                    type="button"
                    class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-right-1"
                    onClick={() => {
                      setEditing(entry.id);
                      setForm({
                        title: entry.title,
                        text: entry.text,
                        textWelsh: entry.textWelsh ?? '',
                        service: entry.service ?? '',
                        tags: entry.tags.join(', '),
                      });
                      document.getElementById('saved-title')?.focus();
                    }}
                  >
                    Change<span class="govuk-visually-hidden"> {entry.title}</span>
                  </button>
                  <button
                    type="button"
                    class="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                    onClick={async () => {
                      await request('DELETE', `/api/saved-replies/${entry.id}`, session);
                      setNotice({ text: `Saved reply “${entry.title}” deleted`, at: Date.now() });
                      await replies.reload();
                    }}
                  >
                    Delete<span class="govuk-visually-hidden"> {entry.title}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        class="signpost-panel"
        id="saved-reply-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) void save();
        }}
      >
        <h2 class="govuk-heading-m">{editing ? 'Change the saved reply' : 'Add a saved reply'}</h2>
        <ErrorSummary errors={problems} />
        <TextInput id="saved-title" label="Title" error={errorOf('saved-title')} value={form.title} onInput={set('title')} />
        <TextArea
          id="saved-text"
          label="Text"
          hint={VARIABLES_HINT}
          rows={5}
          error={errorOf('saved-text')}
          value={form.text}
          onInput={set('text')}
        />
        <TextArea
          id="saved-welsh"
          label="Welsh text (optional)"
          rows={5}
          error={errorOf('saved-welsh')}
          value={form.textWelsh}
          onInput={set('textWelsh')}
        />
        <Select
          id="saved-service"
          label="Service (optional)"
          error={errorOf('saved-service')}
          value={form.service}
          options={[['', 'Any service'], ...services.map((entry): [string, string] => [entry.code, entry.name])]}
          onChange={set('service')}
        />
        <TextInput
          id="saved-tags"
          label="Tags (optional)"
          hint="Separate tags with commas"
          error={errorOf('saved-tags')}
          value={form.tags}
          onInput={set('tags')}
        />
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button" id="saved-save" aria-disabled={busy ? 'true' : undefined}>
            {editing ? 'Save changes' : 'Add saved reply'}
          </button>
          {editing && (
            <button
              type="button"
              class="govuk-button govuk-button--secondary"
              onClick={() => {
                setEditing(undefined);
                setForm(EMPTY);
              }}
            >
              Cancel
            </button>
          )}
        </div>
      </form>
    </>
  );
}
