/** The kinds of immediate danger the detector recognises; each has its own guidance for the citizen. */
export const DANGER_KINDS = ['medical', 'suicide_self_harm', 'domestic_abuse', 'child_at_risk', 'adult_at_risk', 'fire', 'flood', 'crime_in_progress', 'threat_to_others'] as const;

export type DangerKind = (typeof DANGER_KINDS)[number];
