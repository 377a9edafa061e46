import type { EntityManager } from 'typeorm';
import { DomainError, type FieldProblem } from '../common/errors/domain-error.js';
import { DEFAULT_OUTCOME_CODES, outcomeFor, type WrapUpSettings, type WrapUpStep } from './outcome-rule.js';
import { OutcomeCodeEntity, WrapUpSettingEntity } from './wrap-up.entities.js';

/**
 * How other contexts read wrap-up outcomes inside their own transaction and tenant: the organisation's settings, and
 * the outcome a step records (the rule `outcomeFor`, refusals as 400). Nothing outside src/wrap-up writes the tables.
 */

/** The organisation's codes (active or not, in order) and whether an outcome is required; the defaults until it sets its own. */
export async function wrapUpSettings(m: EntityManager): Promise<WrapUpSettings & { updatedAt: Date | null }> {
  const setting = await m.findOne(WrapUpSettingEntity, { where: {} });
  if (!setting) return { required: false, codes: DEFAULT_OUTCOME_CODES, updatedAt: null };
  const codes = await m.find(OutcomeCodeEntity, { order: { position: 'asc', code: 'asc' } });
  return {
    required: setting.outcomeRequired,
    codes: codes.map(({ code, label, active }) => ({ code, label, active })),
    updatedAt: setting.updatedAt,
  };
}

/** The outcome a step records, by `outcomeFor`: a code, or null to keep the enquiry's. Refused with 400, the field named. */
export async function wrapUpOutcome(
  m: EntityManager,
  step: WrapUpStep,
  given: string | undefined,
  current: string | null,
): Promise<string | null> {
  const decision = outcomeFor(await wrapUpSettings(m), step, given, current);
  if (decision.refusal) {
    const problem: FieldProblem = { field: 'outcome', problem: decision.refusal.problem };
    throw new DomainError(400, decision.refusal.code, `Invalid request: ${problem.problem}`, [problem]);
  }
  return decision.outcome;
}

/** Each code's label, inactive ones included (for showing outcomes already recorded). */
export async function outcomeLabels(m: EntityManager): Promise<Map<string, string>> {
  return new Map((await wrapUpSettings(m)).codes.map((code) => [code.code, code.label]));
}
