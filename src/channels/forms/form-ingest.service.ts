import { Injectable } from '@nestjs/common';
import { setRetentionClass } from '../../enquiries/enquiry-changes.js';
import { appendTimelineEvent } from '../../enquiries/timeline.js';
import { DomainError, RequestValidationError } from '../../common/errors/domain-error.js';
import type { SubjectInputDto } from '../../data-subjects/dto/subject.dto.js';
import { REQUESTER_TYPES, type RequesterType } from '../../contracts/enquiry-vocabulary.js';
import { ChannelIntakeService, type IngestResult } from '../channel-intake.service.js';
import type { FormSubmissionDto } from './dto/form-submission.dto.js';
import { FormMappingEntity, type FormFieldMapping } from './form-mapping.entity.js';
import { maskCardNumbers } from '../safety/card-numbers.js';
import { safetySignals } from '../safety/safety-signals.js';
import { SafeguardingFlags, type SafeguardingAlert } from '../../safeguarding/safeguarding-flags.service.js';

const MAX_ANSWERS = 200;
const MAX_ANSWER_LENGTH = 20_000;

/** Turns the answers of a submission into enquiry fields by the form's mapping, naming any missing answer. */
export function mapAnswers(
  mapping: FormFieldMapping,
  answers: Record<string, unknown>,
): { subject: SubjectInputDto; description: string; requesterType: RequesterType } {
  const problems: { field: string; problem: string }[] = [];
  if (Object.keys(answers).length > MAX_ANSWERS) problems.push({ field: 'answers', problem: `at most ${MAX_ANSWERS} answers` });
  const read = (target: keyof FormFieldMapping, required: boolean): string | undefined => {
    const key = mapping[target];
    if (!key) return undefined;
    const value = answers[key];
    if (value === undefined || value === null || value === '') {
      if (required) problems.push({ field: `answers.${key}`, problem: `answers.${key} is required by this form's mapping` });
      return undefined;
    }
    // A list answers with its items; an item or answer that is itself an object is not an answer (and String() of
    // an object can throw: {"toString": ""} has no usable conversion).
    const plain = (item: unknown) => item === null || typeof item !== 'object';
    const text = Array.isArray(value)
      ? value.every(plain)
        ? value.map((item) => String(item ?? '')).join(', ')
        : undefined
      : plain(value)
        ? String(value)
        : undefined;
    if (text === undefined) {
      problems.push({ field: `answers.${key}`, problem: `answers.${key} must be text, a number or a list of them` });
      return undefined;
    }
    if (text.length > MAX_ANSWER_LENGTH) problems.push({ field: `answers.${key}`, problem: `answers.${key} is too long` });
    const trimmed = text.trim();
    // An answer of only spaces, or an empty list, is no answer.
    if (!trimmed && required) problems.push({ field: `answers.${key}`, problem: `answers.${key} is required by this form's mapping` });
    return trimmed || undefined;
  };
  const subject: SubjectInputDto = {
    name: read('name', true) ?? '',
    dateOfBirth: read('dateOfBirth', false),
    phone: read('phone', false),
    email: read('email', false),
    address: read('address', false),
    postcode: read('postcode', false),
  };
  // A card number typed into a form's free text is removed before it is stored.
  const description = maskCardNumbers(read('description', true) ?? '').text;
  const requester = read('requesterType', false)?.toLowerCase() ?? 'citizen';
  if (!(REQUESTER_TYPES as readonly string[]).includes(requester))
    problems.push({ field: `answers.${mapping.requesterType}`, problem: `must be one of ${REQUESTER_TYPES.join(', ')}` });
  if (subject.dateOfBirth && !/^\d{4}-\d{2}-\d{2}$/.test(subject.dateOfBirth))
    problems.push({ field: `answers.${mapping.dateOfBirth}`, problem: 'must be a YYYY-MM-DD date' });
  if (subject.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(subject.email))
    problems.push({ field: `answers.${mapping.email}`, problem: 'must be an e-mail address' });
  if (problems.length > 0) throw new RequestValidationError(problems);
  for (const key of Object.keys(subject) as (keyof SubjectInputDto)[]) if (subject[key] === undefined) delete subject[key];
  return { subject, description, requesterType: requester as RequesterType };
}

/** Online-form submissions from the e-form platform (a processor holding data in the EU). */
@Injectable()
export class FormIngestService {
  constructor(
    private readonly channels: ChannelIntakeService,
    private readonly safeguarding: SafeguardingFlags,
  ) {}

  async ingest(organisationId: string, submission: FormSubmissionDto): Promise<IngestResult> {
    let mappingUsed: FormMappingEntity | undefined;
    let alert: SafeguardingAlert | undefined;
    let description = '';
    const result = await this.channels.ingest(organisationId, 'form', {
      externalId: `${submission.formId}:${submission.submissionId}`,
      enquiry: async (m) => {
        const mapping = await m.findOne(FormMappingEntity, { where: { formId: submission.formId } });
        if (!mapping) throw new DomainError(422, 'UNKNOWN_FORM', 'No field mapping is configured for this formId');
        mappingUsed = mapping;
        const mapped = mapAnswers(mapping.mapping, submission.answers);
        const { subject, requesterType } = mapped;
        description = mapped.description;
        return {
          channel: 'form',
          requesterType,
          subject,
          description: mapped.description,
          ...(mapping.topic ? { topic: mapping.topic } : {}),
        };
      },
      after: async (m, enquiry) => {
        if (!mappingUsed) return;
        if (mappingUsed.websiteContactForm) await setRetentionClass(m, enquiry.id, 'website_contact_form');
        await appendTimelineEvent(m, {
          organisationId,
          enquiryId: enquiry.id,
          kind: 'system',
          authorType: 'system',
          authorId: null,
          metadata: {
            event: 'form_submitted',
            formId: submission.formId,
            submittedAt: submission.submittedAt,
            processorLocation: mappingUsed.processorLocation,
          },
        });
        // Words of danger in the free text: a safeguarding flag for the supervisors (a form has no one reading it live).
        const signals = safetySignals(description);
        if (signals.danger)
          alert = await this.safeguarding.raise(m, {
            organisationId,
            enquiryId: enquiry.id,
            channel: 'form',
            kinds: signals.dangerKinds,
            messageRef: { formId: submission.formId },
          });
      },
    });
    this.safeguarding.announce(alert);
    return result;
  }
}
