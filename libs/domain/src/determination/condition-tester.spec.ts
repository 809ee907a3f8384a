import { EvaluationError } from '@marcbachmann/cel-js';
import { compilePolicy } from './compile-policy.js';
import { ConsigneeFactsValue, CountryFactsValue, ItemFactsValue } from '../rules/cel-environment.js';
import { compileCondition, type CelActivation } from '../rules/compile-condition.js';
import { ConditionTester } from './condition-tester.js';
import { noteMasksOf, NOTED } from './fact-notes.js';
import { fixtureVersion } from './policy-fixture.js';

const CONDITIONS = [
  'item.eccn in ["3A090.a", "4A090.a"] && destination.tier == 1.0',
  'item.eccn == "3A090.a" && !("D:5" in destination.groups) && item.tpp >= params["tpp"]',
  'item.kind == "INTEGRATED_CIRCUIT" && params["missing"] > 1.0 && destination.tier == 2.0',
  'destination.tier == 2.0 && item.tpp >= params["missing"]',
  '!(destination.tier == 1.0) && consignee.hqTier != 3.0',
  'item.tpp > 10.0 || params["missing"] > 1.0',
  '"D:5" in consignee.hqGroups && params["missing"] > 1.0',
  'params["missing"] > 1.0 && item.eccn == "EAR99"',
  'item.eccn.startsWith("3A0") && destination.tier == 1.0',
  '(item.eccn in ["3A090.a"] || item.eccn.matches("^4A")) && params["missing"] > 1.0',
];

type Outcome = boolean | 'error';

/** The condition run whole by cel-js, as the reference. */
function whole(expression: string, activation: CelActivation): Outcome {
  try {
    return compileCondition(expression).evaluate(activation);
  } catch (error) {
    if (error instanceof EvaluationError) return 'error';
    throw error;
  }
}

function rule(condition: string) {
  return { id: 'r', regime: 'R', kind: 'requirement' as const, condition, citation: 'c', explanation: 'e' };
}

function activations(): CelActivation[] {
  const found: CelActivation[] = [];
  for (const [country, tier, groups] of [
    ['DE', 1, ['A:5']],
    ['IN', 2, []],
    ['CN', 3, ['D:5']],
  ] as const) {
    for (const eccn of ['3A090.a', 'EAR99']) {
      for (const tpp of [5, 15831]) {
        found.push({
          destination: new CountryFactsValue(country, tier, [...groups]),
          consignee: new ConsigneeFactsValue('c', country, country, '', '', tier, [...groups], 0, []),
          item: new ItemFactsValue(0, 'INTEGRATED_CIRCUIT', eccn, tpp, 19.4, 1, tpp, 0, false),
          params: { tpp: 4800 },
          transaction: 'EXPORT',
          ledger: {},
          endUse: '',
        });
      }
    }
  }
  return found;
}

describe('ConditionTester', () => {
  describe('given conditions split into item guards, shared conjuncts and a per-item rest', () => {
    it.each(CONDITIONS)('when %s is tested in parts then it has the value of the whole condition, errors included', (expression) => {
      const policy = compilePolicy(fixtureVersion({ parameters: { tpp: 4800 }, rules: [rule(expression)] }).state);
      for (const activation of activations()) {
        const tested = new ConditionTester(policy).test(policy.requirement[0]!, activation);
        expect(typeof tested === 'object' ? 'error' : tested).toBe(whole(expression, activation));
      }
    });
  });

  describe('given two rules sharing a conjunct', () => {
    it('when both are tested then the conjunct is compiled once and evaluated once per determination', () => {
      const policy = compilePolicy(
        fixtureVersion({
          rules: [
            { ...rule('item.tpp > 1.0 && destination.tier == 1.0'), id: 'a' },
            { ...rule('destination.tier == 1.0'), id: 'b' },
          ],
        }).state,
      );
      expect(policy.shared.map((s) => s.key)).toEqual(['destination.tier == 1.0']);
      let evaluations = 0;
      const counted = { ...policy, shared: policy.shared.map((s) => ({ ...s, program: (a: CelActivation) => (evaluations++, s.program(a)) })) };
      const tester = new ConditionTester(counted);
      const [activation] = activations();
      for (const compiled of counted.requirement) tester.test(compiled, activation!);
      expect(evaluations).toBe(1);
    });
  });

  describe('given a tester that keeps what the notes need', () => {
    it('when rules are tested and valued under an alternative then it gains no field (one hidden class, whatever ran first)', () => {
      const policy = compilePolicy(
        fixtureVersion({ parameters: { tpp: 4800 }, rules: CONDITIONS.map((expression, index) => ({ ...rule(expression), id: `r${index}` })) }).state,
      );
      const tester = new ConditionTester(policy, undefined, noteMasksOf(policy));
      const fields = Object.keys(tester);
      const alternative = { bit: NOTED.tpp, variant: -1, of: (activation: CelActivation) => activation };
      for (const activation of activations()) {
        for (const compiled of policy.requirement) {
          tester.test(compiled, activation);
          tester.valueUnder(compiled, activation, alternative);
        }
      }
      expect(Object.keys(tester)).toEqual(fields);
    });
  });
});
