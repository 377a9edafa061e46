import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainError } from '../../common/errors/domain-error.js';
import { authenticationResults, failsAuthentication, findReplyToken, replyToken } from './mail-authentication.js';
import { checkMimeLimits, DEFAULT_MIME_LIMITS } from './mime-limits.js';

function multipart(parts: number): Buffer {
  const body = Array.from({ length: parts }, (_, i) => `--b1\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join('');
  return Buffer.from(`From: a@example.org\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n${body}--b1--\r\n`);
}

function nested(depth: number): Buffer {
  let inner = 'Content-Type: text/plain\r\n\r\nhello\r\n';
  for (let level = depth; level > 0; level -= 1) inner = `Content-Type: multipart/mixed; boundary="n${level}"\r\n\r\n--n${level}\r\n${inner}--n${level}--\r\n`;
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
    for (let level = 50; level > 0; level -= 1) inner = `Content-Type: multipart/mixed; ${extended(level)}\r\n\r\n--n${level}\r\n${inner}--n${level}--\r\n`;
    expect(() => checkMimeLimits(Buffer.from(`From: a@example.org\r\n${inner}`))).toThrow(/nested too deeply/);
    const parts = Array.from({ length: 500 }, (_, i) => `--b%31\r\n\r\n${i}\r\n`.replace('%31', '1')).join('');
    expect(() => checkMimeLimits(Buffer.from(`From: a@example.org\r\nContent-Type: multipart/mixed; boundary*=us-ascii'en'b%31\r\n\r\n${parts}--b1--\r\n`))).toThrow(/too many MIME parts/);
    let continued = 'Content-Type: text/plain\r\n\r\nhello\r\n';
    for (let level = 20; level > 0; level -= 1) continued = `Content-Type: multipart/mixed; boundary*0="n"; boundary*1="${level}"\r\n\r\n--n${level}\r\n${continued}--n${level}--\r\n`;
    expect(() => checkMimeLimits(Buffer.from(`From: a@example.org\r\n${continued}`))).toThrow(/nested too deeply/);
    expect(() => checkMimeLimits(Buffer.from(`From: a@example.org\r\nContent-Type: multipart/mixed; boundary*=utf-8''b1\r\n\r\n--b1\r\n\r\nhi\r\n--b1--\r\n`))).not.toThrow();
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
