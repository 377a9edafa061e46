import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainError } from '../../common/errors/domain-error.js';
import { parseCallLogCsv } from './call-log-csv.js';

const header = 'callId,callerNumber,direction,startedAt,endedAt,queue,audioRef,videoRef';

describe('call log CSV', () => {
  it('reads good rows and names the problems of bad ones by row number', () => {
    const rows = parseCallLogCsv(
      [
        header,
        'c1,07700 900111,inbound,2026-11-23T09:00:00Z,2026-11-23T09:05:00Z,highways,a1,v1',
        'c2,not-a-number,sideways,yesterday,2026-11-23T09:05:00Z,,,',
        'c3,07700 900333,outbound,2026-11-23T10:00:00Z,2026-11-23T09:00:00Z,,,',
      ].join('\n'),
    );
    expect(rows[0]).toMatchObject({
      row: 2,
      call: {
        callId: 'c1',
        recordings: [
          { kind: 'audio', ref: 'a1' },
          { kind: 'video', ref: 'v1' },
        ],
      },
    });
    expect(rows[1]).toMatchObject({ row: 3 });
    expect((rows[1] as { problems: string[] }).problems.join(' ')).toMatch(/callerNumber[\s\S]*direction[\s\S]*startedAt/);
    expect(rows[2]).toEqual({ row: 4, problems: ['endedAt must not be before startedAt'] });
  });

  it('makes a row with an unsafe recording reference invalid, naming its column', () => {
    const row = (audio: string, video: string) => `c9,07700 900999,inbound,2026-11-23T09:00:00Z,2026-11-23T09:05:00Z,,${audio},${video}`;
    for (const hostile of ['.', '..', 'a/b', '%2e%2e', '-x']) {
      const [audioRow, videoRow] = parseCallLogCsv([header, row(hostile, 'v1'), row('a1', hostile)].join('\n'));
      expect({ hostile, audio: (audioRow as { problems: string[] }).problems }).toEqual({
        hostile,
        audio: [expect.stringMatching(/^audioRef must start with a letter or digit/)],
      });
      expect({ hostile, video: (videoRow as { problems: string[] }).problems }).toEqual({
        hostile,
        video: [expect.stringMatching(/^videoRef must start with a letter or digit/)],
      });
    }
    expect(parseCallLogCsv([header, row('rec-1.wav', 'urn:screen:1')].join('\n'))[0]).toMatchObject({
      call: { recordings: [{ ref: 'rec-1.wav' }, { ref: 'urn:screen:1' }] },
    });
  });

  it('refuses unknown or missing columns and unreadable CSV as a whole', () => {
    expect(() => parseCallLogCsv('callId,callerNumber,password\nc1,1,x')).toThrow(/unknown columns: password[\s\S]*missing columns/);
    expect(() => parseCallLogCsv(`${header}\n"unterminated,1,2`)).toThrow(DomainError);
  });

  it('answers any text with rows or a 4xx, never anything else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (text) => {
        try {
          const rows = parseCallLogCsv(`${header}\n${text}`);
          for (const row of rows) expect('call' in row || 'problems' in row).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).status).toBeGreaterThanOrEqual(400);
          expect((error as DomainError).status).toBeLessThan(500);
        }
      }),
    );
  });
});
