import { useEffect, useState } from 'preact/hooks';
import { formatInstant, request } from '../shared/api.js';
import { useApi, useSession } from '../shared/session-context.js';
import { Checkbox, Radios, Select, TextArea, useSubmission } from '../shared/govuk-form.js';
import { ErrorSummary } from '../shared/layout.js';
import type { ReplyChannel, ReplyOptions, ReplyStatus, ReplyView } from '../../../src/contracts/replies.js';
import type { ChosenArticle } from './knowledge-articles.js';
import { OutcomeSelect, missingOutcome, type OutcomeCodes } from './outcome-codes.js';

/** A saved reply as the list gives it. */
interface SavedReply {
  id: string;
  title: string;
  text: string;
  textWelsh: string | null;
}

interface Preview {
  channel: ReplyChannel;
  transport: string;
  recipient: string;
  subject: string | null;
  text: string;
  language: 'en' | 'cy';
  cardNumbersRemoved: number;
}

const CHANNEL_NAMES: Record<ReplyChannel, string> = { email: 'E-mail', sms: 'Text message', social: 'Social media message' };
const STATUS_TAGS: Record<ReplyStatus, [string, string]> = {
  queued: ['Queued', 'govuk-tag--grey'],
  sent: ['Sent', 'govuk-tag--blue'],
  delivered: ['Delivered', 'govuk-tag--green'],
  failed: ['Not delivered', 'govuk-tag--red'],
};

/** A reply's delivery status as a GOV.UK tag. */
export function ReplyStatusTag({ reply }: { reply: Pick<ReplyView, 'status' | 'deadLettered'> }) {
  const [label, colour] = STATUS_TAGS[reply.status];
  return (
    <strong class={`govuk-tag ${colour} govuk-!-margin-left-1`} data-reply-status={reply.status}>
      {label}
      {reply.deadLettered ? ' (gave up retrying)' : ''}
    </strong>
  );
}

/** The replies of an enquiry, reloaded while any is still on its way. */
export function useReplies(enquiryId: string, version: number): ReplyView[] {
  const session = useSession();
  const [replies, setReplies] = useState<ReplyView[]>([]);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      request<ReplyView[]>('GET', `/api/enquiries/${enquiryId}/replies`, session).then(
        (list) => {
          if (stopped) return;
          setReplies(list);
          // Until each is final: sent is final for SMTP and social; Notify reports delivered or failed later.
          if (list.some((reply) => reply.status === 'queued' || (reply.status === 'sent' && reply.transport === 'notify')))
            timer = setTimeout(load, 3000);
        },
        () => undefined,
      );
    void load();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [session, enquiryId, version]);
  return replies;
}

/**
 * Answer the citizen: the channel (the one they used unless changed where allowed), the words (typed, or a saved
 * reply or the chosen knowledge article inserted), a preview of exactly what will be sent, then send, or send and
 * resolve. The service applies every rule again; a refusal is shown with its reason.
 */
