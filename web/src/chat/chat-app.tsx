import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Checkbox, TextArea, TextInput } from '../shared/govuk-form.js';
import { ErrorSummary, Page } from '../shared/layout.js';
import { ChatRefusal, ChatSession, type ChatLine } from './chat-session.js';

interface Info {
  organisation: string;
  name: string;
  open: boolean;
  privacyNotice: { version: string; title: string; url: string | null; body: string | null } | null;
  dpoEmail: string | null;
  /** AVAILABLE, BUSY (every adviser at their limit and a queue), UNAVAILABLE (closed, or nobody on). */
  availability?: 'AVAILABLE' | 'BUSY' | 'UNAVAILABLE';
}

type Stage =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'consent' }
  | { kind: 'closed' }
  | { kind: 'chat'; reference: string }
  | { kind: 'ended'; reference: string; transcript: Omit<ChatLine, 'id'>[] }
  | { kind: 'left'; reference: string };

const minutes = (seconds: number) => Math.max(1, Math.round(seconds / 60));

/** The citizen's webchat: privacy notice and consent first, then the queue, the conversation and its transcript. */
export function ChatApp({ organisation }: { organisation: string }) {
  const [info, setInfo] = useState<Info>();
  const [stage, setStage] = useState<Stage>({ kind: 'loading' });
  const [lines, setLines] = useState<ChatLine[]>([]);
  const [queue, setQueue] = useState<{ position: number; estimatedWaitSeconds: number }>();
  const [advisor, setAdvisor] = useState<string>();
  const [typing, setTyping] = useState(false);
  const [connection, setConnection] = useState<'connected' | 'reconnecting' | 'lost'>('connected');
  const typingTimer = useRef<number | undefined>(undefined);

  const session = useMemo(
    () =>
      new ChatSession(organisation, {
        queue: (update) => setQueue(update),
        assigned: ({ advisorName }) => {
          setAdvisor(advisorName);
          setQueue(undefined);
        },
        message: (line) => {
          setLines((current) => (current.some((known) => known.id === line.id) ? current : [...current, line]));
          if (line.from === 'advisor') setTyping(false);
        },
        typing: () => {
          setTyping(true);
          window.clearTimeout(typingTimer.current);
          typingTimer.current = window.setTimeout(() => setTyping(false), 4000);
        },
        ended: ({ reference, transcript }) => setStage({ kind: 'ended', reference, transcript: transcript ?? [] }),
        connection: setConnection,
      }),
    [organisation],
  );

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const response = await fetch(`/api/webchat/${encodeURIComponent(organisation)}`);
      if (cancelled) return;
      if (!response.ok) return setStage({ kind: 'missing' });
      const loaded = (await response.json()) as Info;
      setInfo(loaded);
      document.title = `Webchat – ${loaded.name}`;
      const stored = ChatSession.stored(organisation);
      if (stored) {
        try {
          await session.resume(stored);
          return setStage({ kind: 'chat', reference: stored.reference });
        } catch {
          // the chat ended meanwhile: start again
        }
      }
      setStage({ kind: loaded.open ? 'consent' : 'closed' });
    })().catch(() => setStage({ kind: 'missing' }));
    return () => {
      cancelled = true;
      session.close();
    };
  }, [organisation, session]);

  if (stage.kind === 'loading')
    return (
      <Page serviceName="Webchat">
        <p class="govuk-body">Loading…</p>
      </Page>
    );
  if (stage.kind === 'missing' || !info) {
    return (
      <Page serviceName="Webchat">
        <h1 class="govuk-heading-l">Page not found</h1>
        <p class="govuk-body">There is no webchat at this address. Check the link on your council’s website.</p>
      </Page>
    );
  }
  return (
    <Page serviceName={`${info.name} webchat`}>
      {stage.kind === 'consent' && (
        <ConsentStep
          info={info}
          onLeaveMessage={() => setStage({ kind: 'closed' })}
          onStart={async (name) => {
            const started = await session.start({ name, privacyNoticeVersion: info.privacyNotice?.version ?? '' });
            setQueue({ position: started.queuePosition, estimatedWaitSeconds: 0 });
            setStage({ kind: 'chat', reference: started.reference });
          }}
        />
      )}
      {stage.kind === 'closed' && (
        <LeaveMessage
          info={info}
          onSend={async (message) => {
            const { reference } = await session.leaveMessage({ ...message, privacyNoticeVersion: info.privacyNotice?.version ?? '' });
            setStage({ kind: 'left', reference });
          }}
        />
      )}
      {stage.kind === 'left' && (
        <div class="govuk-panel govuk-panel--confirmation">
          <h1 class="govuk-panel__title">Message sent</h1>
          <div class="govuk-panel__body">
            Your reference is
            <br />
            <strong>{stage.reference}</strong>
          </div>
        </div>
      )}
      {stage.kind === 'chat' && (
        <Conversation
          reference={stage.reference}
          lines={lines}
          queue={queue}
          advisor={advisor}
          typing={typing}
          connection={connection}
          onSend={async (text) => {
            const line = await session.send(text);
            setLines((current) => (current.some((known) => known.id === line.id) ? current : [...current, line]));
          }}
          onTyping={() => session.typing()}
          onEnd={() => session.end()}
        />
      )}
      {stage.kind === 'ended' && <Ended organisationName={info.name} reference={stage.reference} transcript={stage.transcript} />}
    </Page>
  );
}

