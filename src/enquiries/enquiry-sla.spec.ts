import { describe, expect, it } from '@jest/globals';
import { enquirySla, type EnquiryClock } from './enquiry-sla.js';

const at = (iso: string) => new Date(iso);
/** An e-mail received Monday 7 December 2026 09:00: first response due Wednesday 17:00, resolution the Monday after. */
const received = (overrides: Partial<EnquiryClock> = {}): EnquiryClock => ({
  status: 'new',
  firstResponseDueAt: at('2026-12-09T17:00:00Z'),
  firstResponseAtRiskAt: at('2026-12-09T12:12:00Z'),
  firstRespondedAt: null,
  resolutionDueAt: at('2026-12-21T17:00:00Z'),
  resolutionAtRiskAt: at('2026-12-18T09:00:00Z'),
  ...overrides,
});

describe('an enquiry’s service-level state: the sooner unmet target’s, at the instant given', () => {
  it('follows the first response while it is unmet', () => {
    expect(enquirySla(received(), at('2026-12-08T10:00:00Z'))).toEqual({ slaState: 'on_track', slaDueAt: at('2026-12-09T17:00:00Z') });
    expect(enquirySla(received(), at('2026-12-09T12:12:00Z')).slaState).toBe('at_risk');
    expect(enquirySla(received(), at('2026-12-09T17:00:00Z')).slaState).toBe('breached');
  });

  it('follows the resolution once the citizen was answered', () => {
    const answered = received({ firstRespondedAt: at('2026-12-08T10:00:00Z'), status: 'in_progress' });
    expect(enquirySla(answered, at('2026-12-10T10:00:00Z'))).toEqual({ slaState: 'on_track', slaDueAt: at('2026-12-21T17:00:00Z') });
    expect(enquirySla(answered, at('2026-12-18T09:00:00Z')).slaState).toBe('at_risk');
    expect(enquirySla(answered, at('2026-12-22T09:00:00Z')).slaState).toBe('breached');
  });

  it('has none running once resolved or closed, or on an enquiry older than service levels', () => {
    expect(enquirySla(received({ status: 'resolved' }), at('2027-01-05T09:00:00Z'))).toEqual({ slaState: null, slaDueAt: null });
    expect(enquirySla(received({ status: 'closed' }), at('2027-01-05T09:00:00Z')).slaState).toBeNull();
    const older = received({ firstResponseDueAt: null, firstResponseAtRiskAt: null, resolutionDueAt: null, resolutionAtRiskAt: null });
    expect(enquirySla(older, at('2027-01-05T09:00:00Z')).slaState).toBeNull();
  });

  it('keeps an escalated enquiry’s resolution running (the contact centre still owes the citizen an outcome)', () => {
    expect(
      enquirySla(received({ status: 'escalated', firstRespondedAt: at('2026-12-08T10:00:00Z') }), at('2026-12-22T09:00:00Z')).slaState,
    ).toBe('breached');
  });
});
