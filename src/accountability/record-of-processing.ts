import { SHARED_FIELD_LABELS, type SharedField } from '../contracts/shared-fields.js';
import type { LegalBasis } from '../contracts/legal-basis.js';
import type { Processor } from '../tenancy/organisation-settings.js';

/** Everything the record is built from, as the organisation holds it today. */
export interface ProcessingFacts {
  organisation: {
    name: string;
    postalAddress: string | null;
    dpo: { name: string; email: string; postalAddress: string | null };
    defaultLegalBasis: LegalBasis;
  };
  services: { name: string; permittedFields: SharedField[]; receivesSpecialCategory: boolean; active: boolean; deliveryType: string }[];
  processors: Processor[];
  retention: { recordType: string; description: string; periodText: string; startsFromText: string; source: string }[];
  privacyNoticeVersion?: string;
}

export interface RecordOfProcessing {
  generatedAt: string;
  controller: { name: string; address: string | null; dataProtectionOfficer: { name: string; email: string; address: string | null } };
  purposes: { purpose: string; lawfulBasis: string }[];
  categoriesOfDataSubjects: string[];
  categoriesOfPersonalData: string[];
  recipients: { recipient: string; kind: 'service' | 'processor'; receives: string }[];
  transfers: { processor: string; location: string; purpose: string; safeguard: string }[];
  retention: { record: string; period: string; from: string; source: string }[];
  securityMeasures: string[];
  privacyNoticeVersion?: string;
}

const BASIS_TEXT: Record<LegalBasis, string> = {
  consent: 'UK GDPR Art. 6(1)(a) consent',
  contract: 'UK GDPR Art. 6(1)(b) contract',
  legal_obligation: 'UK GDPR Art. 6(1)(c) legal obligation',
  vital_interests: 'UK GDPR Art. 6(1)(d) vital interests',
  public_task: 'UK GDPR Art. 6(1)(e) public task',
  legitimate_interests: 'UK GDPR Art. 6(1)(f) legitimate interests: effectively responding to customer enquiries',
};

/** What the product itself does to protect the data: true of every deployment, whatever the organisation adds. */
export const SECURITY_MEASURES = [
  'Each organisation’s records are kept apart in the database by row-level security, enforced for the application’s own database role',
  'Staff sign in individually; every route and webchat event checks the member of staff’s role, and service users see only their own service’s referrals',
  'Services receive only the fields they are permitted (data minimisation decided in one place), and every disclosure is recorded',
  'Every read and change of personal data is written to a tamper-evident, hash-chained audit trail holding ids and field names, never values',
  'Machine-to-machine input (telephony, forms, e-mail, social media) is accepted only with a valid signature; referrals and notices to services are signed (Standard Webhooks)',
  'Passwords are stored as Argon2id hashes; service webhook secrets are encrypted at rest',
  'Personal data is kept out of logs, metric labels and error messages',
  'Records are erased on the retention schedule, except under a legal hold; erasure, rectification and restriction are notified to every service that received the data',
];

/**
 * The organisation's record of processing activities (UK GDPR Art. 30(1)) for its customer contact service, built
 * from what Signpost holds: the controller and DPO, the purposes and bases of the privacy notice, the people and
 * data concerned, the services and processors that receive data, transfers outside the UK, the retention schedule
 * in force and the security measures. Pure: the same facts give the same record.
 */
