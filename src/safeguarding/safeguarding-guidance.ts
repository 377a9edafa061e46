import type { DangerKind } from './detector/danger-kinds.js';

/** The council's own out-of-hours numbers for someone at risk, set by its administrators. */
export interface SafeguardingContacts {
  /** Children's services emergency duty team (out of hours), for a child at risk. */
  childrenEmergencyDuty: string | null;
  /** Adult social care emergency duty team (out of hours), for an adult at risk. */
  adultsEmergencyDuty: string | null;
}

export const NO_SAFEGUARDING_CONTACTS: SafeguardingContacts = { childrenEmergencyDuty: null, adultsEmergencyDuty: null };

const EMERGENCY =
  'If you or someone else is in immediate danger, or a life is at risk, call 999 now. ' +
  'If you are deaf, hard of hearing or speech-impaired, you can text 999 once you have registered with emergencySMS (text “register” to 999).';

/**
 * What the citizen is told at once when their words suggest someone is in danger: always 999 first (with text 999
 * for deaf people), then the line for the kind of danger. The council's own emergency duty numbers are used when
 * its administrators have set them. Plain English, one sentence per line, in the order a person should act.
 */
export function safeguardingGuidance(kinds: readonly DangerKind[], contacts: SafeguardingContacts = NO_SAFEGUARDING_CONTACTS): string {
  const lines = [EMERGENCY];
  const has = (kind: DangerKind) => kinds.includes(kind);
  if (has('medical')) lines.push('If someone needs urgent medical help but it is not an emergency, call NHS 111 or go to 111.nhs.uk.');
  if (has('suicide_self_harm')) lines.push('If you are struggling to cope, you can talk to Samaritans for free, day or night, on 116 123.');
  if (has('domestic_abuse')) {
    lines.push('The National Domestic Abuse Helpline is free and open day and night: 0808 2000 247.');
    lines.push('If you call 999 and cannot speak, stay on the line and press 55 when asked, so the police know it is a real emergency.');
  }
  if (has('child_at_risk')) {
    lines.push(
      contacts.childrenEmergencyDuty
        ? `If a child is at risk but not in immediate danger, call our children’s emergency duty team on ${contacts.childrenEmergencyDuty}.`
        : 'If a child is at risk but not in immediate danger, call the council’s children’s services (out of hours: the emergency duty team).',
    );
  }
  if (has('adult_at_risk')) {
    lines.push(
      contacts.adultsEmergencyDuty
        ? `If an adult is at risk but not in immediate danger, call our adult social care emergency duty team on ${contacts.adultsEmergencyDuty}.`
        : 'If an adult is at risk but not in immediate danger, call the council’s adult social care team (out of hours: the emergency duty team).',
    );
  }
  return lines.join('\n');
}
