import { compilePolicy, type CompiledPolicy } from './compile-policy.js';
import type { RuleDefinition } from '../rules/rule-definition.js';
import type { DeterminationInput } from './determination-input.js';
import { evaluateDetermination, evaluateOutcome } from './evaluate-determination.js';
import { fixtureVersion, type PolicyFixture } from './policy-fixture.js';
import { ConditionMemo, FULL_RESULT_BOUND, FULL_RESULT_KEY_LENGTH, FULL_RESULT_ROWS } from './condition-memo.js';

function requirement(id: string, condition: string): RuleDefinition {
  return { id, regime: 'R', kind: 'requirement', reviewPolicy: 'CASE_BY_CASE', condition, citation: 'c', explanation: 'e' };
}

const fixture: PolicyFixture = {
  countries: { DE: { tier: 1 }, IN: { tier: 2 }, CN: { tier: 3, groups: ['D:5'] } },
  parameters: { limit: 100 },
  rules: [
    requirement('by-destination', 'destination.tier == 3.0 && item.tpp > 0.0'),
    requirement('by-headquarters', '"D:5" in consignee.hqGroups && item.tpp > 0.0'),
    requirement('by-end-use', 'endUse == "military" && item.tpp > 0.0'),
    requirement('by-ledger', 'ledger["LPP"] > params["limit"] && item.tpp > 0.0'),
    requirement('by-item', 'item.tpp * item.quantity > params["limit"] || endUse == "military"'),
    requirement('by-item-and-ledger', 'item.tpp > ledger["LPP"]'),
    requirement('by-sign', '1.0 / item.tpp < 0.0'),
  ],
  regimes: { R: {} },
};

function compiled(): CompiledPolicy {
  return compilePolicy(fixtureVersion(fixture).state);
}

function input(destination: string, headquarters: string, extra: Partial<DeterminationInput> = {}): DeterminationInput {
  return { destination, consignee: { id: `c-${destination}`, country: destination, headquarters }, items: [{ kind: 'INTEGRATED_CIRCUIT', tpp: 10 }], ...extra };
}

/** Items on both sides of the by-item limit (tpp x quantity > 100), and 0 before -0, which a Map key would take for 0. */
const ITEM_SETS = [
  [{ tpp: 10, quantity: 5 }],
  [{ tpp: 10, quantity: 20 }],
  [
    { tpp: 50, quantity: 2 },
    { tpp: 101, quantity: 1 },
  ],
  [{ tpp: 0, quantity: 1 }],
  [{ tpp: -0, quantity: 1 }],
];

function sharedValuesFor(memo: ConditionMemo, determination: DeterminationInput) {
  return memo.sharedValues(memo.contextKey(determination));
}

describe('ConditionMemo', () => {
  it('given the full engine bound (a full result), then a long end use or a memo past its rows adds no row, and rows already held still serve', () => {
    const memo = new ConditionMemo(compiled());
    const key = (endUse: string) => memo.contextKey(input('DE', 'IN', { endUse }));
    const long = 'x'.repeat(FULL_RESULT_KEY_LENGTH);
    expect(memo.sharedValues(key(long), FULL_RESULT_BOUND)).not.toBe(memo.sharedValues(key(long), FULL_RESULT_BOUND));
    const kept = memo.sharedValues(key('use 0'), FULL_RESULT_BOUND);
    expect(memo.sharedValues(key('use 0'), FULL_RESULT_BOUND)).toBe(kept);
    for (let index = 1; index < FULL_RESULT_ROWS + 10; index++) memo.sharedValues(key(`use ${index}`), FULL_RESULT_BOUND);
    const past = key(`use ${FULL_RESULT_ROWS + 5}`);
    expect(memo.sharedValues(past, FULL_RESULT_BOUND)).not.toBe(memo.sharedValues(past, FULL_RESULT_BOUND));
    expect(memo.sharedValues(key('use 0'), FULL_RESULT_BOUND)).toBe(kept);
    // evaluateOutcome's own bound is the wider one.
    expect(memo.sharedValues(past)).toBe(memo.sharedValues(past));
  });

  it('given conjuncts reading the destination, headquarters and end use, then determinations agreeing on those share their values', () => {
    const memo = new ConditionMemo(compiled());
    const first = sharedValuesFor(memo, input('DE', 'IN'));
    expect(sharedValuesFor(memo, input('DE', 'IN', { consignee: { id: 'someone else', country: 'FR', headquarters: 'IN' } }))).toBe(first);
    expect(sharedValuesFor(memo, input('DE', 'CN'))).not.toBe(first);
    expect(sharedValuesFor(memo, input('IN', 'IN'))).not.toBe(first);
    expect(sharedValuesFor(memo, input('DE', 'IN', { endUse: 'military' }))).not.toBe(first);
  });

  it('given a conjunct reading the ledger, then its value is not remembered', () => {
    const policy = compiled();
    const memo = new ConditionMemo(policy);
    const byLedger = policy.shared.findIndex((conjunct) => conjunct.key.includes('ledger'));
    expect(byLedger).toBeGreaterThanOrEqual(0);
    expect(memo.remembered[byLedger]).toBe(false);
    expect(memo.remembered.filter((remembered) => remembered)).toHaveLength(policy.shared.length - 1);
  });

  it('given per-item parts, then they are remembered by the item and context facts they read, except one reading the ledger', () => {
    const policy = compiled();
    const memo = new ConditionMemo(policy);
    const byItem = policy.requirement.find((rule) => rule.rule.id === 'by-item');
    const byLedger = policy.requirement.find((rule) => rule.rule.id === 'by-item-and-ledger');
    expect(byItem && memo.perItem(byItem)).toBeTruthy();
    expect(byLedger && memo.perItem(byLedger)).toBeNull();
  });

  it("given one compiled policy for many determinations, then every outcome is the full engine's", () => {
    const version = fixtureVersion(fixture);
    const policy = compiled();
    const cases: Array<[DeterminationInput, Record<string, number>]> = [];
    for (const destination of ['DE', 'IN', 'CN']) {
      for (const headquarters of ['DE', 'CN']) {
        for (const endUse of [undefined, 'military']) {
          for (const used of [0, 20, 101]) {
            for (const items of ITEM_SETS) {
              const given = items.map((item) => ({ kind: 'INTEGRATED_CIRCUIT' as const, ...item }));
              cases.push([input(destination, headquarters, { items: given, ...(endUse ? { endUse } : {}) }), { LPP: used }]);
            }
          }
        }
      }
    }
    // Twice over, so the second pass reads what the first remembered.
    for (const [determination, ledger] of [...cases, ...cases]) {
      const outcome = evaluateOutcome(determination, version, { ledger, compiled: policy });
      expect({ determination, ledger, outcome }).toEqual({
        determination,
        ledger,
        outcome: evaluateDetermination(determination, version, { ledger, compiled: policy }).outcome,
      });
    }
    const outcomes = cases.map(([determination, ledger]) => evaluateOutcome(determination, version, { ledger, compiled: policy }));
    expect(new Set(outcomes)).toEqual(new Set(['LICENSE_REQUIRED', 'NO_LICENSE_REQUIRED']));
    expect(evaluateOutcome(input('DE', 'DE'), version, { ledger: { LPP: 101 }, compiled: policy })).toBe('LICENSE_REQUIRED');
    expect(evaluateOutcome(input('DE', 'DE'), version, { ledger: { LPP: 20 }, compiled: policy })).toBe('NO_LICENSE_REQUIRED');
  });
});
