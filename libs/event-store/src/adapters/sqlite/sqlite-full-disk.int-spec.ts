import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '../../event-store.port.js';
import { StoreFullError, StoreUnavailableError } from '../../event-store.errors.js';
import { openSqliteEventStore, type SqliteEventStore } from './sqlite-event-store.js';

/** Two kilobytes of data per event, so a few dozen appends fill the pages left. */
const event = (i: number): NewEvent => ({ id: randomUUID(), type: 'Filled', data: { i, padding: 'x'.repeat(2048) } });

/**
 * A full disk (issue #13), simulated with SQLite's max_page_count: past it, SQLite answers
 * SQLITE_FULL exactly as it does when the file system has no room. Appends are made several per
 * turn of the event loop, so they commit in groups (one transaction) as under load.
 */
describe('SqliteEventStore on a full disk', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-ledger-full-'));
    store = openSqliteEventStore({ file: join(dir, 'events.db') });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses appends with a retryable STORE_FULL, loses no acknowledged one, writes no part of a refused one, and resumes when space returns', async () => {
    for (let i = 0; i < 5; i++) await store.append(`filler-${i}`, [event(i)], 'any');
    const pages = store.database.pragma('page_count', { simple: true }) as number;
    store.database.pragma(`max_page_count = ${pages + 20}`);

    const acknowledged = new Map<string, string[]>();
    const refused: Array<{ stream: string; events: NewEvent[]; error: unknown }> = [];
    for (let round = 0; round < 100 && refused.length === 0; round++) {
      // Four appends of three events each in one turn: one group commit.
      const appends = Array.from({ length: 4 }, (_, k) => ({ stream: `full-${round}-${k}`, events: [event(0), event(1), event(2)] }));
      const settled = await Promise.allSettled(appends.map(({ stream, events }) => store.append(stream, events, 'no_stream')));
      settled.forEach((outcome, k) => {
        const { stream, events } = appends[k]!;
        if (outcome.status === 'fulfilled')
          acknowledged.set(
            stream,
            events.map((e) => e.id),
          );
        else refused.push({ stream, events, error: outcome.reason });
      });
    }

    expect(refused.length).toBeGreaterThan(0);
    for (const { error } of refused) {
      expect(error).toBeInstanceOf(StoreFullError);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({
        code: 'STORE_FULL',
        retryable: true,
        message: expect.stringMatching(/^The event store is unavailable \(its disk is full\): could not append to "full-/),
      });
    }
    // Reads keep serving while full; every acknowledged append is whole; nothing of a refused one is there.
    for (const [stream, ids] of acknowledged) expect((await store.readStream(stream)).map((e) => e.id)).toEqual(ids);
    for (const { stream } of refused) expect(await store.readStream(stream)).toEqual([]);
    await expect(store.verify()).resolves.toMatchObject({ ok: true });
    // Readiness's question: not writable, and its probe write finds no room either.
    await expect(store.writable()).resolves.toEqual({ writable: false, reason: 'its disk is full', since: expect.any(Date) });

    // Space returns: the same appends, retried as they were, succeed without reopening the store.
    store.database.pragma(`max_page_count = ${pages + 10_000}`);
    await expect(store.writable()).resolves.toEqual({ writable: true });
    for (const { stream, events } of refused) await store.append(stream, events, 'no_stream');
    for (const { stream, events } of refused) expect((await store.readStream(stream)).map((e) => e.id)).toEqual(events.map((e) => e.id));
    const total = (await store.readAll()).length;
    expect(total).toBe(5 + 3 * (acknowledged.size + refused.length));
    await expect(store.verify()).resolves.toMatchObject({ ok: true, eventsChecked: total });
  });

  it('refuses a read-model transaction with STORE_FULL and leaves the read model as it was', async () => {
    store.database.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    store.transaction((db) => db.prepare('INSERT INTO rows (body) VALUES (?)').run('kept'));
    store.database.pragma(`max_page_count = ${store.database.pragma('page_count', { simple: true }) as number}`);

    expect(() =>
      store.transaction((db) => {
        for (let i = 0; i < 100; i++) db.prepare('INSERT INTO rows (body) VALUES (?)').run('y'.repeat(4096));
      }),
    ).toThrow(StoreFullError);
    expect(store.database.prepare('SELECT body FROM rows').pluck().all()).toEqual(['kept']);
  });
});
