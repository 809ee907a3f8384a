// A store whose log has passed 4 GB (issue 6's defect): EventStoreDB commit positions are log
// offsets, so past 2 GB they no longer fit GraphQL's 32-bit Int. The EventStoreDB stand-in (not
// EventStoreDB) starts its log at 2^32 to stand for such a store; every position the API reports
// must come back whole and exact, and be usable again as `consistentWith` and as a page cursor.
import { EventStoreDbStandIn } from '../support/esdb-standin/event-store-db-stand-in.js';
import { ApiHarness } from './support/api-harness.js';
import { indiaShipment } from './support/fixtures.js';

const FIRST_POSITION = 2 ** 32;

const ISSUE = `mutation($input: DeterminationInput!, $validAt: DateTime) {
  issueDetermination(input: $input, validAt: $validAt) { id position policyVersion { knownPosition } }
}`;
const DETERMINATION = 'query($id: ID!, $at: Float) { determination(id: $id, consistentWith: $at) { id position } }';
const PAGE = `query($after: String) {
  determinations(first: 1, after: $after) { nodes { id position } pageInfo { endCursor hasNextPage } }
}`;
const DRAFT = 'mutation($input: DraftAmendmentInput!) { draftAmendment(input: $input) { id basePosition position } }';

describe('positions past 2^31 (a store with a long log)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    const standIn = new EventStoreDbStandIn({ firstPosition: FIRST_POSITION });
    await standIn.start();
    api = await ApiHarness.start('eventstoredb-standin', { standIn });
  });
  afterAll(() => api.stop());

  it('reports determination positions exactly, and accepts them back as consistentWith', async () => {
    const { issueDetermination: issued } = await api.data(ISSUE, { input: indiaShipment('long-log'), validAt: '2025-06-01' }, 'determiner');
    expect(issued.position).toBeGreaterThan(FIRST_POSITION);
    expect(Number.isSafeInteger(issued.position)).toBe(true);
    expect(issued.policyVersion.knownPosition).toBeGreaterThan(FIRST_POSITION);

    const { determination } = await api.data(DETERMINATION, { id: issued.id, at: issued.position }, 'viewer');
    expect(determination).toEqual({ id: issued.id, position: issued.position });
  });

  it('pages the listing with cursors over those positions', async () => {
    await api.data(ISSUE, { input: indiaShipment('long-log-2'), validAt: '2025-06-01' }, 'determiner');
    const first = (await api.data(PAGE, {}, 'viewer')).determinations;
    const second = (await api.data(PAGE, { after: first.pageInfo.endCursor }, 'viewer')).determinations;
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(second.nodes).toHaveLength(1);
    expect(second.nodes[0].id).not.toBe(first.nodes[0].id);
    expect(second.nodes[0].position).toBeGreaterThan(FIRST_POSITION);
  });

  it('reports amendment positions exactly', async () => {
    const input = {
      title: 'TEST FIXTURE: Brazil to Tier 3',
      rationale: 'Test fixture for positions past 2^31; not a real legal action.',
      source: { citation: 'TEST FIXTURE: fictitious notice, not a real legal action', publishedAt: '2026-11-01' },
      changes: [{ type: 'REASSIGN_TIER', country: 'BR', tier: 3, effectiveAt: '2026-12-01' }],
    };
    const { draftAmendment } = await api.data(DRAFT, { input }, 'editor');
    expect(draftAmendment.basePosition).toBeGreaterThan(FIRST_POSITION);
    expect(draftAmendment.position).toBeGreaterThan(draftAmendment.basePosition);
  });
});
