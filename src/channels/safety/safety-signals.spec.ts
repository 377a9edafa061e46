import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { safetySignals } from './safety-signals.js';

describe('safety signals in what people write', () => {
  it('sees immediate danger to a child or an adult', () => {
    for (const text of [
      'My partner is going to kill me, he is outside the door',
      'he keeps hitting the kids and I am scared',
      'I want to end my life',
      'my neighbour’s children are home alone, they have been on their own since yesterday, for hours',
      'I think my mum has taken too many tablets and I can’t wake her up',
      'I am not safe here',
      'She is being abused by her carer',
    ]) {
      expect(safetySignals(text)).toMatchObject({ danger: true });
    }
  });

  it('does not cry wolf on ordinary enquiries', () => {
    for (const text of [
      'The pothole on Mill Lane is dangerous for cyclists',
      'My bin was not collected',
      'Can I renew my blue badge? I am not able to walk far',
      'The street light is out, it is not safe to walk at night', // a hazard to report, not a person in immediate danger
      'How do I register a death?',
    ]) {
      expect(safetySignals(text).danger).toBe(false);
    }
  });

  it('names the kinds of danger, and none when there is none', () => {
    expect(safetySignals('my dad has collapsed and is not breathing').dangerKinds).toEqual(['medical']);
    expect(safetySignals('there is a fire in the flat below and we are stuck').dangerKinds).toEqual(['fire']);
    expect(safetySignals('My bin was not collected')).toEqual({ danger: false, dangerKinds: [], bankDetailsChange: false });
  });

  it('sees a supplier asking to change where they are paid', () => {
    for (const text of [
      'Please update our bank details for future invoices',
      'Our bank account has changed, new sort code 20-00-00',
      'Please pay invoice 4471 into our new account from now on',
      'We have new remittance details',
    ]) {
      expect(safetySignals(text).bankDetailsChange).toBe(true);
    }
    for (const text of ['I paid my council tax from my bank account', 'What is the sort code for paying the library fine?']) {
      expect(safetySignals(text).bankDetailsChange).toBe(false);
    }
  });

  it('reads any text without throwing', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => expect(typeof safetySignals(text).danger).toBe('boolean')));
  });
});
