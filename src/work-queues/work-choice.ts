/**
 * Automatic assignment's choice, as a pure function: each waiting enquiry, in the order given (soonest due first),
 * goes to the least-busy advisor whose skills include its topic (any advisor when it has none), whose open assigned
 * work is under their limit, and who has not let it go untouched before. Ties go to the advisor with the smaller id,
 * so two runs over the same state choose alike. An enquiry no advisor can take stays in the queue.
 */

export interface WorkToAssign {
  id: string;
  topic: string | null;
  /** Advisors who left it untouched when it was theirs. */
  skipped: readonly string[];
}

export interface AdvisorForWork {
  id: string;
  skills: readonly string[];
  /** Open assigned work the advisor may hold at most. */
  limit: number;
  /** Open assigned work the advisor holds now. */
  load: number;
}

export interface WorkAssignment {
  enquiryId: string;
  advisorId: string;
}

/** The advisor for one enquiry, given each advisor's load, or undefined. */
export function chooseAdvisor(
  work: WorkToAssign,
  advisors: readonly AdvisorForWork[],
  load: ReadonlyMap<string, number>,
): string | undefined {
  let chosen: { id: string; load: number } | undefined;
  for (const advisor of advisors) {
    const held = load.get(advisor.id) ?? advisor.load;
    if (held >= advisor.limit) continue;
    if (work.topic && !advisor.skills.includes(work.topic)) continue;
    if (work.skipped.includes(advisor.id)) continue;
    if (!chosen || held < chosen.load || (held === chosen.load && advisor.id < chosen.id)) chosen = { id: advisor.id, load: held };
  }
  return chosen?.id;
}

/** Assignments for the waiting enquiries in order, each counting towards its advisor's load for the next. */
export function assignWork(waiting: readonly WorkToAssign[], advisors: readonly AdvisorForWork[]): WorkAssignment[] {
  const load = new Map(advisors.map((advisor) => [advisor.id, advisor.load]));
  const assignments: WorkAssignment[] = [];
  for (const work of waiting) {
    const advisorId = chooseAdvisor(work, advisors, load);
    if (!advisorId) continue;
    load.set(advisorId, (load.get(advisorId) ?? 0) + 1);
    assignments.push({ enquiryId: work.id, advisorId });
  }
  return assignments;
}
