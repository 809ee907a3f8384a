import type { RuleDefinition } from '../rules/rule-definition.js';
import { compilePolicy } from './compile-policy.js';
import type { DeterminationInput, ItemInput } from './determination-input.js';
import type { DeterminationResult, TraceEntry } from './determination-result.js';
import { DeterminationRun, ENGINE_VERSION, evaluateDetermination, evaluateOutcome, evaluateOutcomes } from './evaluate-determination.js';
import { FIXTURE_PROVENANCE, fixtureVersion, type PolicyFixture } from './policy-fixture.js';

const H100_TPP = 15_831;
const CHIPS = '["3A090.a", "4A090.a"]';
const LPP_CAP = 26_900_000;

const rules: RuleDefinition[] = [
  {
    id: 'cls-3a090a',
    regime: 'ACS',
    kind: 'classification',
    priority: 10,
    eccn: '3A090.a',
    condition: 'item.kind == "INTEGRATED_CIRCUIT" && item.tpp >= params["3a090.tpp"]',
    citation: 'ECCN 3A090.a',
    explanation: 'ICs with TPP of 4800 or more',
  },
  {
    id: 'cls-4a090a',
    regime: 'ACS',
    kind: 'classification',
    priority: 20,
    eccn: '4A090.a',
    condition: 'item.kind == "COMPUTER" && item.tpp >= params["3a090.tpp"]',
    citation: 'ECCN 4A090.a',
    explanation: 'computers containing 3A090.a ICs',
  },
  {
    id: 'req-d5',
    regime: 'ACS',
    kind: 'requirement',
    reviewPolicy: 'PRESUMPTION_OF_DENIAL',
    condition: `item.eccn in ${CHIPS} && (destination.tier == 3.0 || consignee.hqTier == 3.0)`,
    citation: '15 CFR 742.6(a)(6)(iii)(A)',
    explanation: 'D:5 or Macau destinations and headquarters',
  },
  {
    id: 'req-worldwide',
    regime: 'AID',
    kind: 'requirement',
    reviewPolicy: 'CASE_BY_CASE',
    condition: `item.eccn in ${CHIPS}`,
    citation: '15 CFR 742.6(a)(6)(iii)(A) (2025)',
    explanation: 'worldwide license requirement',
  },
  {
    id: 'exc-aia',
    regime: 'AID',
    kind: 'exception',
    code: 'AIA',
    covers: ['req-worldwide'],
    condition: `item.eccn in ${CHIPS} && destination.tier == 1.0 && consignee.hqTier == 1.0`,
    citation: '15 CFR 740.27',
    explanation: 'Artificial Intelligence Authorization',
  },
  {
    id: 'exc-lpp',
    regime: 'AID',
    kind: 'exception',
    code: 'LPP',
    covers: ['req-worldwide'],
    cap: { ledger: 'LPP', parameter: 'lpp.cap.tpp', measure: 'totalTpp' },
    condition: `item.eccn in ${CHIPS} && destination.tier == 2.0 && consignee.hqTier != 3.0`,
    citation: '15 CFR 740.29',
    explanation: 'Low Processing Performance',
  },
];

const policy: PolicyFixture = {
  regimes: { ACS: {}, AID: {} },
  countries: {
    US: { tier: 1 },
    DE: { tier: 1, groups: ['A:5'] },
    CN: { tier: 3, groups: ['D:1', 'D:4', 'D:5'] },
    IN: { groups: ['A:5'] },
  },
  parameters: { '3a090.tpp': 4800, 'lpp.cap.tpp': LPP_CAP, 'tier.default': 2 },
  rules,
};

const chip = (quantity: number, extra: Partial<ItemInput> = {}): ItemInput => ({ kind: 'INTEGRATED_CIRCUIT', tpp: H100_TPP, quantity, ...extra });

function input(destination: string, items: ItemInput[], headquarters = destination): DeterminationInput {
  return { destination, consignee: { id: 'acme', country: destination, headquarters }, items };
}

function decide(determination: DeterminationInput, fixture: PolicyFixture = policy, ledger?: Record<string, number>): DeterminationResult {
  const version = fixtureVersion(fixture);
  const options = ledger ? { ledger } : {};
  const result = evaluateDetermination(determination, version, options);
  // Every case here also holds the outcome-only mode to the full engine's outcome.
  expect(evaluateOutcome(determination, version, options)).toBe(result.outcome);
  return result;
}

