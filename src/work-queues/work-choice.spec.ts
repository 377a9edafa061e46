import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { assignWork, chooseAdvisor, type AdvisorForWork, type WorkToAssign } from './work-choice.js';

const advisor = (id: string, skills: string[], load = 0, limit = 10): AdvisorForWork => ({ id, skills, load, limit });
const work = (id: string, topic: string | null, skipped: string[] = []): WorkToAssign => ({ id, topic, skipped });
const noLoad = new Map<string, number>();

describe('automatic assignment of e-mail, form and social work', () => {
  it('gives an enquiry only to an advisor whose skills include its topic', () => {
    const advisors = [advisor('a', ['highways']), advisor('b', ['blue-badge'], 5)];
    expect(chooseAdvisor(work('e1', 'blue-badge'), advisors, noLoad)).toBe('b');
    expect(chooseAdvisor(work('e2', 'council-tax'), advisors, noLoad)).toBeUndefined();
  });

  it('gives an enquiry with no topic to any advisor, the least busy', () => {
    const advisors = [advisor('a', ['highways'], 3), advisor('b', [], 1), advisor('c', ['blue-badge'], 2)];
    expect(chooseAdvisor(work('e1', null), advisors, noLoad)).toBe('b');
  });

  it('never takes an advisor past their limit: what no one has room for stays in the queue', () => {
    const advisors = [advisor('a', ['highways'], 1, 2), advisor('b', ['highways'], 0, 0)];
    const waiting = ['e1', 'e2', 'e3'].map((id) => work(id, 'highways'));
    expect(assignWork(waiting, advisors)).toEqual([{ enquiryId: 'e1', advisorId: 'a' }]);
  });

  it('spreads the queue, soonest due first, over the least busy advisors as their load grows', () => {
    const advisors = [advisor('a', ['highways'], 2), advisor('b', ['highways'], 0)];
    const waiting = ['e1', 'e2', 'e3', 'e4'].map((id) => work(id, 'highways'));
    // b has 0 and takes e1 and e2 (then 2 each); the tie on e3 goes to the smaller id, a; e4 to b (2 against 3).
    expect(assignWork(waiting, advisors)).toEqual([
      { enquiryId: 'e1', advisorId: 'b' },
      { enquiryId: 'e2', advisorId: 'b' },
      { enquiryId: 'e3', advisorId: 'a' },
      { enquiryId: 'e4', advisorId: 'b' },
    ]);
  });

  it('breaks ties by advisor id, whatever order the advisors come in', () => {
    const advisors = [advisor('c', []), advisor('a', []), advisor('b', [])];
    expect(chooseAdvisor(work('e1', null), advisors, noLoad)).toBe('a');
    expect(chooseAdvisor(work('e1', null), [...advisors].reverse(), noLoad)).toBe('a');
  });

  it('skips an advisor who left the enquiry untouched before, even when they are the least busy', () => {
    const advisors = [advisor('a', ['highways'], 0), advisor('b', ['highways'], 4)];
    expect(chooseAdvisor(work('e1', 'highways', ['a']), advisors, noLoad)).toBe('b');
    expect(chooseAdvisor(work('e1', 'highways', ['a', 'b']), advisors, noLoad)).toBeUndefined();
  });

  it('holds for any queue and team: skills, limits and skips respected, and nothing assigned twice', () => {
    const topics = ['highways', 'blue-badge', 'council-tax'];
    const arbitraryAdvisor = fc.record({
      id: fc.uuid(),
      skills: fc.subarray(topics),
      load: fc.integer({ min: 0, max: 5 }),
      limit: fc.integer({ min: 0, max: 6 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitraryAdvisor, { selector: (a) => a.id, maxLength: 6 }),
        fc.array(fc.record({ topic: fc.option(fc.constantFrom(...topics)), skipIndex: fc.option(fc.nat(5)) }), { maxLength: 30 }),
        (advisors, queue) => {
          const waiting = queue.map((item, i) =>
            work(`e${i}`, item.topic, item.skipIndex !== null && advisors[item.skipIndex] ? [advisors[item.skipIndex].id] : []),
          );
          const assignments = assignWork(waiting, advisors);
          expect(new Set(assignments.map((a) => a.enquiryId)).size).toBe(assignments.length);
          for (const { enquiryId, advisorId } of assignments) {
            const enquiry = waiting.find((w) => w.id === enquiryId)!;
            const chosen = advisors.find((a) => a.id === advisorId)!;
            if (enquiry.topic) expect(chosen.skills).toContain(enquiry.topic);
            expect(enquiry.skipped).not.toContain(advisorId);
          }
          for (const a of advisors) {
            const given = assignments.filter((x) => x.advisorId === a.id).length;
            expect(given === 0 || a.load + given <= a.limit).toBe(true);
          }
          // Whatever stays in the queue had no advisor with the skill and room who had not skipped it.
          const load = new Map(advisors.map((a) => [a.id, a.load + assignments.filter((x) => x.advisorId === a.id).length]));
          for (const left of waiting.filter((w) => !assignments.some((x) => x.enquiryId === w.id))) {
            const able = advisors.filter(
              (a) => load.get(a.id)! < a.limit && (!left.topic || a.skills.includes(left.topic)) && !left.skipped.includes(a.id),
            );
            expect(able).toEqual([]);
          }
        },
      ),
    );
  });
});
