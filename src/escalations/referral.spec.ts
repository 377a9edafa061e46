import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SHARED_FIELDS } from '../contracts/shared-fields.js';
import { buildReferral, type ReferralSource } from './referral.js';

const source: ReferralSource = {
  name: 'Jane Doe',
  dateOfBirth: '1956-03-14',
  phones: ['07700 900123', '01772 254868'],
  address: '3 Church Street, Preston',
  postcode: 'PR1 2AB',
};
const input = {
  reasonForReferral: 'Blue badge renewal',
  actionsAlreadyTaken: 'Checked eligibility',
  specialRequirements: 'Uses a wheelchair',
};

describe('minimised referral', () => {
  it('maps the enquiry to the shared field names', () => {
    expect(buildReferral(source, SHARED_FIELDS, input)).toEqual({
      name: 'Jane Doe',
      dateOfBirth: '1956-03-14',
      contactNumber: '07700 900123',
      address: '3 Church Street, Preston, PR1 2AB',
      specialRequirements: 'Uses a wheelchair',
      reasonForReferral: 'Blue badge renewal',
      actionsAlreadyTaken: 'Checked eligibility',
    });
  });

  it('gives Highways neither the date of birth nor a health note', () => {
    const highways = buildReferral(source, ['name', 'contactNumber', 'address', 'reasonForReferral', 'actionsAlreadyTaken'], input);
    expect(highways).not.toHaveProperty('dateOfBirth');
    expect(highways).not.toHaveProperty('specialRequirements');
    expect(JSON.stringify(highways)).not.toContain('wheelchair');
  });

  it('never carries a field outside the permitted set, nor any value the fields do not name', () => {
    fc.assert(
      fc.property(fc.subarray([...SHARED_FIELDS]), fc.string(), fc.option(fc.string(), { nil: null }), (permitted, name, dateOfBirth) => {
        const referral = buildReferral({ ...source, name: name || 'X', dateOfBirth }, permitted, input);
        for (const key of Object.keys(referral)) expect(permitted).toContain(key);
      }),
    );
  });

  it('previews only what the enquiry holds; the advisor’s input is added at escalation', () => {
    const preview = buildReferral(source, SHARED_FIELDS);
    expect(Object.keys(preview).sort()).toEqual(['address', 'contactNumber', 'dateOfBirth', 'name']);
    expect(buildReferral({ ...source, dateOfBirth: null, phones: [] }, SHARED_FIELDS)).toEqual({
      name: 'Jane Doe',
      address: '3 Church Street, Preston, PR1 2AB',
    });
  });
});
