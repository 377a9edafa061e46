import { useEffect, useState } from 'preact/hooks';
import type { CallRinging, EarlierContact } from '../../../src/contracts/calls.js';
import { ApiError, formatInstant, request } from '../shared/api.js';
import { useSession } from '../shared/session-context.js';
import { Link, navigate } from '../shared/router.js';
import { holdCall } from './call-in-hand.js';
import type { ConsoleSocket } from './console-socket.js';

const label = (value: string) => value.replace('_', ' ');

function ContactTable({
  id,
  caption,
  contacts,
  enquiryHref,
  onPick,
}: {
  id: string;
  caption: string;
  contacts: EarlierContact[];
  enquiryHref: (id: string) => string;
  /** Offered on open enquiries: the call is about this one. */
  onPick?: (contact: EarlierContact) => void;
}) {
  if (contacts.length === 0) return null;
  return (
    <table class="govuk-table" id={id}>
      <caption class="govuk-table__caption govuk-table__caption--s">{caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Reference
          </th>
          <th scope="col" class="govuk-table__header">
            Channel
          </th>
          <th scope="col" class="govuk-table__header">
            Status
          </th>
          <th scope="col" class="govuk-table__header">
            Received
          </th>
          {onPick && (
            <th scope="col" class="govuk-table__header">
              <span class="govuk-visually-hidden">Link the call</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {contacts.map((contact) => (
          <tr class="govuk-table__row" key={contact.enquiryId}>
            <td class="govuk-table__cell">
              <Link class="govuk-link" href={enquiryHref(contact.enquiryId)}>
                {contact.reference}
              </Link>
            </td>
            <td class="govuk-table__cell">{contact.channel}</td>
            <td class="govuk-table__cell">{label(contact.status)}</td>
            <td class="govuk-table__cell">{formatInstant(contact.createdAt)}</td>
            {onPick && (
              <td class="govuk-table__cell">
                <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => onPick(contact)}>
                  The call is about this<span class="govuk-visually-hidden"> enquiry, {contact.reference}</span>
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The ringing phone (`call:ringing` on the console connection, sent to the advisor the call rings at): who is
 * calling, before they answer, with the caller's open enquiries first and their earlier contact with this
 * organisation, each linking to the enquiry. Announced at once (an assertive live region: the phone is ringing
 * now); the latest call replaces the one before; dismissed by the advisor.
 */
export function RingingCall({
  socket,
  enquiryHref,
  newEnquiryHref,
}: {
  socket?: ConsoleSocket;
  enquiryHref: (id: string) => string;
  newEnquiryHref: string;
}) {
  const session = useSession();
  const [call, setCall] = useState<CallRinging>();
  // What became of linking the call to an enquiry, said in the panel.
  const [linked, setLinked] = useState<{ text: string; error?: boolean }>();
  useEffect(() => {
    if (!socket) return;
    const heard = (ringing: CallRinging) => {
      setCall(ringing);
      setLinked(undefined);
    };
    socket.on('call:ringing', heard);
    return () => void socket.off('call:ringing', heard);
  }, [socket]);
  const pick = async (ringing: CallRinging, contact: EarlierContact) => {
    try {
      await request('POST', `/api/calls/${encodeURIComponent(ringing.callId)}/enquiry`, session, { enquiryId: contact.enquiryId });
      setLinked({ text: `The call will be logged on ${contact.reference}.` });
    } catch (failure) {
      setLinked({ text: failure instanceof ApiError ? failure.message : 'The call could not be linked: try again', error: true });
    }
  };
  return (
    <div aria-live="assertive">
      {call && (
        <section class="govuk-notification-banner" role="region" aria-labelledby="ringing-call-title" id="ringing-call">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="ringing-call-title">
              Incoming call from {call.callerNumber}
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            {call.earlierContact.length === 0 ? (
              <p class="govuk-body" id="ringing-call-unknown">
                No earlier contact from this number.
              </p>
            ) : (
              <>
                <ContactTable
                  id="ringing-call-open"
                  caption="Open enquiries"
                  contacts={call.openEnquiries}
                  enquiryHref={enquiryHref}
                  onPick={(contact) => void pick(call, contact)}
                />
                <ContactTable
                  id="ringing-call-history"
                  caption={`Earlier contact (newest first, ${call.earlierContact.length})`}
                  contacts={call.earlierContact}
                  enquiryHref={enquiryHref}
                />
              </>
            )}
            {linked && (
              <p class={linked.error ? 'govuk-error-message' : 'govuk-body'} id="ringing-call-linked" role="status">
                {linked.text}
              </p>
            )}
            <button
              type="button"
              class="govuk-button govuk-!-margin-bottom-0 govuk-!-margin-right-2"
              id="ringing-call-new-enquiry"
              onClick={() => {
                holdCall({ callId: call.callId, callerNumber: call.callerNumber });
                navigate(newEnquiryHref);
              }}
            >
              New enquiry for this call
            </button>
            <button
              type="button"
              class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
              id="ringing-call-dismiss"
              onClick={() => setCall(undefined)}
            >
              Dismiss<span class="govuk-visually-hidden"> the call from {call.callerNumber}</span>
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
