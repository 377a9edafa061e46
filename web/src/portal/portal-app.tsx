import { useState } from 'preact/hooks';
import { AcknowledgementState, targetInWords, type ReferralAcknowledgement, type WorkingTimeTarget } from '../shared/acknowledgement.js';
import { endSession, forgetSession, formatInstant, request, storedSession, type Session } from '../shared/api.js';
import { useSessionRenewal } from '../shared/session-renewal.js';
import { fieldLabel } from '../shared/fields.js';
import { SuccessBanner, TextArea, type Notice } from '../shared/govuk-form.js';
import { Page } from '../shared/layout.js';
import { Link, matchPath, navigate, normalise, useLocation } from '../shared/router.js';
import { SessionProvider, useApi, useSession } from '../shared/session-context.js';
import { SignIn } from '../shared/sign-in.js';

interface Escalation extends ReferralAcknowledgement {
  id: string;
  reference: string;
  service: string;
  status: 'sent' | 'acknowledged' | 'closed';
  deliveryStatus: string;
  fields: Record<string, string>;
  outcome?: string;
  createdAt: string;
}

/** The portal's addresses: the list of referrals, and one referral. */
const REFERRALS = '/portal';
const referralPath = (id: string) => `/portal/referrals/${encodeURIComponent(id)}`;

/**
 * The back-office service's portal: its referrals (/portal), with only the fields it may receive; one referral
 * (/portal/referrals/:id) to acknowledge, update and close. Signed out at any address: sign in, then that address.
 */
export function PortalApp() {
  const [session, setSession] = useState<Session | undefined>(storedSession);
  useSessionRenewal(session, () => setSession(undefined));
  const { path } = useLocation();
  if (!session) {
    return (
      <Page serviceName="Signpost service portal" wide>
        <SignIn title="Sign in to your service’s referrals" allowed={['service']} onSignedIn={setSession} />
      </Page>
    );
  }
  const signOut = () => {
    void endSession(session);
    forgetSession();
    setSession(undefined);
    navigate(REFERRALS, { replace: true });
  };
  const referral = matchPath('/portal/referrals/:id', path);
  return (
    <SessionProvider session={session}>
      <Page serviceName="Signpost service portal" wide signedIn={{ name: session.user.displayName, onSignOut: signOut }}>
        {referral ? <Referral key={referral.id} id={referral.id} /> : normalise(path) === REFERRALS ? <Referrals /> : <NotFound />}
      </Page>
    </SessionProvider>
  );
}

function NotFound() {
  return (
    <>
      <h1 class="govuk-heading-l">Page not found</h1>
      <p class="govuk-body">If you typed the web address, check it is correct. If you pasted it, check you copied the entire address.</p>
      <p class="govuk-body">
        <Link class="govuk-link" href={REFERRALS}>
          Go to your referrals
        </Link>
      </p>
    </>
  );
}

/** GET /api/service-levels/acknowledgement-target: how soon the service must acknowledge a referral. */
interface AcknowledgementTarget {
  service: string;
  name: string;
  target: WorkingTimeTarget;
}

/** The service's own acknowledgement target, in words. */
function TargetNotice() {
  const { data } = useApi<AcknowledgementTarget>('/api/service-levels/acknowledgement-target');
  if (!data) return null;
  return (
    <div class="govuk-inset-text" id="acknowledgement-target">
      {data.name} must acknowledge each referral within {targetInWords(data.target)}, counted in the council’s opening hours.
    </div>
  );
}

