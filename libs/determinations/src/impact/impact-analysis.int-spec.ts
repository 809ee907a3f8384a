import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changeToEvent, parseInstant, type DeterminationIssued, type PolicyChange, type RecordedPolicyEvent } from '#domain';
import { createDeterminationTables, insertDetermination } from '../read-model/determinations-table.js';
import { analyseImpact } from './impact-analysis.js';
import { ImpactEvaluator, type ImpactSetup } from './impact-evaluation.js';
import { ImpactRows } from './impact-rows.js';

const source = { citation: 'TEST FIXTURE', publishedAt: '2025-01-01T00:00:00.000Z' };
let position = 0;
function recorded(change: PolicyChange): RecordedPolicyEvent {
  position++;
  const event = changeToEvent(change, { changeId: `fixture#${position}`, amendmentId: 'fixture', effectiveAt: change.effectiveAt, source, rationale: 'test' });
  return { event, position, recordedAt: '2025-01-01T00:00:00.000Z' };
}

const at = (date: string) => parseInstant(date);
const policy: RecordedPolicyEvent[] = [
  recorded({ type: 'ENACT_REGIME', regime: 'r', title: 'Test regime', effectiveAt: at('2025-01-01') }),
  recorded({ type: 'REASSIGN_TIER', country: 'IN', tier: 2, effectiveAt: at('2025-01-01') }),
  recorded({
    type: 'ADD_RULE',
    effectiveAt: at('2025-01-01'),
    rule: {
      id: 'req.tier3',
      regime: 'r',
      kind: 'requirement',
      reviewPolicy: 'PRESUMPTION_OF_DENIAL',
      condition: 'destination.tier == 3.0',
      citation: '§ test',
      explanation: 'Tier 3 needs a license',
    },
  }),
];
const staged = [recorded({ type: 'REASSIGN_TIER', country: 'IN', tier: 3, effectiveAt: at('2025-07-01') }).event];

function determination(n: number, destination: string, validAt: string): DeterminationIssued {
  return {
    determinationId: `d-${n}`,
    policyId: 'p',
    input: {
      destination,
      consignee: { id: 'c', country: destination, headquarters: destination },
      items: [{ kind: 'INTEGRATED_CIRCUIT', tpp: 100, quantity: 1 }],
    },
    coordinates: { validAt },
    ledger: {},
    result: { outcome: 'NO_LICENSE_REQUIRED' },
    issuedAt: '2026-01-01T00:00:00.000Z',
    issuedBy: 'test',
  } as unknown as DeterminationIssued;
}

function recordedDeterminations(db: Database.Database): void {
  createDeterminationTables(db, true);
  const months = ['2025-03-01', '2025-06-30', '2025-07-01', '2025-09-01'];
  let n = 0;
  for (let round = 0; round < 30; round++) {
    for (const validAt of months) {
      for (const destination of ['IN', 'DE']) {
        n++;
        insertDetermination(db, determination(n, destination, at(validAt)), 1000 + n);
      }
    }
  }
}

/** The worker threads run the TypeScript sources too: they load the tests' compile-on-load hooks. */
const workerExecArgv = ['--conditions=source', '--import', fileURLToPath(new URL('../../../../test/support/ts-hooks/register-ts.mjs', import.meta.url))];

describe('analyseImpact', () => {
  const db = new Database(':memory:');
  recordedDeterminations(db);
  const dir = mkdtempSync(join(tmpdir(), 'impact-'));
  const file = new Database(join(dir, 'read-model.sqlite'));
  file.pragma('journal_mode = WAL');
  recordedDeterminations(file);
  afterAll(() => {
    file.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const setup: ImpactSetup = { policyId: 'p', recorded: policy, staged, knownAt: at('2026-11-23') };

  it("flips exactly the Indian determinations valid from the amendment's effective date", async () => {
    const report = await analyseImpact(db, setup, {}, { workers: 0 });
    expect(report.evaluated).toBe(240);
    // Before 2025-07-01 the amendment leaves the policy state as it is: nothing there is re-evaluated.
    expect(report.unchanged).toBe(120);
    expect(report.flipped).toBe(60);
    expect(report.byTransition).toEqual([{ from: 'NO_LICENSE_REQUIRED', to: 'LICENSE_REQUIRED', count: 60 }]);
    expect(report.samples[0]).toMatchObject({ determinationId: 'd-5', position: 1005 });
  });

  it('respects the valid-time window', async () => {
    const report = await analyseImpact(db, setup, { validFrom: at('2025-01-01'), validTo: at('2025-06-30') }, { workers: 0 });
    expect(report).toMatchObject({ evaluated: 120, unchanged: 120, flipped: 0, byTransition: [] });
  });

  it('knows where the amendment leaves the state as it is, and only counts the determinations valid there', () => {
    const unchanged = new ImpactEvaluator(setup).unchangedValidTimes();
    expect(unchanged).toEqual([{ from: null, to: at('2025-07-01') }]);
    const rows = new ImpactRows(db, {}, unchanged);
    expect(ImpactRows.extent(db, {})).toEqual({ first: 1001, last: 1240, count: 240 });
    expect(rows.unchangedCount()).toBe(120);
    expect(rows.read({ after: 0, upTo: 2000 }, 6).map(([id, , validAt, input]) => [id, validAt.slice(0, 10), typeof input])).toEqual([
      ['d-5', '2025-07-01', 'string'],
      ['d-6', '2025-07-01', 'string'],
      ['d-7', '2025-09-01', 'string'],
      ['d-8', '2025-09-01', 'string'],
      ['d-13', '2025-07-01', 'string'],
      ['d-14', '2025-07-01', 'string'],
    ]);
    const windowed = new ImpactRows(db, { validFrom: at('2025-06-30'), validTo: at('2025-07-01') }, unchanged);
    expect(ImpactRows.extent(db, { validFrom: at('2025-06-30'), validTo: at('2025-07-01') })).toEqual({ first: 1001, last: 1240, count: 120 });
    expect(windowed.unchangedCount()).toBe(60);
  });

  it('gives the same report from worker threads, in small batches', async () => {
    const inThread = await analyseImpact(db, setup, {}, { workers: 0 });
    const inWorkers = await analyseImpact(db, setup, {}, { workers: 2, batchSize: 7, workerExecArgv });
    expect({ ...inWorkers, elapsedMs: 0 }).toEqual({ ...inThread, elapsedMs: 0 });
  });

  it('gives the same report from worker threads reading the read model file themselves, window included', async () => {
    const inThread = await analyseImpact(db, setup, { validFrom: at('2025-06-30') }, { workers: 0 });
    expect(inThread).toMatchObject({ evaluated: 180, unchanged: 60, flipped: 60 });
    const progress: number[] = [];
    const inWorkers = await analyseImpact(
      file,
      setup,
      { validFrom: at('2025-06-30') },
      { workers: 2, batchSize: 7, workerExecArgv, onProgress: (done) => progress.push(done) },
    );
    expect({ ...inWorkers, elapsedMs: 0 }).toEqual({ ...inThread, elapsedMs: 0 });
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toBe(180);
  });
});
