import type { RuleDefinition } from '../rules/rule-definition.js';
import type { DeterminationInput, ItemInput } from './determination-input.js';
import { evaluateDetermination, evaluateOutcome } from './evaluate-determination.js';
import { fixtureVersion, type PolicyFixture } from './policy-fixture.js';

const DC_CHIPS = '["3A090.a"]';
const rules: RuleDefinition[] = [
  {
    id: 'cls.a',
    regime: 'ACS',
    kind: 'classification',
    eccn: '3A090.a',
    condition: 'item.kind == "INTEGRATED_CIRCUIT" && (item.tpp >= 4800.0 || (item.tpp >= 1600.0 && item.designedForDatacenter))',
    citation: 'ECCN 3A090.a, Note 2',
    explanation: 'classification with Note 2',
  },
  {
    id: 'req.d5',
    regime: 'ACS',
    kind: 'requirement',
    reviewPolicy: 'PRESUMPTION_OF_DENIAL',
    condition: `item.eccn in ${DC_CHIPS} && destination.country == "CN" && !(transaction == "EXPORT" && item.memoryBandwidth < 6500.0)`,
    citation: '742.6(b)(10)',
    explanation: 'denial unless exported below the bandwidth limit',
  },
  {
    id: 'req.d5.case-by-case',
    regime: 'ACS',
    kind: 'requirement',
    reviewPolicy: 'CASE_BY_CASE',
    condition: `item.eccn in ${DC_CHIPS} && destination.country == "CN" && transaction == "EXPORT" && item.memoryBandwidth < 6500.0`,
    citation: '91 FR 1684',
    explanation: 'case by case below the limit',
  },
  {
    id: 'exc.nac',
    regime: 'ACS',
    kind: 'exception',
    code: 'NAC',
    covers: ['req.d5', 'req.d5.case-by-case'],
    condition: 'item.eccn == "3A090.a" && !item.designedForDatacenter',
    citation: '15 CFR 740.8',
    explanation: 'NAC for parts not designed for datacenters',
    conditions: [
      { code: 'PURCHASE_ORDER', description: 'a written purchase order', citation: '740.8(b)' },
      { code: 'PRIOR_NOTIFICATION', description: 'notify BIS 25 days ahead', citation: '740.8(a)' },
    ],
  },
];

const policy: PolicyFixture = {
  regimes: { ACS: {} },
  countries: { CN: { groups: ['D:5'] } },
  rules,
  unconfirmed: { 'fixture#0': 'every piece of this fixture rests on one weak source' },
};

const chip = (extra: Partial<ItemInput> = {}): ItemInput => ({ kind: 'INTEGRATED_CIRCUIT', tpp: 5000, performanceDensity: 3, ...extra });
const toChina = (items: ItemInput[], extra: Partial<DeterminationInput> = {}): DeterminationInput => ({
  destination: 'CN',
  consignee: { id: 'cn-1', country: 'CN', headquarters: 'CN' },
  items,
  ...extra,
});

function decide(input: DeterminationInput, fixture = policy) {
  const version = fixtureVersion(fixture);
  const result = evaluateDetermination(input, version);
  expect(evaluateOutcome(input, version)).toBe(result.outcome);
  return result;
}

