import type pg from 'pg';
import { addDays } from '../../common/calendar-date.js';
import { addressKey, emailKey, nameKey, phoneKey, postcodeKey } from '../../data-subjects/subject-keys.js';
import type { SharedField } from '../../contracts/shared-fields.js';
import { buildReferral } from '../../escalations/referral.js';
import { readClock } from '../../subject-rights/statutory-clock.js';
import { DEFAULT_REFERRAL_ACKNOWLEDGEMENT } from '../../service-levels/service-level-targets.js';
import { atRiskAt, dueAt } from '../../service-levels/working-time.js';
import { ALWAYS_OPEN, DEMO_PRIVACY_NOTICE_VERSION } from './demo-organisations.js';
import {
  CHAT_GREETING,
  CHAT_THANKS,
  EMAIL_THANKS,
  FIRST_NAMES,
  SAFEGUARDING_STORIES,
  SERVICE_STORIES,
  SIGNPOSTING_STORIES,
  STREETS,
  SURNAMES,
  TOWNS,
  type ServiceStory,
} from './demo-stories.js';

/**
 * 90 days of made-up contact for a demo organisation, so that a new user's inbox, reports and DPO view are not
 * empty. `planDemoHistory` is pure and deterministic (a PRNG seeded by the organisation's slug; dates counted
 * back from `today`, a UK date); `insertDemoHistory` writes the plan with one statement per table and batch.
 * No audit entries are written for the history: the audit trail records what people did, and nobody did this.
 */

export const DEMO_HISTORY_DAYS = 90;

export interface DemoHistoryContext {
  organisationId: string;
  slug: string;
  defaultLegalBasis: string;
  services: { id: string; code: string; name: string; permittedFields: SharedField[]; statutory: boolean; userId: string }[];
  staff: { advisor: string; supervisor: string; dpo: string };
  signposting: string[];
  /** Where the organisation's e-forms are held (its forms processor), for the form_submitted event. */
  formsProcessorLocation: string;
  /** Today's UK date (YYYY-MM-DD) and the instant of seeding: nothing is dated after it. */
  today: string;
  now: Date;
}

type Row = Record<string, unknown>;

/** The rows to insert, by table, in an order that satisfies the foreign keys. */
export interface DemoHistoryPlan {
  data_subjects: Row[];
  data_subject_identifiers: Row[];
  enquiries: Row[];
  consent_records: Row[];
  enquiry_events: Row[];
  call_logs: Row[];
  chats: Row[];
  chat_messages: Row[];
  email_messages: Row[];
  social_conversations: Row[];
  social_messages: Row[];
  escalations: Row[];
  disclosures: Row[];
  safeguarding_flags: Row[];
  subject_requests: Row[];
}

const TABLE_ORDER: (keyof DemoHistoryPlan)[] = [
  'data_subjects',
  'data_subject_identifiers',
  'enquiries',
  'consent_records',
  'enquiry_events',
  'call_logs',
  'chats',
  'chat_messages',
  'email_messages',
  'social_conversations',
  'social_messages',
  'escalations',
  'disclosures',
  'safeguarding_flags',
  'subject_requests',
];

/** mulberry32: small, fast and good enough for made-up data; the same seed gives the same story. */
export function seededRandom(seed: string): () => number {
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 16777619);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The instant a UK wall-clock time on a UK date falls at (Europe/London, summer time included). The offset is
 * read at noon and kept per date: the clocks change in the small hours, when the demo has no contact.
 */
export function londonInstant(date: string, minutesOfDay: number): Date {
  const [year, month, day] = date.split('-').map(Number);
  let offset = offsets.get(date);
  if (offset === undefined) offsets.set(date, (offset = londonOffsetMinutes(new Date(Date.UTC(year, month - 1, day, 12)))));
  return new Date(Date.UTC(year, month - 1, day, 0, minutesOfDay) - offset * 60_000);
}

const offsets = new Map<string, number>();

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
});

