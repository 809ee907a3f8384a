import { ApiHarness, nextEvents, type StoreUnderTest } from './support/api-harness.js';
import { DETERMINATION_FIELDS, fictitiousIndiaTier3, indiaShipment, RESULT_FIELDS } from './support/fixtures.js';
import { eventually } from './support/eventually.js';

const COUNTRY = `query($country: String!, $at: PolicyCoordinates) {
  countryStatus(country: $country, at: $at) { country tier groups effectiveAt source { citation } }
}`;
const EVALUATE = `query($input: DeterminationInput!, $at: PolicyCoordinates) { evaluate(input: $input, at: $at) { ${RESULT_FIELDS} } }`;
const ISSUE = `mutation($input: DeterminationInput!, $validAt: DateTime, $commandId: ID) {
  issueDetermination(input: $input, validAt: $validAt, commandId: $commandId) { ${DETERMINATION_FIELDS} }
}`;
const REPLAY = `query($id: ID!, $at: PolicyCoordinates) {
  replayDetermination(id: $id, at: $at) {
    changed sameState original { outcome policyVersion { stateHash } }
    replayed { outcome policyVersion { stateHash knownPosition } }
    differences { path before after } causes { changeId type effectiveAt recordedAt source { citation } }
  }
}`;
const LIST = `query($filter: DeterminationFilter) { determinations(filter: $filter, first: 50) { totalCount nodes { id outcome reference } } }`;

