import { describe, expect, it } from '@jest/globals';
import { isJobQueueOutage } from './queue-outage.js';

function failure(code: string | undefined, message: string, frame: string): Error {
  const error = new Error(message) as Error & { code?: string };
  if (code) error.code = code;
  error.stack = `Error: ${message}\n    at ${frame}`;
  return error;
}

const IN_PG_BOSS = 'async Manager.fail (/srv/signpost/node_modules/pg-boss/src/manager.js:493:20)';

describe('an unhandled rejection from the job queue during a database outage', () => {
  it('is tolerated when pg-boss could not reach the database to record a job outcome', () => {
    expect(isJobQueueOutage(failure('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432', IN_PG_BOSS))).toBe(true);
    expect(isJobQueueOutage(failure('57P01', 'terminating connection due to administrator command', IN_PG_BOSS))).toBe(true);
    expect(isJobQueueOutage(failure(undefined, 'Connection terminated unexpectedly', IN_PG_BOSS))).toBe(true);
  });

  it('is not tolerated from anywhere else, or for any other failure', () => {
    expect(
      isJobQueueOutage(failure('ECONNREFUSED', 'connect ECONNREFUSED', 'Mail.send (/srv/signpost/dist/src/mail/mail-transport.js:1:1)')),
    ).toBe(false);
    expect(isJobQueueOutage(failure('23505', 'duplicate key value violates unique constraint', IN_PG_BOSS))).toBe(false);
    expect(isJobQueueOutage(failure(undefined, 'Cannot read properties of undefined', IN_PG_BOSS))).toBe(false);
    expect(isJobQueueOutage('ECONNREFUSED pg-boss')).toBe(false);
    expect(isJobQueueOutage(undefined)).toBe(false);
  });
});
