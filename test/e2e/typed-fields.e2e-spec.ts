import type { DeterminationInput, PolicyDocument } from '#domain';
import { ApiHarness } from './support/api-harness.js';
import { H100_TPP, indiaShipment } from './support/fixtures.js';

/*
 * Each typed field (ADR 029) against its deprecated JSON twin, in one answer, for real rulings on
 * the golden policy: the typed field must carry exactly the values the JSON field carries.
 */

const TYPED_RESULT = `facts ledgerDraws
  factEntries { name string number boolean strings }
  draws { ledger amount usedBefore cap }`;
const TYPED_DETERMINATION = `id position input ledger ${TYPED_RESULT}
  ledgerFigures { ledger drawn }
  givenInput {
    destination endUse reference transaction
    consignee { id name country headquarters ultimateParent veu majorityOwnedFromD5OrMacau }
    items { kind description eccn tpp performanceDensity quantity trainingOperations openWeights designedForDatacenter memoryBandwidth }
  }`;
const ISSUE = `mutation($input: DeterminationInput!, $validAt: DateTime) {
  issueDetermination(input: $input, validAt: $validAt) { ${TYPED_DETERMINATION} }
}`;
const EVALUATE = `query($input: DeterminationInput!, $at: PolicyCoordinates) { evaluate(input: $input, at: $at) { ${TYPED_RESULT} } }`;
const READ = `query($id: ID!, $consistentWith: Float) { determination(id: $id, consistentWith: $consistentWith) { ${TYPED_DETERMINATION} } }`;

const HISTORY = `query($validFrom: DateTime) {
  policyHistory(validFrom: $validFrom, first: 20) {
    nodes {
      amendmentId type details
      changeDetails {
        __typename
        ... on TierAssignment { country tier }
        ... on CountryGroupsAssignment { country groups }
        ... on ParameterSetting { parameter value unit }
        ... on RuleDefinitionChange {
          rule { id regime kind condition citation explanation eccn reviewPolicy code covers priority cap { ledger parameter measure } conditions { code description citation } }
        }
        ... on RuleRepeal { ruleId }
        ... on RegimeEnactment { regime title }
        ... on RegimeStatusChange { regime }
        ... on ChangeRetraction { retractedChangeId }
      }
    }
  }
}`;

const FIXTURE_SOURCE = { citation: 'TEST FIXTURE, fictitious notice', publishedAt: '2026-11-01T00:00:00.000Z' };
const REGIME = 'test-fixture-typed';

/** TEST FIXTURE, not law: one change of every kind, on a made-up regime, in 2031 (after anything the golden policy records). */
const everyKind: PolicyDocument = {
  id: 'test-fixture-typed-every-kind',
  policyId: 'ai-export-controls',
  title: 'TEST FIXTURE: one change of every kind (fictitious)',
  rationale: 'Test fixture for the typed change details; not a real legal action.',
  source: FIXTURE_SOURCE,
  changes: [
    { type: 'ENACT_REGIME', effectiveAt: '2031-01-01', regime: REGIME, title: 'TEST FIXTURE regime' },
    { type: 'SET_THRESHOLD', effectiveAt: '2031-01-01', parameter: 'test-fixture.cap', value: 10, unit: 'units' },
    {
      type: 'ADD_RULE',
      effectiveAt: '2031-01-01',
      rule: {
        id: 'test-fixture.req',
        regime: REGIME,
        kind: 'requirement',
        condition: 'item.quantity > 5',
        citation: 'TEST FIXTURE',
        explanation: 'Fictitious.',
        reviewPolicy: 'CASE_BY_CASE',
      },
    },
    {
      type: 'ADD_RULE',
      effectiveAt: '2031-01-01',
      rule: {
        id: 'test-fixture.exc',
        regime: REGIME,
        kind: 'exception',
        code: 'TFX',
        covers: ['test-fixture.req'],
        cap: { ledger: 'TFX', parameter: 'test-fixture.cap', measure: 'quantity' },
        conditions: [{ code: 'PRIOR_NOTIFICATION', description: 'Fictitious notice.' }],
        condition: 'true',
        citation: 'TEST FIXTURE',
        explanation: 'Fictitious.',
      },
    },
    {
      type: 'AMEND_RULE',
      effectiveAt: '2031-02-01',
      rule: { id: 'test-fixture.req', regime: REGIME, kind: 'requirement', condition: 'item.quantity > 6', citation: 'TEST FIXTURE', explanation: 'Amended.' },
    },
    { type: 'REPEAL_RULE', effectiveAt: '2031-03-01', ruleId: 'test-fixture.exc' },
    { type: 'SUSPEND_ENFORCEMENT', effectiveAt: '2031-04-01', regime: REGIME },
    { type: 'RESUME_ENFORCEMENT', effectiveAt: '2031-05-01', regime: REGIME },
    { type: 'RESCIND_REGIME', effectiveAt: '2031-06-01', regime: REGIME },
    { type: 'REINSTATE_REGIME', effectiveAt: '2031-07-01', regime: REGIME },
    { type: 'REASSIGN_TIER', effectiveAt: '2031-01-01', country: 'IS', tier: 3 },
    { type: 'CHANGE_COUNTRY_GROUPS', effectiveAt: '2031-01-01', country: 'IS', groups: ['A:5', 'D:5'] },
  ],
};
const retraction: PolicyDocument = {
  ...everyKind,
  id: 'test-fixture-typed-retraction',
  title: 'TEST FIXTURE: a retraction (fictitious)',
  changes: [{ type: 'RETRACT_CHANGE', effectiveAt: '2031-01-01', changeId: `${everyKind.id}#10` }],
};

