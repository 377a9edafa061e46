import { DomainError } from '../common/errors/domain-error.js';

/**
 * Which organisation receives citizens' e-mail at an address. One address belongs to one organisation (the
 * database enforces it, case-insensitively), and an administrator may choose an address only in a mail domain the
 * operator has routed to their organisation, so one organisation can never take another's mail.
 */

/** The mailbox an address is delivered to: lower-case, without a `+tag` (replies carry `contact+REF.TOKEN@…`). */
export function plainMailbox(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return undefined;
  const local = address.slice(0, at).toLowerCase().split('+')[0];
  const domain = address.slice(at + 1).toLowerCase();
  return local ? `${local}@${domain}` : undefined;
}

export const INBOUND_ADDRESS_TAKEN = 'INBOUND_ADDRESS_TAKEN';

export const inboundAddressTaken = () =>
  new DomainError(
    409,
    INBOUND_ADDRESS_TAKEN,
    'enquiriesEmail: another organisation receives e-mail at this address; each address belongs to one organisation',
  );

/** Why an organisation's administrator may not set this inbound address, or undefined when they may. */
export function inboundAddressRefusal(address: string, inboundDomains: readonly string[]): DomainError | undefined {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase();
  if (local.includes('+')) {
    return new DomainError(400, 'VALIDATION_FAILED', 'enquiriesEmail: must not contain "+": Signpost adds +tags itself for replies', [
      { field: 'enquiriesEmail', problem: 'must not contain "+"' },
    ]);
  }
  if (!inboundDomains.includes(domain)) {
    const assigned =
      inboundDomains.length > 0
        ? `the domains routed to your organisation are ${inboundDomains.join(', ')}`
        : 'no mail domain is routed to your organisation yet';
    return new DomainError(403, 'INBOUND_DOMAIN_NOT_ASSIGNED', `enquiriesEmail: ${assigned}; the service operator assigns mail domains`);
  }
  return undefined;
}
