import { describe, expect, it } from '@jest/globals';
import { DANGER_KINDS, type DangerKind } from './detector/danger-kinds.js';
import { safeguardingGuidance } from './safeguarding-guidance.js';

describe('safeguardingGuidance: the right help for the kind of danger', () => {
  it.each(DANGER_KINDS)('starts with 999 and text 999 for deaf people, whatever the kind (%s)', (kind) => {
    const [first] = safeguardingGuidance([kind]).split('\n');
    expect(first).toContain('call 999 now');
    expect(first).toContain('text 999');
  });

  const lineFor: [DangerKind, string][] = [
    ['medical', '111'],
    ['suicide_self_harm', 'Samaritans'],
    ['suicide_self_harm', '116 123'],
    ['domestic_abuse', '0808 2000 247'],
    ['domestic_abuse', 'press 55'],
    ['child_at_risk', 'children’s'],
    ['adult_at_risk', 'adult social care'],
  ];
  it.each(lineFor)('%s guidance names %s, and no other kind’s does', (kind, words) => {
    expect(safeguardingGuidance([kind])).toContain(words);
    const others = DANGER_KINDS.filter((other) => other !== kind && !lineFor.some(([k, w]) => k === other && w === words));
    for (const other of others) expect(safeguardingGuidance([other])).not.toContain(words);
  });

  it('gives only 999 for fire, flood, crime in progress and threats to others: the emergency services are the help', () => {
    for (const kind of ['fire', 'flood', 'crime_in_progress', 'threat_to_others'] as const)
      expect(safeguardingGuidance([kind]).split('\n')).toHaveLength(1);
  });

  it('gives the council’s own emergency duty numbers when they are set', () => {
    const contacts = { childrenEmergencyDuty: '01632 960 101', adultsEmergencyDuty: '01632 960 102' };
    expect(safeguardingGuidance(['child_at_risk'], contacts)).toContain('01632 960 101');
    expect(safeguardingGuidance(['adult_at_risk'], contacts)).toContain('01632 960 102');
    expect(safeguardingGuidance(['child_at_risk'], contacts)).not.toContain('01632 960 102');
  });

  it('combines the lines of several kinds, 999 once', () => {
    const guidance = safeguardingGuidance(['domestic_abuse', 'child_at_risk']);
    expect(guidance.match(/call 999 now/g)).toHaveLength(1);
    expect(guidance).toContain('0808 2000 247');
    expect(guidance).toContain('children’s');
  });

  it('still gives 999 when the kind is not known', () => {
    expect(safeguardingGuidance([])).toContain('call 999 now');
  });
});
