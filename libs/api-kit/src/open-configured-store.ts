import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openEventStoreDbEventStore, openMemoryEventStore, openSqliteEventStore, SqliteEventStore, type EventStore } from '#event-store';

export type EventStoreKind = 'sqlite' | 'eventstoredb' | 'memory';

export interface StoreSettings {
  kind: EventStoreKind;
  /** The SQLite file lives here, as `policy-ledger.sqlite`. */
  dataDir: string;
  connectionString?: string;
}

/** The store the settings name: the API and policyctl open it the same way. */
export function openConfiguredStore(settings: StoreSettings): EventStore {
  if (settings.kind === 'memory') return openMemoryEventStore();
  if (settings.kind === 'eventstoredb') {
    if (!settings.connectionString) throw new Error('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
    return openEventStoreDbEventStore({ connectionString: settings.connectionString });
  }
  return openSqliteEventStore({ file: join(settings.dataDir, 'policy-ledger.sqlite') });
}

/**
 * The read models live in the embedded store's own file when the store is SQLite (so rows and
 * checkpoints commit with nothing in between), else in a local file of this node.
 */
export function openReadModelDatabase(store: EventStore, settings: StoreSettings): Database.Database {
  if (store instanceof SqliteEventStore) return store.database;
  if (settings.kind === 'memory') return new Database(':memory:');
  mkdirSync(settings.dataDir, { recursive: true });
  const db = new Database(join(settings.dataDir, 'read-model.sqlite'));
  db.pragma('journal_mode = WAL');
  return db;
}