const entry = (result: DeterminationResult, ruleId: string, item = 0): TraceEntry | undefined =>
  result.trace.find((t) => t.ruleId === ruleId && t.item === item);

describe('evaluateDetermination', () => {
  describe('given an item below every threshold', () => {
    it('when shipped to a Tier 2 country then no license is required and it is EAR99', () => {
      const result = decide(input('IN', [chip(1, { tpp: 1000 })]));
      expect(result.outcome).toBe('NO_LICENSE_REQUIRED');
      expect(result.reviewPolicy).toBeNull();
      expect(result.items).toEqual([
        { index: 0, eccn: 'EAR99', outcome: 'NO_LICENSE_REQUIRED', reviewPolicy: null, exceptions: [], requirements: [], conditions: [] },
      ]);
      expect(result.enforcement).toEqual([]);
    });
  });

  describe('given H100-class chips and no ECCN in the input', () => {
    it('when decided then the first matching classification rule in priority order assigns 3A090.a', () => {
      const result = decide(input('CN', [chip(8)]));
      expect(result.items[0]?.eccn).toBe('3A090.a');
      expect(result.trace.filter((t) => t.kind === 'classification').map((t) => [t.ruleId, t.matched])).toEqual([['cls-3a090a', true]]);
    });

    it('when the input names the ECCN then classification rules are not consulted', () => {
      const result = decide(input('CN', [chip(8, { kind: 'COMPUTER', eccn: '4A090.a' })]));
      expect(result.items[0]?.eccn).toBe('4A090.a');
      expect(result.trace.some((t) => t.kind === 'classification')).toBe(false);
    });
  });

  describe('given chips to a D:5 country', () => {
    it('when decided then a license is required under the most restrictive review policy of the requirements', () => {
      const result = decide(input('CN', [chip(8)]));
      expect(result.outcome).toBe('LICENSE_REQUIRED');
      expect(result.reviewPolicy).toBe('PRESUMPTION_OF_DENIAL');
      expect(result.items[0]?.requirements).toEqual(['req-d5', 'req-worldwide']);
      expect(entry(result, 'req-d5')?.note).toBe('not covered by an eligible exception: license required (PRESUMPTION_OF_DENIAL)');
    });
  });

  describe('given chips to a Tier 1 consignee headquartered in Tier 1', () => {
    it('when decided then AIA covers the worldwide requirement', () => {
      const result = decide(input('DE', [chip(1000)]));
      expect(result.outcome).toBe('LICENSE_EXCEPTION');
      expect(result.exceptions).toEqual(['AIA']);
      expect(result.items[0]).toMatchObject({ outcome: 'LICENSE_EXCEPTION', exceptions: ['AIA'], reviewPolicy: null });
      expect(entry(result, 'req-worldwide')).toMatchObject({ matched: true, note: 'covered by AIA' });
      expect(result.ledgerDraws).toEqual([]);
    });

    it('when the consignee is headquartered in a D:5 country then the D:5 requirement stays uncovered', () => {
      const result = decide(input('DE', [chip(10)], 'CN'));
      expect(result.outcome).toBe('LICENSE_REQUIRED');
      expect(result.reviewPolicy).toBe('PRESUMPTION_OF_DENIAL');
      expect(entry(result, 'exc-aia')?.matched).toBe(false);
    });
  });

  describe('given the LPP cap of 26,900,000 TPP and year-to-date ledger figures', () => {
    const units = 100;
    const measure = H100_TPP * units;

    it.each([
      ['below the cap', 'LICENSE_EXCEPTION', LPP_CAP - measure - 1],
      ['exactly at the cap', 'LICENSE_EXCEPTION', LPP_CAP - measure],
      ['above the cap', 'LICENSE_REQUIRED', LPP_CAP - measure + 1],
    ])('when the shipment lands %s then the outcome is %s', (_, outcome, used) => {
      const result = decide(input('IN', [chip(units)]), policy, { LPP: used });
      expect(result.outcome).toBe(outcome);
      if (outcome === 'LICENSE_EXCEPTION') {
        expect(result.exceptions).toEqual(['LPP']);
        expect(result.ledgerDraws).toEqual([{ ledger: 'LPP', amount: measure, usedBefore: used, cap: LPP_CAP }]);
      } else {
        expect(result.reviewPolicy).toBe('CASE_BY_CASE');
        expect(result.ledgerDraws).toEqual([]);
        expect(entry(result, 'exc-lpp')).toMatchObject({ matched: true, note: `cap exceeded: used ${used} + ${measure} > cap ${LPP_CAP}` });
      }
    });

    it('when earlier items of the same determination used the cap then later items see those draws', () => {
      const result = decide(input('IN', [chip(1000), chip(1000)]), policy, { LPP: 10_000_000 });
      expect(result.items.map((i) => i.outcome)).toEqual(['LICENSE_EXCEPTION', 'LICENSE_REQUIRED']);
      expect(result.ledgerDraws).toEqual([{ ledger: 'LPP', amount: 15_831_000, usedBefore: 10_000_000, cap: LPP_CAP }]);
      expect(entry(result, 'exc-lpp', 1)?.note).toBe(`cap exceeded: used 25831000 + 15831000 > cap ${LPP_CAP}`);
    });

    it('when the cap parameter is consulted then it is reported among the parameters', () => {
      const result = decide(input('IN', [chip(1)]));
      expect(result.facts['parameters']).toEqual({ '3a090.tpp': 4800, 'lpp.cap.tpp': LPP_CAP, 'tier.default': 2 });
    });
  });

  describe('given an uncapped and a capped exception that both cover the requirement', () => {
    const both: PolicyFixture = {
      ...policy,
      rules: rules.map((r) => (r.id === 'exc-lpp' ? { ...r, condition: `item.eccn in ${CHIPS} && destination.tier <= 2.0` } : r)),
    };

    it('when decided then the uncapped one is relied on and nothing is drawn from the cap', () => {
      const result = decide(input('DE', [chip(10)]), both);
      expect(result.exceptions).toEqual(['AIA']);
      expect(result.ledgerDraws).toEqual([]);
      expect(entry(result, 'exc-lpp')).toMatchObject({ matched: true, note: 'not needed: covered without drawing on its cap' });
    });
  });

  describe('given the regime of a rule was rescinded', () => {
    const rescinded: PolicyFixture = { ...policy, regimes: { ACS: {}, AID: { legalStatus: 'RESCINDED' } } };

    it('when decided then its rules do not apply, and the trace says why', () => {
      const result = decide(input('IN', [chip(10)]), rescinded);
      expect(result.outcome).toBe('NO_LICENSE_REQUIRED');
      expect(entry(result, 'req-worldwide')).toMatchObject({
        matched: false,
        note: 'not applied: regime AID rescinded from 2025-01-13T00:00:00.000Z (90 FR 4544)',
      });
    });

    it('when a regime was never enacted then its rules are listed as not in force', () => {
      const result = decide(input('IN', [chip(10)]), { ...policy, regimes: { ACS: {} } });
      expect(entry(result, 'req-worldwide')?.note).toBe('not applied: regime AID is not in force (not enacted at this valid time)');
    });
  });

  describe('given enforcement of a regime is suspended', () => {
    const since = {
      ...FIXTURE_PROVENANCE,
      effectiveAt: '2025-05-13T00:00:00.000Z',
      source: { citation: 'BIS press release 2025-05-13', publishedAt: '2025-05-13T00:00:00.000Z' },
    };
    const suspended: PolicyFixture = { ...policy, regimes: { ACS: {}, AID: { enforcementStatus: 'SUSPENDED', since } } };

    it('when its requirement applies then the legal outcome stands and an enforcement note names the suspension', () => {
      const result = decide(input('CN', [chip(8)]), suspended);
      expect(result.outcome).toBe('LICENSE_REQUIRED');
      expect(result.enforcement).toEqual([
        {
          regime: 'ACS',
          status: 'ENFORCED',
          since: '2025-01-13T00:00:00.000Z',
          source: { citation: '90 FR 4544', url: 'https://www.federalregister.gov/d/2025-00636', publishedAt: '2025-01-15T00:00:00.000Z' },
        },
        {
          regime: 'AID',
          status: 'SUSPENDED',
          since: '2025-05-13T00:00:00.000Z',
          source: { citation: 'BIS press release 2025-05-13', publishedAt: '2025-05-13T00:00:00.000Z' },
        },
      ]);
    });
  });

  describe('given several items with different outcomes', () => {
    it('when decided then the overall outcome, review policy and exceptions are the most restrictive and the union', () => {
      const d5Hq = decide(input('IN', [chip(1, { tpp: 10 }), chip(10), chip(1, { kind: 'COMPUTER', eccn: '4A090.a' })], 'CN'));
      expect(d5Hq.items.map((i) => i.outcome)).toEqual(['NO_LICENSE_REQUIRED', 'LICENSE_REQUIRED', 'LICENSE_REQUIRED']);
      expect(d5Hq.outcome).toBe('LICENSE_REQUIRED');
      expect(d5Hq.reviewPolicy).toBe('PRESUMPTION_OF_DENIAL');

      const mixed = decide(input('IN', [chip(1, { tpp: 10 }), chip(10)]));
      expect(mixed.items.map((i) => i.outcome)).toEqual(['NO_LICENSE_REQUIRED', 'LICENSE_EXCEPTION']);
      expect(mixed.outcome).toBe('LICENSE_EXCEPTION');
      expect(mixed.exceptions).toEqual(['LPP']);
    });
  });

  describe('given a country without a tier', () => {
    it('when the policy has tier.default then the country takes it', () => {
      const result = decide(input('IN', [chip(1)]));
      expect(result.facts['destination']).toEqual({ country: 'IN', tier: 2, groups: ['A:5'] });
    });

    it('when the policy has no tier.default then the tier is 0', () => {
      const result = decide(input('BR', [chip(1)]), { ...policy, parameters: { '3a090.tpp': 4800 } });
      expect(result.facts['destination']).toEqual({ country: 'BR', tier: 0, groups: [] });
      expect(result.facts['parameters']).toMatchObject({ 'tier.default': null });
    });
  });

  describe('given a condition that fails at run time', () => {
    const broken: PolicyFixture = {
      ...policy,
      rules: [...rules, { ...rules[3]!, id: 'req-missing-param', condition: 'item.tpp >= params["not.set"]' }],
    };

    it('when decided then a requirement fails closed: it applies, and the note says why', () => {
      const result = decide(input('DE', [chip(1)]), broken);
      expect(entry(result, 'req-missing-param')).toMatchObject({ matched: true });
      expect(entry(result, 'req-missing-param')?.note).toMatch(/^condition could not be evaluated \(No such key: not\.set\): treated as applying/);
      expect(result.outcome).toBe('LICENSE_REQUIRED');
      expect(result.facts['parameters']).toMatchObject({ 'not.set': null });
    });
  });

  describe('given the same input and version', () => {
    it('when decided twice, with and without a precompiled policy, then the JSON is byte-identical', () => {
      const version = fixtureVersion(policy);
      const determination = input('IN', [chip(1000), chip(1000), chip(3, { kind: 'COMPUTER' })], 'US');
      const first = JSON.stringify(evaluateDetermination(determination, version, { ledger: { LPP: 1 } }));
      const second = JSON.stringify(
        evaluateDetermination(structuredClone(determination), version, { ledger: { LPP: 1 }, compiled: compilePolicy(version.state) }),
      );
      expect(second).toBe(first);
      expect(JSON.parse(first)).toMatchObject({ engineVersion: ENGINE_VERSION, policyVersion: { knownPosition: 42, stateHash: 'fixture' } });
    });
  });

  describe('given every rule consulted', () => {
    it('when decided then the trace is ordered by item, then kind, then rule order', () => {
      const result = decide(input('DE', [chip(1), chip(1, { tpp: 1 })]));
      expect(result.trace.map((t) => `${t.item}:${t.ruleId}:${t.matched}`)).toEqual([
        '0:cls-3a090a:true',
        '0:req-d5:false',
        '0:req-worldwide:true',
        '0:exc-aia:true',
        '0:exc-lpp:false',
        '1:cls-3a090a:false',
        '1:cls-4a090a:false',
        '1:req-d5:false',
        '1:req-worldwide:false',
      ]);
    });
  });
});

