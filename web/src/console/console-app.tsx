import { useEffect, useState } from 'preact/hooks';
import type { ConsoleSocket } from './console-socket.js';
import { endSession, forgetSession, storedSession, type Session } from '../shared/api.js';
import { Page } from '../shared/layout.js';
import { Link, navigate, useLocation } from '../shared/router.js';
import { SessionProvider } from '../shared/session-context.js';
import { useSessionRenewal } from '../shared/session-renewal.js';
import { SignIn } from '../shared/sign-in.js';
import { landing, mayOpen, pathOf, resolveConsolePath, TABS, type Tab } from './console-routes.js';
import { EnquiryPanel } from './enquiry-panel.js';
import { Inbox } from './inbox.js';
import { MyWork } from './my-work.js';
import { NewEnquiry } from './new-enquiry.js';
import { Supervision } from './supervision.js';
import { SubjectRequests } from './subject-requests.js';
import { LiveChats } from './live-chats.js';
import { RetentionAndRecords } from './retention-and-records.js';
import { Reports } from './reports.js';
import { SavedReplies } from './saved-replies.js';
import { ReplyAnswers } from './reply-answers.js';
import { RingingCall } from './ringing-call.js';
import { StaffAccounts } from './admin-staff-accounts.js';
import { AdminServices } from './admin-services.js';
import { AdminOrganisation } from './admin-organisation.js';
import { SafeguardingFlags, useOpenFlagCount } from './safeguarding-flags.js';

/**
 * What the citizen said in a chat, handed to the enquiry opened from it. Held in memory only, never in the
 * address or the history entry (browsers may keep those on disk): after a reload the panel simply goes without.
 */
const chatWords = new Map<string, string>();

