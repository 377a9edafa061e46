import { createHash } from 'node:crypto';
import { DataSubjectsService } from '../../data-subjects/data-subjects.service.js';
import { readEnquiry, enquiryByReference, findEnquiry, type Enquiry } from '../../enquiries/enquiry-reads.js';
import { appendTimelineEvent } from '../../enquiries/timeline.js';
import { Injectable, Logger } from '@nestjs/common';
import { convert as htmlToText } from 'html-to-text';
import { maskCardNumbers } from '../safety/card-numbers.js';
import { safetySignals, type SafetySignals } from '../safety/safety-signals.js';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { Settings } from '../../config/settings.js';
import { TenantDatabase } from '../../database/tenant-database.js';
import { emailKey } from '../../data-subjects/subject-keys.js';
import { EnquiryWorkflowService, type CitizenAnswer } from '../../enquiries/enquiry-workflow.service.js';
import { MailTransport } from '../../mail/mail-transport.js';
import { CitizenMessages } from '../../notify/citizen-messages.js';
import { ChannelIntakeService, type IngestResult } from '../channel-intake.service.js';
import { AcknowledgementAllowance } from './acknowledgement-allowance.js';
import { SafeguardingFlags, type SafeguardingAlert } from '../../safeguarding/safeguarding-flags.service.js';
import { safeguardingGuidance } from '../../safeguarding/safeguarding-guidance.js';
import { EmailAttachmentEntity } from './email-attachment.entity.js';
import { EmailMessageEntity } from './email-message.entity.js';
import { authenticationResults, failsAuthentication, findReplyToken, isReplyToken, replyToken } from './mail-authentication.js';
import { checkMimeLimits, MessageRefusedError, mimeLimitsFor } from './mime-limits.js';
import { readOrganisation } from '../../tenancy/organisation-reads.js';

const ACCEPTED_ATTACHMENTS = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/msword',
]);
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const MAX_TEXT = 20_000;

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) => group.value.map((entry) => entry.address ?? '')).filter(Boolean);

/**
 * Inbound e-mail, from the SMTP listener or the raw-MIME push: limits first, then mailparser; a reply carrying
 * the enquiry's token (or answering one of its messages from the same sender) threads into it, anything else
 * becomes a new enquiry and is acknowledged with its reference. A message failing SPF or DKIM is flagged and
 * never threaded.
 */
@Injectable()
export class EmailIngestService {
  private readonly logger = new Logger(EmailIngestService.name);

  constructor(
    private readonly channels: ChannelIntakeService,
    private readonly db: TenantDatabase,
    private readonly mail: MailTransport,
    private readonly messages: CitizenMessages,
    private readonly settings: Settings,
    private readonly audit: AuditService,
    private readonly allowance: AcknowledgementAllowance,
    private readonly safeguarding: SafeguardingFlags,
    private readonly subjects: DataSubjectsService,
    private readonly workflow: EnquiryWorkflowService,
  ) {}

  /** `maxBytes`: the route's size limit (the SMTP listener's is lower than the signed push's EMAIL_MAX_BYTES). */
  async ingest(organisationId: string, raw: Buffer, options: { maxBytes?: number } = {}): Promise<IngestResult> {
    checkMimeLimits(raw, mimeLimitsFor(options.maxBytes ?? this.settings.env.EMAIL_MAX_BYTES));
    let parsed: ParsedMail;
    try {
      parsed = await simpleParser(raw, {
        skipHtmlToText: false,
        skipImageLinks: true,
        skipTextLinks: true,
        maxHtmlLengthToParse: 2 * 1024 * 1024,
      });
    } catch {
      throw new MessageRefusedError('not a readable e-mail message', 400);
    }
    const sender = addresses(parsed.from)[0];
    if (!sender) throw new DomainError(422, 'NO_SENDER', 'The message has no From address');
    const messageId = parsed.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
    const authentication = authenticationResults(String(parsed.headers.get('authentication-results') ?? '') || undefined);
    const flagged = failsAuthentication(authentication);
    // HTML is reduced to text; nothing of its markup or scripts is kept.
    // A card number is removed before anything is stored.
    const text = maskCardNumbers(
      (
        parsed.text?.trim() ||
        (parsed.html
          ? htmlToText(parsed.html, {
              wordwrap: false,
              selectors: [
                { selector: 'img', format: 'skip' },
                { selector: 'a', options: { ignoreHref: true } },
              ],
            })
          : '')
      )
        .trim()
        .slice(0, MAX_TEXT),
    ).text;
    const subject = parsed.subject === undefined ? undefined : maskCardNumbers(parsed.subject.slice(0, 500)).text;
    const signals = safetySignals(`${subject ?? ''}\n${text}`);
    const message: StoredMessage = {
      messageId,
      sender,
      subject,
      text,
      authentication,
      flagged,
      signals,
      attachments: parsed.attachments ?? [],
      alerts: [],
    };

    const threaded = flagged ? undefined : await this.thread(organisationId, parsed, message);
    if (threaded) {
      for (const alert of message.alerts) this.safeguarding.announce(alert);
      this.workflow.announceAnswer(message.answer);
      return threaded;
    }

    const result = await this.channels.ingest(organisationId, 'email', {
      externalId: messageId,
      enquiry: async () => ({
        channel: 'email',
        requesterType: 'citizen',
        subject: { name: parsed.from?.value[0]?.name?.trim() || sender, email: sender },
        description: [subject, text].filter(Boolean).join('\n\n') || '(empty message)',
      }),
      after: (m, enquiry) => this.store(m, organisationId, enquiry.id, message),
    });
    for (const alert of message.alerts) this.safeguarding.announce(alert);
    if (result.created && !parsed.headers.get('auto-submitted') && !flagged)
      await this.acknowledge(organisationId, result, sender, signals);
    return result;
  }

