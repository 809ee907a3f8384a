import { PolicyInvalidError } from '../errors/domain-error.js';
import { ConsigneeFactsValue, CountryFactsValue, ItemFactsValue } from './cel-environment.js';
import { compileCondition, type CelActivation } from './compile-condition.js';
import { ConditionInvalidError } from './condition-error.js';

function activation(item: Partial<ItemFactsValue> = {}): CelActivation {
  const chip = new ItemFactsValue(0, 'INTEGRATED_CIRCUIT', '3A090.a', 15831, 19.4, 8, 126648, 0, false);
  return {
    destination: new CountryFactsValue('CN', 3, ['D:1', 'D:5']),
    consignee: new ConsigneeFactsValue('c1', 'CN', 'CN', '', '', 3, ['D:5'], 0, []),
    item: Object.assign(chip, item),
    params: { '3a090.tpp': 4800 },
    ledger: { LPP: 100 },
    endUse: '',
    transaction: 'EXPORT',
  };
}

function compileError(expression: string, ruleId?: string): ConditionInvalidError {
  try {
    compileCondition(expression, ruleId);
  } catch (error) {
    if (error instanceof ConditionInvalidError) return error;
    throw error;
  }
  throw new Error(`expected ${expression} not to compile`);
}

describe('compileCondition', () => {
  describe('given a condition over the facts vocabulary', () => {
    it('when evaluated then it reads items, countries, parameters and the ledger', () => {
      const condition = compileCondition('item.tpp >= params["3a090.tpp"] && "D:5" in destination.groups && consignee.hqTier == 3.0 && ledger["LPP"] < 200.0');
      expect(condition.evaluate(activation())).toBe(true);
      expect(condition.evaluate(activation({ tpp: 100 }))).toBe(false);
    });

    it('when int literals are compared with double facts then the relational operators accept them', () => {
      expect(compileCondition('destination.tier >= 3 && item.quantity > 1').evaluate(activation())).toBe(true);
    });
  });

  describe('given a syntax error', () => {
    it('when compiled then POLICY_INVALID names offset, line and column', () => {
      const error = compileError('item.tpp >=\n  && true', 'r1');
      expect(error).toBeInstanceOf(PolicyInvalidError);
      expect(error.code).toBe('POLICY_INVALID');
      expect([error.line, error.column]).toEqual([2, 3]);
      expect(error.details).toEqual({ field: 'condition', position: 14, ruleId: 'r1', line: 2, column: 3 });
      expect(error.message).toMatch(/^rule r1: condition invalid at line 2, column 3: /);
    });
  });

  describe('given a condition naming facts that do not exist', () => {
    it.each([
      ['an unknown field', 'item.foo > 1', 5],
      ['an unknown variable', 'bogus > 1', 0],
      ['an unknown field deep in the text', 'item.tpp > 1.0 && consignee.tier == 1.0', 28],
    ])('when it names %s then it is rejected at compile time with the position', (_, expression, offset) => {
      const error = compileError(expression);
      expect(error.message).toContain('references unknown facts');
      expect(error.location.position).toBe(offset);
    });
  });

  describe('given a type fault', () => {
    it('when a double fact is tested for equality with an int literal then the hint says to write a double', () => {
      expect(compileError('destination.tier == 1').message).toContain('write number literals as doubles, e.g. 1.0');
    });

    it('when the condition is not a bool then it is rejected', () => {
      expect(compileError('item.tpp').message).toContain('must be a bool expression, got double');
    });
  });

  describe('given parameter reads', () => {
    it('when compiled then the parameter names read are listed, sorted and once each', () => {
      const condition = compileCondition('item.tpp >= params["b.x"] || item.tpp >= params.a || ("c" in params && params["b.x"] > 1.0)');
      expect(condition.parameters).toEqual(['a', 'b.x', 'c']);
    });

    it('when params is read with a computed key then it is rejected: the trace could not name the parameter', () => {
      const error = compileError('params[item.eccn] > 1.0');
      expect(error.message).toContain('params must be read one parameter at a time');
      expect(error.location.position).toBe(0);
    });
  });

  describe('given what a condition reads about the item', () => {
    it('when it never names item then it is marked item-independent', () => {
      expect(compileCondition('"D:5" in destination.groups').readsItem).toBe(false);
      expect(compileCondition('item.tpp > 1.0').readsItem).toBe(true);
    });

    it('when top-level conjuncts pin the ECCN or kind then they become guards', () => {
      const { eccnIn, kindIn } = compileCondition('item.eccn in ["3A090.a", "4A090.a"] && item.kind == "COMPUTER" && "4A090.a" == item.eccn');
      expect(eccnIn).toEqual(new Set(['4A090.a']));
      expect(kindIn).toEqual(new Set(['COMPUTER']));
    });

    it('when a conjunct reads nothing but the ECCN then it is kept apart, to be remembered per ECCN', () => {
      const condition = compileCondition('(item.eccn in ["3A090.a"] || item.eccn.startsWith("4A")) && item.tpp > 1.0 && destination.tier == 1.0');
      expect(condition.byEccn?.key).toBe('item.eccn in ["3A090.a"] || item.eccn.startsWith("4A")');
      expect(condition.perItem?.key).toBe('item.tpp > 1.0');
      expect(condition.shared.map((c) => c.key)).toEqual(['destination.tier == 1.0']);
    });

    it('when the ECCN test sits under a disjunction then it is no guard', () => {
      const { eccnIn, kindIn } = compileCondition('item.eccn == "3A090.a" || destination.tier == 3.0');
      expect([eccnIn, kindIn]).toEqual([null, null]);
    });
  });
});