function Referrals() {
  const { data: items, error } = useApi<Escalation[]>('/api/escalations');
  return (
    <>
      <h1 class="govuk-heading-l">Referrals</h1>
      <TargetNotice />
      {error && <p class="govuk-error-message">{error}</p>}
      {items && items.length === 0 && <p class="govuk-body">No referrals yet.</p>}
      {items && items.length > 0 && (
        <table class="govuk-table" id="referrals">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Reference
              </th>
              <th scope="col" class="govuk-table__header">
                Name
              </th>
              <th scope="col" class="govuk-table__header">
                Status
              </th>
              <th scope="col" class="govuk-table__header">
                Received
              </th>
              <th scope="col" class="govuk-table__header">
                Acknowledgement
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {items.map((item) => (
              <tr class="govuk-table__row" key={item.id}>
                <td class="govuk-table__cell">
                  <Link class="govuk-link" href={referralPath(item.id)}>
                    {item.reference}
                  </Link>
                </td>
                <td class="govuk-table__cell">{item.fields.name ?? '—'}</td>
                <td class="govuk-table__cell">
                  <strong class="govuk-tag govuk-tag--grey">{item.status}</strong>
                </td>
                <td class="govuk-table__cell">{formatInstant(item.createdAt)}</td>
                <td class="govuk-table__cell">
                  <AcknowledgementState referral={item} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Referral({ id }: { id: string }) {
  const session = useSession();
  const loaded = useApi<Escalation>(`/api/escalations/${encodeURIComponent(id)}`);
  // What an action answered, shown in place of the first reading.
  const [changed, setChanged] = useState<Escalation>();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState('');
  const [actionError, setActionError] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  const item = changed?.id === id ? changed : loaded.data;
  const error = actionError ?? loaded.error;
  const setError = setActionError;
  const act = async (path: string, body: unknown, done: string) => {
    try {
      setChanged(await request<Escalation>('POST', `/api/escalations/${encodeURIComponent(id)}/${path}`, session, body));
      setError(undefined);
      setNotice({ text: done, at: Date.now() });
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  if (!item) return <p class="govuk-body">{error ?? 'Loading…'}</p>;
  return (
    <>
      <Link class="govuk-back-link" href={REFERRALS}>
        Back to referrals
      </Link>
      <h1 class="govuk-heading-l">Referral {item.reference}</h1>
      <SuccessBanner id="referral-notice" notice={notice} />
      {error && (
        <p class="govuk-error-message" role="alert">
          {error}
        </p>
      )}
      <p class="govuk-body">
        Status:{' '}
        <strong class="govuk-tag" id="referral-status">
          {item.status}
        </strong>
      </p>
      <dl class="govuk-summary-list" id="referral-acknowledgement">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Acknowledge by</dt>
          <dd class="govuk-summary-list__value">{item.acknowledgementDueAt ? formatInstant(item.acknowledgementDueAt) : 'No target'}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Acknowledgement</dt>
          <dd class="govuk-summary-list__value">
            <AcknowledgementState referral={item} />
          </dd>
        </div>
      </dl>
      <h2 class="govuk-heading-m">What was shared with your service</h2>
      <dl class="govuk-summary-list" id="referral-fields">
        {Object.entries(item.fields).map(([field, value]) => (
          <div class="govuk-summary-list__row" key={field}>
            <dt class="govuk-summary-list__key">{fieldLabel(field) ?? field}</dt>
            <dd class="govuk-summary-list__value signpost-pre-wrap">{value}</dd>
          </div>
        ))}
      </dl>
      {item.outcome && <p class="govuk-body">Outcome: {item.outcome}</p>}
      {item.status === 'sent' && (
        <button type="button" class="govuk-button" id="acknowledge" onClick={() => void act('acknowledge', undefined, 'Acknowledged')}>
          Acknowledge
        </button>
      )}
      {item.status !== 'closed' && (
        <>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (text.trim()) void act('updates', { text: text.trim() }, 'Update added').then(() => setText(''));
              else setError('Enter an update');
            }}
          >
            <TextArea id="update" label="Add an update" labelSize="s" rows={2} value={text} onInput={setText} />
            <button type="submit" class="govuk-button govuk-button--secondary" id="add-update">
              Add update
            </button>
          </form>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (outcome.trim()) void act('close', { outcome: outcome.trim() }, 'Closed');
              else setError('Enter the outcome');
            }}
          >
            <TextArea id="outcome" label="Outcome" labelSize="s" rows={2} value={outcome} onInput={setOutcome} />
            <button type="submit" class="govuk-button" id="close">
              Close the referral
            </button>
          </form>
        </>
      )}
    </>
  );
}
