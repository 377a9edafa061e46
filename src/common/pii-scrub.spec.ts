import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loggablePath, scrubPersonalData } from './pii-scrub.js';

const ukMobile = fc.stringMatching(/^07\d{3} ?\d{6}$/);
const email = fc.emailAddress();
const postcode = fc.constantFrom('PR1 8XJ', 'MK9 3EJ', 'NN1 1ED', 'PE28 4YE', 'SW1A 1AA', 'm1 1ae');
const isoDate = fc.date({ min: new Date('1900-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('scrubbing personal data from log text', () => {
  it('masks any e-mail address, phone number, postcode or date wherever it sits in a message', () => {
    fc.assert(
      fc.property(fc.oneof(email, ukMobile, postcode, isoDate), fc.string(), fc.string(), (secret, before, after) => {
        const scrubbed = scrubPersonalData(`${before} ${secret} ${after}`);
        expect(scrubbed).not.toContain(secret);
      }),
    );
  });

  it('keeps ordinary text', () => {
    expect(scrubPersonalData('connection refused by the database')).toBe('connection refused by the database');
  });

  it('drops query strings and masks personal path segments, keeping ids and route words', () => {
    expect(loggablePath('/api/enquiries?q=jane.doe@example.org')).toBe('/api/enquiries');
    expect(loggablePath('/api/services/jane.doe%40example.org')).toBe('/api/services/[redacted]');
    expect(loggablePath('/api/enquiries/123e4567-e89b-42d3-a456-426614174000/resolve')).toBe('/api/enquiries/123e4567-e89b-42d3-a456-426614174000/resolve');
    fc.assert(fc.property(email, (address) => expect(loggablePath(`/x/${encodeURIComponent(address)}?a=${address}`)).not.toContain(address.split('@')[0] + '@')));
  });

  it('shows a route parameter by its name unless it is a UUID, and masks any segment of an unmatched path that is not a route word', () => {
    // A name or a token where an id or a code goes looks like nothing in particular: the template decides.
    expect(loggablePath('/api/enquiries/Zebedee%20Quill', '/api/enquiries/:id')).toBe('/api/enquiries/:id');
    expect(loggablePath('/api/services/cnry12ab', '/api/services/:code')).toBe('/api/services/:code');
    expect(loggablePath('/api/channels/phone/zebedee/calls', '/api/channels/phone/:organisation/calls')).toBe('/api/channels/phone/:organisation/calls');
    expect(loggablePath('/api/enquiries/123e4567-e89b-42d3-a456-426614174000/resolve', '/api/enquiries/:id/resolve')).toBe('/api/enquiries/123e4567-e89b-42d3-a456-426614174000/resolve');
    expect(loggablePath('/api/cnry12ab/07700%20900123?email=x@example.org')).toBe('/api/[redacted]/[redacted]');
    expect(loggablePath('/api/subject-requests/oops')).toBe('/api/subject-requests/oops');
    expect(loggablePath('/assets/app-1a2b.js', '/assets/*')).toBe('/assets/*');
  });
});
