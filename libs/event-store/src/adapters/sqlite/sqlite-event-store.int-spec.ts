import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent, RecordedEvent } from '../../event-store.port.js';
import { ConcurrencyError } from '../../event-store.errors.js';
import { describeEventStoreContract } from '../../testing/event-store-contract.js';
import { openSqliteEventStore, type SqliteEventStore } from './sqlite-event-store.js';
import { EventSerializer } from '../../serialization/event-serializer.js';
import { canonicalJson } from '#domain/canonical-json';

function tempFile(): { file: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'policy-ledger-sqlite-'));
  return { file: join(dir, 'events.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const event = (type: string, data: unknown): NewEvent => ({ id: randomUUID(), type, data });

describeEventStoreContract('sqlite', async () => {
  const temp = tempFile();
  return {
    open: async (options) => openSqliteEventStore({ file: temp.file, serializer: options?.serializer }),
    dispose: async () => temp.remove(),
  };
});

describe('SqliteEventStore', () => {
  let temp: ReturnType<typeof tempFile>;
  let store: SqliteEventStore;

  beforeEach(() => {
    temp = tempFile();
    store = openSqliteEventStore({ file: temp.file });
  });

  afterEach(async () => {
    await store.close();
    temp.remove();
  });

  it('uses WAL with synchronous=FULL by default, NORMAL on request', async () => {
    expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.database.pragma('synchronous', { simple: true })).toBe(2);
    const normal = openSqliteEventStore({ file: temp.file, durability: 'normal' });
    expect(normal.database.pragma('synchronous', { simple: true })).toBe(1);
    await normal.close();
  });

  it('reports exactly the event whose data was edited in the file', async () => {
    await store.append('policy-a', [event('A', { i: 0 }), event('A', { i: 1 }), event('A', { i: 2 }), event('A', { i: 3 })], 'no_stream');
    await store.append('policy-b', [event('B', { i: 0 })], 'no_stream');
    const target = (await store.readStream('policy-a'))[2]!;
    await store.close();

    const raw = new Database(temp.file);
    raw.prepare(`UPDATE events SET data = json_set(data, '$.i', 42) WHERE stream = 'policy-a' AND revision = 2`).run();
    raw.close();

    store = openSqliteEventStore({ file: temp.file });
    const expected = { stream: 'policy-a', revision: 2, position: target.position, id: target.id, reason: 'hash-mismatch' };
    await expect(store.verify('policy-a')).resolves.toMatchObject({ ok: false, broken: expected });
    await expect(store.verify()).resolves.toMatchObject({ ok: false, broken: expected });
    await expect(store.verify('policy-b')).resolves.toMatchObject({ ok: true });
  });

  it('reports the link after an event whose hash was recomputed by the editor', async () => {
    await store.append('policy-a', [event('A', { i: 0 }), event('A', { i: 1 }), event('A', { i: 2 })], 'no_stream');
    await store.close();
    const raw = new Database(temp.file);
    // Deleting an event breaks the chain at the next one.
    raw.prepare(`DELETE FROM events WHERE stream = 'policy-a' AND revision = 1`).run();
    raw.close();
    store = openSqliteEventStore({ file: temp.file });
    await expect(store.verify('policy-a')).resolves.toMatchObject({ ok: false, broken: { revision: 2, reason: 'revision-gap' } });
  });

  it('keeps recordedAt non-decreasing in position order when the clock goes back', async () => {
    await store.close();
    const clock = [Date.parse('2025-01-02T00:00:00Z'), Date.parse('2025-01-01T00:00:00Z')];
    store = openSqliteEventStore({ file: temp.file, now: () => clock.shift()! });
    await store.append('s', [event('T', {})], 'any');
    await store.append('s', [event('T', {})], 'any');
    expect((await store.readAll()).map((e) => e.recordedAt)).toEqual(['2025-01-02T00:00:00.000Z', '2025-01-02T00:00:00.000Z']);
  });

  it('commits projection rows with a checkpoint in one transaction on the same connection', async () => {
    store.database.exec('CREATE TABLE rm_test (k TEXT PRIMARY KEY, v TEXT); CREATE TABLE rm_checkpoint (id INTEGER PRIMARY KEY, position INTEGER)');
    expect(() =>
      store.transaction((db) => {
        db.prepare("INSERT INTO rm_test VALUES ('a', '1')").run();
        db.prepare('INSERT INTO rm_checkpoint VALUES (1, 7)').run();
        throw new Error('projection failed');
      }),
    ).toThrow('projection failed');
    expect(store.database.prepare('SELECT COUNT(*) FROM rm_test').pluck().get()).toBe(0);
    expect(store.database.prepare('SELECT COUNT(*) FROM rm_checkpoint').pluck().get()).toBe(0);
  });

  it('wakes a live subscription on an append by another connection (cross-process poll)', async () => {
    const seen: RecordedEvent[] = [];
    await store.close();
    store = openSqliteEventStore({ file: temp.file, crossProcessPollMs: 50 });
    const subscription = store.subscribe({}, (e) => {
      seen.push(e);
    });
    await subscription.caughtUp;
    const other = openSqliteEventStore({ file: temp.file });
    await other.append('elsewhere', [event('FromOtherProcess', {})], 'no_stream');
    await other.close();
    const deadline = Date.now() + 2000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen.map((e) => e.type)).toEqual(['FromOtherProcess']);
    await subscription.stop();
  });

  it('waits for appends without burning CPU', async () => {
    const subscription = store.subscribe({}, () => undefined);
    await subscription.caughtUp;
    // The process's CPU counts everything in this Jest worker (a collection of an earlier suite's
    // garbage, say), so the quietest of three windows is the one to judge: polling burns in all.
    const windows: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = process.cpuUsage();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const used = process.cpuUsage(before);
      windows.push((used.user + used.system) / 1000);
    }
    // An idle live subscription (plus the 250 ms data_version check) costs well under 5% of a core.
    expect(Math.min(...windows)).toBeLessThan(25);
    await subscription.stop();
  });

  it('gives a subscription with storedText the stored canonical texts, parsing data and metadata only when read, and keeping no parsed data', async () => {
    await store.append('s-1', [event('Plain', { b: [1, { d: 'x', c: null }], a: 'é' })], 'no_stream');
    await store.append('s-2', [event('Renamed', { z: 1 })], 'no_stream');
    await store.close();
    // Read by code where Renamed is at version 2: its stored data is upcast on read.
    const upcasting = openSqliteEventStore({
      file: temp.file,
      serializer: new EventSerializer([{ type: 'Renamed', version: 2, upcasters: { 1: (old: object) => ({ ...old, renamed: true }) } }]),
    });
    store = upcasting;
    const texts: RecordedEvent[] = [];
    const plain: RecordedEvent[] = [];
    for (const [storedText, into] of [
      [true, texts],
      [false, plain],
    ] as const) {
      const subscription = upcasting.subscribe({ storedText }, (e) => void into.push(e));
      await subscription.caughtUp;
      await subscription.stop();
    }
    const raw = new Database(temp.file, { readonly: true });
    expect(texts.map((e) => e.storedText)).toEqual(raw.prepare('SELECT data, metadata FROM events ORDER BY position').all());
    raw.close();
    expect(texts[0]!.storedText!.data).toBe(canonicalJson({ a: 'é', b: [1, { c: null, d: 'x' }] }));
    expect(plain.every((e) => e.storedText === undefined)).toBe(true);
    expect(texts.map((e) => ({ data: e.data, storedData: e.storedData, metadata: e.metadata }))).toEqual(
      plain.map((e) => ({ data: e.data, storedData: e.storedData, metadata: e.metadata })),
    );
    expect([texts[1]!.data, texts[1]!.storedData]).toEqual([{ z: 1, renamed: true }, { z: 1 }]);
    // Kept by nobody: every read is a parse of its own (a long catch-up holds no parsed document).
    expect(texts[0]!.data).not.toBe(texts[0]!.data);
  });

  it('lets appends committed together (group commit) succeed or fail each on its own', async () => {
    const changes = () => store.database.prepare('SELECT total_changes()').pluck().get() as number;
    const before = changes();
    const results = await Promise.allSettled([
      store.append('group-a', [event('A', {})], 'no_stream'),
      store.append('group-b', [event('B', {})], 5),
      store.append('group-c', [event('C', {})], 'no_stream'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    expect(changes() - before).toBe(2);
    expect((await store.readStream('group-a')).map((e) => e.type)).toEqual(['A']);
    expect(await store.readStream('group-b')).toEqual([]);
    expect((await store.readStream('group-c')).map((e) => e.type)).toEqual(['C']);
  });
});
