import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore, type SqliteEventStore } from '#event-store/sqlite';
import { DETERMINATION_ISSUED, determinationStream, type DeterminationIssued } from '#domain';
import { ProjectionProcessor } from '#projections';
import { createDeterminationTables } from './determinations-table.js';
import { determinationsReadModel } from './determinations.projection.js';
import { rebuildDeterminationsReadModel } from './rebuild-read-model.js';

function issued(n: number): DeterminationIssued {
  const destination = ['IN', 'AE', 'CN'][n % 3];
  return {
    determinationId: `d-${n}`,
    policyId: 'ai-export-controls',
    input: {
      destination,
      consignee: { id: `c-${n % 4}`, country: destination, headquarters: destination },
      items: [{ kind: 'INTEGRATED_CIRCUIT', tpp: 15_831, quantity: n + 1 }],
    },
    coordinates: { validAt: `2025-0${1 + (n % 9)}-01T00:00:00.000Z`, knownAt: '2026-11-23T00:00:00.000Z', knownPosition: 200, publishedBy: null },
    ledger: {},
    result: {
      outcome: n % 2 ? 'LICENSE_REQUIRED' : 'NO_LICENSE_REQUIRED',
      reviewPolicy: null,
      exceptions: [],
      conditions: [],
      items: [],
      trace: [],
      enforcement: [],
      caveats: [],
      assumptions: [],
      facts: {},
      ledgerDraws: [],
      policyVersion: { validAt: '2025-01-01T00:00:00.000Z', knownAt: '2026-11-23T00:00:00.000Z', knownPosition: 200, publishedBy: null, stateHash: 'h' },
      engineVersion: 'test',
    },
    issuedAt: `2026-11-23T00:00:0${n % 10}.000Z`,
    issuedBy: 'tester',
    request: null,
  };
}

/** The read model as a node runs it: the declared projection, run by the processor. */
const follow = (store: SqliteEventStore) => new ProjectionProcessor(store, [determinationsReadModel()], { readModel: store.database });

const indexesOf = (db: Database.Database) =>
  db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rm_determinations' ORDER BY name").all() as {
    name: string;
    sql: string | null;
  }[];

const rowsOf = (store: SqliteEventStore) => store.database.prepare('SELECT * FROM rm_determinations ORDER BY position').all();

describe('the determinations read model', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'read-model-'));
    store = openSqliteEventStore({ file: join(dir, 'store.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilt from the store equals the one kept live, row for row', async () => {
    for (let n = 0; n < 5; n++)
      await store.append(
        determinationStream(`d-${n}`),
        [{ id: `00000000-0000-4000-8000-00000000000${n}`, type: DETERMINATION_ISSUED, data: issued(n) }],
        'no_stream',
      );
    const projection = follow(store);
    await projection.start();
    for (let n = 5; n < 9; n++)
      await store.append(
        determinationStream(`d-${n}`),
        [{ id: `00000000-0000-4000-8000-00000000000${n}`, type: DETERMINATION_ISSUED, data: issued(n) }],
        'no_stream',
      );
    for (let waited = 0; projection.appliedPosition('determinations') < 9 && waited < 2000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    await projection.stop();
    const live = rowsOf(store);
    expect(live).toHaveLength(9);

    const rebuilt = await rebuildDeterminationsReadModel(store, store.database);

    expect(rebuilt).toEqual({ position: 9, rows: 9 });
    expect(rowsOf(store)).toEqual(live);
  });

  it('resumes from its checkpoint without applying an event twice', async () => {
    await store.append(determinationStream('d-0'), [{ id: '00000000-0000-4000-8000-000000000000', type: DETERMINATION_ISSUED, data: issued(0) }], 'no_stream');
    const first = follow(store);
    await first.start();
    await first.stop();
    await store.append(determinationStream('d-1'), [{ id: '00000000-0000-4000-8000-000000000001', type: DETERMINATION_ISSUED, data: issued(1) }], 'no_stream');

    const second = follow(store);
    await second.start();
    await second.stop();

    expect(rowsOf(store)).toHaveLength(2);
    expect(second.appliedPosition('determinations')).toBe(2);
  });

  it('stops at a batch it cannot write, and a restart applies it and what followed, without a gap', async () => {
    const append = (n: number) =>
      store.append(
        determinationStream(`d-${n}`),
        [{ id: `00000000-0000-4000-8000-00000000000${n}`, type: DETERMINATION_ISSUED, data: issued(n) }],
        'no_stream',
      );
    const first = follow(store);
    await first.start();
    store.database.exec(
      "CREATE TRIGGER refuse_d4 BEFORE INSERT ON rm_determinations WHEN NEW.id = 'd-4' BEGIN SELECT RAISE(ABORT, 'disk full (injected)'); END",
    );
    for (let n = 0; n < 4; n++) await append(n);
    for (let waited = 0; first.appliedPosition('determinations') < 4 && waited < 2000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    await append(4);
    await new Promise((r) => setTimeout(r, 50));
    for (let n = 5; n < 8; n++) await append(n);
    await new Promise((r) => setTimeout(r, 50));
    await first.stop();

    expect(first.appliedPosition('determinations')).toBe(4);
    expect(rowsOf(store)).toHaveLength(4);

    store.database.exec('DROP TRIGGER refuse_d4');
    const second = follow(store);
    await second.start();
    await second.stop();
    expect(second.appliedPosition('determinations')).toBe(8);
    expect(rowsOf(store).map((row) => (row as { id: string }).id)).toEqual(['d-0', 'd-1', 'd-2', 'd-3', 'd-4', 'd-5', 'd-6', 'd-7']);
  });

  it('builds its indexes at the end of a fresh build, and at the start that resumes a fresh build stopped before its end', async () => {
    const append = (n: number) =>
      store.append(
        determinationStream(`d-${n}`),
        [{ id: `00000000-0000-4000-8000-00000000000${n}`, type: DETERMINATION_ISSUED, data: issued(n) }],
        'no_stream',
      );
    const expected = new Database(':memory:');
    createDeterminationTables(expected, true);
    const indexes = indexesOf(expected);
    expected.close();
    expect(indexes.length).toBeGreaterThan(2);
    for (let n = 0; n < 3; n++) await append(n);

    // A fresh build whose process stopped after its rows, before its end of catch-up.
    const { caughtUp: _end, ...stoppedEarly } = determinationsReadModel();
    const first = new ProjectionProcessor(store, [stoppedEarly], { readModel: store.database });
    await first.start();
    await first.stop();
    expect(indexesOf(store.database)).toEqual(indexes.filter(({ name }) => name.startsWith('sqlite_autoindex')));

    await append(3);
    const resumed = follow(store);
    await resumed.start();
    expect(indexesOf(store.database)).toEqual(indexes);
    await resumed.stop();
    expect(rowsOf(store)).toHaveLength(4);

    const rebuilt = await rebuildDeterminationsReadModel(store, store.database);
    expect(rebuilt).toEqual({ position: 4, rows: 4 });
    expect(indexesOf(store.database)).toEqual(indexes);
  });
});
