import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PROCESSING_USES, processingRefusal, type ProcessingState } from './processing-permission.js';

const given = { withdrawnAt: null };
const withdrawn = { withdrawnAt: new Date('2026-11-01T10:00:00Z') };

describe('the processing-permission rule: whether a use of an enquiry’s data may go ahead', () => {
  it('lets every use go ahead on legitimate interests without any consent record', () => {
    for (const use of PROCESSING_USES) expect(processingRefusal({ legalBasis: 'legitimate_interests', consents: [] }, use)).toBeUndefined();
  });

  it('stops every use of an enquiry processed on consent once that consent is withdrawn: escalation, notes, advice, assignment, topic, texts', () => {
    const state: ProcessingState = { legalBasis: 'consent', consents: [{ purpose: 'processing', ...withdrawn }] };
    for (const use of PROCESSING_USES) expect(processingRefusal(state, use)?.code).toBe('CONSENT_WITHDRAWN');
    for (const use of PROCESSING_USES)
      expect(processingRefusal({ ...state, consents: [{ purpose: 'processing', ...given }] }, use)).toBeUndefined();
  });

  it('stops the sharing of special category details once explicit consent is withdrawn, but not the rest', () => {
    const state: ProcessingState = { legalBasis: 'legitimate_interests', consents: [{ purpose: 'special_category', ...withdrawn }] };
    expect(processingRefusal(state, 'special_category_sharing')?.code).toBe('EXPLICIT_CONSENT_WITHDRAWN');
    for (const use of PROCESSING_USES.filter((u) => u !== 'special_category_sharing'))
      expect(processingRefusal(state, use)).toBeUndefined();
  });

  it('refuses every use while processing is restricted, whatever the basis and consents', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('consent', 'legitimate_interests', 'public_task', 'legal_obligation', 'contract', 'vital_interests' as const),
        fc.array(
          fc.record({
            purpose: fc.constantFrom('processing', 'special_category' as const),
            withdrawnAt: fc.option(fc.date({ noInvalidDate: true }), { nil: null }),
          }),
        ),
        fc.constantFrom(...PROCESSING_USES),
        (legalBasis, consents, use) => {
          expect(processingRefusal({ legalBasis, consents, restricted: true } as ProcessingState, use)?.code).toBe('PROCESSING_RESTRICTED');
        },
      ),
    );
  });
});
