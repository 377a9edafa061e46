import { CHANNELS, type Channel } from '../contracts/enquiry-vocabulary.js';
import type { WorkingTimeTarget } from './working-time.js';

/**
 * An organisation's service-level targets, as stored (`service_levels.targets`) and as the API shows them.
 *
 * - Per channel: first response and resolution. A first response of 0 means the contact itself is the first
 *   response (a call answered, a chat taken): it is met at intake.
 * - Per service (the enquiry's topic, a service code): first response and resolution overriding the channel's, and
 *   the acknowledgement a referral to that service is due within.
 * - Anything not set takes the default below.
 */
export interface ChannelTargets {
  firstResponse: WorkingTimeTarget;
  resolution: WorkingTimeTarget;
}

export interface ServiceTargets {
  service: string;
  firstResponse?: WorkingTimeTarget;
  resolution?: WorkingTimeTarget;
  acknowledgement?: WorkingTimeTarget;
}

/** What an organisation has set; every part optional. */
export interface StoredServiceLevels {
  channels?: Partial<Record<Channel, Partial<ChannelTargets>>>;
  services?: ServiceTargets[];
  referralAcknowledgement?: WorkingTimeTarget;
}

const workingDays = (amount: number): WorkingTimeTarget => ({ amount, unit: 'working_days' });
const workingHours = (amount: number): WorkingTimeTarget => ({ amount, unit: 'working_hours' });

/**
 * A council's usual targets when it has set none: written contact (e-mail, forms, social media, internal) answered
 * within 2 working days, phone calls and chats answered at contact (0), everything resolved within 10 working days;
 * a referral acknowledged by the service within 1 working day.
 */
export const DEFAULT_CHANNEL_TARGETS: Record<Channel, ChannelTargets> = {
  phone: { firstResponse: workingHours(0), resolution: workingDays(10) },
  email: { firstResponse: workingDays(2), resolution: workingDays(10) },
  webchat: { firstResponse: workingHours(0), resolution: workingDays(10) },
  social: { firstResponse: workingDays(2), resolution: workingDays(10) },
  form: { firstResponse: workingDays(2), resolution: workingDays(10) },
  internal: { firstResponse: workingDays(2), resolution: workingDays(10) },
};
export const DEFAULT_REFERRAL_ACKNOWLEDGEMENT: WorkingTimeTarget = workingDays(1);

/** Every channel's targets, the organisation's where set, else the defaults. */
export function channelTargets(stored: StoredServiceLevels): Record<Channel, ChannelTargets> {
  return Object.fromEntries(
    CHANNELS.map((channel) => [channel, { ...DEFAULT_CHANNEL_TARGETS[channel], ...(stored.channels?.[channel] ?? {}) }]),
  ) as Record<Channel, ChannelTargets>;
}

/** The targets an enquiry on this channel about this topic (a service code, or none) is held to. */
export function enquiryTargets(stored: StoredServiceLevels, channel: Channel, topic: string | null): ChannelTargets {
  const byChannel = channelTargets(stored)[channel];
  const code = topic?.trim().toLowerCase();
  const byService = code ? stored.services?.find((service) => service.service === code) : undefined;
  return {
    firstResponse: byService?.firstResponse ?? byChannel.firstResponse,
    resolution: byService?.resolution ?? byChannel.resolution,
  };
}

/** How long a service has to acknowledge a referral. */
export function acknowledgementTarget(stored: StoredServiceLevels, service: string): WorkingTimeTarget {
  return (
    stored.services?.find((entry) => entry.service === service)?.acknowledgement ??
    stored.referralAcknowledgement ??
    DEFAULT_REFERRAL_ACKNOWLEDGEMENT
  );
}
