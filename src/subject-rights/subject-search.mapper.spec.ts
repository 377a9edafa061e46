import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { CriteriaMatch } from '../data-subjects/subject-matches.js';
import { HOLDING_COUNTS, type HeldEnquiry, type HoldingCount } from './subject-holdings.repository.js';
import { gatherHoldings, toFoundSubjectDto } from './subject-search.mapper.js';

const counts = (n: number) => Object.fromEntries(HOLDING_COUNTS.map((kind, i) => [kind, n * (i + 1)])) as Record<HoldingCount, number>;
const enquiry = (id: string, dataSubjectId: string, n: number): HeldEnquiry => ({
  id,
  dataSubjectId,
  reference: `REF${n}-0000`,
  channel: 'phone',
  status: 'new',
  createdAt: new Date(Date.UTC(2026, 0, n)),
  counts: counts(n),
});

describe('what the subject search shows of each person found', () => {
  it('lists each person once, in the order matched, with their own enquiries and the sum of what hangs off them', () => {
    const matches: CriteriaMatch[] = [
      { dataSubjectId: 'b', name: 'Bea', matchedOn: ['email', 'phone'] },
      { dataSubjectId: 'a', name: 'Al', matchedOn: ['phone'] },
      { dataSubjectId: 'c', name: 'Cy', matchedOn: ['name'] },
    ];
    const found = gatherHoldings(matches, [enquiry('e1', 'a', 1), enquiry('e2', 'b', 2), enquiry('e3', 'a', 3)]).map(toFoundSubjectDto);
    expect(found.map((subject) => [subject.dataSubjectId, subject.matchedOn, subject.holdings.enquiries.map((e) => e.id)])).toEqual([
      ['b', ['email', 'phone'], ['e2']],
      ['a', ['phone'], ['e1', 'e3']],
      ['c', ['name'], []],
    ]);
    expect(found[1].holdings).toMatchObject({ timelineEvents: 4, chatMessages: 8, disclosures: 40 });
    expect(found[2].holdings).toMatchObject({ timelineEvents: 0, emailMessages: 0, disclosures: 0 });
    expect(found[1].holdings.enquiries[0]).toEqual({
      id: 'e1',
      reference: 'REF1-0000',
      channel: 'phone',
      status: 'new',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('never loses or invents a record: totals equal the sum over the enquiries of the people shown', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'z'), fc.nat(50)), { maxLength: 30 }), (rows) => {
        const matches: CriteriaMatch[] = ['a', 'b', 'c'].map((id) => ({ dataSubjectId: id, name: id, matchedOn: ['email'] }));
        const enquiries = rows.map(([subject, n], i) => enquiry(`e${i}`, subject, n));
        const found = gatherHoldings(matches, enquiries).map(toFoundSubjectDto);
        for (const kind of HOLDING_COUNTS) {
          const shown = found.reduce((sum, subject) => sum + subject.holdings[kind], 0);
          expect(shown).toBe(enquiries.filter((e) => e.dataSubjectId !== 'z').reduce((sum, e) => sum + e.counts[kind], 0));
        }
      }),
    );
  });
});
