import { DomainError } from '../errors/domain-error.js';
import type { CompiledPolicy } from './compile-policy.js';

/**
 * The most estimated work one determination may do, in the cost units of condition-cost.ts:
 * every condition of the policy once per item. The real policies cost about 6,000 per item, so
 * 1,000 items fit; a policy made of costly draft rules does not (docs/adr/016-bounded-rule-evaluation.md).
 */
export const EVALUATION_BUDGET = 20_000_000;

/** A determination whose estimated work exceeds EVALUATION_BUDGET: refused before any rule runs. */
export class EvaluationBudgetExceededError extends DomainError {
  constructor(cost: number, items: number) {
    super(
      'QUOTA_EXCEEDED',
      `the determination's estimated cost ${cost} (${items} items at ${cost / items} each) exceeds the evaluation budget of ${EVALUATION_BUDGET}; send fewer items`,
      { reason: 'EVALUATION_BUDGET', cost, budget: EVALUATION_BUDGET },
    );
  }
}

/**
 * Checked before evaluation: the cost is a sound upper bound computed from the compiled policy
 * and the number of items alone, so the same determination is always refused or always run,
 * whatever was cached, and a replay decides exactly as the original did.
 * @throws EvaluationBudgetExceededError
 */
export function checkEvaluationBudget(policy: CompiledPolicy, items: number): void {
  const cost = policy.itemCost * items;
  if (cost > EVALUATION_BUDGET) throw new EvaluationBudgetExceededError(cost, items);
}
