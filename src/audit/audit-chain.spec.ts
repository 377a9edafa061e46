import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { canonicalJson, canonicalPrefix, GENESIS_HASH, linkHash, verifyLinks, type AuditLink, type AuditPayload } from './audit-chain.js';

function chain(length: number): AuditLink[] {
  const links: AuditLink[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= length; i += 1) {
    const payload: AuditPayload = {
      seq: String(i),
      organisationId: '6f1c1c5e-0000-4000-8000-000000000001',
      occurredAt: new Date(Date.UTC(2026, 10, 23, 12, 0, i)).toISOString(),
      actorType: 'staff',
      actorId: '6f1c1c5e-0000-4000-8000-000000000002',
      action: 'enquiry.read',
      entityType: 'enquiry',
      entityId: '6f1c1c5e-0000-4000-8000-000000000003',
      fields: ['subject.name', 'description'],
      details: { status: 'new', count: i },
      correlationId: `c-${i}`,
    };
    const hash = linkHash(prevHash, payload);
    links.push({ ...payload, prevHash, hash });
    prevHash = hash;
  }
  return links;
}

describe('audit hash chain', () => {
  it('verifies an intact chain', () => {
    expect(verifyLinks(chain(20))).toMatchObject({ ok: true, count: 20 });
  });

  it('finds any single altered field, at any position', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom('action', 'entityId', 'actorId', 'occurredAt', 'correlationId'),
        (index, field) => {
          const links = chain(10);
          (links[index] as unknown as Record<string, string>)[field] = 'tampered';
          expect(verifyLinks(links)).toMatchObject({ ok: false, broken: { seq: String(index + 1), reason: 'altered' } });
        },
      ),
    );
  });

  it('finds a removed entry', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), (index) => {
        const links = chain(10);
        links.splice(index, 1);
        expect(verifyLinks(links)).toMatchObject({ ok: false, broken: { reason: 'missing', seq: String(index + 1) } });
      }),
    );
  });

  it('finds a rewritten tail even when the rewriter recomputed the hashes from a broken link onwards', () => {
    const links = chain(5);
    const { prevHash, hash: _old, ...payload } = { ...links[2], details: { status: 'forged' } };
    links[2] = { ...payload, prevHash, hash: linkHash(prevHash, payload) };
    // the forged link verifies on its own, but the next one still points at the old hash
    expect(verifyLinks(links)).toMatchObject({ ok: false, broken: { seq: '4', reason: 'unlinked' } });
  });

  it('hashes the same content the same way whatever the key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
      }),
    );
  });

  it('closes the canonical prefix with seq into exactly the canonical JSON the database hashes', () => {
    const text = fc.string({ unit: 'binary' });
    fc.assert(
      fc.property(
        fc.record({
          organisationId: fc.uuid(),
          occurredAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          actorType: fc.constantFrom('staff', 'system', 'citizen', 'channel'),
          actorId: fc.option(fc.uuid(), { nil: null }),
          action: text,
          entityType: text,
          entityId: fc.option(fc.uuid(), { nil: null }),
          fields: fc.array(text),
          details: fc.dictionary(text, fc.jsonValue()),
          correlationId: fc.option(text, { nil: null }),
        }),
        fc.bigInt({ min: 1n, max: 2n ** 62n }),
        (payload, seq) => {
          const closed = `${canonicalPrefix(payload)}"seq":${JSON.stringify(seq.toString())}}`;
          expect(closed).toBe(canonicalJson({ ...payload, seq: seq.toString() }));
        },
      ),
    );
  });
});
