import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainError } from '../../common/errors/domain-error.js';
import { authenticationResults, failsAuthentication, findReplyToken, replyToken } from './mail-authentication.js';
import { checkMimeLimits, DEFAULT_MIME_LIMITS, measureMime, mimeLimitsFor } from './mime-limits.js';

function multipart(parts: number): Buffer {
  const body = Array.from({ length: parts }, (_, i) => `--b1\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join('');
  return Buffer.from(`From: a@example.org\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n${body}--b1--\r\n`);
}

function nested(depth: number): Buffer {
  let inner = 'Content-Type: text/plain\r\n\r\nhello\r\n';
  for (let level = depth; level > 0; level -= 1)
    inner = `Content-Type: multipart/mixed; boundary="n${level}"\r\n\r\n--n${level}\r\n${inner}--n${level}--\r\n`;
  return Buffer.from(`From: a@example.org\r\n${inner}`);
}

describe('MIME limits', () => {
  it('lets an ordinary message through', () => {
    expect(() => checkMimeLimits(multipart(3))).not.toThrow();
    expect(() => checkMimeLimits(Buffer.from('From: a@example.org\r\nSubject: hi\r\n\r\nhello'))).not.toThrow();
  });

  it('refuses thousands of parts, deep nesting, huge headers and oversize messages with 413', () => {
    for (const bomb of [multipart(5000), nested(50), Buffer.from(`X-Filler: ${'a'.repeat(70 * 1024)}\r\n\r\nhi`)]) {
      let error: unknown;
      try {
        checkMimeLimits(bomb);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBe(413);
    }
    expect(() => checkMimeLimits(Buffer.alloc(1024), { ...DEFAULT_MIME_LIMITS, maxBytes: 100 })).toThrow(/larger than/);
  });

  it('sees boundaries declared in the RFC 2231 forms a parser honours (boundary*=, boundary*0=)', () => {
    const extended = (level: number) => `boundary*=utf-8''n${level}`;
    let inner = 'Content-Type: text/plain\r\n\r\nhello\r\n';
    for (let level = 50; level > 0; level -= 1)
      inner = `Content-Type: multipart/mixed; ${extended(level)}\r\n\r\n--n${level}\r\n${inner}--n${level}--\r\n`;
    expect(() => checkMimeLimits(Buffer.from(`From: a@example.org\r\n${inner}`))).toThrow(/nested too deeply/);
    const parts = Array.from({ length: 500 }, (_, i) => `--b%31\r\n\r\n${i}\r\n`.replace('%31', '1')).join('');
    expect(() =>
      checkMimeLimits(
        Buffer.from(`From: a@example.org\r\nContent-Type: multipart/mixed; boundary*=us-ascii'en'b%31\r\n\r\n${parts}--b1--\r\n`),
      ),
    ).toThrow(/too many MIME parts/);
    let continued = 'Content-Type: text/plain\r\n\r\nhello\r\n';
    for (let level = 20; level > 0; level -= 1)
      continued = `Content-Type: multipart/mixed; boundary*0="n"; boundary*1="${level}"\r\n\r\n--n${level}\r\n${continued}--n${level}--\r\n`;
    expect(() => checkMimeLimits(Buffer.from(`From: a@example.org\r\n${continued}`))).toThrow(/nested too deeply/);
    expect(() =>
      checkMimeLimits(
        Buffer.from(`From: a@example.org\r\nContent-Type: multipart/mixed; boundary*=utf-8''b1\r\n\r\n--b1\r\n\r\nhi\r\n--b1--\r\n`),
      ),
    ).not.toThrow();
  });

  it('answers any bytes with acceptance or a 413, never another failure', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => {
        try {
          checkMimeLimits(Buffer.from(bytes));
        } catch (error) {
          expect((error as DomainError).status).toBe(413);
        }
      }),
    );
  });
});

/** The pre-scan as it was first written (a latin1 copy split into an array of lines), kept as the reference for the counts. */
function referenceShape(raw: Buffer): { lines: number; boundaries: string[]; parts: number } {
  const BOUNDARY = /boundary(\*\d*\*?)?\s*=\s*(?:"([^"]{1,200})"|([^\s;"]{1,200}))/gi;
  const text = raw.toString('latin1');
  const boundaries = new Set<string>();
  for (const match of text.matchAll(BOUNDARY)) {
    const value = match[2] ?? match[3];
    if (!match[1]?.endsWith('*')) boundaries.add(value);
    else {
      const encoded = value.replace(/^[^']*'[^']*'/, '');
      try {
        boundaries.add(decodeURIComponent(encoded));
      } catch {
        boundaries.add(encoded);
      }
    }
  }
  const lines = text.split(/\r?\n/);
  let parts = 0;
  if (boundaries.size > 0) {
    for (const line of lines) {
      if (!line.startsWith('--')) continue;
      const candidate = line
        .slice(2)
        .replace(/--\s*$/, '')
        .trimEnd();
      if (boundaries.has(candidate) && !line.trimEnd().endsWith(`${candidate}--`)) parts += 1;
    }
  }
  return { lines: lines.length, boundaries: [...boundaries].sort(), parts };
}

/** Messages made of the pieces that matter to the scan: the word, its RFC 2231 forms, quotes, dashes, white space, line ends. */
const mimeLike = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'boundary',
        'BoUnDaRy',
        'boundary=',
        'boundary*=',
        "boundary*=utf-8''",
        'boundary*0=',
        'boundary*1*=',
        '*',
        '0',
        '=',
        '"',
        "'",
        '%31',
        '%',
        ';',
        ' ',
        '\t',
        '\u00a0',
        '\r',
        '\n',
        '\r\n',
        '-',
        '--',
        'b1',
        'b1--',
        '\r\n--b1',
        '\r\n--b1--',
        'x',
      ),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 60 },
  )
  .map((pieces) => Buffer.from(pieces.join(''), 'latin1'));

describe('MIME pre-scan without materialising lines', () => {
  it('counts lines, declared boundaries and parts exactly as the line-array reading did', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          mimeLike,
          fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
        ),
        (raw) => {
          const shape = measureMime(raw);
          expect({ lines: shape.lines, boundaries: [...shape.boundaries].sort(), parts: shape.parts }).toEqual(referenceShape(raw));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('refuses exactly when a count passes its limit (parts, depth, lines)', () => {
    fc.assert(
      fc.property(
        mimeLike,
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 20 }),
        (raw, maxParts, maxDepth, maxLines) => {
          const reference = referenceShape(raw);
          const limits = { ...DEFAULT_MIME_LIMITS, maxHeaderBytes: Infinity, maxParts, maxDepth, maxLines };
          const refused = reference.boundaries.length > maxDepth || reference.parts > maxParts || reference.lines > maxLines;
          let thrown: unknown;
          try {
            checkMimeLimits(raw, limits);
          } catch (error) {
            thrown = error;
          }
          expect(thrown === undefined ? 'accepted' : (thrown as DomainError).status).toBe(refused ? 413 : 'accepted');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('caps lines for every message, multipart or not, and passes a message at the size limit made of base64 lines', () => {
    expect(() => checkMimeLimits(Buffer.from(`From: a@example.org\r\n\r\n${'\n'.repeat(600_000)}`))).toThrow(/too many lines/);
    const base64Line = `${'QUJD'.repeat(19)}\r\n`;
    const attachment = base64Line.repeat(Math.floor((DEFAULT_MIME_LIMITS.maxBytes - 1024) / base64Line.length));
    const legitimate = Buffer.from(
      `From: a@example.org\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\nContent-Transfer-Encoding: base64\r\n\r\n${attachment}--b1--\r\n`,
    );
    expect(legitimate.length).toBeGreaterThan(24 * 1024 * 1024);
    expect(checkMimeLimits(legitimate).lines).toBeGreaterThan(300_000);
    expect(mimeLimitsFor(25 * 1024 * 1024).maxLines).toBe(500_000);
    expect(mimeLimitsFor(10 * 1024 * 1024).maxLines).toBe(500_000);
    expect(mimeLimitsFor(100 * 1024 * 1024).maxLines).toBe(2_000_000);
  });

  it('refuses 25 MB of bare newlines after a declared boundary in well under a second', () => {
    const bomb = Buffer.concat([
      Buffer.from('From: a@example.org\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\n'),
      Buffer.alloc(DEFAULT_MIME_LIMITS.maxBytes - 200, '\n'),
    ]);
    const started = performance.now();
    expect(() => checkMimeLimits(bomb)).toThrow(/too many lines/);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('mail authentication and reply tokens', () => {
  it('reads SPF, DKIM and DMARC verdicts', () => {
    const results = authenticationResults('mx.council.gov.uk; spf=fail smtp.mailfrom=x.example; dkim=pass header.d=x.example; dmarc=fail');
    expect(results).toEqual({ spf: 'fail', dkim: 'pass', dmarc: 'fail' });
    expect(failsAuthentication(results)).toBe(true);
    expect(failsAuthentication(authenticationResults('mx; spf=pass; dkim=pass'))).toBe(false);
    expect(authenticationResults(undefined)).toEqual({});
  });

  it('makes tokens that differ per enquiry and per key, and finds them in an address or a subject', () => {
    const key = randomBytes(32).toString('base64');
    const token = replyToken(key, 'enquiry-1');
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(replyToken(key, 'enquiry-2')).not.toBe(token);
    expect(replyToken(randomBytes(32).toString('base64'), 'enquiry-1')).not.toBe(token);
    expect(findReplyToken([`contact+K7QM-4X2P.${token}@lancashire.demo`], undefined)).toEqual({ reference: 'K7QM-4X2P', token });
    expect(findReplyToken([], `Re: Your enquiry [K7QM-4X2P:${token}]`)).toEqual({ reference: 'K7QM-4X2P', token });
    expect(findReplyToken(['contact@lancashire.demo'], 'Re: K7QM-4X2P')).toBeUndefined();
  });
});
