/**
 * pg-boss (10.x) records a job's outcome without waiting for it: after the handler it calls `complete` or `fail`
 * and leaves the promise unhandled. While the database is unreachable that promise rejects, and Node.js ends the
 * process on an unhandled rejection: a database outage would take every instance down with it instead of answering
 * 503 until the database is back (test/resilience/database-outage). Such a rejection loses nothing: the job stays
 * active and expires into a retry (expireInSeconds, JobQueue's constructor).
 *
 * This decides which unhandled rejections are that case: a connection failure raised inside pg-boss. Every other
 * unhandled rejection still ends the process.
 */
const CONNECTION_FAILURES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
]);

export function isJobQueueOutage(reason: unknown): boolean {
  if (!(reason instanceof Error)) return false;
  const { code, stack = '', message } = reason as Error & { code?: unknown };
  const connectionFailure =
    (typeof code === 'string' && CONNECTION_FAILURES.has(code)) ||
    /^Connection terminated|^terminating connection|^Client has encountered a connection error/.test(message);
  return connectionFailure && /[\\/]pg-boss[\\/]/.test(stack);
}
