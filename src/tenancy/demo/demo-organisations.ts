import type { LegalBasis } from '../../contracts/legal-basis.js';
import type { BusinessHours, Processor } from '../organisation-settings.js';

export interface DemoOrganisation {
  slug: string;
  name: string;
  kind: 'council' | 'customer';
  defaultLegalBasis: LegalBasis;
  postalAddress: string;
  /** Service codes from the catalogue; all of them when omitted. */
  services?: string[];
  processors: Processor[];
}

/** "Electronic solutions that help us manage the enquiries we receive" and the e-forms held in the EU (Lancashire notice). */
const LANCASHIRE_PROCESSORS: Processor[] = [
  { name: 'Storm', purpose: 'Telephony and contact-centre platform: calls, call recordings, queues', location: 'UK' },
  { name: 'Content Guru Ltd', purpose: 'Provider of the Storm contact-centre platform', location: 'UK' },
  {
    name: 'Granicus',
    purpose: 'Online forms (e-forms): every submission is stored on the Granicus platform',
    location: 'EU',
    safeguard: 'UK adequacy regulations for the EEA',
  },
];

/** The LGSS website's contact forms (LGSS notice). */
const LGSS_PROCESSORS: Processor[] = [
  {
    name: 'Formidable Forms',
    purpose: 'Website contact forms, kept in the website’s content management system and deleted periodically',
    location: 'UK',
  },
];

const PARTNER_SERVICES = [
  'adults-social-care',
  'blue-badge',
  'childrens-social-care',
  'highways',
  'libraries',
  'registration',
  'school-admissions',
  'school-transport',
];

/** Lancashire (all 17 services) and the three LGSS shared-service partners, each its own controller. */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    slug: 'lancashire',
    name: 'Lancashire County Council',
    kind: 'council',
    // UK GDPR 6(1)(f): "a legitimate interest in effectively responding to customer enquiries".
    defaultLegalBasis: 'legitimate_interests',
    postalAddress: 'PO Box 78, County Hall, Fishergate, Preston, Lancashire, PR1 8XJ',
    processors: LANCASHIRE_PROCESSORS,
  },
  {
    slug: 'cambridgeshire',
    name: 'Cambridgeshire County Council',
    kind: 'council',
    defaultLegalBasis: 'legitimate_interests',
    postalAddress: 'New Shire Hall, Alconbury Weald, Huntingdon, PE28 4YE',
    services: PARTNER_SERVICES,
    processors: LGSS_PROCESSORS,
  },
  {
    slug: 'milton-keynes',
    name: 'Milton Keynes Council',
    kind: 'council',
    defaultLegalBasis: 'legitimate_interests',
    postalAddress: 'Civic, 1 Saxon Gate East, Milton Keynes, MK9 3EJ',
    services: [...PARTNER_SERVICES, 'waste-helpline'],
    processors: LGSS_PROCESSORS,
  },
  {
    slug: 'northamptonshire',
    name: 'Northamptonshire County Council',
    kind: 'council',
    defaultLegalBasis: 'legitimate_interests',
    postalAddress: 'One Angel Square, Angel Street, Northampton, NN1 1ED',
    services: PARTNER_SERVICES,
    processors: LGSS_PROCESSORS,
  },
];

/** Demo organisations are open around the clock so that chat can be tried at any hour. */
export const ALWAYS_OPEN: BusinessHours = {
  timezone: 'Europe/London',
  weekly: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((day) => [day, ['00:00-24:00']])),
  bankHolidays: 'none',
};

export const DEMO_STAFF_ROLES = ['advisor', 'supervisor', 'dpo', 'admin'] as const;
export const DEMO_SOCIAL_APP_SECRET = 'signpost-demo-app-secret';
export const DEMO_SOCIAL_VERIFY_TOKEN = 'signpost-demo-verify-token';
export const DEMO_PRIVACY_NOTICE_VERSION = '1';

export function demoPrivacyNotice(organisation: DemoOrganisation): string {
  return [
    `${organisation.name} is the data controller for your enquiry. Its customer contact service is the first point of contact for many council services.`,
    'We use your details to answer your enquiry: we give you information and advice, or we log your details and pass them to the service that can help.',
    'We rely on our legitimate interest in responding to your enquiry (UK GDPR Article 6(1)(f)), or on your consent (Article 6(1)(a)). If you tell us about your health or other special category information, we ask for your explicit consent first (Article 9(2)(a)).',
    'We share only what a service needs: your name, date of birth or age, contact number, address, special requirements, the reason for referral and the actions already taken.',
    'We keep webchat and online form records for 2 years, call audio recordings for 2 years, screen recordings of calls for 28 days, and requests passed to a service for 12 months.',
    `You have the right to be informed, to withdraw consent, of access, to rectification, to erasure, to restrict processing, to data portability, to object, and about automated decision-making. Contact the Data Protection Officer at ${organisation.postalAddress}.`,
  ].join('\n\n');
}