describe('evaluateOutcome', () => {
  describe('given an item that requires a license before others', () => {
    it("when only the outcome is asked for then it is the full engine's, whatever the later items", () => {
      const determination = input('CN', [chip(1), chip(1, { tpp: 1 }), chip(5000)], 'CN');
      const full = evaluateDetermination(determination, fixtureVersion(policy));
      expect(full.outcome).toBe('LICENSE_REQUIRED');
      expect(evaluateOutcome(determination, fixtureVersion(policy))).toBe('LICENSE_REQUIRED');
    });
  });

  describe('given items that draw on a cap one after the other', () => {
    it('when the second no longer fits the cap then a license is required, as the full engine says', () => {
      const version = fixtureVersion(policy);
      const determination = input('IN', [chip(800), chip(800)], 'US');
      const outcomes = [0, LPP_CAP - 1200 * H100_TPP].map((used) => {
        const options = { ledger: { LPP: used }, compiled: compilePolicy(version.state) };
        const outcome = evaluateOutcome(determination, version, options);
        expect(outcome).toBe(evaluateDetermination(determination, version, options).outcome);
        return outcome;
      });
      expect(outcomes).toEqual(['LICENSE_EXCEPTION', 'LICENSE_REQUIRED']);
    });
  });

  describe('given an invalid input', () => {
    it('when only the outcome is asked for then it is refused as the full engine refuses it', () => {
      const determination = { ...input('DE', [chip(1)]), destination: 'XX' };
      expect(() => evaluateDetermination(determination, fixtureVersion(policy))).toThrow(/destination/);
      expect(() => evaluateOutcome(determination, fixtureVersion(policy))).toThrow(/destination/);
      expect(() => evaluateOutcomes(determination, [{ version: fixtureVersion(policy) }])).toThrow(/destination/);
    });
  });

  describe('given one input and two policy versions', () => {
    it('when the outcomes under both are asked for at once then each is the one evaluateOutcome gives', () => {
      const halved = fixtureVersion({ ...policy, parameters: { ...policy.parameters, 'lpp.cap.tpp': LPP_CAP / 2 } });
      const determination = input('IN', [chip(1000)], 'US');
      const versions = [{ version: fixtureVersion(policy) }, { version: halved, compiled: compilePolicy(halved.state) }];
      expect(evaluateOutcomes(determination, versions, { LPP: 0 })).toEqual(['LICENSE_EXCEPTION', 'LICENSE_REQUIRED']);
      expect(versions.map(({ version }) => evaluateOutcome(determination, version, { ledger: { LPP: 0 } }))).toEqual(['LICENSE_EXCEPTION', 'LICENSE_REQUIRED']);
    });
  });
});