  /** A reply to one of the organisation's enquiries, or undefined when it is not one that may be threaded. */
  private thread(organisationId: string, parsed: ParsedMail, message: StoredMessage): Promise<IngestResult | undefined> {
    return this.db.forTenant(organisationId, async (m) => {
      const duplicate = await m.findOne(EmailMessageEntity, { where: { messageId: message.messageId } });
      if (duplicate) {
        const enquiry = await readEnquiry(m, duplicate.enquiryId);
        return { created: false, enquiryId: enquiry.id, reference: enquiry.reference };
      }
      const enquiry = (await this.byReplyToken(m, parsed)) ?? (await this.byReferencesFromSameSender(m, parsed, message.sender));
      if (!enquiry) return undefined;
      await this.store(m, organisationId, enquiry.id, message);
      // The citizen answered on the same thread: a resolved enquiry reopens, and the advisor who answered is told.
      message.answer = await this.workflow.citizenAnswered(m, organisationId, enquiry.id, 'email');
      await this.audit.record(m, {
        organisationId,
        actor: { type: 'channel', id: null },
        action: 'email.thread',
        entityType: 'enquiry',
        entityId: enquiry.id,
        fields: ['email.text'],
      });
      return { created: true, enquiryId: enquiry.id, reference: enquiry.reference };
    });
  }

  private async byReplyToken(m: EntityManager, parsed: ParsedMail): Promise<Enquiry | undefined> {
    const found = findReplyToken([...addresses(parsed.to), ...addresses(parsed.cc)], parsed.subject);
    if (!found) return undefined;
    const enquiry = await enquiryByReference(m, found.reference);
    if (!enquiry) return undefined;
    return isReplyToken(this.settings.secretKey, enquiry.id, found.token) ? enquiry : undefined;
  }

  /** In-Reply-To / References alone attach a message only when it comes from the address the enquiry already has. */
  private async byReferencesFromSameSender(m: EntityManager, parsed: ParsedMail, sender: string): Promise<Enquiry | undefined> {
    const referenced = [
      parsed.inReplyTo,
      ...(Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : []),
    ]
      .filter((id): id is string => Boolean(id))
      .slice(0, 50);
    if (referenced.length === 0) return undefined;
    const earlier = await m.find(EmailMessageEntity, { where: { messageId: In(referenced) } });
    for (const candidate of earlier) {
      const enquiry = await findEnquiry(m, candidate.enquiryId);
      if (!enquiry) continue;
      const known = await this.subjects.hasIdentifier(m, enquiry.dataSubjectId, 'email', emailKey(sender));
      if (known) return enquiry;
    }
    return undefined;
  }

