import { join } from 'node:path';
import { openEventStoreDbEventStore, openMemoryEventStore, openSqliteEventStore, type EventStore } from '#event-store';

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
