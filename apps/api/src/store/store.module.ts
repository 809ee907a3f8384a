import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_STORE, openConfiguredStore } from '#api-kit';
import { READ_MODEL_DATABASE } from '#determinations';
import { SqliteEventStore, type EventStore } from '#event-store';
import { AppConfig } from '../platform/index.js';

export function openStore(config: AppConfig): EventStore {
  return openConfiguredStore({ kind: config.eventStore, dataDir: config.dataDir, connectionString: config.eventStoreConnectionString });
}

/**
 * The read models live in the embedded store's own file when the store is SQLite (so rows and
 * checkpoints can commit with nothing else in between), else in a local file of this node.
 */
export function openReadModel(store: EventStore, config: AppConfig): Database.Database {
  if (store instanceof SqliteEventStore) return store.database;
  if (config.eventStore === 'memory') return new Database(':memory:');
  mkdirSync(config.dataDir, { recursive: true });
  const db = new Database(join(config.dataDir, 'read-model.sqlite'));
  db.pragma('journal_mode = WAL');
  return db;
}

@Global()
@Module({
  providers: [
    { provide: EVENT_STORE, inject: [AppConfig], useFactory: openStore },
    { provide: READ_MODEL_DATABASE, inject: [EVENT_STORE, AppConfig], useFactory: openReadModel },
  ],
  exports: [EVENT_STORE, READ_MODEL_DATABASE],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DATABASE) private readonly readModel: Database.Database,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (!(this.store instanceof SqliteEventStore) && this.readModel.open) this.readModel.close();
    await this.store.close();
  }
}
