import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { EVENT_STORE, LiveFeed } from '#api-kit';
import type { EventStore, RecordedEvent, Subscription } from '#event-store';
import {
  DETERMINATION_ISSUED,
  DETERMINATION_ISSUED_TOPIC,
  DETERMINATION_STREAM_PREFIX,
  fromRecordedEvent,
  type DeterminationIssued,
} from '../determination-record.js';
import { createDeterminationTables, insertDetermination, PROJECTION_NAME, readCheckpoint, saveCheckpoint } from './determinations-table.js';
import { READ_MODEL_DATABASE } from './read-model.token.js';

/**
 * Keeps rm_determinations current from the store's feed. Each row is written in one transaction
 * with the checkpoint, so a crash never applies an event twice or skips one.
 */
@Injectable()
export class DeterminationsProjection implements BeforeApplicationShutdown {
  private readonly logger = new Logger(DeterminationsProjection.name);
  private subscription?: Subscription;
  private applied = 0;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DATABASE) private readonly db: Database.Database,
    private readonly feed: LiveFeed,
  ) {}

  get appliedPosition(): number {
    return this.applied;
  }

  async start(): Promise<void> {
    createDeterminationTables(this.db);
    const checkpoint = readCheckpoint(this.db, PROJECTION_NAME);
    this.applied = checkpoint ?? 0;
    this.subscription ??= this.store.subscribe(
      { fromPosition: checkpoint, streamPrefix: DETERMINATION_STREAM_PREFIX, eventTypes: [DETERMINATION_ISSUED] },
      (event) => this.apply(event),
    );
    this.subscription.closed.catch((error: unknown) => this.logger.error(`determinations feed stopped: ${String(error)}`));
    await this.subscription.caughtUp;
    this.logger.log(`determinations read model ready at position ${this.applied} (resumed from ${checkpoint ?? 'the start'})`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  private apply(event: RecordedEvent): void {
    const determination = fromRecordedEvent(event);
    const validAt = (event.data as DeterminationIssued).coordinates.validAt;
    this.db
      .transaction(() => {
        insertDetermination(this.db, determination, validAt);
        saveCheckpoint(this.db, PROJECTION_NAME, event.position);
      })
      .immediate();
    this.applied = event.position;
    this.feed.publish(DETERMINATION_ISSUED_TOPIC, determination);
  }
}