  private async store(m: EntityManager, organisationId: string, enquiryId: string, message: StoredMessage): Promise<void> {
    const stored = await m.save(
      m.create(EmailMessageEntity, {
        organisationId,
        enquiryId,
        messageId: message.messageId,
        direction: 'inbound',
        fromAddress: message.sender,
        subject: message.subject ?? null,
        authentication: message.authentication,
        flagged: message.flagged,
      }),
    );
    const refused: string[] = [];
    for (const attachment of message.attachments.slice(0, 20)) {
      const type = attachment.contentType.toLowerCase();
      if (!ACCEPTED_ATTACHMENTS.has(type) || attachment.size > MAX_ATTACHMENT_BYTES) {
        refused.push(type);
        continue;
      }
      await m.save(
        m.create(EmailAttachmentEntity, {
          organisationId,
          emailMessageId: stored.id,
          filename: (attachment.filename ?? 'attachment').slice(0, 200),
          contentType: type,
          size: attachment.size,
          content: attachment.content,
        }),
      );
    }
    await appendTimelineEvent(m, {
      organisationId,
      enquiryId,
      kind: 'email',
      authorType: 'citizen',
      authorId: null,
      body: message.text || null,
      metadata: {
        emailMessageId: stored.id,
        flagged: message.flagged,
        authentication: message.authentication,
        refusedAttachmentTypes: refused,
      },
    });
    // A supplier asking to be paid into a new account: flagged on the timeline for the advisor.
    if (message.signals.bankDetailsChange) {
      await appendTimelineEvent(m, {
        organisationId,
        enquiryId,
        kind: 'system',
        authorType: 'system',
        authorId: null,
        metadata: { event: 'safety_flag', kind: 'bank_details_change', emailMessageId: stored.id },
      });
    }
    // Words of danger: a safeguarding flag for the supervisors, announced once the message is stored.
    if (message.signals.danger) {
      message.alerts.push(
        await this.safeguarding.raise(m, {
          organisationId,
          enquiryId,
          channel: 'email',
          kinds: message.signals.dangerKinds,
          messageRef: { emailMessageId: stored.id },
        }),
      );
    }
  }

  /**
   * Tells the sender their reference; replying to it threads into the enquiry. Within the backscatter limits
   * only (per sender address and per organisation, each hour): beyond them the enquiry stands unacknowledged.
   */
  private async acknowledge(organisationId: string, result: IngestResult, to: string, signals: SafetySignals): Promise<void> {
    try {
      if ((await this.allowance.claim(organisationId, result.enquiryId, to)) !== 'granted') return;
      const organisation = await this.db.registry((m) => readOrganisation(m, organisationId));
      const token = replyToken(this.settings.secretKey, result.enquiryId);
      // Someone who wrote of danger is told where to turn at once, before anything else.
      const guidance = signals.danger ? safeguardingGuidance(signals.dangerKinds, await this.safeguarding.contacts(organisationId)) : '';
      if (CitizenMessages.uses(organisation, 'acknowledgement_email')) {
        // Through GOV.UK Notify: the template carries the words; replies keep the reference and token in the subject.
        await this.db.forTenant(organisationId, (m) =>
          this.messages.queue(m, {
            organisationId,
            enquiryId: result.enquiryId,
            kind: 'acknowledgement_email',
            recipient: to,
            personalisation: {
              reference: result.reference,
              organisation: organisation.name,
              reply_token: `[${result.reference}:${token}]`,
              safety_guidance: guidance,
            },
          }),
        );
        return;
      }
      const inbound = organisation.enquiriesEmail ?? `contact@${organisation.slug}.invalid`;
      const [local, domain] = inbound.split('@');
      await this.mail.send({
        to,
        from: `${organisation.name} <${inbound}>`,
        replyTo: `${local}+${result.reference}.${token}@${domain}`,
        subject: `Your enquiry ${result.reference} [${result.reference}:${token}]`,
        text: [
          ...(guidance ? [guidance, ''] : []),
          `Thank you for contacting ${organisation.name}.`,
          `Your reference is ${result.reference}. Reply to this message to add to your enquiry.`,
          '',
          `How we use your information: ask us for our privacy notice, or contact our Data Protection Officer at ${organisation.dpoEmail}.`,
        ].join('\n'),
        messageId: `<ack-${result.enquiryId}@signpost>`,
      });
    } catch (error) {
      this.logger.warn({ msg: 'acknowledgement not sent', enquiryId: result.enquiryId, errorCode: (error as NodeJS.ErrnoException).code });
    }
  }
}

interface StoredMessage {
  messageId: string;
  sender: string;
  subject: string | undefined;
  text: string;
  authentication: Record<string, string>;
  flagged: boolean;
  signals: SafetySignals;
  attachments: ParsedMail['attachments'];
  /** Safeguarding flags raised while storing it, announced once its transaction has committed. */
  alerts: SafeguardingAlert[];
  /** When it answered an earlier message of the enquiry: announced once its transaction has committed. */
  answer?: CitizenAnswer;
}