function londonOffsetMinutes(instant: Date): number {
  const parts = LONDON.formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return Math.round((wall - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

const CHANNEL_WEIGHTS: [Channel, number][] = [
  ['phone', 40],
  ['email', 20],
  ['webchat', 18],
  ['form', 12],
  ['social', 10],
];
type Channel = 'phone' | 'email' | 'webchat' | 'form' | 'social';
const RETENTION: Record<Channel, string> = {
  phone: 'phone_contact',
  email: 'email_contact',
  webchat: 'webchat',
  form: 'online_form',
  social: 'social_media_contact',
};

interface Person {
  id: string;
  name: string;
  phone: string;
  email: string;
  address: string;
  postcode: string;
  dateOfBirth: string | null;
  used: boolean;
}

/** Plans the history of one organisation. */
export function planDemoHistory(ctx: DemoHistoryContext): DemoHistoryPlan {
  const random = seededRandom(`signpost-demo-history:${ctx.slug}`);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const chance = (p: number) => random() < p;
  const hex8 = () =>
    Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  const token = (length: number) => {
    let text = '';
    while (text.length < length) text += hex8();
    return text.slice(0, length);
  };
  // Version-4 shaped ids from the same stream, so that a plan is the same every time for the same organisation.
  const uuid = () => {
    const text = token(32);
    return `${text.slice(0, 8)}-${text.slice(8, 12)}-4${text.slice(13, 16)}-${'89ab'[Math.floor(random() * 4)]}${text.slice(17, 20)}-${text.slice(20)}`;
  };
  const referenceAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const references = new Set<string>();
  const reference = () => {
    for (;;) {
      const text = Array.from({ length: 8 }, () => pick(referenceAlphabet.split(''))).join('');
      const value = `${text.slice(0, 4)}-${text.slice(4)}`;
      if (!references.has(value)) return (references.add(value), value);
    }
  };
  const nowMs = ctx.now.getTime();
  const notAfterNow = (instant: Date) => (instant.getTime() > nowMs ? new Date(nowMs) : instant);
  const later = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * 60_000);
  const iso = (instant: Date) => instant.toISOString();

  const plan: DemoHistoryPlan = Object.fromEntries(TABLE_ORDER.map((table) => [table, []])) as unknown as DemoHistoryPlan;

  // People: a fixed pool, some of whom get in touch more than once.
  const towns = TOWNS[ctx.slug] ?? [{ town: 'Anytown', district: 'ZZ9' }];
  const people: Person[] = [];
  const poolSize = ctx.slug === 'lancashire' ? 220 : 120;
  for (let i = 0; i < poolSize; i += 1) {
    const first = FIRST_NAMES[i % FIRST_NAMES.length];
    const last = SURNAMES[(i * 7 + Math.floor(i / FIRST_NAMES.length)) % SURNAMES.length];
    const place = pick(towns);
    const number = String((i * 37 + 11) % 1000).padStart(3, '0');
    people.push({
      id: uuid(),
      name: `${first} ${last}`,
      phone: i % 3 === 2 ? `01632 960${number}` : `07700 900${number}`,
      email: `${first}.${last}${i >= FIRST_NAMES.length ? i : ''}@example.org`.toLowerCase(),
      address: `${between(1, 120)} ${pick(STREETS)}, ${place.town}`,
      postcode: `${place.district} ${between(1, 9)}${pick('ABDEFGHJLNPQRSTUWXYZ'.split(''))}${pick('ABDEFGHJLNPQRSTUWXYZ'.split(''))}`,
      dateOfBirth: chance(0.7)
        ? `${between(1938, 2005)}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`
        : null,
      used: false,
    });
  }
  // A skewed pick: the first few people call often, most only once or twice.
  const personFor = () => people[Math.floor(people.length * random() ** 1.6)];

  const storyServices = ctx.services.filter((service) => SERVICE_STORIES[service.code]);
  const signposting = ctx.signposting.filter((code) => SIGNPOSTING_STORIES[code]);
  const perWeekday = ctx.slug === 'lancashire' ? 9 : 5;

  const nowMinutes = Math.floor((nowMs - londonInstant(ctx.today, 0).getTime()) / 60_000);
  let callNumber = 0;

  interface Planned {
    enquiry: Row;
    person: Person;
    channel: Channel;
    createdAt: Date;
    events: Row[];
    chatId?: string;
  }
  const planned: Planned[] = [];
  const transcripts = new Map<string, Row>();
  const event = (p: Planned, at: Date, kind: string, authorType: string, authorId: string | null, body: string | null, metadata: Row) =>
    p.events.push({
      id: uuid(),
      organisation_id: ctx.organisationId,
      enquiry_id: p.enquiry.id,
      kind,
      author_type: authorType,
      author_id: authorId,
      body,
      metadata,
      created_at: iso(at),
    });

  for (let daysAgo = DEMO_HISTORY_DAYS - 1; daysAgo >= 0; daysAgo -= 1) {
    const date = addDays(ctx.today, -daysAgo);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const count = weekend ? between(1, 3) : between(perWeekday - 3, perWeekday + 3);
    for (let n = 0; n < count; n += 1) {
      // Office hours on weekdays (8:00 to 18:30), a little later on weekends; today's contact is all before now.
      let minutes = weekend ? between(9 * 60, 16 * 60) : between(8 * 60, 18 * 60 + 30);
      if (daysAgo === 0) {
        if (nowMinutes < 10) continue;
        minutes = Math.min(minutes, between(Math.max(0, nowMinutes - 300), nowMinutes - 5));
      }
      const createdAt = londonInstant(date, minutes);
      const channel = weightedChannel(random());
      const person = personFor();
      const signposted = signposting.length > 0 && chance(0.17);
      const service = pick(storyServices);
      const story = signposted ? undefined : pick(SERVICE_STORIES[service.code]);
      const signpost = signposted ? pick(signposting) : undefined;
      const words = story ?? SIGNPOSTING_STORIES[signpost!];
      const legalBasis = !signposted && service.statutory ? 'public_task' : ctx.defaultLegalBasis;
      const special = Boolean(story?.specialRequirements) && chance(0.5);
      const enquiry: Row = {
        id: uuid(),
        organisation_id: ctx.organisationId,
        reference: reference(),
        channel,
        requester_type: 'citizen',
        data_subject_id: person.id,
        topic: signposted ? null : service.code,
        description: words.description,
        status: 'new',
        assignee_id: null,
        legal_basis: legalBasis,
        special_category: special,
        special_categories: special ? ['health'] : [],
        special_category_details: special ? story!.specialRequirements! : null,
        retention_class: RETENTION[channel],
        resolution_advice: null,
        created_by: channel === 'phone' ? ctx.staff.advisor : null,
        created_at: iso(createdAt),
        updated_at: iso(createdAt),
        resolved_at: null,
        escalated_at: null,
        closed_at: null,
        signposted_to: null,
        outcome_code: null,
        outcome_at: null,
        outcome_by: null,
      };
      const p: Planned = { enquiry, person, channel, createdAt, events: [] };
      planned.push(p);
      event(p, createdAt, 'system', channel === 'phone' ? 'staff' : 'system', enquiry.created_by as string | null, null, {
        event: 'created',
        channel,
        legalBasis,
        linkedToExistingSubject: person.used,
      });
      person.used = true;
      if (special) {
        plan.consent_records.push({
          id: uuid(),
          organisation_id: ctx.organisationId,
          enquiry_id: enquiry.id,
          data_subject_id: person.id,
          purpose: 'special_category',
          special_categories: ['health'],
          method: channel === 'phone' ? 'verbal' : 'electronic',
          privacy_notice_version: DEMO_PRIVACY_NOTICE_VERSION,
          given_at: iso(createdAt),
          recorded_by: ctx.staff.advisor,
        });
      }

      // How far it got: today's and some of the last three days' contact is still open.
      const open = daysAgo === 0 ? true : daysAgo <= 3 ? chance(0.3) : false;
      const escalate = !open && !signposted && chance(0.33);
      const handledAt = notAfterNow(later(createdAt, channel === 'phone' || channel === 'webchat' ? between(4, 20) : between(45, 26 * 60)));
      // Calls and chats are taken by an advisor as they come; some of today's written contact waits in the queue.
      const assigned = channel === 'phone' || channel === 'webchat' || !(daysAgo === 0 && chance(0.5));
      if (assigned) {
        enquiry.assignee_id = ctx.staff.advisor;
        enquiry.status = 'in_progress';
        // A chat is assigned by being accepted (chat_accepted below); a call by the advisor who took it.
        const by = channel === 'phone' ? ctx.staff.advisor : ctx.staff.supervisor;
        if (channel !== 'webchat')
          event(p, later(createdAt, 1), 'system', 'staff', by, null, {
            event: 'assigned',
            assigneeId: ctx.staff.advisor,
            from: 'new',
            to: 'in_progress',
          });
      }
      channelContact(p, words.subject, words.description, open || escalate ? null : words.advice, handledAt);

      if (open) continue;
      enquiry.updated_at = iso(handledAt);
      if (signposted) {
        Object.assign(enquiry, {
          status: 'resolved',
          resolved_at: iso(handledAt),
          resolution_advice: words.advice,
          signposted_to: signpost,
          ...wrapUp('signposted', handledAt),
        });
        event(p, handledAt, 'advice', 'staff', ctx.staff.advisor, words.advice, {
          from: 'in_progress',
          to: 'resolved',
          signpostedTo: signpost,
          outcome: 'signposted',
        });
      } else if (!escalate) {
        // The default wrap-up outcomes (src/wrap-up): by what the advice says it did.
        const outcome = /no further action/i.test(words.advice)
          ? 'no_further_action'
          : /\bsent\b|application/i.test(words.advice)
            ? 'form_sent'
            : 'information_given';
        Object.assign(enquiry, {
          status: 'resolved',
          resolved_at: iso(handledAt),
          resolution_advice: words.advice,
          ...wrapUp(outcome, handledAt),
        });
        event(p, handledAt, 'advice', 'staff', ctx.staff.advisor, words.advice, { from: 'in_progress', to: 'resolved', outcome });
      } else {
        escalation(p, service, story!, handledAt, daysAgo);
      }
      // Resolved more than a month ago: most have been closed since.
      if (enquiry.status === 'resolved' && daysAgo > 30 && chance(0.6)) {
        const closedAt = later(handledAt, 7 * 24 * 60);
        Object.assign(enquiry, { status: 'closed', closed_at: iso(closedAt), updated_at: iso(closedAt) });
        event(p, closedAt, 'system', 'staff', ctx.staff.supervisor, null, { from: 'resolved', to: 'closed' });
      }
    }
  }

  /** A wrap-up outcome recorded by the advisor at `at`. */
  function wrapUp(code: string, at: Date): Row {
    return { outcome_code: code, outcome_at: iso(at), outcome_by: ctx.staff.advisor };
  }

  /** The contact itself as its channel records it, with the reply sent on that channel (none while open or referred). */
  function channelContact(p: Planned, subject: string, description: string, reply: string | null, handledAt: Date): void {
    const { enquiry, person, createdAt } = p;
    switch (p.channel) {
      case 'phone': {
        callNumber += 1;
        const startedAt = later(createdAt, -between(1, 3));
        const endedAt = later(startedAt, between(3, 14));
        const callId = `demo-${ctx.slug}-${String(callNumber).padStart(5, '0')}`;
        plan.call_logs.push({
          id: uuid(),
          organisation_id: ctx.organisationId,
          call_id: callId,
          enquiry_id: enquiry.id,
          direction: 'inbound',
          caller_number: person.phone,
          queue: 'General enquiries',
          agent: 'advisor',
          disposition: 'answered',
          started_at: iso(startedAt),
          ended_at: iso(notAfterNow(endedAt)),
          created_at: iso(notAfterNow(endedAt)),
        });
        event(p, notAfterNow(endedAt), 'system', 'system', null, null, {
          event: 'call_logged',
          callId,
          direction: 'inbound',
          durationSeconds: Math.round((notAfterNow(endedAt).getTime() - startedAt.getTime()) / 1000),
          recordings: [],
        });
        event(p, later(createdAt, 1), 'call_note', 'staff', ctx.staff.advisor, `Caller says: ${description}`, {});
        return;
      }
      case 'webchat': {
        const chatId = uuid();
        const assignedAt = new Date(createdAt.getTime() + between(15, 240) * 1000);
        const lines: [string, string][] = [
          ['citizen', description],
          ['advisor', CHAT_GREETING],
          ['citizen', `It is about ${subject.toLowerCase()}.`],
          ['advisor', reply ?? 'I will pass this to the team who can help; they will be in touch with you.'],
          ['citizen', pick(CHAT_THANKS)],
        ];
        const endedAt = notAfterNow(later(assignedAt, between(4, 12)));
        lines.forEach(([sender, text], index) => {
          plan.chat_messages.push({
            id: uuid(),
            organisation_id: ctx.organisationId,
            chat_id: chatId,
            seq: index + 1,
            sender,
            author_id: sender === 'advisor' ? ctx.staff.advisor : null,
            text,
            sent_at: iso(new Date(Math.min(assignedAt.getTime() + index * 50_000, endedAt.getTime()))),
          });
        });
        plan.chats.push({
          id: chatId,
          organisation_id: ctx.organisationId,
          enquiry_id: enquiry.id,
          status: 'ended',
          advisor_id: ctx.staff.advisor,
          resume_token_hash: token(64),
          last_seq: lines.length,
          queued_at: iso(createdAt),
          assigned_at: iso(assignedAt),
          ended_at: iso(endedAt),
        });
        p.chatId = chatId;
        event(p, assignedAt, 'system', 'staff', ctx.staff.advisor, null, { event: 'chat_accepted', chatId });
        // As the chat service ends a chat: the transcript goes on the timeline (written once safeguarding has its words).
        event(p, endedAt, 'message', 'system', null, null, { event: 'chat_ended', chatId, endedBy: 'advisor', messages: lines.length });
        transcripts.set(chatId, p.events[p.events.length - 1]);
        return;
      }
      case 'email': {
        const inboundId = uuid();
        plan.email_messages.push({
          id: inboundId,
          organisation_id: ctx.organisationId,
          enquiry_id: enquiry.id,
          message_id: `<${token(24)}@example.org>`,
          direction: 'inbound',
          from_address: person.email,
          subject,
          authentication: { spf: 'pass', dkim: 'pass', dmarc: 'pass' },
          flagged: false,
          created_at: iso(createdAt),
        });
        event(p, createdAt, 'email', 'citizen', null, `Hello,\n\n${description}\n\n${person.name}`, {
          emailMessageId: inboundId,
          flagged: false,
          authentication: { spf: 'pass', dkim: 'pass', dmarc: 'pass' },
          refusedAttachmentTypes: [],
        });
        if (reply && handledAt.getTime() < nowMs) {
          const replyId = uuid();
          plan.email_messages.push({
            id: replyId,
            organisation_id: ctx.organisationId,
            enquiry_id: enquiry.id,
            message_id: `<${token(24)}@${ctx.slug}.demo>`,
            direction: 'outbound',
            from_address: `contact@${ctx.slug}.demo`,
            subject: `Re: ${subject}`,
            authentication: {},
            flagged: false,
            created_at: iso(handledAt),
          });
          event(p, handledAt, 'email', 'staff', ctx.staff.advisor, `Dear ${person.name},\n\n${reply}\n\nContact Centre`, {
            emailMessageId: replyId,
            direction: 'outbound',
          });
          const thanksAt = later(handledAt, between(30, 600));
          if (chance(0.35) && thanksAt.getTime() < nowMs) {
            const thanksId = uuid();
            plan.email_messages.push({
              id: thanksId,
              organisation_id: ctx.organisationId,
              enquiry_id: enquiry.id,
              message_id: `<${token(24)}@example.org>`,
              direction: 'inbound',
              from_address: person.email,
              subject: `Re: ${subject}`,
              authentication: { spf: 'pass', dkim: 'pass', dmarc: 'pass' },
              flagged: false,
              created_at: iso(thanksAt),
            });
            event(p, thanksAt, 'email', 'citizen', null, EMAIL_THANKS, {
              emailMessageId: thanksId,
              flagged: false,
              authentication: { spf: 'pass', dkim: 'pass', dmarc: 'pass' },
              refusedAttachmentTypes: [],
            });
          }
        }
        return;
      }
      case 'social': {
        const platformUser = `demo-${token(12)}`;
        plan.social_conversations.push({
          id: uuid(),
          organisation_id: ctx.organisationId,
          conversation_key: `dm:demo-page:${platformUser}`,
          platform_user_id: platformUser,
          enquiry_id: enquiry.id,
          created_at: iso(createdAt),
        });
        plan.social_messages.push({
          id: uuid(),
          organisation_id: ctx.organisationId,
          platform_message_id: `m_${token(20)}`,
          enquiry_id: enquiry.id,
          direction: 'inbound',
          created_at: iso(createdAt),
        });
        event(p, createdAt, 'message', 'citizen', null, description, { channel: 'social', kind: 'direct_message', mediaUrls: [] });
        if (reply && handledAt.getTime() < nowMs) {
          plan.social_messages.push({
            id: uuid(),
            organisation_id: ctx.organisationId,
            platform_message_id: `m_${token(20)}`,
            enquiry_id: enquiry.id,
            direction: 'outbound',
            created_at: iso(handledAt),
          });
          event(p, handledAt, 'message', 'staff', ctx.staff.advisor, reply, { channel: 'social', direction: 'outbound' });
        }
        return;
      }
      case 'form': {
        event(p, createdAt, 'system', 'system', null, null, {
          event: 'form_submitted',
          formId: 'report-a-problem',
          submittedAt: iso(later(createdAt, -1)),
          processorLocation: ctx.formsProcessorLocation,
        });
        return;
      }
    }
  }

  /** A referral to the service, its disclosure record, and how far the service has got with it. */
  function escalation(p: Planned, service: DemoHistoryContext['services'][number], story: ServiceStory, at: Date, daysAgo: number): void {
    const { enquiry, person } = p;
    const escalationId = uuid();
    const input = {
      reasonForReferral: story.reasonForReferral,
      actionsAlreadyTaken: story.actionsAlreadyTaken,
      ...(enquiry.special_category && story.specialRequirements ? { specialRequirements: story.specialRequirements } : {}),
    };
    const permitted = enquiry.special_category
      ? service.permittedFields
      : service.permittedFields.filter((field) => field !== 'specialRequirements');
    const fields = buildReferral(
      { name: person.name, dateOfBirth: person.dateOfBirth, phones: [person.phone], address: person.address, postcode: person.postcode },
      permitted,
      input,
    );
    const sharedFields = Object.keys(fields);
    // Older referrals are further along: most acknowledged, many closed.
    const roll = random();
    const stage =
      daysAgo >= 10
        ? roll < 0.55
          ? 'closed'
          : roll < 0.9
            ? 'acknowledged'
            : 'sent'
        : daysAgo >= 2
          ? roll < 0.2
            ? 'closed'
            : roll < 0.7
              ? 'acknowledged'
              : 'sent'
          : 'sent';
    const acknowledgedAt = stage === 'sent' ? null : notAfterNow(later(at, between(60, Math.min(3, daysAgo) * 24 * 60)));
    const closedAt = stage === 'closed' ? notAfterNow(later(acknowledgedAt!, between(60, Math.max(1, daysAgo - 2) * 24 * 60 - 60))) : null;
    const last = closedAt ?? acknowledgedAt ?? at;
    // The acknowledgement target a referral gets when it is made: the default, in the demo's (always open) hours.
    const acknowledgementDue = dueAt(ALWAYS_OPEN, at, DEFAULT_REFERRAL_ACKNOWLEDGEMENT);
    Object.assign(enquiry, { status: 'escalated', escalated_at: iso(at), updated_at: iso(at), ...wrapUp('referred', at) });
    plan.escalations.push({
      id: escalationId,
      organisation_id: ctx.organisationId,
      enquiry_id: enquiry.id,
      service_id: service.id,
      message_id: `msg_demo_${token(24)}`,
      fields,
      shared_fields: sharedFields,
      legal_basis: enquiry.legal_basis,
      status: stage,
      delivery_type: 'portal',
      delivery_status: 'available',
      acknowledged_at: acknowledgedAt && iso(acknowledgedAt),
      acknowledgement_due_at: iso(acknowledgementDue),
      acknowledgement_at_risk_at: iso(atRiskAt(ALWAYS_OPEN, at, acknowledgementDue)),
      closed_at: closedAt && iso(closedAt),
      outcome: closedAt ? story.outcome : null,
      created_by: ctx.staff.advisor,
      created_at: iso(at),
      updated_at: iso(last),
    });
    plan.disclosures.push({
      id: uuid(),
      organisation_id: ctx.organisationId,
      escalation_id: escalationId,
      enquiry_id: enquiry.id,
      data_subject_id: person.id,
      recipient_service_id: service.id,
      recipient_name: service.name,
      fields: sharedFields,
      legal_basis: enquiry.legal_basis,
      disclosed_by: ctx.staff.advisor,
      disclosed_at: iso(at),
      delivery_status: 'available',
    });
    event(p, at, 'system', 'staff', ctx.staff.advisor, null, {
      event: 'escalated',
      escalationId,
      service: service.code,
      sharedFields,
      from: 'in_progress',
      to: 'escalated',
      outcome: 'referred',
    });
    if (acknowledgedAt)
      event(p, acknowledgedAt, 'system', 'service', service.userId, null, {
        event: 'escalation_acknowledged',
        from: 'sent',
        to: 'acknowledged',
        escalationId,
      });
    if (closedAt)
      event(p, closedAt, 'note', 'service', service.userId, story.outcome, {
        event: 'escalation_closed',
        from: 'acknowledged',
        to: 'closed',
        escalationId,
      });
  }

  // Safeguarding: words of danger in a few chats and social messages; past flags reviewed, the newest still open.
  const flaggable = planned.filter(
    (p) => (p.channel === 'webchat' || p.channel === 'social') && p.enquiry.status !== 'escalated' && p.enquiry.signposted_to === null,
  );
  const handledFlaggable = flaggable.filter((p) => p.enquiry.status === 'resolved' || p.enquiry.status === 'closed');
  const openFlaggable = flaggable.filter((p) => p.enquiry.status === 'in_progress');
  const reviewedCount = Math.min(ctx.slug === 'lancashire' ? 4 : 2, handledFlaggable.length);
  const flagged = [
    ...Array.from({ length: reviewedCount }, (_, i) => handledFlaggable[Math.floor(((i + 0.5) / reviewedCount) * handledFlaggable.length)]),
    ...(openFlaggable.length > 0 ? [openFlaggable[openFlaggable.length - 1]] : []),
  ];
  flagged.forEach((p, i) => {
    const openFlag = p.enquiry.status === 'in_progress';
    const story = SAFEGUARDING_STORIES[i % SAFEGUARDING_STORIES.length];
    Object.assign(p.enquiry, { description: story.message, topic: null });
    if (p.enquiry.resolution_advice) p.enquiry.resolution_advice = story.advice;
    for (const e of p.events) {
      if (e.author_type === 'citizen' && e.kind === 'message') e.body = story.message;
      if (e.kind === 'advice' || (e.author_type === 'staff' && e.kind === 'message')) e.body = story.advice;
    }
    for (const message of plan.chat_messages.filter((m) => m.chat_id === p.chatId)) {
      if (message.seq === 1) message.text = story.message;
      if (message.seq === 3) message.text = 'Please, I do not know who else to ask.';
      if (message.seq === 4)
        message.text = openFlag
          ? 'Thank you for telling us. If anyone is in danger now, call 999. I am getting help for you.'
          : story.advice;
    }
    const flagId = uuid();
    const raisedAt = p.createdAt;
    const reviewedAt = openFlag ? null : notAfterNow(later(raisedAt, between(10, 50)));
    plan.safeguarding_flags.push({
      id: flagId,
      organisation_id: ctx.organisationId,
      enquiry_id: p.enquiry.id,
      chat_id: p.chatId ?? null,
      channel: p.channel,
      kinds: [story.kind],
      status: openFlag ? 'open' : story.decision,
      raised_at: iso(raisedAt),
      reviewed_by: openFlag ? null : ctx.staff.supervisor,
      reviewed_at: reviewedAt && iso(reviewedAt),
      review_note: openFlag ? null : story.note,
    });
    event(p, raisedAt, 'system', 'system', null, null, {
      event: 'safety_flag',
      kind: 'danger',
      kinds: [story.kind],
      flagId,
      ...(p.chatId ? { chatId: p.chatId } : {}),
    });
    if (reviewedAt)
      event(p, reviewedAt, 'system', 'staff', ctx.staff.supervisor, null, {
        event: 'safety_flag_reviewed',
        flagId,
        decision: story.decision,
      });
  });

  const byChat = new Map<unknown, Row[]>();
  for (const message of plan.chat_messages) byChat.set(message.chat_id, [...(byChat.get(message.chat_id) ?? []), message]);
  for (const [chatId, ended] of transcripts) {
    ended.body = (byChat.get(chatId) ?? [])
      .map((message) => `[${String(message.sent_at)}] ${String(message.sender)}: ${String(message.text)}`)
      .join('\n');
  }

  // Subject-rights requests at every stage, one of them overdue.
  const requesters = people.filter((person) => person.used).slice(0, 6);
  const subjectRequest = (person: Person, type: string, status: string, received: number, extra: Row = {}) => {
    const receivedOn = addDays(ctx.today, -received);
    const identityReceivedOn = (extra.identity_received_on as string | undefined) ?? null;
    const pauses = (extra.pauses as { from: string; to?: string | null; reason: string }[] | undefined) ?? [];
    const clock = readClock({ receivedOn, identityReceivedOn, pauses, nation: 'england-and-wales' }, ctx.today);
    const receivedAt = iso(londonInstant(receivedOn, 10 * 60));
    plan.subject_requests.push({
      id: uuid(),
      organisation_id: ctx.organisationId,
      type,
      status,
      channel: 'email',
      subject: { name: person.name, email: person.email },
      representative: null,
      received_on: receivedOn,
      identity_evidence: identityReceivedOn ? 'passport' : null,
      identity_received_on: identityReceivedOn,
      authority_evidence: null,
      authority_received_on: null,
      pauses,
      due_on: clock.dueOn,
      clock_history: [
        { at: receivedAt, event: 'received', dueOn: readClock({ receivedOn, nation: 'england-and-wales' }).dueOn },
        ...(identityReceivedOn
          ? [
              {
                at: iso(londonInstant(identityReceivedOn, 11 * 60)),
                event: 'identity_verified',
                dueOn: readClock({ receivedOn, identityReceivedOn, nation: 'england-and-wales' }).dueOn,
              },
            ]
          : []),
        ...pauses.map((pause) => ({ at: iso(londonInstant(pause.from, 12 * 60)), event: 'paused', dueOn: clock.dueOn })),
      ],
      data_subject_ids: identityReceivedOn ? [person.id] : [],
      actions: [],
      closed_at: null,
      outcome: null,
      created_by: ctx.staff.dpo,
      created_at: receivedAt,
      updated_at: receivedAt,
      ...extra,
    });
  };
  if (requesters.length === 6) {
    const [a, b, c, d, e, f] = requesters;
    const completedOn = addDays(ctx.today, -48);
    subjectRequest(a, 'access', 'completed', 70, {
      identity_received_on: addDays(ctx.today, -68),
      closed_at: iso(londonInstant(completedOn, 15 * 60)),
      updated_at: iso(londonInstant(completedOn, 15 * 60)),
      outcome: 'Copy of the records sent by secure e-mail.',
      actions: [
        {
          at: iso(londonInstant(completedOn, 14 * 60)),
          action: 'exported',
          counts: { enquiries: planned.filter((p) => p.person === a).length },
        },
      ],
    });
    subjectRequest(b, 'rectification', 'completed', 52, {
      identity_received_on: addDays(ctx.today, -52),
      closed_at: iso(londonInstant(addDays(ctx.today, -40), 11 * 60)),
      outcome: 'Address corrected on every record.',
      actions: [
        {
          at: iso(londonInstant(addDays(ctx.today, -40), 11 * 60)),
          action: 'rectified',
          fields: ['address', 'postcode'],
          recipientsNotified: 0,
        },
      ],
    });
    // Identity confirmed on the day it arrived, 45 days ago: the month has run out and nothing has been sent.
    subjectRequest(c, 'access', 'in_progress', 45, { identity_received_on: addDays(ctx.today, -45) });
    subjectRequest(d, 'erasure', 'paused', 20, {
      identity_received_on: addDays(ctx.today, -18),
      pauses: [{ from: addDays(ctx.today, -15), to: null, reason: 'Asked which records the request covers' }],
    });
    subjectRequest(e, 'access', 'awaiting_identity', 3);
    subjectRequest(f, 'objection', 'refused', 33, {
      identity_received_on: addDays(ctx.today, -33),
      closed_at: iso(londonInstant(addDays(ctx.today, -20), 16 * 60)),
      outcome: 'Objection refused: the enquiry is kept for the service the council must provide (public task).',
      actions: [{ at: iso(londonInstant(addDays(ctx.today, -20), 16 * 60)), action: 'objection_refused' }],
    });
  }

  // The people who got in touch, with the keys the subject search uses.
  for (const person of people.filter((candidate) => candidate.used)) {
    const firstContact = planned.find((p) => p.person === person)!.createdAt;
    plan.data_subjects.push({
      id: person.id,
      organisation_id: ctx.organisationId,
      name: person.name,
      name_key: nameKey(person.name),
      date_of_birth: person.dateOfBirth,
      postal_address: person.address,
      postcode: person.postcode,
      postcode_key: postcodeKey(person.postcode),
      address_key: addressKey(person.address),
      created_at: iso(firstContact),
      updated_at: iso(firstContact),
    });
    plan.data_subject_identifiers.push(
      {
        id: uuid(),
        organisation_id: ctx.organisationId,
        data_subject_id: person.id,
        kind: 'phone',
        value: person.phone,
        key: phoneKey(person.phone),
        created_at: iso(firstContact),
      },
      {
        id: uuid(),
        organisation_id: ctx.organisationId,
        data_subject_id: person.id,
        kind: 'email',
        value: person.email,
        key: emailKey(person.email),
        created_at: iso(firstContact),
      },
    );
  }
  for (const p of planned) {
    plan.enquiries.push(p.enquiry);
    plan.enquiry_events.push(...p.events);
  }
  return plan;

  function weightedChannel(roll: number): Channel {
    let total = roll * CHANNEL_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [channel, weight] of CHANNEL_WEIGHTS) {
      total -= weight;
      if (total < 0) return channel;
    }
    return 'phone';
  }
}

const BATCH = 1000;

/**
 * Writes a plan inside the caller's transaction (tenant already set, so row-level security applies): one
 * `insert … select from jsonb_to_recordset` per table and batch, the column types read from the catalogue.
 */
export async function insertDemoHistory(client: pg.Client, plan: DemoHistoryPlan): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLE_ORDER) {
    const rows = plan[table];
    counts[table] = rows.length;
    if (rows.length === 0) continue;
    const columns = Object.keys(rows[0]);
    const types = new Map(
      (
        await client.query<{ name: string; type: string }>(
          `select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped`,
          [table],
        )
      ).rows.map((row) => [row.name, row.type]),
    );
    const list = columns.map((column) => `"${column}"`).join(', ');
    const definition = columns.map((column) => `"${column}" ${types.get(column) ?? 'text'}`).join(', ');
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = rows.slice(start, start + BATCH);
      await client.query(`insert into ${table} (${list}) select ${list} from jsonb_to_recordset($1::jsonb) as r(${definition})`, [
        JSON.stringify(batch),
      ]);
    }
  }
  return counts;
}
