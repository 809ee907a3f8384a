import Database from 'better-sqlite3';
import { toHex } from '#audit';
import { openEventStoreDbEventStore, openSqliteEventStore, type EventStore } from '#event-store';
import { EventStoreDbStandIn } from '../support/esdb-standin/event-store-db-stand-in.js';
import { AuditTreeProjection, nativeHasher, SqliteTreeStore } from '#audit-log';

// Both stores get the same clock: recorded times are part of every leaf.
const CLOCK = () => Date.parse('2026-03-01T12:00:00.000Z');

async function write(store: EventStore): Promise<number> {
  let last = 0;
  for (let i = 0; i < 40; i++) {
    const stream = i % 5 === 0 ? 'policy-p' : `determination-d${i}`;
    const expected = i % 5 === 0 ? (i === 0 ? 'no_stream' : i / 5 - 1) : 'no_stream';
    const data = { n: i, text: `ruling ${i} ü`, nested: { z: [1, 2, { b: true, a: null }], a: 0.5 } };
    last = (
      await store.append(stream, [{ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, type: 'Recorded', data, metadata: { actor: 'a' } }], expected)
    ).position;
  }
  return last;
}

async function treeOf(store: EventStore, last: number): Promise<{ size: number; root: string }> {
  const db = new Database(':memory:');
  const projection = new AuditTreeProjection(store, new SqliteTreeStore(db, nativeHasher));
  await projection.start();
  await projection.waitFor(last, 10_000);
  await projection.stop();
  const result = { size: projection.tree.size, root: toHex(projection.tree.root()) };
  db.close();
  return result;
}

describe('the audit tree on the embedded store and on the EventStoreDB stand-in (not EventStoreDB)', () => {
  it('has the same size and root for the same sequence of writes', async () => {
    const sqlite = openSqliteEventStore({ file: ':memory:', now: CLOCK });
    const standIn = new EventStoreDbStandIn({ now: CLOCK });
    await standIn.start();
    const esdb = openEventStoreDbEventStore({ connectionString: standIn.connectionString });
    try {
      const onSqlite = await treeOf(sqlite, await write(sqlite));
      const onStandIn = await treeOf(esdb, await write(esdb));
      expect(onSqlite.size).toBe(40);
      expect(onStandIn).toEqual(onSqlite);
    } finally {
      await esdb.close();
      await sqlite.close();
      await standIn.stop();
    }
  });
});
