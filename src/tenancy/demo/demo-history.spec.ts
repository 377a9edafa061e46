import { describe, expect, it } from '@jest/globals';
import { SERVICE_CATALOGUE } from '../../directory/service-catalogue.js';
import { DEMO_HISTORY_DAYS, londonInstant, planDemoHistory, type DemoHistoryContext, type DemoHistoryPlan } from './demo-history.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function context(slug = 'lancashire', now = new Date('2026-12-04T15:30:00Z')): DemoHistoryContext {
  return {
    organisationId: id(1),
    slug,
    defaultLegalBasis: 'legitimate_interests',
    services: SERVICE_CATALOGUE.map((service, i) => ({
      id: id(100 + i),
      code: service.code,
      name: service.name,
      permittedFields: [...service.permittedFields],
      statutory: service.statutory,
      userId: id(200 + i),
    })),
    staff: { advisor: id(2), supervisor: id(3), dpo: id(4) },
    signposting: ['preston-city-council', 'nhs-111', 'police-101', 'citizens-advice'],
    formsProcessorLocation: 'EU',
    today: '2026-12-04',
    now,
  };
}

/** Every instant something happened (not the targets, which fall due in the future as they would). */
const timestamps = (plan: DemoHistoryPlan) =>
  Object.values(plan).flatMap((rows: Record<string, unknown>[]) =>
    rows.flatMap((row) =>
      Object.entries(row)
        .filter(
          ([key, value]) => typeof value === 'string' && /_at$/.test(key) && !/_due_at$|_at_risk_at$/.test(key) && /T\d\d:/.test(value),
        )
        .map(([, value]) => value as string),
    ),
  );

