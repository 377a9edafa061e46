import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loggablePath, scrubPersonalData } from './pii-scrub.js';

const ukMobile = fc.stringMatching(/^07\d{3} ?\d{6}$/);
const email = fc.emailAddress();
const postcode = fc.constantFrom('PR1 8XJ', 'MK9 3EJ', 'NN1 1ED', 'PE28 4YE', 'SW1A 1AA', 'm1 1ae');
const isoDate = fc
  .date({ min: new Date('1900-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

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
    expect(loggablePath('/api/enquiries/123e4567-e89b-42d3-a456-426614174000/resolve')).toBe(
      '/api/enquiries/123e4567-e89b-42d3-a456-426614174000/resolve',
    );
    fc.assert(
      fc.property(email, (address) =>
        expect(loggablePath(`/x/${encodeURIComponent(address)}?a=${address}`)).not.toContain(address.split('@')[0] + '@'),
      ),
    );
  });

  it('shows a route parameter by its name unless it is a UUID, and masks any segment of an unmatched path that is not a route word', () => {
    // A name or a token where an id or a code goes looks like nothing in particular: the template decides.
    expect(loggablePath('/api/enquiries/Zebedee%20Quill', '/api/enquiries/:id')).toBe('/api/enquiries/:id');
    expect(loggablePath('/api/services/cnry12ab', '/api/services/:code')).toBe('/api/services/:code');
    expect(loggablePath('/api/channels/phone/zebedee/calls', '/api/channels/phone/:organisation/calls')).toBe(
      '/api/channels/phone/:organisation/calls',
    );
    expect(loggablePath('/api/enquiries/123e4567-e89b-42d3-a456-426614174000/resolve', '/api/enquiries/:id/resolve')).toBe(
      '/api/enquiries/123e4567-e89b-42d3-a456-426614174000/resolve',
    );
    expect(loggablePath('/api/cnry12ab/07700%20900123?email=x@example.org')).toBe('/api/[redacted]/[redacted]');
    expect(loggablePath('/api/subject-requests/oops')).toBe('/api/subject-requests/oops');
    expect(loggablePath('/assets/app-1a2b.js', '/assets/*')).toBe('/assets/*');
  });
});

describe('the scrubber’s cost', () => {
  // A megabyte of each shape that made the old expressions backtrack: linear work is tens of milliseconds, the
  // old quadratic work minutes. The bound leaves a hundredfold margin for a busy machine, so it pins the shape of
  // the cost, not a speed.
  it.each([
    ['a long word with no @', 'a'.repeat(1_000_000)],
    ['a long run of digits and spaces', '1 '.repeat(500_000)],
    ['a digit then a long run of spaces', `1${' '.repeat(1_000_000)}2x`],
    ['many dots and dashes between digits', '1.-'.repeat(333_333)],
    ['a long e-mail-like token', `${'a.'.repeat(500_000)}@`],
    ['ids and words', '123e4567-e89b-42d3-a456-426614174000 word '.repeat(23_810)],
  ])('takes linear time on a megabyte of %s', (_name, text) => {
    const started = process.hrtime.bigint();
    scrubPersonalData(text);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(5_000);
  });

  it('keeps ids and masks what is personal in one pass', () => {
    expect(
      scrubPersonalData('enquiry 123e4567-e89b-42d3-a456-426614174000 for jane.doe@example.org on 07700 900123, PR1 8XJ, born 1970-01-31.'),
    ).toBe('enquiry 123e4567-e89b-42d3-a456-426614174000 for [email] on [number], [postcode], born [date].');
    expect(scrubPersonalData('card 4111 1111 1111 1111 declined')).toBe('card [number] declined');
    expect(scrubPersonalData('retry 3 of 10 after 250 ms')).toBe('retry 3 of 10 after 250 ms');
  });
});
