import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DESCRIPTION_FIELDS, describeSubject, type SubjectDescription } from './subject-criteria.js';

describe('describing a person to search for', () => {
  it('turns each identifier into its normalised criterion', () => {
    expect(describeSubject({ email: ' Jane.Doe@Example.ORG ', phone: '07700 900123' })).toEqual({
      ok: true,
      criteria: [
        { reason: 'email', key: 'jane.doe@example.org' },
        { reason: 'phone', key: '+447700900123' },
      ],
      given: ['email', 'phone'],
    });
    expect(describeSubject({ name: "Siobhán O'Neill", dateOfBirth: '1956-03-14', postcode: 'pr1 8xj' })).toMatchObject({
      ok: true,
      criteria: [
        { reason: 'name+dateOfBirth', nameKey: 'siobhan o neill', dateOfBirth: '1956-03-14' },
        { reason: 'name+postcode', nameKey: 'siobhan o neill', postcodeKey: 'PR18XJ' },
      ],
    });
    expect(describeSubject({ name: 'Jane Doe' })).toMatchObject({ ok: true, criteria: [{ reason: 'name', nameKey: 'jane doe' }] });
    expect(describeSubject({ address: '12 Elm Rd, Preston PR1 2AB' })).toMatchObject({
      ok: true,
      criteria: [{ reason: 'address', key: '12 elm road preston', prefixes: ['12 elm', '12 elm road', '12 elm road preston'] }],
    });
  });

  it('refuses a description that names no one, saying which field', () => {
    expect(describeSubject({})).toEqual({
      ok: false,
      problems: [{ field: 'name', problem: 'give at least one of name, email, phone or address' }],
    });
    expect(describeSubject({ dateOfBirth: '1956-03-14' })).toEqual({
      ok: false,
      problems: [{ field: 'dateOfBirth', problem: 'dateOfBirth narrows a name: give name as well' }],
    });
    expect(describeSubject({ email: 'a@b.org', postcode: 'PR1 8XJ' })).toEqual({
      ok: false,
      problems: [{ field: 'postcode', problem: 'postcode narrows a name: give name as well' }],
    });
    expect(describeSubject({ name: '   ' })).toMatchObject({ ok: false, problems: [{ field: 'name', problem: 'name must not be blank' }] });
    expect(describeSubject({ name: '!!!' })).toMatchObject({
      ok: false,
      problems: [{ field: 'name', problem: 'name must contain letters or digits' }],
    });
    expect(describeSubject({ address: 'Preston' })).toMatchObject({ ok: false, problems: [{ field: 'address' }] });
    expect(describeSubject({ phone: '12' })).toMatchObject({ ok: false, problems: [{ field: 'phone' }] });
  });

  const description: fc.Arbitrary<SubjectDescription> = fc.record(
    {
      name: fc.oneof(fc.string(), fc.constantFrom('Jane Doe', 'Ann Lee')),
      email: fc.oneof(fc.string(), fc.emailAddress()),
      phone: fc.oneof(fc.string(), fc.stringMatching(/^07[0-9]{9}$/)),
      dateOfBirth: fc.oneof(fc.string(), fc.constant('1956-03-14')),
      address: fc.oneof(fc.string(), fc.constant('12 Elm Road')),
      postcode: fc.oneof(fc.string(), fc.constant('PR1 8XJ')),
    },
    { requiredKeys: [] },
  );

  it('either gives criteria or names only fields that were given, for any input', () => {
    fc.assert(
      fc.property(description, (input) => {
        const parsed = describeSubject(input);
        if (parsed.ok) {
          expect(parsed.criteria.length).toBeGreaterThan(0);
          expect(parsed.given).toEqual(DESCRIPTION_FIELDS.filter((field) => input[field] !== undefined));
        } else {
          expect(parsed.problems.length).toBeGreaterThan(0);
          const named = new Set(parsed.problems.map((problem) => problem.field));
          const nothingGiven = parsed.problems.length === 1 && parsed.problems[0].problem.startsWith('give at least one');
          if (!nothingGiven) for (const field of named) expect(input[field as keyof SubjectDescription]).toBeDefined();
        }
      }),
    );
  });

  it('never puts a value given into a problem, so that errors never echo personal data', () => {
    fc.assert(
      fc.property(description, (input) => {
        const parsed = describeSubject(input);
        if (parsed.ok) return;
        // A value that is itself one of the messages' own words ("name", "address") proves nothing either way.
        const ownWords = new Set(
          parsed.problems
            .map((problem) => problem.problem)
            .join(' ')
            .toLowerCase()
            .split(/[^a-z]+/),
        );
        for (const problem of parsed.problems) {
          for (const value of Object.values(input)) {
            if (!value || value.trim().length <= 3 || ownWords.has(value.trim().toLowerCase())) continue;
            expect(problem.problem).not.toContain(value);
          }
        }
      }),
    );
  });

  it('matches by a name alone only when nothing narrows it', () => {
    fc.assert(
      fc.property(description, (input) => {
        const parsed = describeSubject(input);
        if (!parsed.ok) return;
        const reasons = parsed.criteria.map((criterion) => criterion.reason);
        if (reasons.includes('name')) expect(input.dateOfBirth?.trim() || input.postcode?.trim()).toBeFalsy();
      }),
    );
  });
});