export function ReplyComposer({
  enquiryId,
  resolvable,
  outcomes,
  article,
  onSent,
}: {
  enquiryId: string;
  resolvable: boolean;
  /** The organisation's outcome codes, offered for "Send and resolve". */
  outcomes?: OutcomeCodes;
  article?: ChosenArticle;
  onSent: (message: string) => void;
}) {
  const session = useSession();
  const [options, setOptions] = useState<ReplyOptions>();
  const saved = useApi<SavedReply[]>('/api/saved-replies').data ?? [];
  const [channel, setChannel] = useState<ReplyChannel | ''>('');
  const [agreed, setAgreed] = useState(false);
  const [text, setText] = useState('');
  const [savedChoice, setSavedChoice] = useState('');
  const [savedReplyId, setSavedReplyId] = useState<string>();
  const [useArticle, setUseArticle] = useState(false);
  const [preview, setPreview] = useState<Preview>();
  const [outcome, setOutcome] = useState('');
  const { problems, busy, submit, errorOf } = useSubmission(
    { text: 'reply-text', channel: 'reply-channel', contactAgreed: 'reply-agreed', savedReplyId: 'reply-saved', outcome: 'reply-outcome' },
    'reply-text',
  );
  useEffect(() => {
    request<ReplyOptions>('GET', `/api/enquiries/${enquiryId}/reply-options`, session).then(
      (answer) => {
        setOptions(answer);
        setChannel(answer.defaultChannel ?? '');
      },
      () => setOptions({ defaultChannel: null, channels: [], language: 'en' }),
    );
  }, [session, enquiryId]);
  // Anything changed: the preview no longer shows what would be sent.
  useEffect(() => setPreview(undefined), [channel, agreed, text, savedReplyId, useArticle, article?.id]);
  if (!options) return null;
  const chosen = options.channels.find((option) => option.channel === channel);
  const body = () => ({
    ...(text.trim() ? { text: text.trim() } : {}),
    ...(channel ? { channel } : {}),
    ...(chosen?.needsAgreement ? { contactAgreed: agreed } : {}),
    ...(savedReplyId ? { savedReplyId } : {}),
    ...(article && useArticle ? { knowledgeArticleId: article.id } : {}),
  });
  const check = () => {
    const found = [];
    if (!channel) found.push({ field: 'reply-channel', message: 'Choose how to send the reply' });
    if (!text.trim() && !savedReplyId && !(article && useArticle)) found.push({ field: 'reply-text', message: 'Enter the reply' });
    if (chosen?.needsAgreement && !agreed)
      found.push({ field: 'reply-agreed', message: 'Confirm the person agreed to be answered this way, or choose another way' });
    return found;
  };
  const send = (resolve: boolean) =>
    submit(resolve ? () => [...check(), ...missingOutcome(outcomes, outcome, 'reply-outcome')] : check, async () => {
      const created = await request<{ id: string; channel: ReplyChannel }>('POST', `/api/enquiries/${enquiryId}/replies`, session, {
        ...body(),
        ...(resolve ? { resolve: true, ...(outcome ? { outcome } : {}) } : {}),
      });
      setOutcome('');
      setText('');
      setSavedReplyId(undefined);
      setSavedChoice('');
      setUseArticle(false);
      onSent(`${CHANNEL_NAMES[created.channel]} reply queued${resolve ? ' and the enquiry resolved' : ''}`);
    });

  return (
    <section aria-labelledby="reply-heading" id="reply" class="signpost-panel govuk-!-margin-bottom-6">
      <h2 class="govuk-heading-m" id="reply-heading">
        Reply to the citizen
      </h2>
      {options.refusal ? (
        <p class="govuk-body" id="reply-refused">
          {options.refusal.reason}
        </p>
      ) : options.channels.length === 0 ? (
        <p class="govuk-body" id="reply-no-channel">
          The person gave no e-mail address or phone number to answer to. Answer them by phone, then record the advice.
        </p>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!busy) void send(false);
          }}
        >
          <ErrorSummary errors={problems} />
          <Radios
            id="reply-channel"
            label="Send by"
            hint={options.language === 'cy' ? 'The person prefers Welsh: saved replies use their Welsh text.' : undefined}
            error={errorOf('reply-channel')}
            value={channel}
            options={options.channels.map((option) => [
              option.channel,
              `${CHANNEL_NAMES[option.channel]}${option.channel === options.defaultChannel ? ' (the channel they used)' : ''}`,
              option.channel === 'social' ? 'Through the platform they wrote from' : `To ${option.recipient}`,
            ])}
            onChange={(value) => setChannel(value as ReplyChannel)}
            small
          />
          {chosen?.needsAgreement && (
            <Checkbox
              id="reply-agreed"
              label={`The person agreed to be answered by ${chosen.channel === 'sms' ? 'text message' : 'e-mail'}`}
              error={errorOf('reply-agreed')}
              checked={agreed}
              onChange={setAgreed}
            />
          )}
          {saved.length > 0 && (
            <div class="govuk-form-group">
              <Select
                id="reply-saved"
                label="Insert a saved reply"
                hint="Its ((variables)) are filled in when it is sent: see the preview."
                error={errorOf('reply-saved')}
                value={savedChoice}
                options={[['', 'Choose a saved reply'], ...saved.map((entry): [string, string] => [entry.id, entry.title])]}
                onChange={setSavedChoice}
                wrapperClass="govuk-!-margin-bottom-2"
              />
              <button
                type="button"
                class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                id="reply-insert-saved"
                onClick={() => {
                  const entry = saved.find((candidate) => candidate.id === savedChoice);
                  if (!entry) return;
                  setSavedReplyId(entry.id);
                  setText(options.language === 'cy' && entry.textWelsh ? entry.textWelsh : entry.text);
                }}
              >
                Insert saved reply
              </button>
            </div>
          )}
          {article && (
            <div class="govuk-form-group" id="reply-article">
              <button
                type="button"
                class="govuk-button govuk-button--secondary govuk-!-margin-bottom-1"
                id="reply-insert-article"
                onClick={async () => {
                  const full = await request<{ title: string; body: string }>('GET', `/api/knowledge/${article.id}`, session);
                  setText(`${full.title}\n\n${full.body}`);
                  setUseArticle(true);
                }}
              >
                Insert the article<span class="govuk-visually-hidden"> {article.title}</span>
              </button>
              {useArticle && (
                <p class="govuk-body-s" id="reply-article-used">
                  The article “{article.title}” is recorded as the advice given.
                </p>
              )}
            </div>
          )}
          <TextArea id="reply-text" label="Reply" rows={6} error={errorOf('reply-text')} value={text} onInput={setText} />
          {resolvable && (
            <OutcomeSelect
              id="reply-outcome"
              outcomes={outcomes}
              value={outcome}
              onChange={setOutcome}
              error={errorOf('reply-outcome')}
              hint="Recorded when you send and resolve"
            />
          )}
          <div class="govuk-button-group">
            <button
              type="button"
              class="govuk-button govuk-button--secondary"
              id="reply-preview"
              onClick={() =>
                void submit(check, async () => {
                  setPreview(await request<Preview>('POST', `/api/enquiries/${enquiryId}/replies/preview`, session, body()));
                })
              }
            >
              Preview
            </button>
            <button type="submit" class="govuk-button" id="reply-send" aria-disabled={busy ? 'true' : undefined}>
              Send
            </button>
            {resolvable && (
              <button
                type="button"
                class="govuk-button"
                id="reply-send-resolve"
                aria-disabled={busy ? 'true' : undefined}
                onClick={() => {
                  if (!busy) void send(true);
                }}
              >
                Send and resolve
              </button>
            )}
          </div>
          {preview && (
            <div class="govuk-inset-text" id="reply-preview-panel" aria-live="polite">
              <h3 class="govuk-heading-s">Exactly what will be sent</h3>
              <dl class="govuk-summary-list govuk-summary-list--no-border">
                <div class="govuk-summary-list__row">
                  <dt class="govuk-summary-list__key">By</dt>
                  <dd class="govuk-summary-list__value">{CHANNEL_NAMES[preview.channel]}</dd>
                </div>
                <div class="govuk-summary-list__row">
                  <dt class="govuk-summary-list__key">To</dt>
                  <dd class="govuk-summary-list__value">
                    {preview.channel === 'social' ? 'Their social conversation' : preview.recipient}
                  </dd>
                </div>
                {preview.subject && (
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">Subject</dt>
                    <dd class="govuk-summary-list__value">{preview.subject}</dd>
                  </div>
                )}
                <div class="govuk-summary-list__row">
                  <dt class="govuk-summary-list__key">Message</dt>
                  <dd class="govuk-summary-list__value signpost-pre-wrap" id="reply-preview-text">
                    {preview.text}
                  </dd>
                </div>
              </dl>
              {preview.cardNumbersRemoved > 0 && (
                <p class="govuk-body" id="reply-card-removed">
                  A card number was removed: card numbers are never sent.
                </p>
              )}
            </div>
          )}
        </form>
      )}
    </section>
  );
}

/** The replies sent, with their delivery status, for the conversation view. */
export function SentReplies({ replies }: { replies: ReplyView[] }) {
  if (replies.length === 0) return null;
  return (
    <>
      <h3 class="govuk-heading-s">Replies sent</h3>
      <ul class="govuk-list" id="sent-replies">
        {replies.map((reply) => (
          <li key={reply.id} class="signpost-timeline-entry" data-reply={reply.id}>
            <span class="govuk-body-s signpost-chat-message__meta">
              {formatInstant(reply.createdAt)} · {CHANNEL_NAMES[reply.channel]} to{' '}
              {reply.channel === 'social' ? 'their conversation' : reply.recipient}
              <ReplyStatusTag reply={reply} />
            </span>
            <span class="signpost-pre-wrap">{reply.text}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
