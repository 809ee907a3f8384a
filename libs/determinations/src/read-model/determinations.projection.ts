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

/** Most events one transaction holds; bounds memory and the write lock's hold during catch-up. */
const MAX_BATCH = 1000;

/**
 * Keeps rm_determinations current from the store's feed. Rows are written in one transaction with
 * the checkpoint, so a crash never applies an event twice or skips one. Events are committed in
 * batches: while catching up, MAX_BATCH at a time (a commit per event was most of the work of a
 * fresh node over a long log); once live, whatever arrived before the event loop's next turn.
 */
@Injectable()
export class DeterminationsProjection implements BeforeApplicationShutdown {
  private readonly logger = new Logger(DeterminationsProjection.name);
  private subscription?: Subscription;
  private applied = 0;
  private batch: RecordedEvent[] = [];
  private flushScheduled = false;
  private live = false;
  private failure: unknown;

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
    this.flush();
    this.live = true;
    this.logger.log(`determinations read model ready at position ${this.applied} (resumed from ${checkpoint ?? 'the start'})`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
    this.flush();
  }

  private apply(event: RecordedEvent): void {
    if (this.failure !== undefined) throw this.failure;
    this.batch.push(event);
    if (this.batch.length >= MAX_BATCH) this.flush();
    else if (this.live && !this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flushLater());
    }
  }

  /**
   * A failed write stops the projection (readiness then reports its lag) rather than the process;
   * nothing after the failed batch is applied, so a restart resumes from the checkpoint without a gap.
   */
  private flushLater(): void {
    this.flushScheduled = false;
    try {
      this.flush();
    } catch (error) {
      this.failure = error;
      this.logger.error(`determinations read model stopped at position ${this.applied}: ${String(error)}`);
      void this.subscription?.stop();
    }
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const events = this.batch;
    this.batch = [];
    const determinations = events.map((event) => fromRecordedEvent(event));
    this.db
      .transaction(() => {
        events.forEach((event, i) => insertDetermination(this.db, determinations[i]!, (event.data as DeterminationIssued).coordinates.validAt));
        saveCheckpoint(this.db, PROJECTION_NAME, events.at(-1)!.position);
      })
      .immediate();
    this.applied = events.at(-1)!.position;
    for (const determination of determinations) this.feed.publish(DETERMINATION_ISSUED_TOPIC, determination);
  }
}