/** Three items, every optional input field given somewhere, drawing on LPP after an earlier ruling did. */
function severalItems(consigneeId: string): DeterminationInput {
  return {
    destination: 'IN',
    consignee: { id: consigneeId, name: 'Acme India', country: 'IN', headquarters: 'IN', ultimateParent: 'IN', majorityOwnedFromD5OrMacau: false },
    items: [
      { kind: 'INTEGRATED_CIRCUIT', tpp: H100_TPP, performanceDensity: 19.4, quantity: 100, designedForDatacenter: true, memoryBandwidth: 3350 },
      { kind: 'INTEGRATED_CIRCUIT', eccn: '3A090.a', description: 'second lot', tpp: H100_TPP, performanceDensity: 19.4, quantity: 50 },
      { kind: 'MODEL_WEIGHTS', trainingOperations: 1e24, openWeights: true },
    ],
    endUse: 'cloud training',
    reference: 'PO-TYPED-2',
    transaction: 'EXPORT',
  };
}

/** The value at a dotted fact name: a key may itself hold dots (parameters.lpp.cap.tpp). */
function factAt(facts: unknown, name: string): unknown {
  let value = facts as Record<string, unknown>;
  const parts = name.split('.');
  for (let index = 0; index < parts.length; index++) {
    const key = parts[index] as string;
    if (key in value) value = value[key] as Record<string, unknown>;
    else return value[parts.slice(index).join('.')];
  }
  return value;
}

function leafCount(value: unknown): number {
  if (value === null || typeof value !== 'object') return 1;
  if (Array.isArray(value) && value.every((element) => typeof element === 'string')) return 1;
  return Object.values(value).reduce((sum: number, child) => sum + leafCount(child), 0);
}

function expectSameFacts(result: { facts: unknown; factEntries: { name: string; [field: string]: unknown }[] }): void {
  expect(result.factEntries).toHaveLength(leafCount(result.facts));
  for (const entry of result.factEntries) {
    const values = [entry.string, entry.number, entry.boolean, entry.strings].filter((value) => value !== null);
    expect({ name: entry.name, values }).toEqual({ name: entry.name, values: values.length ? [factAt(result.facts, entry.name)] : [] });
    if (!values.length) expect(factAt(result.facts, entry.name)).toBeNull();
  }
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).flatMap(([key, child]) => (child === null ? [] : [[key, withoutNulls(child)]])));
}

function expectSameDetermination(determination: Record<string, any>): void {
  expectSameFacts(determination as never);
  expect(determination.draws).toEqual(determination.ledgerDraws);
  expect(Object.fromEntries(determination.ledgerFigures.map((figure: { ledger: string; drawn: number }) => [figure.ledger, figure.drawn]))).toEqual(
    determination.ledger,
  );
  expect(withoutNulls(determination.givenInput)).toEqual(determination.input);
}

