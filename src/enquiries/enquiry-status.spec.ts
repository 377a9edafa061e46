import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../common/errors/domain-error.js';
import { assertTransition, canTransition } from './enquiry-status.js';
import { ENQUIRY_STATUSES } from '../contracts/enquiry-vocabulary.js';

describe('enquiry lifecycle', () => {
  it('allows exactly the legal transitions', () => {
    const legal = ENQUIRY_STATUSES.flatMap((from) => ENQUIRY_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(legal.sort()).toEqual(
      [
        'new→in_progress',
        'new→resolved',
        'new→escalated',
        'in_progress→resolved',
        'in_progress→escalated',
        'resolved→in_progress',
        'resolved→closed',
        'escalated→closed',
      ].sort(),
    );
  });

  it('refuses an illegal one with a 409 naming both states', () => {
    let error: unknown;
    try {
      assertTransition('closed', 'in_progress');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(409);
    expect((error as DomainError).message).toBe('An enquiry that is closed cannot become in_progress');
  });
});
