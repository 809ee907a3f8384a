import Database from 'better-sqlite3';
import { toHex } from '#audit';
import { openMemoryEventStore, type EventStore } from '#event-store';
import { dropCheckpoint, ProjectionProcessor } from '#projections';
import { AuditTreeProjection } from './audit-tree-projection.js';
import { nativeHasher } from './native-hasher.js';
import { SqliteTreeStore } from './sqlite-tree-store.js';

let ids = 0;
async function record(store: EventStore, count: number): Promise<void> {
  for (let n = 0; n < count; n++)
    await store.append(
      `determination-${++ids}`,
      [{ id: `00000000-0000-4000-8000-${String(ids).padStart(12, '0')}`, type: 'Recorded', data: { n } }],
      'no_stream',
    );
}

/** Size and root of a tree built in one go from a fresh database: what the others must equal. */
async function reference(store: EventStore): Promise<{ size: number; root: string }> {
  const projection = new AuditTreeProjection(store, new SqliteTreeStore(new Database(':memory:'), nativeHasher));
  await projection.start();
  await projection.stop();
  return { size: projection.tree.size, root: toHex(projection.tree.root()) };
}

describe('AuditTreeProjection on the projection processor', () => {
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

  it('forgets the leaves of a batch the processor rolled back, and applies them again on restart', async () => {
    await record(store, 5);
    const tree = new SqliteTreeStore(db, nativeHasher);
    // Stopped before the next events: left running, it could apply them live before the trigger exists.
    const first = new AuditTreeProjection(store, tree);
    await first.start();
    await first.stop();
    await record(store, 4);
    // The tree's own writes succeed; the processor's checkpoint in the same transaction does not.
    db.exec("CREATE TRIGGER refuse BEFORE UPDATE ON projection_checkpoints WHEN NEW.name = 'audit-tree@1' BEGIN SELECT RAISE(ABORT, 'refused'); END");
    const failing = new AuditTreeProjection(store, tree);
    // Not toThrow: better-sqlite3 builds its errors in the first test file's realm of this Jest worker,
    // so in any later file they are not `instanceof Error` and toThrow would report "did not throw".
    await expect(failing.start()).rejects.toHaveProperty('message', 'refused');
    expect([tree.size, tree.position]).toEqual([5, 5]);
    db.exec('DROP TRIGGER refuse');
    const again = new AuditTreeProjection(store, tree);
    await again.start();
    await again.stop();
    expect({ size: tree.size, root: toHex(tree.root()) }).toEqual(await reference(store));
  });

  it('keeps a tree it finds without a checkpoint (built before it ran on the processor), adding only what it lacks', async () => {
    await record(store, 6);
    const tree = new SqliteTreeStore(db, nativeHasher);
    const first = new AuditTreeProjection(store, tree);
    await first.start();
    await first.stop();
    dropCheckpoint(db, 'audit-tree@1');
    await record(store, 3);
    const processor = new ProjectionProcessor(store, [new AuditTreeProjection(store, new SqliteTreeStore(db, nativeHasher)).declaration], { readModel: db });
    await processor.start();
    await processor.stop();
    const resumed = new SqliteTreeStore(db, nativeHasher);
    expect({ size: resumed.size, root: toHex(resumed.root()) }).toEqual(await reference(store));
    expect(resumed.size).toBe(9);
  });
});
