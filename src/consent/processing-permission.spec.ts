import { describe, expect, it } from '@jest/globals';
import { processingRefusal, type ProcessingState } from './processing-permission.js';

const given = { withdrawnAt: null };
const withdrawn = { withdrawnAt: new Date('2026-11-01T10:00:00Z') };

describe('processing that relies on consent', () => {
  it('goes ahead on legitimate interests without any consent record', () => {
    expect(processingRefusal({ legalBasis: 'legitimate_interests', consents: [] }, 'escalation')).toBeUndefined();
  });

  it('stops escalation and export once the consent it relies on is withdrawn', () => {
    const state: ProcessingState = { legalBasis: 'consent', consents: [{ purpose: 'processing', ...withdrawn }] };
    expect(processingRefusal(state, 'escalation')?.code).toBe('CONSENT_WITHDRAWN');
    expect(processingRefusal(state, 'export')?.code).toBe('CONSENT_WITHDRAWN');
    expect(processingRefusal({ ...state, consents: [{ purpose: 'processing', ...given }] }, 'escalation')).toBeUndefined();
  });

  it('stops the sharing of special category details once explicit consent is withdrawn, but not the rest', () => {
    const state: ProcessingState = { legalBasis: 'legitimate_interests', consents: [{ purpose: 'special_category', ...withdrawn }] };
    expect(processingRefusal(state, 'special_category_sharing')?.code).toBe('EXPLICIT_CONSENT_WITHDRAWN');
    expect(processingRefusal(state, 'escalation')).toBeUndefined();
  });

  it('refuses everything while processing is restricted', () => {
    expect(processingRefusal({ legalBasis: 'legitimate_interests', consents: [], restricted: true }, 'escalation')?.code).toBe('PROCESSING_RESTRICTED');
  });
});
