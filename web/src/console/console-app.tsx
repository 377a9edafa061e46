import { useState } from 'preact/hooks';
import type { Socket } from 'socket.io-client';
import { endSession, forgetSession, storedSession, type Session } from '../shared/api.js';
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
import { StaffAccounts } from './admin-staff-accounts.js';
import { AdminServices } from './admin-services.js';
import { AdminOrganisation } from './admin-organisation.js';
import { SafeguardingFlags, useOpenFlagCount } from './safeguarding-flags.js';

type Tab = 'inbox' | 'chats' | 'new' | 'supervision' | 'safeguarding' | 'requests' | 'retention' | 'reports' | 'staff' | 'services' | 'organisation';
type View = { kind: Tab } | { kind: 'enquiry'; id: string; from: 'inbox' | 'chats' | 'new' | 'safeguarding'; words?: string };

/** Where each role lands after signing in: its own main work. */
const landing = (role?: Session['user']['role']): Tab => (role === 'dpo' ? 'requests' : role === 'admin' ? 'staff' : 'inbox');

/** The advisor console: one inbox across channels, the live chats, and the enquiry panel; the DPO's and the administrator's tabs. */
export function ConsoleApp() {
  const [session, setSession] = useState<Session | undefined>(storedSession);
  const [view, setView] = useState<View>(() => ({ kind: landing(storedSession()?.user.role) }));
  // The live chat's console connection, which also brings the supervisor's safeguarding events.
  const [consoleSocket, setConsoleSocket] = useState<Socket>();
  useSessionRenewal(session, () => setSession(undefined));
  const unreviewed = useOpenFlagCount(session, consoleSocket, session?.user.role === 'supervisor');
  if (!session) {
    return (
      <Page serviceName="Signpost console" wide>
        <SignIn
          title="Sign in to the console"
          allowed={['advisor', 'supervisor', 'dpo', 'admin']}
          onSignedIn={(signedIn) => {
            setSession(signedIn);
            setView({ kind: landing(signedIn.user.role) });
          }}
        />
      </Page>
    );
  }
  const signOut = () => {
    // Ends the sign-in on the service too: its token stops working at once, not when it expires.
    void endSession(session);
    forgetSession();
    setSession(undefined);
  };
  // Advisors and supervisors work enquiries and chats; the DPO works subject-rights requests, retention and records;
  // the administrator keeps the staff accounts, the services directory, the organisation's settings and retention.
  const staff = session.user.role === 'advisor' || session.user.role === 'supervisor';
  const admin = session.user.role === 'admin';
  const supervisor = session.user.role === 'supervisor';
  const tab = (kind: Tab, label: string, badge?: { count: number; said: string }) => {
    const current = view.kind === kind || (view.kind === 'enquiry' && view.from === kind);
    return (
      <li class="govuk-service-navigation__item">
        <button type="button" class={`govuk-link govuk-service-navigation__link signpost-tab${current ? ' signpost-selected' : ''}`} aria-current={current ? 'page' : undefined} id={`tab-${kind}`} onClick={() => setView({ kind })}>
          {label}
          {badge && badge.count > 0 && (
            <strong class="govuk-tag govuk-tag--red govuk-!-margin-left-1" id={`tab-${kind}-count`}>
              {badge.count}
              <span class="govuk-visually-hidden"> {badge.said}</span>
            </strong>
          )}
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
          {supervisor && tab('supervision', 'Supervision')}
          {(supervisor || session.user.role === 'dpo') && tab('safeguarding', 'Safeguarding', unreviewed === undefined ? undefined : { count: unreviewed, said: 'waiting for review' })}
          {session.user.role === 'dpo' && tab('requests', 'Subject requests')}
          {admin && tab('staff', 'Staff accounts')}
          {admin && tab('services', 'Services')}
          {admin && tab('organisation', 'Organisation')}
          {(session.user.role === 'dpo' || admin) && tab('retention', 'Retention and records')}
          {/* Administrators read the same figures through the API. */}
          {(session.user.role === 'supervisor' || session.user.role === 'dpo') && tab('reports', 'Reports')}
        </ul>
      </nav>
      {/* The chat connection stays open while other views are shown, so chats keep arriving. */}
      {staff && (
        <div hidden={view.kind !== 'chats'}>
          <LiveChats session={session} onConnection={setConsoleSocket} onOpenEnquiry={(id, words) => setView({ kind: 'enquiry', id, from: 'chats', words })} />
        </div>
      )}
      {view.kind === 'requests' && <SubjectRequests session={session} />}
      {view.kind === 'retention' && <RetentionAndRecords session={session} />}
      {view.kind === 'supervision' && <Supervision session={session} socket={consoleSocket} onOpenSafeguarding={() => setView({ kind: 'safeguarding' })} />}
      {/* The DPO may read the flags but not open enquiries, and has no console connection (it polls). */}
      {view.kind === 'safeguarding' && (
        <SafeguardingFlags session={session} socket={supervisor ? consoleSocket : undefined} onOpenEnquiry={supervisor ? (id) => setView({ kind: 'enquiry', id, from: 'safeguarding' }) : undefined} />
      )}
      {view.kind === 'reports' && <Reports session={session} />}
      {view.kind === 'staff' && <StaffAccounts session={session} />}
      {view.kind === 'services' && <AdminServices session={session} />}
      {view.kind === 'organisation' && <AdminOrganisation session={session} />}
      {view.kind === 'new' && <NewEnquiry session={session} onCreated={(id) => setView({ kind: 'enquiry', id, from: 'inbox' })} />}
      {view.kind === 'inbox' && <Inbox session={session} onOpen={(id) => setView({ kind: 'enquiry', id, from: 'inbox' })} />}
      {view.kind === 'enquiry' && <EnquiryPanel session={session} id={view.id} words={view.words} onBack={() => setView({ kind: view.from })} />}
    </Page>
  );
}
