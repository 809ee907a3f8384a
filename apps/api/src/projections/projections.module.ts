import { Inject, Logger, Module, type BeforeApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { EVENT_STORE, LiveFeed } from '#api-kit';
import { AuditLogModule, AuditRecord } from '#audit-log';
import { determinationsReadModel, DeterminationsModule, documentPlacement, READ_MODEL_DATABASE } from '#determinations';
import type { EventStore } from '#event-store';
import { AmendmentsProjection, PolicyModule, PolicyTimelines } from '#policy';
import { ProjectionProcessor } from '#projections';
import { AppConfig } from '../platform/index.js';

/**
 * This node's projections, in the order they start (the policy first: the API answers nothing
 * without it); the read models (determinations, the audit tree) share one read of the log. A new read model is declared in its own file (libs/projections/src/projection.ts
 * says how) and added to this list.
 */
function createProcessor(
  store: EventStore,
  readModel: Database.Database,
  timelines: PolicyTimelines,
  amendments: AmendmentsProjection,
  feed: LiveFeed,
  audit: AuditRecord,
  config: AppConfig,
) {
  const determinations = determinationsReadModel(feed, documentPlacement(config.eventStore));
  return new ProjectionProcessor(store, [timelines.projection, amendments.projection, determinations, ...audit.projections()], {
    readModel,
    log: new Logger(ProjectionProcessor.name),
  });
}

/** The processor that runs the projections; StartupService starts it, shutdown stops it. */
@Module({
  imports: [PolicyModule, DeterminationsModule, AuditLogModule],
  providers: [
    {
      provide: ProjectionProcessor,
      inject: [EVENT_STORE, READ_MODEL_DATABASE, PolicyTimelines, AmendmentsProjection, LiveFeed, AuditRecord, AppConfig],
      useFactory: createProcessor,
    },
  ],
  exports: [ProjectionProcessor],
})
export class ProjectionsModule implements BeforeApplicationShutdown {
  constructor(@Inject(ProjectionProcessor) private readonly processor: ProjectionProcessor) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.processor.stop();
  }
}
