/** UK GDPR Article 9(1) special categories of personal data. */
export const SPECIAL_CATEGORIES = [
  'racial_or_ethnic_origin',
  'political_opinions',
  'religious_or_philosophical_beliefs',
  'trade_union_membership',
  'genetic',
  'biometric',
  'health',
  'sex_life_or_sexual_orientation',
] as const;
export type SpecialCategory = (typeof SPECIAL_CATEGORIES)[number];

export const CONSENT_METHODS = ['verbal', 'written', 'checkbox', 'electronic'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
