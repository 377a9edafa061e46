import type { SpecialCategory } from '../contracts/special-category.js';

/** Words that name a special category, so a text saying them says something of that kind about the person. */
const CATEGORY_WORDS: Record<SpecialCategory, string[]> = {
  racial_or_ethnic_origin: ['race', 'racial', 'ethnic', 'ethnicity'],
  political_opinions: ['political', 'politics', 'party membership'],
  religious_or_philosophical_beliefs: ['religion', 'religious', 'faith', 'belief', 'beliefs', 'church', 'mosque', 'synagogue', 'temple'],
  trade_union_membership: ['trade union', 'union member'],
  genetic: ['genetic', 'dna'],
  biometric: ['biometric', 'fingerprint'],
  health: [
    'health',
    'medical',
    'diagnosis',
    'diagnosed',
    'disability',
    'disabled',
    'illness',
    'condition',
    'medication',
    'hospital',
    'mental',
    'dementia',
    'cancer',
    'wheelchair',
  ],
  sex_life_or_sexual_orientation: ['sexual', 'sexuality', 'orientation', 'gay', 'lesbian', 'bisexual'],
};

export interface SpecialCategoryHeld {
  specialCategory: boolean;
  specialCategories: SpecialCategory[];
  /** The details the advisor recorded (null once redacted). */
  specialCategoryDetails: string | null;
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];

/**
 * The rule: special category details are not sent by text. A text can be read on a locked phone's screen or by
 * whoever shares the phone, and Notify keeps it for days; e-mail is addressed to a mailbox that is the person's
 * own. So a text reply on an enquiry that holds special category data is refused (422) when it names one of the
 * enquiry's categories or repeats a word of six letters or more from the recorded details; the advisor answers by
 * e-mail or phone, or rewords. Refusing rather than cutting words out keeps the advisor in charge of what is said.
 * Undefined when the text may go.
 */
export function specialCategoryTextRefusal(text: string, held: SpecialCategoryHeld): { code: string; reason: string } | undefined {
  if (!held.specialCategory || held.specialCategories.length === 0) return undefined;
  const said = ` ${words(text).join(' ')} `;
  const categoryWord = held.specialCategories
    .flatMap((category) => CATEGORY_WORDS[category] ?? [])
    .find((word) => said.includes(` ${word} `));
  const detailWord = words(held.specialCategoryDetails ?? '')
    .filter((word) => word.length >= 6)
    .find((word) => said.includes(` ${word} `));
  if (!categoryWord && !detailWord) return undefined;
  return {
    code: 'SPECIAL_CATEGORY_BY_TEXT',
    reason:
      'text: special category details (such as health) are not sent by text message, which others may read on the phone; answer by e-mail or phone, or leave them out',
  };
}
