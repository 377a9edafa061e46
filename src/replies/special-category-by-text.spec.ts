import { describe, expect, it } from '@jest/globals';
import { specialCategoryTextRefusal } from './special-category-by-text.js';

describe('rule: special category details are not sent by text (specialCategoryTextRefusal)', () => {
  it('refuses a text naming the enquiry’s category or repeating its recorded details, and lets everything else go', () => {
    const held = {
      specialCategory: true,
      specialCategories: ['health' as const],
      specialCategoryDetails: 'Uses a wheelchair after a stroke; epilepsy',
    };
    expect(specialCategoryTextRefusal('Your blue badge application about your health has been received', held)).toMatchObject({
      code: 'SPECIAL_CATEGORY_BY_TEXT',
    });
    expect(specialCategoryTextRefusal('We noted your epilepsy.', held)).toMatchObject({ code: 'SPECIAL_CATEGORY_BY_TEXT' });
    expect(specialCategoryTextRefusal('Your application is with the Blue Badge team, reference AB12-CD34.', held)).toBeUndefined();
    // No special category data held: nothing to protect.
    expect(
      specialCategoryTextRefusal('Your health visitor will call.', {
        specialCategory: false,
        specialCategories: [],
        specialCategoryDetails: null,
      }),
    ).toBeUndefined();
  });
});
