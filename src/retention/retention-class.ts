import type { Channel } from '../contracts/enquiry-vocabulary.js';

/**
 * Record types with their own retention period (the schedule: retention-schedule.ts and each organisation’s changes).
 * From the Lancashire notice: call audio 2 years, call screen video 28 days, requests passed to a service
 * 12 months (the referral sent, and the whole enquiry when an advisor passed it on from a knowledge article's
 * guidance: `knowledge_follow_up`), webchat 2 years, online forms 2 years; LGSS: website contact forms deleted periodically.
 */
export const RETENTION_CLASSES = [
  'call_recording_audio',
  'call_recording_video',
  'phone_contact',
  'email_contact',
  'social_media_contact',
  'webchat',
  'online_form',
  'website_contact_form',
  'internal_enquiry',
  'referral',
  'subject_request',
  'knowledge_follow_up',
] as const;
export type RetentionClass = (typeof RETENTION_CLASSES)[number];

/** The retention class of an enquiry record, from the channel it came by and who made it. */
export function enquiryRetentionClass(channel: Channel, internal: boolean): RetentionClass {
  if (internal && channel === 'internal') return 'internal_enquiry';
  switch (channel) {
    case 'phone':
      return 'phone_contact';
    case 'email':
      return 'email_contact';
    case 'social':
      return 'social_media_contact';
    case 'webchat':
      return 'webchat';
    case 'form':
      return 'online_form';
    case 'internal':
      return 'internal_enquiry';
  }
}
