import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { EVENT_STORE, openConfiguredStore, openReadModelDatabase } from '#api-kit';
import { READ_MODEL_DATABASE } from '#determinations';
import type { EventStore } from '#event-store';
import { AppConfig } from '../platform/index.js';
import { ApiMetrics } from '../telemetry/api-metrics.js';
import { instrumentedStore } from '../telemetry/instrumented-store.js';
import { Tracing } from '../telemetry/tracing.js';

export function openStore(config: AppConfig): EventStore {
  return openConfiguredStore({
    kind: config.eventStore,
    dataDir: config.dataDir,
    connectionString: config.eventStoreConnectionString,
    deadlineMs: config.eventStoreDeadlineMs,
  });
}

export function openReadModel(store: EventStore, config: AppConfig): Database.Database {
  return openReadModelDatabase(store, { kind: config.eventStore, dataDir: config.dataDir });
}

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [AppConfig, ApiMetrics, Tracing],
      useFactory: (config: AppConfig, metrics: ApiMetrics, tracing: Tracing) => {
        const store = openStore(config);
        // METRICS=off and no OTLP endpoint: nothing to count or trace, so no proxy in every call's way.
        if (!config.telemetry.metrics && !tracing.enabled) return store;
        return instrumentedStore(store, config.telemetry.metrics ? metrics : undefined, tracing);
      },
    },
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
    if (this.readModel.open) this.readModel.close();
    await this.store.close();
  }
}