describe('the demo history', () => {
  const now = new Date('2026-12-04T15:30:00Z');
  const plan = planDemoHistory(context('lancashire', now));

  it('is the same story every time for the same organisation and day (a seeded PRNG), and another for another organisation', () => {
    expect(JSON.stringify(planDemoHistory(context('lancashire', now)))).toBe(JSON.stringify(plan));
    expect(planDemoHistory(context('cambridgeshire', now)).enquiries.map((e) => e.reference)).not.toEqual(
      plan.enquiries.map((e) => e.reference),
    );
  });

  it('records a default wrap-up outcome on every enquiry it finishes: signposted, referred, a form sent, information given or no further action', () => {
    const finished = plan.enquiries.filter((e) => e.status !== 'new' && e.status !== 'in_progress');
    expect(finished.length).toBeGreaterThan(0);
    for (const e of finished) {
      const expected = e.signposted_to
        ? 'signposted'
        : e.escalated_at
          ? 'referred'
          : expect.stringMatching(/^(form_sent|information_given|no_further_action)$/);
      expect({ reference: e.reference, outcome: e.outcome_code }).toEqual({ reference: e.reference, outcome: expected });
      expect(e.outcome_by).toBe(id(2));
    }
    const open = plan.enquiries.filter((e) => e.status === 'new' || e.status === 'in_progress');
    expect(open.every((e) => e.outcome_code === null)).toBe(true);
    expect(new Set(finished.map((e) => e.outcome_code))).toEqual(
      new Set(['signposted', 'referred', 'form_sent', 'information_given', 'no_further_action']),
    );
  });

  it('covers 90 days up to the moment of seeding, with nothing dated after it', () => {
    const created = plan.enquiries.map((e) => Date.parse(e.created_at as string));
    expect(Math.max(...created)).toBeLessThanOrEqual(now.getTime());
    expect(Math.min(...created)).toBeGreaterThanOrEqual(londonInstant('2026-12-04', 0).getTime() - DEMO_HISTORY_DAYS * 86_400_000);
    expect(Math.min(...created)).toBeLessThan(londonInstant('2026-12-04', 0).getTime() - (DEMO_HISTORY_DAYS - 3) * 86_400_000);
    for (const at of timestamps(plan)) expect(Date.parse(at)).toBeLessThanOrEqual(now.getTime());
    for (const e of plan.enquiries) {
      for (const later of [e.resolved_at, e.escalated_at, e.closed_at].filter(Boolean) as string[])
        expect(Date.parse(later)).toBeGreaterThanOrEqual(Date.parse(e.created_at as string));
    }
  });

  it('has contact on every channel and every outcome, and some of today’s contact still open', () => {
    expect(new Set(plan.enquiries.map((e) => e.channel))).toEqual(new Set(['phone', 'email', 'webchat', 'social', 'form']));
    expect(new Set(plan.enquiries.map((e) => e.status))).toEqual(new Set(['new', 'in_progress', 'resolved', 'escalated', 'closed']));
    expect(plan.enquiries.filter((e) => e.signposted_to !== null).length).toBeGreaterThan(10);
    const today = plan.enquiries.filter((e) => Date.parse(e.created_at as string) >= londonInstant('2026-12-04', 0).getTime());
    expect(today.length).toBeGreaterThan(0);
    expect(today.every((e) => e.status === 'new' || e.status === 'in_progress')).toBe(true);
    expect(new Set(plan.escalations.map((x) => x.status))).toEqual(new Set(['sent', 'acknowledged', 'closed']));
    expect(plan.disclosures).toHaveLength(plan.escalations.length);
  });

  it('gives every referral its acknowledgement target, so the demo has referrals acknowledged on time, late, and still overdue', () => {
    const ms = (value: unknown) => Date.parse(value as string);
    for (const x of plan.escalations) {
      expect(ms(x.acknowledgement_at_risk_at)).toBeGreaterThan(ms(x.created_at));
      expect(ms(x.acknowledgement_due_at)).toBeGreaterThan(ms(x.acknowledgement_at_risk_at));
    }
    const acknowledged = plan.escalations.filter((x) => x.acknowledged_at);
    expect(acknowledged.some((x) => ms(x.acknowledged_at) <= ms(x.acknowledgement_due_at))).toBe(true);
    expect(acknowledged.some((x) => ms(x.acknowledged_at) > ms(x.acknowledgement_due_at))).toBe(true);
    const seededAt = Math.max(...plan.enquiries.map((e) => ms(e.created_at)));
    expect(plan.escalations.some((x) => !x.acknowledged_at && ms(x.acknowledgement_due_at) < seededAt)).toBe(true);
  });

  it('uses made-up people only: drama numbers, example.org addresses, names from the fixed list', () => {
    const identifiers = plan.data_subject_identifiers;
    for (const phone of identifiers.filter((i) => i.kind === 'phone').map((i) => i.value as string))
      expect(phone).toMatch(/^(07700 900|01632 960)\d{3}$/);
    for (const email of identifiers.filter((i) => i.kind === 'email').map((i) => i.value as string))
      expect(email).toMatch(/@example\.org$/);
    for (const log of plan.call_logs) expect(log.caller_number).toMatch(/^(07700 900|01632 960)\d{3}$/);
  });

  it('shares with a service only what buildReferral allows it (no date of birth to Highways)', () => {
    const highways = id(100 + SERVICE_CATALOGUE.findIndex((s) => s.code === 'highways'));
    const toHighways = plan.escalations.filter((x) => x.service_id === highways);
    expect(toHighways.length).toBeGreaterThan(0);
    for (const x of toHighways) expect(Object.keys(x.fields as object)).not.toContain('dateOfBirth');
  });

  it('gives the DPO reviewed safeguarding flags and exactly one open, and subject requests at every stage with one overdue', () => {
    expect(plan.safeguarding_flags.filter((f) => f.status === 'open')).toHaveLength(1);
    expect(plan.safeguarding_flags.filter((f) => f.status !== 'open').every((f) => f.reviewed_at && f.reviewed_by === id(3))).toBe(true);
    expect(new Set(plan.subject_requests.map((r) => r.status))).toEqual(
      new Set(['completed', 'in_progress', 'paused', 'awaiting_identity', 'refused']),
    );
    const overdue = plan.subject_requests.filter(
      (r) => !['completed', 'refused'].includes(r.status as string) && (r.due_on as string) < '2026-12-04',
    );
    expect(overdue).toHaveLength(1);
  });

  it('keeps chat transcripts whole: numbered messages, the count on the chat, the transcript on the timeline', () => {
    const chat = plan.chats[0];
    const messages = plan.chat_messages.filter((m) => m.chat_id === chat.id);
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
    expect(chat.last_seq).toBe(messages.length);
    const ended = plan.enquiry_events.find(
      (e) =>
        (e.metadata as { event?: string; chatId?: string }).chatId === chat.id && (e.metadata as { event?: string }).event === 'chat_ended',
    );
    expect(ended?.body).toContain(`citizen: ${messages[0].text as string}`);
  });

  it('places UK wall-clock times in GMT and in summer time', () => {
    expect(londonInstant('2026-12-01', 9 * 60).toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(londonInstant('2026-07-01', 9 * 60).toISOString()).toBe('2026-07-01T08:00:00.000Z');
  });
});
