import Database from 'better-sqlite3';
import { openMemoryEventStore, type EventHandler, type EventStore, type RecordedEvent, type SubscribeOptions } from '#event-store';
import { dropCheckpoint, readCheckpoint } from './checkpoints.js';
import type { MemoryProjection, ReadModelProjection } from './projection.js';
import { ProjectionProcessor } from './projection-processor.js';

let ids = 0;
const event = (type = 'Counted', data: unknown = {}) => ({ id: `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`, type, data });

async function record(store: EventStore, stream: string, count: number, type = 'Counted'): Promise<void> {
  for (let n = 0; n < count; n++) await store.append(stream, [event(type, { n })], 'any');
}

/** A read model of how many events each stream has, with the batches it was given. */
function counts(
  options: { version?: number; failAt?: number; name?: string; streamPrefix?: string } = {},
): ReadModelProjection & { batches: number[]; prepared: boolean[]; notified: number; rollbacks: number } {
  const table = options.name ?? 'counts';
  const projection = {
    name: table,
    version: options.version ?? 1,
    events: { streamPrefix: options.streamPrefix ?? 'count-', eventTypes: ['Counted'] },
    storage: 'read-model' as const,
    batches: [] as number[],
    prepared: [] as boolean[],
    notified: 0,
    rollbacks: 0,
    prepare(db: Database.Database, fresh: boolean) {
      projection.prepared.push(fresh);
      if (fresh) db.exec(`DROP TABLE IF EXISTS ${table}`);
      db.exec(`CREATE TABLE IF NOT EXISTS ${table} (stream TEXT PRIMARY KEY, n INTEGER NOT NULL)`);
    },
    apply(events: readonly RecordedEvent[], db: Database.Database) {
      projection.batches.push(events.length);
      const upsert = db.prepare(`INSERT INTO ${table} (stream, n) VALUES (?, 1) ON CONFLICT(stream) DO UPDATE SET n = n + 1`);
      for (const recorded of events) {
        if (recorded.position === options.failAt) throw new Error(`cannot apply ${recorded.position}`);
        upsert.run(recorded.stream);
      }
    },
    committed(events: readonly RecordedEvent[]) {
      projection.notified += events.length;
    },
    rolledBack() {
      projection.rollbacks++;
    },
  };
  return projection;
}

function seen(): MemoryProjection & { positions: number[] } {
  const projection = {
    name: 'seen',
    events: { streamPrefix: ['count-', 'other-'] },
    storage: 'memory' as const,
    positions: [] as number[],
    apply(events: readonly RecordedEvent[]) {
      projection.positions.push(...events.map((recorded) => recorded.position));
    },
  };
  return projection;
}

