import type { Channel } from '../contracts/enquiry-vocabulary.js';
import type { ReplyChannel } from '../contracts/replies.js';

/** What the enquiry and the person offer a reply: where they wrote from, what they gave. */
export interface ReplyReach {
  /** The channel the enquiry came by. */
  enquiryChannel: Channel;
  /** The address the citizen wrote from (an e-mail enquiry's thread), else undefined. */
  threadAddress?: string;
  /** Addresses and numbers on the person's record, in the order given. */
  emails: string[];
  phones: string[];
  /** The enquiry is a social conversation that can be answered. */
  social: boolean;
}

export type ReplyRoute = { channel: ReplyChannel; recipient: string } | { refusal: { status: 409 | 422; code: string; reason: string } };

/** Channels where the person wrote to us in writing: answering there, or at the address or number they gave, is expected. */
const WRITTEN: readonly Channel[] = ['email', 'form', 'social'];

/**
 * The rule for where a reply goes. Without a choice: the channel the citizen used (their e-mail thread, their
 * social conversation), else what they gave (an e-mail address, then a mobile number). A phone, webchat or
 * internal enquiry — one where the person did not write to us — is answered by e-mail or text only when they gave
 * the address or number and agreed to be answered that way (`agreed`, which the advisor confirms). A channel the
 * person has no address for is refused, never guessed.
 */
export function replyChannelFor(reach: ReplyReach, requested: ReplyChannel | undefined, agreed: boolean): ReplyRoute {
  const email = reach.threadAddress ?? reach.emails[0];
  const phone = reach.phones[0];
  const options: Record<ReplyChannel, string | undefined> = {
    social: reach.social ? 'social' : undefined,
    email,
    sms: phone,
  };
  const channel: ReplyChannel | undefined =
    requested ??
    (reach.enquiryChannel === 'social' && reach.social ? 'social' : reach.enquiryChannel === 'email' && email ? 'email' : undefined) ??
    (email ? 'email' : phone ? 'sms' : undefined);
  if (!channel)
    return {
      refusal: {
        status: 409,
        code: 'NO_REPLY_CHANNEL',
        reason: 'The person gave no e-mail address or phone number to answer to: answer them by phone or record the advice instead',
      },
    };
  const recipient = options[channel];
  if (!recipient)
    return {
      refusal: {
        status: 422,
        code: 'REPLY_CHANNEL_UNAVAILABLE',
        reason:
          channel === 'social'
            ? 'channel social: this enquiry is not a social conversation that can be answered'
            : `channel ${channel}: the person gave no ${channel === 'email' ? 'e-mail address' : 'phone number'}`,
      },
    };
  if (channel !== 'social' && !WRITTEN.includes(reach.enquiryChannel) && !agreed)
    return {
      refusal: {
        status: 422,
        code: 'CONTACT_AGREEMENT_REQUIRED',
        reason: `contactAgreed: a ${reach.enquiryChannel} enquiry is answered by ${channel === 'email' ? 'e-mail' : 'text'} only when the person agreed to it; set contactAgreed to true once they have`,
      },
    };
  return { channel, recipient };
}
