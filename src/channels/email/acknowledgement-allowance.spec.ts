import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { acknowledgementDecision, mailboxOf, senderKey } from './acknowledgement-allowance.js';

const KEY = 'dGVzdC1vbmx5LXNlY3JldC1rZXktMzItYnl0ZXMhISE=';
const limits = { perSender: 3, perOrganisation: 300 };

describe('acknowledgements within the backscatter limits (rule: at most N per sender and M per organisation an hour)', () => {
  it('acknowledges the first three to a sender in the hour and withholds the fourth, and stops at the organisation’s limit', () => {
    expect([0, 1, 2, 3, 4].map((toSender) => acknowledgementDecision({ toSender, byOrganisation: 0 }, limits))).toEqual([
      'granted',
      'granted',
      'granted',
      'sender_limit',
      'sender_limit',
    ]);
    expect(acknowledgementDecision({ toSender: 0, byOrganisation: 299 }, limits)).toBe('granted');
    expect(acknowledgementDecision({ toSender: 0, byOrganisation: 300 }, limits)).toBe('organisation_limit');
    expect(acknowledgementDecision({ toSender: 3, byOrganisation: 300 }, limits)).toBe('sender_limit');
    expect(acknowledgementDecision({ toSender: 0, byOrganisation: 0 }, { perSender: 0, perOrganisation: 300 })).toBe('sender_limit');
  });

  it('grants exactly while both counts are under their limits', () => {
    fc.assert(
      fc.property(fc.nat(10), fc.nat(10), fc.nat(10), fc.nat(10), (toSender, byOrganisation, perSender, perOrganisation) => {
        const granted = acknowledgementDecision({ toSender, byOrganisation }, { perSender, perOrganisation }) === 'granted';
        expect(granted).toBe(toSender < perSender && byOrganisation < perOrganisation);
      }),
    );
  });

  it('counts one mailbox whatever its case, spacing or +tag, by a keyed hash (64 hex digits, nothing of the address)', () => {
    expect(mailboxOf(' Victim+Probe1@Example.ORG ')).toBe('victim@example.org');
    expect(senderKey('victim+1@example.org', KEY)).toBe(senderKey('VICTIM@example.org', KEY));
    expect(senderKey('victim@example.org', KEY)).not.toBe(senderKey('victim@example.net', KEY));
    expect(senderKey('victim@example.org', KEY)).not.toBe(senderKey('victim@example.org', 'YW5vdGhlci1zZWNyZXQta2V5LW9mLTMyLWJ5dGVzISE='));
    fc.assert(
      fc.property(fc.emailAddress(), (address) => {
        const key = senderKey(address, KEY);
        expect(key).toMatch(/^[0-9a-f]{64}$/);
        expect(senderKey(address.toUpperCase(), KEY)).toBe(key);
      }),
    );
  });
});
