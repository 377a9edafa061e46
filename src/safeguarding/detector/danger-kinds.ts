/** The kinds of immediate danger the safeguarding detector names, in the order the guidance lists them. */
export const DANGER_KINDS = [
  'medical',
  'suicide_self_harm',
  'domestic_abuse',
  'child_at_risk',
  'adult_at_risk',
  'fire',
  'flood',
  'crime_in_progress',
  'threat_to_others',
] as const;

export type DangerKind = (typeof DANGER_KINDS)[number];

export const isDangerKind = (value: string): value is DangerKind => (DANGER_KINDS as readonly string[]).includes(value);
