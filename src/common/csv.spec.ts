import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { toCsv } from './csv.js';

describe('CSV export', () => {
  it('round-trips any text through a CSV parser, formulas shown as text', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ a: fc.string(), b: fc.string({ unit: 'binary' }) }), { maxLength: 20 }), (rows) => {
        const parsed = parse(toCsv(['a', 'b'], rows), { columns: true, relax_quotes: false }) as { a: string; b: string }[];
        expect(parsed).toHaveLength(rows.length);
        parsed.forEach((row, index) => {
          for (const key of ['a', 'b'] as const) {
            const original = rows[index][key];
            expect(row[key]).toBe(/^[=+\-@\t\r]/.test(original) ? `'${original}` : original);
          }
        });
      }),
    );
  });

  it('neutralises spreadsheet formulas and writes dates and objects readably', () => {
    expect(toCsv(['x'], [{ x: '=HYPERLINK("http://evil")' }])).toBe('"x"\r\n"\'=HYPERLINK(""http://evil"")"\r\n');
    expect(toCsv(['d', 'o', 'n'], [{ d: new Date('2026-11-29T10:00:00Z'), o: { a: 1 }, n: null }])).toBe(
      '"d","o","n"\r\n"2026-11-29T10:00:00.000Z","{""a"":1}",""\r\n',
    );
  });
});
