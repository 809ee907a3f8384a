import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { issuanceEventVersions, policyEventVersions } from '#domain';
import { EventSerializer, openMemoryEventStore, type EventStore } from '#event-store';
import { openEventStoreDbEventStore } from '#event-store/eventstoredb';
import { openSqliteEventStore, SqliteEventStore } from '#event-store/sqlite';

export type EventStoreKind = 'sqlite' | 'eventstoredb' | 'memory';

export interface StoreSettings {
  kind: EventStoreKind;
  /** The SQLite file lives here, as `policy-ledger.sqlite`. */
  dataDir: string;
  connectionString?: string;
  /** EventStoreDB: how long an append or read may take before it fails as retryable (the adapter's default if unset). */
  deadlineMs?: number;
}

/** The store's serializer with every stored event version the application's types declare (their owners upcast their old shapes). */
export function applicationSerializer(): EventSerializer {
  return new EventSerializer([...policyEventVersions, ...issuanceEventVersions]);
}

/**
 * The store the settings name: the API and policyctl open it the same way. `serializer`: how its
 * events read (the application's versions by default; the audit verifier reads them verbatim).
 */
export function openConfiguredStore(settings: StoreSettings, serializer = applicationSerializer()): EventStore {
  if (settings.kind === 'memory') return openMemoryEventStore({ serializer });
  if (settings.kind === 'eventstoredb') {
    if (!settings.connectionString) throw new Error('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
    return openEventStoreDbEventStore({ connectionString: settings.connectionString, deadlineMs: settings.deadlineMs, serializer });
  }
  return openSqliteEventStore({ file: join(settings.dataDir, 'policy-ledger.sqlite'), serializer });
}

/**
 * The read models' own connection: to the embedded store's file when the store is SQLite (one
 * file to back up), else to a local file of this node. Read-model commits are not fsynced
 * (synchronous=NORMAL): each commits its rows with its checkpoint, so a power loss can only take
 * back whole read-model transactions, which the projection re-applies from the store on start.
 */
export function openReadModelDatabase(store: EventStore, settings: StoreSettings): Database.Database {
  if (settings.kind === 'memory') return new Database(':memory:');
  mkdirSync(settings.dataDir, { recursive: true });
  const db = new Database(store instanceof SqliteEventStore ? store.database.name : join(settings.dataDir, 'read-model.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // A catching-up batch writes ~12 MB (1,000 determination rows): past the default 1,000-page
  // threshold, every commit ran a checkpoint of its own (copying the WAL into the file, with an
  // fsync), a quarter of a fresh node's catch-up. 64 MiB between checkpoints; the WAL file keeps
  // that size once reached.
  db.pragma('wal_autocheckpoint = 16384');
  return db;
}