/** The advisor console: one inbox across channels, the live chats, and the enquiry panel; the DPO's and the administrator's tabs. */
export function ConsoleApp() {
  const [session, setSession] = useState<Session | undefined>(storedSession);
  const { path, state } = useLocation();
  // The live chat's console connection, which also brings the supervisor's safeguarding events.
  const [consoleSocket, setConsoleSocket] = useState<ConsoleSocket>();
  useSessionRenewal(session, () => setSession(undefined));
  const unreviewed = useOpenFlagCount(session, consoleSocket, session?.user.role === 'supervisor');
  const resolved = session ? resolveConsolePath(path, session.user.role, state?.from) : undefined;
  // `/console` itself is the role's own start page, in place (Back does not return to the bare address).
  useEffect(() => {
    if (session && resolved?.kind === 'landing') navigate(pathOf(landing(session.user.role)), { replace: true });
  }, [session, resolved?.kind]);
  if (!session) {
    // Signed out at any address: sign in here, then the same address shows what it names.
    return (
      <Page serviceName="Signpost console" wide>
        <SignIn title="Sign in to the console" allowed={['advisor', 'supervisor', 'dpo', 'admin']} onSignedIn={setSession} />
      </Page>
    );
  }
  const signOut = () => {
    // Ends the sign-in on the service too: its token stops working at once, not when it expires.
    void endSession(session);
    forgetSession();
    setSession(undefined);
    // The next person to sign in here starts from their own start page, not the last one's enquiry.
    navigate('/console', { replace: true });
  };
  const role = session.user.role;
  // Advisors and supervisors work enquiries and chats; the DPO works subject-rights requests, retention and records;
  // the administrator keeps the staff accounts, the services directory, the organisation's settings and retention.
  const staff = role === 'advisor' || role === 'supervisor';
  const supervisor = role === 'supervisor';
  const currentTab = resolved?.kind === 'view' ? resolved.tab : undefined;
  const view = resolved?.kind === 'view' ? resolved : undefined;
  const tab = (kind: Tab, label: string) => {
    const current = currentTab === kind;
    const badge = kind === 'safeguarding' && unreviewed !== undefined ? { count: unreviewed, said: 'waiting for review' } : undefined;
    return (
      <li class={`govuk-service-navigation__item${current ? ' govuk-service-navigation__item--active' : ''}`} key={kind}>
        <Link
          href={pathOf(kind)}
          class={`govuk-link govuk-service-navigation__link signpost-tab${current ? ' signpost-selected' : ''}`}
          aria-current={current ? 'page' : undefined}
          id={`tab-${kind}`}
        >
          {label}
          {badge && badge.count > 0 && (
            <strong class="govuk-tag govuk-tag--red govuk-!-margin-left-1" id={`tab-${kind}-count`}>
              {badge.count}
              <span class="govuk-visually-hidden"> {badge.said}</span>
            </strong>
          )}
        </Link>
      </li>
    );
  };
  return (
    <SessionProvider session={session}>
      <Page serviceName="Signpost console" wide signedIn={{ name: `${session.user.displayName} (${role})`, onSignOut: signOut }}>
        <nav aria-label="Console" class="govuk-service-navigation__wrapper govuk-!-margin-bottom-6">
          <ul class="govuk-service-navigation__list">
            {TABS.filter(([kind]) => mayOpen(kind, role)).map(([kind, label]) => tab(kind, label))}
          </ul>
        </nav>
        {/* The chat connection stays open while other views are shown, so chats keep arriving. */}
        {staff && (
          <div hidden={view?.view !== 'chats'}>
            <LiveChats onConnection={setConsoleSocket} rememberWords={(id, words) => chatWords.set(id, words)} />
          </div>
        )}
        {staff && <RingingCall socket={consoleSocket} enquiryHref={(id) => pathOf('enquiry', { id })} newEnquiryHref={pathOf('new')} />}
        {staff && <ReplyAnswers socket={consoleSocket} enquiryHref={(id) => pathOf('enquiry', { id })} />}
        {resolved?.kind === 'no-access' && <NoAccess role={role} />}
        {resolved?.kind === 'not-found' && <NotFound role={role} />}
        {(view?.view === 'requests' || view?.view === 'new-request' || view?.view === 'request') && (
          <SubjectRequests
            showing={
              view.view === 'request'
                ? { kind: 'detail', id: view.params.id }
                : view.view === 'new-request'
                  ? { kind: 'new' }
                  : { kind: 'list' }
            }
          />
        )}
        {view?.view === 'retention' && <RetentionAndRecords />}
        {view?.view === 'supervision' && <Supervision socket={consoleSocket} safeguardingHref={pathOf('safeguarding')} />}
        {/* The DPO may read the flags but not open enquiries, and has no console connection (it polls). */}
        {view?.view === 'safeguarding' && <SafeguardingFlags socket={supervisor ? consoleSocket : undefined} linkEnquiries={supervisor} />}
        {view?.view === 'reports' && <Reports />}
        {view?.view === 'saved-replies' && <SavedReplies />}
        {view?.view === 'staff' && <StaffAccounts />}
        {view?.view === 'services' && <AdminServices />}
        {view?.view === 'organisation' && <AdminOrganisation />}
        {view?.view === 'new' && <NewEnquiry onCreated={(id) => navigate(pathOf('enquiry', { id }), { state: { from: 'inbox' } })} />}
        {view?.view === 'inbox' && <Inbox />}
        {view?.view === 'my-work' && <MyWork socket={consoleSocket} />}
        {view?.view === 'enquiry' && (
          <EnquiryPanel key={view.params.id} id={view.params.id} words={chatWords.get(view.params.id)} backHref={pathOf(view.tab)} />
        )}
      </Page>
    </SessionProvider>
  );
}

/** An address of the console this account's role may not see: said plainly, with the way back to its own work. */
function NoAccess({ role }: { role: Session['user']['role'] }) {
  return (
    <>
      <h1 class="govuk-heading-l" id="no-access">
        You do not have access to this page
      </h1>
      <p class="govuk-body">This page is not part of the {role} account’s work. If you need it, ask your administrator.</p>
      <p class="govuk-body">
        <Link class="govuk-link" href={pathOf(landing(role))}>
          Go to your start page
        </Link>
      </p>
    </>
  );
}

function NotFound({ role }: { role: Session['user']['role'] }) {
  return (
    <>
      <h1 class="govuk-heading-l">Page not found</h1>
      <p class="govuk-body">If you typed the web address, check it is correct. If you pasted it, check you copied the entire address.</p>
      <p class="govuk-body">
        <Link class="govuk-link" href={pathOf(landing(role))}>
          Go to your start page
        </Link>
      </p>
    </>
  );
}