const rows = (db: Database.Database, table = 'counts') => db.prepare(`SELECT stream, n FROM ${table} ORDER BY stream`).all();

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 2000) throw new Error('condition not met within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('ProjectionProcessor', () => {
  let store: EventStore;
  let db: Database.Database;
  beforeEach(() => {
    store = openMemoryEventStore();
    db = new Database(':memory:');
  });
  afterEach(async () => {
    db.close();
    await store.close();
  });

  it('catches up in batches of at most batchSize, each committed with its checkpoint', async () => {
    await record(store, 'count-a', 7);
    await record(store, 'other-x', 2);
    await record(store, 'count-b', 3);
    const projection = counts();
    const processor = new ProjectionProcessor(store, [projection], { readModel: db, batchSize: 4 });
    await processor.start();
    expect(projection.batches).toEqual([4, 4, 2]);
    expect(rows(db)).toEqual([
      { stream: 'count-a', n: 7 },
      { stream: 'count-b', n: 3 },
    ]);
    expect(readCheckpoint(db, 'counts@1')).toBe(12);
    expect(processor.appliedPosition('counts')).toBe(12);
    expect(projection.notified).toBe(10);
    await processor.stop();
  });

  it('resumes from its checkpoint: a second start applies only what is new', async () => {
    await record(store, 'count-a', 3);
    const first = new ProjectionProcessor(store, [counts()], { readModel: db });
    await first.start();
    await first.stop();
    await record(store, 'count-a', 2);
    const again = counts();
    const second = new ProjectionProcessor(store, [again], { readModel: db });
    await second.start();
    expect(again.prepared).toEqual([false]);
    expect(again.batches).toEqual([2]);
    expect(rows(db)).toEqual([{ stream: 'count-a', n: 5 }]);
    await second.stop();
  });

  it('rebuilds from the start at a new version (a new shape), told its tables are stale', async () => {
    await record(store, 'count-a', 3);
    const first = new ProjectionProcessor(store, [counts()], { readModel: db });
    await first.start();
    await first.stop();
    const renamed = counts({ version: 2 });
    const second = new ProjectionProcessor(store, [renamed], { readModel: db });
    await second.start();
    expect(renamed.prepared).toEqual([true]);
    expect(rows(db)).toEqual([{ stream: 'count-a', n: 3 }]);
    await second.stop();
  });

  it('reads the log once for all its read models, each from its own checkpoint and applying only its own events', async () => {
    const reads: unknown[] = [];
    const counting: EventStore = Object.assign(Object.create(store) as EventStore, {
      subscribe: (options: SubscribeOptions, handler: EventHandler) => {
        reads.push(options.fromPosition);
        return store.subscribe(options, handler);
      },
    });
    await record(store, 'count-a', 3);
    await record(store, 'other-x', 2);
    const first = new ProjectionProcessor(counting, [counts(), counts({ name: 'others', streamPrefix: 'other-' })], { readModel: db, batchSize: 2 });
    await first.start();
    await first.stop();
    expect(reads).toEqual([undefined]);
    await record(store, 'count-a', 1);
    await record(store, 'other-x', 1);
    dropCheckpoint(db, 'others@1');
    const [again, others] = [counts(), counts({ name: 'others', streamPrefix: 'other-' })];
    const second = new ProjectionProcessor(counting, [again, others], { readModel: db });
    await second.start();
    // Rebuilt from the start for `others`; `counts` skips what its checkpoint (3) says it has.
    expect(reads).toEqual([undefined, undefined]);
    expect([again.batches, others.prepared, others.batches]).toEqual([[1], [true], [3]]);
    expect([rows(db), rows(db, 'others')]).toEqual([[{ stream: 'count-a', n: 4 }], [{ stream: 'other-x', n: 3 }]]);
    await record(store, 'other-x', 1);
    await until(() => second.appliedPosition('others') === 8);
    expect([second.appliedPosition('counts'), readCheckpoint(db, 'others@1')]).toEqual([6, 8]);
    await second.stop();
    const third = new ProjectionProcessor(counting, [counts(), counts({ name: 'others', streamPrefix: 'other-' })], { readModel: db });
    await third.start();
    await third.stop();
    expect(reads).toEqual([undefined, undefined, 6]);
  });

  it("finishes a read model's catch-up once, in its own commit after the last catch-up batch and before start resolves", async () => {
    await record(store, 'count-a', 5);
    const finished: { batches: number; rows: unknown[]; inTransaction: boolean }[] = [];
    const projection = Object.assign(counts(), {
      caughtUp(readModel: Database.Database) {
        finished.push({ batches: projection.batches.length, rows: rows(readModel), inTransaction: readModel.inTransaction });
      },
    });
    const processor = new ProjectionProcessor(store, [projection], { readModel: db, batchSize: 2 });
    await processor.start();
    expect(finished).toEqual([{ batches: 3, rows: [{ stream: 'count-a', n: 5 }], inTransaction: true }]);
    await record(store, 'count-a', 1);
    await until(() => processor.appliedPosition('counts') === 6);
    await processor.stop();
    expect(finished).toHaveLength(1);
  });

  it('applies live events in batches and keeps their positions for the node feed', async () => {
    const projection = counts();
    const memory = seen();
    const processor = new ProjectionProcessor(store, [projection, memory], { readModel: db });
    await processor.start();
    await record(store, 'count-a', 2);
    await record(store, 'other-x', 1);
    await until(() => processor.appliedPosition('seen') === 3 && processor.appliedPosition('counts') === 2);
    expect(memory.positions).toEqual([1, 2, 3]);
    const [countsFollower, seenFollower] = processor.followers();
    const other = { stream: 'other-x', type: 'Counted' } as RecordedEvent;
    expect([countsFollower!.matches(other), seenFollower!.matches(other)]).toEqual([false, true]);
    expect(seenFollower!.appliedPosition()).toBe(3);
    expect(processor.streamPrefixes()).toEqual(['count-', 'other-']);
    await processor.stop();
  });

  it('stops a projection whose batch fails, its rows and checkpoint as before the batch; a restart resumes there', async () => {
    const failing = counts({ failAt: 3 });
    const processor = new ProjectionProcessor(store, [failing], { readModel: db });
    await processor.start();
    await record(store, 'count-a', 2);
    await until(() => processor.appliedPosition('counts') === 2);
    await record(store, 'count-a', 2);
    await until(() => failing.batches.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(processor.appliedPosition('counts')).toBe(2);
    expect(readCheckpoint(db, 'counts@1')).toBe(2);
    expect(rows(db)).toEqual([{ stream: 'count-a', n: 2 }]);
    expect(failing.rollbacks).toBe(1);
    await processor.stop();

    const healthy = new ProjectionProcessor(store, [counts()], { readModel: db });
    await healthy.start();
    expect(rows(db)).toEqual([{ stream: 'count-a', n: 4 }]);
    await healthy.stop();
  });

  it('keeps a batch refused for a full disk (SQLITE_FULL) and commits it by itself once space returns, the rows matching the checkpoint throughout', async () => {
    const projection = counts();
    const processor = new ProjectionProcessor(store, [projection], { readModel: db });
    await processor.start();
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    // A row per stream: a few hundred of them need pages the database may not take.
    for (let n = 0; n < 400; n++) await store.append(`count-${n}`, [event()], 'no_stream');
    await until(() => projection.batches.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const waiting = processor.appliedPosition('counts');
    expect(waiting).toBeLessThan(400);
    expect(db.prepare('SELECT COUNT(*) FROM counts').pluck().get()).toBe(waiting);
    expect(readCheckpoint(db, 'counts@1') ?? 0).toBe(waiting);

    db.pragma(`max_page_count = ${pages + 1000}`);
    for (let waited = 0; processor.appliedPosition('counts') < 400; waited += 20) {
      if (waited > 10_000) throw new Error(`still at ${processor.appliedPosition('counts')} of 400 after 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(db.prepare('SELECT COUNT(*) FROM counts').pluck().get()).toBe(400);
    expect(readCheckpoint(db, 'counts@1')).toBe(400);
    await processor.stop();
  });

  it('fails to start when a read model is declared without a database, or two projections share a name', async () => {
    await expect(new ProjectionProcessor(store, [counts()]).start()).rejects.toThrow(/no read-model database/);
    expect(() => new ProjectionProcessor(store, [counts(), counts()], { readModel: db })).toThrow(/two projections are named counts/);
  });

  it('reports no common stream prefix when one projection follows the whole log', () => {
    const everything: MemoryProjection = { name: 'all', events: {}, storage: 'memory', apply: () => undefined };
    expect(new ProjectionProcessor(store, [seen(), everything]).streamPrefixes()).toBeUndefined();
  });
});
