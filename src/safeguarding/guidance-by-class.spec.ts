import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { safetySignals } from '../channels/safety/safety-signals.js';
import { DANGER_KINDS, type DangerKind } from './detector/danger-kinds.js';
import { safeguardingGuidance } from './safeguarding-guidance.js';

interface Labelled {
  text: string;
  label: 'danger' | 'everyday';
  kind: DangerKind | 'none';
}

const corpus = JSON.parse(readFileSync(new URL('../../test/fixtures/safeguarding/messages.json', import.meta.url), 'utf8')) as Labelled[];
const contacts = { childrenEmergencyDuty: '01632 960 101', adultsEmergencyDuty: '01632 960 102' };
/** What the citizen is told, end to end: the detector's kinds, then the guidance for them. */
const guidanceFor = (text: string) => {
  const signals = safetySignals(text);
  return signals.danger ? safeguardingGuidance(signals.dangerKinds, contacts) : undefined;
};

/** The line that only guidance for this kind carries (999 alone for the emergencies where 999 is the help). */
const LINE: Record<DangerKind, string> = {
  medical: 'NHS 111',
  suicide_self_harm: 'Samaritans',
  domestic_abuse: '0808 2000 247',
  child_at_risk: '01632 960 101',
  adult_at_risk: '01632 960 102',
  fire: 'call 999 now',
  flood: 'call 999 now',
  crime_in_progress: 'call 999 now',
  threat_to_others: 'call 999 now',
};

describe('the guidance a citizen is given, by class of message', () => {
  it.each([
    ['my dad has collapsed and is not breathing', 'NHS 111'],
    ['my mum fell and she is unconscious', 'NHS 111'],
    ['I have taken a load of pills', 'NHS 111'],
    ["there's a fire in the flat below and we are stuck", 'call 999 now'],
    ["the neighbour's kids have been left on their own since yesterday", '01632 960 101'],
    ['I want to die', 'Samaritans'],
  ])('“%s” → 999 first, then the line naming %s', (text, line) => {
    const guidance = guidanceFor(text);
    expect(guidance?.split('\n')[0]).toContain('call 999 now');
    expect(guidance).toContain(line);
  });

  it.each(DANGER_KINDS)('gives the %s line for at least 90 %% of the corpus messages of that kind', (kind) => {
    const messages = corpus.filter((message) => message.kind === kind);
    const right = messages.filter((message) => guidanceFor(message.text)?.includes(LINE[kind]));
    expect(right.length / messages.length).toBeGreaterThanOrEqual(0.9);
  });

  it('gives no guidance for at least 97 % of the everyday messages, and never a line for a kind that was not named', () => {
    const everyday = corpus.filter((message) => message.label === 'everyday');
    const quiet = everyday.filter((message) => guidanceFor(message.text) === undefined);
    expect(quiet.length / everyday.length).toBeGreaterThanOrEqual(0.97);
    for (const message of corpus.filter((entry) => entry.label === 'danger')) {
      const signals = safetySignals(message.text);
      const guidance = safeguardingGuidance(signals.dangerKinds, contacts);
      for (const kind of ['domestic_abuse', 'child_at_risk', 'adult_at_risk'] as const) {
        if (!signals.dangerKinds.includes(kind)) expect(guidance).not.toContain(LINE[kind]);
      }
    }
  });
});