export function recordOfProcessing(facts: ProcessingFacts, generatedAt: Date): RecordOfProcessing {
  const { organisation } = facts;
  return {
    generatedAt: generatedAt.toISOString(),
    controller: {
      name: organisation.name,
      address: organisation.postalAddress,
      dataProtectionOfficer: { name: organisation.dpo.name, email: organisation.dpo.email, address: organisation.dpo.postalAddress },
    },
    purposes: [
      {
        purpose: `First point of contact for the organisation’s services (telephone, e-mail, webchat, social media and online forms): answering enquiries with information and advice`,
        lawfulBasis: `${BASIS_TEXT[organisation.defaultLegalBasis]} (the default); consent where the person gives it`,
      },
      {
        purpose: 'Logging enquiries and escalating them to the back-office service that owns them',
        lawfulBasis: BASIS_TEXT[organisation.defaultLegalBasis],
      },
      { purpose: 'Handling enquiries from employees, volunteers and contractors', lawfulBasis: BASIS_TEXT[organisation.defaultLegalBasis] },
      {
        purpose: 'Special category data given in an enquiry (health, disability and others), shared only where needed',
        lawfulBasis: 'UK GDPR Art. 9(2)(a) explicit consent',
      },
      { purpose: 'Call recording for quality and training', lawfulBasis: BASIS_TEXT[organisation.defaultLegalBasis] },
      {
        purpose: 'Answering data protection rights requests (access, rectification, erasure, restriction, portability, objection)',
        lawfulBasis: BASIS_TEXT.legal_obligation,
      },
    ],
    categoriesOfDataSubjects: [
      'Members of the public: customers and service users',
      'People acting for someone else (representatives, parents, attorneys)',
      'Employees, volunteers and contractors of the organisation who make internal enquiries',
    ],
    categoriesOfPersonalData: [
      'Identity and contact details: name, date of birth or age, address and postcode, telephone numbers, e-mail addresses, social media identifiers',
      'The enquiry: what the person asked, notes, advice given, the service it went to and why, actions already taken, special requirements',
      'Communications: chat transcripts, e-mails and attachments, social media messages, call logs and call recordings (audio and screen)',
      'Consent records: what was agreed, how, and against which version of the privacy notice',
      'Special category data (racial or ethnic origin, political opinions, religious or philosophical beliefs, trade union membership, genetic and biometric data, health, sex life or sexual orientation), only with explicit consent',
    ],
    recipients: [
      ...facts.services
        .filter((service) => service.active)
        .map((service) => ({
          recipient: service.name,
          kind: 'service' as const,
          receives: `${service.permittedFields.map((field) => SHARED_FIELD_LABELS[field]).join(', ')}${service.receivesSpecialCategory ? '; special category details where the person consented' : ''} (by ${service.deliveryType})`,
        })),
      ...facts.processors.map((processor) => ({
        recipient: processor.name,
        kind: 'processor' as const,
        receives: `As processor: ${processor.purpose} (held in ${processor.location})`,
      })),
    ],
    transfers: facts.processors
      .filter((processor) => !/^(uk|united kingdom|england|scotland|wales|northern ireland)$/i.test(processor.location.trim()))
      .map((processor) => ({
        processor: processor.name,
        location: processor.location,
        purpose: processor.purpose,
        safeguard: processor.safeguard ?? 'Not recorded: set it in the organisation’s processors',
      })),
    retention: facts.retention.map((rule) => ({
      record: rule.description,
      period: rule.periodText,
      from: rule.startsFromText,
      source: rule.source,
    })),
    securityMeasures: SECURITY_MEASURES,
    ...(facts.privacyNoticeVersion ? { privacyNoticeVersion: facts.privacyNoticeVersion } : {}),
  };
}

/** The record as rows (section, item, detail) for a spreadsheet. */
export function recordRows(record: RecordOfProcessing): { section: string; item: string; detail: string }[] {
  const dpo = record.controller.dataProtectionOfficer;
  return [
    { section: 'Controller', item: record.controller.name, detail: record.controller.address ?? '' },
    { section: 'Data Protection Officer', item: dpo.name, detail: [dpo.email, dpo.address].filter(Boolean).join('; ') },
    ...record.purposes.map((purpose) => ({ section: 'Purpose', item: purpose.purpose, detail: purpose.lawfulBasis })),
    ...record.categoriesOfDataSubjects.map((category) => ({ section: 'Categories of people', item: category, detail: '' })),
    ...record.categoriesOfPersonalData.map((category) => ({ section: 'Categories of personal data', item: category, detail: '' })),
    ...record.recipients.map((recipient) => ({
      section: recipient.kind === 'service' ? 'Recipient (service)' : 'Recipient (processor)',
      item: recipient.recipient,
      detail: recipient.receives,
    })),
    ...record.transfers.map((transfer) => ({
      section: 'Transfer outside the UK',
      item: `${transfer.processor} (${transfer.location})`,
      detail: `${transfer.purpose}; safeguard: ${transfer.safeguard}`,
    })),
    ...record.retention.map((rule) => ({
      section: 'Retention',
      item: rule.record,
      detail: `${rule.period} from ${rule.from} (${rule.source})`,
    })),
    ...record.securityMeasures.map((measure) => ({ section: 'Security measure', item: measure, detail: '' })),
  ];
}
