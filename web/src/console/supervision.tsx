import { useEffect, useState } from 'preact/hooks';
import type { DangerKind, SafetyFlag } from '../../../src/contracts/safeguarding.js';
import { formatInstant, request } from '../shared/api.js';
import { useSession } from '../shared/session-context.js';
import { Select, SuccessBanner, type Notice } from '../shared/govuk-form.js';
import { Link } from '../shared/router.js';
import type { ConsoleSocket } from './console-socket.js';
import { ReferralsAwaitingAcknowledgement } from './referrals-awaiting.js';
import { channelName, DangerKindTags, howLongAgo, useOpenFlags } from './safeguarding-flags.js';
import { AtRiskWork } from './at-risk-work.js';

interface Overview {
  waiting: number;
  longestWaitSeconds: number;
  advisors: {
    id: string;
    displayName: string;
    role: string;
    presence: 'available' | 'away' | 'offline';
    activeChats: number;
    maxConcurrentChats: number;
  }[];
  activeChats: {
    chatId: string;
    reference: string;
    advisorId: string | null;
    advisorName: string | null;
    queuedAt: string;
    assignedAt: string | null;
    flags?: SafetyFlag[];
    dangerKinds?: DangerKind[];
    unreviewedFlag?: boolean;
  }[];
}

interface DeadLetter {
  id: string;
  reference: string;
  service: string;
  deliveryStatus: string;
  createdAt: string;
}

const wait = (seconds: number) => (seconds < 60 ? `${seconds} seconds` : `${Math.round(seconds / 60)} minutes`);

/** Safeguarding flags nobody has reviewed, the longest waiting first: what a supervisor must look at before anything else. */
function NeedsAttention({ socket, safeguardingHref }: { socket?: ConsoleSocket; safeguardingHref: string }) {
  const { flags, error } = useOpenFlags(socket);
  if (error)
    return (
      <p class="govuk-error-message" role="alert">
        <span class="govuk-visually-hidden">Error:</span> Safeguarding flags could not be loaded: {error}
      </p>
    );
  if (!flags || flags.length === 0) return null;
  return (
    <section class="govuk-notification-banner" role="region" aria-labelledby="needs-attention-title" id="needs-attention">
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="needs-attention-title">
          Needs attention now
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">
          {flags.length === 1
            ? 'A message suggested someone may be in immediate danger'
            : `${flags.length} messages suggested someone may be in immediate danger`}
          , and nobody has reviewed {flags.length === 1 ? 'it' : 'them'} yet.
        </p>
        <ul class="govuk-list">
          {flags.map((flag) => (
            <li key={flag.id}>
              <strong>{flag.reference}</strong> ({channelName(flag.channel)}, {howLongAgo(flag.raisedAt)}){' '}
              <DangerKindTags kinds={flag.kinds} />
            </li>
          ))}
        </ul>
        <p class="govuk-body">
          <Link class="govuk-notification-banner__link" id="review-safeguarding" href={safeguardingHref}>
            Review {flags.length === 1 ? 'it' : 'them'} on the Safeguarding page
          </Link>
        </p>
      </div>
    </section>
  );
}

/**
 * The supervisor's view: unreviewed safeguarding flags, queue and waits, advisors' presence and load, chats in progress
 * (reassign), services with referrals past their acknowledgement target, dead letters (replay).
 */
