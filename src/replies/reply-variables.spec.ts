import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { REPLY_VARIABLES, type ReplyVariable } from '../contracts/replies.js';
import { fillReplyVariables, replyVariablesIn, unknownReplyVariables } from './reply-variables.js';

const values = (): Record<ReplyVariable, string> => ({ name: 'Jane', reference: 'AB12-CD34', advisor: 'Sam', organisation: 'Council' });
/** Text with no variable syntax in it. */
const plain = fc.string({ maxLength: 40 }).filter((s) => !s.includes('((') && !s.includes('))') && !s.includes('(') && !s.includes(')'));

describe('rule: saved-reply variables are the four known ones, filled at send time (fillReplyVariables)', () => {
  it('fills name, reference, advisor and organisation, and refuses any other name when saving', () => {
    const text = 'Dear ((name)), your reference is (( reference )). ((advisor)) of ((organisation)). ((date))';
    expect(fillReplyVariables(text, values())).toBe('Dear Jane, your reference is AB12-CD34. Sam of Council. ((date))');
    expect(unknownReplyVariables(text)).toEqual(['date']);
    expect(unknownReplyVariables('Hello ((name))')).toEqual([]);
  });

  it('property: a text of plain pieces and known variables fills to the pieces and the values, and nothing is left unfilled', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(plain, fc.constantFrom(...REPLY_VARIABLES)), { maxLength: 8 }),
        plain,
        fc.record({ name: plain, reference: plain, advisor: plain, organisation: plain }),
        (pieces, tail, given) => {
          const text = pieces.map(([piece, name]) => `${piece}((${name}))`).join('') + tail;
          const expected = pieces.map(([piece, name]) => `${piece}${given[name]}`).join('') + tail;
          expect(fillReplyVariables(text, given)).toBe(expected);
          expect(unknownReplyVariables(text)).toEqual([]);
          expect(replyVariablesIn(text)).toEqual([...new Set(pieces.map(([, name]) => name))]);
        },
      ),
    );
  });

  it('property: values are inserted as written, never read again as variables', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REPLY_VARIABLES), fc.constantFrom(...REPLY_VARIABLES), (variable, inner) => {
        const given = { ...values(), [variable]: `((${inner}))` };
        expect(fillReplyVariables(`x ((${variable})) y`, given)).toBe(`x ((${inner})) y`);
      }),
    );
  });

  it('property: any name other than the four is reported as unknown, once', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z_]{1,12}$/).filter((name) => !(REPLY_VARIABLES as readonly string[]).includes(name)),
        (name) => {
          expect(unknownReplyVariables(`((${name})) and ((${name})) and ((name))`)).toEqual([name]);
        },
      ),
    );
  });
});
