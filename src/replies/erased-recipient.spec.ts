import { describe, expect, it } from '@jest/globals';
import { erasedRecipientRefusal } from './erased-recipient.js';

describe('rule: a reply to a person whose details were erased is refused (erasedRecipientRefusal)', () => {
  it('refuses when the enquiry or the person was erased, and only then', () => {
    expect(erasedRecipientRefusal({ enquiryErased: true, personErased: false })).toMatchObject({ code: 'SUBJECT_ERASED' });
    expect(erasedRecipientRefusal({ enquiryErased: false, personErased: true })).toMatchObject({ code: 'SUBJECT_ERASED' });
    expect(erasedRecipientRefusal({ enquiryErased: false, personErased: false })).toBeUndefined();
  });
});
