import { useState } from 'preact/hooks';
import { forgetSession, storedSession, type Session } from '../shared/api.js';
import { Page } from '../shared/layout.js';
import { useSessionRenewal } from '../shared/session-renewal.js';
import { SignIn } from '../shared/sign-in.js';
import { EnquiryPanel } from './enquiry-panel.js';
import { Inbox } from './inbox.js';
import { NewEnquiry } from './new-enquiry.js';
import { Supervision } from './supervision.js';
import { SubjectRequests } from './subject-requests.js';
import { LiveChats } from './live-chats.js';
import { RetentionAndRecords } from './retention-and-records.js';
import { Reports } from './reports.js';

type View = { kind: 'inbox' } | { kind: 'chats' } | { kind: 'new' } | { kind: 'supervision' } | { kind: 'requests' } | { kind: 'retention' } | { kind: 'reports' } | { kind: 'enquiry'; id: string; from: 'inbox' | 'chats' | 'new'; words?: string };

/** The advisor console: one inbox across channels, the live chats, and the enquiry panel. */
export function ConsoleApp() {
  const [session, setSession] = useState<Session | undefined>(storedSession);
  const [view, setView] = useState<View>(() => ({ kind: storedSession()?.user.role === 'dpo' ? 'requests' : 'inbox' }));
  useSessionRenewal(session, () => setSession(undefined));
  if (!session) {
    return (
      <Page serviceName="Signpost console" wide>
        <SignIn
          title="Sign in to the console"
          allowed={['advisor', 'supervisor', 'dpo']}
          onSignedIn={(signedIn) => {
            setSession(signedIn);
            setView({ kind: signedIn.user.role === 'dpo' ? 'requests' : 'inbox' });
          }}
        />
      </Page>
    );
  }
  const signOut = () => {
    forgetSession();
    setSession(undefined);
  };
  // Advisors and supervisors work enquiries and chats; the DPO works subject-rights requests, retention and records.
  const staff = session.user.role === 'advisor' || session.user.role === 'supervisor';
  const tab = (kind: 'inbox' | 'chats' | 'new' | 'supervision' | 'requests' | 'retention' | 'reports', label: string) => {
    const current = view.kind === kind || (view.kind === 'enquiry' && view.from === kind);
    return (
      <li class="govuk-service-navigation__item">
        <button type="button" class={`govuk-link govuk-service-navigation__link signpost-tab${current ? ' signpost-selected' : ''}`} aria-current={current ? 'page' : undefined} id={`tab-${kind}`} onClick={() => setView({ kind })}>
          {label}
        </button>
      </li>
    );
  };
  return (
    <Page serviceName="Signpost console" wide signedIn={{ name: `${session.user.displayName} (${session.user.role})`, onSignOut: signOut }}>
      <nav aria-label="Console" class="govuk-service-navigation__wrapper govuk-!-margin-bottom-6">
        <ul class="govuk-service-navigation__list">
          {staff && tab('inbox', 'Inbox')}
          {staff && tab('chats', 'Live chat')}
          {staff && tab('new', 'New enquiry')}
          {session.user.role === 'supervisor' && tab('supervision', 'Supervision')}
          {session.user.role === 'dpo' && tab('requests', 'Subject requests')}
          {session.user.role === 'dpo' && tab('retention', 'Retention and records')}
          {/* Administrators read the same figures through the API: the console is not theirs. */}
          {(session.user.role === 'supervisor' || session.user.role === 'dpo') && tab('reports', 'Reports')}
        </ul>
      </nav>
      {/* The chat connection stays open while other views are shown, so chats keep arriving. */}
      {staff && (
        <div hidden={view.kind !== 'chats'}>
          <LiveChats session={session} onOpenEnquiry={(id, words) => setView({ kind: 'enquiry', id, from: 'chats', words })} />
        </div>
      )}
      {view.kind === 'requests' && <SubjectRequests session={session} />}
      {view.kind === 'retention' && <RetentionAndRecords session={session} />}
      {view.kind === 'supervision' && <Supervision session={session} />}
      {view.kind === 'reports' && <Reports session={session} />}
      {view.kind === 'new' && <NewEnquiry session={session} onCreated={(id) => setView({ kind: 'enquiry', id, from: 'inbox' })} />}
      {view.kind === 'inbox' && <Inbox session={session} onOpen={(id) => setView({ kind: 'enquiry', id, from: 'inbox' })} />}
      {view.kind === 'enquiry' && <EnquiryPanel session={session} id={view.id} words={view.words} onBack={() => setView({ kind: view.from })} />}
    </Page>
  );
}