function NoticeText({ info }: { info: Info }) {
  const notice = info.privacyNotice;
  if (!notice) return <p class="govuk-body">This council has not published a privacy notice for webchat, so a chat cannot start.</p>;
  return (
    <>
      <h2 class="govuk-heading-m">{notice.title}</h2>
      {notice.body && (
        <div class="signpost-notice-text govuk-body" tabIndex={0} role="region" aria-label="Privacy notice">
          {notice.body}
        </div>
      )}
      {notice.url && (
        <p class="govuk-body">
          <a class="govuk-link" href={notice.url} rel="noreferrer noopener" target="_blank">
            Read the full privacy notice (opens in new tab)
          </a>
        </p>
      )}
      {info.dpoEmail && <p class="govuk-body">You can contact the Data Protection Officer at {info.dpoEmail}.</p>}
    </>
  );
}

function ConsentStep({
  info,
  onStart,
  onLeaveMessage,
}: {
  info: Info;
  onStart: (name: string | undefined) => Promise<void>;
  onLeaveMessage: () => void;
}) {
  const [agreed, setAgreed] = useState(false);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<{ field: string; message: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const consentError = errors.find((error) => error.field === 'consent');
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Chat with {info.name}</h1>
      <p class="govuk-body">An adviser will reply as soon as one is free. Do not share bank card details in the chat.</p>
      {(info.availability === 'BUSY' || info.availability === 'UNAVAILABLE') && (
        <div class="govuk-inset-text" id="availability">
          <p class="govuk-body">
            {info.availability === 'BUSY'
              ? 'All our advisers are busy at the moment, so you may have to wait.'
              : 'No adviser is free to chat at the moment. You can start a chat and wait, or leave a message and we will reply.'}
          </p>
          <button type="button" class="govuk-button govuk-button--secondary" onClick={onLeaveMessage}>
            Leave a message instead
          </button>
        </div>
      )}
      <NoticeText info={info} />
      <form
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          if (!agreed) return setErrors([{ field: 'consent', message: 'Select that you agree to the privacy notice to start a chat' }]);
          setBusy(true);
          try {
            await onStart(name.trim() || undefined);
          } catch (error) {
            setErrors([{ field: 'start', message: error instanceof ChatRefusal ? error.message : 'The chat could not start. Try again.' }]);
          } finally {
            setBusy(false);
          }
        }}
      >
        <TextInput
          id="name"
          label="Your name (optional)"
          width="one-half"
          autoComplete="name"
          maxLength={200}
          value={name}
          onInput={setName}
        />
        <Checkbox
          id="consent"
          legend="Your information"
          label={`I have read the privacy notice and agree to ${info.name} using what I say in this chat as it describes`}
          error={consentError?.message}
          checked={agreed}
          onChange={setAgreed}
        />
        <button type="submit" class="govuk-button" data-module="govuk-button" disabled={busy || !info.privacyNotice} id="start">
          Start chat
        </button>
      </form>
    </>
  );
}