describe.each<StoreUnderTest>(['sqlite', 'eventstoredb-standin'])('the API over %s', (store) => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await ApiHarness.start(store);
  });
  afterAll(async () => {
    await api.stop();
  });

  describe('policy at coordinates', () => {
    it('answers tiers on the valid-time axis: none before the AI Diffusion rule, Tier 3 for China after', async () => {
      const before = await api.data(COUNTRY, { country: 'CN', at: { validAt: '2024-06-01' } });
      const after = await api.data(COUNTRY, { country: 'CN', at: { validAt: '2025-06-01' } });
      expect(before.countryStatus).toMatchObject({ tier: null, groups: expect.arrayContaining(['D:5']) });
      expect(after.countryStatus).toMatchObject({ tier: 3, effectiveAt: '2025-01-13T00:00:00.000Z' });
    });

    it('follows Cambodia out of D:5 in 2026', async () => {
      const y2025 = await api.data(COUNTRY, { country: 'KH', at: { validAt: '2025-06-01' } });
      const y2026 = await api.data(COUNTRY, { country: 'KH', at: { validAt: '2026-06-01' } });
      expect(y2025.countryStatus.groups).toContain('D:5');
      expect(y2026.countryStatus.groups).not.toContain('D:5');
    });

    it('separates legal status from enforcement around 2025-05-13', async () => {
      const query = `query($at: PolicyCoordinates) { policy(at: $at) { version { knownPosition stateHash } regimes { id legalStatus enforcementStatus } } }`;
      const may1 = await api.data(query, { at: { validAt: '2025-05-01' } });
      const june1 = await api.data(query, { at: { validAt: '2025-06-01' } });
      const regime = (view: any) => view.policy.regimes.find((r: any) => r.id === 'ai-diffusion');
      expect(regime(may1)).toMatchObject({ legalStatus: 'IN_FORCE', enforcementStatus: 'ENFORCED' });
      expect(regime(june1)).toMatchObject({ legalStatus: 'IN_FORCE', enforcementStatus: 'SUSPENDED' });
      expect(may1.policy.version.stateHash).not.toBe(june1.policy.version.stateHash);
    });

    it('knows nothing as of before the store was seeded, and publishedBy filters by source date', async () => {
      const query = `query($at: PolicyCoordinates) { policy(at: $at) { version { knownPosition } regimes { id enforcementStatus } } }`;
      const unknown = await api.data(query, { at: { validAt: '2025-06-01', knownAt: '2020-01-01' } });
      expect(unknown.policy).toEqual({ version: { knownPosition: 0 }, regimes: [] });
      const asPublished = await api.data(query, { at: { validAt: '2025-06-01', publishedBy: '2025-05-12' } });
      expect(asPublished.policy.regimes.find((r: any) => r.id === 'ai-diffusion').enforcementStatus).toBe('ENFORCED');
    });
  });

  describe('determinations', () => {
    it('evaluates without recording, then issues and records', async () => {
      const input = indiaShipment(`eval-${store}`);
      const evaluated = await api.data(EVALUATE, { input, at: { validAt: '2025-06-01' } }, 'viewer');
      expect(evaluated.evaluate).toMatchObject({ outcome: 'LICENSE_EXCEPTION', exceptions: ['LPP'] });
      const listed = await api.data(LIST, { filter: { consignee: input.consignee.id } });
      expect(listed.determinations.totalCount).toBe(0);

      const issued = (await api.data(ISSUE, { input, validAt: '2025-06-01', commandId: `issue-${store}` }, 'determiner')).issueDetermination;
      expect(issued).toMatchObject({ outcome: 'LICENSE_EXCEPTION', exceptions: ['LPP'], issuedBy: 'e2e-determiner', ledger: { LPP: 0 } });
      expect(issued.position).toBeGreaterThan(0);

      const found = await api.data(`query($id: ID!) { determination(id: $id) { id outcome reference policyVersion { stateHash } } }`, { id: issued.id });
      expect(found.determination).toEqual({
        id: issued.id,
        outcome: issued.outcome,
        reference: input.reference,
        policyVersion: { stateHash: issued.policyVersion.stateHash },
      });
      const after = await eventually(
        () => api.data(LIST, { filter: { consignee: input.consignee.id, destination: 'IN', outcome: 'LICENSE_EXCEPTION' } }),
        (d) => d.determinations.totalCount === 1,
      );
      expect(after.determinations.nodes).toEqual([{ id: issued.id, outcome: 'LICENSE_EXCEPTION', reference: input.reference }]);
    });

    it('returns the same determination for a repeated commandId and draws once', async () => {
      const input = indiaShipment(`idempotent-${store}`);
      const first = (await api.data(ISSUE, { input, validAt: '2025-06-01', commandId: 'same' }, 'determiner')).issueDetermination;
      const second = (await api.data(ISSUE, { input, validAt: '2025-06-01', commandId: 'same' }, 'determiner')).issueDetermination;
      expect(second.id).toBe(first.id);
      const third = (await api.data(ISSUE, { input, validAt: '2025-06-01', commandId: 'other' }, 'determiner')).issueDetermination;
      expect(third.ledger).toEqual({ LPP: 3_166_200 });
    });

    it('replays at the original coordinates with the same outcome and state hash', async () => {
      const input = indiaShipment(`replay-${store}`);
      const issued = (await api.data(ISSUE, { input, validAt: '2025-06-01' }, 'determiner')).issueDetermination;
      const replay = (await api.data(REPLAY, { id: issued.id }, 'viewer')).replayDetermination;
      expect(replay).toMatchObject({ changed: false, sameState: true, differences: [], causes: [] });
      expect(replay.replayed.policyVersion.stateHash).toBe(issued.policyVersion.stateHash);
    });
  });

  describe('a retroactive policy change recorded today', () => {
    it("leaves the original replay unchanged and is named as the cause at today's knowledge", async () => {
      const input = indiaShipment(`retro-${store}`);
      const issued = (await api.data(ISSUE, { input, validAt: '2025-08-01' }, 'determiner')).issueDetermination;
      const client = await api.subscriptions('viewer');
      const changes = nextEvents<any>(client, 'subscription { policyChanged { changeId type effectiveAt details } }', {}, 1);
      await changes.ready;
      const fixture = fictitiousIndiaTier3('2025-07-01');
      await api.importPolicy([fixture]);
      const [change] = await changes.events;
      await client.dispose();
      expect(change.policyChanged).toMatchObject({ changeId: `${fixture.id}#0`, type: 'CountryTierReassigned', details: { country: 'IN', tier: 3 } });

      const original = (await api.data(REPLAY, { id: issued.id }, 'viewer')).replayDetermination;
      expect(original).toMatchObject({ changed: false, sameState: true });
      const today = (await api.data(REPLAY, { id: issued.id, at: {} }, 'viewer')).replayDetermination;
      expect(today.changed).toBe(true);
      expect(today.differences).toContainEqual({ path: 'facts.destination.tier', before: 2, after: 3 });
      expect(today.causes.map((c: any) => c.changeId)).toContain(`${fixture.id}#0`);
    });
  });

  describe('subscriptions', () => {
    it('delivers determinationIssued for the destination asked', async () => {
      const client = await api.subscriptions('viewer');
      const issuedEvents = nextEvents<any>(client, 'subscription($d: String) { determinationIssued(destination: $d) { id outcome } }', { d: 'IN' }, 1);
      await issuedEvents.ready;
      const issued = (await api.data(ISSUE, { input: indiaShipment(`sub-${store}`), validAt: '2025-06-01' }, 'determiner')).issueDetermination;
      const [event] = await issuedEvents.events;
      await client.dispose();
      expect(event.determinationIssued).toEqual({ id: issued.id, outcome: issued.outcome });
    });
  });
});
