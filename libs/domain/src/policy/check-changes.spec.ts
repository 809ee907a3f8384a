import { PolicyInvalidError } from '../errors/domain-error.js';
import type { RuleDefinition } from '../rules/rule-definition.js';
import { recorded } from '../testing/policy-event-builders.js';
import { documentToEvents } from './change-to-event.js';
import { changeProblems, checkChanges, PolicyChangesInvalidError, type ChangeProblem } from './check-changes.js';
import { knownPolicyOf } from './known-policy.js';
import type { PolicyChange } from './policy-change.js';

const at = '2025-03-01T00:00:00.000Z';
const requirement: RuleDefinition = {
  id: 'req.a',
  regime: 'ai-diffusion',
  kind: 'requirement',
  condition: 'destination.tier == 3.0',
  citation: '15 CFR 744.23',
  explanation: 'License for tier 3',
  reviewPolicy: 'PRESUMPTION_OF_DENIAL',
};
const classification: RuleDefinition = { ...requirement, id: 'cls.a', kind: 'classification', eccn: '3A090.a', condition: 'item.tpp >= 4800.0' };
const exception: RuleDefinition = {
  ...requirement,
  id: 'exc.lpp',
  kind: 'exception',
  code: 'LPP',
  covers: ['req.a'],
  cap: { ledger: 'LPP', parameter: 'lpp.cap.tpp', measure: 'totalTpp' },
  condition: 'ledger["LPP"] + item.totalTpp <= params["lpp.cap.tpp"]',
};

/** The policy so far: one regime, a requirement, a classification rule and the LPP cap, each its own change. */
const policy = knownPolicyOf([
  recorded(1, { type: 'ENACT_REGIME', regime: 'ai-diffusion', title: 'AI Diffusion', effectiveAt: '2025-01-13' }, { id: 'ifr' }),
  recorded(2, { type: 'ADD_RULE', rule: requirement, effectiveAt: '2025-01-13' }, { id: 'req' }),
  recorded(3, { type: 'ADD_RULE', rule: classification, effectiveAt: '2025-01-13' }, { id: 'cls' }),
  recorded(4, { type: 'SET_THRESHOLD', parameter: 'lpp.cap.tpp', value: 26_000_000, unit: 'TPP', effectiveAt: '2025-01-13' }, { id: 'cap' }),
]);

const problemsOf = (...changes: PolicyChange[]): ChangeProblem[] => changeProblems(changes, policy, { amendmentId: 'amd-1' });
const one = (change: Partial<PolicyChange> & Pick<PolicyChange, 'type'>): PolicyChange => ({ effectiveAt: at, ...change }) as PolicyChange;