export function Supervision({ socket, safeguardingHref }: { socket?: ConsoleSocket; safeguardingHref: string }) {
  const session = useSession();
  const [overview, setOverview] = useState<Overview>();
  const [dead, setDead] = useState<DeadLetter[]>([]);
  const [notice, setNotice] = useState<Notice>();
  const [error, setError] = useState<string>();
  const [targets, setTargets] = useState<Record<string, string>>({});
  const load = async () => {
    try {
      const [next, letters] = await Promise.all([
        request<Overview>('GET', '/api/webchat-supervision', session),
        request<DeadLetter[]>('GET', '/api/escalations?deliveryStatus=dead', session),
      ]);
      setOverview(next);
      setDead(letters);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), 5000);
    return () => window.clearInterval(timer);
  }, [session]);
  if (!overview) return <p class="govuk-body">{error ?? 'Loading…'}</p>;
  // The service lists chats with an unreviewed safeguarding flag first; the page keeps that order.
  const activeChats = overview.activeChats;
  const withRoom = overview.advisors.filter(
    (advisor) => advisor.presence !== 'offline' && advisor.activeChats < advisor.maxConcurrentChats,
  );
  return (
    <>
      <h1 class="govuk-heading-l">Supervision</h1>
      <NeedsAttention socket={socket} safeguardingHref={safeguardingHref} />
      <SuccessBanner id="supervision-notice" notice={notice} />
      {error && (
        <p class="govuk-error-message" role="alert">
          {error}
        </p>
      )}
      <AtRiskWork names={new Map(overview.advisors.map((advisor) => [advisor.id, advisor.displayName]))} />
      <dl class="govuk-summary-list" id="queue-summary">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Waiting</dt>
          <dd class="govuk-summary-list__value">{overview.waiting}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Longest wait</dt>
          <dd class="govuk-summary-list__value">{overview.waiting ? wait(overview.longestWaitSeconds) : '—'}</dd>
        </div>
      </dl>
      <table class="govuk-table" id="advisors">
        <caption class="govuk-table__caption govuk-table__caption--m">Advisors</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Name
            </th>
            <th scope="col" class="govuk-table__header">
              Presence
            </th>
            <th scope="col" class="govuk-table__header">
              Chats
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {overview.advisors.map((advisor) => (
            <tr class="govuk-table__row" key={advisor.id}>
              <td class="govuk-table__cell">{advisor.displayName}</td>
              <td class="govuk-table__cell">
                <strong class={`govuk-tag ${advisor.presence === 'available' ? 'govuk-tag--green' : 'govuk-tag--grey'}`}>
                  {advisor.presence}
                </strong>
              </td>
              <td class="govuk-table__cell">
                {advisor.activeChats} of {advisor.maxConcurrentChats}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="govuk-table" id="active-chats">
        <caption class="govuk-table__caption govuk-table__caption--m">Chats in progress</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Reference
            </th>
            <th scope="col" class="govuk-table__header">
              Advisor
            </th>
            <th scope="col" class="govuk-table__header">
              Since
            </th>
            <th scope="col" class="govuk-table__header">
              Reassign
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {activeChats.map((chat, index) => (
            <tr class="govuk-table__row" key={chat.chatId}>
              <td class="govuk-table__cell">
                {chat.reference}
                {(chat.flags ?? []).map((flag) =>
                  flag === 'danger' && (chat.dangerKinds ?? []).length > 0 ? (
                    <span key={flag} class="govuk-!-margin-left-1">
                      <DangerKindTags kinds={chat.dangerKinds ?? []} />
                    </span>
                  ) : (
                    <strong
                      key={flag}
                      class={`govuk-tag ${flag === 'danger' ? 'govuk-tag--red' : 'govuk-tag--orange'} govuk-!-margin-left-1`}
                    >
                      {flag === 'danger' ? 'Danger' : 'Likely fraud'}
                    </strong>
                  ),
                )}
                {!(chat.flags ?? []).includes('danger') && (chat.dangerKinds ?? []).length > 0 && (
                  <span class="govuk-!-margin-left-1">
                    <DangerKindTags kinds={chat.dangerKinds ?? []} />
                  </span>
                )}
                {chat.unreviewedFlag && (
                  <>
                    <br />
                    <Link class="govuk-link" href={safeguardingHref}>
                      Review the flag<span class="govuk-visually-hidden"> on chat {chat.reference}</span>
                    </Link>
                  </>
                )}
              </td>
              <td class="govuk-table__cell">{chat.advisorName ?? '—'}</td>
              <td class="govuk-table__cell">{chat.assignedAt ? formatInstant(chat.assignedAt) : '—'}</td>
              <td class="govuk-table__cell">
                <Select
                  id={`reassign-${index}`}
                  label={`Reassign chat ${chat.reference} to`}
                  labelHidden
                  wrapperClass="govuk-!-display-inline-block govuk-!-margin-bottom-0"
                  value={targets[chat.chatId] ?? ''}
                  options={[
                    ['', 'Back to the queue'],
                    ...withRoom
                      .filter((advisor) => advisor.id !== chat.advisorId)
                      .map((advisor): [string, string] => [advisor.id, advisor.displayName]),
                  ]}
                  onChange={(value) => setTargets({ ...targets, [chat.chatId]: value })}
                />{' '}
                <button
                  type="button"
                  class="govuk-button govuk-button--secondary govuk-!-margin-0"
                  id={`move-${index}`}
                  onClick={async () => {
                    try {
                      const target = targets[chat.chatId];
                      await request(
                        'POST',
                        `/api/webchat-supervision/chats/${chat.chatId}/reassign`,
                        session,
                        target ? { toAdvisorId: target } : {},
                      );
                      setNotice({ text: `Chat ${chat.reference} moved`, at: Date.now() });
                      await load();
                    } catch (failure) {
                      setError((failure as Error).message);
                    }
                  }}
                >
                  Move<span class="govuk-visually-hidden"> chat {chat.reference}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ReferralsAwaitingAcknowledgement />
      <table class="govuk-table" id="dead-letters">
        <caption class="govuk-table__caption govuk-table__caption--m">Referrals that could not be delivered</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Reference
            </th>
            <th scope="col" class="govuk-table__header">
              Service
            </th>
            <th scope="col" class="govuk-table__header">
              Escalated
            </th>
            <th scope="col" class="govuk-table__header">
              Action
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {dead.length === 0 && (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell" colSpan={4}>
                None: every referral was delivered.
              </td>
            </tr>
          )}
          {dead.map((letter) => (
            <tr class="govuk-table__row" key={letter.id}>
              <td class="govuk-table__cell">{letter.reference}</td>
              <td class="govuk-table__cell">{letter.service}</td>
              <td class="govuk-table__cell">{formatInstant(letter.createdAt)}</td>
              <td class="govuk-table__cell">
                <button
                  type="button"
                  class="govuk-button govuk-button--secondary govuk-!-margin-0"
                  onClick={async () => {
                    try {
                      await request('POST', `/api/escalations/${letter.id}/replay`, session);
                      setNotice({ text: `Referral ${letter.reference} sent again`, at: Date.now() });
                      await load();
                    } catch (failure) {
                      setError((failure as Error).message);
                    }
                  }}
                >
                  Send again<span class="govuk-visually-hidden"> referral {letter.reference}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