describe('what a ruling tells besides its outcome', () => {
  describe('given an exception with conditions', () => {
    it('when an item relies on it then the item and the determination list its conditions, sorted, with citations', () => {
      const result = decide(
        toChina([chip({ designedForDatacenter: false, memoryBandwidth: 1000 }), chip({ designedForDatacenter: false, memoryBandwidth: 1000 })], {
          transaction: 'EXPORT',
        }),
      );
      expect(result.outcome).toBe('LICENSE_EXCEPTION');
      const conditions = [
        { exception: 'NAC', code: 'PRIOR_NOTIFICATION', description: 'notify BIS 25 days ahead', citation: '740.8(a)' },
        { exception: 'NAC', code: 'PURCHASE_ORDER', description: 'a written purchase order', citation: '740.8(b)' },
      ];
      expect(result.items.map((item) => item.conditions)).toEqual([conditions, conditions]);
      expect(result.conditions).toEqual(conditions);
    });

    it('when the exception is not relied on then no condition is listed', () => {
      const result = decide(toChina([chip({ designedForDatacenter: true, memoryBandwidth: 1000 })], { transaction: 'EXPORT' }));
      expect([result.outcome, result.reviewPolicy]).toEqual(['LICENSE_REQUIRED', 'CASE_BY_CASE']);
      expect(result.conditions).toEqual([]);
      expect(result.items[0]?.conditions).toEqual([]);
    });
  });

  describe('given an input that leaves out facts the rules read', () => {
    it('when decided then the conservative reading decides, and each assumption names the rules that read it', () => {
      const result = decide(toChina([chip()]));
      expect([result.outcome, result.reviewPolicy]).toEqual(['LICENSE_REQUIRED', 'PRESUMPTION_OF_DENIAL']);
      expect(result.assumptions.map(({ fact, assumed, rules: readBy }) => ({ fact, assumed, rules: readBy }))).toEqual([
        { fact: 'items.0.memoryBandwidth', assumed: 'above any limit', rules: ['req.d5', 'req.d5.case-by-case'] },
        { fact: 'items.0.designedForDatacenter', assumed: true, rules: ['exc.nac'] },
      ]);
      expect(result.assumptions.every((assumption) => assumption.reason.startsWith('not given'))).toBe(true);
    });

    it("when a reading could not have changed a rule's value then that rule is not named (a 5,000 TPP chip is 3A090.a either way)", () => {
      const result = decide(toChina([chip({ memoryBandwidth: 4800 })]));
      expect(result.assumptions.map(({ fact, rules: readBy }) => ({ fact, rules: readBy }))).toEqual([
        { fact: 'transaction', rules: ['req.d5', 'req.d5.case-by-case'] },
        { fact: 'items.0.designedForDatacenter', rules: ['exc.nac'] },
      ]);
      expect([result.outcome, result.reviewPolicy]).toEqual(['LICENSE_REQUIRED', 'CASE_BY_CASE']);
    });

    it('when the facts are given then nothing is assumed, and they appear among the facts as given', () => {
      const result = decide(toChina([chip({ designedForDatacenter: true, memoryBandwidth: 4800 })], { transaction: 'REEXPORT' }));
      expect([result.outcome, result.reviewPolicy]).toEqual(['LICENSE_REQUIRED', 'PRESUMPTION_OF_DENIAL']);
      expect(result.assumptions).toEqual([]);
      expect(result.facts.transaction).toBe('REEXPORT');
      expect(result.facts.items).toEqual([expect.objectContaining({ designedForDatacenter: true, memoryBandwidth: 4800 })]);
    });

    it('when a fact is left out then it is not among the facts: only what the input said is', () => {
      const result = decide(toChina([chip()]));
      expect(JSON.parse(JSON.stringify(result.facts))).not.toHaveProperty('transaction');
      expect(Object.keys(JSON.parse(JSON.stringify(result.facts.items))[0])).not.toContain('designedForDatacenter');
    });

    it('when a rule that reads the fact is never reached for the item then nothing is assumed', () => {
      const result = decide({ destination: 'CN', consignee: { id: 'c', country: 'CN', headquarters: 'CN' }, items: [{ kind: 'MODEL_WEIGHTS' }] });
      expect(result.assumptions).toEqual([]);
    });
  });

  describe('given rules resting on an UNCONFIRMED change', () => {
    it('when they are relied on then each is a caveat with its note, once', () => {
      const result = decide(toChina([chip({ designedForDatacenter: true, memoryBandwidth: 9000 })], { transaction: 'EXPORT' }));
      expect(result.caveats).toEqual([
        {
          subject: 'rule cls.a',
          ruleId: 'cls.a',
          changeId: 'fixture#0',
          confidence: 'UNCONFIRMED',
          note: 'every piece of this fixture rests on one weak source',
        },
      ]);
    });

    it('when nothing relied on is UNCONFIRMED then there is no caveat', () => {
      expect(decide(toChina([chip()]), { ...policy, unconfirmed: {} }).caveats).toEqual([]);
    });
  });
});