describe('typed fields beside their deprecated JSON twins', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await ApiHarness.start('sqlite');
  });
  afterAll(() => api.stop());

  it('a dry run of several items: factEntries are the facts, draws the ledgerDraws', async () => {
    const { evaluate } = await api.data(EVALUATE, { input: severalItems('typed-dry-run'), at: { validAt: '2025-06-01' } });
    expect(evaluate.draws).toHaveLength(2);
    expect(evaluate.draws).toEqual(evaluate.ledgerDraws);
    expectSameFacts(evaluate);
    expect(evaluate.factEntries).toContainEqual({ name: 'items.1.totalTpp', string: null, number: 50 * H100_TPP, boolean: null, strings: null });
    expect(evaluate.factEntries).toContainEqual({ name: 'destination.groups', string: null, number: null, boolean: null, strings: ['A:5'] });
    expect(evaluate.factEntries).toContainEqual(expect.objectContaining({ name: 'parameters.lpp.cap.tpp', number: expect.any(Number) }));
  });

  it('issued rulings, as answered and as read back: given input, ledger figures, draws on a capped ledger and facts', async () => {
    const first = (await api.data(ISSUE, { input: indiaShipment('typed-ledger'), validAt: '2025-06-01' }, 'determiner')).issueDetermination;
    expectSameDetermination(first);
    expect(first.givenInput).toMatchObject({ destination: 'IN', endUse: null, transaction: null, consignee: { id: 'typed-ledger', veu: null } });

    const second = (await api.data(ISSUE, { input: severalItems('typed-ledger'), validAt: '2025-06-01' }, 'determiner')).issueDetermination;
    expectSameDetermination(second);
    expect(second.ledgerFigures).toEqual([{ ledger: 'LPP', drawn: 200 * H100_TPP }]);
    expect(second.draws.map((draw: { usedBefore: number }) => draw.usedBefore)).toEqual([200 * H100_TPP, 300 * H100_TPP]);
    expect(second.givenInput.items).toHaveLength(3);

    const read = (await api.data(READ, { id: second.id, consistentWith: second.position })).determination;
    expectSameDetermination(read);
    expect(read.givenInput).toEqual(second.givenInput);
    expect(read.factEntries).toEqual(second.factEntries);
  });

  it('policy changes of every kind: changeDetails carries the details, as the member of its kind', async () => {
    await api.importPolicy([everyKind, retraction]);
    const { policyHistory } = await api.data(HISTORY, { validFrom: '2031-01-01' }, 'viewer');
    const changes = policyHistory.nodes.filter((change: { amendmentId: string }) => change.amendmentId.startsWith('test-fixture-typed-'));
    expect(
      changes.map((change: { type: string; changeDetails: { __typename: string } }) => `${change.type} ${change.changeDetails.__typename}`).sort(),
    ).toEqual([
      'CountryGroupsChanged CountryGroupsAssignment',
      'CountryTierReassigned TierAssignment',
      'PolicyChangeRetracted ChangeRetraction',
      'RegimeEnacted RegimeEnactment',
      'RegimeEnforcementResumed RegimeStatusChange',
      'RegimeEnforcementSuspended RegimeStatusChange',
      'RegimeReinstated RegimeStatusChange',
      'RegimeRescinded RegimeStatusChange',
      'RuleAdded RuleDefinitionChange',
      'RuleAdded RuleDefinitionChange',
      'RuleAmended RuleDefinitionChange',
      'RuleRepealed RuleRepeal',
      'ThresholdChanged ParameterSetting',
    ]);
    for (const { details, changeDetails } of changes) {
      const { __typename, ...typed } = changeDetails;
      expect(withoutNulls(typed)).toEqual(details);
    }
  });

  it("policy rules: ledgerCap is the rule's cap, typed", async () => {
    const query = `query($at: PolicyCoordinates) { policy(at: $at) { rules { id cap ledgerCap { ledger parameter measure } } } }`;
    const { policy } = await api.data(query, { at: { validAt: '2025-06-01' } }, 'viewer');
    const capped = policy.rules.filter((rule: { cap: unknown }) => rule.cap !== null);
    expect(capped.map((rule: { ledgerCap: { ledger: string } }) => rule.ledgerCap.ledger)).toContain('LPP');
    for (const rule of policy.rules) expect(rule.ledgerCap).toEqual(rule.cap);
  });
});