function Conversation(props: {
  reference: string;
  lines: ChatLine[];
  queue?: { position: number; estimatedWaitSeconds: number };
  advisor?: string;
  typing: boolean;
  connection: 'connected' | 'reconnecting' | 'lost';
  onSend: (text: string) => Promise<void>;
  onTyping: () => void;
  onEnd: () => Promise<void>;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const field = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const lastTyping = useRef(0);
  useEffect(() => field.current?.focus(), []);
  useEffect(() => {
    if (log.current) log.current.scrollTop = log.current.scrollHeight;
  }, [props.lines.length]);

  const status = props.advisor
    ? `You are chatting with ${props.advisor}.`
    : props.queue
      ? `You are number ${props.queue.position} in the queue.${props.queue.estimatedWaitSeconds > 0 ? ` The wait is about ${minutes(props.queue.estimatedWaitSeconds)} minute${minutes(props.queue.estimatedWaitSeconds) === 1 ? '' : 's'}.` : ''}`
      : 'Waiting for an adviser.';
  const send = async () => {
    const message = text.trim();
    if (!message) return setError('Enter a message');
    try {
      await props.onSend(message);
      setText('');
      setError(undefined);
    } catch (refusal) {
      setError(refusal instanceof ChatRefusal ? refusal.message : 'Your message was not sent. Try again.');
    }
  };
  return (
    <>
      <h1 class="govuk-heading-l">Webchat</h1>
      <p class="govuk-body">
        Your reference is <strong>{props.reference}</strong>.
      </p>
      <div class="govuk-inset-text" aria-live="polite" id="chat-status">
        {status}
        {props.connection === 'reconnecting' && ' Reconnecting…'}
        {props.connection === 'lost' && ' The connection was lost. Reload the page to carry on.'}
      </div>
      <div class="signpost-chat-log" role="log" aria-live="polite" aria-label="Conversation" ref={log} tabIndex={0} id="chat-log">
        {props.lines.length === 0 && <p class="govuk-body govuk-!-margin-0">No messages yet.</p>}
        {props.lines.map((line) => (
          <p key={line.id} class={`signpost-chat-message signpost-chat-message--${line.from} govuk-body`}>
            <span class="signpost-chat-message__meta">
              {line.from === 'citizen' ? 'You' : line.from === 'advisor' ? (props.advisor ?? 'Adviser') : 'Signpost'}
            </span>
            {line.text}
          </p>
        ))}
      </div>
      <p class="govuk-body-s" aria-hidden="true">
        {props.typing ? `${props.advisor ?? 'The adviser'} is typing…` : ' '}
      </p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <TextArea
          id="message"
          label="Your message"
          hint="Press Enter to send, Shift and Enter for a new line."
          error={error}
          maxLength={2000}
          inputRef={field}
          value={text}
          onInput={(value) => {
            setText(value);
            if (Date.now() - lastTyping.current > 2000) {
              lastTyping.current = Date.now();
              props.onTyping();
            }
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault();
              void send();
            }
          }}
        />
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button" data-module="govuk-button" id="send">
            Send
          </button>
          <button
            type="button"
            class="govuk-button govuk-button--secondary"
            data-module="govuk-button"
            id="end"
            onClick={() => void props.onEnd().catch(() => setError('The chat could not be ended. Try again.'))}
          >
            End chat
          </button>
        </div>
      </form>
    </>
  );
}