describe('checkChanges', () => {
  describe('given the recorded policy', () => {
    it('when every change type is well formed and names what exists then there is no problem', () => {
      expect(
        problemsOf(
          one({ type: 'REASSIGN_TIER', country: 'AE', tier: 2 }),
          one({ type: 'CHANGE_COUNTRY_GROUPS', country: 'KH', groups: ['D:1', 'D:5'] }),
          one({ type: 'CHANGE_COUNTRY_GROUPS', country: 'KH', groups: [] }),
          one({ type: 'SET_THRESHOLD', parameter: '3a090.a.tpp', value: 4800, unit: 'TPP' }),
          one({ type: 'ADD_RULE', rule: exception }),
          one({ type: 'AMEND_RULE', rule: { ...requirement, reviewPolicy: 'CASE_BY_CASE' } }),
          one({ type: 'REPEAL_RULE', ruleId: 'cls.a' }),
          one({ type: 'ENACT_REGIME', regime: 'hbm', title: 'HBM rule' }),
          one({ type: 'SUSPEND_ENFORCEMENT', regime: 'ai-diffusion' }),
          one({ type: 'RESUME_ENFORCEMENT', regime: 'ai-diffusion' }),
          one({ type: 'RESCIND_REGIME', regime: 'ai-diffusion' }),
          one({ type: 'REINSTATE_REGIME', regime: 'ai-diffusion' }),
          one({ type: 'RETRACT_CHANGE', changeId: 'req#0' }),
        ),
      ).toEqual([]);
    });

    it.each<[string, PolicyChange, Partial<ChangeProblem>]>([
      ['an effectiveAt that is no date', one({ type: 'REASSIGN_TIER', country: 'AE', tier: 2, effectiveAt: '2025-02-30' }), { field: 'effectiveAt' }],
      ['an effectiveAt that is not canonical', one({ type: 'REASSIGN_TIER', country: 'AE', tier: 2, effectiveAt: '2025-05-15' }), { field: 'effectiveAt' }],
      [
        'an unknown country on a tier change',
        one({ type: 'REASSIGN_TIER', country: 'XK', tier: 2 }),
        { field: 'country', message: "'XK' is not an ISO 3166-1 alpha-2 country code" },
      ],
      ['a tier out of range', one({ type: 'REASSIGN_TIER', country: 'AE', tier: 4 as 1 }), { field: 'tier', message: 'must be 1, 2 or 3, got 4' }],
      ['an unknown country on a groups change', one({ type: 'CHANGE_COUNTRY_GROUPS', country: 'ZZ', groups: ['D:1'] }), { field: 'country' }],
      [
        'a group that is no EAR group',
        one({ type: 'CHANGE_COUNTRY_GROUPS', country: 'KH', groups: ['D:1', 'D5'] }),
        { field: 'groups.1', message: "'D5' is not a country group such as D:5 or A:6" },
      ],
      [
        'a group listed twice',
        one({ type: 'CHANGE_COUNTRY_GROUPS', country: 'KH', groups: ['D:1', 'D:1'] }),
        { field: 'groups.1', message: "'D:1' is listed twice" },
      ],
      ['a threshold that is not finite', one({ type: 'SET_THRESHOLD', parameter: 'p', value: Number.NaN, unit: 'TPP' }), { field: 'value' }],
      ['a threshold without a unit', one({ type: 'SET_THRESHOLD', parameter: 'p', value: 1, unit: ' ' }), { field: 'unit' }],
      ['a threshold without a parameter', one({ type: 'SET_THRESHOLD', value: 1, unit: 'TPP' }), { field: 'parameter', message: 'is required' }],
      [
        'a rule added twice',
        one({ type: 'ADD_RULE', rule: requirement }),
        { field: 'rule.id', message: "rule 'req.a' is already added by req#0: use AMEND_RULE" },
      ],
      [
        'an added rule of an unknown regime',
        one({ type: 'ADD_RULE', rule: { ...requirement, id: 'req.b', regime: 'nope' } }),
        { field: 'rule.regime', message: "regime 'nope' is not enacted by the policy or an earlier change" },
      ],
      ['an unknown rule kind', one({ type: 'ADD_RULE', rule: { ...requirement, id: 'req.b', kind: 'guidance' as 'requirement' } }), { field: 'rule.kind' }],
      [
        'an unknown review policy',
        one({ type: 'ADD_RULE', rule: { ...requirement, id: 'req.b', reviewPolicy: 'MAYBE' as 'CASE_BY_CASE' } }),
        { field: 'rule.reviewPolicy' },
      ],
      ['a classification without its ECCN', one({ type: 'ADD_RULE', rule: { ...classification, id: 'cls.b', eccn: undefined } }), { field: 'rule.eccn' }],
      ['an exception without a code', one({ type: 'ADD_RULE', rule: { ...exception, code: undefined } }), { field: 'rule.code' }],
      ['an exception covering nothing', one({ type: 'ADD_RULE', rule: { ...exception, covers: [] } }), { field: 'rule.covers' }],
      [
        'an exception covering an unknown requirement',
        one({ type: 'ADD_RULE', rule: { ...exception, covers: ['req.a', 'req.missing'] } }),
        { field: 'rule.covers.1', message: "unknown requirement 'req.missing'" },
      ],
      [
        'an exception covering a classification rule',
        one({ type: 'ADD_RULE', rule: { ...exception, covers: ['cls.a'] } }),
        { field: 'rule.covers.0', message: "'cls.a' is a classification rule, not a requirement" },
      ],
      [
        'a cap on an unknown parameter',
        one({ type: 'ADD_RULE', rule: { ...exception, cap: { ledger: 'LPP', parameter: 'nope', measure: 'totalTpp' }, condition: 'true' } }),
        { field: 'rule.cap.parameter', message: "parameter 'nope' is not set by the policy or an earlier change" },
      ],
      [
        'a condition reading a parameter set later',
        one({ type: 'ADD_RULE', rule: exception, effectiveAt: '2025-01-01T00:00:00.000Z' }),
        { field: 'rule.condition', message: 'reads params["lpp.cap.tpp"], which no change sets effective on or before 2025-01-01' },
      ],
      ['an empty citation', one({ type: 'ADD_RULE', rule: { ...requirement, id: 'req.b', citation: '' } }), { field: 'rule.citation' }],
      [
        'an amendment of a rule never added',
        one({ type: 'AMEND_RULE', rule: { ...requirement, id: 'req.never' } }),
        { field: 'rule.id', message: "rule 'req.never' is not in force: it was never added" },
      ],
      [
        'a repeal of a rule never added',
        one({ type: 'REPEAL_RULE', ruleId: 'req.never' }),
        { field: 'ruleId', message: "rule 'req.never' is not in force: it was never added" },
      ],
      [
        'a second enactment of a regime',
        one({ type: 'ENACT_REGIME', regime: 'ai-diffusion', title: 'Again' }),
        { field: 'regime', message: "regime 'ai-diffusion' is already enacted by ifr#0" },
      ],
      ['a suspension of an unknown regime', one({ type: 'SUSPEND_ENFORCEMENT', regime: 'nope' }), { field: 'regime' }],
      ['a resumption of an unknown regime', one({ type: 'RESUME_ENFORCEMENT', regime: 'nope' }), { field: 'regime' }],
      ['a rescission of an unknown regime', one({ type: 'RESCIND_REGIME', regime: 'nope' }), { field: 'regime' }],
      ['a reinstatement of an unknown regime', one({ type: 'REINSTATE_REGIME', regime: 'nope' }), { field: 'regime' }],
      [
        'a retraction of a change that does not exist',
        one({ type: 'RETRACT_CHANGE', changeId: 'req#7' }),
        { field: 'changeId', message: "no recorded change has id 'req#7'" },
      ],
      ['an unknown change type', one({ type: 'RENAME_COUNTRY' as 'REPEAL_RULE' }), { field: 'type', message: "unknown change type 'RENAME_COUNTRY'" }],
    ])('when it has %s then that change and field are named', (_, change, problem) => {
      expect(problemsOf(change)).toEqual([expect.objectContaining({ changeIndex: 0, ...problem })]);
    });

    it('when a condition does not parse then the problem carries the CEL position', () => {
      const [problem] = problemsOf(one({ type: 'ADD_RULE', rule: { ...requirement, id: 'req.b', condition: 'item.tpp >=\n  && true' } }));
      expect(problem).toEqual({
        changeIndex: 0,
        field: 'rule.condition',
        position: 14,
        message: expect.stringMatching(/^rule req.b: condition invalid at line 2, column 3: /),
      });
    });

    it('when a drafted condition is unbounded (a pattern RE2 refuses, or too costly) then it is refused as a file would be, with the position', () => {
      const [pattern] = problemsOf(one({ type: 'ADD_RULE', rule: { ...requirement, id: 'req.re', condition: 'consignee.id.matches("^(a)\\\\1$")' } }));
      expect(pattern).toEqual({ changeIndex: 0, field: 'rule.condition', position: 26, message: expect.stringContaining('refused by RE2') });
      const costly = 'endUse.split("").all(a, endUse.split("").exists(b, a == b))';
      const [cost] = problemsOf(one({ type: 'ADD_RULE', rule: { ...requirement, id: 'req.cost', condition: costly } }));
      expect(cost).toEqual({ changeIndex: 0, field: 'rule.condition', position: 0, message: expect.stringContaining('exceeds the limit of 50000') });
    });

    it('when a groups change lists more groups than conditions are costed for then it is refused', () => {
      const groups = Array.from({ length: 33 }, (_, i) => `D:${i + 1}`);
      expect(problemsOf(one({ type: 'CHANGE_COUNTRY_GROUPS', country: 'KH', groups }))).toEqual([
        expect.objectContaining({ field: 'groups', message: 'must list at most 32 groups, got 33' }),
      ]);
    });

    it('when a condition reads an unknown fact then the problem names it at its position', () => {
      const [problem] = problemsOf(one({ type: 'AMEND_RULE', rule: { ...requirement, condition: 'item.tpp > 1.0 && item.speed > 2.0' } }));
      expect(problem).toEqual({ changeIndex: 0, field: 'rule.condition', position: 23, message: expect.stringContaining('references unknown facts') });
    });

    it('when an exception states the conditions the exporter must meet then they are accepted', () => {
      const conditions = [
        { code: 'PRIOR_NOTIFICATION', description: 'notify BIS 25 days ahead', citation: '15 CFR 740.8(a)' },
        { code: 'PURCHASE_ORDER', description: 'a written purchase order' },
      ];
      expect(problemsOf(one({ type: 'ADD_RULE', rule: { ...exception, id: 'exc.nac', code: 'NAC', conditions } }))).toEqual([]);
    });

    it('when conditions are malformed or stated on a rule that is not an exception then each is named', () => {
      const conditions = [
        { code: 'prior notice', description: 'x' },
        { code: 'PURCHASE_ORDER', description: '' },
        { code: 'PURCHASE_ORDER', description: 'again' },
      ];
      expect(problemsOf(one({ type: 'ADD_RULE', rule: { ...exception, id: 'exc.nac', conditions } }))).toEqual([
        { changeIndex: 0, field: 'rule.conditions.0.code', message: "must be upper-case words joined by _, such as PRIOR_NOTIFICATION, got 'prior notice'" },
        { changeIndex: 0, field: 'rule.conditions.1.description', message: "must not be empty, got ''" },
        { changeIndex: 0, field: 'rule.conditions.2.code', message: "'PURCHASE_ORDER' is listed twice" },
      ]);
      expect(problemsOf(one({ type: 'AMEND_RULE', rule: { ...requirement, conditions: [{ code: 'X', description: 'y' }] } }))).toEqual([
        { changeIndex: 0, field: 'rule.conditions', message: 'only an exception has conditions the exporter must meet' },
      ]);
    });

    it('when a change retracts another change of the same list then it is told to leave it out', () => {
      const problems = problemsOf(one({ type: 'REASSIGN_TIER', country: 'AE', tier: 2 }), one({ type: 'RETRACT_CHANGE', changeId: 'amd-1#0' }));
      expect(problems).toEqual([
        { changeIndex: 1, field: 'changeId', message: "'amd-1#0' is a change of this same list: leave it out instead of retracting it" },
      ]);
    });
  });

  describe('given changes that build on each other', () => {
    it('when a regime, a parameter and a rule come earlier in the list then later changes may name them', () => {
      const later: RuleDefinition = {
        ...exception,
        id: 'exc.hbm',
        regime: 'hbm',
        covers: ['req.hbm'],
        cap: { ledger: 'HBM', parameter: 'hbm.cap', measure: 'quantity' },
        condition: 'item.quantity <= params["hbm.cap"]',
      };
      expect(
        problemsOf(
          one({ type: 'ENACT_REGIME', regime: 'hbm', title: 'HBM rule' }),
          one({ type: 'SET_THRESHOLD', parameter: 'hbm.cap', value: 10, unit: 'units' }),
          // Covered before it is written: the list is published as one.
          one({ type: 'ADD_RULE', rule: later }),
          one({ type: 'ADD_RULE', rule: { ...requirement, id: 'req.hbm', regime: 'hbm' } }),
          one({ type: 'AMEND_RULE', rule: { ...requirement, id: 'req.hbm', regime: 'hbm', citation: 'amended' } }),
          one({ type: 'REPEAL_RULE', ruleId: 'req.hbm' }),
        ),
      ).toEqual([]);
    });

    it('when a rule is added twice in one list then the second names the first', () => {
      const rule = { ...requirement, id: 'req.b' };
      expect(problemsOf(one({ type: 'ADD_RULE', rule }), one({ type: 'ADD_RULE', rule }))).toEqual([
        { changeIndex: 1, field: 'rule.id', message: "rule 'req.b' is already added by amd-1#0: use AMEND_RULE" },
      ]);
    });

    it('when the enactment of a regime is retracted then the regime may be enacted again, and only then', () => {
      expect(problemsOf(one({ type: 'ENACT_REGIME', regime: 'ai-diffusion', title: 'again' }))).toEqual([
        { changeIndex: 0, field: 'regime', message: "regime 'ai-diffusion' is already enacted by ifr#0" },
      ]);
      expect(
        problemsOf(
          one({ type: 'RETRACT_CHANGE', changeId: 'ifr#0' }),
          one({ type: 'ENACT_REGIME', regime: 'ai-diffusion', title: 'AI Diffusion, corrected source' }),
        ),
      ).toEqual([]);
    });

    it('when a rule was repealed then it may be added again but no longer amended or repealed', () => {
      const known = knownPolicyOf([
        ...documentToEvents(
          document('ifr', [one({ type: 'ENACT_REGIME', regime: 'ai-diffusion', title: 'AI Diffusion' }), one({ type: 'ADD_RULE', rule: requirement })]),
        ),
        ...documentToEvents(document('repeal', [one({ type: 'REPEAL_RULE', ruleId: 'req.a' })])),
      ]);
      expect(changeProblems([one({ type: 'ADD_RULE', rule: requirement })], known)).toEqual([]);
      expect(changeProblems([one({ type: 'AMEND_RULE', rule: requirement }), one({ type: 'REPEAL_RULE', ruleId: 'req.a' })], known)).toEqual([
        { changeIndex: 0, field: 'rule.id', message: "rule 'req.a' is not in force: it was never added or was repealed" },
        { changeIndex: 1, field: 'ruleId', message: "rule 'req.a' is not in force: it was never added or was already repealed" },
      ]);
    });
  });

  describe('given several faulty changes', () => {
    const faulty = [
      one({ type: 'REASSIGN_TIER', country: 'XK', tier: 2 }),
      one({ type: 'SET_THRESHOLD', parameter: 'p', value: 1, unit: 'TPP' }),
      one({ type: 'ADD_RULE', rule: { ...exception, id: 'exc.b', regime: 'nope', covers: ['req.missing'], condition: 'item.tpp >' } }),
      one({ type: 'RETRACT_CHANGE', changeId: 'nowhere#0' }),
    ];

    it('when checked then one POLICY_INVALID error reports every problem, in order', () => {
      let thrown: unknown;
      try {
        checkChanges(faulty, policy, { amendmentId: 'amd-1' });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(PolicyInvalidError);
      const error = thrown as PolicyChangesInvalidError;
      expect(error.code).toBe('POLICY_INVALID');
      expect(error.problems.map((problem) => `${problem.changeIndex}:${problem.field}`)).toEqual([
        '0:country',
        '2:rule.regime',
        '2:rule.condition',
        '2:rule.covers.0',
        '3:changeId',
      ]);
      expect(error.details).toMatchObject({ changeIndex: 0, field: 'country', problems: error.problems });
      expect(error.message.split('\n')).toEqual([
        'changes invalid (5 problems):',
        "changes[0].country: 'XK' is not an ISO 3166-1 alpha-2 country code",
        "changes[2].rule.regime: regime 'nope' is not enacted by the policy or an earlier change",
        expect.stringMatching(/^changes\[2\]\.rule\.condition: rule exc.b: condition invalid at line 1, column 11: /),
        "changes[2].rule.covers.0: unknown requirement 'req.missing'",
        "changes[3].changeId: no recorded change has id 'nowhere#0'",
      ]);
    });

    it('when only well-formed changes are checked then nothing is thrown', () => {
      expect(() => checkChanges([faulty[1]], policy)).not.toThrow();
    });
  });
});

function document(id: string, changes: PolicyChange[]) {
  return { id, policyId: 'p', title: id, rationale: 'test', source: { citation: id, publishedAt: at }, changes };
}
