import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainError } from '../common/errors/domain-error.js';
import { FormSubmissionDto } from './forms/dto/form-submission.dto.js';
import { mapAnswers } from './forms/form-ingest.service.js';
import { CallLogDto } from './phone/dto/call-log.dto.js';
import { parseSignedBody } from './signed-body.js';

const expect4xx = (error: unknown) => {
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).status).toBeGreaterThanOrEqual(400);
  expect((error as DomainError).status).toBeLessThan(500);
};

describe('parsing a verified push', () => {
  it('answers any bytes with a call log or a 4xx naming the problem', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.string(),
        ),
        async (text) => {
          try {
            const call = await parseSignedBody(Buffer.from(text), CallLogDto);
            expect(typeof call.callId).toBe('string');
          } catch (error) {
            expect4xx(error);
          }
        },
      ),
    );
  });

  it('accepts a well-formed call log and a form submission', async () => {
    const call = await parseSignedBody(
      Buffer.from(
        JSON.stringify({
          callId: 'c1',
          callerNumber: '+447700900123',
          direction: 'inbound',
          startedAt: '2026-11-23T09:00:00Z',
          endedAt: '2026-11-23T09:01:00Z',
        }),
      ),
      CallLogDto,
    );
    expect(call.callId).toBe('c1');
    const form = await parseSignedBody(
      Buffer.from(JSON.stringify({ formId: 'f', submissionId: 's', submittedAt: '2026-11-23T09:00:00Z', answers: { a: 1 } })),
      FormSubmissionDto,
    );
    expect(form.answers).toEqual({ a: 1 });
  });
});

describe('mapping form answers', () => {
  const mapping = { name: 'fullName', description: 'message', email: 'email', dateOfBirth: 'dob' };

  it('maps by the form’s own keys and names each missing or malformed answer', () => {
    expect(mapAnswers(mapping, { fullName: 'Ann Form', message: 'Hello', email: 'ann@example.org' })).toEqual({
      subject: { name: 'Ann Form', email: 'ann@example.org' },
      description: 'Hello',
      requesterType: 'citizen',
    });
    expect(
      mapAnswers({ ...mapping, requesterType: 'role' }, { fullName: 'Staff Member', message: 'IT issue', role: 'Employee' }).requesterType,
    ).toBe('employee');
    expect(() => mapAnswers(mapping, { message: 'x', dob: '12/12/1990' })).toThrow(/answers\.fullName[\s\S]*answers\.dob/);
    // Found by the property below: an object in a list has no usable text (String() of it threw a TypeError).
    expect(() => mapAnswers(mapping, { fullName: [{ toString: '' }], message: 'x' })).toThrow(/answers\.fullName must be text/);
  });

  it('answers any answers object with a mapping or a 400', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('fullName', 'message', 'email', 'dob', 'other'), fc.jsonValue()), (answers) => {
        try {
          const mapped = mapAnswers(mapping, answers);
          expect(mapped.subject.name.length).toBeGreaterThan(0);
        } catch (error) {
          expect4xx(error);
        }
      }),
    );
  });
});