function Ended({
  organisationName,
  reference,
  transcript,
}: {
  organisationName: string;
  reference: string;
  transcript: Omit<ChatLine, 'id'>[];
}) {
  const download = useMemo(() => {
    const text = [
      `Webchat with ${organisationName}`,
      `Reference: ${reference}`,
      '',
      ...transcript.map((line) => `[${line.sentAt}] ${line.from === 'citizen' ? 'You' : line.from}: ${line.text}`),
    ].join('\n');
    return URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  }, [organisationName, reference, transcript]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <div class="govuk-panel govuk-panel--confirmation">
        <h1 class="govuk-panel__title" tabIndex={-1} ref={heading}>
          Chat ended
        </h1>
        <div class="govuk-panel__body">
          Your reference is
          <br />
          <strong>{reference}</strong>
        </div>
      </div>
      <p class="govuk-body">Keep your reference if you contact us again about this.</p>
      <p class="govuk-body">
        <a class="govuk-link" href={download} download={`webchat-${reference}.txt`} id="transcript">
          Save a copy of the conversation
        </a>
      </p>
      <h2 class="govuk-heading-m">Conversation</h2>
      <ul class="govuk-list">
        {transcript.map((line, index) => (
          <li key={index} class="govuk-body">
            <strong>{line.from === 'citizen' ? 'You' : line.from === 'advisor' ? 'Adviser' : 'Signpost'}:</strong> {line.text}
          </li>
        ))}
      </ul>
    </>
  );
}

function LeaveMessage({
  info,
  onSend,
}: {
  info: Info;
  onSend: (message: { name: string; email?: string; phone?: string; text: string }) => Promise<void>;
}) {
  const [form, setForm] = useState({ name: '', email: '', phone: '', text: '', agreed: false });
  const [errors, setErrors] = useState<{ field: string; message: string }[]>([]);
  const update = (field: 'name' | 'email' | 'phone' | 'text') => (value: string) => setForm({ ...form, [field]: value });
  const errorOf = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">{info.open ? 'Leave a message' : 'Webchat is closed'}</h1>
      <p class="govuk-body">Leave a message and {info.name} will reply by email or phone.</p>
      <NoticeText info={info} />
      <form
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          const problems: { field: string; message: string }[] = [];
          if (!form.name.trim()) problems.push({ field: 'leave-name', message: 'Enter your name' });
          if (!form.email.trim() && !form.phone.trim())
            problems.push({ field: 'leave-email', message: 'Enter an email address or a phone number so we can reply' });
          if (!form.text.trim()) problems.push({ field: 'leave-text', message: 'Enter your message' });
          if (!form.agreed) problems.push({ field: 'leave-consent', message: 'Select that you agree to the privacy notice' });
          setErrors(problems);
          if (problems.length > 0) return;
          try {
            await onSend({
              name: form.name.trim(),
              text: form.text.trim(),
              email: form.email.trim() || undefined,
              phone: form.phone.trim() || undefined,
            });
          } catch (error) {
            setErrors([
              { field: 'leave-text', message: error instanceof ChatRefusal ? error.message : 'Your message was not sent. Try again.' },
            ]);
          }
        }}
      >
        <TextInput
          id="leave-name"
          label="Your name"
          autoComplete="name"
          error={errorOf('leave-name')}
          value={form.name}
          onInput={update('name')}
        />
        <TextInput
          id="leave-email"
          label="Email address"
          type="email"
          autoComplete="email"
          error={errorOf('leave-email')}
          value={form.email}
          onInput={update('email')}
        />
        <TextInput
          id="leave-phone"
          label="Phone number"
          type="tel"
          width={20}
          autoComplete="tel"
          value={form.phone}
          onInput={update('phone')}
        />
        <TextArea
          id="leave-text"
          label="Your message"
          rows={5}
          maxLength={5000}
          error={errorOf('leave-text')}
          value={form.text}
          onInput={update('text')}
        />
        <Checkbox
          id="leave-consent"
          label={`I have read the privacy notice and agree to ${info.name} using my message as it describes`}
          error={errorOf('leave-consent')}
          checked={form.agreed}
          onChange={(agreed) => setForm({ ...form, agreed })}
        />
        <button type="submit" class="govuk-button" data-module="govuk-button">
          Send message
        </button>
      </form>
    </>
  );
}
