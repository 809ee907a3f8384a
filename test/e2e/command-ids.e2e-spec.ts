import { ApiHarness } from './support/api-harness.js';
import { indiaShipment } from './support/fixtures.js';

const ISSUE = `mutation($input: DeterminationInput!, $validAt: DateTime, $policyId: ID, $commandId: ID) {
  issueDetermination(input: $input, validAt: $validAt, policyId: $policyId, commandId: $commandId) { id outcome position ledger }
}`;
const DRAFT = `mutation($input: DraftAmendmentInput!, $commandId: ID) { draftAmendment(input: $input, commandId: $commandId) { id version title } }`;

/** TEST FIXTURE, not law: a made-up notice used only by these tests. */
const draft = (title: string) => ({
  title,
  rationale: 'Test fixture for command ids; not a real legal action.',
  source: { citation: 'TEST FIXTURE: fictitious notice, not a real legal action', publishedAt: '2026-11-01' },
  changes: [{ type: 'REASSIGN_TIER', country: 'AE', tier: 1, effectiveAt: '2026-12-01' }],
});

/** Idempotency keys (issue 13): the same request under a commandId gets the original back, another request is refused. */
describe('commandIds: a retry returns the original, a reuse for another request is a CONFLICT naming it', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await ApiHarness.start('sqlite');
  });
  afterAll(async () => {
    await api.stop();
  });

  it('issueDetermination: the same input, date and policy return the original; another input, date or policy answer CONFLICT and draw nothing', async () => {
    const india = indiaShipment('reuse-in');
    const first = (await api.data(ISSUE, { input: india, validAt: '2025-06-01', commandId: 'PO-1' }, 'determiner')).issueDetermination;
    const retried = (await api.data(ISSUE, { input: india, validAt: '2025-06-01T00:00:00Z', commandId: 'PO-1' }, 'determiner')).issueDetermination;
    expect(retried).toEqual(first);

    const china = { ...india, destination: 'CN', consignee: { ...india.consignee, country: 'CN', headquarters: 'CN' } };
    for (const [variables, differs] of [
      [{ input: china, validAt: '2025-06-01' }, ['input']],
      [{ input: india, validAt: '2025-07-01' }, ['validAt']],
      [{ input: india }, ['validAt']],
      [{ input: india, validAt: '2025-06-01', policyId: 'ai-export-controls' }, ['policyId']],
    ] as const) {
      const refused = await api.gql(ISSUE, { ...variables, commandId: 'PO-1' }, 'determiner');
      expect(refused.data).toBeNull();
      expect(refused.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining(`determination ${first.id}`),
          extensions: expect.objectContaining({ code: 'CONFLICT', reason: 'COMMAND_ID_REUSED', determinationId: first.id, differs }),
        }),
      ]);
    }

    // Nothing was drawn for the refused requests: the next draw on the ledger starts where the first left it.
    const next = (await api.data(ISSUE, { input: india, validAt: '2025-06-01', commandId: 'PO-2' }, 'determiner')).issueDetermination;
    expect(next.ledger).toEqual({ LPP: india.items[0]!.tpp! * india.items[0]!.quantity! });
  });

  it('draftAmendment: the same draft returns the amendment; another draft under the commandId answers CONFLICT naming it', async () => {
    const first = (await api.data(DRAFT, { input: draft('TEST FIXTURE: UAE to Tier 1'), commandId: 'draft-1' }, 'editor')).draftAmendment;
    const again = (await api.data(DRAFT, { input: draft('TEST FIXTURE: UAE to Tier 1'), commandId: 'draft-1' }, 'editor')).draftAmendment;
    expect(again).toEqual(first);

    const refused = await api.gql(DRAFT, { input: draft('TEST FIXTURE: something else'), commandId: 'draft-1' }, 'editor');
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(`amendment ${first.id}`),
        extensions: expect.objectContaining({ code: 'CONFLICT', reason: 'COMMAND_ID_REUSED', amendmentId: first.id, differs: ['title'] }),
      }),
    ]);
  });
});