describe('DeterminationRun', () => {
  // Items that draw on the LPP cap one after another, then exceed it, then need no license: each
  // later item's answer depends on what the earlier ones drew.
  const determination = input('IN', [chip(600), chip(1, { tpp: 10 }), chip(600), chip(600), chip(1, { kind: 'COMPUTER', eccn: '4A090.a' }), chip(1000)]);
  const ledger = { LPP: 1_000_000 };

  it.each([1, 2, 4, 6, 100])("when the items are decided %i at a time then the JSON is evaluateDetermination's, byte for byte", (slice) => {
    const version = fixtureVersion(policy);
    const whole = evaluateDetermination(determination, version, { ledger });
    const run = new DeterminationRun(determination, version, { ledger });
    let slices = 0;
    while (!run.done) {
      run.decide(slice);
      slices++;
    }
    expect(slices).toBe(Math.ceil(determination.items.length / slice));
    expect(whole.items.map((i) => i.outcome)).toEqual([
      'LICENSE_EXCEPTION',
      'NO_LICENSE_REQUIRED',
      'LICENSE_EXCEPTION',
      'LICENSE_REQUIRED',
      'LICENSE_EXCEPTION',
      'LICENSE_REQUIRED',
    ]);
    expect(JSON.stringify(run.result())).toBe(JSON.stringify(whole));
  });

  it('when its result is asked for before every item is decided then it refuses', () => {
    const run = new DeterminationRun(determination, fixtureVersion(policy), { ledger });
    run.decide(5);
    expect(run.done).toBe(false);
    expect(() => run.result()).toThrow(/1 items undecided/);
  });

  it('when the input is invalid then it is refused on start, as evaluateDetermination refuses it', () => {
    expect(() => new DeterminationRun({ ...input('DE', [chip(1)]), destination: 'XX' }, fixtureVersion(policy))).toThrow(/destination/);
  });
});
