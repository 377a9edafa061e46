import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { inboundAddressRefusal, plainMailbox } from './inbound-mailbox.js';

describe('inbound mailboxes: which organisation receives an address', () => {
  it('delivers a +tagged or capitalised address to the plain lower-case mailbox', () => {
    expect(plainMailbox('Contact+K7QM-4X2P.token@Lancashire.Gov.UK')).toBe('contact@lancashire.gov.uk');
    expect(plainMailbox('contact@lancashire.gov.uk')).toBe('contact@lancashire.gov.uk');
    expect(plainMailbox('+tag@lancashire.gov.uk')).toBeUndefined();
    expect(plainMailbox('no-at-sign')).toBeUndefined();
    expect(plainMailbox('trailing@')).toBeUndefined();
  });

  it('maps every tagged form of a mailbox to that mailbox and nothing else', () => {
    const word = fc.stringMatching(/^[a-z0-9._-]{1,20}$/);
    fc.assert(
      fc.property(word, word, fc.option(word, { nil: undefined }), (local, domain, tag) => {
        const address = `${local}${tag === undefined ? '' : `+${tag}`}@${domain}`;
        expect(plainMailbox(address.toUpperCase())).toBe(`${local}@${domain}`);
      }),
    );
  });

  it('lets an administrator choose an address only in a domain routed to their organisation, and never with a +tag', () => {
    expect(inboundAddressRefusal('contact@lancashire.gov.uk', ['lancashire.gov.uk'])).toBeUndefined();
    expect(inboundAddressRefusal('contact@cambridgeshire.gov.uk', ['lancashire.gov.uk'])).toMatchObject({
      status: 403,
      code: 'INBOUND_DOMAIN_NOT_ASSIGNED',
    });
    expect(inboundAddressRefusal('contact@lancashire.gov.uk', [])).toMatchObject({
      status: 403,
      message: expect.stringContaining('no mail domain is routed'),
    });
    expect(inboundAddressRefusal('contact+x@lancashire.gov.uk', ['lancashire.gov.uk'])).toMatchObject({
      status: 400,
      fields: [{ field: 'enquiriesEmail', problem: 'must not contain "+"' }],
    });
    // A subdomain is another domain: routing one does not route the other.
    expect(inboundAddressRefusal('contact@mail.lancashire.gov.uk', ['lancashire.gov.uk'])).toMatchObject({ status: 403 });
  });
});
