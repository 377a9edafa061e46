// The regression guard's comparison, with made-up figures (no timing here: the benchmarks measure, this checks
// how their ratios are judged against the committed reference).
import { compareWithReference, TOLERANCE } from './regression.mjs';

const reference = {
  figures: {
    'webchat-relay': {
      '1000 connections: msgs/s with p99 <= 50 ms': { ratio: 0.8, date: '2026-12-05', commit: 'abc1234', reason: 'made up' },
      'memory per connected citizen': { ratio: 1.2, better: 'lower', date: '2026-12-05', commit: 'abc1234', reason: 'made up' },
    },
    intake: { '8 connections: enquiries/s': { ratio: 0.6, date: '2026-12-05', commit: 'abc1234', reason: 'made up' } },
  },
};

const statusOf = (rows, figure) => rows.find((row) => row.figure === figure)?.status;

describe('compareWithReference', () => {
  it('passes a ratio at, above or less than 25 % below its reference', () => {
    for (const ratio of [0.8, 1.0, 0.61]) {
      const rows = compareWithReference({ 'webchat-relay': { '1000 connections: msgs/s with p99 <= 50 ms': ratio } }, reference);
      expect(statusOf(rows, '1000 connections: msgs/s with p99 <= 50 ms')).toBe('ok');
    }
  });

  it('calls a ratio more than 25 % below its reference REGRESSED', () => {
    expect(TOLERANCE).toBe(0.25);
    const rows = compareWithReference({ 'webchat-relay': { '1000 connections: msgs/s with p99 <= 50 ms': 0.59 } }, reference);
    expect(rows).toContainEqual({
      benchmark: 'webchat-relay',
      figure: '1000 connections: msgs/s with p99 <= 50 ms',
      ratio: 0.59,
      reference: 0.8,
      status: 'REGRESSED',
    });
  });

  it('judges a lower-is-better ratio the other way round', () => {
    const figure = 'memory per connected citizen';
    expect(statusOf(compareWithReference({ 'webchat-relay': { [figure]: 0.9 } }, reference), figure)).toBe('ok');
    expect(statusOf(compareWithReference({ 'webchat-relay': { [figure]: 1.49 } }, reference), figure)).toBe('ok');
    expect(statusOf(compareWithReference({ 'webchat-relay': { [figure]: 1.51 } }, reference), figure)).toBe('REGRESSED');
  });

  it('calls a figure without a reference MISSING', () => {
    const rows = compareWithReference({ intake: { '128 connections: enquiries/s': 0.7 } }, reference);
    expect(statusOf(rows, '128 connections: enquiries/s')).toBe('MISSING');
    expect(compareWithReference({ intake: { '8 connections: enquiries/s': 0.7 } }, undefined)[0].status).toBe('MISSING');
  });

  it('calls a referenced figure that was not measured, or measured as nothing, REGRESSED', () => {
    const rows = compareWithReference({ 'webchat-relay': { '1000 connections: msgs/s with p99 <= 50 ms': null } }, reference);
    expect(statusOf(rows, '1000 connections: msgs/s with p99 <= 50 ms')).toBe('REGRESSED');
    expect(rows).toContainEqual({
      benchmark: 'webchat-relay',
      figure: 'memory per connected citizen',
      ratio: null,
      reference: 1.2,
      status: 'REGRESSED',
    });
  });

  it('leaves out benchmarks that did not run', () => {
    const rows = compareWithReference({ intake: { '8 connections: enquiries/s': 0.61 } }, reference);
    expect(rows).toEqual([{ benchmark: 'intake', figure: '8 connections: enquiries/s', ratio: 0.61, reference: 0.6, status: 'ok' }]);
  });
});
