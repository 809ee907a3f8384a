import type { DeterminationInput } from '../determination/determination-input.js';
import { evaluateDetermination, evaluateOutcome } from '../determination/evaluate-determination.js';
import { fixtureVersion, type PolicyFixture } from '../determination/policy-fixture.js';
import { compilePolicy } from './compile-policy.js';
import { EVALUATION_BUDGET, EvaluationBudgetExceededError } from './evaluation-budget.js';

/** Two requirement rules near the per-condition limit: each alone is allowed when drafted. */
const costlyRule = (id: string) => ({
  id,
  regime: 'ACS',
  kind: 'requirement' as const,
  condition: 'endUse.split("").exists(c, c == "z") && destination.groups.all(g, consignee.hqGroups.exists(h, h == g))',
  citation: 'test',
  explanation: 'a costly draft rule',
});
const policy: PolicyFixture = { regimes: { ACS: {} }, countries: { CN: { tier: 3, groups: ['D:5'] } }, rules: [costlyRule('r1'), costlyRule('r2')] };

function input(items: number): DeterminationInput {
  return {
    destination: 'CN',
    consignee: { id: 'c', country: 'CN', headquarters: 'CN' },
    items: Array.from({ length: items }, () => ({ kind: 'INTEGRATED_CIRCUIT' as const, tpp: 1, performanceDensity: 1 })),
  };
}

describe('evaluation budget', () => {
  const version = fixtureVersion(policy);
  const perItem = compilePolicy(version.state).itemCost;

  it('given costly rules, when few items are sent then the determination runs', () => {
    expect(perItem).toBeGreaterThan(10_000);
    expect(evaluateDetermination(input(2), version).outcome).toBe('NO_LICENSE_REQUIRED');
  });

  it('given costly rules, when the items times their cost exceed the budget then it is QUOTA_EXCEEDED before any rule runs, and always so', () => {
    const items = Math.floor(EVALUATION_BUDGET / perItem) + 1;
    for (const evaluate of [evaluateDetermination, evaluateOutcome]) {
      let refused: unknown;
      try {
        evaluate(input(items), version);
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(EvaluationBudgetExceededError);
      expect(refused).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { reason: 'EVALUATION_BUDGET', budget: EVALUATION_BUDGET, cost: perItem * items } });
    }
  });
});
