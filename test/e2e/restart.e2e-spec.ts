// Restarts: after a graceful stop (SIGTERM) the API comes back with every determination it issued,
// its read model resumed from the checkpoint (nothing applied twice, nothing missed), replays that
// still reproduce the original state hash, and the policy seeded once only. After a SIGKILL, every
// determination whose issue was acknowledged is there.
import { stableId } from '#api-kit';
import type { DeterminationInput } from '#domain';
import { ApiHarness, type StoreUnderTest } from './support/api-harness.js';
import { DETERMINATION_FIELDS, H100_TPP, indiaShipment } from './support/fixtures.js';
import { eventually } from './support/eventually.js';

const ISSUE = `mutation($input: DeterminationInput!, $validAt: DateTime, $commandId: ID) {
  issueDetermination(input: $input, validAt: $validAt, commandId: $commandId) { ${DETERMINATION_FIELDS} }
}`;
const FIND = 'query($id: ID!) { determination(id: $id) { id outcome exceptions position ledger issuedAt policyVersion { stateHash knownPosition } } }';
const LIST = 'query($filter: DeterminationFilter) { determinations(filter: $filter, first: 200) { totalCount nodes { id position } } }';
const REPLAY = 'query($id: ID!) { replayDetermination(id: $id) { changed sameState replayed { outcome policyVersion { stateHash } } } }';
const POLICY_STATE = `{
  policyHistory(first: 1) { totalCount }
  policy { version { knownPosition stateHash } }
  verifyAuditTrail { ok streamsChecked eventsChecked firstBrokenAt }
}`;

const DRAW = H100_TPP * 200;

/** What a child process must never print across a restart (pino levels 50/60, SQLite errors, re-applied rows). */
const ERROR_LINES = /"level":(?:50|60)|\bERROR\b|SqliteError|UNIQUE constraint|SQLITE_CONSTRAINT|feed stopped|Unhandled/;

function chinaShipment(consigneeId: string): DeterminationInput {
  return {
    destination: 'CN',
    consignee: { id: consigneeId, name: 'Example Shenzhen Ltd', country: 'CN', headquarters: 'CN' },
    items: [{ kind: 'INTEGRATED_CIRCUIT', description: 'H100-class accelerator', tpp: H100_TPP, performanceDensity: 19.4, quantity: 8 }],
    reference: `PO-${consigneeId}`,
  };
}

/** Determinations of different kinds: two LPP draws for one consignee, one before LPP existed, and a Tier 3 destination. */
function requests(prefix: string): Array<{ input: DeterminationInput; validAt: string; commandId: string }> {
  return [
    { input: indiaShipment(`${prefix}-a`), validAt: '2025-06-01', commandId: `${prefix}-1` },
    { input: indiaShipment(`${prefix}-a`), validAt: '2025-06-01', commandId: `${prefix}-2` },
    { input: indiaShipment(`${prefix}-b`), validAt: '2025-04-01', commandId: `${prefix}-3` },
    { input: chinaShipment(`${prefix}-c`), validAt: '2025-06-01', commandId: `${prefix}-4` },
    { input: indiaShipment(`${prefix}-d`, 40), validAt: '2025-08-01', commandId: `${prefix}-5` },
  ];
}

