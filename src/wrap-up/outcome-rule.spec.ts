import { describe, expect, it } from '@jest/globals';
import { DEFAULT_OUTCOME_CODES, outcomeFor, type WrapUpSettings } from './outcome-rule.js';

const optional: WrapUpSettings = { required: false, codes: DEFAULT_OUTCOME_CODES };
const required: WrapUpSettings = { required: true, codes: DEFAULT_OUTCOME_CODES };
const withoutDefaults: WrapUpSettings = {
  required: true,
  codes: [
    { code: 'advice', label: 'Advice', active: true },
    { code: 'referred', label: 'Referred', active: false },
    { code: 'signposted', label: 'Signposted', active: false },
  ],
};

describe('outcomeFor: whether an outcome is required or valid when an enquiry is wrapped up', () => {
  it('starts every organisation with the five default codes, active, in order', () => {
    expect(DEFAULT_OUTCOME_CODES.map((code) => code.code)).toEqual([
      'information_given',
      'form_sent',
      'referred',
      'signposted',
      'no_further_action',
    ]);
    expect(DEFAULT_OUTCOME_CODES.every((code) => code.active)).toBe(true);
  });

  it('records an active code given, whether or not one is required', () => {
    expect(outcomeFor(optional, 'resolve', 'form_sent', null)).toEqual({ outcome: 'form_sent' });
    expect(outcomeFor(required, 'close', 'no_further_action', 'form_sent')).toEqual({ outcome: 'no_further_action' });
  });

  it('refuses an unknown code and an inactive one, naming the field and not the value', () => {
    const unknown = outcomeFor(optional, 'resolve', 'made_up', null);
    expect(unknown.refusal?.code).toBe('OUTCOME_UNKNOWN');
    expect(unknown.refusal?.problem).toMatch(/^outcome /);
    expect(unknown.refusal?.problem).not.toContain('made_up');
    expect(outcomeFor(withoutDefaults, 'resolve', 'referred', null).refusal?.code).toBe('OUTCOME_INACTIVE');
  });

  it('lets resolving and closing go without an outcome when none is required (nothing recorded)', () => {
    expect(outcomeFor(optional, 'resolve', undefined, null)).toEqual({ outcome: null });
    expect(outcomeFor(optional, 'close', undefined, null)).toEqual({ outcome: null });
  });

  it('wrap-up required when configured: resolving or closing with no outcome at all is refused', () => {
    const refused = outcomeFor(required, 'resolve', undefined, null);
    expect(refused.refusal?.code).toBe('OUTCOME_REQUIRED');
    expect(refused.refusal?.problem).toMatch(/^an outcome is required/);
    expect(outcomeFor(required, 'close', undefined, null).refusal?.code).toBe('OUTCOME_REQUIRED');
  });

  it('keeps the outcome an enquiry already has when closing without one, even when required', () => {
    expect(outcomeFor(required, 'close', undefined, 'information_given')).toEqual({ outcome: null });
  });

  it('records "signposted" and "referred" by themselves when active, and never requires one to escalate', () => {
    expect(outcomeFor(required, 'signpost', undefined, null)).toEqual({ outcome: 'signposted' });
    expect(outcomeFor(optional, 'escalate', undefined, 'form_sent')).toEqual({ outcome: 'referred' });
    expect(outcomeFor(withoutDefaults, 'escalate', undefined, null)).toEqual({ outcome: null });
    expect(outcomeFor(withoutDefaults, 'signpost', undefined, null).refusal?.code).toBe('OUTCOME_REQUIRED');
    expect(outcomeFor(optional, 'resolve', undefined, null)).toEqual({ outcome: null });
  });
});
