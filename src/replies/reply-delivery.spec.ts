import { describe, expect, it } from '@jest/globals';
import { failureOf } from './reply-delivery.worker.js';

describe('a reply transport’s failure: retried when it may pass, failed at once when it will not (failureOf)', () => {
  it('retries outages, rate limits and temporary refusals; fails refusals; keeps no message', () => {
    const notify = (status: number, error: string) => ({
      response: { status, data: { errors: [{ error, message: 'to jo@example.org' }] } },
    });
    expect(failureOf(notify(429, 'RateLimitError'))).toEqual({ status: 429, kind: 'RateLimitError', passing: true });
    expect(failureOf(notify(503, 'ServiceUnavailable'))).toEqual({ status: 503, kind: 'ServiceUnavailable', passing: true });
    expect(failureOf(notify(400, 'BadRequestError'))).toEqual({ status: 400, kind: 'BadRequestError', passing: false });
    expect(failureOf({ responseCode: 451, code: 'EMESSAGE' })).toEqual({ status: 451, kind: 'EMESSAGE', passing: true });
    expect(failureOf({ responseCode: 550, code: 'EENVELOPE' })).toEqual({ status: 550, kind: 'EENVELOPE', passing: false });
    expect(failureOf(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toEqual({
      status: 0,
      kind: 'ECONNREFUSED',
      passing: true,
    });
    expect(JSON.stringify(failureOf(notify(400, 'BadRequestError')))).not.toContain('@');
  });
});