// One data directory per store, three runs of the API on it: the first is stopped gracefully, the
// second is killed while issuing, the third starts on what the crash left.
describe.each<StoreUnderTest>(['sqlite', 'eventstoredb-standin'])('restarts over %s', (store) => {
  let api: ApiHarness;
  let policyBefore: Record<string, any>;
  /** The latest run started: stopping it removes the data directory and the stand-in, even if a later start failed. */
  let latest: ApiHarness | undefined;

  afterAll(async () => {
    await latest?.stop();
  });

  describe('a graceful restart (SIGTERM)', () => {
    let firstRun: ApiHarness;
    let issued: Array<Record<string, any>>;
    let listedBefore: Array<{ id: string; position: number }>;

    beforeAll(async () => {
      firstRun = latest = await ApiHarness.start(store);
      issued = [];
      for (const request of requests('graceful')) issued.push((await firstRun.data(ISSUE, request, 'determiner')).issueDetermination);
      // The read model is eventually consistent: wait until it holds them all before stopping.
      const listed = await eventually(
        () => firstRun.data(LIST, {}, 'viewer'),
        (d) => d.determinations.totalCount === issued.length,
      );
      expect(listed.determinations.totalCount).toBe(issued.length);
      listedBefore = listed.determinations.nodes;
      policyBefore = await firstRun.data(POLICY_STATE, {}, 'viewer');

      api = latest = await firstRun.restart();
    }, 300_000);

    it('issued what the story needs before the restart: two LPP draws for one consignee, and other outcomes', () => {
      expect(issued.map((d) => d.outcome)).toContain('LICENSE_REQUIRED');
      expect(issued[0]).toMatchObject({ outcome: 'LICENSE_EXCEPTION', ledger: { LPP: 0 } });
      expect(issued[1]).toMatchObject({ outcome: 'LICENSE_EXCEPTION', ledger: { LPP: DRAW } });
    });

    it('finds every determination by id, as it was', async () => {
      for (const before of issued) {
        const { determination } = await api.data(FIND, { id: before.id }, 'viewer');
        expect(determination).toEqual({
          id: before.id,
          outcome: before.outcome,
          exceptions: before.exceptions,
          position: before.position,
          ledger: before.ledger,
          issuedAt: before.issuedAt,
          policyVersion: { stateHash: before.policyVersion.stateHash, knownPosition: before.policyVersion.knownPosition },
        });
      }
    });

    it('lists the same determinations, once each: the read model resumed from its checkpoint', async () => {
      // No waiting: the API listens only once its read models caught up with the store.
      const listed = await api.data(LIST, {}, 'viewer');
      expect(listed.determinations.totalCount).toBe(issued.length);
      expect(listed.determinations.nodes).toEqual(listedBefore);
      expect(new Set(listed.determinations.nodes.map((n: { id: string }) => n.id)).size).toBe(issued.length);
    });

    it('printed no error, neither while stopping nor while starting (a re-applied event would fail the read model key)', () => {
      expect(firstRun.output()).not.toMatch(ERROR_LINES);
      expect(api.output()).not.toMatch(ERROR_LINES);
    });

    it('replays each at its original coordinates to the same outcome and state hash', async () => {
      for (const before of issued) {
        const { replayDetermination } = await api.data(REPLAY, { id: before.id }, 'viewer');
        expect(replayDetermination).toEqual({
          changed: false,
          sameState: true,
          replayed: { outcome: before.outcome, policyVersion: { stateHash: before.policyVersion.stateHash } },
        });
      }
    });

    it('did not seed the policy again: same history, same knowledge, audit trail intact', async () => {
      const { verifyAuditTrail: trail, ...after } = await api.data(POLICY_STATE, {}, 'viewer');
      const { verifyAuditTrail: trailBefore, ...before } = policyBefore;
      expect(after).toEqual(before);
      // The restart wrote audit checkpoints (at shutdown and at start, docs/audit.md): the log grew by those alone.
      expect(trail).toMatchObject({ ok: true, firstBrokenAt: null, streamsChecked: trailBefore.streamsChecked });
      expect(trail.eventsChecked).toBeGreaterThanOrEqual(trailBefore.eventsChecked);
    });

    it('still knows each command it handled: repeating a commandId returns the same determination and draws nothing', async () => {
      const again = (await api.data(ISSUE, requests('graceful')[1]!, 'determiner')).issueDetermination;
      expect(again).toMatchObject({ id: issued[1]!.id, position: issued[1]!.position, ledger: { LPP: DRAW } });
    });

    it('carries on: the ledger continues from the stored draws and a new determination is projected after the old ones', async () => {
      const next = (await api.data(ISSUE, { ...requests('graceful')[0]!, commandId: 'graceful-after-restart' }, 'determiner')).issueDetermination;
      expect(next).toMatchObject({ outcome: 'LICENSE_EXCEPTION', ledger: { LPP: 2 * DRAW } });
      const listed = await eventually(
        () => api.data(LIST, {}, 'viewer'),
        (d) => d.determinations.totalCount === issued.length + 1,
      );
      expect(listed.determinations.totalCount).toBe(issued.length + 1);
      expect(listed.determinations.nodes.at(-1)).toEqual({ id: next.id, position: next.position });
      expect(next.position).toBeGreaterThan(Math.max(...issued.map((d) => d.position)));
    });
  });

  describe('a crash (SIGKILL) in the middle of issuing', () => {
    const BURST = 20;
    let crashedRun: ApiHarness;
    let listedBefore: Array<{ id: string; position: number }>;
    const acknowledged: Array<Record<string, any>> = [];

    beforeAll(async () => {
      crashedRun = api;
      listedBefore = (await crashedRun.data(LIST, {}, 'viewer')).determinations.nodes;
      // Calm first; then the crash comes once 5 of 20 concurrent issues have been acknowledged.
      for (const request of requests('crash')) acknowledged.push((await crashedRun.data(ISSUE, request, 'determiner')).issueDetermination);
      const calm = acknowledged.length;
      const token = await crashedRun.token('determiner');
      let killed: Promise<void> | undefined;
      await Promise.all(
        Array.from({ length: BURST }, async (_, i) => {
          try {
            const response = await fetch(crashedRun.url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({
                query: ISSUE,
                variables: { input: indiaShipment(`crash-burst-${i}`), validAt: '2025-06-01', commandId: `crash-burst-${i}` },
              }),
            });
            const body = (await response.json()) as { data?: { issueDetermination?: Record<string, any> } };
            if (body.data?.issueDetermination) acknowledged.push(body.data.issueDetermination);
          } catch {
            // Cut off by the crash: never acknowledged, so nothing was promised about it.
          }
          if (acknowledged.length >= calm + 5) killed ??= crashedRun.terminate('SIGKILL');
        }),
      );
      await (killed ?? crashedRun.terminate('SIGKILL'));

      api = latest = await ApiHarness.start(store, { dataDir: crashedRun.dataDir, standIn: crashedRun.standIn });
    }, 300_000);

    it('has every acknowledged determination, by id and in the listing, once each', async () => {
      expect(acknowledged.length).toBeGreaterThanOrEqual(10);
      for (const before of acknowledged) {
        const { determination } = await api.data(FIND, { id: before.id }, 'viewer');
        expect(determination).toMatchObject({ id: before.id, outcome: before.outcome, position: before.position, ledger: before.ledger });
      }
      const listed = await api.data(LIST, {}, 'viewer');
      const ids: string[] = listed.determinations.nodes.map((n: { id: string }) => n.id);
      expect(ids).toEqual(expect.arrayContaining(acknowledged.map((d) => d.id)));
      expect(new Set(ids).size).toBe(ids.length);
      expect(listed.determinations.totalCount).toBe(ids.length);
    });

    it('lists exactly what the store holds, the unacknowledged ones that were committed included', async () => {
      // Ids are derived from (actor, commandId), so every determination the burst may have written can be looked up.
      const stored: Array<{ id: string; position: number }> = [];
      for (const commandId of [...requests('crash').map((r) => r.commandId), ...Array.from({ length: BURST }, (_, i) => `crash-burst-${i}`)]) {
        const { determination } = await api.data(FIND, { id: stableId('determination', 'e2e-determiner', commandId) }, 'viewer');
        if (determination) stored.push({ id: determination.id, position: determination.position });
      }
      const listed = await api.data(LIST, {}, 'viewer');
      expect(listed.determinations.nodes).toEqual([...listedBefore, ...stored.sort((a, b) => a.position - b.position)]);
    });

    it('started cleanly on the crashed data, with the policy seeded once and the audit trail intact', async () => {
      expect(api.output()).not.toMatch(ERROR_LINES);
      const state = await api.data(POLICY_STATE, {}, 'viewer');
      expect(state.policyHistory).toEqual(policyBefore.policyHistory);
      expect(state.policy.version.knownPosition).toBe(policyBefore.policy.version.knownPosition);
      expect(state.verifyAuditTrail).toMatchObject({ ok: true, firstBrokenAt: null });
    });
  });
});
